"""Distinct articles with a known valid answer, and helpers to check batches and the cache.

Every article here is the prompt's worked example (ARTICLE) plus one distinct closing sentence,
so the example's answer (ANSWER, a SummaryDraft whose quotes are all in ARTICLE) is valid for
each, and each is its own item (not a duplicate). The sentence carries a marker ("R007X") that a
routed server (fakes.routed) can recognise to answer one article differently.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from summarizer import resolve_settings
from summarizer.engine.cache import ResultCache
from summarizer.llm.prompt import example_exchange
from summarizer.models import ArticleSummary, Evidence
from summarizer.settings import Settings

from fakes.scripted import Reply

ARTICLE, ANSWER = example_exchange()


def ok(**extra: Any) -> Reply:
    """A valid answer for any article of this module."""
    return Reply(content=ANSWER, **extra)


def marker(i: int) -> str:
    return f"R{i:03d}X"


def article(i: int) -> str:
    return f"{ARTICLE}\nArchive reference {marker(i)} was filed."


def write_articles(directory: Path, count: int, start: int = 0) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        path = directory / f"a{i:03d}.txt"
        path.write_text(article(i), encoding="utf-8")
        paths.append(path)
    return paths


def settings_for(base_url: str, tmp_path: Path, **extra: Any) -> Settings:
    flags: dict[str, Any] = {
        "base_url": base_url,
        "model": "fake-model",
        "structured": "llamacpp",
        "cache_path": str(tmp_path / "cache.sqlite3"),
        "backoff_base": 0.001,
        "transport_retries": 2,
        "max_reasks": 1,
    }
    flags.update(extra)
    return resolve_settings(flags, environ={})


# --------------------------------------------------------------------------- the cache


def cache_count(path: Path) -> int:
    cache = ResultCache(path)
    try:
        return len(cache)
    finally:
        cache.close()


def cached_article_ids(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return sorted(row[0] for row in db.execute("SELECT article_id FROM summaries"))


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as db:
        return ",".join(row[0] for row in db.execute("PRAGMA integrity_check"))


# --------------------------------------------------------------------------- summaries


def all_evidence(summary: ArticleSummary) -> Iterator[Evidence]:
    yield from summary.event.evidence
    yield from summary.event.date_evidence
    for item in [*summary.participants, *summary.agenda, *summary.stances]:
        yield from item.evidence


def assert_offsets_exact(summary: ArticleSummary) -> None:
    text = summary.source.text
    spans = list(all_evidence(summary))
    assert spans, "no evidence at all"
    for ev in spans:
        assert text[ev.start : ev.end] == ev.quote, (ev.start, ev.end, ev.quote)


def strings_in(value: Any) -> Iterator[str]:
    """Every string inside a JSON-like value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def output_strings(summary: ArticleSummary, *, model_written_only: bool = False) -> list[str]:
    """Every string of a summary as users get it, except the source text itself.

    `model_written_only` also leaves out what the run's own configuration put there (the
    endpoint URL, the model name, the source's path and URL): only what came from the model or
    the validator remains.
    """
    dumped = summary.model_dump(mode="json")
    dumped["source"].pop("text")
    if model_written_only:
        for key in ("endpoint", "model", "source"):
            dumped.pop(key)
    return list(strings_in(dumped))
