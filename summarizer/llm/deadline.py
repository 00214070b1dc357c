"""The overall deadline of one HTTP request, however slowly its answer trickles in.

The read timeout applies to each read: an endpoint that drips a byte now and then never trips
it. So the extractor sets a deadline for each request (`deadline_for_request`), and the client
built by `summarizer.llm.endpoint` bounds every socket operation by what is left of it
(`with_deadline`). Like `counting`, this sits between the two: neither imports the other for it.
"""

from __future__ import annotations

import logging
import ssl
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import httpcore2
import httpx2

log = logging.getLogger(__name__)

# The message of the timeout raised when the deadline, not the read timeout, ran out.
DEADLINE_PASSED = "the request deadline passed"

# When the HTTP request in flight in this context must be over (time.monotonic()), or None.
request_deadline: ContextVar[float | None] = ContextVar("summarizer_deadline", default=None)


@contextmanager
def deadline_for_request(seconds: float | None) -> Iterator[None]:
    token = request_deadline.set(None if seconds is None else time.monotonic() + seconds)
    try:
        yield
    finally:
        request_deadline.reset(token)


def _remaining(timeout: float | None) -> float | None:
    return _bounded(timeout)[0]


def _bounded(timeout: float | None) -> tuple[float | None, bool]:
    """(the timeout cut to what is left of the deadline, whether the deadline is the bound)."""
    deadline = request_deadline.get()
    if deadline is None:
        return timeout, False
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore2.ReadTimeout(DEADLINE_PASSED)
    return (left, True) if timeout is None or left < timeout else (timeout, False)


class _DeadlineStream(httpcore2.NetworkStream):
    def __init__(self, inner: httpcore2.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        bound, by_deadline = _bounded(timeout)
        try:
            return self._inner.read(max_bytes, bound)
        except httpcore2.ReadTimeout:
            if by_deadline:  # the deadline ran out, not the read timeout: say so
                raise httpcore2.ReadTimeout(DEADLINE_PASSED) from None
            raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _remaining(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore2.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname, _remaining(timeout))
        return _DeadlineStream(inner)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore2.NetworkBackend):
    def __init__(self, inner: httpcore2.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore2.NetworkStream:
        stream = self._inner.connect_tcp(
            host, port, _remaining(timeout), local_address, socket_options
        )
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore2.NetworkStream:
        stream = self._inner.connect_unix_socket(path, _remaining(timeout), socket_options)
        return _DeadlineStream(stream)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def with_deadline(transport: httpx2.HTTPTransport) -> httpx2.HTTPTransport:
    """The transport, its connections bounded by the request deadline.

    httpx has no overall timeout, and its transport takes no network backend: the connection
    pool's is wrapped (tests/test_hardening.py fails if an httpx2 upgrade moves it).
    """
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if backend is None:
        log.warning("this httpx2 version hides its network backend: no request deadline")
        return transport
    pool._network_backend = _DeadlineBackend(backend)  # type: ignore[union-attr]
    return transport
