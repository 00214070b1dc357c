"""Perturbation suite for the grounding validator (summarizer.grounding.validate).

Builds the clean ArticleSummary of every gold file in eval/gold/ (the way the pipeline does:
quotes located with grounding.locate.evidence_for, the date phrase located without the fuzzy
tier), then injects one realistic error per validated copy and checks that the validator
reports it.

    .venv/bin/python bench/perturb.py            # table + bench/results/perturb.json

Figures:
- false alarms: checks whose status is not "supported" on the clean gold summaries, per check
  type and overall (false-alarm rate = non-supported checks / all checks);
- recall per perturbation type: a perturbation is detected when the validator reports the
  perturbed field or item as not supported that it reported as supported on the clean copy (a
  repaired or rejected check on that item's relevant fields, the item path in `.reaskable`, or
  the item removed). Perturbations of an item the validator already flags on clean input are
  counted apart ("confounded") and left out of recall.

The functions are importable (tests/test_perturb.py reuses them).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from summarizer.evaluation.score import GoldArticle, summary_from_gold  # noqa: E402
from summarizer.evaluation.score import load_gold as load_gold_file  # noqa: E402
from summarizer.grounding.locate import evidence_for  # noqa: E402
from summarizer.grounding.validate import Validation, validate  # noqa: E402
from summarizer.models import (  # noqa: E402
    AgendaItem,
    AgendaStatus,
    ArticleSummary,
    Evidence,
)

GOLD_DIR = ROOT / "eval" / "gold"
RESULTS = ROOT / "bench" / "results" / "perturb.json"
SECTIONS = ("participants", "agenda", "stances")

# --------------------------------------------------------------------------- gold -> summary


def gold_files() -> list[Path]:
    return sorted(GOLD_DIR.glob("*.json"))


@cache
def load_gold(path: Path) -> GoldArticle:
    return load_gold_file(path, repo_root=ROOT)


def load_golds() -> list[GoldArticle]:
    return [load_gold(p) for p in gold_files()]


def gold_items(gold: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(validator path, gold item) for the event and every list item."""
    yield "event", gold["event"]
    for section in SECTIONS:
        for i, item in enumerate(gold[section]):
            yield f"{section}[{i}]", item


def date_evidence_for(text: str, date_text: str | None) -> list[Evidence]:
    """Where the date phrase stands, located like the pipeline does (no fuzzy tier)."""
    return evidence_for(text, date_text, fuzzy=False)


def build_summary(article: GoldArticle, text: str | None = None) -> ArticleSummary:
    """The clean summary of a gold file, quotes located in `text` (default: the article's)."""
    return summary_from_gold(article, text)


# --------------------------------------------------------------------------- verdicts


def item_flags(v: Validation, target: str) -> dict[str, str]:
    """What the validator said against one item: {field: status} for every non-supported check
    on it, plus "<target>:reaskable" and "<target>:removed" markers."""
    flags: dict[str, str] = {}
    for check in v.checks:
        if check.status == "supported":
            continue
        if check.field == target or check.field.startswith(target + "."):
            flags[check.field] = check.status
    if target in v.reaskable:
        flags[f"{target}:reaskable"] = "reaskable"
    if target != "event" and any(r.field == target for r in v.rejected):
        flags[f"{target}:removed"] = "removed"
    return flags


def false_alarms(v: Validation) -> list[tuple[str, str, str | None]]:
    """(check type, status, reason) of every non-supported check on a clean summary."""
    return [(check_type(c.field), c.status, c.reason) for c in v.checks if c.status != "supported"]


def check_type(path: str) -> str:
    """'participants[2].role' -> 'participants.role'; 'agenda[0]' -> 'agenda'."""
    return re.sub(r"\[\d+\]", "", path)


# --------------------------------------------------------------------------- perturbations


@dataclass
class Perturbation:
    kind: str  # perturbation type (see KINDS)
    variant: str
    article: str
    target: str  # validator path of the perturbed item: "event", "participants[2]", ...
    fields: tuple[str, ...]  # the perturbed field(s), for field-level detection
    summary: ArticleSummary
    baseline: ArticleSummary  # the same summary without the error (same text)
    example: str  # what was changed, for the report
    # True when the validated summary still carries the error (a "repair" that kept it).
    still_wrong: Callable[[ArticleSummary], bool] | None = None


KINDS = (
    "name_not_in_text",
    "paraphrased_quote",
    "invented_quote",
    "wrong_year",
    "speculative_marked_announced",
    "mentioned_marked_attending",
    "shifted_offsets",
    "role_not_stated",
)

