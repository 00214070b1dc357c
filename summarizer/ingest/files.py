"""Stage 1: input files (text, Markdown, HTML, news-please JSON/JSONL, gzipped too) -> Documents.

Every later stage quotes character offsets into `Document.text`, so this module is the single place
that decides what that text is. It is deterministic: the same bytes give the same text and id.
"""

from __future__ import annotations

import codecs
import fnmatch
import glob
import gzip
import hashlib
import io
import json
import os
import re
import stat
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.settings import Document as TDocument

from summarizer.errors import InputError
from summarizer.text.dates import MONTH
from summarizer.text.lines import safe_one_line

DEFAULT_MAX_BYTES = 5_000_000
# Written by `summarizer run` into its --out directory: results there are never read back as
# articles (an --out inside the input directory would otherwise feed the next run).
OUTPUT_MARKER = ".summarizer-output"
SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".json", ".jsonl"})
_SUFFIX_HINT = ".txt, .md, .html, .htm, .json, .jsonl (optionally .gz)"
_LONG_LINE = 200  # chars: a title is at most this long, an article paragraph at least
_FURNITURE_SCAN_LINES = 40
_SNIFF_BYTES = 8192

# Order matters: the UTF-32-LE BOM starts with the UTF-16-LE one. These codecs drop the BOM.
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_BOM_CODECS = ((_UTF32_BOMS, "utf-32"), ((codecs.BOM_UTF8,), "utf-8-sig"), (_UTF16_BOMS, "utf-16"))
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([\w.:-]{1,40})", re.I)

