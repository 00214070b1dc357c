"""An in-process, scripted OpenAI-compatible server on 127.0.0.1 for fault tests.

Each POST to /v1/chat/completions takes the next `Reply` from the script (the last one repeats),
and every request is recorded (headers and JSON body) so tests can check what was sent.

Faults of the wire itself: `drip` sends the body one byte at a time with a pause between bytes
(an endpoint that never trips a read timeout), `cut_after` announces the whole body but closes
the connection after that many bytes of it.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int = 200
    content: str | None = None  # the assistant message text (a JSON answer)
    body: str | None = None  # raw body instead of a chat.completion
    headers: dict[str, str] = field(default_factory=dict)
    finish_reason: str = "stop"
    usage: dict[str, int] | None = field(
        default_factory=lambda: {
            "prompt_tokens": 1000,
            "completion_tokens": 50,
            "total_tokens": 1050,
        }
    )
    delay: float = 0.0
    # OpenAI's refusal: set it (with content None) for a model that declines to answer.
    refusal: str | None = None
    drip: float = 0.0  # seconds between the bytes of the body (0: all at once)
    cut_after: int | None = None  # close the connection after this many bytes of the body
    content_type: str = "application/json"


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


def completion(reply: Reply, model: str) -> str:
    payload: dict[str, Any] = {
        "id": "chatcmpl-scripted",
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": reply.content},
                "finish_reason": reply.finish_reason,
            }
        ],
    }
    if reply.refusal is not None:
        payload["choices"][0]["message"]["refusal"] = reply.refusal
    if reply.usage is not None:
        payload["usage"] = reply.usage
    return json.dumps(payload)


class ScriptedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, script: list[Reply]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.script = list(script)
        self.seen: list[Seen] = []
        self.lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"

    def next_reply(self) -> Reply:
        with self.lock:
            return self.script.pop(0) if len(self.script) > 1 else self.script[0]


class _Handler(BaseHTTPRequestHandler):
    server: ScriptedServer

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        self._send(200, json.dumps({"object": "list", "data": []}), {})

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length)
        body = json.loads(raw or b"{}")
        with self.server.lock:
            self.server.seen.append(
                Seen(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            )
        reply = self.server.next_reply()
        if reply.delay:
            time.sleep(reply.delay)
        text = reply.body if reply.body is not None else completion(reply, body.get("model", ""))
        self._send(reply.status, text, reply.headers, reply)

    def _send(
        self, status: int, text: str, headers: dict[str, str], reply: Reply | None = None
    ) -> None:
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("content-type", reply.content_type if reply else "application/json")
        self.send_header("content-length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        # The client may have given up already (a read-timeout test).
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            if reply is not None and reply.cut_after is not None:
                self.wfile.write(data[: reply.cut_after])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
            elif reply is not None and reply.drip:
                for i in range(len(data)):
                    self.wfile.write(data[i : i + 1])
                    self.wfile.flush()
                    time.sleep(reply.drip)
            else:
                self.wfile.write(data)


@contextmanager
def scripted_server(script: list[Reply]) -> Iterator[ScriptedServer]:
    server = ScriptedServer(script)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
