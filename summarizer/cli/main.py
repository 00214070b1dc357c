"""Command line: a thin layer over the public API. Exit codes come from the error tree.

    summarizer run INPUTS... --out DIR     summarize files, directories, globs
    summarizer memo INPUTS... --out FILE   briefing memo: events merged across sources
    summarizer model install               assemble and verify the default local model
    summarizer config show                 resolved settings and where each came from
    summarizer schema --write DIR          export the JSON Schemas of the contract

Exit codes: 0 all done, 1 some items failed, 2 bad settings, 3 model unavailable,
4 bad input, 5 no valid summary, 6 cache error (also: every article done, but the cache
could not be written), 7 output cannot be written (full or read-only), 8 a worker process
died, 130 interrupted.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from summarizer.cli import admin
from summarizer.cli import memo as memo_command
from summarizer.cli import run as run_command
from summarizer.cli.args import add_settings_flags
from summarizer.cli.eval import add_eval_command
from summarizer.errors import SummarizerError
from summarizer.settings import default_config_path
from summarizer.text.lines import safe_one_line

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
        err.print(f"error: {safe_one_line(str(exc), 1000)}", markup=False, soft_wrap=True)
        return exc.exit_code
    except KeyboardInterrupt:
        err.print("interrupted; finished results were kept", markup=False)
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug or an unforeseen OS error: one line; -v adds the traceback
        logging.getLogger(__name__).debug("unexpected error", exc_info=True)
        message = f"unexpected {type(exc).__name__}: {safe_one_line(str(exc), 500)}"
        err.print(f"error: {message} (run with -v for details)", markup=False, soft_wrap=True)
        return SummarizerError.exit_code  # the root of the error tree: 1


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
    add_settings_flags(run)
    run.set_defaults(handler=run_command.cmd_run)

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
    add_settings_flags(memo)
    memo.set_defaults(handler=memo_command.cmd_memo)

    model = commands.add_parser("model", help="manage the embedded local model")
    model_cmds = model.add_subparsers(dest="model_command", required=True)
    install = model_cmds.add_parser("install", help="assemble and verify the default GGUF")
    install.add_argument("--force", action="store_true", help="rebuild even if installed")
    install.set_defaults(handler=admin.cmd_model_install)
    where = model_cmds.add_parser("path", help="print where the default model lives")
    where.set_defaults(handler=admin.cmd_model_path)

    config = commands.add_parser("config", help="show settings")
    config_cmds = config.add_subparsers(dest="config_command", required=True)
    show = config_cmds.add_parser("show", help="resolved settings and their origin")
    add_settings_flags(show)
    show.set_defaults(handler=admin.cmd_config_show)
    path = config_cmds.add_parser("path", help="print the default config file path")
    path.set_defaults(handler=lambda _args: print(default_config_path()) or 0)

    add_eval_command(commands)

    schema = commands.add_parser("schema", help="print or write the JSON Schemas")
    schema.add_argument("--write", type=Path, metavar="DIR", help="write *.schema.json here")
    schema.set_defaults(handler=admin.cmd_schema)
    return parser


# --------------------------------------------------------------------------- commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
