"""Builds the OpenAI-compatible client for an endpoint. It configures; it never calls the model.

Key routing is the point of this module: a key is sent only to the endpoint it is meant for.
- `--api-key-env NAME` names the variable holding the key for `--base-url`;
- without it, `OPENAI_API_KEY` is used only for https://api.openai.com (decided by the parsed
  scheme and host, never by a substring of the URL);
- any other endpoint (the embedded server, vLLM, Ollama, ...) gets a placeholder, so the SDK
  never falls back to reading `OPENAI_API_KEY` (or the organisation/project variables) itself.
A `user:password@` in the base URL is taken out of the URL the SDK sees (which it would log and
put in errors) and sent as the request's HTTP basic authentication, as the URL asks.
"""

from __future__ import annotations

import logging
import os
import ssl
import time
from collections.abc import Iterable, Mapping
from typing import Any

import httpcore2
import httpx2
import openai

from summarizer.errors import ConfigError
from summarizer.extract import DEADLINE_PASSED, count_request, request_deadline
from summarizer.settings import Settings, describe_key_env, is_openai_url, split_userinfo

log = logging.getLogger(__name__)

# Sent where no key is configured: servers that ignore keys accept anything non-empty.
NO_KEY = "no-key"


def api_key_for(settings: Settings, environ: Mapping[str, str] | None = None) -> str:
    environ = os.environ if environ is None else environ
    if settings.api_key_env:
        name = describe_key_env(settings.api_key_env)  # never echo what may be the key itself
        key = environ.get(settings.api_key_env, "")
        if not key:
            raise ConfigError(
                f"--api-key-env names {name}, but that variable is empty or unset; "
                f"export it (--api-key-env takes the variable's name, not the key) "
                "or drop --api-key-env"
            )
        return key
    if is_openai_url(settings.base_url):
        key = environ.get("OPENAI_API_KEY", "")
        if not key:
            raise ConfigError(
                "api.openai.com needs a key: export OPENAI_API_KEY=... "
                "(or name another variable with --api-key-env)"
            )
        return key
    return NO_KEY


def build_client(
    settings: Settings, base_url: str, environ: Mapping[str, str] | None = None
) -> openai.OpenAI:
    """The real openai client over real HTTP, with our timeouts and the SDK's retries off.

    Retries live in one layer only (summarizer.extract); leaving the SDK's on would multiply them.
    """
    timeout = httpx2.Timeout(settings.resolved_read_timeout(), connect=settings.connect_timeout)
    # A plain-HTTP endpoint (a local server) never speaks TLS, and the client follows no
    # redirects: loading the CA bundle for it would only cost ~50 ms per client.
    verify = not base_url.startswith("http://")
    # Credentials in the URL go as basic auth, never in the URL the SDK logs and reports.
    base_url, user, password = split_userinfo(base_url)
    auth = httpx2.BasicAuth(user or "", password or "") if user or password else None
    http_client = httpx2.Client(
        timeout=timeout,
        verify=verify,
        auth=auth,
        transport=_with_deadline(httpx2.HTTPTransport(verify=verify)),
        event_hooks={"request": [count_request]},
    )
    is_openai = is_openai_url(base_url)
    client = openai.OpenAI(
        base_url=base_url,
        api_key=api_key_for(settings, environ),
        max_retries=0,
        timeout=timeout,
        http_client=http_client,
        # The SDK would read these from the environment; they belong to OpenAI only.
        organization=(environ or os.environ).get("OPENAI_ORG_ID") if is_openai else None,
        project=(environ or os.environ).get("OPENAI_PROJECT_ID") if is_openai else None,
    )
    if not is_openai:
        client.organization = None
        client.project = None
    return client


# --------------------------------------------------------------------------- request deadline
# The read timeout applies to each read: an endpoint that drips a byte now and then never
# trips it. So every socket operation of a request is bounded by what is left of the request's
# overall deadline (set by the extractor for each request, in summarizer.extract).


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


def _with_deadline(transport: httpx2.HTTPTransport) -> httpx2.HTTPTransport:
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