# Word substitutions a model makes when it paraphrases instead of copying.
SYNONYMS: dict[str, str] = {
    "discussions": "talks",
    "discuss": "talk about",
    "talks": "discussions",
    "meeting": "session",
    "meet": "hold talks",
    "said": "stated",
    "stated": "said",
    "emphasized": "stressed",
    "emphasizing": "stressing",
    "highlighted": "underlined",
    "strengthen": "reinforce",
    "cooperation": "collaboration",
    "collaboration": "cooperation",
    "collaborative": "joint",
    "significant": "major",
    "crucial": "key",
    "concerns": "worries",
    "relations": "ties",
    "relationship": "ties",
    "ties": "links",
    "countries": "nations",
    "nations": "countries",
    "consultations": "talks",
    "promote": "advance",
    "promoting": "advancing",
    "expected": "anticipated",
    "expect": "anticipate",
    "likely": "probably going",
    "may": "might",
    "could": "might",
    "explore": "examine",
    "involve": "include",
    "include": "cover",
    "address": "tackle",
    "issues": "matters",
    "matters": "issues",
    "support": "backing",
    "neutral": "balanced",
    "conflict": "war",
    "cautioned": "warned",
    "willingness": "readiness",
    "invitation": "invite",
    "robust": "strong",
    "strong": "firm",
    "scheduled": "due",
    "embark": "head off",
    "focused": "centred",
    "focus": "emphasis",
    "primarily": "mainly",
    "interests": "concerns",
    "shared": "common",
    "described": "called",
    "implementation": "carrying out",
    "advancement": "progress",
    "initiatives": "plans",
    "enhancing": "improving",
    "consider": "weigh",
    "disclosed": "revealed",
    "reached": "attained",
    "reflects": "shows",
    "commitment": "dedication",
    "opportunity": "chance",
    "provides": "offers",
    "engage": "take part",
    "invasion": "attack",
    "prolonging": "dragging out",
    "providing": "supplying",
    "essential": "vital",
    "announced": "unveiled",
    "released": "issued",
    "received": "got",
    "slated": "due",
    "urges": "calls on",
    "alleges": "claims",
    "held": "hosted",
    "upgraded": "raised",
    "coordinated": "joint",
    "response": "reaction",
}
CJK_SYNONYMS: dict[str, str] = {
    "会谈": "会晤",
    "讨论": "探讨",
    "邀请": "邀约",
    "进行": "开展",
    "双方": "两国",
    "表示": "称",
    "重要": "关键",
    "落实": "执行",
    "共识": "协议",
    "可能": "或许",
    "认为": "指出",
    "问题": "议题",
    "交换意见": "沟通看法",
    "进一步": "更加",
    "期待": "希望",
    "高度重视": "十分看重",
    "签署": "签订",
    "宣布": "公布",
    "正式访问": "正式访华",
    "深化": "加强",
    "局势": "形势",
}
# A trailing time or place phrase a paraphrase moves to the front ("during his visit").
_FRONTABLE = re.compile(
    r" ((?:during|amidst) [^,]{3,40}|at the invitation of [^,]{3,30}|"
    r"from (?:Monday|September|\d)[^,]{0,30}|in (?:Russia|China|Malta|Moscow|Beijing)[^,]{0,30})$"
)
# A coordinated pair a paraphrase swaps: two words of the same kind ("diplomatic and financial").
_PAIR = re.compile(r"\b(China|Russia|[a-z][a-z-]{2,}) and (China|Russia|[a-z][a-z-]{2,})\b")
_PAIR_SUFFIXES = ("al", "ic", "ion", "ing", "ity", "ment", "ive", "ous", "ust", "rooted")
_LOWER_START = {"the", "this", "both", "a", "an", "it", "they", "he", "she", "these", "their"}


def _swap(word: str, table: dict[str, str]) -> str | None:
    new = table.get(word.lower())
    if new is None:
        return None
    return new[0].upper() + new[1:] if word[0].isupper() else new


def synonym_paraphrase(quote: str, limit: int) -> str:
    """Replace up to `limit` words by synonyms (CJK: substrings), left to right."""
    if re.search(r"[\u3400-\u9fff]", quote):
        out, done = quote, 0
        for old, new in CJK_SYNONYMS.items():
            if done < limit and old in out:
                out = out.replace(old, new, 1)
                done += 1
        return out
    done = 0

    def sub(m: re.Match[str]) -> str:
        nonlocal done
        new = _swap(m.group(0), SYNONYMS) if done < limit else None
        if new is None:
            return m.group(0)
        done += 1
        return new

    return re.sub(r"[A-Za-z]+", sub, quote)