_NEWLINES = re.compile(r"\r\n|\r|\u2028|\u2029")
# Terminal escape sequences (CSI, terminated OSC, two-byte ESC x); a lone ESC goes with _CONTROL.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]{0,512}(?:\x07|\x1b\\)|[@-Z\\-_])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BLANK_RUN = re.compile(r"\n{4,}")  # 3+ blank lines
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_MONTH = MONTH  # "Sept.", "September": the month grammar of text/dates.py
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:{_MONTH}\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
)
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,5})?"
_WEATHER = r"-?\d{1,3}(?:[.,]\d+)?\s*(?:[°º]\s*[cf]?|[cf])"
_TEASER = ("...", "…")
_AGE = r"(?:about\s+)?(?:\d{1,3}|an?|one)\s+(?:sec|min|minute|hour|hr|day|week|month|year)s?\s+ago"
# Weather, a standalone date (optionally with a time), a clock time, an age ("12 hours ago"),
# or a teaser cut off with "...".
_STRONG_FURNITURE = re.compile(
    rf"{_WEATHER}|{_WEEKDAY}{_DATE}(?:(?:,|\s+at|\s*[|·-])?\s*{_TIME})?|{_TIME}|{_AGE}"
    r"|.*(?:\.\.\.|…)",
    re.I,
)
_SHORT_HEADING_WORDS = 6  # "Recent Posts", "Related stories", a byline: a label, not a sentence
_ONE_WORD = re.compile(r"[^\W\d_][\w'’.-]{0,29}")
_SITE_SUFFIX = re.compile(r"\s+\|\s+[^|]{1,40}$")  # "Headline | CBC News"
# Fractions and a zone are accepted but dropped: the wall-clock time is kept, no tz guessing.
_ISO_DATETIME = re.compile(
    r"(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)


@dataclass(frozen=True)
class Document:
    id: str  # sha256 hex of `text` (utf-8), first 16 chars: stable id of the article
    text: str  # the exact text given to the model; all offsets refer to it
    path: str | None = None  # where it came from ("file.jsonl:3" for line 3 of a JSONL file)
    title: str | None = None
    url: str | None = None
    published: str | None = None  # "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS", None if unknown
    source_domain: str | None = None


@dataclass(frozen=True)
class InputFailure:
    path: str
    error: str  # one line, no raw control characters, says what is wrong


def normalize_text(text: str) -> str:
    """The canonical form of article text (offsets in later stages depend on it)."""
    text = _CONTROL.sub("", _ANSI.sub("", _NEWLINES.sub("\n", text)))
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_RUN.sub("\n\n\n", text).strip("\n")


def _one_line(value: str | None) -> str | None:
    return " ".join(_CONTROL.sub("", _ANSI.sub("", value)).split()) or None if value else None


def iso_date(value: str | None) -> str | None:
    """news-please/trafilatura dates -> "YYYY-MM-DD[THH:MM:SS]"; anything else -> None."""
    match = _ISO_DATETIME.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        return None
    day, clock = match.groups()
    try:
        if clock is None:
            return date.fromisoformat(day).isoformat()
        seconds = "" if len(clock) == 8 else ":00"
        return datetime.fromisoformat(f"{day}T{clock}{seconds}").isoformat()
    except ValueError:  # e.g. month 13: garbage means unknown, not an error
        return None


def _domain(url: str | None) -> str | None:
    try:
        return urlparse(url).hostname if url else None
    except ValueError:  # malformed IPv6 host
        return None


def _starts_with(body: str, title: str) -> bool:
    head = " ".join(body[: len(title) * 2 + 50].split()).casefold()
    return head.startswith(" ".join(title.split()).casefold())


def _build(text: str, title: str | None, prepend: bool, **meta: str | None) -> Document:
    body = normalize_text(text)
    if not body:
        raise InputError("empty article")
    title = _one_line(title)
    if title and prepend and not _starts_with(body, title):
        body = f"{title}\n\n{body}"
    clean = {key: _one_line(value) for key, value in meta.items() if key != "path"}
    clean["published"] = iso_date(clean.get("published"))
    doc_id = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    return Document(id=doc_id, text=body, path=meta.get("path"), title=title, **clean)


def document_from_text(
    text: str,
    *,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
    path: str | None = None,
    source_domain: str | None = None,
) -> Document:
    """Normalise `text`, prepend `title` unless the body starts with it; empty -> InputError."""
    meta = {"published": published, "url": url, "path": path, "source_domain": source_domain}
    return _build(text, title, True, **meta)


# --- leading page furniture in scraped plain text -------------------------------------------------


def _furniture_marks(lines: list[str]) -> tuple[list[bool], list[bool]]:
    """(is furniture, is strong furniture) for each non-blank line of the leading block."""
    strong = [bool(_STRONG_FURNITURE.fullmatch(line.strip())) for line in lines]
    marks = list(strong)
    for i, line in enumerate(lines):
        near_strong = (i > 0 and strong[i - 1]) or (i + 1 < len(lines) and strong[i + 1])
        next_teaser = i + 1 < len(lines) and lines[i + 1].rstrip().endswith(_TEASER)
        # A headline is only furniture when its teaser follows; a lone word only among furniture.
        if next_teaser or (near_strong and _ONE_WORD.fullmatch(line.strip())):
            marks[i] = True
    return marks, strong


def strip_leading_furniture(text: str) -> str:
    """Drop scraped page furniture (weather, dateline, teasers) above the article; conservative."""
    lines = text.split("\n")
    head = lines[:_FURNITURE_SCAN_LINES]
    block_end = next((i for i, line in enumerate(head) if len(line) >= _LONG_LINE), None)
    if block_end is None:  # no article paragraph in sight: too risky to guess
        return text
    indices = [i for i in range(block_end) if lines[i].strip()]
    marks, strong = _furniture_marks([lines[i] for i in indices])
    # Only an unbroken run of furniture from the very top goes: a real headline stops it.
    run = next((k for k, is_furniture in enumerate(marks) if not is_furniture), len(marks))
    if sum(strong[:run]) < 2:
        return text
    return "\n".join(lines[indices[run - 1] + 1 :]).lstrip("\n")


def _tail_furniture_start(lines: list[str]) -> int | None:
    """Index of the first line of a list of other stories closing the page, if there is one."""
    indices = [i for i, line in enumerate(lines) if line.strip()]
    teasers, dated, start = 0, 0, None
    for k in range(len(indices) - 1, -1, -1):
        line = lines[indices[k]].strip()
        if len(line) >= _LONG_LINE:
            break  # a paragraph of the article, whatever it ends with
        following = lines[start].strip() if start is not None else ""
        strong = bool(_STRONG_FURNITURE.fullmatch(line))
        headline = following.endswith(_TEASER)
        # A label over the list ("Recent Posts") or a byline just above it.
        label = start is not None and len(line.split()) <= _SHORT_HEADING_WORDS
        label = label and not line.endswith((".", ":", "?", "!", '"', "”"))
        if not (strong or headline or label):
            break
        teasers += line.endswith(_TEASER)
        dated += strong and not line.endswith(_TEASER)
        start = indices[k]
    # Other stories come with their age or date ("4 days ago"); an article's closing lines
    # that trail off ("Then more explosions...") do not.
    return start if teasers >= 2 and dated >= 1 else None


def strip_trailing_furniture(text: str) -> str:
    """Drop a closing list of other stories ("Recent Posts", headlines, teasers cut off with
    "...", "4 days ago"): its names and claims are not the article's. Only a run of such lines
    to the very end, with at least two teasers and a date or age, goes; the article's last
    paragraph stops it."""
    lines = text.split("\n")
    start = _tail_furniture_start(lines)
    if start is None:
        return text
    kept = "\n".join(lines[:start]).rstrip()
    return kept if len(kept.split()) >= MIN_HTML_ARTICLE_WORDS else text


# --- reading bytes safely -------------------------------------------------------------------------


def _too_large(size: int | None, limit: int) -> InputError:
    """`size` None: gzip content inflates past the limit (we stop reading, so it is unknown)."""
    shown, cap = f"{(size or 0) / 1e6:.1f} MB", f"{limit / 1e6:.1f} MB"
    if shown == cap or limit < 100_000:  # "5.0 MB, over the 5.0 MB limit" would puzzle
        shown, cap = f"{size} bytes", f"{limit} bytes"
    what = f"file is {shown}, over" if size else "decompressed content is over"
    return InputError(f"{what} the {cap} limit; split it or raise --max-bytes")


def _split_suffix(name: str) -> tuple[str, bool]:
    """(inner suffix, gzipped?), case-insensitive: "page.HTML.gz" -> (".html", True)."""
    name = name.lower()
    gz = name.endswith(".gz")
    return Path(name[:-3] if gz else name).suffix, gz


_FILE_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a directory"),
)


