"""Event clustering: which article summaries report the same event.

Same topic is not same event. Two reports are one event when they share the *actors*, the
*place*, the *time window* and the *kind*, and tell it with overlapping words. Each of these is
a similarity in [0, 1], or unknown when one side lacks it (an unknown signal neither helps nor
hurts: the others are re-weighted). Two hard rules stop merges outright (`cannot_link`): time
anchors more than `VETO_DAYS` apart, and places that plainly differ while no actor is shared.

Pairs are merged bottom-up (average linkage, ties broken by input order, so the result is
deterministic) while the best cluster pair scores at least `THRESHOLD` and no member pair
cannot link. The threshold and weights are justified on the seeds and the devset in
docs/memo.md (bench/cluster_eval.py prints the figures).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz

from summarizer.models import ArticleSummary, EventKind, Participant
from summarizer.text.names import HONORIFICS
from summarizer.text.places import country_of, country_of_demonym
from summarizer.text.words import STOP, fold, stem

THRESHOLD = 0.25
VETO_DAYS = 30  # reports of one event are published within weeks of each other, not months
SAME_DAYS = 3  # reports this close in time are not told apart by time at all
# What the reports say happened. Time and kind only scale this down (see `combine`): a shared
# week or a shared kind ("talks") is what many different events have in common.
WEIGHTS = {"people": 0.35, "place": 0.25, "words": 0.40}
OTHER_KIND = 0.8  # a different kind of event ("release" vs "agreement")

# --------------------------------------------------------------------------- names

# Common nouns the model lists as actors: alone they name nobody in particular.
_GENERIC_ACTORS = frozenset(
    "government governments officials official police army military militants forces troops "
    "rebels ministry authorities people girls schoolgirls committee council parliament "
    "lawmakers media analysts experts leaders leader spokesman residents sources".split()
)


def name_tokens(name: str) -> tuple[str, ...]:
    """'Mr. Sergey Lavrov' -> ('sergey', 'lavrov'): lower case, no diacritics, no titles."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    tokens = re.findall(r"[^\W\d_]+", plain)
    while tokens and tokens[0] in HONORIFICS:
        tokens = tokens[1:]
    return tuple(tokens)


def same_person(a: str, b: str) -> bool:
    """Name variants of one person or body: spelling ('Sergei'/'Sergey'), a surname alone."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    if len(ta) == 1 or len(tb) == 1:
        # "Lavrov" or "Mr Wang": a lone surname matches either end of a full name (family
        # names come first in Chinese, last in English); short and common words name nobody.
        single, full = (ta, tb) if len(ta) == 1 else (tb, ta)
        word = single[0]
        return len(word) >= 3 and word not in _GENERIC_ACTORS and word in (full[0], full[-1])
    if fuzz.ratio(" ".join(ta), " ".join(tb)) >= 88:
        return True
    short, long = sorted((ta, tb), key=len)
    if any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1)):
        return True  # "Boko Haram" in "Boko Haram militants"
    # Same surname, compatible given names ("Sergei"/"Sergey", "B."/"Barack").
    if ta[-1] == tb[-1] and len(ta[-1]) >= 3:
        ga, gb = ta[0], tb[0]
        return ga.startswith(gb) or gb.startswith(ga) or fuzz.ratio(ga, gb) >= 70
    return False


def people_overlap(a: Sequence[str], b: Sequence[str]) -> float:
    """Share of the smaller list that has a variant in the other (containment)."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    found = sum(any(same_person(x, y) for y in large) for x in small)
    return found / len(small)


# --------------------------------------------------------------------------- places


@dataclass(frozen=True)
class Place:
    words: tuple[str, ...]
    countries: frozenset[str]


def read_place(location: str | None) -> Place | None:
    if not location:
        return None
    tokens = [country_of_demonym(w) or w for w in re.findall(r"[^\W_]+", fold(location))]
    tokens = [w for w in tokens if w not in STOP]
    if not tokens:
        return None
    grams = {" ".join(tokens[i : i + n]) for n in (1, 2, 3) for i in range(len(tokens))}
    countries = {country for g in grams if (country := country_of(g))}
    return Place(tuple(tokens), frozenset(countries))


def place_similarity(a: Place | None, b: Place | None) -> float | None:
    """1 when one place name contains the other, 0.7 for the same country, else 0."""
    if a is None or b is None:
        return None
    small, large = sorted((a.words, b.words), key=len)
    if set(small) <= set(large):
        return 1.0
    return 0.7 if a.countries & b.countries else 0.0


# --------------------------------------------------------------------------- time


