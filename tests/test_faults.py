"""Faults of the model endpoint, one article at a time, in a batch that must go on.

Each case runs three articles; the middle one meets the fault (the server recognises it by the
marker sentence in its text). Every case ends either in a retry that succeeds or in a clear,
one-line per-item error naming the cause; the other two articles always succeed; the SQLite
cache holds exactly the successful articles and passes `PRAGMA integrity_check`; and a rerun
against a healthy server asks again only for what failed (failures are never cached).

The kill test SIGKILLs the CLI in the middle of a batch and checks that a rerun finishes the
job, asking the model only for articles that had no result file yet.
"""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from summarizer import ArticleSummary, ItemFailure, summarize_many

from fakes.articles import (
    ANSWER,
    article,
    cache_count,
    cached_article_ids,
    integrity,
    marker,
    ok,
    settings_for,
    write_articles,
)
from fakes.routed import ConcurrentServer, concurrent_server
from fakes.scripted import Reply

ROOT = Path(__file__).resolve().parents[1]
FAULTY = 1  # the middle article of three
READ_TIMEOUT = 0.4
LOADING = json.dumps(
    {"error": {"code": 503, "message": "Loading model", "type": "unavailable_error"}}
)
SCHEMA_VIOLATION = json.dumps(
    {"event": {"quote": "Eva Lund will host"}, "participants": "none", "agenda": [], "stances": []}
)


@dataclass
class Fault:
    script: list[Reply]  # what the middle article gets, request by request (the last repeats)
    requests: int  # how many requests the middle article makes
    error: tuple[str, ...] = ()  # words the one-line error must contain; () means success
    kind: str = ""
    extra: dict[str, object] = field(default_factory=dict)  # settings for this case


def rate_limited(**headers: str) -> Reply:
    body = '{"error": {"message": "Rate limit reached", "type": "requests"}}'
    return Reply(status=429, body=body, headers=headers)


SLOW = Reply(content=ANSWER, delay=1.0)  # slower than READ_TIMEOUT
TIMEOUT = {"read_timeout": READ_TIMEOUT}
ONE_RETRY = {"transport_retries": 1}

RECOVERED = {
    "429-retry-after": Fault([rate_limited(**{"retry-after": "0.05"}), ok()], 2),
    "429-no-retry-after": Fault([rate_limited(), ok()], 2),
    "500": Fault([Reply(status=500, body='{"error": "internal"}'), ok()], 2),
    "502": Fault([Reply(status=502, body="<html>Bad Gateway</html>"), ok()], 2),
    "503": Fault([Reply(status=503, body="{}"), ok()], 2),
    "503-loading-model": Fault([Reply(status=503, body=LOADING), ok()], 2),
    "read-timeout": Fault([SLOW, ok()], 2, extra=TIMEOUT),
    "truncated-json": Fault([Reply(content=ANSWER[:300]), ok()], 2),  # schema re-ask fixes it
    "invalid-json": Fault([Reply(content="Sure! Here is your summary."), ok()], 2),
    "schema-violation": Fault([Reply(content=SCHEMA_VIOLATION), ok()], 2),
    "missing-usage": Fault([Reply(content=ANSWER, usage=None)], 1),
}

FAILED = {
    "429-retry-after": Fault(
        [rate_limited(**{"retry-after": "0.05"})], 3, ("429",), "modelunavailable"
    ),
    "429-no-retry-after": Fault([rate_limited()], 3, ("429",), "modelunavailable"),
    "500": Fault([Reply(status=500, body="{}")], 3, ("http 500",), "modelunavailable"),
    "502": Fault([Reply(status=502, body="{}")], 3, ("http 502",), "modelunavailable"),
    "503": Fault([Reply(status=503, body="{}")], 3, ("http 503",), "modelunavailable"),
    "503-loading-model": Fault(
        [Reply(status=503, body=LOADING)], 3, ("http 503", "loading model"), "modelunavailable"
    ),
    "read-timeout": Fault(
        [SLOW], 2, ("timed out", "--read-timeout"), "modelunavailable", ONE_RETRY | TIMEOUT
    ),
    "truncated-json": Fault(
        [Reply(content=ANSWER[:300])], 2, ("no valid summary", "invalid json"), "extraction"
    ),
    "invalid-json": Fault(
        [Reply(content="Sure! Here is your summary.")],
        2,
        ("no valid summary", "invalid json"),
        "extraction",
    ),
    "schema-violation": Fault(
        [Reply(content=SCHEMA_VIOLATION)], 2, ("no valid summary", "schema error"), "extraction"
    ),
    "refusal": Fault(
        [Reply(content=None, refusal="I can't help with that")],
        2,
        ("refused", "I can't help with that"),
        "extraction",
    ),
    "finish-length": Fault(
        [Reply(content=ANSWER[:300], finish_reason="length")],
        1,  # a cut-off answer is not re-asked: the same limit would cut it again
        ("cut off", "max_tokens"),
        "extraction",
    ),
    "prompt-truncated": Fault(
        [Reply(content=ANSWER, usage={"prompt_tokens": 20, "completion_tokens": 50})],
        1,
        ("20 prompt tokens", "truncated"),
        "extraction",
    ),
}


