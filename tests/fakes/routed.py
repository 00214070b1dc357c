"""A scripted OpenAI-compatible server that also routes, times and counts concurrent requests.

`ConcurrentServer` extends `ScriptedServer` (same `Reply`, same `seen` records) with:
- routes: `{marker: [Reply, ...]}` — a request whose messages contain `marker` (e.g. the distinct
  sentence appended to one article) takes its replies from that list (the last one repeats);
  other requests take the main script;
- a responder hook: `responder(seen) -> Reply | None` decides a reply from the request itself
  (headers and body), before routes and script;
- timing: every request gets an `Arrival` (arrival and reply times, status, marker), in the
  order of `seen`;
- concurrency: `in_flight` and `max_in_flight`, the most requests being answered at once;
- honest usage: `prompt_tokens` computed from the request size (about 4 characters a token),
  so long prompts do not look silently truncated.

Everything listens on 127.0.0.1 only, and shuts down within a few hundredths of a second.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from typing import Any

from fakes.scripted import Reply, ScriptedServer, Seen, _Handler, completion

Responder = Callable[[Seen], "Reply | None"]
POLL_INTERVAL = 0.02  # seconds: how quickly serve_forever notices shutdown()


@dataclass
class Arrival:
    arrived: float  # time.monotonic() when the request body was read
    marker: str | None  # the route that answered it, None for the main script
    status: int | None = None
    replied: float | None = None  # time.monotonic() just before the reply was written
    headers: dict[str, str] = field(default_factory=dict)


def message_text(body: dict[str, Any]) -> str:
    """Every message's content, joined: where markers are looked for."""
    return "\n".join(str(m.get("content") or "") for m in body.get("messages", []) or [])


def prompt_chars(body: dict[str, Any]) -> int:
    return sum(len(str(m.get("content") or "")) for m in body.get("messages", []) or [])


class ConcurrentServer(ScriptedServer):
    request_queue_size = 128  # a burst of connections must not overflow the listen backlog

    def __init__(
        self,
        script: list[Reply],
        *,
        routes: dict[str, list[Reply]] | None = None,
        responder: Responder | None = None,
        honest_usage: bool = False,
        port: int = 0,
    ) -> None:
        # ScriptedServer always binds port 0; this one may take a given (just freed) port.
        ThreadingHTTPServer.__init__(self, ("127.0.0.1", port), _RoutedHandler)
        self.script = list(script)
        self.seen: list[Seen] = []
        self.lock = threading.Lock()
        self.routes = {marker: list(replies) for marker, replies in (routes or {}).items()}
        self.responder = responder
        self.honest_usage = honest_usage
        self.arrivals: list[Arrival] = []
        self.in_flight = 0
        self.max_in_flight = 0

    def reply_for(self, seen: Seen) -> tuple[Reply, str | None]:
        if self.responder is not None:
            chosen = self.responder(seen)
            if chosen is not None:
                return chosen, "responder"
        text = message_text(seen.body)
        with self.lock:
            for marker, replies in self.routes.items():
                if marker in text:
                    return (replies.pop(0) if len(replies) > 1 else replies[0]), marker
        return self.next_reply(), None

    def requests_with(self, marker: str) -> int:
        with self.lock:
            return sum(marker in message_text(s.body) for s in self.seen)


class _RoutedHandler(_Handler):
    server: ConcurrentServer

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length)
        arrived = time.monotonic()
        body = json.loads(raw or b"{}")
        seen = Seen(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
        reply, marker = self.server.reply_for(seen)
        arrival = Arrival(arrived=arrived, marker=marker, headers=seen.headers)
        with self.server.lock:
            self.server.seen.append(seen)
            self.server.arrivals.append(arrival)
            self.server.in_flight += 1
            self.server.max_in_flight = max(self.server.max_in_flight, self.server.in_flight)
        try:
            if reply.delay:
                time.sleep(reply.delay)
            text = reply.body if reply.body is not None else self._completion(reply, body)
        finally:
            # Counted out before the answer is written: the client cannot start its next
            # request before it has read this one, so the count never runs ahead.
            with self.server.lock:
                self.server.in_flight -= 1
                arrival.status = reply.status
                arrival.replied = time.monotonic()
        self._send(reply.status, text, reply.headers, reply)

    def _completion(self, reply: Reply, body: dict[str, Any]) -> str:
        if self.server.honest_usage and reply.usage is not None:
            prompt_tokens = prompt_chars(body) // 4
            usage = dict(reply.usage, prompt_tokens=prompt_tokens)
            usage["total_tokens"] = prompt_tokens + usage.get("completion_tokens", 0)
            reply = Reply(**{**reply.__dict__, "usage": usage})
        return completion(reply, body.get("model", ""))


@contextmanager
def concurrent_server(
    script: list[Reply],
    *,
    routes: dict[str, list[Reply]] | None = None,
    responder: Responder | None = None,
    honest_usage: bool = False,
    port: int = 0,
) -> Iterator[ConcurrentServer]:
    server = ConcurrentServer(
        script, routes=routes, responder=responder, honest_usage=honest_usage, port=port
    )
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": POLL_INTERVAL}, daemon=True
    )
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
