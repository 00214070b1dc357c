"""Many articles at once: bounded concurrency, duplicates folded, cache first, order kept.

1. Ingest every input (bad items become failures in their place).
2. Fold duplicates: an exact copy (same text) is summarized once and reused; a near copy (same
   words, different spacing, quotes or case) reuses the first one's answer, re-grounded against
   its own text so every offset is still exact.
3. Serve what the cache has, without starting the model.
4. Send the rest to the model with at most `concurrency` requests in flight; each result is
   handed to `on_result` as it finishes (so a crash loses nothing done), and the returned list
   keeps the input order.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from queue import SimpleQueue

from summarizer.engine.session import Session, source_of
from summarizer.engine.workers import available_cpus, can_fork, run_in_processes
from summarizer.errors import ConfigError, InputError, SummarizerError
from summarizer.grounding.validate import validate
from summarizer.ingest.files import Document, InputFailure, iter_inputs
from summarizer.models import ArticleSummary, BatchItem, ItemFailure, Usage
from summarizer.text.lines import safe_one_line

log = logging.getLogger(__name__)

ResultCallback = Callable[[BatchItem], None]


def near_duplicate_key(text: str) -> str:
    """Texts that differ only in case, spacing, quote marks or punctuation share this key."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", folded))


def collect(
    inputs: Iterable[str | Path | Document], max_bytes: int
) -> list[Document | InputFailure]:
    items: list[Document | InputFailure] = []
    for item in inputs:
        if isinstance(item, Document):
            items.append(item)
        else:
            items.extend(iter_inputs([item], max_bytes=max_bytes))
    return items


class Batch:
    """One run over many items with a `Session` (see summarizer.engine.session)."""

    def __init__(
        self, session: Session, concurrency: int, on_result: ResultCallback | None
    ) -> None:
        self.session = session
        self.concurrency = max(1, concurrency)
        self.on_result = on_result
        # Set when an error (not Ctrl-C) stops the batch: requests already in flight are paid
        # for, so they may finish (into the cache) before it stops; no new one starts.
        self._drain = False

    def run(self, items: list[Document | InputFailure]) -> list[BatchItem]:
        results: list[BatchItem | None] = [None] * len(items)
        leaders, followers = self._fold_duplicates(items, results)
        pending = self._serve_from_cache(items, leaders, results)
        summarized = self._summarize(items, pending)
        try:
            for index, result in summarized:
                self._deliver(results, index, result)
        except BaseException as exc:
            # An error (the output cannot be written, say) stops the batch keeping what is paid
            # for; Ctrl-C stops it at once. Either way now, not when the traceback is freed.
            self._drain = isinstance(exc, Exception)
            summarized.close()
            raise
        for index, leader in followers.items():
            self._deliver(results, index, self._reuse(items[index], results[leader]))
        return [r for r in results if r is not None]

    # ------------------------------------------------------------------ steps

    def _fold_duplicates(
        self, items: list[Document | InputFailure], results: list[BatchItem | None]
    ) -> tuple[list[int], dict[int, int]]:
        leaders: list[int] = []
        followers: dict[int, int] = {}
        first_by_key: dict[str, int] = {}
        for index, item in enumerate(items):
            if isinstance(item, InputFailure):
                failure = ItemFailure(path=item.path, error=item.error, kind=InputError.code)
                self._deliver(results, index, failure)
                continue
            key = near_duplicate_key(item.text)
            if key in first_by_key:
                followers[index] = first_by_key[key]
            else:
                first_by_key[key] = index
                leaders.append(index)
        return leaders, followers

    def _serve_from_cache(
        self,
        items: list[Document | InputFailure],
        leaders: list[int],
        results: list[BatchItem | None],
    ) -> list[int]:
        pending = []
        for index in leaders:
            doc = _document(items[index])
            hit = self.session.cached(doc)
            if hit is not None:
                self._deliver(results, index, hit)
            else:
                pending.append(index)
        return pending

    def _summarize(
        self, items: list[Document | InputFailure], pending: list[int]
    ) -> Generator[tuple[int, BatchItem], None, None]:
        if not pending:
            return
        processes = self._processes(len(pending))
        if processes > 1:
            yield from run_in_processes(
                self.session.settings,
                items,
                pending,
                processes=processes,
                concurrency=self.concurrency,
                work=summarize_item,
                on_cache_error=self.session.report_cache_error,
                drain=lambda: self._drain,
            )
            return
        # Start the model (the embedded server) here, in this thread, before any worker runs.
        self.session.extractor()
        queue = iter(pending)
        pool = ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="summarize")
        # Finished futures arrive on a queue: `concurrent.futures.wait` would install and remove
        # a waiter on every running future for each result, O(concurrency) work per article.
        finished: SimpleQueue[Future[BatchItem]] = SimpleQueue()
        running: dict[Future[BatchItem], int] = {}

        def start(index: int) -> None:
            future = pool.submit(self._one, items[index])
            running[future] = index
            future.add_done_callback(finished.put)

        try:
            for index in queue:
                start(index)
                if len(running) >= self.concurrency:
                    break
            while running:
                future = finished.get()
                index = running.pop(future)
                result = future.result()
                # Refill the slot before handing the result on: delivering it (writing files,
                # a progress line) then overlaps the next request instead of delaying it.
                next_index = next(queue, None)
                if next_index is not None:
                    start(next_index)
                yield index, result
        except BaseException as exc:
            # Ctrl-C: do not wait for requests in flight; closing the session (stopping the
            # server, closing the client) makes them end at once. An error that stops the batch
            # (a full output disk, a settings error): the requests in flight are paid for, so
            # they finish into the cache first, and no new one starts.
            stopping = isinstance(exc, GeneratorExit) and self._drain
            pool.shutdown(wait=isinstance(exc, Exception) or stopping, cancel_futures=True)
            raise
        pool.shutdown(wait=True)

    def _processes(self, pending: int) -> int:
        if self.session.has_injected_client or not can_fork():
            return 1  # the caller's client cannot be shared with other processes
        return self.session.settings.resolved_processes(pending, available_cpus())

    def _one(self, item: Document | InputFailure) -> BatchItem:
        return summarize_item(self.session, _document(item))

    def _reuse(self, item: Document | InputFailure, leader: BatchItem | None) -> BatchItem:
        doc = _document(item)
        if not isinstance(leader, ArticleSummary):
            error = leader.error if leader is not None else "duplicate of an item that failed"
            return ItemFailure(path=doc.path, id=doc.id, error=error, kind="duplicate")
        return rebase(leader, doc)

    def _deliver(self, results: list[BatchItem | None], index: int, result: BatchItem) -> None:
        results[index] = result
        if self.on_result is not None:
            self.on_result(result)


