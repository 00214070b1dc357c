"""`summarizer memo`: a briefing memo from stored results or raw articles (cache reused)."""

from __future__ import annotations

import argparse
import glob
import sys
from pathlib import Path

from rich.console import Console

from summarizer.api import build_memo, summarize_many
from summarizer.cli.args import settings_from
from summarizer.cli.output import atomic_write
from summarizer.cli.progress import BatchReporter
from summarizer.errors import ExtractionError
from summarizer.memo.render import render_html, render_json, render_markdown
from summarizer.models import ArticleSummary, ItemFailure
from summarizer.text.lines import safe_one_line

EXIT_PARTIAL = 1


def cmd_memo(args: argparse.Namespace) -> int:
    summaries, articles = _memo_inputs(args.inputs)
    failures: list[ItemFailure] = []
    if articles:  # raw articles: summarized like `run` (cached results are reused)
        reporter = BatchReporter(quiet=args.quiet)
        try:
            results = summarize_many(
                articles,
                settings=settings_from(args),
                on_result=reporter.item,
                on_total=reporter.start,
            )
        finally:
            reporter.stop()
        summaries += [r for r in results if isinstance(r, ArticleSummary)]
        failures = [r for r in results if isinstance(r, ItemFailure)]
    err = Console(stderr=True, highlight=False)
    for failure in failures:
        name = safe_one_line(failure.path or "?", 200)
        err.print(f"failed: {name}: {safe_one_line(failure.error, 300)}", markup=False)
    if not summaries:
        raise ExtractionError("no summary to build a memo from")
    memo = build_memo(summaries)
    if args.out or not (args.html or args.json_out):
        emit(args.out, render_markdown(memo))
    if args.html:
        emit(args.html, render_html(memo))
    if args.json_out:
        emit(args.json_out, render_json(memo))
    events = sum(len(e.sources) > 1 for e in memo.events)
    err.print(
        f"memo: {len(memo.sources)} source(s), {len(memo.events)} event(s), "
        f"{events} with several sources",
        markup=False,
    )
    return EXIT_PARTIAL if failures else 0


def write_run_memo(path: Path, summaries: list[ArticleSummary]) -> None:
    if not summaries:
        return  # nothing to brief on; the run's exit code already says why
    memo = build_memo(summaries)
    render = {".html": render_html, ".htm": render_html, ".json": render_json}
    emit(path, render.get(path.suffix.lower(), render_markdown)(memo))


def emit(path: Path | None, text: str) -> None:
    if path is None:
        sys.stdout.write(text)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, text)


def _memo_inputs(inputs: list[str]) -> tuple[list[ArticleSummary], list[str]]:
    """Stored results (read as they are) apart from articles (to be summarized)."""
    stored: list[ArticleSummary] = []
    articles: list[str] = []
    for item in inputs:
        paths = sorted(glob.glob(item)) if glob.has_magic(item) else [item]
        for name in paths:
            found = _stored_results(Path(name))
            if found is None:
                articles.append(name)
            else:
                stored.extend(found)
    return stored, articles


def _stored_results(path: Path) -> list[ArticleSummary] | None:
    """Results `run` wrote at `path`, or None when it holds articles instead."""
    if path.is_dir():
        jsonl = path / "summaries.jsonl"
        if jsonl.is_file():  # written by `run` in input order; the *.json files repeat it
            return _read_results(jsonl) or []
        found = [s for f in sorted(path.glob("*.json")) for s in _read_results(f) or []]
        return found or None
    if path.suffix.lower() in {".json", ".jsonl"} and path.is_file():
        return _read_results(path)
    return None


def _read_results(path: Path) -> list[ArticleSummary] | None:
    try:
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines() if path.suffix.lower() == ".jsonl" else [text]
        return [ArticleSummary.model_validate_json(line) for line in lines if line.strip()]
    except (OSError, UnicodeDecodeError, ValueError):
        return None  # not a result file: an article in news-please JSON, say
