"""`summarizer run`: summarize articles into OUT/, with a progress bar and a results table;
with `--engine ray`, on Ray Data (summarizer/engine/ray.py: Parquet shards, then the JSONL)."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from pathlib import Path

from rich.console import Console

from summarizer.api import summarize_many
from summarizer.cli.args import settings_from
from summarizer.cli.memo import write_run_memo
from summarizer.cli.output import ResultWriter, results_table, totals_line
from summarizer.cli.progress import BatchReporter
from summarizer.engine import ray as ray_engine
from summarizer.errors import CacheError, ConfigError, OutputError
from summarizer.models import ArticleSummary, BatchItem, ItemFailure
from summarizer.settings import Settings
from summarizer.text.lines import safe_one_line

EXIT_PARTIAL = 1


def cmd_run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    if settings.engine == "ray":
        return run_on_ray(args, settings)
    out: Path = args.out
    writer = ResultWriter(out, cached=settings.use_cache)
    writer.prepare()  # before any model call: an unwritable --out would waste them all
    reporter = BatchReporter(json_log=args.json_log, quiet=args.quiet)
    started = time.perf_counter()

    def on_result(result: BatchItem) -> None:
        writer.write(result)
        reporter.item(result)

    cache_errors: list[str] = []  # the first failed cache write; the results are kept
    try:
        results = summarize_many(
            args.inputs,
            settings=settings,
            on_result=on_result,
            on_total=reporter.start,
            on_cache_error=cache_errors.append,
        )
    except BaseException:
        # Keep what finished before the interruption; the error that stopped the run is the
        # one to report (a full disk stops this write too).
        with contextlib.suppress(OutputError):
            writer.finish()
        raise
    finally:
        reporter.stop()
    writer.finish(results)
    wall = time.perf_counter() - started
    reporter.finish(results, wall)
    if not args.json_log:
        # Off a terminal (a log, a pipe) rich would wrap at 80 columns and fold every cell.
        console = Console(highlight=False)
        if not console.is_terminal:
            console = Console(highlight=False, width=140)
        console.print(results_table(results))
        console.print(totals_line(results, wall), markup=False, soft_wrap=True)
    for message in cache_errors[:1]:
        reporter.warning(f"cache not written: {safe_one_line(message, 600)}")
    if args.memo:
        write_run_memo(args.memo, [r for r in results if isinstance(r, ArticleSummary)])
    if any(isinstance(r, ItemFailure) for r in results):
        return EXIT_PARTIAL
    return CacheError.exit_code if cache_errors else 0


def run_on_ray(args: argparse.Namespace, settings: Settings) -> int:
    """`summarizer run --engine ray` (exit code 1 when some articles failed)."""
    if args.memo:
        raise ConfigError(
            "--memo is not available with --engine ray; run `summarizer memo OUT/` afterwards"
        )
    ray_engine.check_settings(settings)
    ResultWriter(args.out).prepare()  # a writable --out, marked: never read back as input
    quiet = args.quiet or args.json_log or not sys.stderr.isatty()
    result = ray_engine.run(args.inputs, args.out, settings, quiet=quiet)
    r, spent = result.record, result.record.this_run
    if args.json_log:
        done = {
            "event": "done",
            "done": r.done,
            "failed": r.failed,
            "earlier": result.skipped,
            "cached": r.this_run_cached,
            "calls": spent.calls,
            "prompt_tokens": spent.prompt_tokens,
            "completion_tokens": spent.completion_tokens,
            "seconds": round(result.wall, 3),
        }
        print(json.dumps(done), file=sys.stderr)
    else:
        print(
            f"{r.done + r.failed} article(s): {r.done} done, {r.failed} failed, "
            f"{result.skipped} done in earlier runs, {r.this_run_cached} from cache; "
            f"model calls {spent.calls}, tokens {spent.prompt_tokens} prompt + "
            f"{spent.completion_tokens} completion; {result.wall:.1f} s"
        )
    return EXIT_PARTIAL if r.failed else 0