def run_case(tmp_path: Path, fault: Fault) -> None:
    paths = [str(p) for p in write_articles(tmp_path / "in", 3)]
    cache = tmp_path / "cache.sqlite3"
    routes = {marker(FAULTY): list(fault.script)}
    with concurrent_server([ok()], routes=routes) as server:
        settings = settings_for(server.base_url, tmp_path, **fault.extra)
        results = summarize_many(paths, settings=settings)
        assert server.requests_with(marker(FAULTY)) == fault.requests
        assert len(server.seen) == fault.requests + 2

        # The batch went on, in order; the others are untouched by the fault.
        assert [r.path if isinstance(r, ItemFailure) else r.source.path for r in results] == paths
        for i in (0, 2):
            assert isinstance(results[i], ArticleSummary), results[i]
            assert results[i].usage.calls == 1
        middle = results[FAULTY]
        if fault.error:
            assert isinstance(middle, ItemFailure), middle
            assert middle.kind == fault.kind
            assert "\n" not in middle.error and len(middle.error) <= 400, middle.error
            for words in fault.error:
                assert words.lower() in middle.error.lower(), middle.error
        else:
            assert isinstance(middle, ArticleSummary), middle
            assert middle.usage.calls == fault.requests
            assert not middle.grounding.rejected

        # The cache holds exactly the successes, and is a sound SQLite file.
        done = [r for r in results if isinstance(r, ArticleSummary)]
        assert cache_count(cache) == len(done)
        assert cached_article_ids(cache) == sorted(r.id for r in done)
        assert integrity(cache) == "ok"

        if not fault.error:
            return
        # A rerun against a healthy endpoint asks only for what failed: failures are not cached.
        server.routes = {}
        before = len(server.seen)
        again = summarize_many(paths, settings=settings)
        assert all(isinstance(r, ArticleSummary) for r in again)
        assert len(server.seen) - before == len(results) - len(done)
        assert [r.cached for r in again] == [isinstance(r, ArticleSummary) for r in results]
        assert integrity(cache) == "ok"


@pytest.mark.parametrize("name", list(RECOVERED))
def test_fault_then_retry_succeeds(tmp_path, name):
    run_case(tmp_path, RECOVERED[name])


@pytest.mark.parametrize("name", list(FAILED))
def test_persistent_fault_is_a_clear_item_error(tmp_path, name):
    run_case(tmp_path, FAILED[name])


def test_missing_usage_is_not_mistaken_for_a_truncated_prompt(tmp_path):
    with concurrent_server([Reply(content=ANSWER, usage=None)]) as server:
        [result] = summarize_many(
            [str(write_articles(tmp_path / "in", 1)[0])],
            settings=settings_for(server.base_url, tmp_path),
        )
    assert isinstance(result, ArticleSummary)
    assert result.usage.model_dump() == {"prompt_tokens": 0, "completion_tokens": 0, "calls": 1}


# --------------------------------------------------------------------------- connections


def free_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_connection_refused_fails_each_item_clearly_and_caches_nothing(tmp_path):
    base_url = f"http://127.0.0.1:{free_port()}/v1"
    paths = [str(p) for p in write_articles(tmp_path / "in", 3)]
    results = summarize_many(paths, settings=settings_for(base_url, tmp_path))
    assert [type(r) for r in results] == [ItemFailure] * 3
    assert [r.path for r in results if isinstance(r, ItemFailure)] == paths
    for r in results:
        assert isinstance(r, ItemFailure) and r.kind == "modelunavailable"
        assert "cannot connect" in r.error and "--base-url" in r.error and "\n" not in r.error
    cache = tmp_path / "cache.sqlite3"
    assert cache_count(cache) == 0 and integrity(cache) == "ok"


