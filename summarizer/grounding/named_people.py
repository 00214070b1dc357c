"""People the article names that the model did not list: added as mentioned.

A small model lists a handful of people and stops; the article's own "Senate Majority Leader
Mitch McConnell", "White House press secretary Josh Earnest" are people a briefing names. The
tool finds them among the name finder's candidates: a title right before a mention, or a
person's full name ("Jared Kushner": a given name no English word) that the article names
again. They are added as mentioned, the titled first, at most six, with the title (or the
office after the name) as their role, the body or country it names as their affiliation, and
the sentence naming them as evidence (marked substituted). They take part only where they host
or invite, in a sentence not about another time (validator 86). A participation cue near a
mention, which keeps a person the model listed taking part, was tried for added people
(validator 83) and withdrawn: on all the gold it made 4 right and 17 wrong, people who met
someone at another moment of the day ("then met Senate leader X"). Measured on all the gold
before it landed (docs/evaluation.md). Pure, like the rest of the validator.
"""

from __future__ import annotations

import re

from summarizer.grounding.attendance import hosts_or_invites, speaks_in_office
from summarizer.grounding.titles import (
    affiliation_of,
    role_after,
    split_title,
    title_before,
)
from summarizer.grounding.validate_people import (
    naming_sentence,
    outside_injection,
    same_person,
)
from summarizer.grounding.verdicts import Validation
from summarizer.models import ArticleSummary, EventKind, Participant
from summarizer.text.cues import (
    BODY_WORDS,
    PRESS_ROLES,
    THING_ROLES,
    TITLE_ABBREVIATIONS,
    words_of,
)
from summarizer.text.entities import fused_names, personal_name
from summarizer.text.finders import name_candidates, only_in_headings
from summarizer.text.names import HONORIFICS, title_word
from summarizer.text.words import acronym_of, mentions, word_kinds

__all__ = ["add_named_people", "listed"]

_CANDIDATES = 40  # the finder's candidates read, the most mentioned first
_AT_MOST = 6  # people added to one article
# Candidates are read from the article's first 30,000 characters (a long news article): the
# finder's time grows with the names it reads, and a page's people are named near its top.
_READ_CHARS = 30_000


def add_named_people(s: ArticleSummary, text: str, result: Validation) -> None:
    """Add, as mentioned, the people the article names that the model did not list."""
    head = text[:_READ_CHARS]
    found = [_named(candidate, text) for candidate in name_candidates(head, limit=_CANDIDATES)]
    # The titled first, then people named in full and again: both read as the article's.
    ranked = [f for f in found if f and f[1]] + [f for f in found if f and not f[1]]
    added = 0
    for name, title, spans in ranked:
        if added == _AT_MOST:
            return
        if listed(name, s.participants):
            continue
        role = title or role_after(text, spans)
        s.participants.append(
            Participant(
                name=name,
                role=role,
                # The body or country of their title, read as for a listed person.
                affiliation=affiliation_of(role, text, spans),
                attending=hosts_or_invites(text, spans)
                or (s.event.kind == EventKind.STATEMENT and speaks_in_office(role, text, spans)),
                evidence=[naming_sentence(text, spans)],
            )
        )
        added += 1
        path = f"participants[{len(s.participants) - 1}]"
        how = "with a title" if title else "in full, more than once"
        part = ", taking part" if s.participants[-1].attending else ""
        result.record(path, "repaired", f"added: named {how} in the article{part}")


def _named(candidate: str, text: str) -> tuple[str, str | None, list[tuple[int, int]]] | None:
    """(name, title, mentions) for a person the article names with a title, or in full and
    again (by the full name or the surname); None for anything else."""
    name, _ = split_title(candidate)
    if len(name.split()) < 2 or _trailing_word(name, text) or fused_names(name, text):
        return None  # "Paul Ryan House Speaker ...": two names a lost full stop ran together
    # Text addressed to the model, headings and bylines name nobody in the news.
    spans = outside_injection(text, mentions(text, name))
    if not spans or only_in_headings(text, spans) or any(_byline(text, a) for a, _ in spans):
        return None
    if name.split()[-1].lower() in _NOT_A_SURNAME:
        return None  # "Tiananmen Square", "Xinhua News Agency": a place or a body
    if title := title_before(text, spans):
        if title.lower().split()[-1].removesuffix("s") in PRESS_ROLES:
            return None  # the page's own reporter, named in a credit
        return name, title, spans
    again = max(len(spans), len(mentions(text, name.split()[-1])))
    return (name, None, spans) if again >= 2 and personal_name(name, text) else None


_NEXT_NAME = re.compile(r"[ \t]+[A-Z]")
_NEXT_NAME_AFTER_STOP = re.compile(r"\.?[ \t]+[A-Z]")
_BYLINE = re.compile(r"(?:^|\n)[ \t]*(?:By|BY|by)[ \t]+$")
# Words that end names of places and bodies, never a person's: the cue table's kinds of body
# and place nouns.
_NOT_A_SURNAME = BODY_WORDS | words_of("place_noun") | THING_ROLES


def _byline(text: str, start: int) -> bool:
    return bool(_BYLINE.search(text[max(0, start - 20) : start]))


def listed(name: str, people: list[Participant]) -> bool:
    """Whether `name` is one of `people`: the same person, or a name inside the other."""
    return any(
        same_person(p.name, name)
        or mentions(p.name, name)
        or mentions(name, p.name)
        or acronym_of(name, p.name)
        or acronym_of(p.name, name)
        for p in people
    )


def _trailing_word(name: str, text: str) -> bool:
    """ "Mike Pence Previously": a run of capitals that took in the next sentence's adverb or
    verb, or the title of the next person; a surname is no word that is only one of those."""
    last = name.split()[-1]
    short = last.lower().strip(".") in TITLE_ABBREVIATIONS  # "Gov", "Gen": their stop follows
    next_name = _NEXT_NAME_AFTER_STOP if short else _NEXT_NAME
    if (title_word(last) or short or last.lower().strip(".") in HONORIFICS) and any(
        next_name.match(text, end) for _, end in mentions(text, name)
    ):
        # "Ohio Gov. John Kasich", "Mike Pence President-elect Trump waves": the next person's
        # title ("Senator Angus King said": a surname that is also a title word stays).
        return True
    kinds = word_kinds(last)
    return bool(kinds) and kinds <= {"ADV", "VERB"}