def parse_day(value: str | None) -> date | None:
    """The calendar day of an ISO date or date-time string, if it has one."""
    if not value:
        return None
    found = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not found:
        return None
    try:
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None


def month_day(value: str | None) -> tuple[int, int] | None:
    found = re.fullmatch(r"--(\d{2})-(\d{2})", value or "")
    return (int(found[1]), int(found[2])) if found else None


def interval_gap(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two date intervals; 0 when they overlap."""
    return max(0, (max(a[0], b[0]) - min(a[1], b[1])).days)


def month_day_gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Days between two day-and-month dates of unknown year (leap years ignored)."""
    days_a = date(2001, a[0], min(a[1], 28)).timetuple().tm_yday
    days_b = date(2001, b[0], min(b[1], 28)).timetuple().tm_yday
    gap = abs(days_a - days_b)
    return min(gap, 365 - gap)


def time_factor(gap: int) -> float:
    """1 within SAME_DAYS, then down to 0.5 at VETO_DAYS (beyond that, no link at all)."""
    return max(0.5, 1.0 - 0.5 * max(0, gap - SAME_DAYS) / (VETO_DAYS - SAME_DAYS))


# --------------------------------------------------------------------------- profiles

_GENERIC = frozenset(
    "said says say will would could may also after over amid new news report reports "
    "first last this that these those be is are was were has have had not no more than "
    "about between during while who what when where which".split()
)
_KIND_FAMILY = {
    EventKind.VISIT: "diplomacy",
    EventKind.MEETING: "diplomacy",
    EventKind.TALKS: "diplomacy",
    EventKind.SUMMIT: "diplomacy",
    EventKind.CONFERENCE: "diplomacy",
    EventKind.AGREEMENT: "policy",
    EventKind.SANCTIONS: "policy",
    EventKind.MILITARY: "force",
    EventKind.ATTACK: "force",
    EventKind.RELEASE: "release",
    EventKind.ELECTION: "election",
}


def content_stems(text: str) -> list[str]:
    tokens = re.findall(r"[^\W\d_]{3,}", fold(text))
    return [stem(country_of_demonym(w) or w) for w in tokens if w not in STOP and w not in _GENERIC]


@dataclass(frozen=True)
class Profile:
    """What clustering compares, read once from one summary."""

    attending: tuple[str, ...]
    named: tuple[str, ...]
    place: Place | None
    interval: tuple[date, date] | None
    month_day: tuple[int, int] | None
    published: date | None
    kind: EventKind
    words: frozenset[str]


def _names(people: Sequence[Participant], attending_only: bool) -> tuple[str, ...]:
    return tuple(p.name for p in people if p.attending or not attending_only)


def profile(summary: ArticleSummary) -> Profile:
    event = summary.event
    start, end = parse_day(event.start_date), parse_day(event.end_date)
    text = " ".join(x or "" for x in (event.title, event.summary, summary.source.title))
    return Profile(
        attending=_names(summary.participants, True),
        named=_names(summary.participants, False),
        place=read_place(event.location),
        interval=(start, end if end and end >= start else start) if start else None,
        month_day=month_day(event.date_partial) or ((start.month, start.day) if start else None),
        published=parse_day(summary.source.published),
        kind=event.kind,
        words=frozenset(content_stems(text)),
    )


# --------------------------------------------------------------------------- similarity


def people_similarity(a: Profile, b: Profile) -> float | None:
    """Attending actors in common; names merely mentioned in both count for less."""
    if not a.named or not b.named:
        return None
    mentioned = 0.6 * people_overlap(a.named, b.named)
    if a.attending and b.attending:
        return max(people_overlap(a.attending, b.attending), mentioned)
    return mentioned


def time_gap(a: Profile, b: Profile) -> int | None:
    """Days between the reports' time anchors: event dates first, else publication dates."""
    if a.interval and b.interval:
        return interval_gap(a.interval, b.interval)
    if a.published and b.published:
        return abs((a.published - b.published).days)
    one, other = (a, b) if a.interval else (b, a)
    if one.interval and other.published:
        return interval_gap(one.interval, (other.published, other.published))
    return None


def time_similarity(a: Profile, b: Profile) -> float | None:
    gap = time_gap(a, b)
    if gap is not None:
        return time_factor(gap)
    if a.month_day and b.month_day:
        return time_factor(month_day_gap(a.month_day, b.month_day))
    return None


def kind_similarity(a: EventKind, b: EventKind) -> float | None:
    if EventKind.OTHER in (a, b) or EventKind.STATEMENT in (a, b):
        return None  # the model's fallback kinds say little about the event
    family = _KIND_FAMILY.get(a)
    return 1.0 if a == b or (family and family == _KIND_FAMILY.get(b)) else OTHER_KIND


def cosine(a: frozenset[str], b: frozenset[str], idf: dict[str, float]) -> float | None:
    """Cosine of idf-weighted word sets: presence, not counts, so a headline repeated in the
    summary does not weigh twice."""
    if not a or not b:
        return None
    dot = sum(idf[w] ** 2 for w in a & b)
    norm_a = math.sqrt(sum(idf[w] ** 2 for w in a))
    norm_b = math.sqrt(sum(idf[w] ** 2 for w in b))
    return dot / (norm_a * norm_b) if norm_a and norm_b else None


def inverse_frequencies(profiles: Sequence[Profile]) -> dict[str, float]:
    """Smoothed idf over the batch: words every report uses ('china') weigh least."""
    df: Counter[str] = Counter()
    for p in profiles:
        df.update(p.words)
    n = len(profiles)
    return {w: math.log(1 + n / d) for w, d in df.items()}


def signals(a: Profile, b: Profile, idf: dict[str, float]) -> dict[str, float | None]:
    return {
        "people": people_similarity(a, b),
        "place": place_similarity(a.place, b.place),
        "words": cosine(a.words, b.words, idf),
        "time": time_similarity(a, b),
        "kind": kind_similarity(a.kind, b.kind),
    }


def combine(parts: dict[str, float | None]) -> float:
    """Weighted mean of the known content signals, scaled by the time and kind factors."""
    known = {k: v for k in WEIGHTS if (v := parts[k]) is not None}
    total = sum(WEIGHTS[k] for k in known)
    content = sum(WEIGHTS[k] * v for k, v in known.items()) / total if total else 0.0
    return content * (parts["time"] or 1.0) * (parts["kind"] or 1.0)


def cannot_link(a: Profile, b: Profile, parts: dict[str, float | None]) -> bool:
    # Publication dates are page metadata; an event date is the model's reading and may be a
    # background date ("kidnapped in 2014"), so it vetoes only when publication dates are absent.
    if a.published and b.published:
        gap: int | None = abs((a.published - b.published).days)
    else:
        gap = time_gap(a, b)
    if gap is not None and gap > VETO_DAYS:
        return True
    # A visit to Russia and a visit to China may share every actor: then the place decides.
    if a.place and b.place and a.place.countries and b.place.countries:
        return parts["place"] == 0.0
    return parts["place"] == 0.0 and not parts["people"]


def similarity_matrix(summaries: Sequence[ArticleSummary]) -> tuple[list[list[float]], set]:
    """Pairwise scores and the pairs that must stay apart."""
    profiles = [profile(s) for s in summaries]
    idf = inverse_frequencies(profiles)
    n = len(profiles)
    scores = [[1.0 if i == j else 0.0 for j in range(n)] for i in range(n)]
    apart: set[tuple[int, int]] = set()
    for i in range(n):
        for j in range(i + 1, n):
            parts = signals(profiles[i], profiles[j], idf)
            scores[i][j] = scores[j][i] = combine(parts)
            if cannot_link(profiles[i], profiles[j], parts):
                apart.add((i, j))
    return scores, apart


# --------------------------------------------------------------------------- clustering


def agglomerate(
    scores: list[list[float]], apart: set[tuple[int, int]], threshold: float = THRESHOLD
) -> list[list[int]]:
    """Average-linkage merging above `threshold`; member lists and cluster order by index."""
    clusters = [[i] for i in range(len(scores))]
    while True:
        best: tuple[float, int, int] | None = None
        for x in range(len(clusters)):
            for y in range(x + 1, len(clusters)):
                if _blocked(clusters[x], clusters[y], apart):
                    continue
                score = _average(clusters[x], clusters[y], scores)
                if score >= threshold and (best is None or score > best[0] + 1e-12):
                    best = (score, x, y)
        if best is None:
            return clusters
        _, x, y = best
        clusters[x] = sorted(clusters[x] + clusters[y])
        del clusters[y]


def _blocked(a: list[int], b: list[int], apart: set[tuple[int, int]]) -> bool:
    return any((min(i, j), max(i, j)) in apart for i in a for j in b)


def _average(a: list[int], b: list[int], scores: list[list[float]]) -> float:
    return sum(scores[i][j] for i in a for j in b) / (len(a) * len(b))


def cluster_summaries(
    summaries: Sequence[ArticleSummary], threshold: float = THRESHOLD
) -> list[list[int]]:
    """Indices of `summaries` grouped by event, each group and the groups in input order."""
    scores, apart = similarity_matrix(summaries)
    return agglomerate(scores, apart, threshold)
