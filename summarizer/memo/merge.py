"""Merge the summaries of one event into one record, with provenance, and build the memo.

Each merged item keeps every supporting quote as a `Citation` (source number, summary id,
quote, offsets), so a reader can check every line against the article it came from.

- participants: name variants merged (`cluster.same_person`); attending when any source says
  so with evidence, and the sources that name them without having them take part are kept;
- agenda: items merged by topic words; the firmest status wins, every status stays listed;
- stances: merged by actor and topic;
- dates: a day and month from one source and a full date from another that agrees combine, the
  year cited to the source that states it; nothing is completed that no source states;
- disagreements (end of this module): numbers (durations, counts), dates, who takes part,
  characterisations ("a swap" / "not a swap") and announced-versus-speculative, each with the
  competing claims and their quotes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TypeVar

from rapidfuzz import fuzz

from summarizer.memo.citations import Member, cite, month_and_day, source_numbers, span, unique
from summarizer.memo.cluster import (
    cluster_summaries,
    content_stems,
    month_day,
    name_tokens,
    parse_day,
    read_place,
    same_person,
)
from summarizer.memo.disagree import find_disagreements
from summarizer.memo.model import (
    Citation,
    Claim,
    EventDates,
    Memo,
    MergedAgendaItem,
    MergedEvent,
    MergedParticipant,
    MergedStance,
    SourceRef,
)
from summarizer.models import (
    AgendaItem,
    AgendaStatus,
    ArticleSummary,
    EventStatus,
    Participant,
    Stance,
)
from summarizer.text.dates import month_name
from summarizer.text.words import mentions

T = TypeVar("T")
_FIRMNESS = [AgendaStatus.ANNOUNCED, AgendaStatus.EXPECTED, AgendaStatus.SPECULATIVE]


# --------------------------------------------------------------------------- citations


def claims_by(
    values: Sequence[tuple[str, list[Citation]]], key: Callable[[str], str]
) -> list[Claim]:
    """Claims grouped by a normalised value; the first spelling names the group."""
    groups: dict[str, Claim] = {}
    for value, citations in values:
        claim = groups.setdefault(key(value), Claim(value=value))
        claim.citations = unique([*claim.citations, *citations])
    return sorted(groups.values(), key=lambda c: (-len({x.source for x in c.citations}), c.value))


def group_items(items: Sequence[T], same: Callable[[T, T], bool]) -> list[list[T]]:
    """Single-link groups in first-seen order; an item joins the first group it matches."""
    groups: list[list[T]] = []
    for item in items:
        home = next((g for g in groups if any(same(item, other) for other in g)), None)
        if home is None:
            groups.append([item])
        else:
            home.append(item)
    return groups


def _lower(value: str) -> str:
    return " ".join(value.lower().split())


# --------------------------------------------------------------------------- participants

Ref = tuple[int, ArticleSummary, T]  # (source number, summary, one of its items)


def refs(members: Sequence[Member], items: Callable[[ArticleSummary], Sequence[T]]) -> list[Ref[T]]:
    return [(n, s, item) for n, s in members for item in items(s)]


def _people_groups(members: Sequence[Member]) -> list[list[Ref[Participant]]]:
    """Variants of one name together; a short name that fits two full names stays apart."""
    groups: list[list[Ref[Participant]]] = []
    for ref in refs(members, lambda s: s.participants):
        name = ref[2].name
        fits = [g for g in groups if any(same_person(name, r[2].name) for r in g)]
        exact = [g for g in fits if any(name_tokens(r[2].name) == name_tokens(name) for r in g)]
        home = exact[0] if exact else fits[0] if len(fits) == 1 else None
        if home is None:
            groups.append([ref])
        else:
            home.append(ref)
    return groups


def _canonical(names: Sequence[str]) -> str:
    """The fullest spelling, then the most frequent, then the first seen."""
    counts = Counter(names)
    return max(dict.fromkeys(names), key=lambda n: (len(name_tokens(n)), counts[n]))


def merge_participants(members: Sequence[Member]) -> list[MergedParticipant]:
    merged = [_merge_person(group) for group in _people_groups(members)]
    kept = [p for p in merged if p.citations]
    return sorted(kept, key=lambda p: (not p.attending, -len(source_numbers(p.citations))))


def _merge_person(group: list[Ref[Participant]]) -> MergedParticipant:
    names = [person.name for _, _, person in group]
    name = _canonical(names)
    attending: list[Citation] = []
    mentioned: list[Citation] = []
    roles: list[tuple[str, list[Citation]]] = []
    affiliations: list[tuple[str, list[Citation]]] = []
    for number, summary, person in group:
        cited = cite(number, summary, person.evidence)
        (attending if person.attending else mentioned).extend(cited)
        if person.role:
            roles.append((person.role, cited))
        if person.affiliation:
            affiliations.append((person.affiliation, cited))
    return MergedParticipant(
        name=name,
        variants=sorted(set(names) - {name}),
        attending=bool(attending),
        roles=[c for c in claims_by(roles, _lower) if c.citations],
        affiliations=[c for c in claims_by(affiliations, _lower) if c.citations],
        attending_per=unique(attending),
        mentioned_per=unique(mentioned),
        citations=unique(attending + mentioned),
    )


# --------------------------------------------------------------------------- agenda, stances


def same_topic(a: str, b: str) -> bool:
    """Topics that say the same thing: one's words within the other's, or close spelling."""
    wa, wb = set(content_stems(a)), set(content_stems(b))
    if wa and wb and (wa <= wb or wb <= wa or len(wa & wb) / len(wa | wb) >= 0.5):
        return True
    return fuzz.token_sort_ratio(a.lower(), b.lower()) >= 85


def merge_agenda(members: Sequence[Member]) -> list[MergedAgendaItem]:
    items = refs(members, lambda s: s.agenda)
    groups = group_items(items, lambda x, y: same_topic(x[2].topic, y[2].topic))
    merged = [m for m in (_merge_topic(g) for g in groups) if m.citations]
    return sorted(
        merged, key=lambda a: (_FIRMNESS.index(a.status), -len(source_numbers(a.citations)))
    )


def _merge_topic(group: list[Ref[AgendaItem]]) -> MergedAgendaItem:
    statuses: list[tuple[str, list[Citation]]] = []
    attributed: list[str] = []
    for number, summary, item in group:
        statuses.append((item.status.value, cite(number, summary, item.evidence)))
        if item.attributed_to and item.attributed_to not in attributed:
            attributed.append(item.attributed_to)
    topics = [item.topic for _, _, item in group]
    topic = Counter(topics).most_common(1)[0][0]
    claims = [c for c in claims_by(statuses, str) if c.citations]
    claims.sort(key=lambda c: _FIRMNESS.index(AgendaStatus(c.value)))
    return MergedAgendaItem(
        topic=topic,
        variants=sorted(set(topics) - {topic}),
        status=AgendaStatus(claims[0].value) if claims else group[0][2].status,
        statuses=claims,
        attributed_to=attributed,
        citations=unique([c for claim in claims for c in claim.citations]),
    )


def merge_stances(members: Sequence[Member]) -> list[MergedStance]:
    def same(x: Ref[Stance], y: Ref[Stance]) -> bool:
        a, b = x[2], y[2]
        return same_person(a.actor, b.actor) and same_topic(a.topic, b.topic)

    merged = []
    for group in group_items(refs(members, lambda s: s.stances), same):
        positions = [(st.position, cite(n, s, st.evidence)) for n, s, st in group]
        claims = [c for c in claims_by(positions, _lower) if c.citations]
        if claims:
            first = group[0][2]
            cited = unique([c for claim in claims for c in claim.citations])
            stance = MergedStance(actor=first.actor, topic=first.topic, positions=claims)
            stance.citations = cited
            merged.append(stance)
    return merged


# --------------------------------------------------------------------------- event fields


def merge_dates(members: Sequence[Member]) -> EventDates:
    """Stated dates combined: a day and month from one source, the year from another."""
    full: list[tuple[str, str | None, list[Citation]]] = []
    partial: list[tuple[str, list[Citation]]] = []
    for number, summary in members:
        event = summary.event
        cited = cite(number, summary, event.date_evidence)
        if not cited:
            continue  # a date nobody can check is not merged
        if event.start_date:
            full.append((event.start_date, event.end_date, cited))
        elif event.date_partial:
            partial.append((event.date_partial, cited))
    claims = claims_by([(s, c) for s, _, c in full] + partial, str)
    dates = EventDates(claims=claims, citations=unique([c for x in claims for c in x.citations]))
    if len({s for s, _, _ in full}) == 1:
        start, end, _ = full[0]
        dates.start_date, dates.end_date = start, end
        if partial and all(month_day(p) == month_and_day(start) for p, _ in partial):
            dates.year_from = unique([c for _, _, cited in full for c in cited])
    elif not full and len({p for p, _ in partial}) == 1:
        dates.date_partial = partial[0][0]
    dates.text = _date_words(dates)
    return dates


def _date_words(dates: EventDates) -> str | None:
    day = parse_day(dates.start_date)
    if day:
        words = f"{day.day} {month_name(day.month)} {day.year}"
        end = parse_day(dates.end_date)
        return f"{words} to {end.day} {month_name(end.month)} {end.year}" if end else words
    md = month_day(dates.date_partial)
    if md:
        return f"{md[1]} {month_name(md[0])} (year not stated)"
    return None


def merge_locations(members: Sequence[Member]) -> list[Claim]:
    """Places grouped when one name contains the other; each cited where the text names it."""
    values = []
    for number, summary in members:
        location = summary.event.location
        if location:
            values.append((location, [_place_citation(number, summary, location)]))
    refs = group_items(values, lambda x, y: _same_place(x[0], y[0]))
    claims = []
    for group in refs:
        name = Counter(v for v, _ in group).most_common(1)[0][0]
        cited = unique([c for _, cs in group for c in cs if c is not None])
        if cited:
            claims.append(Claim(value=name, citations=cited))
    return sorted(claims, key=lambda c: -len(source_numbers(c.citations)))


def _same_place(a: str, b: str) -> bool:
    pa, pb = read_place(a), read_place(b)
    return bool(pa and pb and (set(pa.words) <= set(pb.words) or set(pb.words) <= set(pa.words)))


def _place_citation(number: int, summary: ArticleSummary, location: str) -> Citation | None:
    """Where the text names the place: inside the event evidence if possible, else first."""
    found = mentions(summary.source.text, location)
    inside = [m for m in found for e in summary.event.evidence if e.start <= m[0] and m[1] <= e.end]
    best = (inside or found)[:1]
    return span(number, summary, *best[0]) if best else None


def _medoid(members: Sequence[Member], text: Callable[[ArticleSummary], str]) -> ArticleSummary:
    """The member whose wording is closest to the others' (first on ties)."""

    def centrality(member: Member) -> float:
        return sum(fuzz.token_set_ratio(text(member[1]), text(o[1])) for o in members)

    return max(members, key=centrality)[1]


