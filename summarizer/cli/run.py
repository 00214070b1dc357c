"""`summarizer run`: summarize articles into OUT/, with a progress bar and a results table."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from rich.console import Console

from summarizer.api import summarize_many
from summarizer.cli.args import settings_from
from summarizer.cli.memo import write_run_memo
from summarizer.cli.output import ResultWriter, results_table, totals_line
from summarizer.cli.progress import BatchReporter
from summarizer.models import ArticleSummary, BatchItem, ItemFailure

EXIT_PARTIAL = 1


def cmd_run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    writer = ResultWriter(out)
    reporter = BatchReporter(json_log=args.json_log, quiet=args.quiet)
    started = time.perf_counter()

    def on_result(result: BatchItem) -> None:
        writer.write(result)
        reporter.item(result)

    try:
        results = summarize_many(
            args.inputs, settings=settings, on_result=on_result, on_total=reporter.start
        )
    except BaseException:
        writer.finish()  # keep what finished before the interruption
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
    if args.memo:
        write_run_memo(args.memo, [r for r in results if isinstance(r, ArticleSummary)])
    return EXIT_PARTIAL if any(isinstance(r, ItemFailure) for r in results) else 0
