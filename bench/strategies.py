"""Extraction strategies side by side, in one run on one machine, scored against all the gold.

    .venv/bin/python bench/strategies.py                       # both strategies, seeds + devset
    .venv/bin/python bench/strategies.py --strategies focused --limit 5
    .venv/bin/python bench/strategies.py --report              # figures from stored results only
    .venv/bin/python bench/strategies.py --report --revalidate # ... with the current validator
    .venv/bin/python bench/strategies.py --articles DIR        # a held-out set's gold files

Each article is summarized by every strategy in turn (one embedded server per strategy, both
alive for the whole run), so both see the same machine load. For every strategy it keeps, per
article, the summary as the model gave it (grounded, before validation) and the validated one,
in --work (outside the repository: they hold the article texts). The report gives, per
strategy and for the raw answers too: per-field P/R/F1, agenda status accuracy, stance actor
precision, event status / location / dates, invented years, grounded share, calls, prompt and
completion tokens, seconds per article, and the validator's confusion table (true items kept
or removed, false items removed or kept). Figures only go to bench/results/strategies.json.

`--revalidate` re-runs the validator (pure: text + summary in) over the stored raw answers, so a
validator change is measured on every article without calling the model again. For `single`
this leaves out the targeted re-ask the live run makes.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from summarizer.engine.session import Session, source_of  # noqa: E402
from summarizer.evaluation.confusion import ConfusionTable, validator_confusion  # noqa: E402
from summarizer.evaluation.score import GoldArticle, evaluate, load_gold  # noqa: E402
from summarizer.grounding.validate import validate  # noqa: E402
from summarizer.ingest import document_from_text  # noqa: E402
from summarizer.models import ArticleSummary, Usage  # noqa: E402
from summarizer.settings import resolve_settings  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "strategies.json"
DEVSET = ROOT.parent / "shared" / "devset"
WORK = Path("/work/tmp/strategies")


def gold_articles(which: str) -> list[GoldArticle]:
    """"seeds", "devset" (or both, "seeds+devset"), or a directory of gold files kept outside
    the repository (a held-out set: its articles are named by path, never copied here)."""
    files: list[Path] = []
    if which not in ("seeds", "devset", "seeds+devset"):
        files += sorted(Path(which).glob("*.json"))
    if which in ("seeds", "seeds+devset"):
        files += sorted((ROOT / "eval" / "gold").glob("seed_*.json"))
    if which in ("devset", "seeds+devset"):
        files += sorted((ROOT / "eval" / "gold" / "devset").glob("*.json"))
    golds = [load_gold(f, repo_root=ROOT, devset=DEVSET) for f in files]
    return sorted(golds, key=lambda g: len(g.text))  # short first: partial runs cover most


def run(strategies: list[str], golds: list[GoldArticle], work: Path) -> None:
    sessions = {}
    for strategy in strategies:
        settings = resolve_settings(
            {"strategy": strategy, "cache_path": str(work / "cache.sqlite3")}
        )
        sessions[strategy] = Session(settings)
    try:
        for number, gold in enumerate(golds, start=1):
            for strategy, session in sessions.items():
                out = work / strategy
                out.mkdir(parents=True, exist_ok=True)
                if (out / f"{gold.name}.final.json").exists():
                    continue
                claim = out / f"{gold.name}.running"
                try:  # another process sharing --work may have taken this article
                    claim.touch(exist_ok=False)
                except FileExistsError:
                    continue
                try:
                    _one(session, gold, out)
                finally:
                    claim.unlink(missing_ok=True)
                print(f"[{number}/{len(golds)}] {strategy} {gold.name}", flush=True)
    finally:
        for session in sessions.values():
            session.close()


def _one(session: Session, gold: GoldArticle, out: Path) -> None:
    doc = document_from_text(gold.text, path=gold.name, published=gold.published)
    raw: list[ArticleSummary] = []
    session.on_unvalidated = raw.append
    started = time.perf_counter()
    try:
        final = session.summarize_document(doc, use_cache_lookup=False)
    except Exception as exc:  # a failed article is reported, the run goes on
        (out / f"{gold.name}.error.txt").write_text(str(exc), encoding="utf-8")
        return
    seconds = time.perf_counter() - started
    (out / f"{gold.name}.raw.json").write_text(raw[0].model_dump_json(), encoding="utf-8")
    final.seconds = round(seconds, 2)
    (out / f"{gold.name}.final.json").write_text(final.model_dump_json(), encoding="utf-8")


def load(out: Path, gold: GoldArticle, kind: str) -> ArticleSummary | None:
    path = out / f"{gold.name}.{kind}.json"
    if not path.exists():
        return None
    summary = ArticleSummary.model_validate_json(path.read_text(encoding="utf-8"))
    # Stored with the gold's text: restore the source the scorer expects.
    doc = document_from_text(gold.text, path=gold.name, published=gold.published)
    return summary.model_copy(update={"id": doc.id, "source": source_of(doc)})


def report(
    strategies: list[str],
    golds: list[GoldArticle],
    work: Path,
    revalidate: bool,
    cost_since: float | None = None,
) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    # Cost compares like with like: with --cost-since, only articles every strategy finished
    # after that moment (one run, the same machine load) enter the per-article cost.
    costed = {
        g.name
        for g in golds
        if all(
            (f := work / name / f"{g.name}.final.json").exists()
            and (cost_since is None or f.stat().st_mtime >= cost_since)
            for name in strategies
        )
    }
    # Only the articles every strategy finished: the same texts on both sides of the table.
    golds = [
        g
        for g in golds
        if all((work / name / f"{g.name}.final.json").exists() for name in strategies)
    ]
    for strategy in strategies:
        raws: dict[str, ArticleSummary] = {}
        finals: dict[str, ArticleSummary] = {}
        table = ConfusionTable()
        usage, seconds, per_article_seconds = Usage(), 0.0, {}
        for gold in golds:
            raw = load(work / strategy, gold, "raw")
            final = load(work / strategy, gold, "final")
            if raw is None or final is None:
                continue
            per_article_seconds[gold.name] = final.seconds
            if gold.name in costed:
                usage.add(final.usage)
                seconds += final.seconds
            if revalidate:
                final = validate(raw, add_named=True).summary.model_copy(
                    update={"usage": final.usage, "seconds": final.seconds}
                )
            raws[raw.id], finals[final.id] = raw, final
            table.add(validator_confusion(raw, final, gold))
        done = len(finals)
        paid = len(costed) or 1
        scored = [g for g in golds if g.article_id in finals]
        figures[strategy] = {
            "articles": done,
            "validated": evaluate(scored, finals)["overall"] if done else {},
            "raw": evaluate(scored, raws)["overall"] if done else {},
            "validator_confusion": table.as_dict(),
            "per_article": {
                "articles": len(costed),
                "calls": round(usage.calls / paid, 2),
                "prompt_tokens": round(usage.prompt_tokens / paid),
                "completion_tokens": round(usage.completion_tokens / paid),
                "seconds": round(seconds / paid, 1),
            },
            "seconds_by_article": per_article_seconds,
            "articles_scored": sorted(g.name for g in scored),
        }
    return figures


def markdown(figures: dict[str, Any]) -> str:
    names = list(figures)
    columns = [(n, "validated") for n in names] + [(n, "raw") for n in names]
    lines = [
        "| measure | " + " | ".join(f"{n} ({k})" for n, k in columns) + " |",
        "| --- |" + " --- |" * len(columns),
    ]

    def cell(n: str, k: str, fn: Any) -> str:
        data = figures[n][k]
        try:
            return fn(data)
        except (KeyError, TypeError):
            return "–"

    def prf(name: str) -> Any:
        return lambda d: "{precision:.2f} / {recall:.2f} / {f1:.2f}".format(**d["lists"][name])

    def acc(name: str) -> Any:
        return lambda d: "{accuracy:.2f} ({right}/{total})".format(**d["fields"][name])

    rows: list[tuple[str, Any]] = [
        ("attending P / R / F1", prf("attending")),
        ("participants P / R / F1", prf("participants")),
        ("agenda P / R / F1", prf("agenda")),
        ("stances P / R / F1", prf("stances")),
        ("agenda status", acc("agenda_status")),
        ("stance actor precision", acc("stance_actor")),
        ("role", acc("role")),
        ("affiliation", acc("affiliation")),
        ("event status", acc("event_status")),
        ("event location", acc("event_location")),
        ("event kind", acc("event_kind")),
        ("date credit", lambda d: f"{d['date_credit']:.2f}"),
        ("invented years", lambda d: str(d["invented_years"])),
        ("grounded share", lambda d: f"{d['grounded_share']:.2f}"),
    ]
    for label, fn in rows:
        lines.append(f"| {label} | " + " | ".join(cell(n, k, fn) for n, k in columns) + " |")
    cost = [
        f"{figures[n]['per_article']['articles']} articles: "
        f"{figures[n]['per_article']['calls']} calls, "
        f"{figures[n]['per_article']['prompt_tokens']} + "
        f"{figures[n]['per_article']['completion_tokens']} tok, "
        f"{figures[n]['per_article']['seconds']} s"
        for n in names
    ]
    lines.append("| per article | " + " | ".join(cost + ["(same run)"] * len(names)) + " |")
    lines.append("")
    lines.append("Validator confusion (of the items the model proposed):")
    lines.append("")
    lines.append("| strategy | field | true kept | true removed | false removed | false kept |")
    lines.append("| --- | --- | --- | --- | --- | --- |")
    for n in names:
        for field, c in figures[n]["validator_confusion"].items():
            lines.append(
                f"| {n} | {field} | {c['true_kept']} | {c['true_removed']} "
                f"({c['true_removed_share']:.0%}) | {c['false_removed']} "
                f"({c['false_caught_share']:.0%}) | {c['false_kept']} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", default="seeds+devset")
    parser.add_argument("--strategies", default="single,focused")
    parser.add_argument("--limit", type=int, default=0, help="the N shortest articles only")
    parser.add_argument(
        "--longest-first",
        action="store_true",
        help="run the longest articles first (a second process sharing --work meets the first)",
    )
    parser.add_argument("--work", type=Path, default=WORK)
    parser.add_argument("--report", action="store_true", help="no model calls: report only")
    parser.add_argument("--revalidate", action="store_true")
    parser.add_argument(
        "--cost-since",
        help="per-article cost only over articles every strategy finished after this ISO time",
    )
    args = parser.parse_args()
    strategies = args.strategies.split(",")
    golds = gold_articles(args.articles)
    if args.limit:
        golds = golds[: args.limit]
    args.work.mkdir(parents=True, exist_ok=True)
    if not args.report:
        run(strategies, golds[::-1] if args.longest_first else golds, args.work)
    since = datetime.fromisoformat(args.cost_since).timestamp() if args.cost_since else None
    figures = report(strategies, golds, args.work, args.revalidate, since)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(markdown(figures))


if __name__ == "__main__":
    main()
