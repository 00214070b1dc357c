"""The parties the article names to a negotiation, a deal or its mediation: taking part.

A small model lists the captors and the freed, and leaves out who brokered the release ("brokered
by the International Red Cross and the Swiss government") or one side of the negotiation ("talks
between Boko Haram and the Nigerian government"). In news of talks, deals, meetings and
releases, the bodies and people named as the sides of a negotiation (`negotiation_noun` ...
"between A and B") or as its go-betweens (`mediation_verb`: "brokered by A and B", "A and B
mediated") take part in it: the tool adds them, or marks them taking part when the model listed
them as mentioned, in a sentence not about another time. Countries and places are left to the
rules of places (a country stands for its government only where the article says so). Pure, like
the rest of the validator.
"""

from __future__ import annotations

import re

from summarizer.grounding.named_people import listed
from summarizer.grounding.validate_people import naming_sentence, outside_injection
from summarizer.grounding.verdicts import Validation
from summarizer.models import ArticleSummary, EventKind, Participant
from summarizer.text.cues import BODY_WORDS, OTHER_TIME, alternation
from summarizer.text.entities import not_an_actor
from summarizer.text.places import is_place
from summarizer.text.words import mentions, sentence_bounds

__all__ = ["add_named_parties"]

# Events whose sides negotiate or meet, and whose go-betweens take part.
_NEGOTIATED = frozenset(
    {
        EventKind.RELEASE,
        EventKind.AGREEMENT,
        EventKind.TALKS,
        EventKind.MEETING,
        EventKind.SUMMIT,
        EventKind.CONFERENCE,
    }
)

# A body or person as news names it: capitalised words, joined by "of (the)" or "for (the)"
# ("International Committee of the Red Cross"), and a body word in lower case after them ("the
# Swiss government", "the Nigerian army").
_BODY = "|".join(sorted(BODY_WORDS, key=len, reverse=True))
_WORD = r"[A-Z][\w’'.&-]*"
_NAME = rf"{_WORD}(?:\s+(?:(?:of|for)\s+(?:the\s+)?)?{_WORD})*(?:\s+(?:{_BODY})\b)?"
_ONE = rf"(?:the\s+)?({_NAME})(?:\s*\([A-Z]{{2,8}}\))?"  # "(ICRC)": its initials
# A side named by a common noun ("the administration", "the militant group"): no name to add.
_UNNAMED = r"(?:the\s+)?[\w-]+(?:\s+[\w-]+){0,3}?"
_MANY = rf"{_ONE}(?:\s*,\s*{_ONE})?(?:\s*,?\s+and\s+{_ONE})?"

_MEDIATION = rf"(?i:{alternation('mediation_verb')})"
_MEDIATED_BY = re.compile(rf"\b{_MEDIATION}\s+by\s+{_MANY}")
_MEDIATORS = re.compile(rf"{_MANY}\s+{_MEDIATION}\b(?!\s+by\b)")
_SIDES = re.compile(
    rf"\b(?i:{alternation('negotiation_noun')})\s+between\s+(?:{_ONE}|{_UNNAMED})"
    rf"\s+and\s+(?:{_ONE}|{_UNNAMED}\b)"
)


def add_named_parties(s: ArticleSummary, text: str, result: Validation) -> None:
    """Add, as taking part, the sides and go-betweens of the event's negotiation the model did
    not list; mark those it listed as mentioned taking part."""
    if s.event.kind not in _NEGOTIATED:
        return
    for name, at in _parties(text):
        lo, hi = sentence_bounds(text, at, at + 1)
        if OTHER_TIME.search(text[lo:hi]) or not _an_actor(name, text):
            continue
        known = next((i for i, p in enumerate(s.participants) if _same_body(name, p)), None)
        if known is not None:
            if not s.participants[known].attending:
                s.participants[known].attending = True
                reason = "a side or go-between of the negotiation"
                result.record(f"participants[{known}].attending", "repaired", reason)
            continue
        spans = outside_injection(text, mentions(text, name))
        if not spans:
            continue
        s.participants.append(
            Participant(name=name, attending=True, evidence=[naming_sentence(text, spans)])
        )
        path = f"participants[{len(s.participants) - 1}]"
        result.record(path, "repaired", "added: a side or go-between of the negotiation")


def _parties(text: str) -> list[tuple[str, int]]:
    """(name, where) of every side or go-between the article names, in its order."""
    found: list[tuple[str, int]] = []
    for pattern in (_MEDIATED_BY, _MEDIATORS, _SIDES):
        for match in pattern.finditer(text):
            found += [
                (re.sub(r"^The\s+", "", name), match.start()) for name in match.groups() if name
            ]
    return sorted(found, key=lambda item: item[1])


def _same_body(name: str, p: Participant) -> bool:
    """The same name, or one whose words are all in the other's ("International Red Cross",
    "International Committee for the Red Cross")."""
    ours, theirs = set(name.lower().split()), set(p.name.lower().split())
    return listed(name, [p]) or (len(ours) >= 2 and (ours <= theirs or theirs <= ours))


def _an_actor(name: str, text: str) -> bool:
    """A body or person, not a place, a nationality or an ordinary word."""
    return not (is_place(name) or not_an_actor(name, text)) and len(name) > 2
