"""`summarizer eval`: score results against gold files, as a table and as JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from summarizer.api import summarize_many
from summarizer.cli.args import add_settings_flags, settings_from
from summarizer.errors import ConfigError
from summarizer.evaluation.score import evaluate, gold_files, load_gold, load_predictions
from summarizer.ingest import document_from_text
from summarizer.models import ArticleSummary


def add_eval_command(commands: Any) -> None:
    parser = commands.add_parser("eval", help="score summaries against gold files")
    parser.add_argument("gold", nargs="+", type=Path, help="gold files or directories")
    parser.add_argument("--pred", nargs="*", type=Path, default=[], help="result files or dirs")
    parser.add_argument(
        "--run", action="store_true", help="summarize the gold articles first (model flags apply)"
    )
    parser.add_argument("--json", dest="json_out", type=Path, help="write the scores here")
    parser.add_argument("--devset", type=Path, help="folder gold `devset_path` entries refer to")
    parser.add_argument("--repo-root", type=Path, default=Path.cwd(), help=argparse.SUPPRESS)
    add_settings_flags(parser)
    parser.set_defaults(handler=run_eval)


def run_eval(args: argparse.Namespace) -> int:
    devset = args.devset or _default_devset(args.repo_root)
    golds = [load_gold(p, repo_root=args.repo_root, devset=devset) for p in gold_files(args.gold)]
    if not golds:
        raise ConfigError("no gold files found; pass eval/gold or files in its format")
    predictions = load_predictions(args.pred)
    if args.run:
        predictions.update(_summarize_golds(args, golds))
    if not predictions:
        raise ConfigError("nothing to score: pass --pred RESULTS or --run")
    report = evaluate(golds, predictions)
    Console(highlight=False).print(_table(report))
    if report["missing"]:
        print(f"no prediction for: {', '.join(report['missing'])}")
    if args.json_out:
        args.json_out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


def _default_devset(root: Path) -> Path | None:
    candidate = root.resolve().parent / "shared" / "devset"
    return candidate if candidate.is_dir() else None


def _summarize_golds(args: argparse.Namespace, golds: list[Any]) -> dict[str, Any]:
    docs = [document_from_text(g.text, path=g.name) for g in golds]
    results = summarize_many(docs, settings=settings_from(args))
    return {r.id: r for r in results if isinstance(r, ArticleSummary)}


def _table(report: dict[str, Any]) -> Table:
    overall = report["overall"]
    table = Table(title=f"evaluation over {report['articles']} article(s)")
    for column in ("measure", "precision", "recall", "F1 / accuracy", "n"):
        table.add_column(column)
    for name, c in overall["lists"].items():
        n = f"{c['tp']}+{c['fp']} / {c['tp']}+{c['fn']}"
        table.add_row(name, f"{c['precision']:.2f}", f"{c['recall']:.2f}", f"{c['f1']:.2f}", n)
    for name, a in overall["fields"].items():
        table.add_row(name, "", "", f"{a['accuracy']:.2f}", f"{a['right']}/{a['total']}")
    for name in ("date_credit", "grounded_share", "rejected_rate"):
        if name in overall:
            table.add_row(name, "", "", f"{overall[name]:.2f}", "")
    table.add_row("invented_years", "", "", str(overall["invented_years"]), "")
    return table
