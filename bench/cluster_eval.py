"""Event clustering against labelled events: the devset (and the seeds).

    .venv/bin/python bench/cluster_eval.py [--summaries /work/tmp/devset_out]
        [--devset ../shared/devset] [--threshold 0.5]   # figures + bench/results/cluster_eval.json

Gold events come from the devset manifest (`cluster` and `topic` columns):
- `S` rows are single articles, each its own event;
- a row whose topic says "DIFFERENT event" (C05's May 2017 release) is its own event;
- C06 is, per the devset README, "same topic, four different events": each row its own event;
- every other labelled cluster (C01, C05, C09) is one event, the peripheral C09 market wrap
  included, as labelled.
The seeds are a second set: 000-003 one event (Wang Yi's security consultations in Russia),
004 another (Lavrov's visit to China); their summaries are replayed from the seed cassettes.

Printed: pairwise precision / recall / F1 (over pairs of articles put together), B-cubed
precision / recall / F1 (per article, averaged), whether C06 stayed apart and whether the C05
distractor stayed out, for the chosen threshold and for a sweep of thresholds.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "tests"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from summarizer.memo import cluster  # noqa: E402
from summarizer.memo.cluster import THRESHOLD, agglomerate, similarity_matrix  # noqa: E402
from summarizer.models import ArticleSummary  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "cluster_eval.json"
DEFAULT_DEVSET = ROOT.parent / "shared" / "devset"
DEFAULT_SUMMARIES = Path("/work/tmp/devset_out")
SPLIT_CLUSTERS = {"C06"}  # the devset README: same topic, different events
SWEEP = [round(0.10 + 0.05 * i, 2) for i in range(15)]


# --------------------------------------------------------------------------- data


def gold_labels(devset: Path) -> dict[str, str]:
    """Manifest file path -> gold event label (see the module docstring)."""
    labels = {}
    with (devset / "manifest.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            cluster, name = row["cluster"], row["file"]
            separate = (
                cluster == "S"
                or cluster in SPLIT_CLUSTERS
                or "different event" in row["topic"].lower()
            )
            labels[name] = f"{cluster}:{name}" if separate else cluster
    return labels


def devset_summaries(folder: Path, devset: Path) -> tuple[list[ArticleSummary], list[str]]:
    """Summaries of manifest articles found in `folder`, with their gold labels, by file name."""
    labels = gold_labels(devset)
    found: dict[str, ArticleSummary] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            summary = ArticleSummary.model_validate_json(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        source = (summary.source.path or "").split(":")[0]
        name = next((n for n in labels if source.endswith("/" + n) or source == n), None)
        if name is not None:
            found[name] = summary
    names = sorted(found)
    return [found[n] for n in names], [labels[n] for n in names]


def seed_summaries() -> list[ArticleSummary]:
    """The five seed summaries, replayed from the cassettes exactly as the tests make them."""
    from summarizer import summarize_many

    from conftest import SEEDS, make_vcr
    from test_seeds import seed_settings

    recorder = make_vcr()
    with tempfile.TemporaryDirectory() as tmp:
        settings = seed_settings("http://127.0.0.1:9/v1", Path(tmp) / "cache.sqlite3")
        found = []
        for path in sorted(SEEDS.glob("*.txt")):
            with recorder.use_cassette(f"seed_{path.name[:3]}.yaml", record_mode="none"):
                [result] = summarize_many([path], settings=settings)
            assert isinstance(result, ArticleSummary), result
            found.append(result)
    return found


# --------------------------------------------------------------------------- metrics


def pairwise(pred: list[int], gold: list[str]) -> dict[str, float]:
    together_pred = {(i, j) for i, j in combinations(range(len(pred)), 2) if pred[i] == pred[j]}
    together_gold = {(i, j) for i, j in combinations(range(len(gold)), 2) if gold[i] == gold[j]}
    hits = len(together_pred & together_gold)
    p = hits / len(together_pred) if together_pred else 1.0
    r = hits / len(together_gold) if together_gold else 1.0
    return _prf(p, r)


def bcubed(pred: list[int], gold: list[str]) -> dict[str, float]:
    n = len(pred)
    p = r = 0.0
    for i in range(n):
        same_pred = {j for j in range(n) if pred[j] == pred[i]}
        same_gold = {j for j in range(n) if gold[j] == gold[i]}
        both = len(same_pred & same_gold)
        p += both / len(same_pred)
        r += both / len(same_gold)
    return _prf(p / n, r / n) if n else _prf(1.0, 1.0)


def _prf(p: float, r: float) -> dict[str, float]:
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def traps(pred: list[int], gold: list[str]) -> dict[str, bool | None]:
    c06 = [pred[i] for i, g in enumerate(gold) if g.startswith("C06")]
    c05 = {pred[i] for i, g in enumerate(gold) if g == "C05"}
    distractor = [pred[i] for i, g in enumerate(gold) if g.startswith("C05:")]
    return {
        "c06_unmerged": len(set(c06)) == len(c06) if c06 else None,
        "c05_distractor_apart": not (set(distractor) & c05) if distractor else None,
    }


def labels_of(clusters: list[list[int]], n: int) -> list[int]:
    pred = [0] * n
    for k, members in enumerate(clusters):
        for i in members:
            pred[i] = k
    return pred


def evaluate(
    summaries: list[ArticleSummary], gold: list[str], thresholds: list[float]
) -> dict[float, dict[str, Any]]:
    scores, apart = similarity_matrix(summaries)
    figures = {}
    for threshold in thresholds:
        pred = labels_of(agglomerate(scores, apart, threshold), len(summaries))
        figures[threshold] = {
            "pairwise": pairwise(pred, gold),
            "bcubed": bcubed(pred, gold),
            **traps(pred, gold),
            "clusters": len(set(pred)),
            "gold_events": len(set(gold)),
            "predicted": pred,
        }
    return figures


def ablations(
    summaries: list[ArticleSummary], gold: list[str], threshold: float
) -> dict[str, dict[str, Any]]:
    """The same clustering with a hard rule switched off, to show what each rule does."""
    original = cluster.cannot_link

    def no_place(a: cluster.Profile, b: cluster.Profile, parts: dict) -> bool:
        return original(a, b, {**parts, "place": None})

    def no_time(a: cluster.Profile, b: cluster.Profile, parts: dict) -> bool:
        strip = {"published": None, "interval": None}
        return original(_replace(a, strip), _replace(b, strip), parts)

    figures = {}
    for name, rule in (("no place veto", no_place), ("no time veto", no_time)):
        cluster.cannot_link = rule  # type: ignore[assignment]
        try:
            figures[name] = evaluate(summaries, gold, [threshold])[threshold]
        finally:
            cluster.cannot_link = original  # type: ignore[assignment]
        figures[name].pop("predicted")
    return figures


def _replace(profile: cluster.Profile, changes: dict[str, Any]) -> cluster.Profile:
    from dataclasses import replace

    return replace(profile, **changes)


# --------------------------------------------------------------------------- report


def _line(name: str, threshold: float, f: dict[str, Any]) -> str:
    pw, b3 = f["pairwise"], f["bcubed"]
    extra = "".join(
        f"  {key}={f[key]}"
        for key in ("c06_unmerged", "c05_distractor_apart")
        if f.get(key) is not None
    )
    return (
        f"{name:<8} t={threshold:.2f}  pairwise P/R/F1 {pw['precision']:.3f}/{pw['recall']:.3f}/"
        f"{pw['f1']:.3f}  B3 P/R/F1 {b3['precision']:.3f}/{b3['recall']:.3f}/{b3['f1']:.3f}  "
        f"clusters {f['clusters']} (gold {f['gold_events']}){extra}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--summaries", type=Path, default=DEFAULT_SUMMARIES)
    parser.add_argument("--devset", type=Path, default=DEFAULT_DEVSET)
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--no-write", action="store_true", help="do not write the JSON results")
    args = parser.parse_args(argv)
    given = argv if argv is not None else sys.argv[1:]
    command = " ".join([".venv/bin/python bench/cluster_eval.py", *given])
    print(f"$ {command.strip()}")

    devset, dev_gold = devset_summaries(args.summaries, args.devset)
    seeds = seed_summaries()
    seed_gold = ["wang-yi-2023"] * 4 + ["lavrov-2021"]
    thresholds = sorted({*SWEEP, args.threshold})
    sets = {"devset": (devset, dev_gold), "seeds": (seeds, seed_gold)}
    sets["both"] = (devset + seeds, dev_gold + seed_gold)
    report: dict[str, Any] = {"command": command.strip(), "threshold": args.threshold, "sets": {}}
    print(f"devset summaries found: {len(devset)} of {len(gold_labels(args.devset))}")
    for name, (summaries, gold) in sets.items():
        figures = evaluate(summaries, gold, thresholds)
        chosen = figures[args.threshold]
        print(_line(name, args.threshold, chosen))
        groups: dict[int, list[str]] = {}
        for label, predicted in zip(gold, chosen["predicted"], strict=True):
            groups.setdefault(predicted, []).append(label.split(":")[0])
        ablated = ablations(summaries, gold, args.threshold)
        for variant, f in ablated.items():
            print("  " + _line(variant, args.threshold, f))
        report["sets"][name] = {
            "articles": len(summaries),
            "ablations": ablated,
            "at_threshold": {k: v for k, v in chosen.items() if k != "predicted"},
            "predicted_clusters_by_gold_label": sorted(groups.values()),
            "sweep": {
                str(t): {k: v for k, v in f.items() if k != "predicted"} for t, f in figures.items()
            },
        }
    print("\nsweep (pairwise F1 / B3 F1 / C06 apart / distractor apart / seeds right):")
    for t in thresholds:
        dev = report["sets"]["devset"]["sweep"][str(t)]
        seed = report["sets"]["seeds"]["sweep"][str(t)]
        print(
            f"  t={t:.2f}  devset {dev['pairwise']['f1']:.3f} / {dev['bcubed']['f1']:.3f} / "
            f"{dev['c06_unmerged']} / {dev['c05_distractor_apart']}   seeds "
            f"{seed['pairwise']['f1']:.3f} / {seed['bcubed']['f1']:.3f}"
        )
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