def _not_regular(mode: int) -> InputError:
    kind = next((name for test, name in _FILE_KINDS if test(mode)), "a special file")
    return InputError(f"{kind}, not a regular file: skipped; pass regular files only")


def _read_bytes(path: Path, max_bytes: int, gz: bool) -> bytes:
    try:
        # Non-blocking open, then a check of what was opened: opening or reading a FIFO (or a
        # device) would block the whole batch forever, and a check before opening could be
        # outrun by a rename. A regular file reads the same either way.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise _not_regular(info.st_mode)
            if (size := info.st_size) > max_bytes:
                raise _too_large(size, max_bytes)
            raw = fh.read(max_bytes + 1)  # bounded even if the file grows meanwhile
    except FileNotFoundError:
        raise InputError("file not found; check the path") from None
    except PermissionError:
        raise InputError("cannot read file: permission denied; check its permissions") from None
    except (OSError, ValueError) as exc:  # ValueError: NUL in the file name
        raise InputError(f"cannot read file: {getattr(exc, 'strerror', None) or exc}") from None
    if len(raw) > max_bytes:
        raise _too_large(len(raw), max_bytes)
    if not gz:
        return raw
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as fh:
            data = fh.read(max_bytes + 1)  # never inflate past the limit: gzip bombs
    except (OSError, EOFError, zlib.error):
        raise InputError("not a valid gzip file") from None
    if len(data) > max_bytes:
        raise _too_large(None, max_bytes)
    return data