def reorder_paraphrase(quote: str) -> str:
    """Reorder as a paraphrase does: front a trailing time/place phrase ('X met Y in Moscow' ->
    'In Moscow, X met Y'), else swap a coordinated pair ('deep-rooted and robust' -> 'robust and
    deep-rooted'); one synonym more. CJK: swap the clauses around the first comma."""
    if re.search(r"[\u3400-\u9fff]", quote):
        head, sep, tail = quote.partition("，")
        return (tail + "，" + head) if sep and tail else quote
    front = _FRONTABLE.search(quote)
    pairs = [
        m
        for m in _PAIR.finditer(quote)
        if _same_kind(*m.groups()) and not quote.startswith(" and ", m.end())
    ]
    if front and front.start() > len(quote) * 0.35:
        head, tail = quote[: front.start()], front.group(1)
        if head.split(" ", 1)[0].lower() in _LOWER_START:
            head = head[0].lower() + head[1:]
        reordered = tail[0].upper() + tail[1:] + ", " + head
    elif pairs:
        a, b = pairs[0].groups()
        reordered = quote[: pairs[0].start()] + f"{b} and {a}" + quote[pairs[0].end() :]
    else:
        return quote
    return synonym_paraphrase(reordered, 1)


def _same_kind(a: str, b: str) -> bool:
    if a[0].isupper() or b[0].isupper():
        return a[0].isupper() and b[0].isupper()  # two country names
    return a.endswith(_PAIR_SUFFIXES) and b.endswith(_PAIR_SUFFIXES)


def paraphrases(quote: str) -> list[tuple[str, str]]:
    """(variant, paraphrase): several realistic rewordings, each different from the quote."""
    seen = {quote}
    out = []
    for variant, text in (
        ("one_word", synonym_paraphrase(quote, 1)),
        ("synonyms", synonym_paraphrase(quote, 3)),
        ("reordered", reorder_paraphrase(quote)),
    ):
        if text not in seen:
            seen.add(text)
            out.append((variant, text))
    return out


GENERIC_INVENTED = [
    "The two ministers also agreed to set up a joint working group on energy security.",
    "Officials on both sides described the atmosphere of the talks as warm and businesslike.",
    "A joint statement is to be issued at the end of the visit, the ministry said.",
    "The delegation will also tour a high-speed rail project outside the capital.",
]
CJK_GENERIC_INVENTED = [
    "双方还同意成立能源安全联合工作组。",
    "双方官员均表示会谈气氛热烈友好。",
]


def _in_sentence(phrase: str, text: str) -> str:
    """A title-cased phrase as it reads inside a sentence ('Arms control' -> 'arms control'),
    unless its first word is a proper noun (capitalized mid-sentence in the article)."""
    first = phrase.split(" ", 1)[0]
    if not first or not first[0].isupper() or not first[1:].islower():
        return phrase
    if re.search(r"[a-z,] " + re.escape(first) + r"\b", text):
        return phrase
    return phrase[0].lower() + phrase[1:]


def invented_quotes(
    path: str, item: dict[str, Any], index: int, article: GoldArticle
) -> list[tuple[str, str]]:
    """(variant, sentence): fluent sentences about the item that the article does not contain."""
    if article.cjk:
        who = item.get("name") or item.get("actor") or "双方"
        topical = {
            "event": "两国外长在访问结束时签署了联合声明。",
            "participants": f"{who}对记者说，双方一致同意明年扩大军事交流。",
            "agenda": f"官员证实，{item.get('topic', '')}将是首日会谈的第一项议题。",
            "stances": f"{who}表示坚决支持在{item.get('topic', '')}方面建立新机制。",
        }
        generic = CJK_GENERIC_INVENTED[index % len(CJK_GENERIC_INVENTED)]
    else:
        who = item.get("name") or item.get("actor") or "the two sides"
        topic = _in_sentence(item.get("topic", ""), article.text)
        topical = {
            "event": "The two ministers signed a joint statement on the last day of the visit.",
            "participants": f"{who} told reporters the two sides had agreed to expand military "
            "exchanges next year.",
            "agenda": f"Officials confirmed that {topic} would be the first item discussed on the "
            "opening day.",
            "stances": f"{who} said it fully backed a new mechanism on {topic}.",
        }
        generic = GENERIC_INVENTED[index % len(GENERIC_INVENTED)]
    section = path.split("[", 1)[0]
    return [("topical", topical[section]), ("generic", generic)]


NAME_POOLS = {
    "china": ["Wang Wenbin", "Li Qiang", "Han Zheng", "Zhao Lijian", "Liu Jianchao", "Dong Jun"],
    "russia": ["Dmitry Peskov", "Maria Zakharova", "Yuri Ushakov", "Andrei Rudenko"],
    "us": ["Lloyd Austin", "Ned Price", "Wendy Sherman", "Kamala Harris"],
    "other": ["Josep Borrell", "Kassym-Jomart Tokayev", "Mevlut Cavusoglu"],
    "organisation": ["Belarus", "Kazakhstan", "European Union", "Ministry of Commerce"],
    "cjk": ["张志军", "李明华", "阿斯兰·努尔别科夫", "赵海涛"],
}
ROLE_POOL = [
    "Prime Minister",
    "Defence Minister",
    "Vice President",
    "Ambassador to the United Nations",
    "Minister of Commerce",
    "Chief of the General Staff",
    "Deputy Foreign Minister",
    "Secretary General",
]
CJK_ROLE_POOL = ["国务院总理", "国防部长", "驻华大使", "副外长"]


