"""Counts the HTTP requests made for one article, every attempt included.

The client's event hook (set in `summarizer.llm.endpoint`) and the extractor (which reads the
count) both use this; neither imports the other for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import httpx2

# HTTP requests made for the article being extracted in this context (thread or task).
_request_count: ContextVar[list[int] | None] = ContextVar("summarizer_requests", default=None)


def count_request(request: httpx2.Request) -> None:
    """httpx event hook: counts every HTTP request, SDK and instructor attempts alike."""
    counter = _request_count.get()
    if counter is not None:
        counter[0] += 1


@contextmanager
def counting_requests() -> Iterator[list[int]]:
    counter = [0]
    token = _request_count.set(counter)
    try:
        yield counter
    finally:
        _request_count.reset(token)
