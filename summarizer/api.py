"""The public functions: one article, many inputs, a Ray dataset, a memo. Thin: the engine does
the work."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import openai

from summarizer.engine.batch import Batch, collect
from summarizer.engine.ray import summarize_dataset  # Ray itself is imported when it is called
from summarizer.engine.session import Session
from summarizer.ingest import Document, document_from_text
from summarizer.memo import Memo, build_memo
from summarizer.models import ArticleSummary, BatchItem
from summarizer.settings import Settings

__all__ = ["Memo", "build_memo", "summarize", "summarize_dataset", "summarize_many"]


def summarize(
    text: str,
    *,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
    settings: Settings | None = None,
    client: openai.OpenAI | None = None,
) -> ArticleSummary:
    """Summarize one article given as text. Raises a `SummarizerError` on failure."""
    doc = document_from_text(text, title=title, published=published, url=url)
    with Session(settings, client=client) as session:
        return session.summarize_document(doc)


def summarize_many(
    inputs: Iterable[str | Path | Document],
    *,
    settings: Settings | None = None,
    client: openai.OpenAI | None = None,
    on_result: Callable[[BatchItem], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    on_cache_error: Callable[[str], None] | None = None,
) -> list[BatchItem]:
    """Summarize files, directories, globs or Documents; results come back in input order.

    A bad item becomes an `ItemFailure` in its place and the batch goes on. `on_result` sees
    each result as it finishes. Errors that would fail every item alike (bad settings, a model
    that cannot start) stop the batch. A cache that cannot be written does not: the results
    are returned all the same, and `on_cache_error` (else the log) hears of it once.
    """
    with Session(settings, client=client, on_cache_error=on_cache_error) as session:
        items = collect(inputs, session.settings.max_bytes)
        if on_total is not None:
            on_total(len(items))
        return Batch(session, session.settings.resolved_concurrency(), on_result).run(items)
