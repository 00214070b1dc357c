"""Stage 1 (files -> Documents): formats, text normalisation, furniture stripping, bad inputs."""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.ingest.files import (
    DEFAULT_MAX_BYTES,
    Document,
    InputFailure,
    document_from_text,
    expand_inputs,
    iter_inputs,
    load_path,
    normalize_text,
    safe_one_line,
    strip_leading_furniture,
    strip_trailing_furniture,
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
DEVSET = Path(__file__).resolve().parents[1].parent / "shared" / "devset"
SEED_000 = SEEDS / "000_3a60f4b391ecc04e.txt"
SEED_001 = SEEDS / "001_d1e4cc541e38c8f1.txt"

SENTENCE = (
    "The foreign ministers of both countries met in Geneva on Tuesday to discuss a ceasefire "
    "proposal, officials said, adding that talks would continue through the week."
)
LONG_PARAGRAPH = f"{SENTENCE} {SENTENCE}"  # > 200 chars: an article paragraph
HTML_PAGE = f"""<!doctype html><html><head><title>Ministers meet in Geneva | Example News</title>
<meta property="article:published_time" content="2024-03-05T10:20:00Z">
<link rel="canonical" href="https://news.example.com/geneva-talks"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World menu</a></li></ul></nav>
<article><h1>Ministers meet in Geneva</h1><p>{LONG_PARAGRAPH}</p>
<p>{SENTENCE} Second paragraph.</p><p>{SENTENCE} Third paragraph.</p></article>
<div id="comments" class="comments"><p>Reader comment: great article, thanks!</p></div>
<footer>Copyright footer text</footer></body></html>"""


def news_please(**overrides: object) -> dict[str, object]:
    record: dict[str, object] = {
        "title": "Ministers meet in Geneva",
        "maintext": LONG_PARAGRAPH,
        "text": "raw scraped text that must lose to maintext",
        "date_publish": "2016-11-10 00:00:00",
        "url": "https://www.example.com/geneva",
        "source_domain": "www.example.com",
    }
    record.update(overrides)
    return record


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def one_doc(path: Path, **kwargs: int) -> Document:
    docs = load_path(path, **kwargs)
    assert len(docs) == 1
    return docs[0]


def input_error(path: Path, **kwargs: int) -> str:
    with pytest.raises(InputError) as info:
        load_path(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message and "\x1b" not in message
    return message


# --- formats --------------------------------------------------------------------------------------


def test_txt_takes_short_first_line_as_title_without_repeating_it(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", f"Ministers meet\r\n\r\n{LONG_PARAGRAPH}\r\n")
    doc = one_doc(path)
    assert doc.title == "Ministers meet"
    assert doc.text == f"Ministers meet\n\n{LONG_PARAGRAPH}"
    assert doc.path == str(path)
    assert doc.published is None and doc.url is None


def test_txt_first_line_too_long_is_no_title(tmp_path: Path) -> None:
    doc = one_doc(write(tmp_path / "a.txt", f"{LONG_PARAGRAPH}\n{SENTENCE}"))
    assert doc.title is None
    assert doc.text == f"{LONG_PARAGRAPH}\n{SENTENCE}"


def test_markdown_heading_becomes_title_and_is_not_prepended(tmp_path: Path) -> None:
    doc = one_doc(write(tmp_path / "a.MD", f"# Ministers meet\n\n{SENTENCE}"))
    assert doc.title == "Ministers meet"
    assert doc.text == f"# Ministers meet\n\n{SENTENCE}"


def test_html_extracts_article_and_metadata_without_chrome(tmp_path: Path) -> None:
    doc = one_doc(write(tmp_path / "page.html", HTML_PAGE))
    assert doc.title == "Ministers meet in Geneva"  # " | Example News" branding dropped
    assert doc.text.startswith("Ministers meet in Geneva\n")  # not duplicated from <h1>
    assert doc.text.count("Ministers meet in Geneva") == 1
    assert "Third paragraph." in doc.text
    for chrome in ("World menu", "Reader comment", "Copyright footer"):
        assert chrome not in doc.text
    assert doc.published == "2024-03-05"
    assert doc.url == "https://news.example.com/geneva-talks"
    assert doc.source_domain and doc.source_domain.endswith("example.com")


def test_html_gz_gives_the_same_document_as_html(tmp_path: Path) -> None:
    plain = one_doc(write(tmp_path / "page.html", HTML_PAGE))
    packed = one_doc(write(tmp_path / "page.HTM.GZ", gzip.compress(HTML_PAGE.encode())))
    assert (packed.id, packed.text, packed.title) == (plain.id, plain.text, plain.title)


def test_html_without_article_text_is_an_input_error(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.htm", "<html><head><title>T</title></head><body></body></html>")
    assert input_error(path).endswith("no article text found in HTML page")


def test_news_please_json_prefers_maintext_and_converts_the_date(tmp_path: Path) -> None:
    doc = one_doc(write(tmp_path / "a.json", json.dumps(news_please())))
    assert doc.text == f"Ministers meet in Geneva\n\n{LONG_PARAGRAPH}"
    assert doc.title == "Ministers meet in Geneva"
    assert doc.published == "2016-11-10T00:00:00"
    assert (doc.url, doc.source_domain) == ("https://www.example.com/geneva", "www.example.com")


def test_news_please_json_falls_back_to_text_and_url_domain(tmp_path: Path) -> None:
    record = news_please(maintext="  ", text=SENTENCE, source_domain=None, date_publish=None)
    doc = one_doc(write(tmp_path / "a.json", json.dumps(record)))
    assert doc.text == f"Ministers meet in Geneva\n\n{SENTENCE}"
    assert doc.source_domain == "www.example.com"
    assert doc.published is None


def test_json_list_gives_one_document_per_object(tmp_path: Path) -> None:
    records = [news_please(), news_please(title="Second", maintext=SENTENCE)]
    path = write(tmp_path / "many.json", json.dumps(records))
    docs = load_path(path)
    assert [d.title for d in docs] == ["Ministers meet in Geneva", "Second"]
    assert [d.path for d in docs] == [f"{path}[0]", f"{path}[1]"]


def test_jsonl_bad_middle_line_fails_alone_and_keeps_order(tmp_path: Path) -> None:
    lines = [json.dumps(news_please(title="One")), "", "{not json", json.dumps(news_please())]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    items = list(iter_inputs([path]))
    assert [type(item) for item in items] == [Document, InputFailure, Document]
    first, failure, last = items
    assert isinstance(first, Document) and isinstance(last, Document)
    assert (first.path, last.path) == (f"{path}:1", f"{path}:4")  # blank line 2 still counts
    assert isinstance(failure, InputFailure)
    assert failure.path == f"{path}:3"
    assert failure.error.startswith("invalid JSON")
    assert "feed.jsonl:3: invalid JSON" in input_error(path)  # load_path is strict


def test_jsonl_line_without_text_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.jsonl", json.dumps({"title": "no body"}) + "\n")
    assert "feed.jsonl:1: JSON article has no 'maintext' or 'text'" in input_error(path)


# --- ids, titles, dates, normalisation ------------------------------------------------------------


def test_id_is_stable_and_depends_only_on_text() -> None:
    a = document_from_text(SENTENCE, path="a.txt")
    b = document_from_text(SENTENCE, path="elsewhere.txt", url="https://x.test/")
    c = document_from_text(SENTENCE + " More.")
    assert a.id == b.id != c.id
    assert a.id == hashlib.sha256(a.text.encode("utf-8")).hexdigest()[:16]


def test_title_is_prepended_once() -> None:
    doc = document_from_text(SENTENCE, title="  Geneva\ttalks ")
    assert doc.title == "Geneva talks"
    assert doc.text == f"Geneva talks\n\n{SENTENCE}"
    again = document_from_text(doc.text, title="GENEVA  talks")  # case/space-insensitive match
    assert again.text == doc.text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2016-11-10 00:00:00", "2016-11-10T00:00:00"),
        ("2016-11-10", "2016-11-10"),
        ("2016-11-10T15:43", "2016-11-10T15:43:00"),
        ("2016-11-10T15:43:00.123+02:00", "2016-11-10T15:43:00"),  # zone dropped, not converted
        ("2016-13-45 00:00:00", None),
        ("10 November 2016", None),
        ("garbage", None),
        (None, None),
    ],
)
def test_news_please_date_conversion(raw: str | None, expected: str | None) -> None:
    assert document_from_text(SENTENCE, published=raw).published == expected


def test_normalisation_rules() -> None:
    raw = "\n\n  \nTitle  \r\nline\x00 with\x07 ctrl\x1b[31m red\x1b[0m\r\r\r\r\r\rend\t\n\n"
    assert normalize_text(raw) == "Title\nline with ctrl red\n\n\nend"
    assert normalize_text("a\n\n\nb") == "a\n\n\nb"  # two blank lines are kept


def test_empty_text_is_rejected() -> None:
    with pytest.raises(InputError, match="empty article"):
        document_from_text(" \n\x00\t\n")


# --- real files -----------------------------------------------------------------------------------

needs_devset = pytest.mark.skipif(not DEVSET.is_dir(), reason="../shared/devset not available")


@needs_devset
def test_devset_news_please_json() -> None:
    path = next((DEVSET / "giveme5w1h").rglob("*.json"))
    doc = one_doc(path)
    assert doc.title and doc.text.startswith(doc.title)
    assert len(doc.text) > 500
    assert doc.published and doc.published[:4].isdigit()


@needs_devset
def test_devset_gzipped_html_page() -> None:
    path = next(DEVSET.rglob("*.html.gz"))
    doc = one_doc(path)
    assert doc.title and doc.text.startswith(doc.title)
    assert len(doc.text) > 500
    assert "<div" not in doc.text and "<script" not in doc.text


@needs_devset
def test_devset_directory_loads_without_failures() -> None:
    items = list(iter_inputs([DEVSET]))
    assert len(items) >= 27
    assert not [item for item in items if isinstance(item, InputFailure)]


def test_seed_001_loses_its_page_furniture() -> None:
    doc = one_doc(SEED_001)
    headline = "China-Russia Strategic Security Consultations: Strengthening a Global Partnership"
    assert doc.text.startswith(headline + "\n\n")
    assert doc.title == headline
    for furniture in ("24.9 C", "May 19, 2025", "Beijing\n", "Candy Crush", "Manus AI"):
        assert furniture not in doc.text
    assert "September 18 to 21" in doc.text


def test_seed_000_loses_the_other_stories_closing_its_page() -> None:
    text = one_doc(SEED_000).text
    assert text.endswith("politics and security in the years to come.")
    for other_story in ("Recent Posts", "Baidu", "Chinese car dealers", "4 days ago", "Gaza"):
        assert other_story not in text


@pytest.mark.parametrize(
    "seed", sorted(p.name for p in SEEDS.glob("*.txt") if p not in (SEED_000, SEED_001))
)
def test_other_seeds_only_get_whitespace_normalisation(seed: str) -> None:
    raw = (SEEDS / seed).read_text(encoding="utf-8")
    assert one_doc(SEEDS / seed).text == normalize_text(raw)


# --- furniture heuristics on synthetic text -------------------------------------------------------


def test_furniture_rules_are_generic() -> None:
    text = "\n".join(
        [
            "18°C",
            "London",
            "2025-05-19",
            "",
            "Markets rally on trade hopes",
            "Stocks rose sharply on Tuesday as…",
            "10:45 AM",
            "",
            "Real headline stays",
            "",
            LONG_PARAGRAPH,
        ]
    )
    assert strip_leading_furniture(text) == f"Real headline stays\n\n{LONG_PARAGRAPH}"


@pytest.mark.parametrize(
    "text",
    [
        f"Geneva\n\n{LONG_PARAGRAPH}",  # a one-word dateline line alone
        f"Monday, May 19, 2025\n\nHeadline\n\n{LONG_PARAGRAPH}",  # a single date
        f"Ministers meet\nMay 19, 2025\n10:30\n\n{LONG_PARAGRAPH}",  # real headline first
        "24.9 C\nMay 19, 2025\nShort body.\nMore body.",  # no article paragraph in sight
        f"{LONG_PARAGRAPH}\n24.9 C\nMay 19, 2025\nWait for it...",  # after the first paragraph
        f"He paused...\n\n{LONG_PARAGRAPH}",  # one teaser-like line is not enough
    ],
)
def test_furniture_negative_cases_are_left_alone(text: str) -> None:
    assert strip_leading_furniture(text) == text


def test_a_closing_list_of_other_stories_goes() -> None:
    stories = [
        "Related stories",
        "Ministers meet in Geneva",
        "Talks on the border resumed on Monday after a pause of…",
        "2 hours ago",
        "Court rules on the election",
        "The country's highest court said on Friday that the...",
        "3 days ago",
    ]
    text = "\n\n".join([LONG_PARAGRAPH, "Jane Doe", *stories])
    assert strip_trailing_furniture(text) == LONG_PARAGRAPH


@pytest.mark.parametrize(
    "tail",
    [
        ["Reporting by Jane Doe; Editing by John Roe"],  # a credit line is the article's
        ["He paused...", "2 hours ago"],  # one teaser is no list of stories
        [LONG_PARAGRAPH + " And then...", LONG_PARAGRAPH + " Still..."],  # paragraphs, not teasers
        ["Talks resumed after a pause of…", "The court said that the...", LONG_PARAGRAPH],
        ["Residents described the night:", "Explosions, then silence...", "Then more..."],
        ["PUTIN: We have discussed many things...", "BIDEN: And we will discuss more..."],
    ],
)
def test_a_closing_paragraph_is_not_furniture(tail: list[str]) -> None:
    text = "\n\n".join([LONG_PARAGRAPH, *tail])
    assert strip_trailing_furniture(text) == text


def test_furniture_is_only_stripped_from_plain_text(tmp_path: Path) -> None:
    body = f"24.9 C\nBeijing\nMonday, May 19, 2025\n\n{LONG_PARAGRAPH}"
    doc = one_doc(write(tmp_path / "a.json", json.dumps(news_please(maintext=body))))
    assert "24.9 C" in doc.text
    assert one_doc(write(tmp_path / "a.txt", body)).text == LONG_PARAGRAPH


# --- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
@pytest.mark.parametrize("name", ["a.txt", "a.html", "a.json", "a.jsonl", "a.md.gz"])
def test_empty_or_whitespace_file(tmp_path: Path, content: bytes, name: str) -> None:
    data = gzip.compress(content) if name.endswith(".gz") else content
    assert input_error(write(tmp_path / name, data)).endswith(": empty article")


@pytest.mark.parametrize("content", [b"abc\x00def" * 10, bytes(range(1, 32)) * 20])
def test_binary_file(tmp_path: Path, content: bytes) -> None:
    assert input_error(write(tmp_path / "a.txt", content)).endswith("binary file, not text")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_with_bom_decodes(tmp_path: Path, encoding: str) -> None:
    text = "Café “talks” in Genève\n\nBody ✓"
    raw = text.encode(encoding)
    if encoding == "utf-16-be":
        raw = codecs.BOM_UTF16_BE + raw
    doc = one_doc(write(tmp_path / "a.txt", raw))
    assert doc.text == text


def test_cp1252_text_decodes(tmp_path: Path) -> None:
    text = "Caf\u00e9 \u201cquoted\u201d \u2013 na\u00efve \u20ac5"
    assert one_doc(write(tmp_path / "a.txt", text.encode("cp1252"))).text == text


def test_html_declared_charset_beats_the_cp1252_guess(tmp_path: Path) -> None:
    page = HTML_PAGE.replace("<head>", '<head><meta charset="windows-1251">')
    page = page.replace("Third paragraph.", "Третий абзац.")
    doc = one_doc(write(tmp_path / "ru.html", page.encode("cp1251")))
    assert "Третий абзац." in doc.text


def test_invalid_bytes_ask_for_utf8(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"Text with an undefined byte \x81 and \xff")
    assert input_error(path).endswith("not valid UTF-8 text; re-save it as UTF-8")


def test_too_large_file_message(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as fh:
        fh.truncate(7_300_000)  # sparse: no 7 MB write needed, the size check comes first
    assert DEFAULT_MAX_BYTES == 5_000_000
    assert input_error(path).endswith(
        "file is 7.3 MB, over the 5.0 MB limit; split it or raise --max-bytes"
    )
    small = write(tmp_path / "small.txt", "x" * 2000)
    assert "2000 bytes, over the 1000 bytes limit" in input_error(small, max_bytes=1000)


def test_gzip_over_the_limit_stops_inflating(tmp_path: Path) -> None:
    path = write(tmp_path / "bomb.txt.gz", gzip.compress(b"a" * 20_000_000, compresslevel=1))
    assert path.stat().st_size < DEFAULT_MAX_BYTES
    message = input_error(path)
    limit = "decompressed content is over the 5.0 MB limit; split it or raise --max-bytes"
    assert message.endswith(limit)
    small = write(tmp_path / "small.txt.gz", gzip.compress(b"a" * 2000))
    assert "over the 1000 bytes limit" in input_error(small, max_bytes=1000)


def test_corrupt_gzip(tmp_path: Path) -> None:
    path = write(tmp_path / "a.html.gz", b"\x1f\x8b\x08not really gzip")
    assert input_error(path).endswith("not a valid gzip file")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.json", "{oops", "invalid JSON at line 1, column 2"),
        ("a.json", '{"title": "x", "text": ""}', "JSON article has no 'maintext' or 'text'"),
        ("a.json", "[1]", "a.json[0]: expected a JSON object (news-please article), got int"),
        ("a.json", "[]", "no articles in file"),
        ("a.jsonl", "[1, 2]\n", "a.jsonl:1: expected a JSON object"),
        ("a.pdf", "%PDF", "unsupported file type .pdf"),
        ("a.gz", "x", "unsupported file type (none)"),
    ],
)
def test_bad_structured_input(tmp_path: Path, name: str, content: str, expected: str) -> None:
    assert expected in input_error(write(tmp_path / name, content))


def test_missing_path_and_directory_given_as_file(tmp_path: Path) -> None:
    assert "file not found" in input_error(tmp_path / "missing.txt")
    assert "file not found" in input_error(tmp_path / "missing.pdf")
    assert "is a directory, not a file" in input_error(tmp_path)
    [failure] = list(iter_inputs([tmp_path / "missing.txt"]))
    assert failure == InputFailure(str(tmp_path / "missing.txt"), "no such file or directory")


def test_glob_matching_nothing_is_a_failure(tmp_path: Path) -> None:
    pattern = str(tmp_path / "*.txt")
    [failure] = list(iter_inputs([pattern]))
    assert isinstance(failure, InputFailure)
    assert failure.path == pattern and "matches no supported files" in failure.error
    with pytest.raises(InputError):
        expand_inputs([pattern])


def test_hostile_file_name_is_escaped_in_messages(tmp_path: Path) -> None:
    path = write(tmp_path / "bad \x1b[31mname\x07 here.txt", b"")
    message = input_error(path)
    assert "\\x1b[31mname\\x07 here.txt: empty article" in message
    [failure] = list(iter_inputs([path]))
    assert isinstance(failure, InputFailure)
    assert "\x1b" not in failure.path and "\x07" not in failure.path
    assert "\\x1b" in failure.path and failure.error == "empty article"


def test_safe_one_line() -> None:
    assert safe_one_line("a\nb\tc\x1b[2Jd\u202ee") == "a b c\\x1b[2Jd\\u202ee"
    assert safe_one_line("x" * 500, limit=10) == "x" * 9 + "…"
    assert safe_one_line("Genève – “ok”") == "Genève – “ok”"


def test_iter_inputs_never_raises_and_keeps_going(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", SENTENCE)
    inputs = [tmp_path / "nope.txt", write(tmp_path / "bin.txt", b"\x00" * 10), good]
    items = list(iter_inputs([*inputs, str(tmp_path / "none-*.md")]))
    assert [type(item) for item in items] == [InputFailure, InputFailure, Document, InputFailure]


# --- expanding inputs -----------------------------------------------------------------------------


def test_directories_are_recursive_sorted_and_skip_hidden(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for name in ["b.txt", "a/z.JSON", "a/c.html.gz", "a.md", "notes.pdf", "README"]:
        write(root / name, "x")
    for hidden in [".hidden.txt", ".git/config.txt", "a/.cache/x.txt"]:
        write(root / hidden, "x")
    expected = [root / "a" / "c.html.gz", root / "a" / "z.JSON", root / "a.md", root / "b.txt"]
    assert expand_inputs([root]) == expected


def test_input_order_is_kept_and_globs_are_sorted(tmp_path: Path) -> None:
    first = write(tmp_path / "z" / "first.txt", "First\n\nA")
    write(tmp_path / "d" / "2.txt", "Two\n\nB")
    write(tmp_path / "d" / "1.txt", "One\n\nC")
    write(tmp_path / "d" / "skip.csv", "x")
    paths = expand_inputs([first, str(tmp_path / "d" / "*")])
    assert paths == [first, tmp_path / "d" / "1.txt", tmp_path / "d" / "2.txt"]
    titles = [
        item.title for item in iter_inputs([first, tmp_path / "d"]) if isinstance(item, Document)
    ]
    assert titles == ["First", "One", "Two"]


def test_explicit_hidden_file_is_read(tmp_path: Path) -> None:
    assert one_doc(write(tmp_path / ".draft.txt", SENTENCE)).text == SENTENCE