def _group(person: dict[str, Any], cjk: bool) -> str:
    if cjk:
        return "cjk"
    if person.get("type", "person") != "person":
        return "organisation"
    labels = " ".join(
        [person.get("affiliation") or "", *person.get("affiliation_aliases", [])]
    ).lower()
    for group, cues in (
        ("china", ("chin", "cpc", "ccp", "communist")),
        ("russia", ("russia",)),
        ("us", ("us", "u.s.", "united states", "white house")),
    ):
        if any(re.search(r"(?<!\w)" + re.escape(c), labels) for c in cues):
            return group
    return "other"


def _absent(text: str, phrase: str) -> bool:
    return phrase.casefold() not in text.casefold()


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s·]+", name) if t]


def wrong_names(article: GoldArticle, person: dict[str, Any], index: int) -> list[tuple[str, str]]:
    """(variant, name) absent from the text: an unrelated official of the same side ("pool"), and
    for people, a blend of two names the article does give ("blend": 'Sergei Patrushev')."""
    text, gold = article.text, article.data
    group = _group(person, article.cjk)
    pool = NAME_POOLS[group]
    out = []
    for k in range(len(pool)):
        candidate = pool[(index + k) % len(pool)]
        if all(_absent(text, t) for t in _tokens(candidate)):
            out.append(("pool", candidate))
            break
    if person.get("type", "person") == "person" and len(_tokens(person["name"])) >= 2:
        first = _tokens(person["name"])[0]
        for other in gold["participants"]:
            tokens = _tokens(other["name"])
            if other is person or other.get("type", "person") != "person" or len(tokens) < 2:
                continue
            if _group(other, article.cjk) != group or tokens[-1] == _tokens(person["name"])[-1]:
                continue
            if not _near_each_other(text, person["name"], other["name"]):
                continue  # a model blends names it reads together
            sep = "·" if "·" in person["name"] else " "
            blend = first + sep + tokens[-1]
            if _absent(text, blend):
                out.append(("blend", blend))
                break
    return out


def _near_each_other(text: str, a: str, b: str, reach: int = 300) -> bool:
    spans_a = [m.start() for m in re.finditer(re.escape(a), text)]
    spans_b = [m.start() for m in re.finditer(re.escape(b), text)]
    return any(abs(x - y) <= reach for x in spans_a for y in spans_b)


def _own_roles(person: dict[str, Any]) -> list[str]:
    return [r.casefold() for r in [person.get("role"), *person.get("role_aliases", [])] if r]


def wrong_roles(article: GoldArticle, person: dict[str, Any], index: int) -> list[tuple[str, str]]:
    """(variant, role) the text does not state for this person: another participant's role from
    the same article ("other_person"), and a title the article never uses ("absent")."""
    own = _own_roles(person)

    def foreign(role: str) -> bool:
        r = role.casefold()
        return not any(r in o or o in r for o in own)

    out = []
    others = [
        p["role"]
        for p in article.data["participants"]
        if p is not person and p.get("role") and foreign(p["role"])
    ]
    if others:
        out.append(("other_person", others[index % len(others)]))
    pool = CJK_ROLE_POOL if article.cjk else ROLE_POOL
    absent = [r for r in pool if _absent(article.text, r) and foreign(r)]
    if absent:
        out.append(("absent", absent[index % len(absent)]))
    return out


HEDGE_WORDS = re.compile(
    r"\b(could|may|might|likely|probabl\w*|possibl\w*|perhaps|analysts?|commentators?|"
    r"observers?|expect\w*|predict\w*|believed|thought to|reportedly|rumou?red|hinted|would)\b|"
    r"可能|分析人士|或许|据悉",
    re.IGNORECASE,
)

