"""People the article names with their title that the model did not list: added as mentioned.

A small model lists a handful of people and stops; the article's own "Senate Majority Leader
Mitch McConnell", "White House press secretary Josh Earnest" are people a briefing names. The
tool finds them (the name finder's candidates with a title right before a mention) and adds
them as mentioned, with that title as their role and the sentence naming them as evidence
(marked substituted). Whether they take part stays the model's call: an added person never
does. Measured on all the gold before it landed (docs/evaluation.md). Pure, like the rest of
the validator.
"""

from __future__ import annotations

from summarizer.grounding.validate_people import (
    naming_sentence,
    same_person,
    split_title,
    title_before,
)
from summarizer.grounding.verdicts import Validation
from summarizer.models import ArticleSummary, Participant
from summarizer.text.finders import name_candidates
from summarizer.text.words import mentions, word_kinds

__all__ = ["add_titled_people"]

_CANDIDATES = 40  # the finder's candidates read, the most mentioned first
_AT_MOST = 6  # people added to one article


def add_titled_people(s: ArticleSummary, text: str, result: Validation) -> None:
    added = 0
    for candidate in name_candidates(text, limit=_CANDIDATES):
        if added == _AT_MOST:
            return
        name, _ = split_title(candidate)
        if len(name.split()) < 2 or _trailing_word(name) or _listed(name, s.participants):
            continue
        spans = mentions(text, name)
        title = title_before(text, spans) if spans else None
        if not title:
            continue
        s.participants.append(
            Participant(
                name=name, role=title, attending=False, evidence=[naming_sentence(text, spans)]
            )
        )
        added += 1
        path = f"participants[{len(s.participants) - 1}]"
        result.record(path, "repaired", "added: named with a title in the article")


def _listed(name: str, people: list[Participant]) -> bool:
    return any(
        same_person(p.name, name) or mentions(p.name, name) or mentions(name, p.name)
        for p in people
    )


def _trailing_word(name: str) -> bool:
    """ "Mike Pence Previously": a run of capitals that took in the next sentence's adverb or
    verb; a surname is no word that is only one of those."""
    kinds = word_kinds(name.split()[-1])
    return bool(kinds) and kinds <= {"ADV", "VERB"}