def _declared_codec(raw: bytes) -> str | None:
    """An HTML page's <meta charset>, if Python knows it (sniffed in the first bytes only)."""
    match = _META_CHARSET.search(raw[:_SNIFF_BYTES])
    try:
        return codecs.lookup(match[1].decode("ascii")).name if match else None
    except LookupError:
        return None


def _decode(raw: bytes, html: bool = False) -> str:
    head = raw[:_SNIFF_BYTES]
    controls = sum(1 for b in head if b < 32 and b not in b"\t\n\r\f")
    # UTF-16/32 text is full of NUL bytes by design, so a wide BOM exempts it.
    if not head.startswith(_UTF32_BOMS + _UTF16_BOMS) and (
        b"\0" in head or controls > len(head) // 10
    ):
        raise InputError("binary file, not text")
    for boms, codec in _BOM_CODECS:
        if raw.startswith(boms):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                raise InputError(f"not valid {codec} text; re-save it as UTF-8") from None
    try:
        return raw.decode("utf-8")  # valid UTF-8 wins even over a (often wrong) declaration
    except UnicodeDecodeError:
        pass
    # A page's declared charset beats guessing: cp1252 would turn windows-1251 into mojibake.
    if html and (declared := _declared_codec(raw)):
        try:
            return raw.decode(declared)
        except UnicodeDecodeError:
            raise InputError(f"not valid {declared} as declared; re-save it as UTF-8") from None
    # Legacy Windows text is common in news archives. Python's strict cp1252 rejects its five
    # undefined bytes and maps no byte to a C1 control, so anything it accepts is text - but
    # Cyrillic, Greek, ... in their own single-byte encodings (KOI8-R, windows-1251) decode as
    # cp1252 too, into mojibake. Western text has few non-ASCII letters; that text has nothing
    # else, so it goes to charset-normalizer (which, the other way round, often takes Western
    # text for cp1250) or is refused.
    try:
        western = raw.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _non_ascii_letter_share(western) <= _WESTERN_NON_ASCII:
        return western
    return _detected(raw)


_WESTERN_NON_ASCII = 0.3  # French ~0.05, Icelandic ~0.15; Cyrillic read as cp1252: ~1.0
_MIN_COHERENCE = 0.2  # charset-normalizer found words of a language, not just valid bytes


def _non_ascii_letter_share(text: str) -> float:
    letters = [c for c in text[:20_000] if c.isalpha()]
    return sum(not c.isascii() for c in letters) / len(letters) if letters else 0.0


def _detected(raw: bytes) -> str:
    """Non-Latin text in a legacy encoding that charset-normalizer recognises with confidence."""
    import charset_normalizer  # only for the rare legacy file: keeps the common import light

    refused = InputError("not valid UTF-8 text; re-save it as UTF-8")
    best = charset_normalizer.from_bytes(raw).best()
    if best is None or best.coherence < _MIN_COHERENCE:
        raise refused
    try:
        text = raw.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise refused from None
    # Latin-script text was cp1252's to read; a "detection" of English with a few stray bytes
    # (or of French as cp1250) is no better than the refusal.
    if _non_ascii_letter_share(text) <= _WESTERN_NON_ASCII:
        raise refused
    return text


# --- formats --------------------------------------------------------------------------------------


def _doc_from_plain(text: str, where: str, markdown: bool) -> Document:
    body = normalize_text(strip_trailing_furniture(strip_leading_furniture(normalize_text(text))))
    first = next((line.strip() for line in body.split("\n") if line.strip()), "")
    title = first.lstrip("#").strip() if markdown else first
    # The title is the body's own first line, so it is never prepended a second time.
    return _build(body, title if len(title) <= _LONG_LINE else None, False, path=where)


# Text a reader never sees is not the article (and is where injected instructions hide).
_HIDDEN = (
    "//*[@hidden or @aria-hidden='true' or contains(translate(@style, ' ', ''), 'display:none')"
    " or contains(translate(@style, ' ', ''), 'visibility:hidden')]"
)
MIN_HTML_ARTICLE_WORDS = 40  # less than this is a sign-in page, a menu or an error page