# Hedged sentences of our own, added to a copy of an article that has no hedged agenda item:
# (article, sentence inserted after `anchor`, agenda item with the right status).
ADDED_HEDGES: dict[str, list[tuple[str, str, dict[str, Any]]]] = {
    "seed_002": [
        (
            "within the Asia-Pacific region.",
            "Analysts say the two sides could also discuss payments in national currencies "
            "and energy supplies.",
            {
                "topic": "Payments in national currencies and energy supplies",
                "attributed_to": "Analysts",
            },
        ),
        (
            "within the Asia-Pacific region.",
            "Wang is also believed to be carrying proposals for a summit between the two "
            "presidents later this year.",
            {"topic": "A summit between the two presidents", "attributed_to": None},
        ),
        (
            "within the Asia-Pacific region.",
            "Diplomats in Beijing said arms control might also come up during the talks.",
            {"topic": "Arms control", "attributed_to": "Diplomats in Beijing"},
        ),
    ],
    "seed_003": [
        (
            "from Monday to Thursday in Russia.",
            "Observers expect the consultations to cover the war in Ukraine, although neither "
            "side has confirmed the agenda.",
            {"topic": "The war in Ukraine", "attributed_to": "Observers"},
        ),
        (
            "from Monday to Thursday in Russia.",
            "The talks would probably also touch on preparations for a visit by President "
            "Vladimir Putin to China in October.",
            {"topic": "Preparations for a Putin visit to China", "attributed_to": None},
        ),
        (
            "from Monday to Thursday in Russia.",
            "The consultations are thought to include arms control as well.",
            {"topic": "Arms control", "attributed_to": None},
        ),
    ],
}


def _item(summary: ArticleSummary, target: str) -> Any:
    if target == "event":
        return summary.event
    section, index = target.rstrip("]").split("[")
    return getattr(summary, section)[int(index)]


def _with_added_hedge(
    article: GoldArticle, anchor: str, sentence: str, item: dict[str, Any]
) -> tuple[ArticleSummary, str]:
    """The clean summary of a copy of the article with one hedged sentence of ours added, the
    matching (speculative) agenda item appended; and that item's path."""
    assert article.text.count(anchor) == 1, anchor
    text = article.text.replace(anchor, anchor + " " + sentence, 1)
    summary = build_summary(article, text)
    summary.agenda.append(
        AgendaItem(
            topic=item["topic"],
            status=AgendaStatus.SPECULATIVE,
            attributed_to=item["attributed_to"],
            evidence=evidence_for(text, sentence),
        )
    )
    return summary, f"agenda[{len(summary.agenda) - 1}]"


