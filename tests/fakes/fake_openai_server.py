"""A tiny OpenAI-compatible HTTP server for tests (stdlib only, 127.0.0.1 only).

Run as a script: `python fake_openai_server.py --port N [--mode ok] [--delay-start S]
[--fail-start]`. Modes are the place to add fault behaviours (429, 500, timeouts, ...): add a
name to MODES and a branch in Handler.do_POST.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MODES = ("ok",)
MODEL_ID = "fake-model"
DEFAULT_CONTENT = "Fake summary."


def models_payload() -> dict[str, Any]:
    return {
        "object": "list",
        "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "tests"}],
    }


def completion_payload(model: str, content: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake-0001",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 12, "completion_tokens": 3, "total_tokens": 15},
    }


class FakeServer(ThreadingHTTPServer):
    daemon_threads = True  # a stuck client must not keep the process alive

    def __init__(self, port: int, options: argparse.Namespace) -> None:
        super().__init__(("127.0.0.1", port), Handler)
        self.options = options


class Handler(BaseHTTPRequestHandler):
    server_version = "FakeOpenAI/1.0"
    server: FakeServer

    def do_GET(self) -> None:
        if self.path.rstrip("/") == "/v1/models":
            self._send_json(200, models_payload())
        else:
            self._send_error(404, f"no route {self.path}")

    def do_POST(self) -> None:
        body = self._read_json()
        if self.path.rstrip("/") != "/v1/chat/completions":
            self._send_error(404, f"no route {self.path}")
        elif body is None:
            self._send_error(400, "request body is not JSON")
        else:  # mode "ok"; future fault modes branch here on self.server.options.mode
            model = str(body.get("model") or MODEL_ID)
            self._send_json(200, completion_payload(model, self.server.options.content))

    def _read_json(self) -> dict[str, Any] | None:
        length = int(self.headers.get("Content-Length") or 0)
        try:
            data = json.loads(self.rfile.read(length) or b"null")
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    def _send_json(self, status: int, payload: dict[str, Any]) -> None:
        raw = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def _send_error(self, status: int, message: str) -> None:
        error = {"message": message, "type": "invalid_request_error", "code": status}
        self._send_json(status, {"error": error})

    def log_message(self, format: str, *args: Any) -> None:
        sys.stderr.write(f"fake-openai: {format % args}\n")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--mode", choices=MODES, default="ok")
    parser.add_argument("--delay-start", type=float, default=0.0, metavar="SECONDS")
    parser.add_argument("--fail-start", action="store_true", help="exit 1 before listening")
    parser.add_argument("--content", default=DEFAULT_CONTENT, help="assistant message text")
    parser.add_argument("--model", default=None, help="accepted like llama_cpp.server; unused")
    parser.add_argument("--ignore-sigterm", action="store_true", help="only SIGKILL stops us")
    parser.add_argument("--pid-file", default=None, help="write our own pid here at startup")
    parser.add_argument("--grandchild-pid-file", default=None, help="spawn a sleeper, write pid")
    return parser.parse_args(argv)


def write_pid(pid_file: str, pid: int) -> None:
    with open(pid_file + ".tmp", "w") as out:
        out.write(str(pid))
    os.replace(pid_file + ".tmp", pid_file)  # readers never see a half-written pid


def spawn_grandchild(pid_file: str) -> None:
    """Start a long sleeper in our process group, to check that stop() reaches it too."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    write_pid(pid_file, child.pid)


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    if options.ignore_sigterm:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if options.pid_file:
        write_pid(options.pid_file, os.getpid())
    if options.grandchild_pid_file:
        spawn_grandchild(options.grandchild_pid_file)
    for i in range(30):  # more than the caller keeps, so tail trimming is observable
        sys.stderr.write(f"fake-openai: startup line {i}\n")
    sys.stderr.flush()
    if options.fail_start:
        sys.stderr.write("fake-openai: simulated startup failure\n")
        return 1
    time.sleep(options.delay_start)
    server = FakeServer(options.port, options)
    sys.stderr.write(f"fake-openai: listening on 127.0.0.1:{options.port}\n")
    sys.stderr.flush()
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
