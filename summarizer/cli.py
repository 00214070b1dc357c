"""Command line: a thin layer over the public API. Exit codes come from the error tree.

    summarizer run INPUTS... --out DIR     summarize files, directories, globs
    summarizer memo INPUTS... --out FILE   briefing memo: events merged across sources
    summarizer model install               assemble and verify the default local model
    summarizer config show                 resolved settings and where each came from
    summarizer schema --write DIR          export the JSON Schemas of the contract

Exit codes: 0 all done, 1 some items failed, 2 bad settings, 3 model unavailable,
4 bad input, 5 no valid summary, 6 cache error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import glob
import json
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console

from summarizer.errors import ExtractionError, SummarizerError
from summarizer.eval_cli import add_eval_command
from summarizer.ingest import safe_one_line
from summarizer.models import ArticleSummary, ItemFailure
from summarizer.output import ResultWriter, atomic_write, results_table, totals_line
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
    # instructor logs every failed attempt with the endpoint's raw error body, which may hold
    # escape sequences or an echoed key; our own one-line, scrubbed messages say the same.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
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
    run.add_argument(
        "--memo",
        type=Path,
        metavar="FILE",
        help="also write a briefing memo of the results (Markdown; .html or .json by extension)",
    )
    _model_flags(run)
    _engine_flags(run)
    run.set_defaults(handler=_cmd_run)

    memo = commands.add_parser("memo", help="briefing memo: events clustered and merged")
    memo.add_argument(
        "inputs",
        nargs="+",
        help="stored results (run output dirs, result *.json, summaries.jsonl) or articles",
    )
    memo.add_argument("--out", type=Path, help="Markdown file (default: print it)")
    memo.add_argument("--html", type=Path, help="self-contained HTML page")
    memo.add_argument("--json", dest="json_out", type=Path, help="the memo as JSON")
    memo.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    _model_flags(memo)
    memo.set_defaults(handler=_cmd_memo)

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
    _engine_flags(show)
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
        "--passes",
        type=int,
        help="extraction passes per chunk (2: ask once more for items the first pass missed)",
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
    group.add_argument(
        "--processes",
        type=int,
        help="worker processes sharing those requests (remote endpoints; default: 1 per 8)",
    )
    group.add_argument("--cache", dest="cache_path", help="SQLite cache file")
    group.add_argument("--no-cache", dest="use_cache", action="store_false", default=None)
    group.add_argument("--refresh", action="store_true", default=None, help="ignore cached results")


def _engine_flags(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("engine (flag > SUMMARIZER_* env > config)")
    group.add_argument(
        "--engine",
        choices=["local", "ray"],
        help="local: this machine (default); ray: Ray Data, on a cluster (needs --base-url "
        "and the ray extra)",
    )
    group.add_argument(
        "--ray-address",
        help="Ray cluster to join (auto, ray://host:port); default: start Ray on this machine",
    )


def _settings(args: argparse.Namespace) -> Any:
    flags = {name: getattr(args, name, None) for name in SETTING_NAMES}
    return resolve_settings(flags, config_path=getattr(args, "config", None))


# --------------------------------------------------------------------------- commands


def _cmd_run(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if settings.engine == "ray":
        from summarizer.ray_engine import run_on_ray  # imports Ray only now

        return run_on_ray(args, settings)
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
        _write_run_memo(args.memo, [r for r in results if isinstance(r, ArticleSummary)])
    return EXIT_PARTIAL if any(isinstance(r, ItemFailure) for r in results) else 0


def _cmd_memo(args: argparse.Namespace) -> int:
    from summarizer.merge import build_memo
    from summarizer.render import render_html, render_json, render_markdown

    summaries, articles = _memo_inputs(args.inputs)
    failures: list[ItemFailure] = []
    if articles:  # raw articles: summarized like `run` (cached results are reused)
        reporter = BatchReporter(quiet=args.quiet)
        try:
            results = summarize_many(
                articles, settings=_settings(args), on_result=reporter.item, on_total=reporter.start
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
        _emit(args.out, render_markdown(memo))
    if args.html:
        _emit(args.html, render_html(memo))
    if args.json_out:
        _emit(args.json_out, render_json(memo))
    events = sum(len(e.sources) > 1 for e in memo.events)
    err.print(
        f"memo: {len(memo.sources)} source(s), {len(memo.events)} event(s), "
        f"{events} with several sources",
        markup=False,
    )
    return EXIT_PARTIAL if failures else 0


def _write_run_memo(path: Path, summaries: list[ArticleSummary]) -> None:
    from summarizer.merge import build_memo
    from summarizer.render import render_html, render_json, render_markdown

    if not summaries:
        return  # nothing to brief on; the run's exit code already says why
    memo = build_memo(summaries)
    render = {".html": render_html, ".htm": render_html, ".json": render_json}
    _emit(path, render.get(path.suffix.lower(), render_markdown)(memo))


def _emit(path: Path | None, text: str) -> None:
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