def perturbations(article: GoldArticle) -> Iterator[Perturbation]:
    """Every perturbation of one gold article, one error per copy, every applicable item."""
    text, gold = article.text, article.data
    clean = build_summary(article)

    def make(
        kind: str,
        variant: str,
        target: str,
        fields: tuple[str, ...],
        mutate: Callable[[ArticleSummary], None],
        example: str,
        baseline: ArticleSummary = clean,
        still_wrong: Callable[[ArticleSummary], bool] | None = None,
    ) -> Perturbation:
        summary = baseline.model_copy(deep=True)
        mutate(summary)
        return Perturbation(
            kind, variant, article.name, target, fields, summary, baseline, example, still_wrong
        )

    items = list(gold_items(gold))

    # Quotes: paraphrased and invented, on every item.
    for n, (target, item) in enumerate(items):
        fields = (target, f"{target}.evidence")
        quote = item["quote"]
        for variant, new in paraphrases(quote):
            if new in text:
                continue

            def set_quote(s: ArticleSummary, t: str = target, q: str = new) -> None:
                _item(s, t).evidence = evidence_for(s.source.text, q)

            yield make(
                "paraphrased_quote", variant, target, fields, set_quote, f"{quote!r} -> {new!r}"
            )
        for variant, new in invented_quotes(target, item, n, article):

            def set_invented(s: ArticleSummary, t: str = target, q: str = new) -> None:
                _item(s, t).evidence = evidence_for(s.source.text, q)

            yield make("invented_quote", variant, target, fields, set_invented, repr(new))

    # Participants: names, roles, attendance.
    for i, person in enumerate(gold["participants"]):
        target = f"participants[{i}]"
        for variant, name in wrong_names(article, person, i):

            def set_name(s: ArticleSummary, t: str = target, v: str = name) -> None:
                _item(s, t).name = v

            yield make(
                "name_not_in_text",
                variant,
                target,
                (target, f"{target}.name"),
                set_name,
                f"{person['name']!r} -> {name!r}",
                still_wrong=lambda s, v=name: any(x.name == v for x in s.participants),
            )
        if person.get("type", "person") == "person":
            for variant, role in wrong_roles(article, person, i):

                def set_role(s: ArticleSummary, t: str = target, v: str = role) -> None:
                    _item(s, t).role = v

                yield make(
                    "role_not_stated",
                    variant,
                    target,
                    (f"{target}.role",),
                    set_role,
                    f"{person['name']}: role {person.get('role')!r} -> {role!r}",
                    still_wrong=lambda s, v=role, who=person["name"]: any(
                        x.name == who and x.role == v for x in s.participants
                    ),
                )
        if not person["attending"]:

            def set_attending(s: ArticleSummary, t: str = target) -> None:
                _item(s, t).attending = True

            yield make(
                "mentioned_marked_attending",
                "mentioned_only",
                target,
                (f"{target}.attending",),
                set_attending,
                f"{person['name']}: attending=true",
                still_wrong=lambda s, v=person["name"]: any(
                    x.name == v and x.attending for x in s.participants
                ),
            )

    # Agenda modality: the article's own hedged items, then hedged sentences of ours.
    for i, item in enumerate(gold["agenda"]):
        if item["status"] == "speculative" and HEDGE_WORDS.search(item["quote"]):
            target = f"agenda[{i}]"

            def set_announced(s: ArticleSummary, t: str = target) -> None:
                _item(s, t).status = AgendaStatus.ANNOUNCED

            yield make(
                "speculative_marked_announced",
                "article_sentence",
                target,
                (f"{target}.status",),
                set_announced,
                f"{item['quote']!r} marked announced",
                still_wrong=_still_announced(item["topic"]),
            )
    for anchor, sentence, item in ADDED_HEDGES.get(article.name, []):
        baseline, target = _with_added_hedge(article, anchor, sentence, item)

        def set_announced_added(s: ArticleSummary, t: str = target) -> None:
            _item(s, t).status = AgendaStatus.ANNOUNCED

        yield make(
            "speculative_marked_announced",
            "added_sentence",
            target,
            (f"{target}.status",),
            set_announced_added,
            f"{sentence!r} marked announced",
            baseline,
            _still_announced(item["topic"]),
        )

    # Dates: a year the text does not give.
    yield from _wrong_years(article, clean, make)

    # Offsets: every evidence span moved or stretched by 1-5 characters, quote unchanged.
    shift = 0
    for target, _ in items:
        spans = [("evidence", lambda s, t=target: _item(s, t).evidence)]
        if target == "event" and clean.event.date_evidence:
            spans.append(("date_evidence", lambda s: s.event.date_evidence))
        for which, get in spans:
            ev = get(clean)[0]
            for direction in ("right", "left", "stretch"):
                shift += 1
                d = 1 + shift % 5
                start, end = {
                    "right": (ev.start + d, ev.end + d),
                    "left": (ev.start - d, ev.end - d),
                    "stretch": (ev.start, ev.end + d),
                }[direction]
                if start < 0 or end > len(text) or text[start:end] == ev.quote:
                    continue
                fields = (
                    ("event.date_text", "event.date")
                    if which == "date_evidence"
                    else (target, f"{target}.evidence")
                )

                def move(s: ArticleSummary, g: Any = get, a: int = start, b: int = end) -> None:
                    span = g(s)[0]
                    span.start, span.end = a, b

                yield make(
                    "shifted_offsets",
                    f"{which}_{direction}",
                    target,
                    fields,
                    move,
                    f"{target}.{which} [{ev.start}:{ev.end}] -> [{start}:{end}]",
                )


def _still_announced(topic: str) -> Callable[[ArticleSummary], bool]:
    return lambda s: any(a.topic == topic and a.status == AgendaStatus.ANNOUNCED for a in s.agenda)


def _wrong_years(
    article: GoldArticle, clean: ArticleSummary, make: Callable[..., Perturbation]
) -> Iterator[Perturbation]:
    ev = article.data["event"]
    fields = ("event.date", "event.start_date", "event.date_text")
    gold_year = int(ev["start_date"][:4]) if ev.get("start_date") else None
    year = gold_year - 1 if gold_year else 2022
    month_day = (ev.get("start_date") or "")[4:] or (ev.get("date_partial") or "--09-18")[1:]
    claimed = f"{year}{month_day}"

    def kept_year(s: ArticleSummary) -> bool:
        return any((d or "").startswith(str(year)) for d in (s.event.start_date, s.event.end_date))

    def set_start(s: ArticleSummary) -> None:
        s.event.start_date = claimed

    yield make(
        "wrong_year",
        "start_date",
        "event",
        fields,
        set_start,
        f"start_date {ev.get('start_date')!r} -> {claimed!r} (date_text {ev.get('date_text')!r})",
        still_wrong=kept_year,
    )
    if article.cjk:
        phrase = f"{year}年3月22日至23日"
    elif ev.get("date_text") and re.search(r"\d", ev["date_text"]):
        phrase = f"{ev['date_text']}, {year}"
    else:
        phrase = f"September 18, {year}"

    def set_phrase(s: ArticleSummary) -> None:
        s.event.date_text = phrase
        s.event.date_evidence = date_evidence_for(s.source.text, phrase)

    yield make(
        "wrong_year",
        "date_text_with_year",
        "event",
        fields,
        set_phrase,
        f"date_text {ev.get('date_text')!r} -> {phrase!r}",
        still_wrong=kept_year,
    )
    if clean.event.date_evidence:

        def set_phrase_stale(s: ArticleSummary) -> None:
            s.event.date_text = phrase  # date_evidence still points at the gold phrase

        yield make(
            "wrong_year",
            "date_text_with_year_stale_evidence",
            "event",
            fields,
            set_phrase_stale,
            f"date_text {ev.get('date_text')!r} -> {phrase!r}, date_evidence left on "
            f"{clean.event.date_evidence[0].quote!r}",
            still_wrong=kept_year,
        )


