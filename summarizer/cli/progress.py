"""What a running batch shows: a progress bar on a terminal, JSON lines for machines.

The bar (done/total, rate, ETA, cache hits, failures, tokens) goes to stderr and only when
stderr is a terminal; `--json-log` replaces it with one JSON object per line on stderr.
Everything printed passes through `safe_one_line`, so text from an article can never send
escape sequences to the terminal.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from summarizer.engine.batch import batch_usage
from summarizer.models import ArticleSummary, ItemFailure
from summarizer.text.lines import safe_one_line


class BatchReporter:
    def __init__(self, *, json_log: bool = False, quiet: bool = False) -> None:
        self.json_log = json_log
        self.console = Console(stderr=True, highlight=False)
        show_bar = not json_log and not quiet and self.console.is_terminal
        self.progress: Progress | None = None
        if show_bar:
            self.progress = Progress(
                TextColumn("[bold]summarizing"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                TextColumn("{task.fields[stats]}"),
                console=self.console,
                transient=True,
            )
        self.task: TaskID | None = None
        self.done = self.hits = self.failed = self.tokens = 0

    def start(self, total: int) -> None:
        if self.json_log:
            self._emit({"event": "start", "total": total})
        if self.progress is not None:
            self.progress.start()
            self.task = self.progress.add_task("batch", total=total, rate="", stats="")

    def item(self, result: ArticleSummary | ItemFailure) -> None:
        self.done += 1
        if isinstance(result, ItemFailure):
            self.failed += 1
            self.tokens += result.usage.prompt_tokens + result.usage.completion_tokens
        elif result.cached:
            self.hits += 1
        else:
            self.tokens += result.usage.prompt_tokens + result.usage.completion_tokens
        if self.json_log:
            self._emit(item_record(result))
        if self.progress is not None and self.task is not None:
            elapsed = self.progress.tasks[0].elapsed or 0.0
            rate = f"{self.done / elapsed:.1f}/s" if elapsed > 0 else ""
            stats = f"hits {self.hits} · failed {self.failed} · tokens {self.tokens}"
            self.progress.update(self.task, advance=1, rate=rate, stats=stats)

    def warning(self, message: str) -> None:
        """One line on stderr (a JSON record with --json-log): something to fix, said once."""
        if self.json_log:
            self._emit({"event": "warning", "message": safe_one_line(message, 1000)})
        else:
            self.console.print(
                f"warning: {safe_one_line(message, 1000)}", markup=False, soft_wrap=True
            )

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()

    def finish(self, results: list[ArticleSummary | ItemFailure], wall: float) -> None:
        if not self.json_log:
            return
        spent = batch_usage(results)
        self._emit(
            {
                "event": "done",
                "total": len(results),
                "failed": sum(isinstance(r, ItemFailure) for r in results),
                "cached": sum(isinstance(r, ArticleSummary) and r.cached for r in results),
                "calls": spent.calls,
                "prompt_tokens": spent.prompt_tokens,
                "completion_tokens": spent.completion_tokens,
                "seconds": round(wall, 3),
            }
        )

    def _emit(self, record: dict[str, Any]) -> None:
        # json.dumps escapes control characters, so no raw escape reaches the terminal.
        print(json.dumps(record, ensure_ascii=True), file=sys.stderr, flush=True)


def item_record(result: ArticleSummary | ItemFailure) -> dict[str, Any]:
    if isinstance(result, ItemFailure):
        return {
            "event": "item",
            "status": "failed",
            "path": result.path,
            "id": result.id,
            "kind": result.kind,
            "error": safe_one_line(result.error, 500),
            "calls": result.usage.calls,
            "prompt_tokens": result.usage.prompt_tokens,
            "completion_tokens": result.usage.completion_tokens,
        }
    return {
        "event": "item",
        "status": "cached" if result.cached else "done",
        "path": result.source.path,
        "id": result.id,
        "seconds": result.seconds,
        "calls": result.usage.calls,
        "prompt_tokens": result.usage.prompt_tokens,
        "completion_tokens": result.usage.completion_tokens,
        "grounded_share": result.grounding.grounded_share,
        "rejected": result.grounding.rejected,
    }