def _visible_html(html: str) -> str:
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return html  # trafilatura reports what it cannot read
    for element in tree.xpath(_HIDDEN):
        element.drop_tree()
    return str(lxml.html.tostring(tree, encoding="unicode"))


def _doc_from_html(html: str, where: str) -> Document:
    try:
        result = trafilatura.bare_extraction(
            _visible_html(html), include_comments=False, include_tables=False, with_metadata=True
        )
    except Exception as exc:  # lxml/trafilatura raise many exception types on broken pages
        raise InputError(f"cannot parse HTML page ({type(exc).__name__})") from exc
    meta: dict[str, Any] = result.as_dict() if isinstance(result, TDocument) else result or {}
    body = meta.get("text")
    if not isinstance(body, str) or not body.strip():
        raise InputError("no article text found in HTML page")
    words = len(body.split())
    if words < MIN_HTML_ARTICLE_WORDS:
        raise InputError(f"no article text found in HTML page (only {words} words of text)")
    # The short tail after a bar is site branding, not part of the headline.
    title = _SITE_SUFFIX.sub("", meta.get("title") or "")
    domain = meta.get("hostname") or _domain(meta.get("url"))
    published, url = meta.get("date"), meta.get("url")
    return _build(body, title, True, path=where, published=published, url=url, source_domain=domain)


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _doc_from_record(obj: object, where: str) -> Document:
    """One news-please article; `maintext` is the cleaned body, `text` the fallback."""
    if not isinstance(obj, dict):
        kind = type(obj).__name__.replace("NoneType", "null")
        raise InputError(f"expected a JSON object (news-please article), got {kind}")
    body = _str_or_none(obj.get("maintext")) or _str_or_none(obj.get("text"))
    if body is None:
        raise InputError("JSON article has no 'maintext' or 'text'")
    meta = {k: _str_or_none(obj.get(k)) for k in ("title", "url", "date_publish", "source_domain")}
    domain = meta["source_domain"] or _domain(meta["url"])
    published, url = meta["date_publish"], meta["url"]
    return _build(
        body, meta["title"], True, path=where, published=published, url=url, source_domain=domain
    )


