"""Command line: a thin layer over the public API. Exit codes come from the error tree.

    summarizer run INPUTS... --out DIR     summarize files, directories, globs
    summarizer model install               assemble and verify the default local model
    summarizer config show                 resolved settings and where each came from
    summarizer schema --write DIR          export the JSON Schemas of the contract

Exit codes: 0 all done, 1 some items failed, 2 bad settings, 3 model unavailable,
4 bad input, 5 no valid summary, 6 cache error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from summarizer.errors import SummarizerError
from summarizer.eval_cli import add_eval_command
from summarizer.ingest import safe_one_line
from summarizer.models import ArticleSummary, ItemFailure
from summarizer.pipeline import BatchItem, summarize_many
from summarizer.progress import BatchReporter
from summarizer.settings import SETTING_NAMES, default_config_path, env_name, resolve_settings

EXIT_PARTIAL = 1
EXIT_INTERRUPTED = 130


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    err = Console(stderr=True, highlight=False)
    try:
        return int(args.handler(args))
    except SummarizerError as exc:
        err.print(f"error: {safe_one_line(str(exc), 1000)}", markup=False)
        return exc.exit_code
    except KeyboardInterrupt:
        err.print("interrupted; finished results were kept", markup=False)
        return EXIT_INTERRUPTED


# --------------------------------------------------------------------------- parser


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="summarizer", description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging on stderr")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="summarize articles")
    run.add_argument("inputs", nargs="+", help="files, directories (recursive) or globs")
    run.add_argument("--out", required=True, type=Path, help="output directory")
    run.add_argument(
        "--json-log", action="store_true", help="one JSON line per item on stderr, no progress bar"
    )
    run.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    _model_flags(run)
    run.set_defaults(handler=_cmd_run)

    model = commands.add_parser("model", help="manage the embedded local model")
    model_cmds = model.add_subparsers(dest="model_command", required=True)
    install = model_cmds.add_parser("install", help="assemble and verify the default GGUF")
    install.add_argument("--force", action="store_true", help="rebuild even if installed")
    install.set_defaults(handler=_cmd_model_install)
    where = model_cmds.add_parser("path", help="print where the default model lives")
    where.set_defaults(handler=_cmd_model_path)

    config = commands.add_parser("config", help="show settings")
    config_cmds = config.add_subparsers(dest="config_command", required=True)
    show = config_cmds.add_parser("show", help="resolved settings and their origin")
    _model_flags(show)
    show.set_defaults(handler=_cmd_config_show)
    path = config_cmds.add_parser("path", help="print the default config file path")
    path.set_defaults(handler=lambda _args: print(default_config_path()) or 0)

    add_eval_command(commands, _model_flags)

    schema = commands.add_parser("schema", help="print or write the JSON Schemas")
    schema.add_argument("--write", type=Path, metavar="DIR", help="write *.schema.json here")
    schema.set_defaults(handler=_cmd_schema)
    return parser


def _model_flags(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("model and settings (flag > SUMMARIZER_* env > config)")
    group.add_argument("--config", help="TOML config file")
    group.add_argument("--base-url", help="OpenAI-compatible endpoint; default: embedded model")
    group.add_argument("--model", help="model name at that endpoint")
    group.add_argument("--api-key-env", help="name of the env variable holding the API key")
    group.add_argument("--model-path", help="GGUF file for the embedded server")
    group.add_argument(
        "--structured",
        choices=["auto", "llamacpp", "json_schema", "strict", "json"],
        help="how structured output is requested (auto: by endpoint)",
    )
    group.add_argument("--max-tokens", type=int)
    group.add_argument("--temperature", type=float)
    group.add_argument("--max-reasks", type=int, help="schema re-ask budget per call")
    group.add_argument(
        "--grounding-reasks", type=int, help="targeted re-asks for ungrounded items (0: none)"
    )
    group.add_argument(
        "--keep-unsupported",
        action="store_true",
        default=None,
        help="keep items the text does not support, marked, instead of removing them",
    )
    group.add_argument("--read-timeout", type=float, help="seconds to wait for an answer")
    group.add_argument("--n-ctx", type=int, help="context size of the embedded server")
    group.add_argument("--max-bytes", type=int, help="largest input file accepted")
    group.add_argument(
        "--concurrency", type=int, help="requests in flight (default: 1 embedded, 4-8 remote)"
    )
    group.add_argument("--cache", dest="cache_path", help="SQLite cache file")
    group.add_argument("--no-cache", dest="use_cache", action="store_false", default=None)
    group.add_argument("--refresh", action="store_true", default=None, help="ignore cached results")


def _settings(args: argparse.Namespace) -> Any:
    flags = {name: getattr(args, name, None) for name in SETTING_NAMES}
    return resolve_settings(flags, config_path=getattr(args, "config", None))


# --------------------------------------------------------------------------- commands


def _cmd_run(args: argparse.Namespace) -> int:
    settings = _settings(args)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    writer = _ResultWriter(out)
    reporter = BatchReporter(json_log=args.json_log, quiet=args.quiet)
    started = time.perf_counter()

    def on_result(result: BatchItem) -> None:
        writer.write(result)
        reporter.item(result)

    try:
        results = summarize_many(
            args.inputs, settings=settings, on_result=on_result, on_total=reporter.start
        )
    finally:
        writer.finish()
        reporter.stop()
    wall = time.perf_counter() - started
    reporter.finish(results, wall)
    if not args.json_log:
        console = Console(highlight=False)
        console.print(_table(results))
        console.print(_totals(results, wall), markup=False, soft_wrap=True)
    return EXIT_PARTIAL if any(isinstance(r, ItemFailure) for r in results) else 0


def _cmd_model_install(args: argparse.Namespace) -> int:
    from summarizer.weights import install_model

    path = install_model(force=args.force, progress=lambda m: print(m, file=sys.stderr))
    print(path)
    return 0


def _cmd_model_path(_args: argparse.Namespace) -> int:
    from summarizer.weights import default_model_path, is_installed

    path = default_model_path()
    print(path if is_installed(path) else f"{path} (not installed: run `summarizer model install`)")
    return 0


def _cmd_config_show(args: argparse.Namespace) -> int:
    settings = _settings(args)
    for name in SETTING_NAMES:
        origin = settings.sources.get(name, "default")
        print(f"{name} = {getattr(settings, name)!r}  ({origin}; env {env_name(name)})")
    print(f"# structured output used: {settings.structured_mode}")
    print(f"# cache file: {settings.resolved_cache_path()}")
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from summarizer.schema_export import render_schemas, write_schemas

    if args.write:
        for path in write_schemas(args.write):
            print(path)
    else:
        print(json.dumps({k: json.loads(v) for k, v in render_schemas().items()}, indent=2))
    return 0


# --------------------------------------------------------------------------- output


class _ResultWriter:
    """Writes each result as it finishes, so an interrupted batch keeps what it did."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.lines: list[str] = []
        self.errors: list[str] = []
        self.used_names: set[str] = set()

    def write(self, result: BatchItem) -> None:
        if isinstance(result, ItemFailure):
            self.errors.append(result.model_dump_json())
            return
        name = self._file_name(result)
        _atomic_write(self.out / name, result.model_dump_json(indent=2) + "\n")
        self.lines.append(result.model_dump_json())

    def finish(self) -> None:
        _atomic_write(self.out / "summaries.jsonl", "".join(line + "\n" for line in self.lines))
        errors = self.out / "errors.jsonl"
        if self.errors:
            _atomic_write(errors, "".join(line + "\n" for line in self.errors))
        elif errors.exists():
            errors.unlink()  # a stale file from an earlier run would misreport this one

    def _file_name(self, result: ArticleSummary) -> str:
        stem = Path((result.source.path or result.id).split(":")[0]).name
        stem = re.sub(r"\.(txt|md|html?|jsonl?|gz)$", "", stem, flags=re.IGNORECASE)
        stem = re.sub(r"\.(txt|md|html?|jsonl?)$", "", stem, flags=re.IGNORECASE)
        stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._") or "article"
        name = f"{stem}.json"
        if name in self.used_names:
            name = f"{stem}-{result.id}.json"
        self.used_names.add(name)
        return name


def _atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _table(results: list[BatchItem]) -> Table:
    table = Table(title="summaries", show_lines=False)
    columns = (
        "article",
        "event",
        "participants",
        "agenda",
        "stances",
        "grounded",
        "seconds",
        "cache",
    )
    for column in columns:
        table.add_column(column, overflow="fold")
    for r in results:
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
    return table


def _totals(results: list[BatchItem], wall: float) -> str:
    done = [r for r in results if isinstance(r, ArticleSummary)]
    fresh = [r for r in done if not r.cached]
    failed = len(results) - len(done)
    calls = sum(r.usage.calls for r in fresh)
    prompt_tokens = sum(r.usage.prompt_tokens for r in fresh)
    completion_tokens = sum(r.usage.completion_tokens for r in fresh)
    return (
        f"{len(results)} article(s): {len(done)} done, {failed} failed, "
        f"{len(done) - len(fresh)} from cache; model calls {calls}, "
        f"tokens {prompt_tokens} prompt + {completion_tokens} completion; {wall:.1f} s"
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
