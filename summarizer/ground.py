"""Grounding: locate the model's quotes in the source text and read dates from the text itself.

Pure functions over text. Nothing here invents an offset: a quote that cannot be found is
reported as not found, never placed at a guessed position.

Locating is tried exact first, then normalized (whitespace runs, curly/straight quotes, dashes
and case are treated as equal). The normalized search compiles the quote into a regular
expression over the *original* text, so offsets need no mapping back and a 1 MB article costs
one regex scan.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal, TypeVar

from summarizer.models import (
    AgendaDraft,
    AgendaItem,
    Event,
    Evidence,
    Flag,
    Participant,
    Stance,
    StanceDraft,
    SummaryDraft,
)

D = TypeVar("D")
T = TypeVar("T")

MatchKind = Literal["exact", "normalized", "fuzzy"]

_SINGLE_QUOTES = "'‘’‚‛`´′"
_DOUBLE_QUOTES = '"“”„‟«»″'
_DASHES = "-‐‑‒–—―−"
# Characters a model tends to wrap around a quote or leave at its ends.
_TRIM = " \t\r\n" + _SINGLE_QUOTES + _DOUBLE_QUOTES + ".,;:…"


@dataclass(frozen=True)
class Located:
    start: int
    end: int
    match: MatchKind
    score: float = 1.0


def clean_quote(quote: str) -> str:
    """The quote without wrapping quotation marks, ellipses or edge punctuation."""
    return quote.strip(_TRIM)


def _char_pattern(char: str) -> str:
    if char in _SINGLE_QUOTES:
        return "[" + re.escape(_SINGLE_QUOTES) + "]"
    if char in _DOUBLE_QUOTES:
        return "[" + re.escape(_DOUBLE_QUOTES) + "]"
    if char in _DASHES:
        return "[" + re.escape(_DASHES) + "]"
    return re.escape(char)


@lru_cache(maxsize=4096)
def _normalized_pattern(quote: str) -> re.Pattern[str] | None:
    parts: list[str] = []
    for piece in re.split(r"(\s+)", quote):
        if not piece:
            continue
        if piece.isspace():
            parts.append(r"\s+")
        else:
            parts.append("".join(_char_pattern(c) for c in piece))
    if not parts:
        return None
    return re.compile("".join(parts), re.IGNORECASE)


def locate(text: str, quote: str, *, near: int = 0) -> Located | None:
    """Find `quote` in `text`; with several hits, take the first at or after `near`."""
    needle = clean_quote(quote)
    if len(needle) < 3:
        return None
    exact = _find_exact(text, needle, near)
    if exact is not None:
        return Located(exact, exact + len(needle), "exact")
    pattern = _normalized_pattern(needle)
    if pattern is None:
        return None
    found = pattern.search(text, near) or (pattern.search(text) if near else None)
    if found is None:
        return None
    return Located(found.start(), found.end(), "normalized")


def _find_exact(text: str, needle: str, near: int) -> int | None:
    index = text.find(needle, near)
    if index < 0 and near:
        index = text.find(needle)
    return index if index >= 0 else None


# --------------------------------------------------------------------------- dates

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<{0}>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<{0}>\d{{1,2}})(?:st|nd|rd|th)?"
_YEAR = r"(?P<{0}>(?:19|20)\d\d)"
_RANGE = r"\s*(?:-|–|—|to|until|through|and)\s*"

# Each pattern names: m1/d1 (start), optional m2/d2 (end), optional y (year for both).
_DATE_PATTERNS = [
    re.compile(
        rf"\b{_YEAR.format('y')}-(?P<m1n>\d\d)-(?P<d1>\d\d)\b",
        re.IGNORECASE,
    ),
    # "September 18 to 21, 2023", "Sept. 18 - October 2, 2023", "May 3, 2021", "May 3"
    re.compile(
        rf"\b{_MONTH.format('m1')}\s+{_DAY.format('d1')}"
        rf"(?:{_RANGE}(?:{_MONTH.format('m2')}\s+)?{_DAY.format('d2')})?"
        rf"(?:,?\s+{_YEAR.format('y')})?\b",
        re.IGNORECASE,
    ),
    # "18 to 21 September 2023", "3 March 2021", "18 September - 2 October 2023"
    re.compile(
        rf"\b{_DAY.format('d1')}(?:\s+{_MONTH.format('m1')})?"
        rf"(?:{_RANGE}{_DAY.format('d2')})?\s+{_MONTH.format('m2')}"
        rf"(?:,?\s+{_YEAR.format('y')})?\b",
        re.IGNORECASE,
    ),
]


@dataclass(frozen=True)
class DateReading:
    start_date: str | None
    end_date: str | None
    partial: str | None  # "--MM-DD" when day and month are given but no year


def read_dates(date_text: str | None) -> DateReading:
    """ISO dates stated in `date_text`; a date without a year stays partial, never completed."""
    if not date_text:
        return DateReading(None, None, None)
    for pattern in _DATE_PATTERNS:
        found = pattern.search(date_text)
        if found:
            return _reading_from(found)
    return DateReading(None, None, None)


def _reading_from(found: re.Match[str]) -> DateReading:
    groups = found.groupdict()
    month1 = _month_number(groups.get("m1") or groups.get("m1n") or groups.get("m2"))
    month2 = _month_number(groups.get("m2")) or month1
    day1 = int(groups["d1"])
    day2 = int(groups["d2"]) if groups.get("d2") else None
    year = int(groups["y"]) if groups.get("y") else None
    if month1 is None:
        return DateReading(None, None, None)
    if year is None:
        return DateReading(None, None, f"--{month1:02d}-{day1:02d}")
    start = _iso(year, month1, day1)
    end = _iso(year, month2, day2) if day2 is not None else None
    if start is None:
        return DateReading(None, None, None)
    return DateReading(start, end if end and end >= start else None, None)


def _month_number(token: str | None) -> int | None:
    if token is None:
        return None
    if token.isdigit():
        number = int(token)
        return number if 1 <= number <= 12 else None
    return _MONTHS.get(token.lower().rstrip("."))


def _iso(year: int, month: int | None, day: int) -> str | None:
    if month is None:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


# --------------------------------------------------------------------------- draft -> contract


@dataclass
class Grounded:
    """The contract fields built from one or more drafts, with what could not be proven."""

    event: Event
    participants: list[Participant]
    agenda: list[AgendaItem]
    stances: list[Stance]
    flags: list[Flag]


def ground_drafts(text: str, drafts: list[tuple[int, SummaryDraft]]) -> Grounded:
    """Locate every quote of every draft (each with its chunk's start offset) and merge chunks.

    The event comes from the first chunk whose event quote is found (the lead of an article
    states its main event); list items are merged across chunks by name/topic.
    """
    flags: list[Flag] = []
    event = _ground_event(text, drafts, flags)
    participants = _merge_participants(text, drafts)
    agenda = _merge_items(text, drafts, "agenda", lambda d: d.agenda, _agenda_item, _topic_key)
    stances = _merge_items(text, drafts, "stances", lambda d: d.stances, _stance, _stance_key)
    evidence_lists: dict[str, list[list[Evidence]]] = {
        "participants": [p.evidence for p in participants],
        "agenda": [a.evidence for a in agenda],
        "stances": [s.evidence for s in stances],
    }
    for name, lists in evidence_lists.items():
        flags.extend(
            Flag(field=f"{name}[{i}].evidence", problem="quote not found in the source text")
            for i, evidence in enumerate(lists)
            if not evidence
        )
    return Grounded(event, participants, agenda, stances, flags)


def evidence_for(text: str, quote: str, near: int = 0) -> list[Evidence]:
    found = locate(text, quote, near=near)
    if found is None:
        return []
    return [
        Evidence(
            quote=text[found.start : found.end],
            start=found.start,
            end=found.end,
            match=found.match,
            score=found.score,
        )
    ]


def _ground_event(text: str, drafts: list[tuple[int, SummaryDraft]], flags: list[Flag]) -> Event:
    offset, draft = next(
        ((o, d) for o, d in drafts if locate(text, d.event.quote, near=o)), drafts[0]
    )
    ev = draft.event
    evidence = evidence_for(text, ev.quote, offset)
    if not evidence:
        flags.append(Flag(field="event.evidence", problem="quote not found in the source text"))
    reading = DateReading(None, None, None)
    if ev.date_text:
        date_evidence = evidence_for(text, ev.date_text, offset)
        if date_evidence:
            reading = read_dates(ev.date_text)
            evidence.extend(e for e in date_evidence if e not in evidence)
        else:
            flags.append(
                Flag(field="event.date_text", problem="date phrase not found in the source text")
            )
    return Event(
        title=ev.title,
        kind=ev.kind,
        summary=ev.summary,
        location=ev.location,
        start_date=reading.start_date,
        end_date=reading.end_date,
        date_partial=reading.partial,
        date_text=ev.date_text,
        status=ev.status,
        evidence=evidence,
    )


def _name_key(name: str) -> str:
    return " ".join(re.findall(r"\w+", name.casefold()))


def _merge_participants(text: str, drafts: list[tuple[int, SummaryDraft]]) -> list[Participant]:
    merged: dict[str, Participant] = {}
    for offset, draft in drafts:
        for p in draft.participants:
            key = _name_key(p.name)
            if not key:
                continue
            evidence = evidence_for(text, p.quote, offset)
            known = merged.get(key)
            if known is None:
                merged[key] = Participant(
                    name=p.name.strip(),
                    role=p.role,
                    affiliation=p.affiliation,
                    attending=p.attending,
                    evidence=evidence,
                )
                continue
            known.attending = known.attending or p.attending
            known.role = known.role or p.role
            known.affiliation = known.affiliation or p.affiliation
            known.evidence.extend(e for e in evidence if e not in known.evidence)
    return list(merged.values())


def _agenda_item(text: str, draft: AgendaDraft, offset: int) -> AgendaItem:
    return AgendaItem(
        topic=draft.topic,
        status=draft.status,
        attributed_to=draft.attributed_to,
        evidence=evidence_for(text, draft.quote, offset),
    )


def _stance(text: str, draft: StanceDraft, offset: int) -> Stance:
    return Stance(
        actor=draft.actor,
        topic=draft.topic,
        position=draft.position,
        evidence=evidence_for(text, draft.quote, offset),
    )


def _topic_key(item: AgendaItem) -> str:
    return _name_key(item.topic)


def _stance_key(item: Stance) -> str:
    return _name_key(item.actor) + "|" + _name_key(item.topic)


def _merge_items(
    text: str,
    drafts: list[tuple[int, SummaryDraft]],
    _name: str,
    items_of: Callable[[SummaryDraft], Sequence[D]],
    build: Callable[[str, D, int], T],
    key_of: Callable[[T], str],
) -> list[T]:
    merged: dict[str, T] = {}
    for offset, draft in drafts:
        for raw in items_of(draft):
            item = build(text, raw, offset)
            key = key_of(item)
            if key and key not in merged:
                merged[key] = item
    return list(merged.values())
