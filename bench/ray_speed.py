"""The Ray Data engine against the built-in worker processes, on this machine, same articles.

    .venv/bin/python bench/ray_speed.py [--articles 1000] [--latency 0.2] [--concurrency 32]

A fake OpenAI-compatible server (tests/fakes/latency_server.py, a fresh one per phase) answers
every request after `--latency` seconds with a valid answer. The articles are the prompt's
worked example plus one distinct sentence each, in a temporary directory. Both engines run with
no cache, so every article asks the (fake) model once.

Measured and printed (and written to bench/results/ray_speed.json):
1. built-in worker processes (`summarize_many`, summarizer/engine/workers.py): wall time against
   the ideal articles * latency / concurrency;
2. Ray: `ray.init` (start-up, timed apart), then `summarizer.engine.ray.run` over the same
   files (the CLI's path: ingest tasks, actors, Parquet shards, summaries.jsonl): the job's wall
   time, and the model stage alone (server side: first request to last answer), against the
   same ideal; then the rerun over the same output (resume: no request expected);
3. peak memory of each engine: the largest sum of the proportional set sizes (PSS: shared
   pages, such as Ray's object store, counted once in all) of this process and every process
   under it (worker processes; Ray's raylet, GCS and workers), sampled every 0.1 s from /proc;
   and the CPU time of each kind of process (the Ray phase includes both of its runs and the
   start-up).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from summarizer import ArticleSummary, resolve_settings, summarize_many  # noqa: E402
from summarizer.engine.workers import available_cpus  # noqa: E402
from summarizer.llm.prompt import example_exchange  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "ray_speed.json"
SERVER = ROOT / "tests" / "fakes" / "latency_server.py"
ARTICLE, _ = example_exchange()


# --------------------------------------------------------------------------- set-up


class LatencyServer:
    def __init__(self, latency: float) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(SERVER), "--port", "0", "--latency", str(latency)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        if not line.isdigit():
            self.process.kill()
            raise SystemExit(f"the latency server did not start (said {line!r})")
        self.port = int(line)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def stats(self) -> dict[str, Any]:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/stats", timeout=10) as answer:
            return dict(json.load(answer))

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def write_articles(directory: Path, count: int) -> list[Path]:
    directory.mkdir(parents=True)
    paths = []
    for i in range(count):
        path = directory / f"article_{i:05d}.txt"
        path.write_text(f"{ARTICLE}\nArchive reference R{i:05d}X was filed.", encoding="utf-8")
        paths.append(path)
    return paths


def settings(base_url: str, concurrency: int, **extra: Any) -> Any:
    flags = {
        "base_url": base_url,
        "model": "fake-model",
        "structured": "llamacpp",
        "use_cache": False,
        "concurrency": concurrency,
        **extra,
    }
    return resolve_settings(flags, environ={})


# --------------------------------------------------------------------------- memory


def _pss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


TICKS = os.sysconf("SC_CLK_TCK")


def _kind(pid: int, cmdline: str) -> str | None:
    """Which part of the run a process is (None: the fake server, not measured)."""
    if "latency_server" in cmdline:
        return None
    if pid == os.getpid():
        return "driver"
    if not cmdline:
        return "short-lived (exited before it was named)"
    if "ArticleSummarizer" in cmdline:
        return "Ray actors (model stage)"
    if cmdline.startswith(("ray::DashboardAgent", "ray::RuntimeEnvAgent")):
        return "Ray system (raylet, GCS, agents)"
    if cmdline.startswith("ray::"):
        return "Ray task workers (ingest, writes)"
    if "ray" in cmdline and "bench/ray_speed.py" not in cmdline:
        return "Ray system (raylet, GCS, agents)"
    return "worker processes"  # forked from this script: summarizer/engine/workers.py


def _tree() -> list[tuple[int, str | None, int]]:
    """(pid, kind, CPU ticks) of this process and every process under it."""
    parents: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        parents[int(entry.name)] = int(stat[1])
        ticks[int(entry.name)] = int(stat[11]) + int(stat[12])  # utime + stime
    found, todo, seen = [], [os.getpid()], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            raw = Path(f"/proc/{pid}/cmdline").read_bytes()
            cmdline = raw.replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            cmdline = ""
        found.append((pid, _kind(pid, cmdline), ticks.get(pid, 0)))
        todo += [child for child, parent in parents.items() if parent == pid]
    return found


class ProcessTree:
    """While the block runs: the largest PSS of the process tree (the fake server left out),
    and the CPU time each kind of process used (sampled every 0.1 s from /proc)."""

    def __init__(self) -> None:
        self.peak = 0.0
        self._ticks: dict[int, tuple[str, int]] = {}
        self._start: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        total = 0.0
        for pid, kind, ticks in _tree():
            if kind is None:
                continue
            self._start.setdefault(pid, ticks if pid == os.getpid() else 0)
            known = self._ticks.get(pid)
            if known is not None and kind.startswith("short-lived"):
                kind = known[0]  # exited since the last sample: keep the name it had
            self._ticks[pid] = (kind, ticks)
            total += _pss_mb(pid)
        self.peak = max(self.peak, total)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(0.1)

    def snapshot(self) -> dict[str, float]:
        self._sample()
        return self.cpu_seconds()

    def cpu_seconds(self) -> dict[str, float]:
        by_kind: dict[str, float] = {}
        for pid, (kind, ticks) in self._ticks.items():
            spent = (ticks - self._start.get(pid, 0)) / TICKS
            by_kind[kind] = round(by_kind.get(kind, 0.0) + spent, 2)
        return dict(sorted(by_kind.items()))

    def __enter__(self) -> ProcessTree:
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


# --------------------------------------------------------------------------- phases


def local_phase(paths: list[Path], args: argparse.Namespace, ideal: float) -> dict[str, Any]:
    server = LatencyServer(args.latency)
    try:
        conf = settings(server.base_url, args.concurrency)
        with ProcessTree() as memory:
            wall, results = timed(lambda: summarize_many(paths, settings=conf))
        stats = server.stats()
    finally:
        server.stop()
    bad = [r for r in results if not isinstance(r, ArticleSummary)]
    if bad:
        raise SystemExit(f"local: {len(bad)} failed, first: {bad[0]!r:.300}")
    stage = stats["last_answer"] - stats["first_request"]
    return {
        "processes": conf.resolved_processes(len(paths), available_cpus()),
        "wall_seconds": round(wall, 3),
        "ratio": round(wall / ideal, 3),
        "model_stage_seconds": round(stage, 3),
        "model_stage_ratio": round(stage / ideal, 3),
        "requests": stats["requests"],
        "peak_pss_mb": round(memory.peak, 1),
        "cpu_seconds": memory.cpu_seconds(),
    }


def ray_phase(directory: Path, out: Path, args: argparse.Namespace, ideal: float) -> dict:
    import ray

    from summarizer.engine import ray as ray_engine

    figures: dict[str, Any] = {}
    with ProcessTree() as memory:
        startup, _ = timed(
            lambda: ray.init(
                num_cpus=available_cpus(),
                include_dashboard=False,
                logging_level=logging.ERROR,
                log_to_driver=False,
            )
        )
        figures["ray_init_seconds"] = round(startup, 3)
        server = LatencyServer(args.latency)
        try:
            conf = settings(server.base_url, args.concurrency, engine="ray")
            plan = ray_engine.plan_for(conf)
            figures["actors"], figures["threads_per_actor"] = plan.actors, plan.threads
            began = time.monotonic()
            wall, result = timed(lambda: ray_engine.run([str(directory)], out, conf))
            ended = time.monotonic()
            stats = server.stats()
            figures["cpu_seconds_startup_and_job"] = memory.snapshot()
            if result.record.done != args.articles:
                raise SystemExit(f"ray: {result.record.failed} failed")
            again, rerun = timed(lambda: ray_engine.run([str(directory)], out, conf))
            requests_again = server.stats()["requests"] - stats["requests"]
        finally:
            server.stop()
            ray.shutdown()
    stage = stats["last_answer"] - stats["first_request"]
    figures.update(
        {
            "job_wall_seconds": round(wall, 3),
            "job_ratio": round(wall / ideal, 3),
            "model_stage_seconds": round(stage, 3),
            "model_stage_ratio": round(stage / ideal, 3),
            "start_to_first_request_seconds": round(stats["first_request"] - began, 3),
            "last_answer_to_end_seconds": round(ended - stats["last_answer"], 3),
            "requests": stats["requests"],
            "calls_in_rows": result.record.this_run.calls,
            "rerun_wall_seconds": round(again, 3),
            "rerun_requests": requests_again,
            "rerun_skipped": rerun.skipped,
            "shards": len(ray_engine.shard_files(out / ray_engine.PARQUET_DIR)),
            "peak_pss_mb": round(memory.peak, 1),
            "cpu_seconds_with_rerun": memory.cpu_seconds(),
        }
    )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args(argv)
    ideal = args.articles * args.latency / args.concurrency
    figures: dict[str, Any] = {
        "articles": args.articles,
        "latency_seconds": args.latency,
        "concurrency": args.concurrency,
        "ideal_seconds": round(ideal, 3),
        "cpus": available_cpus(),
        "python": sys.version.split()[0],
    }
    with tempfile.TemporaryDirectory(prefix="ray_speed_") as tmp:
        root = Path(tmp)
        paths = write_articles(root / "articles", args.articles)
        local = figures["local_processes"] = local_phase(paths, args, ideal)
        print(
            f"local   {args.articles} articles, concurrency {args.concurrency}, latency "
            f"{args.latency}s, {local['processes']} worker processes: {local['wall_seconds']:.2f}"
            f" s (ideal {ideal:.2f} s, ratio {local['ratio']:.2f}; first request to last "
            f"answer {local['model_stage_seconds']:.2f} s, ratio "
            f"{local['model_stage_ratio']:.2f}); {local['requests']} requests; peak PSS "
            f"{local['peak_pss_mb']:.0f} MB"
        )
        ray_figures = figures["ray"] = ray_phase(root / "articles", root / "out", args, ideal)
        r = ray_figures
        print(
            f"ray     ray.init {r['ray_init_seconds']:.2f} s (apart); {r['actors']} actors x "
            f"{r['threads_per_actor']} threads: job {r['job_wall_seconds']:.2f} s (ratio "
            f"{r['job_ratio']:.2f}; includes actor start-up, ingest, shards, summaries.jsonl); "
            f"first request to last answer {r['model_stage_seconds']:.2f} s (ratio "
            f"{r['model_stage_ratio']:.2f}; before it {r['start_to_first_request_seconds']:.2f} s "
            f"of actor start-up and ingest, after it {r['last_answer_to_end_seconds']:.2f} s of "
            f"shards and summaries.jsonl); {r['requests']} requests, {r['calls_in_rows']} "
            f"counted in rows; {r['shards']} shards; peak PSS {r['peak_pss_mb']:.0f} MB "
            "(driver, raylet, GCS, workers)"
        )
        print(
            f"resume  rerun over the same output: {r['rerun_wall_seconds']:.2f} s, "
            f"{r['rerun_requests']} requests, {r['rerun_skipped']} articles skipped"
        )
    print(f"cpu     local (s): {local['cpu_seconds']}")
    print(f"cpu     ray, start-up and job (s): {figures['ray']['cpu_seconds_startup_and_job']}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
