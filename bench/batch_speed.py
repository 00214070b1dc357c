"""How fast the batch engine goes when the model is fast: overhead, cache, memory.

    .venv/bin/python bench/batch_speed.py [--articles 1000] [--latency 0.2] [--concurrency 32]
                                          [--processes N] [--profile]

A fake OpenAI-compatible server (tests/fakes/latency_server.py) runs in a separate process and
answers every request after `--latency` seconds with a valid answer. The articles are the
prompt's worked example plus one distinct sentence each, in a temporary directory.

Measured and printed (and written to bench/results/batch_speed.json):
1. fresh run, library `summarize_many` at `--concurrency`, empty cache: wall time against the
   ideal articles * latency / concurrency (target ratio <= 1.25), and the CPU time it took
   (this process and the batch's worker processes; see summarizer/engine/workers.py);
2. the same articles again, all from the cache, library: articles per second (target > 500/s);
3. the cached rerun through the CLI (`python -m summarizer.cli.main run DIR --out OUT ...`), which
   also writes one JSON file per article, with the interpreter's start-up timed apart;
4. peak memory: ru_maxrss of this process (and of the CLI child), and the tracemalloc peak of
   one more cached rerun.
When a target is missed (or with --profile), the phase is run again on a sample, in one process,
with the CPU time of each stage measured (thread time: SDK request, validation, grounding, cache
write...), and then profiled with cProfile (every worker thread included), the top 15 functions
printed. The fresh wall time includes the model client's one-time set-up; it is measured apart
in a fresh process and reported.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import io
import json
import pstats
import resource
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from summarizer import ArticleSummary, resolve_settings, summarize_many  # noqa: E402
from summarizer.engine.batch import Batch  # noqa: E402
from summarizer.engine.workers import available_cpus  # noqa: E402
from summarizer.llm.prompt import example_exchange  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "batch_speed.json"
SERVER = ROOT / "tests" / "fakes" / "latency_server.py"
TARGET_RATIO = 1.25
TARGET_CACHED_RATE = 500.0
PROFILE_SAMPLE = 200
ARTICLE, _ = example_exchange()


# --------------------------------------------------------------------------- set-up


def start_server(latency: float) -> tuple[subprocess.Popen[str], int]:
    process = subprocess.Popen(
        [sys.executable, str(SERVER), "--port", "0", "--latency", str(latency)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if not line.isdigit():
        process.kill()
        raise SystemExit(f"the latency server did not start (said {line!r})")
    return process, int(line)


def server_requests(port: int) -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/stats", timeout=10) as answer:
        return int(json.load(answer)["requests"])


def write_articles(directory: Path, count: int) -> list[Path]:
    directory.mkdir(parents=True)
    paths = []
    for i in range(count):
        path = directory / f"article_{i:05d}.txt"
        path.write_text(f"{ARTICLE}\nArchive reference R{i:05d}X was filed.", encoding="utf-8")
        paths.append(path)
    return paths


def settings(port: int, cache: Path, concurrency: int, processes: int | None = None) -> Any:
    return resolve_settings(
        {
            "base_url": f"http://127.0.0.1:{port}/v1",
            "model": "fake-model",
            "structured": "llamacpp",
            "cache_path": str(cache),
            "concurrency": concurrency,
            "processes": processes,
        },
        environ={},
    )


def cpu_seconds() -> float:
    """CPU of this process and of its children that ended (the batch's worker processes)."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def maxrss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)  # Linux reports KiB


# --------------------------------------------------------------------------- profiling


class ThreadProfiles:
    """cProfile in the calling thread and in every batch worker (Batch._one), merged."""

    def __init__(self) -> None:
        self.profiles: list[cProfile.Profile] = []
        self._local = threading.local()
        self._lock = threading.Lock()
        self._original = Batch._one

    def _profile(self) -> cProfile.Profile:
        profile = getattr(self._local, "profile", None)
        if profile is None:
            # CPU time of the thread, not wall time: 32 threads waiting on the GIL would drown it.
            profile = self._local.profile = cProfile.Profile(time.thread_time)
            with self._lock:
                self.profiles.append(profile)
        return profile

    def run(self, work: Callable[[], Any]) -> Any:
        original = self._original

        def profiled(batch: Batch, doc: Any) -> Any:
            profile = self._profile()
            profile.enable()
            try:
                return original(batch, doc)
            finally:
                profile.disable()

        Batch._one = profiled  # type: ignore[method-assign]
        main = self._profile()
        main.enable()
        try:
            return work()
        finally:
            main.disable()
            Batch._one = original  # type: ignore[method-assign]

    def top(self, count: int = 15) -> str:
        out = io.StringIO()
        stats = pstats.Stats(self.profiles[0], stream=out)
        for profile in self.profiles[1:]:
            stats.add(profile)
        stats.strip_dirs().sort_stats("tottime").print_stats(count)
        stats.sort_stats("cumulative").print_stats(count)
        return out.getvalue()


class StageClock:
    """CPU time (thread time) per stage of the fresh path, in ms per article: where it goes.

    Cheaper and steadier than cProfile (which slows small Python calls several times over and
    so overstates them): each stage is one wrapped call, timed with the thread's own clock.
    """

    STAGES = (
        ("worker, in all", "summarizer.engine.batch", "Batch._one"),
        ("  extraction (request, answer, parse)", "summarizer.llm.extract", "Extractor.extract"),
        ("    openai SDK create, HTTP included", "summarizer.llm.extract", "Extractor._send"),
        ("  validate", "summarizer.engine.session", "validate"),
        ("  ground", "summarizer.engine.session", "ground_drafts"),
        ("  cache write", "summarizer.engine.cache", "ResultCache.put"),
        ("main thread: ingest", "summarizer.engine.session", "collect"),
        ("client set-up, once a run", "summarizer.engine.session", "Session._connect"),
    )

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._lock = threading.Lock()

    def _wrap(self, label: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.thread_time()
            try:
                return original(*args, **kwargs)
            finally:
                spent = time.thread_time() - started
                with self._lock:
                    self.seconds[label] = self.seconds.get(label, 0.0) + spent

        return timed

    def run(self, work: Callable[[], Any]) -> Any:
        patched = []
        for label, module_name, path in self.STAGES:
            owner: Any = importlib.import_module(module_name)
            *parents, name = path.split(".")
            for parent in parents:
                owner = getattr(owner, parent)
            patched.append((owner, name, getattr(owner, name)))
            setattr(owner, name, self._wrap(label, getattr(owner, name)))
        try:
            return work()
        finally:
            for owner, name, original in reversed(patched):
                setattr(owner, name, original)

    def table(self, articles: int) -> str:
        return "\n".join(
            f"{label:40s} {1000 * self.seconds.get(label, 0.0) / articles:7.2f}"
            for label, _, _ in self.STAGES
        )


# --------------------------------------------------------------------------- phases


def timed_batch(paths: list[Path], conf: Any) -> tuple[float, float, list[Any]]:
    cpu, started = cpu_seconds(), time.perf_counter()
    results = summarize_many(paths, settings=conf)
    return time.perf_counter() - started, cpu_seconds() - cpu, results


def check_all_done(results: list[Any], cached: bool) -> None:
    bad = [r for r in results if not isinstance(r, ArticleSummary) or r.cached != cached]
    if bad:
        raise SystemExit(f"{len(bad)} result(s) not as expected, first: {bad[0]!r:.300}")


def client_setup_seconds(port: int) -> float:
    """A fresh process's first model client: mostly importing the SDK's resources, once a run."""
    flags = {"base_url": f"http://127.0.0.1:{port}/v1", "model": "m", "use_cache": False}
    code = (
        "import sys, time\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from summarizer import resolve_settings\n"
        "from summarizer.engine.session import Session\n"
        f"settings = resolve_settings({flags!r}, environ={{}})\n"
        "started = time.perf_counter()\n"
        "Session(settings).extractor()\n"
        "print(time.perf_counter() - started)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def cli_cached_rerun(directory: Path, port: int, cache: Path, out: Path) -> dict[str, float]:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import summarizer.cli.main"], check=True)
    startup = time.perf_counter() - started
    command = [
        *(sys.executable, "-m", "summarizer.cli.main", "run", str(directory), "--out", str(out)),
        *("--base-url", f"http://127.0.0.1:{port}/v1", "--model", "fake-model"),
        *("--structured", "llamacpp", "--cache", str(cache), "-q"),
    ]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"the CLI failed ({done.returncode}): {done.stderr[-2000:]}")
    written = len(list(out.glob("*.json")))
    return {
        "wall_seconds": round(wall, 3),
        "interpreter_and_import_seconds": round(startup, 3),
        "files_written": written,
        "articles_per_second_including_startup": round(written / wall, 1),
        "articles_per_second_after_startup": round(written / max(wall - startup, 1e-9), 1),
        "child_maxrss_mb": maxrss_mb(resource.RUSAGE_CHILDREN),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument(
        "--processes", type=int, help="worker processes (default: the batch's own choice)"
    )
    parser.add_argument("--profile", action="store_true", help="profile even if targets are met")
    args = parser.parse_args(argv)

    figures: dict[str, Any] = {
        "articles": args.articles,
        "latency_seconds": args.latency,
        "concurrency": args.concurrency,
        "python": sys.version.split()[0],
    }
    server, port = start_server(args.latency)
    try:
        with tempfile.TemporaryDirectory(prefix="batch_speed_") as tmp:
            root = Path(tmp)
            paths = write_articles(root / "articles", args.articles)
            cache = root / "cache.sqlite3"
            conf = settings(port, cache, args.concurrency, args.processes)

            # 1. fresh: every article asks the (fake) model once
            wall, cpu, results = timed_batch(paths, conf)
            check_all_done(results, cached=False)
            # The largest child process that ended by now: with processes, a batch worker.
            workers_rss = maxrss_mb(resource.RUSAGE_CHILDREN)
            ideal = args.articles * args.latency / args.concurrency
            requests = server_requests(port)
            fresh = {
                "wall_seconds": round(wall, 3),
                "ideal_seconds": round(ideal, 3),
                "ratio": round(wall / ideal, 3),
                "target_ratio": TARGET_RATIO,
                "met": wall / ideal <= TARGET_RATIO,
                "requests": requests,
                "processes": conf.resolved_processes(args.articles, available_cpus()),
                "client_cpu_seconds": round(cpu, 3),
                "client_cpu_ms_per_article": round(1000 * cpu / args.articles, 2),
            }
            # Part of the fresh wall time, before the first request: not per article.
            fresh["client_setup_seconds"] = round(client_setup_seconds(port), 3)
            figures["fresh"] = fresh
            print(
                f"fresh   {args.articles} articles, concurrency {args.concurrency}, latency "
                f"{args.latency}s: {wall:.2f} s (ideal {ideal:.2f} s, ratio {wall / ideal:.2f}, "
                f"target <= {TARGET_RATIO}); {requests} requests; {fresh['processes']} "
                f"process(es); client CPU {cpu:.2f} s "
                f"({1000 * cpu / args.articles:.1f} ms/article); the model client's set-up "
                f"(SDK import) alone {fresh['client_setup_seconds']:.2f} s"
            )

            # 2. cached: nothing reaches the model
            wall, cpu, results = timed_batch(paths, conf)
            check_all_done(results, cached=True)
            rate = args.articles / wall
            cached = {
                "wall_seconds": round(wall, 3),
                "articles_per_second": round(rate, 1),
                "target_articles_per_second": TARGET_CACHED_RATE,
                "met": rate > TARGET_CACHED_RATE,
                "requests": server_requests(port) - requests,
                "client_cpu_seconds": round(cpu, 3),
            }
            figures["cached"] = cached
            print(
                f"cached  library: {wall:.2f} s, {rate:.0f} articles/s (target > "
                f"{TARGET_CACHED_RATE:.0f}); {cached['requests']} requests"
            )
            del results

            # 3. cached, through the CLI (writes one file per article, and summaries.jsonl)
            cli = cli_cached_rerun(root / "articles", port, cache, root / "out")
            figures["cached_cli"] = cli
            print(
                f"cached  CLI: {cli['wall_seconds']:.2f} s for {cli['files_written']} files "
                f"({cli['articles_per_second_including_startup']:.0f}/s with start-up; "
                f"start-up alone {cli['interpreter_and_import_seconds']:.2f} s, "
                f"{cli['articles_per_second_after_startup']:.0f}/s after it)"
            )

            # 4. memory
            tracemalloc.start()
            timed_batch(paths, conf)
            _, traced_peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            figures["memory"] = {
                "maxrss_mb": maxrss_mb(),
                "worker_process_maxrss_mb": workers_rss,
                "tracemalloc_peak_mb_cached_rerun": round(traced_peak / 2**20, 1),
                "cli_child_maxrss_mb": cli["child_maxrss_mb"],
            }
            print(
                f"memory  ru_maxrss {figures['memory']['maxrss_mb']} MB (this process), "
                f"{workers_rss} MB (largest child process by then: the fresh run's workers), "
                f"{cli['child_maxrss_mb']} MB (CLI child); tracemalloc peak of a cached rerun "
                f"{figures['memory']['tracemalloc_peak_mb_cached_rerun']} MB"
            )

            # 5. where the time goes, when a target is missed
            # (a sample is enough, and cProfile slows every call several times over)
            profiles: dict[str, str] = {}
            sample = paths[:PROFILE_SAMPLE]
            if args.profile or not fresh["met"]:
                # In one process: the clocks and profiles live in this process's memory.
                clock = StageClock()
                clock_conf = settings(port, root / "stages-cache.sqlite3", args.concurrency, 1)
                clock.run(lambda: summarize_many(sample, settings=clock_conf))
                figures["fresh_cpu_ms_per_article_by_stage"] = {
                    label.strip(): round(1000 * clock.seconds.get(label, 0.0) / len(sample), 2)
                    for label, _, _ in StageClock.STAGES
                }
                print(
                    f"\n--- CPU (thread time) by stage, fresh run of {len(sample)} articles, "
                    "ms/article ---"
                )
                print(clock.table(len(sample)))
                profiler = ThreadProfiles()
                fresh_conf = settings(port, root / "profile-cache.sqlite3", args.concurrency, 1)
                profiler.run(lambda: summarize_many(sample, settings=fresh_conf))
                profiles["fresh"] = profiler.top()
            if args.profile or not cached["met"]:
                profiler = ThreadProfiles()
                profiler.run(lambda: summarize_many(sample, settings=conf))
                profiles["cached"] = profiler.top()
            for phase, text in profiles.items():
                print(f"\n--- cProfile (CPU time), {phase} run of {len(sample)} articles ---")
                print(text)
            figures["profiled"] = sorted(profiles)
    finally:
        server.terminate()
        server.wait(timeout=10)

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
