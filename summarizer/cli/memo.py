"""`summarizer memo`: a briefing memo from stored results or raw articles (cache reused)."""

from __future__ import annotations

import argparse
import glob
import sys
from pathlib import Path

from pydantic import ValidationError
from rich.console import Console

from summarizer.api import build_memo, summarize_many
from summarizer.cli.args import settings_from
from summarizer.cli.output import atomic_write
from summarizer.cli.progress import BatchReporter
from summarizer.errors import ExtractionError, OutputError
from summarizer.memo.render import render_html, render_json, render_markdown
from summarizer.models import ArticleSummary, ItemFailure
from summarizer.text.lines import safe_one_line

EXIT_PARTIAL = 1


def cmd_memo(args: argparse.Namespace) -> int:
    skipped: list[str] = []
    summaries, articles = _memo_inputs(args.inputs, skipped)
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
    for line in skipped:
        err.print(f"skipped: {safe_one_line(line, 500)}", markup=False, soft_wrap=True)
    for failure in failures:
        name = safe_one_line(failure.path or "?", 200)
        err.print(
            f"failed: {name}: {safe_one_line(failure.error, 300)}", markup=False, soft_wrap=True
        )
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
    return EXIT_PARTIAL if failures or skipped else 0


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
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text)
    except OSError as exc:
        raise OutputError(
            f"cannot write {path}: {exc.strerror or exc}; choose another path or free space"
        ) from None


def _memo_inputs(
    inputs: list[str], skipped: list[str] | None = None
) -> tuple[list[ArticleSummary], list[str]]:
    """Stored results (read as they are) apart from articles (to be summarized).

    A line of a results file that is no result is left out and said in `skipped`.
    """
    skipped = [] if skipped is None else skipped
    stored: list[ArticleSummary] = []
    articles: list[str] = []
    for item in inputs:
        paths = sorted(glob.glob(item)) if glob.has_magic(item) else [item]
        for name in paths:
            found = _stored_results(Path(name), skipped)
            if found is None:
                articles.append(name)
            else:
                stored.extend(found)
    return stored, articles


def _stored_results(path: Path, skipped: list[str]) -> list[ArticleSummary] | None:
    """Results `run` wrote at `path`, or None when it holds articles instead."""
    if path.is_dir():
        jsonl = path / "summaries.jsonl"
        if jsonl.is_file():  # written by `run` in input order; the *.json files repeat it
            return _read_results(jsonl, skipped, results_file=True) or []
        found = [s for f in sorted(path.glob("*.json")) for s in _read_results(f, skipped) or []]
        return found or None
    if path.suffix.lower() in {".json", ".jsonl"} and path.is_file():
        return _read_results(path, skipped)
    return None


def _read_results(
    path: Path, skipped: list[str], *, results_file: bool = False
) -> list[ArticleSummary] | None:
    """The results in a file, None if it holds none (an article in news-please JSON, say).

    In a JSONL file with some results, each line that is not one is skipped and reported;
    one bad line never costs the rest of the file.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        if results_file:
            skipped.append(f"{path}: cannot read it ({getattr(exc, 'strerror', None) or exc})")
        return None
    if path.suffix.lower() != ".jsonl":
        try:
            return [ArticleSummary.model_validate_json(text)]
        except ValueError:
            return None
    found: list[ArticleSummary] = []
    bad: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            found.append(ArticleSummary.model_validate_json(line))
        except ValueError as exc:
            bad.append(f"{path} line {number}: not a stored result ({_why_invalid(exc)})")
    if not found and not results_file:
        return None  # no result at all: articles (news-please JSONL)
    skipped.extend(bad)
    return found


def _why_invalid(exc: ValueError) -> str:
    errors = exc.errors() if isinstance(exc, ValidationError) else []
    if not errors:
        return "invalid JSON"
    first = errors[0]
    where = ".".join(str(part) for part in first.get("loc", ()))
    message = str(first.get("msg", "invalid"))
    return f"{message} at {where}" if where else message
