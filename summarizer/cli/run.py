"""`summarizer run`: summarize articles into OUT/, with a progress bar and a results table."""

from __future__ import annotations

import argparse
import contextlib
import time
from pathlib import Path

from rich.console import Console

from summarizer.api import summarize_many
from summarizer.cli.args import settings_from
from summarizer.cli.memo import write_run_memo
from summarizer.cli.output import ResultWriter, results_table, totals_line
from summarizer.cli.progress import BatchReporter
from summarizer.errors import CacheError, OutputError
from summarizer.models import ArticleSummary, BatchItem, ItemFailure
from summarizer.text.lines import safe_one_line

EXIT_PARTIAL = 1


def cmd_run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
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