def merge_event(number: int, members: Sequence[Member]) -> MergedEvent:
    central = _medoid(members, lambda s: s.event.title)
    locations = merge_locations(members)
    said = [(s.event.status.value, cite(n, s, s.event.evidence)) for n, s in members]
    statuses = [c for c in claims_by(said, str) if c.citations]
    kinds = Counter(s.event.kind for _, s in members)
    event = MergedEvent(
        number=number,
        title=central.event.title,
        kind=max(kinds, key=lambda k: kinds[k]),
        summary=central.event.summary,
        location=locations[0].value if locations else None,
        locations=locations,
        status=EventStatus(statuses[0].value) if statuses else central.event.status,
        statuses=statuses,
        dates=merge_dates(members),
        members=[s.id for _, s in members],
        sources=[n for n, _ in members],
        what=unique([c for n, s in members for c in cite(n, s, s.event.evidence)]),
        participants=merge_participants(members),
        agenda=merge_agenda(members),
        stances=merge_stances(members),
    )
    event.disagreements = find_disagreements(event, members)
    return event


# --------------------------------------------------------------------------- the memo


def build_memo(summaries: Sequence[ArticleSummary]) -> Memo:
    """Cluster the summaries into events and merge each; deterministic for a given input."""
    kept: list[ArticleSummary] = []
    seen: set[str] = set()
    for summary in summaries:  # the same article twice (a file and a JSONL line): first wins
        if summary.id not in seen:
            seen.add(summary.id)
            kept.append(summary)
    groups = cluster_summaries(kept)
    # Larger events first: they are what several outlets found worth reporting.
    groups = sorted(groups, key=lambda g: (-len(g), g[0]))
    event_of = {i: k for k, group in enumerate(groups, start=1) for i in group}
    sources = [_source_ref(i + 1, s, event_of[i]) for i, s in enumerate(kept)]
    events = [
        merge_event(k, [(i + 1, kept[i]) for i in group]) for k, group in enumerate(groups, 1)
    ]
    return Memo(events=events, sources=sources)


def _source_ref(number: int, summary: ArticleSummary, event: int) -> SourceRef:
    source = summary.source
    return SourceRef(
        number=number,
        summary_id=summary.id,
        title=source.title,
        url=source.url,
        path=source.path,
        published=source.published,
        source_domain=source.source_domain,
        event=event,
        text=source.text,
    )