def _document(item: Document | InputFailure) -> Document:
    """Only documents are scheduled; an input failure reaching here is a bug, said plainly."""
    if not isinstance(item, Document):
        raise TypeError(f"an input that failed to load was scheduled: {item.path}")
    return item


def summarize_item(session: Session, doc: Document) -> BatchItem:
    """One article, fresh from the model: a summary, or a failure in its place.

    Errors that would fail every item alike (bad settings) are raised: they stop the batch.
    """
    try:
        return session.summarize_document(doc, use_cache_lookup=False)
    except ConfigError:
        raise
    except SummarizerError as exc:
        error = safe_one_line(str(exc), 500)
        return ItemFailure(path=doc.path, id=doc.id, error=error, kind=exc.code, usage=exc.usage)


def batch_usage(results: list[BatchItem]) -> Usage:
    """What the batch cost: fresh summaries and failures; cached results and duplicates are free."""
    total = Usage()
    for r in results:
        if isinstance(r, ItemFailure) or not (r.cached or r.duplicate_of):
            total.add(r.usage)
    return total


def rebase(summary: ArticleSummary, doc: Document) -> ArticleSummary:
    """The summary of one text, moved onto a duplicate's text: every span is re-located."""
    moved = summary.model_copy(
        deep=True,
        # The duplicate cost nothing: its usage stays with the item that was summarized.
        update={
            "id": doc.id,
            "source": source_of(doc),
            "duplicate_of": summary.id,
            "usage": Usage(),
            "seconds": 0.0,
        },
    )
    if doc.text == summary.source.text:
        return moved
    revalidated = validate(moved, add_named=True).summary
    revalidated.grounding = summary.grounding
    return revalidated
