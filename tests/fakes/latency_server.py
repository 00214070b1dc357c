"""An OpenAI-compatible server with a fixed latency, for throughput benchmarks (127.0.0.1 only).

    python tests/fakes/latency_server.py --port 0 --latency 0.2

Prints the port it listens on (one line, then flushes), and answers every
POST /v1/chat/completions after `--latency` seconds with the worked example's answer
(`summarizer.llm.prompt.example_exchange()`), which is valid for any article that is the example
article plus other sentences. Usage reports about 4 characters a prompt token (of the messages),
so long prompts are not mistaken for silently truncated ones. GET /stats returns
{"requests": N, "first_request": T0, "last_answer": T1} (time.monotonic(), one clock for every
process of the machine).

It stands for an endpoint that takes exactly `--latency` and nothing else, so its own CPU must
not add to what the client is measured against. One asyncio loop in one thread serves every
connection (HTTP/1.1 keep-alive): a server with a thread per connection, 32 of them sharing one
interpreter lock, queued answers behind each other and added ~20 ms to each. Every answer is
written in one piece, so TCP never holds it back waiting for an ACK (Nagle).
Stop it with SIGTERM or SIGINT.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from summarizer.llm.prompt import example_exchange  # noqa: E402

_, ANSWER = example_exchange()


class LatencyServer:
    def __init__(self, latency: float) -> None:
        self.latency = latency
        self.requests = 0
        self.first_request: float | None = None
        self.last_answer: float | None = None

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                method, path, headers = _parse_head(head)
                length = int(headers.get("content-length") or 0)
                body = await reader.readexactly(length) if length else b""
                if method == "POST":
                    self.requests += 1
                    if self.first_request is None:
                        self.first_request = time.monotonic()
                    await asyncio.sleep(self.latency)
                    payload = _completion(json.loads(body or b"{}"))
                    self.last_answer = time.monotonic()
                else:
                    answer = self._stats() if path == "/stats" else {"data": []}
                    payload = json.dumps(answer).encode()
                writer.write(_response(payload))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass  # the client closed the connection
        finally:
            writer.close()

    def _stats(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "first_request": self.first_request,
            "last_answer": self.last_answer,
        }


def _parse_head(head: bytes) -> tuple[str, str, dict[str, str]]:
    lines = head.decode("latin-1").split("\r\n")
    method, path, _ = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    return method, path, headers


def _completion(body: dict[str, Any]) -> bytes:
    chars = sum(len(str(m.get("content") or "")) for m in body.get("messages", []))
    return json.dumps(
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
        }
    ).encode()


def _response(payload: bytes) -> bytes:
    head = (
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
        f"content-length: {len(payload)}\r\n\r\n"
    )
    return head.encode("latin-1") + payload


async def serve(port: int, latency: float) -> None:
    server = await asyncio.start_server(
        LatencyServer(latency).handle, "127.0.0.1", port, backlog=1024
    )
    print(server.sockets[0].getsockname()[1], flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with server:
        await stop.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    parser.add_argument("--latency", type=float, default=0.2, help="seconds per answer")
    args = parser.parse_args(argv)
    asyncio.run(serve(args.port, args.latency))
    return 0


if __name__ == "__main__":
    sys.exit(main())
