"""The SQLite result cache: keys, round trips, and two processes writing at once."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from summarizer.engine.cache import ResultCache, cache_key
from summarizer.ingest.files import document_from_text
from summarizer.models import ArticleSummary, Event, EventKind, EventStatus, Source


def make_summary(text: str) -> ArticleSummary:
    doc = document_from_text(text)
    return ArticleSummary(
        id=doc.id,
        source=Source(text=doc.text),
        model="m",
        endpoint="embedded",
        prompt_version="p",
        event=Event(title="t", kind=EventKind.OTHER, summary="s", status=EventStatus.PLANNED),
    )


def test_key_is_order_independent_and_sensitive_to_every_part():
    base = {"text": "a", "model": "m", "prompt": "p1", "generation": {"t": 0, "n": 1}}
    assert cache_key(base) == cache_key(dict(reversed(list(base.items()))))
    for change in ({"text": "b"}, {"model": "n"}, {"prompt": "p2"}, {"generation": {"t": 1}}):
        assert cache_key({**base, **change}) != cache_key(base)


def test_round_trip_and_overwrite(tmp_path):
    cache = ResultCache(tmp_path / "c.sqlite3")
    summary = make_summary("Some article text.")
    assert cache.get("k") is None
    cache.put("k", summary)
    assert cache.get("k") == summary
    cache.put("k", summary.model_copy(update={"model": "other"}))
    got = cache.get("k")
    assert got is not None and got.model == "other" and len(cache) == 1
    cache.close()


def test_unreadable_row_is_a_miss_not_a_crash(tmp_path):
    cache = ResultCache(tmp_path / "c.sqlite3")
    cache.put("k", make_summary("text"))
    cache._db.execute("UPDATE summaries SET summary_json = '{broken'")
    assert cache.get("k") is None
    cache.close()


def test_two_processes_write_one_cache_without_corruption(tmp_path):
    path = tmp_path / "shared.sqlite3"
    ResultCache(path).close()  # create the file (and WAL mode) first
    worker = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(tmp_path)!r})
        from summarizer.engine.cache import ResultCache
        from tests_cache_helper import make
        cache = ResultCache(__import__("pathlib").Path({str(path)!r}))
        for i in range(60):
            cache.put(f"{{sys.argv[1]}}-{{i}}", make(f"{{sys.argv[1]}} article {{i}}"))
        cache.close()
        """
    )
    (tmp_path / "tests_cache_helper.py").write_text(
        "from summarizer.models import *\n"
        "from summarizer.ingest.files import document_from_text\n"
        "def make(text):\n"
        "    d = document_from_text(text)\n"
        "    return ArticleSummary(id=d.id, source=Source(text=d.text), model='m',\n"
        "        endpoint='e', prompt_version='p', event=Event(title='t', kind='other',\n"
        "        summary='s', status='planned'))\n",
        encoding="utf-8",
    )
    procs = [subprocess.Popen([sys.executable, "-c", worker, name]) for name in ("alpha", "beta")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    cache = ResultCache(path)
    assert len(cache) == 120
    hit = cache.get("beta-59")
    assert hit is not None and "beta article 59" in hit.source.text
    assert cache._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    cache.close()
