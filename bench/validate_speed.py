"""How long the grounding validator takes on a ~1 MB article.

    .venv/bin/python bench/validate_speed.py [--runs 20] [--size 1000000]

The article is real seed text: sentences of the other seeds, varied (synonyms, numbers, names,
clause order) so that words repeat the way they do in a long news page, padded to ~1 MB, with
seed 004 itself near the end. The summary is the gold summary of seed 004 (eval/gold/), about
20 items, with quotes as a model gives them: mostly exact, a few with straight instead of curly
quotation marks or another case (normalized tier), two near-verbatim ones (fuzzy tier) and one
invented (not found).

Printed: grounding.locate.evidence_for over all the summary's quotes, and validate(), each as
median and p95 over repeated runs after a warm-up, warm (per-text caches filled, as within one
pipeline run) and cold (caches cleared first).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from summarizer.grounding import locate as ground  # noqa: E402
from summarizer.grounding.locate import evidence_for  # noqa: E402
from summarizer.grounding.validate import validate  # noqa: E402
from summarizer.models import ArticleSummary  # noqa: E402

from bench.perturb import GOLD_DIR, build_summary, load_gold, load_golds  # noqa: E402

TARGET = "seed_004"
_VARY = {
    "China": "Beijing",
    "Russia": "Moscow",
    "visit": "trip",
    "talks": "discussions",
    "security": "defence",
    "cooperation": "collaboration",
    "relations": "ties",
    "strategic": "long-term",
    "regional": "local",
    "nations": "countries",
    "global": "international",
    "said": "stated",
    "Wang": "Li",
    "Putin": "Medvedev",
}
_NAMES = ["Anna Petrova", "Chen Hao", "Mark Ellis", "Olga Ivanova", "Liu Wei", "Sara Kim"]


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 6]


def _vary(sentence: str, rng: random.Random) -> str:
    words = sentence.split(" ")
    for i, word in enumerate(words):
        core = word.strip(".,;:’'\"“”")
        if core in _VARY and rng.random() < 0.35:
            words[i] = word.replace(core, _VARY[core])
        elif core.isdigit() and rng.random() < 0.5:
            words[i] = word.replace(core, str(rng.randint(2, 99)))
    out = " ".join(words)
    if rng.random() < 0.15:
        out = f"{rng.choice(_NAMES)} said: {out[0].lower()}{out[1:]}"
    if ", " in out and rng.random() < 0.2:
        head, _, tail = out.partition(", ")
        out = f"{tail[0].upper()}{tail[1:].rstrip('.')}, {head[0].lower()}{head[1:]}."
    return out


def build_article(size: int = 1_000_000, seed: int = 7) -> tuple[str, str]:
    """(article text, the seed text it ends with): varied filler from the other seeds first."""
    target = load_gold(GOLD_DIR / f"{TARGET}.json").text
    pool = [s for g in load_golds() if g.name != TARGET and not g.cjk for s in _sentences(g.text)]
    rng = random.Random(seed)
    paragraphs: list[str] = []
    length = 0
    budget = size - len(target) - 2
    while length < budget:
        paragraph = " ".join(_vary(rng.choice(pool), rng) for _ in range(rng.randint(2, 6)))
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    filler = "\n\n".join(paragraphs)[:budget]
    filler = filler[: filler.rfind("\n\n")] if "\n\n" in filler else filler
    return filler + "\n\n" + target, target


def model_quotes(summary: ArticleSummary) -> list[tuple[str, str, str]]:
    """(item path, quote as the model gives it, tier expected) for every item of the summary."""
    items = [("event", summary.event)] + [
        (f"{section}[{i}]", item)
        for section in ("participants", "agenda", "stances")
        for i, item in enumerate(getattr(summary, section))
    ]
    curly = [n for n, (_, item) in enumerate(items) if re.search("[’“”]", item.evidence[0].quote)]
    straightened = set(curly[:2])  # a model often types straight quotation marks
    capitals = [
        n
        for n, (_, item) in enumerate(items)
        if n not in straightened
        and n not in (6, 13, 15)
        and re.search("[A-Z]", item.evidence[0].quote)
    ]
    recased = {capitals[0]: str.upper, capitals[-1]: str.lower}
    out = []
    for n, (path, item) in enumerate(items):
        quote = item.evidence[0].quote
        tier = "exact"
        if n in straightened:
            quote = quote.replace("’", "'").replace("“", '"').replace("”", '"')
            tier = "normalized"
        elif n in recased:
            quote, tier = recased[n](quote), "normalized"
        elif n in (6, 13):
            words = quote.split()
            words[len(words) // 2] = "significantly" if n == 6 else "the"
            quote, tier = " ".join(words), "fuzzy"
        elif n == 15:
            quote = "Both ministers pledged to open a new consulate in Kazan next spring."
            tier = "none"
        out.append((path, quote, tier))
    return out


def summary_for(text: str, quotes: list[tuple[str, str, str]]) -> ArticleSummary:
    summary = build_summary(load_gold(GOLD_DIR / f"{TARGET}.json"), text)
    for path, quote, _ in quotes:
        item = summary.event if path == "event" else _item(summary, path)
        item.evidence = evidence_for(text, quote, near=len(text) // 2)
    return summary


def _item(summary: ArticleSummary, path: str):
    section, index = path.rstrip("]").split("[")
    return getattr(summary, section)[int(index)]


def _clear_caches() -> None:
    ground._lowered.cache_clear()
    ground._normalized_pattern.cache_clear()


def timed(fn: Callable[[], object], runs: int, cold: bool) -> list[float]:
    for _ in range(3):  # warm-up
        fn()
    out = []
    for _ in range(runs):
        if cold:
            _clear_caches()
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def _stats(ms: list[float]) -> str:
    ordered = sorted(ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ms):7.2f} ms   p95 {p95:7.2f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--size", type=int, default=1_000_000)
    args = parser.parse_args(argv)

    text, target = build_article(args.size)
    quotes = model_quotes(build_summary(load_gold(GOLD_DIR / f"{TARGET}.json"), target))
    summary = summary_for(text, quotes)
    tiers: dict[str, int] = {}
    for (path, _, tier), ev in zip(quotes, _evidences(summary, quotes), strict=True):
        got = ev[0].match if ev else "none"
        tiers[f"{tier}->{got}"] = tiers.get(f"{tier}->{got}", 0) + 1
        if got != tier:
            print(f"  note: {path} expected tier {tier}, got {got}")
    print(
        f"article: {len(text):,} characters, {len(text.split()):,} words; "
        f"the seed starts at {len(text) - len(target):,}"
    )
    print(f"summary: {len(quotes)} quoted items; tiers (asked->found): {tiers}")
    checks = validate(summary, add_named=True)
    report = checks.report()
    print(
        f"validator: {report.supported} supported, {report.repaired} repaired, "
        f"{report.rejected} rejected, {len(checks.checks)} checks\n"
    )

    def locate_all() -> None:
        for _, quote, _ in quotes:
            evidence_for(text, quote, near=len(text) // 2)

    check = partial(validate, summary, add_named=True)  # as the pipeline calls it
    for cold in (False, True):
        label = "cold (caches cleared)" if cold else "warm"
        print(f"{label}:")
        located = _stats(timed(locate_all, args.runs, cold))
        print(f"  evidence_for, all {len(quotes)} quotes   {located}")
        print(f"  validate()                       {_stats(timed(check, args.runs, cold))}")
        both = _stats(timed(lambda: (locate_all(), check()), args.runs, cold))
        print(f"  both (one summary end to end)    {both}")
    return 0


def _evidences(summary: ArticleSummary, quotes: list[tuple[str, str, str]]):
    for path, _, _ in quotes:
        item = summary.event if path == "event" else _item(summary, path)
        yield item.evidence


if __name__ == "__main__":
    raise SystemExit(main())
