"""What `summarizer run` leaves behind: one JSON per article, summaries.jsonl, errors.jsonl,
and the table and totals printed at the end.

Per-article files are written as each article finishes (atomically: a reader never sees half a
file). They are not fsynced one by one: the SQLite cache is the durable record, and a re-run
rewrites any file a power cut lost, without calling the model.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from rich.table import Table

from summarizer.engine.batch import BatchItem, batch_usage
from summarizer.errors import ConfigError, OutputError
from summarizer.ingest import OUTPUT_MARKER
from summarizer.models import ArticleSummary, ItemFailure
from summarizer.text.lines import safe_one_line

_MARKER_TEXT = (
    "Results of `summarizer run`. Inputs that walk into this directory skip it, so an --out\n"
    "inside the input directory is never read back as articles.\n"
)
TABLE_ROWS = 50  # a terminal table of thousands of rows helps nobody and takes seconds


class ResultWriter:
    def __init__(self, out: Path, *, cached: bool = True) -> None:
        self.out = out
        self.cached = cached  # whether finished results are in the cache (said when stopping)
        self.lines: list[str] = []
        self.errors: list[str] = []
        self.used_names: set[str] = set()

    def prepare(self) -> None:
        """Create the output directory and check that it takes a file, before any model call."""
        if self.out.exists() and not self.out.is_dir():
            raise ConfigError(
                f"--out {self.out} is a file, not a directory: name a directory (it is created "
                "if missing)"
            )
        try:
            self.out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"cannot create the output directory {self.out}: {exc.strerror or exc}; "
                "choose another --out"
            ) from None
        try:
            fd, probe = tempfile.mkstemp(dir=self.out, prefix=".probe.", suffix=".tmp")
            os.close(fd)
            os.unlink(probe)
            marker = self.out / OUTPUT_MARKER
            if not marker.exists():  # results here are never read back as articles
                marker.write_text(_MARKER_TEXT, encoding="utf-8")
        except OSError as exc:
            raise OutputError(
                f"cannot write to the output directory {self.out}: {exc.strerror or exc}; "
                "choose another --out or make it writable"
            ) from None

    def write(self, result: BatchItem) -> None:
        if isinstance(result, ItemFailure):
            self.errors.append(result.model_dump_json())
            return
        name = self._file_name(result)
        try:
            atomic_write(self.out / name, result.model_dump_json(indent=2) + "\n")
        except OSError as exc:
            raise self._stopped(self.out / name, exc) from None
        self.lines.append(result.model_dump_json())

    def _stopped(self, path: Path, exc: OSError) -> OutputError:
        kept = "finished articles come from the cache" if self.cached else "nothing was cached"
        return OutputError(
            f"cannot write {path}: {exc.strerror or exc}; the batch stopped. Free space or "
            f"choose another --out, then run the same command again ({kept})"
        )

    def finish(self, results: list[BatchItem] | None = None) -> None:
        """summaries.jsonl and errors.jsonl: the whole run's, in input order (`results`).

        Without `results` the run stopped early (an error, Ctrl-C): nothing already written may
        be lost. With no new result the files stay as they were; otherwise the new lines are
        added to the earlier ones they do not replace (same article), in finishing order.
        """
        summaries, errors = self.out / "summaries.jsonl", self.out / "errors.jsonl"
        if results is not None:
            self.lines = [r.model_dump_json() for r in results if isinstance(r, ArticleSummary)]
            self.errors = [r.model_dump_json() for r in results if isinstance(r, ItemFailure)]
            lines, failures = self.lines, self.errors
        elif not self.lines and not self.errors:
            return  # a run that stopped before any result leaves the earlier files alone
        else:
            done = {_line_key(line) for line in self.lines}
            earlier = _earlier_lines(summaries, done)
            earlier_errors = _earlier_lines(errors, done | {_line_key(e) for e in self.errors})
            if earlier is None or earlier_errors is None:
                return  # an earlier file that cannot be read is not replaced by a partial one
            lines, failures = earlier + self.lines, earlier_errors + self.errors
        try:
            atomic_write(summaries, "".join(line + "\n" for line in lines))
            if failures:
                atomic_write(errors, "".join(line + "\n" for line in failures))
            elif errors.exists():
                errors.unlink()  # a stale file from an earlier run would misreport this one
        except OSError as exc:
            raise self._stopped(Path(exc.filename or summaries), exc) from None

    def _file_name(self, result: ArticleSummary) -> str:
        stem = Path((result.source.path or result.id).split(":")[0]).name
        stem = re.sub(r"\.gz$", "", stem, flags=re.IGNORECASE)
        stem = re.sub(r"\.(txt|md|html?|jsonl?)$", "", stem, flags=re.IGNORECASE)
        stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._") or "article"
        candidates = [f"{stem}.json", f"{stem}-{result.id}.json"]
        candidates += (f"{stem}-{result.id}-{n}.json" for n in range(2, 10_000))
        name = next(c for c in candidates if c not in self.used_names)
        self.used_names.add(name)
        return name


def _line_key(line: str) -> str:
    """Which article a summaries.jsonl or errors.jsonl line is about (its path, else its id)."""
    try:
        data = json.loads(line)
    except ValueError:
        return line
    if not isinstance(data, dict):
        return line
    source = data.get("source")
    path = source.get("path") if isinstance(source, dict) else data.get("path")
    return str(path or data.get("id") or line)


def _earlier_lines(path: Path, replaced: set[str]) -> list[str] | None:
    """The lines an earlier run wrote to `path`, except those about articles in `replaced`;
    None when the file is there but cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError):
        return None
    return [line for line in text.splitlines() if line.strip() and _line_key(line) not in replaced]


def atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def results_table(results: list[BatchItem]) -> Table:
    table = Table(title="summaries", show_lines=False)
    columns = ("article", "event", "participants", "agenda", "stances", "grounded", "seconds")
    for column in (*columns, "cache"):
        table.add_column(column, overflow="fold")
    for r in results[:TABLE_ROWS]:
        if isinstance(r, ItemFailure):
            name = safe_one_line(r.path or r.id or "?", 60)
            table.add_row(name, f"FAILED: {safe_one_line(r.error, 120)}", *[""] * 6)
            continue
        attending = sum(p.attending for p in r.participants)
        table.add_row(
            safe_one_line(Path(r.source.path or r.id).name, 60),
            safe_one_line(r.event.title, 60),
            f"{attending} attending / {len(r.participants)}",
            str(len(r.agenda)),
            str(len(r.stances)),
            f"{r.grounding.grounded_share:.0%} ({r.grounding.rejected} rejected)",
            f"{r.seconds:.1f}",
            "hit" if r.cached else "miss",
        )
    if len(results) > TABLE_ROWS:
        table.add_row(f"… {len(results) - TABLE_ROWS} more in summaries.jsonl", *[""] * 7)
    return table


def totals_line(results: list[BatchItem], wall: float) -> str:
    done = [r for r in results if isinstance(r, ArticleSummary)]
    cached = sum(r.cached for r in done)
    spent = batch_usage(results)
    return (
        f"{len(results)} article(s): {len(done)} done, {len(results) - len(done)} failed, "
        f"{cached} from cache; model calls {spent.calls}, tokens {spent.prompt_tokens} prompt "
        f"+ {spent.completion_tokens} completion; {wall:.1f} s"
    )