# --------------------------------------------------------------------------- running


@dataclass
class Outcome:
    perturbation: Perturbation
    detected: bool  # the validator flagged the item (brief's definition)
    field_detected: bool  # ... on the perturbed field itself
    confounded: bool  # the clean copy was already flagged there: left out of recall
    new_flags: dict[str, str] = field(default_factory=dict)


def evaluate(p: Perturbation, baselines: dict[int, Validation] | None = None) -> Outcome:
    baselines = {} if baselines is None else baselines
    base = baselines.get(id(p.baseline))
    if base is None:
        base = baselines[id(p.baseline)] = validate(p.baseline)
    before = item_flags(base, p.target)
    checked = validate(p.summary)
    after = item_flags(checked, p.target)
    new = {k: v for k, v in after.items() if before.get(k) != v}
    if new and p.still_wrong is not None and p.still_wrong(checked.summary):
        new = {**new, "error kept in the validated summary": "kept"}
        return Outcome(p, False, False, False, new)

    def relevant(key: str) -> bool:
        return key.split(":", 1)[0] in p.fields

    confounded = any(relevant(k) for k in before) or f"{p.target}:removed" in before
    return Outcome(p, bool(new), any(relevant(k) for k in new), confounded, new)


def clean_figures(articles: list[GoldArticle]) -> dict[str, Any]:
    """False alarms and date agreement of the validator on the clean gold summaries."""
    per_article: dict[str, Any] = {}
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        v = validate(build_summary(article))
        alarms = false_alarms(v)
        for c in v.checks:
            by_type[check_type(c.field)]["checks"] += 1
            if c.status != "supported":
                by_type[check_type(c.field)][c.status] += 1
        ev, gold_ev = v.summary.event, article.data["event"]
        got = {
            "start_date": ev.start_date,
            "end_date": ev.end_date,
            "date_partial": ev.date_partial,
        }
        want = {k: gold_ev.get(k) for k in got}
        per_article[article.name] = {
            "checks": len(v.checks),
            "not_supported": len(alarms),
            "false_alarm_rate": round(len(alarms) / len(v.checks), 4) if v.checks else 0.0,
            "removed_items": sorted(r.field for r in v.rejected if "." not in r.field),
            "alarms": [f"{t} {s}: {r}" for t, s, r in alarms],
            "dates": {"validator": got, "gold": want, "agree": got == want},
        }
    return {
        "articles": per_article,
        "by_check_type": {k: dict(c) for k, c in sorted(by_type.items())},
    }


def _rate(articles: dict[str, Any], names: list[str]) -> dict[str, Any]:
    checks = sum(articles[n]["checks"] for n in names)
    alarms = sum(articles[n]["not_supported"] for n in names)
    return {
        "checks": checks,
        "not_supported": alarms,
        "false_alarm_rate": round(alarms / checks, 4) if checks else 0.0,
    }


def run_suite(articles: list[GoldArticle] | None = None) -> dict[str, Any]:
    articles = load_golds() if articles is None else articles
    clean = clean_figures(articles)
    seeds = [a.name for a in articles if not a.cjk]
    cjk = [a.name for a in articles if a.cjk]
    outcomes: list[Outcome] = []
    for article in articles:
        baselines: dict[int, Validation] = {}
        outcomes.extend(evaluate(p, baselines) for p in perturbations(article))
    return {
        "false_alarms": {
            "seeds": _rate(clean["articles"], seeds),
            "cjk": _rate(clean["articles"], cjk),
            "all": _rate(clean["articles"], seeds + cjk),
            **clean,
        },
        "recall": {
            "all": _recall(outcomes),
            "seeds": _recall([o for o in outcomes if o.perturbation.article in seeds]),
            "cjk": _recall([o for o in outcomes if o.perturbation.article in cjk]),
        },
        "missed": _missed(outcomes),
    }


def _counts(outcomes: list[Outcome]) -> dict[str, Any]:
    scored = [o for o in outcomes if not o.confounded]
    detected = sum(o.detected for o in scored)
    field_detected = sum(o.field_detected for o in scored)
    n = len(scored)
    return {
        "n": n,
        "detected": detected,
        "recall": round(detected / n, 4) if n else None,
        "field_detected": field_detected,
        "field_recall": round(field_detected / n, 4) if n else None,
        "confounded": len(outcomes) - n,
    }