def test_connection_refused_until_the_server_is_up_is_retried(tmp_path):
    port = free_port()
    paths = [str(p) for p in write_articles(tmp_path / "in", 3)]
    servers: list[ConcurrentServer] = []
    timers: list[threading.Timer] = []

    def start_server() -> None:
        server = ConcurrentServer([ok()], port=port)
        servers.append(server)
        threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()

    def start_later(_total: int) -> None:  # on_total: the batch is about to send
        timers.append(threading.Timer(0.8, start_server))
        timers[0].start()

    settings = settings_for(
        f"http://127.0.0.1:{port}/v1", tmp_path, backoff_base=0.4, transport_retries=5
    )
    try:
        results = summarize_many(paths, settings=settings, on_total=start_later)
    finally:
        for timer in timers:
            timer.join(timeout=5)
        for server in servers:
            server.shutdown()
            server.server_close()
    assert all(isinstance(r, ArticleSummary) for r in results), results
    # Each article's first attempts were refused, counted, and retried until the server was up.
    calls = [r.usage.calls for r in results if isinstance(r, ArticleSummary)]
    assert min(calls) >= 2, calls
    assert len(servers[0].seen) == 3
    assert cache_count(tmp_path / "cache.sqlite3") == 3


# --------------------------------------------------------------------------- SIGKILL mid-batch

KILL_SEED = 20240917
ARTICLES = 8


def result_files(out: Path) -> set[str]:
    return {p.name for p in out.glob("*.json") if not p.name.startswith(".")}


def test_sigkill_mid_batch_then_rerun_finishes_with_only_the_missing_requests(tmp_path):
    rng = random.Random(KILL_SEED)
    kill_after = rng.randint(2, 4)
    print(f"kill seed {KILL_SEED}: SIGKILL once {kill_after} result files exist")
    inputs = tmp_path / "in"
    write_articles(inputs, ARTICLES)
    out = tmp_path / "out"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("SUMMARIZER_")},
        "SUMMARIZER_BACKOFF_BASE": "0.01",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # no user config file can interfere
        "PYTHONPATH": str(ROOT),
    }
    with concurrent_server([ok(delay=0.3)]) as server:
        command = [
            sys.executable,
            "-m",
            "summarizer.cli.main",
            "run",
            str(inputs),
            "--out",
            str(out),
            "--base-url",
            server.base_url,
            "--model",
            "fake-model",
            "--cache",
            str(tmp_path / "cache.sqlite3"),
            "--concurrency",
            "1",
        ]
        log = (tmp_path / "first.log").open("w")
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
        deadline = time.monotonic() + 15
        try:
            while len(result_files(out)) < kill_after and time.monotonic() < deadline:
                assert process.poll() is None, "the CLI ended before it could be killed"
                time.sleep(0.01)
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
            log.close()
        assert process.returncode == -signal.SIGKILL
        survived = result_files(out)
        assert kill_after <= len(survived) < ARTICLES, (survived, kill_after)
        for name in survived:  # every file written before the kill is whole
            json.loads((out / name).read_text(encoding="utf-8"))
        assert integrity(tmp_path / "cache.sqlite3") == "ok"
        time.sleep(0.2)  # a request already on the wire is recorded before counting
        before = len(server.seen)
        server.script = [ok()]  # the rerun need not be slow

        rerun = subprocess.run(
            command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
        )
        requests = len(server.seen) - before
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert requests == ARTICLES - len(survived)
    names = sorted(f"a{i:03d}.json" for i in range(ARTICLES))
    assert sorted(result_files(out)) == names
    lines = (out / "summaries.jsonl").read_text(encoding="utf-8").splitlines()
    paths = [json.loads(line)["source"]["path"] for line in lines]
    assert paths == [str(inputs / f"a{i:03d}.txt") for i in range(ARTICLES)]
    assert not (out / "errors.jsonl").exists()
    assert cache_count(tmp_path / "cache.sqlite3") == ARTICLES
    assert integrity(tmp_path / "cache.sqlite3") == "ok"
    # The summaries are the articles' own: each names its own marker sentence.
    for i, line in enumerate(lines):
        assert marker(i) in json.loads(line)["source"]["text"]
    assert article(0) in json.loads(lines[0])["source"]["text"]
