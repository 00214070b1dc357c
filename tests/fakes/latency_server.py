"""An OpenAI-compatible server with a fixed latency, for throughput benchmarks (127.0.0.1 only).

    python tests/fakes/latency_server.py --port 0 --latency 0.2

Prints the port it listens on (one line, then flushes), and answers every
POST /v1/chat/completions after sleeping `--latency` seconds with the worked example's answer
(`summarizer.prompt.example_exchange()`), which is valid for any article that is the example
article plus other sentences. Usage reports about 4 characters a prompt token, so long prompts
are not mistaken for silently truncated ones. GET /stats returns {"requests": N}.

One thread per connection (HTTP/1.1 keep-alive), so any number of requests can wait at once.
Stop it with SIGTERM or SIGINT.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from summarizer.prompt import example_exchange  # noqa: E402

_, ANSWER = example_exchange()


class LatencyServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # a burst of new connections must not overflow the backlog

    def __init__(self, port: int, latency: float) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.latency = latency
        self.requests = 0
        self.lock = threading.Lock()


class _Handler(BaseHTTPRequestHandler):
    server: LatencyServer
    protocol_version = "HTTP/1.1"
    # The headers and the body go out in two writes: with Nagle's algorithm on, the body waits
    # for the client's delayed ACK of the headers (~40 ms on Linux), and every answer took
    # latency + 40 ms. Model servers send without that stall (TCP_NODELAY), and so does this one.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        with self.server.lock:
            count = self.server.requests
        self._send(200, {"requests": count} if self.path == "/stats" else {"data": []})

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        with self.server.lock:
            self.server.requests += 1
        time.sleep(self.server.latency)
        chars = sum(len(str(m.get("content") or "")) for m in body.get("messages", []))
        self._send(
            200,
            {
                "id": "chatcmpl-latency",
                "object": "chat.completion",
                "created": 0,
                "model": body.get("model", ""),
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": ANSWER},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {
                    "prompt_tokens": chars // 4,
                    "completion_tokens": 400,
                    "total_tokens": chars // 4 + 400,
                },
            },
        )

    def _send(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    parser.add_argument("--latency", type=float, default=0.2, help="seconds per answer")
    args = parser.parse_args(argv)
    server = LatencyServer(args.port, args.latency)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever(poll_interval=0.05)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
