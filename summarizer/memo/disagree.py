"""Disagreements between the sources of one event: numbers (durations, casualty counts),
characterisations ("a swap" vs "not a swap"), who took part, reported vs speculative, and dates.

Each disagreement lists the competing claims with their sources and quotes. Split from
`merge.py`, which builds the merged event these checks read.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.memo.citations import Member, month_and_day, source_numbers, span, unique
from summarizer.memo.cluster import (
    content_stems,
    month_day,
    parse_day,
)
from summarizer.memo.model import (
    Citation,
    Claim,
    Disagreement,
    MergedEvent,
)
from summarizer.models import (
    ArticleSummary,
    Evidence,
)
from summarizer.text.cues import REPORTED_SPEECH
from summarizer.text.words import STOP, sentence_bounds

# --------------------------------------------------------------------------- disagreements
#
# Figures are read from the sentences holding the summaries' evidence (and their neighbours):
# those are what each report says about the event. Whole articles would bring in background
# figures ("kidnapped 276 girls in 2014") that describe something else.

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90, "hundred": 100,
    "thirteen": 13, "fourteen": 14, "sixteen": 16, "eighteen": 18, "a dozen": 12,
}  # fmt: skip
_NUM = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len)[::-1])
_BOUND = (
    r"(?:(?P<min>at\s+least|more\s+than|over)"
    r"|(?P<max>up\s+to|no\s+more\s+than|less\s+than|under|at\s+most))\s+"
)
_RANGE = rf"(?:{_BOUND})?(?P<a>{_NUM})(?:\s*(?:-|–|—|to|or)\s*(?P<b>{_NUM}))?"
_UNITS = {"minute": ("time", 1), "hour": ("time", 60), "day": ("days", 1), "week": ("days", 7),
          "month": ("months", 1)}  # fmt: skip
_DURATION = re.compile(
    rf"\b{_RANGE}(?P<joint>\s+|\s*-\s*)(?P<unit>minute|hour|day|week|month)s?\b", re.IGNORECASE
)
_NOT_DURATION = re.compile(r"\s*-?\s*(?:old|ago|later|earlier|before|after|long\s+ago)\b", re.I)
# Casualty figures: "at least 12 people were killed", "40 wounded", "3 deaths".
_CASUALTY = re.compile(
    rf"\b{_RANGE}\s+(?:(?:people|persons|civilians|soldiers|troops|police(?:men)?|officers|"
    r"children|militants|fighters|protesters)\s+)?(?:(?:were|have\s+been|had\s+been)\s+)?"
    r"(?P<noun>killed|dead|deaths|died|fatalities|wounded|injured|hurt|casualties)\b",
    re.IGNORECASE,
)
_CASUALTY_KEY = {"wounded": "injured", "injured": "injured", "hurt": "injured",
                 "casualties": "casualties"}  # fmt: skip
# An explicit denial of a characterisation: "this is not a swap", "wasn't an exchange".
_NOT_A = re.compile(
    r"\b(?:not|n't|never)\s+(?:(?:really|just|simply|merely|exactly|even)\s+)?(?:a|an)\s+"
    r"(?P<w>[a-z]{4,})\b",
    re.IGNORECASE,
)
# "there was no swap." / "no deal was reached": 'no' before a noun that ends the phrase.
_NO_X = re.compile(
    r"\bno\s+(?P<w>[a-z]{4,})(?=\s*(?:[.,;:!?\"”’)]|$)|\s+(?:was|were|is|are|has|had|will)\b)",
    re.IGNORECASE,
)
_NOT_TERMS = frozenset("longer doubt more less matter sign comment details means".split())


@dataclass(frozen=True)
class Mention:
    """A figure found in an evidence sentence of one source."""

    source: int
    key: str
    low: float
    high: float
    head: frozenset[str] | None
    phrase: str
    citation: Citation


def all_evidence(summary: ArticleSummary) -> list[Evidence]:
    """The quotes about the event: its own, those of people taking part, its agenda and the
    stances. A person only mentioned is quoted for themselves ("Li Shangfu has not been seen in
    public for about three weeks"), not for the event's figures, unless the quote reports what
    they said ("spokesman Ivo Marin said the visit would last two days")."""
    event = summary.event
    quotes = [*event.evidence, *event.date_evidence]
    text = summary.source.text
    quotes.extend(
        e
        for p in summary.participants
        for e in p.evidence
        if p.attending
        or REPORTED_SPEECH.search(text[slice(*sentence_bounds(text, e.start, e.end))])
    )
    for part in (summary.agenda, summary.stances):
        quotes.extend(e for item in part for e in item.evidence)
    return quotes


def evidence_sentences(summary: ArticleSummary) -> list[tuple[int, int]]:
    """The sentences holding the summary's evidence and the ones right before and after.

    Neighbours count because a report often gives a figure in the sentence after the one the
    model quoted ("They met at the palace. The talks lasted 90 minutes.").
    """
    text = summary.source.text
    spans: set[tuple[int, int]] = set()
    for e in cite_ok(summary, all_evidence(summary)):
        lo, hi = sentence_bounds(text, e.start, e.end)
        spans.add((lo, hi))
        before = len(text[:lo].rstrip()) - 1
        if before >= 0:
            spans.add(sentence_bounds(text, before, before))
        after = hi + len(text[hi:]) - len(text[hi:].lstrip())
        if after < len(text):
            spans.add(sentence_bounds(text, after, after))
    return sorted(s for s in spans if s[1] > s[0])


def cite_ok(summary: ArticleSummary, evidence: Sequence[Evidence]) -> list[Evidence]:
    text = summary.source.text
    return [e for e in evidence if e.quote and text[e.start : e.end] == e.quote]


def _value(token: str) -> float:
    token = token.lower().replace(",", "")
    return float(_NUMBER_WORDS[token]) if token in _NUMBER_WORDS else float(token)


def _bounds(m: re.Match[str], scale: float = 1.0) -> tuple[float, float]:
    """The interval a figure allows: 'at least 12' is [12, inf), '10-15' is [10, 15]."""
    low = _value(m.group("a")) * scale
    high = _value(m.group("b") or m.group("a")) * scale
    if m.group("min"):
        return low, math.inf
    return (0.0, high) if m.group("max") else (low, high)


def _quote_around(number: int, summary: ArticleSummary, lo: int, hi: int, at: int) -> Citation:
    """The sentence, or a word-aligned window of it around `at` when the sentence is long."""
    text = summary.source.text
    if hi - lo > 240:
        lo = max(lo, text.rfind(" ", lo, max(lo, at - 100)) + 1)
        cut = text.find(" ", min(hi, at + 100), hi)
        hi = cut if cut > 0 else hi
    return span(number, summary, lo, hi)


def _head(text: str, match: re.Match[str]) -> frozenset[str] | None:
    """What a duration measures: '90-minute meeting', 'two days of talks'; None if unsaid."""
    after = text[match.end() : match.end() + 60]
    words = re.findall(r"[A-Za-z]+|[^\sA-Za-z]", after)
    if "-" in match.group("joint") or (words and words[0].lower() == "of"):
        stop = next((i for i, w in enumerate(words) if not w.isalpha()), len(words))
        head = set(content_stems(" ".join(words[:stop][:4]))) - {"of"}
        return frozenset(head) or None
    return None


def number_mentions(number: int, summary: ArticleSummary) -> list[Mention]:
    text = summary.source.text
    found = []
    for lo, hi in evidence_sentences(summary):
        sentence = text[lo:hi]
        for m in _DURATION.finditer(sentence):
            if _NOT_DURATION.match(sentence, m.end()):
                continue
            family, scale = _UNITS[m.group("unit").lower()]
            low, high = _bounds(m, scale)
            cited = _quote_around(number, summary, lo, hi, lo + m.start())
            found.append(Mention(number, family, low, high, _head(sentence, m), m.group(0), cited))
        for m in _CASUALTY.finditer(sentence):
            key = _CASUALTY_KEY.get(m.group("noun").lower(), "deaths")
            low, high = _bounds(m)
            cited = _quote_around(number, summary, lo, hi, lo + m.start())
            found.append(Mention(number, key, low, high, None, m.group(0), cited))
    return found


def _comparable(a: Mention, b: Mention) -> bool:
    if a.key != b.key or a.source == b.source:
        return False
    # "two days of meetings in Malta" and "a four-day visit" measure different things.
    return a.head is None or b.head is None or bool(a.head & b.head)


_SUBJECTS = {"time": "duration (minutes, hours)", "days": "duration (days)",
             "months": "duration (months)", "deaths": "number killed",
             "injured": "number injured", "casualties": "number of casualties"}  # fmt: skip


def number_disagreements(members: Sequence[Member]) -> list[Disagreement]:
    found_ = [m for n, s in members for m in number_mentions(n, s)]
    clashing: dict[str, list[Mention]] = {}
    for i, a in enumerate(found_):
        for b in found_[i + 1 :]:
            if _comparable(a, b) and (a.high < b.low or b.high < a.low):
                bucket = clashing.setdefault(a.key, [])
                bucket.extend(m for m in (a, b) if m not in bucket)
    found = []
    for key, group in sorted(clashing.items()):
        by_value: dict[tuple[float, float], Claim] = {}
        for m in sorted(group, key=lambda m: (m.low, m.high, m.source)):
            claim = by_value.setdefault((m.low, m.high), Claim(value=m.phrase))
            claim.citations = unique([*claim.citations, m.citation])
        claims = list(by_value.values())
        found.append(Disagreement(kind="number", subject=_SUBJECTS[key], claims=claims))
    return found


def _term(word: str) -> str:
    return word.lower().removesuffix("s")


def denials(number: int, summary: ArticleSummary) -> dict[str, list[Citation]]:
    """Characterisations a source denies: 'not a X' anywhere, 'no X' in evidence sentences."""
    text = summary.source.text
    found: dict[str, list[Citation]] = {}
    hits = [(m, 0) for m in _NOT_A.finditer(text)]
    for lo, hi in evidence_sentences(summary):
        hits += [(m, lo) for m in _NO_X.finditer(text[lo:hi])]
    for m, offset in hits:
        term = _term(m.group("w"))
        lo, hi = sentence_bounds(text, offset + m.start(), offset + m.end())
        # A heading ("'Not a swap'") repeats the sentence that says it; cite the sentence.
        if term not in _NOT_TERMS and term not in STOP and len(text[lo:hi].split()) >= 5:
            cited = _quote_around(number, summary, lo, hi, offset + m.start())
            found.setdefault(term, []).append(cited)
    return found


def negation_disagreements(members: Sequence[Member]) -> list[Disagreement]:
    """'not a swap' in one source, 'a swap' in another's account of the event."""
    denied: dict[str, list[Citation]] = {}
    for number, summary in members:
        for term, cited in denials(number, summary).items():
            denied.setdefault(term, []).extend(cited)
    found = []
    for term, against in sorted(denied.items()):
        deniers = source_numbers(against)
        asserted = [
            _quote_around(n, s, lo, hi, lo)
            for n, s in members
            if n not in deniers
            for lo, hi in evidence_sentences(s)
            if term in {_term(w) for w in re.findall(r"[A-Za-z]+", s.source.text[lo:hi])}
        ]
        if asserted:
            article = "an" if term[0] in "aeiou" else "a"
            claims = [Claim(value=f"not {article} {term}", citations=unique(against)),
                      Claim(value=term, citations=unique(asserted))]  # fmt: skip
            found.append(Disagreement(kind="characterisation", subject=term, claims=claims))
    return found


def participation_disagreements(event: MergedEvent) -> list[Disagreement]:
    found = []
    for person in event.participants:
        takes_part = source_numbers(person.attending_per)
        only_named = [c for c in person.mentioned_per if c.source not in takes_part]
        if takes_part and only_named:
            claims = [
                Claim(value="takes part", citations=person.attending_per),
                Claim(value="named, not as taking part", citations=unique(only_named)),
            ]
            found.append(Disagreement(kind="participation", subject=person.name, claims=claims))
    return found


def modality_disagreements(event: MergedEvent) -> list[Disagreement]:
    """The same topic (or the event) reported as fact in one source, speculation in another."""
    found = []
    for subject, claims in [(a.topic, a.statuses) for a in event.agenda] + [
        ("the event", event.statuses)
    ]:
        guessing = set().union(
            *[source_numbers(c.citations) for c in claims if c.value == "speculative"]
        )
        firm = set().union(
            *[source_numbers(c.citations) for c in claims if c.value != "speculative"]
        )
        if guessing - firm and firm - guessing:  # one source's own hedging is no disagreement
            found.append(Disagreement(kind="modality", subject=subject, claims=claims))
    return found


def date_disagreements(event: MergedEvent) -> list[Disagreement]:
    days = {month_and_day(c.value) or month_day(c.value) for c in event.dates.claims}
    years = {c.value[:4] for c in event.dates.claims if parse_day(c.value)}
    if len(days) > 1 or len(years) > 1:
        return [Disagreement(kind="date", subject="event date", claims=event.dates.claims)]
    return []


def find_disagreements(event: MergedEvent, members: Sequence[Member]) -> list[Disagreement]:
    return [
        *number_disagreements(members),
        *date_disagreements(event),
        *participation_disagreements(event),
        *negation_disagreements(members),
        *modality_disagreements(event),
    ]
