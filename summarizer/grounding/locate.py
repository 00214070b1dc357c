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
from functools import lru_cache
from typing import Literal, TypeVar

from rapidfuzz import fuzz

from summarizer.models import (
    AgendaDraft,
    AgendaItem,
    Event,
    Evidence,
    MoreItems,
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


def locate(text: str, quote: str, *, near: int = 0, fuzzy: bool = True) -> Located | None:
    """Find `quote` in `text`: exact, then normalized, then (optionally) fuzzy.

    With several hits, the first at or after `near` wins (the chunk the quote came from).
    """
    needle = clean_quote(quote)
    if len(needle) < 3:
        return None
    exact = _find_exact(text, needle, near)
    if exact is not None:
        return Located(exact, exact + len(needle), "exact")
    found = _normalized_find(text, needle, near)
    if found is not None:
        return found
    return fuzzy_locate(text, needle) if fuzzy else None


def _normalized_find(text: str, needle: str, near: int) -> Located | None:
    pattern = _normalized_pattern(needle)
    if pattern is None:
        return None
    hits = [
        found
        for lo, hi in _anchor_windows(text, needle)
        if (found := pattern.search(text, lo, hi)) is not None
    ]
    if not hits:
        return None
    found = next((h for h in hits if h.start() >= near), hits[0])
    return Located(found.start(), found.end(), "normalized")


def _anchor_windows(text: str, needle: str) -> list[tuple[int, int]]:
    """Where a normalized match can be: around a rare word of the quote, or everywhere."""
    lowered = _lowered(text)
    if lowered is text:
        return [(0, len(text))]
    reach = len(needle) * 2 + 20
    for word in sorted(content_words(needle), key=len, reverse=True):
        hits = _occurrences(lowered, word)
        if not hits:
            return []  # every word of a normalized match is in the text: this one is not
        if len(hits) <= _MAX_ANCHOR_HITS:
            return _merge_windows([(h - reach, h + reach) for h in hits], len(text))
    return [(0, len(text))]


def _occurrences(lowered: str, word: str) -> list[int]:
    """Positions of `word`, stopping one past the cap: a common word is not worth listing."""
    hits: list[int] = []
    position = lowered.find(word)
    while position >= 0 and len(hits) <= _MAX_ANCHOR_HITS:
        hits.append(position)
        position = lowered.find(word, position + 1)
    return hits


def _merge_windows(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted((max(0, lo), min(length, hi)) for lo, hi in spans):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


# Fuzzy alignment. A quote is accepted when its best partial alignment scores at least
# FUZZY_THRESHOLD and the aligned span holds most of the quote's content words. On the seed
# answers of the local model, near-verbatim quotes (a clause left out, one word changed) score
# 86-96 while invented or paraphrased ones score 45-84; the perturbation suite
# (bench/perturb.py) measures the choice.
FUZZY_THRESHOLD = 85.0
FUZZY_MIN_COVERAGE = 0.7
_MIN_FUZZY_CHARS = 16
_ANCHORS = 3
_MAX_ANCHOR_HITS = 25


def content_words(text: str) -> list[str]:
    """Lower-cased words of four or more letters, in order, without repeats."""
    seen: dict[str, None] = {}
    for word in re.findall(r"[^\W\d_]{4,}", text.lower()):
        seen.setdefault(word, None)
    return list(seen)


def fuzzy_locate(text: str, needle: str) -> Located | None:
    words = content_words(needle)
    if len(needle) < _MIN_FUZZY_CHARS or len(words) < 2:
        return None
    lowered = _lowered(text)
    query = needle.lower() if lowered is not text else needle
    best: tuple[float, int, int] | None = None
    for lo, hi in _candidate_windows(lowered, words, len(query)):
        aligned = fuzz.partial_ratio_alignment(query, lowered[lo:hi], score_cutoff=FUZZY_THRESHOLD)
        if aligned is not None and (best is None or aligned.score > best[0]):
            best = (aligned.score, lo + aligned.dest_start, lo + aligned.dest_end)
    if best is None:
        return None
    start, end = _snap_to_words(text, best[1], best[2])
    span_words = set(content_words(text[start:end]))
    if sum(w in span_words for w in words) / len(words) < FUZZY_MIN_COVERAGE:
        return None
    return Located(start, end, "fuzzy", round(best[0] / 100.0, 3))


@lru_cache(maxsize=8)
def _lowered(text: str) -> str:
    # Cached per article: every quote of a summary searches the same text.
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text  # some characters grow when lowered


def _candidate_windows(lowered: str, words: list[str], width: int) -> list[tuple[int, int]]:
    # Align only around a few rare words of the quote: a 1 MB article stays cheap.
    spans: list[tuple[int, int]] = []
    anchors = 0
    for word in sorted(words, key=len, reverse=True):
        hits = _occurrences(lowered, word)
        if not hits or len(hits) > _MAX_ANCHOR_HITS:
            continue
        spans.extend((h - width - 20, h + width + 20) for h in hits)
        anchors += 1
        if anchors == _ANCHORS:
            break
    return _merge_windows(spans, len(lowered))


def _snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and text[end - 1] in " \t\n,;:":
        end -= 1
    return start, end


def _find_exact(text: str, needle: str, near: int) -> int | None:
    index = text.find(needle, near)
    if index < 0 and near:
        index = text.find(needle)
    return index if index >= 0 else None


# --------------------------------------------------------------------------- draft -> contract


@dataclass
class Grounded:
    """The contract fields built from one or more drafts, quotes located, not yet validated."""

    event: Event
    participants: list[Participant]
    agenda: list[AgendaItem]
    stances: list[Stance]
    origins: dict[str, int]  # field path -> index of the draft (chunk) it came from


def ground_drafts(text: str, drafts: list[tuple[int, SummaryDraft]]) -> Grounded:
    """Locate every quote of every draft (each with its chunk's start offset) and merge chunks.

    The event comes from the first chunk whose event quote is found (the lead of an article
    states its main event); list items are merged across chunks by name/topic. A quote that
    cannot be located leaves the item with no evidence: the validator decides its fate.
    """
    origins: dict[str, int] = {}
    event, origins["event"] = _ground_event(text, drafts)
    participants = _merge_participants(text, drafts, origins)
    agenda = _merge_items(
        text, drafts, "agenda", lambda d: d.agenda, _agenda_item, _topic_key, origins
    )
    stances = _merge_items(
        text, drafts, "stances", lambda d: d.stances, _stance, _stance_key, origins
    )
    return Grounded(event, participants, agenda, stances, origins)


def add_new_items(draft: SummaryDraft, more: MoreItems) -> SummaryDraft:
    """The draft with the items of an extra pass that it does not hold yet, appended.

    A repeat is an item with a name (participants), topic (agenda) or actor and topic (stances)
    already there, or with the same quote as an item of its list: small models re-list what they
    gave, sometimes under a new label.
    """

    def fresh(old: Sequence[D], new: Sequence[D], key: Callable[[D], str]) -> list[D]:
        seen = {key(i) for i in old} | {_name_key(getattr(i, "quote", "")) for i in old}
        kept: list[D] = []
        for item in new:
            keys = {key(item), _name_key(getattr(item, "quote", ""))} - {""}
            if keys and not keys & seen:
                kept.append(item)
                seen |= keys
        return kept

    return draft.model_copy(
        update={
            "participants": [
                *draft.participants,
                *fresh(draft.participants, more.participants, lambda p: _name_key(p.name)),
            ],
            "agenda": [
                *draft.agenda,
                *fresh(draft.agenda, more.agenda, lambda a: _name_key(a.topic)),
            ],
            "stances": [
                *draft.stances,
                *fresh(
                    draft.stances,
                    more.stances,
                    lambda s: _name_key(s.actor) + "|" + _name_key(s.topic),
                ),
            ],
        }
    )


def evidence_for(
    text: str, quote: str | None, near: int = 0, *, fuzzy: bool = True
) -> list[Evidence]:
    """The located span of a quote as evidence, or [] when the text does not hold it.

    Date phrases are located without the fuzzy tier (fuzzy=False): a near-miss on a date is a
    different date.
    """
    found = locate(text, quote, near=near, fuzzy=fuzzy) if quote else None
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


def _ground_event(text: str, drafts: list[tuple[int, SummaryDraft]]) -> tuple[Event, int]:
    index = next((i for i, (o, d) in enumerate(drafts) if locate(text, d.event.quote, near=o)), 0)
    offset, draft = drafts[index]
    ev = draft.event
    event = Event(
        title=ev.title,
        kind=ev.kind,
        summary=ev.summary,
        location=ev.location,
        date_text=ev.date_text,
        status=ev.status,
        evidence=evidence_for(text, ev.quote, offset),
        date_evidence=evidence_for(text, ev.date_text, offset, fuzzy=False),
    )
    return event, index


def _name_key(name: str) -> str:
    return " ".join(re.findall(r"\w+", name.casefold()))


def _merge_participants(
    text: str, drafts: list[tuple[int, SummaryDraft]], origins: dict[str, int]
) -> list[Participant]:
    merged: dict[str, Participant] = {}
    for index, (offset, draft) in enumerate(drafts):
        for p in draft.participants:
            key = _name_key(p.name)
            if not key:
                continue
            evidence = evidence_for(text, p.quote, offset)
            known = merged.get(key)
            if known is None:
                origins[f"participants[{len(merged)}]"] = index
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
    name: str,
    items_of: Callable[[SummaryDraft], Sequence[D]],
    build: Callable[[str, D, int], T],
    key_of: Callable[[T], str],
    origins: dict[str, int],
) -> list[T]:
    merged: dict[str, T] = {}
    for index, (offset, draft) in enumerate(drafts):
        for raw in items_of(draft):
            item = build(text, raw, offset)
            key = key_of(item)
            if key and key not in merged:
                origins[f"{name}[{len(merged)}]"] = index
                merged[key] = item
    return list(merged.values())