def _recall(outcomes: list[Outcome]) -> dict[str, Any]:
    by_kind: dict[str, Any] = {}
    for kind in KINDS:
        mine = [o for o in outcomes if o.perturbation.kind == kind]
        variants = sorted({o.perturbation.variant for o in mine})
        by_kind[kind] = {
            **_counts(mine),
            "variants": {
                v: _counts([o for o in mine if o.perturbation.variant == v]) for v in variants
            },
        }
    scored = [k["recall"] for k in by_kind.values() if k["recall"] is not None]
    macro = round(sum(scored) / len(scored), 4) if scored else None
    return {"overall": {**_counts(outcomes), "macro_recall": macro}, "by_kind": by_kind}


def _missed(outcomes: list[Outcome]) -> list[dict[str, Any]]:
    return [
        {
            "kind": o.perturbation.kind,
            "variant": o.perturbation.variant,
            "article": o.perturbation.article,
            "target": o.perturbation.target,
            "change": o.perturbation.example,
            "flagged_instead": o.new_flags,
        }
        for o in outcomes
        if not o.confounded and not o.field_detected
    ]


# --------------------------------------------------------------------------- report


def print_report(results: dict[str, Any]) -> None:
    fa = results["false_alarms"]
    print("False alarms on clean gold summaries (non-supported checks / all checks)")
    for name, row in fa["articles"].items():
        dates = "dates ok" if row["dates"]["agree"] else f"dates differ: {row['dates']}"
        print(
            f"  {name:<15} {row['not_supported']:>3}/{row['checks']:<4} "
            f"{row['false_alarm_rate']:.3f}  {dates}"
        )
        for alarm in row["alarms"]:
            print(f"      - {alarm}")
    for scope in ("seeds", "cjk", "all"):
        row = fa[scope]
        print(
            f"  {scope.upper():<15} {row['not_supported']:>3}/{row['checks']:<4} "
            f"{row['false_alarm_rate']:.3f}"
        )
    print("  by check type (all articles):")
    for kind, counts in fa["by_check_type"].items():
        bad = counts.get("repaired", 0) + counts.get("rejected", 0)
        if bad:
            print(f"      {kind:<28} {bad}/{counts['checks']}")
    print()
    header = (
        f"{'perturbation':<30}{'n':>5}{'det':>6}{'recall':>8}{'field':>8}"
        f"{'conf':>6}   seeds / cjk recall"
    )
    print(header)
    print("-" * len(header))
    rec = results["recall"]
    for kind in KINDS:
        row = rec["all"]["by_kind"][kind]
        s, c = rec["seeds"]["by_kind"][kind], rec["cjk"]["by_kind"][kind]
        print(
            f"{kind:<30}{row['n']:>5}{row['detected']:>6}{_pct(row['recall']):>8}"
            f"{_pct(row['field_recall']):>8}{row['confounded']:>6}   "
            f"{_pct(s['recall'])} / {_pct(c['recall'])}"
        )
        for variant, v in row["variants"].items():
            print(
                f"  · {variant:<28}{v['n']:>5}{v['detected']:>6}{_pct(v['recall']):>8}"
                f"{_pct(v['field_recall']):>8}{v['confounded']:>6}"
            )
    o = rec["all"]["overall"]
    print("-" * len(header))
    print(
        f"{'OVERALL':<30}{o['n']:>5}{o['detected']:>6}{_pct(o['recall']):>8}"
        f"{_pct(o['field_recall']):>8}{o['confounded']:>6}   "
        f"{_pct(rec['seeds']['overall']['recall'])} / {_pct(rec['cjk']['overall']['recall'])}"
    )
    print(
        f"{'macro (mean over types)':<30}{'':>11}{_pct(o['macro_recall']):>8}{'':>14}   "
        f"{_pct(rec['seeds']['overall']['macro_recall'])} / "
        f"{_pct(rec['cjk']['overall']['macro_recall'])}"
    )
    print(
        "\nrecall = item flagged (any new non-supported check on the item, re-askable or "
        "removed);\nfield = the perturbed field itself flagged; conf = clean copy already "
        "flagged there (not scored)."
    )
    missed = results["missed"]
    print(f"\nMissed at field level: {len(missed)} (first 3 per type)")
    shown: Counter[str] = Counter()
    for m in missed:
        if shown[m["kind"]] < 3:
            shown[m["kind"]] += 1
            extra = f"  [flagged instead: {m['flagged_instead']}]" if m["flagged_instead"] else ""
            print(
                f"  {m['kind']}/{m['variant']} {m['article']} {m['target']}: "
                f"{m['change'][:150]}{extra}"
            )


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    results = run_suite()
    print_report(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
