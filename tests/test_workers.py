"""Worker processes (summarizer/engine/workers.py) against a scripted server on 127.0.0.1.

The same batch as with threads (order, each result once, the cache filled), really spread over
processes; a worker that dies stops the batch with a clear error and a rerun asks only for what
is missing; settings errors still stop the batch; the default number of processes; the embedded
server never gets more than one; a SIGKILLed parent takes its workers with it. The cooldown
shared after a 429 is tested in tests/test_batch.py, with threads and with processes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import summarizer.engine.batch
from summarizer import ArticleSummary, ItemFailure, resolve_settings, summarize_many
from summarizer.engine.workers import threads_per_process
from summarizer.errors import ConfigError, WorkerError

from fakes.articles import cache_count, integrity, marker, ok, settings_for, write_articles
from fakes.routed import concurrent_server


def record_worker_pids(monkeypatch: pytest.MonkeyPatch, log: Path, die_on: str | None = None):
    """Wrap the per-article work: note which process ran it (and kill one on `die_on`).

    The workers are forked, so they run the wrapper too; the log file is how they tell us.
    """
    original = summarizer.engine.batch.summarize_item

    def work(session, doc):
        if die_on is not None and die_on in doc.text:
            os._exit(3)  # a worker dying mid-article, as a crash or the OOM killer would do
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")
        return original(session, doc)

    monkeypatch.setattr(summarizer.engine.batch, "summarize_item", work)


def test_processes_share_the_batch_keep_its_order_and_fill_the_cache(tmp_path, monkeypatch):
    log = tmp_path / "pids.log"
    record_worker_pids(monkeypatch, log)
    paths = [str(p) for p in write_articles(tmp_path / "in", 12)]
    inputs = paths[::-1]
    reported: list[ArticleSummary | ItemFailure] = []
    with concurrent_server([ok(delay=0.2)]) as server:
        settings = settings_for(server.base_url, tmp_path, concurrency=4, processes=2)
        results = summarize_many(inputs, settings=settings, on_result=reported.append)
        again = summarize_many(inputs, settings=settings)
        assert len(server.seen) == 12  # the rerun came from the cache
    pids = [int(line) for line in log.read_text().split()]
    assert len(pids) == 12
    assert len(set(pids)) == 2 and os.getpid() not in pids  # two workers, not this process
    assert server.max_in_flight == 4  # the bound holds across processes
    assert all(isinstance(r, ArticleSummary) and not r.cached for r in results), results
    assert [r.source.path for r in results] == inputs
    assert [marker(11 - i) in r.source.text for i, r in enumerate(results)] == [True] * 12
    assert {id(r) for r in reported} == {id(r) for r in results}
    assert all(isinstance(r, ArticleSummary) and r.cached for r in again)
    assert cache_count(tmp_path / "cache.sqlite3") == 12


def test_a_worker_that_dies_stops_the_batch_and_a_rerun_does_only_the_rest(tmp_path, monkeypatch):
    log = tmp_path / "pids.log"
    record_worker_pids(monkeypatch, log, die_on=marker(5))
    paths = [str(p) for p in write_articles(tmp_path / "in", 10)]
    reported: list[ArticleSummary | ItemFailure] = []
    with concurrent_server([ok(delay=0.1)]) as server:
        settings = settings_for(server.base_url, tmp_path, concurrency=2, processes=2)
        with pytest.raises(WorkerError, match=r"worker process died .*exit code 3.* again"):
            summarize_many(paths, settings=settings, on_result=reported.append)
        done = cache_count(tmp_path / "cache.sqlite3")
        assert all(isinstance(r, ArticleSummary) for r in reported)
        assert len(reported) <= done < 10  # what was handed on is cached; the rest is not
        before = len(server.seen)
        monkeypatch.undo()
        results = summarize_many(paths, settings=settings)
        assert len(server.seen) - before == 10 - done  # only what was missing
    assert all(isinstance(r, ArticleSummary) for r in results), results
    assert cache_count(tmp_path / "cache.sqlite3") == 10


def test_a_settings_error_in_the_workers_stops_the_batch(tmp_path, monkeypatch):
    monkeypatch.delenv("NO_SUCH_KEY_VARIABLE", raising=False)
    paths = write_articles(tmp_path / "in", 6)
    with concurrent_server([ok()]) as server:
        settings = settings_for(
            server.base_url,
            tmp_path,
            concurrency=2,
            processes=2,
            api_key_env="NO_SUCH_KEY_VARIABLE",
        )
        with pytest.raises(ConfigError, match="NO_SUCH_KEY_VARIABLE"):
            summarize_many(paths, settings=settings)
        assert server.seen == []


@pytest.mark.parametrize(
    ("flags", "pending", "cpus", "expected"),
    [
        ({}, 1000, 2, 1),  # 4 in flight by default: one process is plenty
        ({"concurrency": 32}, 1000, 2, 4),  # one per 8 in flight, at most two per CPU
        ({"concurrency": 64}, 1000, 2, 4),
        ({"concurrency": 64}, 1000, 16, 8),
        ({"concurrency": 32}, 20, 2, 1),  # one wave of articles: not worth forking
        ({"concurrency": 32, "processes": 3}, 20, 2, 3),  # asked for: given
        ({"base_url": None, "concurrency": 32}, 1000, 2, 1),  # the embedded server
    ],
)
def test_default_number_of_processes(flags, pending, cpus, expected):
    settings = resolve_settings(
        {"base_url": "http://127.0.0.1:9/v1", "model": "m", **flags}, environ={}
    )
    assert settings.resolved_processes(pending, cpus) == expected


def test_the_embedded_server_cannot_be_given_several_processes():
    with pytest.raises(ConfigError, match="--processes needs a --base-url"):
        resolve_settings({"processes": 2}, environ={})
    with pytest.raises(ConfigError, match="must be 1 or more"):
        resolve_settings({"base_url": "http://h/v1", "model": "m", "processes": 0}, environ={})


def test_requests_in_flight_are_split_over_the_processes():
    assert threads_per_process(32, 4) == [8, 8, 8, 8]
    assert threads_per_process(10, 4) == [3, 3, 2, 2]
    assert threads_per_process(2, 4) == [1, 1]  # never a process with nothing to do


# --------------------------------------------------------------------------- SIGKILL mid-batch

ROOT = Path(__file__).resolve().parents[1]


def processes_naming(text: str) -> list[int]:
    """Live processes whose command line contains `text` (the workers share the CLI's)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if text in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to find the workers")
def test_sigkill_of_the_parent_ends_its_workers_and_a_rerun_does_only_the_rest(tmp_path):
    articles = 16
    inputs = tmp_path / "in"
    write_articles(inputs, articles)
    out = tmp_path / "out"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("SUMMARIZER_")},
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PYTHONPATH": str(ROOT),
    }
    with concurrent_server([ok(delay=0.4)]) as server:
        command = [
            *(sys.executable, "-m", "summarizer.cli.main", "run", str(inputs), "--out", str(out)),
            *("--base-url", server.base_url, "--model", "fake-model"),
            *("--cache", str(tmp_path / "cache.sqlite3"), "--concurrency", "4"),
            *("--processes", "2"),
        ]
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT
        )
        deadline = time.monotonic() + 20
        try:
            while not list(out.glob("a*.json")) and time.monotonic() < deadline:
                assert process.poll() is None, "the CLI ended before it could be killed"
                time.sleep(0.01)
            assert len(processes_naming(str(out))) == 3  # the CLI and its two workers
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
        deadline = time.monotonic() + 5
        while processes_naming(str(out)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert processes_naming(str(out)) == []  # the workers died with their parent
        assert integrity(tmp_path / "cache.sqlite3") == "ok"
        done = cache_count(tmp_path / "cache.sqlite3")
        assert 1 <= done < articles
        time.sleep(0.5)  # a request already on the wire is recorded before counting
        before = len(server.seen)
        server.script = [ok()]
        rerun = subprocess.run(
            command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
        )
        requests = len(server.seen) - before
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert requests == articles - done  # only what the cache did not have
    assert len(list(out.glob("a*.json"))) == articles
