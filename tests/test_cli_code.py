"""`legation code` on good and bad input: errors name the record, the rest of the batch is coded."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.slow

GOOD = {"id": "ok-1", "text": "Kenya signed a trade agreement with Uganda on Friday.", "date": "2024-03-01"}


def _lines(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_jsonl_in_jsonl_out(cli):
    res = cli("code", "--input", "-", "--output", "-", stdin=_lines(GOOD))
    assert res.exit_code == 0
    events = res.jsonl()
    assert events and events[0]["doc_id"] == "ok-1"
    assert events[0]["source"]["country"] == "KEN"


@pytest.mark.parametrize(
    "bad, needle",
    [
        ("{not json", "E001"),
        ({"text": "Kenya praised Uganda."}, "E002"),
        ({"id": "empty", "text": "   "}, "E003"),
        ({"id": "fr", "text": "Le gouvernement a annoncé que les négociations avec la France sont terminées et que "
                              "les deux pays ne sont pas d'accord sur la question des frontières."}, "E004"),
        ({"id": "bin", "text": "\x00\x01\x02\x03\x04binary\x00\x00"}, "E005"),
    ],
)
def test_bad_record_is_reported_and_batch_goes_on(cli, bad, needle):
    res = cli("code", "--input", "-", stdin=_lines(bad, GOOD))
    assert res.exit_code == 0
    assert needle in res.stderr
    assert any(e["doc_id"] == "ok-1" for e in res.jsonl())


def test_error_names_the_line(cli):
    res = cli("code", "--input", "-", stdin=_lines(GOOD, "{broken"))
    assert "<stdin>:2" in res.stderr


def test_huge_single_line_is_cut_not_fatal(cli, tmp_path):
    config = tmp_path / "legation.toml"
    config.write_text("[legation]\nmax_chars = 20000\n")  # the default cut is 100,000; keep the test quick
    big = {"id": "big", "text": ("Kenya praised Uganda for the deal. " * 160_000)}  # a 5.6 MB line
    res = cli("code", "--input", "-", "--config", str(config), stdin=_lines(big, GOOD))
    assert res.exit_code == 0
    assert "E006" in res.stderr
    assert any(e["doc_id"] == "ok-1" for e in res.jsonl())


def test_exit_is_nonzero_only_when_nothing_was_coded(cli):
    res = cli("code", "--input", "-", stdin=_lines("{bad", {"id": "x", "text": ""}))
    assert res.exit_code == 1
    assert "E030" in res.stderr


def test_article_file_prints_a_table(cli, tmp_path):
    art = tmp_path / "story.txt"
    art.write_text("Trade Pact Signed\n\nMarch 1, 2024\n\nKenya signed a trade agreement with Uganda.\n")
    res = cli("code", str(art))
    assert res.exit_code == 0
    assert "date=2024-03-01" in res.stdout
    assert "KEN" in res.stdout and "UGA" in res.stdout


def test_user_actor_file_adds_a_new_person(cli, tmp_path):
    actors = tmp_path / "mine.txt"
    actors.write_text("# our own\nZORBAN QUILLET [FRAGOV 20200101-]\n+QUILLET\n")
    rec = {"id": "u1", "text": "Zorban Quillet praised Germany on Monday.", "date": "2024-01-10"}
    res = cli("code", "--input", "-", "--actors", str(actors), stdin=_lines(rec))
    events = res.jsonl()
    assert events and events[0]["source"]["code"] == "FRAGOV"


def test_malformed_user_actor_file_names_the_line(cli, tmp_path):
    actors = tmp_path / "broken.txt"
    actors.write_text("GOOD NAME [FRA]\nNO CODE HERE\n")
    res = cli("code", "--input", "-", "--actors", str(actors), stdin=_lines(GOOD))
    assert res.exit_code == 1
    assert f"{actors}:2" in res.stderr


def test_user_verb_file_adds_a_verb(cli, tmp_path):
    verbs = tmp_path / "verbs.txt"
    verbs.write_text("---  SNUBBLE   [111]  ---\nSNUBBLE\n")
    rec = {"id": "v1", "text": "Peru snubbled Chile over the fishing quota."}
    res = cli("code", "--input", "-", "--verbs", str(verbs), stdin=_lines(rec))
    events = res.jsonl()
    assert any(e["cameo"] == "111" and e["target"]["country"] == "CHL" for e in events), res.stdout


def test_malformed_user_verb_file_names_the_line(cli, tmp_path):
    verbs = tmp_path / "verbs.txt"
    verbs.write_text("---  SNUBBLE   [111]  ---\nSNUBBLE\n- * {UNBALANCED [111]\n")
    res = cli("code", "--input", "-", "--verbs", str(verbs), stdin=_lines(GOOD))
    assert res.exit_code == 1
    assert f"{verbs}:3" in res.stderr


def test_python_api_mirrors_the_command():
    import legation

    events = legation.code_text("Kenya signed a trade agreement with Uganda.", date="2024-03-01")
    assert events and isinstance(events[0], legation.Event)
    assert (events[0].source.country, events[0].target.country) == ("KEN", "UGA")


def test_article_table_says_how_each_place_was_found(cli, tmp_path):
    article = tmp_path / "deal.txt"
    text = ("Energy deal\n\nNAIROBI, May 3 (Wire) - Kenya signed a trade agreement with Uganda in Kampala on "
            "Tuesday. Ruto later praised Museveni.\n")
    article.write_text(text, encoding="utf-8")
    res = cli("code", article)
    assert res.exit_code == 0, res.stderr
    rows = [line for line in res.stdout.splitlines() if "'signed'" in line or "'praised'" in line]
    assert any("@ Kampala (venue)" in line for line in rows if "'signed'" in line)
    guessed = [line for line in rows if "(article country)" in line]
    assert all("? (article country)" in line for line in guessed)
