"""What the validator did, judged against gold: of the items the model proposed, how many true
ones it kept or wrongly removed, and how many false ones it removed or wrongly kept.

A check that removes facts is judged on the true facts it removes, not only on the false ones it
catches. Inputs: the summary as the model gave it (grounded, before validation: see
`Session.on_unvalidated`), the validated summary, and the gold file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from summarizer.evaluation.score import (
    GoldArticle,
    pair_items,
    same_agenda_item,
    same_participant,
    same_stance,
)
from summarizer.models import ArticleSummary
from summarizer.text.words import words

__all__ = ["Confusion", "validator_confusion"]

FIELDS = ("participants", "attending", "agenda", "agenda_status", "stances")


@dataclass
class Confusion:
    true_kept: int = 0
    true_removed: int = 0  # removed, or demoted (attending -> not), or a right label made wrong
    false_removed: int = 0  # removed, or fixed (a wrong label made right)
    false_kept: int = 0

    def add(self, other: Confusion) -> None:
        self.true_kept += other.true_kept
        self.true_removed += other.true_removed
        self.false_removed += other.false_removed
        self.false_kept += other.false_kept

    def record(self, true: bool, kept: bool) -> None:
        if true:
            self.true_kept += kept
            self.true_removed += not kept
        else:
            self.false_removed += not kept
            self.false_kept += kept

    def as_dict(self) -> dict[str, Any]:
        true = self.true_kept + self.true_removed
        false = self.false_removed + self.false_kept
        return {
            "true_kept": self.true_kept,
            "true_removed": self.true_removed,
            "false_removed": self.false_removed,
            "false_kept": self.false_kept,
            "true_removed_share": round(self.true_removed / true, 3) if true else 0.0,
            "false_caught_share": round(self.false_removed / false, 3) if false else 1.0,
        }


@dataclass
class ConfusionTable:
    fields: dict[str, Confusion] = field(default_factory=lambda: {f: Confusion() for f in FIELDS})

    def add(self, other: ConfusionTable) -> None:
        for name, counts in other.fields.items():
            self.fields[name].add(counts)

    def as_dict(self) -> dict[str, Any]:
        return {name: c.as_dict() for name, c in self.fields.items()}


def _key(value: str | None) -> str:
    return " ".join(words(value or ""))


def _contains(a: str, b: str) -> bool:
    """The same name, or one with a title the validator took off ("President Putin"/"Putin")."""
    if not (a and b):
        return False
    short, long = sorted((a, b), key=len)
    return a == b or (len(short) >= 4 and f" {short} " in f" {long} ")


def _same_name(name: str, people: list[Any]) -> Any:
    """The validated entry for a proposed name: the same name if it is there, else one that
    contains it or that it contains ("President Putin" kept as "Putin")."""
    key = _key(name)
    exact = next((q for q in people if _key(q.name) == key), None)
    return exact or next((q for q in people if _contains(key, _key(q.name))), None)


def _paired(items: list[Any], gold: list[dict[str, Any]], matches: Any) -> dict[int, Any]:
    """Each proposed item's gold item, paired one to one as the scorer pairs them: a second
    stance or topic that repeats one already found is a false item (the scorer counts it as one),
    so removing it removes no fact."""
    pairs, _, _ = pair_items(items, gold, matches)
    return {id(item): g for item, g in pairs}


def validator_confusion(
    raw: ArticleSummary, final: ArticleSummary, gold: GoldArticle
) -> ConfusionTable:
    table = ConfusionTable()
    text = raw.source.text
    people = gold.data.get("participants", [])
    for p in raw.participants:
        match = next((g for g in people if same_participant(p, g)), None)
        # A true item is kept if the validated list still has that person, under any of the
        # gold's names for them ("Prime Minister Netanyahu" merged into "Benjamin Netanyahu").
        kept = next(
            (q for q in final.participants if match is not None and same_participant(q, match)),
            None,
        ) or _same_name(p.name, final.participants)
        # A false item the validator repaired into a true one (a title taken out of the name)
        # counts as caught; a true one repaired into a false one, as removed.
        kept_true = kept is not None and any(same_participant(kept, g) for g in people)
        table.fields["participants"].record(
            match is not None, kept_true if match is not None else not kept_true and bool(kept)
        )
        if p.attending:
            truly = bool(match and match.get("attending"))
            final_right = bool(
                kept and kept.attending and any(
                    same_participant(kept, g) and g.get("attending") for g in people
                )
            )
            table.fields["attending"].record(
                truly, final_right if truly else bool(kept and kept.attending) and not final_right
            )
    agenda = gold.data.get("agenda", [])
    final_topics = {_key(a.topic): a for a in final.agenda}
    agenda_match = _paired(raw.agenda, agenda, lambda a, g: same_agenda_item(a, g, text))
    for a in raw.agenda:
        match = agenda_match.get(id(a))
        kept_item = final_topics.get(_key(a.topic))
        table.fields["agenda"].record(match is not None, kept_item is not None)
        if match is not None and kept_item is not None:
            right = {match.get("status"), *match.get("status_acceptable", [])}
            raw_right = a.status.value in right
            # "kept" is the label left as it was: right stays right, or wrong stays wrong.
            table.fields["agenda_status"].record(
                raw_right, (kept_item.status.value in right) == raw_right
            )
    stances = gold.data.get("stances", [])
    stance_match = _paired(raw.stances, stances, lambda s, g: same_stance(s, g, text))
    for s in raw.stances:
        match = stance_match.get(id(s))
        kept_stance = any(
            _contains(_key(s.actor), _key(f.actor)) and _key(f.topic) == _key(s.topic)
            for f in final.stances
        )
        table.fields["stances"].record(match is not None, kept_stance)
    return table
