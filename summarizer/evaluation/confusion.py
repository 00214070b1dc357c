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


def validator_confusion(
    raw: ArticleSummary, final: ArticleSummary, gold: GoldArticle
) -> ConfusionTable:
    table = ConfusionTable()
    text = raw.source.text
    people = gold.data.get("participants", [])
    final_people = {_key(p.name): p for p in final.participants}
    for p in raw.participants:
        match = next((g for g in people if same_participant(p, g)), None)
        kept = final_people.get(_key(p.name))
        table.fields["participants"].record(match is not None, kept is not None)
        if p.attending:
            truly = bool(match and match.get("attending"))
            table.fields["attending"].record(truly, bool(kept and kept.attending))
    agenda = gold.data.get("agenda", [])
    final_topics = {_key(a.topic): a for a in final.agenda}
    for a in raw.agenda:
        match = next((g for g in agenda if same_agenda_item(a, g, text)), None)
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
    final_stances = {(_key(s.actor), _key(s.topic)) for s in final.stances}
    for s in raw.stances:
        match = next((g for g in stances if same_stance(s, g, text)), None)
        kept_stance = (_key(s.actor), _key(s.topic)) in final_stances
        table.fields["stances"].record(match is not None, kept_stance)
    return table
