"""Readers: each source format gives articles with title, date, outlet and text, or a reasoned error."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path

import pytest
from fixtures.ingest.corpus import Story, _atom, _html, _rss, _txt, _warc

from legation.ingest import Article, Problem, read_file, read_sources

STORY = Story(
    "Japan and France agree on port access",
    ["Japan and France agreed on Tuesday to open their ports to each other's navies, the two defence "
     "ministries said in a joint statement after talks in Paris.",
     "Officials said the agreement would be signed in Tokyo next month and would allow warships to refuel "
     "and take on supplies without asking for permission each time.",
     "Neither government said how many ships were expected to use the arrangement in its first year."],
    __import__("datetime").date(2024, 3, 5), "Harbor Times", "harbortimes.example", "japan-france-ports",
)  # fmt: skip


def read(path: Path) -> list[Article | Problem]:
    """Everything one file yields."""
    return list(read_file(path))


def one(path: Path) -> Article:
    """The single article a file yields."""
    [item] = read(path)
    assert isinstance(item, Article), item
    return item


def problem(path: Path) -> Problem:
    """The single problem a file yields."""
    [item] = read(path)
    assert isinstance(item, Problem), item
    return item


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    """A file under tmp_path."""
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_a_text_file_takes_its_title_from_the_first_line(tmp_path):
    assert one(write(tmp_path, "a.txt", _txt(STORY, 0))).title == STORY.title


def test_a_seed_style_date_line_gives_the_publication_date(tmp_path):
    article = one(write(tmp_path, "a.txt", _txt(STORY, 0)))
    assert (article.published, article.date_source) == ("2024-03-05", "text")


def test_header_lines_are_not_part_of_the_text(tmp_path):
    assert one(write(tmp_path, "a.txt", _txt(STORY, 1))).text == STORY.text


def test_a_source_line_names_the_outlet(tmp_path):
    assert one(write(tmp_path, "a.txt", _txt(STORY, 2))).source == "Harbor Times"


def test_a_text_file_without_a_date_has_no_publication_date(tmp_path):
    article = one(write(tmp_path, "a.txt", "Title\n\nJapan met France.\n"))
    assert (article.published, article.date_source) == (None, None)


def test_a_markdown_heading_is_the_title(tmp_path):
    assert one(write(tmp_path, "a.md", f"# {STORY.title}\n\n{STORY.text}\n")).title == STORY.title


def test_an_html_page_gives_its_main_text_without_navigation(tmp_path):
    article = one(write(tmp_path, "a.html", _html(STORY)))
    assert article.text.split("\n") == STORY.paragraphs


def test_an_html_page_gives_its_metadata(tmp_path):
    article = one(write(tmp_path, "a.html", _html(STORY)))
    assert (article.title, article.published, article.source, article.url) == (
        STORY.title, "2024-03-05", "Harbor Times", STORY.url,
    )  # fmt: skip


def test_a_truncated_html_page_is_an_error(tmp_path):
    page = _html(STORY)
    assert problem(write(tmp_path, "a.html", page[: len(page) // 2])).code == "E041"


def test_json_lines_give_one_article_per_record(tmp_path):
    lines = [json.dumps({"id": i, "text": f"Japan met France, round {i}.", "date": "2024-01-0" + str(i)})
             for i in (1, 2)]  # fmt: skip
    assert [a.published for a in read(write(tmp_path, "a.jsonl", "\n".join(lines)))] == [
        "2024-01-01",
        "2024-01-02",
    ]


def test_a_bad_json_line_is_an_error_naming_the_line(tmp_path):
    items = read(write(tmp_path, "a.jsonl", '{"id": 1, "text": "Japan met France."}\n{"id": 2, "text": \n'))
    assert [(type(i).__name__, i.location.rsplit(":", 1)[1]) for i in items] == [
        ("Article", "1"),
        ("Problem", "2"),
    ]


def test_a_record_without_text_is_an_error(tmp_path):
    assert problem(write(tmp_path, "a.jsonl", '{"id": 1, "title": "t"}\n')).code == "E003"


def test_a_record_keeps_its_own_id_apart_from_the_article_id(tmp_path):
    article = one(write(tmp_path, "a.jsonl", '{"id": "X1", "text": "Japan met France."}\n'))
    assert article.external_id == "X1" and article.id != "X1"


def test_csv_columns_map_to_the_article(tmp_path):
    text = "id,url,title,date,text,source\n7,https://a.example/x,Ports,2024-02-02,Japan met France.,Ledger\n"
    article = one(write(tmp_path, "a.csv", text))
    assert (article.title, article.published, article.source) == ("Ports", "2024-02-02", "Ledger")


def test_an_rss_feed_gives_one_article_per_item_with_its_full_content(tmp_path):
    article = one(write(tmp_path, "a.rss", _rss([STORY])))
    assert (article.text, article.published) == (STORY.text, "2024-03-05")


def test_an_atom_feed_gives_its_entries(tmp_path):
    assert one(write(tmp_path, "a.atom", _atom([STORY]))).title == STORY.title


def test_a_malformed_feed_is_an_error(tmp_path):
    text = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>t</title><description>'
    )
    assert problem(write(tmp_path, "a.xml", text)).code == "E042"


def test_xml_that_is_not_a_feed_is_an_error(tmp_path):
    assert problem(write(tmp_path, "a.xml", "<?xml version='1.0'?><note>hi</note>")).kind == "malformed_feed"


def test_a_warc_response_record_is_a_page_with_its_target_url(tmp_path):
    _warc(tmp_path / "a.warc.gz", [STORY])
    article = one(tmp_path / "a.warc.gz")
    assert (article.url, article.title) == (STORY.url, STORY.title)


def test_a_binary_file_is_an_error(tmp_path):
    assert problem(write(tmp_path, "a.txt", bytes(range(256)) * 4)).code == "E005"


def test_an_empty_file_is_an_error(tmp_path):
    assert problem(write(tmp_path, "a.txt", b"")).code == "E003"


def test_a_file_that_is_not_utf8_is_an_error_naming_the_byte(tmp_path):
    found = problem(write(tmp_path, "a.txt", "Caf\u00e9 talks\n\nMinisters met.\n".encode("cp1252")))
    assert (found.code, found.detail) == ("E043", "byte 0xe9 at offset 3")


def test_an_unsupported_file_type_is_an_error(tmp_path):
    assert problem(write(tmp_path, "a.pdf", b"%PDF-1.4 ...")).code == "E044"


def test_folders_are_read_recursively_in_name_order_without_hidden_files(tmp_path):
    write(tmp_path, "b.txt", "B\n\nJapan met France.\n")
    (tmp_path / "a").mkdir()
    write(tmp_path / "a", "c.txt", "C\n\nFrance met Japan.\n")
    write(tmp_path, ".hidden.txt", "H\n\nNothing.\n")
    assert [i.title for i in read_sources([tmp_path])] == ["C", "B"]


@pytest.fixture
def server(tmp_path):
    """A local HTTP server on 127.0.0.1 serving tmp_path/www."""
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.RequestHandlerClass.log_message = lambda *args: None
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_page_url_is_fetched_and_read(server):
    root, base = server
    write(root, "page.html", _html(STORY))
    [article] = read_sources([f"{base}/page.html"])
    assert article.title == STORY.title


def test_a_feed_url_is_fetched_and_its_entry_pages_followed(server):
    root, base = server
    write(root, "page.html", _html(STORY))
    feed = _rss([STORY]).replace(STORY.url, f"{base}/page.html").replace("<content:encoded>", "<x>")
    write(root, "feed.rss", feed.replace("</content:encoded>", "</x>"))
    [article] = read_sources([f"{base}/feed.rss"])
    assert article.text.split("\n") == STORY.paragraphs


def test_an_unreachable_url_is_an_error(server):
    _root, base = server
    [found] = read_sources([f"{base}/missing.html"])
    assert (found.code, found.kind) == ("E012", "fetch")