def _parse_json(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise InputError(f"invalid JSON at {where}: {exc.msg}") from None
    except (ValueError, RecursionError) as exc:
        raise InputError(f"invalid JSON ({type(exc).__name__})") from None


def _record(where: str, obj: object) -> Document | InputFailure:
    """One record of a JSON list or JSONL file: its failure must not sink its neighbours."""
    try:
        return _doc_from_record(_parse_json(obj) if isinstance(obj, str) else obj, where)
    except InputError as exc:
        return InputFailure(safe_one_line(where), safe_one_line(str(exc)))


def _iter_records(text: str, where: str, jsonl: bool) -> Iterator[Document | InputFailure]:
    records: list[tuple[str, object]]
    if jsonl:  # split("\n"), not splitlines(): U+2028 may appear raw inside a JSON string
        lines = enumerate(text.split("\n"), 1)
        records = [(f"{where}:{n}", line) for n, line in lines if line.strip()]
    elif isinstance(data := _parse_json(text), list):
        records = [(f"{where}[{i}]", obj) for i, obj in enumerate(data)]
    else:
        yield _doc_from_record(data, where)  # a lone object: its error is the file's error
        return
    if not records:
        raise InputError("no articles in file")
    for at, obj in records:
        yield _record(at, obj)


def _iter_file(path: Path, max_bytes: int) -> Iterator[Document | InputFailure]:
    if path.is_dir():
        raise InputError("is a directory, not a file; pass it as an input to read all its files")
    suffix, gz = _split_suffix(path.name)
    if suffix not in SUPPORTED_SUFFIXES and path.exists():  # "not found" is the better message
        shown = safe_one_line(suffix or "(none)", 20)
        raise InputError(f"unsupported file type {shown}; use {_SUFFIX_HINT}")
    text = _decode(_read_bytes(path, max_bytes, gz), html=suffix in (".html", ".htm"))
    if not text.strip():  # same message whatever the format, not "invalid JSON" etc.
        raise InputError("empty article")
    if suffix in (".json", ".jsonl"):
        yield from _iter_records(text, str(path), jsonl=suffix == ".jsonl")
    elif suffix in (".html", ".htm"):
        yield _doc_from_html(text, str(path))
    else:
        yield _doc_from_plain(text, str(path), markdown=suffix == ".md")


def _file_items(path: Path, max_bytes: int) -> list[Document | InputFailure]:
    try:
        return list(_iter_file(path, max_bytes))
    except InputError as exc:
        return [InputFailure(safe_one_line(str(path)), safe_one_line(str(exc)))]
    except Exception as exc:  # last resort: one broken file must never abort a whole batch
        error = f"unexpected error: {type(exc).__name__}: {exc}"
        return [InputFailure(safe_one_line(str(path)), safe_one_line(error))]


def load_path(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Document]:
    """One file -> its documents (JSON list/JSONL give many); any bad part raises InputError."""
    items = _file_items(Path(path), max_bytes)
    if failure := next((item for item in items if isinstance(item, InputFailure)), None):
        raise InputError(f"{failure.path}: {failure.error}")
    return [item for item in items if isinstance(item, Document)]


# --- many inputs ----------------------------------------------------------------------------------


def _unreadable_dir(path: Path, exc: OSError) -> InputFailure:
    reason = exc.strerror or type(exc).__name__
    return InputFailure(
        safe_one_line(str(path)),
        f"cannot read this directory: {reason}; its files were skipped: check its permissions",
    )


def _walk_dir(root: Path, unreadable: list[InputFailure] | None = None) -> list[Path]:
    def cannot_list(exc: OSError) -> None:
        if unreadable is not None:
            unreadable.append(_unreadable_dir(Path(exc.filename or root), exc))

    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=cannot_list):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]  # .git, .cache, ...
        if OUTPUT_MARKER in filenames:
            dirnames[:] = []
            continue  # results of an earlier run, not articles
        found += [Path(dirpath, f) for f in filenames if not f.startswith(".")]
    return sorted(p for p in found if _split_suffix(p.name)[0] in SUPPORTED_SUFFIXES)


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _recursive_glob(pattern: str, unreadable: list[InputFailure] | None = None) -> list[str]:
    """glob.glob(pattern, recursive=True), entering each real directory once per pattern step.

    Python's `**` follows directory symlinks without remembering where it has been: a link to
    `.` yields the same file ~40 times over, and two such links make the walk exponential.
    Here a directory is identified by (device, inode), so a loop ends where it closes, and
    directories behind symlinks are entered last: a file is found under its link-free path
    when it has one.
    """
    parts = Path(pattern).parts
    first = next(i for i, part in enumerate(parts) if glob.has_magic(part))
    prefix, steps = (str(Path(*parts[:first])) if first else ""), parts[first:]
    found: list[str] = []
    visited: set[tuple[int, int, int]] = set()
    behind_links: list[tuple[str, int]] = []

    def enter(entry: os.DirEntry[str], inner: str, step: int) -> None:
        if entry.is_symlink():
            behind_links.append((inner, step))
        else:
            walk(inner, step)

    def walk(where: str, step: int) -> None:
        try:
            info = os.stat(where or ".")
        except OSError:
            return
        if (info.st_dev, info.st_ino, step) in visited:
            return
        visited.add((info.st_dev, info.st_ino, step))
        segment, last = steps[step], step == len(steps) - 1
        try:
            with os.scandir(where or ".") as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            if unreadable is not None and not isinstance(exc, FileNotFoundError):
                unreadable.append(_unreadable_dir(Path(where or "."), exc))
            return
        if any(entry.name == OUTPUT_MARKER for entry in entries):
            return  # an output directory of `summarizer run`: results, not articles
        if segment == "**":
            if last and where:
                found.append(where)
            elif not last:
                walk(where, step + 1)  # `**` matches no directory at all
            for entry in entries:
                if _hidden(entry.name):
                    continue
                inner = os.path.join(where, entry.name)
                if _is_dir(entry):
                    enter(entry, inner, step)
                elif last:
                    found.append(inner)
            return
        for entry in entries:
            if _hidden(entry.name) and not segment.startswith("."):
                continue
            if fnmatch.fnmatchcase(entry.name, segment):
                inner = os.path.join(where, entry.name)
                if last:
                    found.append(inner)
                elif _is_dir(entry):
                    enter(entry, inner, step + 1)

    walk(prefix, 0)
    while behind_links:
        walk(*behind_links.pop(0))
    return found


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _same_file_once(paths: list[Path]) -> list[Path]:
    """Each real file once (a directory reached by two links lists its files twice), under
    the path that goes through no symlink when there is one; the order is kept."""

    def through_link(path: Path) -> bool:
        return os.path.realpath(path) != os.path.abspath(path)

    chosen: dict[tuple[int, int], int] = {}
    for index in sorted(range(len(paths)), key=lambda i: through_link(paths[i])):
        try:
            info = paths[index].stat()
        except OSError:
            continue  # loading it reports what is wrong
        chosen.setdefault((info.st_dev, info.st_ino), index)
    keep = set(chosen.values())
    return [
        path
        for index, path in enumerate(paths)
        if index in keep or not os.path.exists(path)  # a broken path stays, to be reported
    ]


def _expand_one(item: str | Path, unreadable: list[InputFailure] | None = None) -> list[Path]:
    """The files of one input; directories that cannot be listed go to `unreadable`."""
    unreadable = [] if unreadable is None else unreadable
    try:
        return _expand_path(item, unreadable)
    except OSError as exc:  # e.g. inside a directory we may not enter
        reason = exc.strerror or type(exc).__name__
        raise InputError(
            f"cannot read it: {reason}; check the permissions of the file and its directories"
        ) from None


def _expand_path(item: str | Path, unreadable: list[InputFailure]) -> list[Path]:
    path = Path(item)
    if path.is_dir():
        found = _walk_dir(path, unreadable)
    elif path.exists() or path.is_symlink():
        return [path]  # an explicit file is kept whatever its suffix: loading says what is wrong
    elif not any(c in str(item) for c in "*?["):
        raise InputError("no such file or directory")
    else:
        pattern = str(item)
        names = _recursive_glob(pattern, unreadable) if "**" in pattern else glob.glob(pattern)
        matches = sorted(Path(m) for m in names)
        found = [f for m in matches for f in (_walk_dir(m, unreadable) if m.is_dir() else [m])]
        found = [f for f in found if _split_suffix(f.name)[0] in SUPPORTED_SUFFIXES]
        marked: dict[Path, bool] = {}  # directory -> holds results of `summarizer run`
        for directory in {f.parent for f in found}:
            marked[directory] = (directory / OUTPUT_MARKER).exists()
        found = [f for f in _same_file_once(found) if not marked[f.parent]]
    if not found and not unreadable:
        raise InputError(f"matches no supported files ({_SUFFIX_HINT})")
    return found


def expand_inputs(inputs: Sequence[str | Path]) -> list[Path]:
    """Files, directories (recursive, sorted, hidden skipped), globs -> files. Raises InputError."""
    return [path for item in inputs for path in _expand_one(item)]


def iter_inputs(
    inputs: Sequence[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | InputFailure]:
    """Documents in input order; each bad file, record or unmatched input yields an InputFailure,
    and so does each directory that cannot be read (in its sorted place)."""
    for item in inputs:
        unreadable: list[InputFailure] = []
        try:
            paths = _expand_one(item, unreadable)
        except InputError as exc:
            yield InputFailure(safe_one_line(str(item)), safe_one_line(str(exc)))
            continue
        entries: list[tuple[str, Path | InputFailure]] = [(str(p), p) for p in paths]
        if unreadable:
            entries += [(f.path, f) for f in unreadable]
            entries.sort(key=lambda entry: Path(entry[0]))  # as the directory walk sorts
        for _, entry in entries:
            if isinstance(entry, InputFailure):
                yield entry
            else:
                yield from _file_items(entry, max_bytes)
