"""Pydantic models of the briefing memo: events merged from many summaries, with provenance.

Every merged fact lists `Citation`s: which source (its number in `Memo.sources`, the `[n]` a
reader sees), which summary, and the exact quote located by character offsets in that source's
text (`sources[n-1].text[start:end] == quote`). Nothing here is produced by a model: the memo is
a deterministic function of the summaries (`summarizer.memo.merge.build_memo`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from summarizer.models import AgendaStatus, EventKind, EventStatus

MEMO_VERSION = "1"


class Citation(BaseModel):
    source: int = Field(description="1-based number of the source in Memo.sources: '[n]'.")
    summary_id: str
    quote: str = Field(description="The cited span: sources[source-1].text[start:end].")
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Claim(BaseModel):
    """One source's version of a fact: a value and the quotes that state it."""

    value: str
    citations: list[Citation] = Field(default_factory=list)


class SourceRef(BaseModel):
    number: int
    summary_id: str
    title: str | None = None
    url: str | None = None
    path: str | None = None
    published: str | None = None
    source_domain: str | None = None
    event: int = Field(description="Number of the event (cluster) this source was put in.")
    text: str = Field(description="The article text all offsets refer to.")


class MergedParticipant(BaseModel):
    name: str = Field(description="The fullest spelling the sources give.")
    variants: list[str] = Field(default_factory=list, description="Other spellings seen.")
    attending: bool = Field(description="True when any source says so with evidence.")
    roles: list[Claim] = Field(default_factory=list)
    affiliations: list[Claim] = Field(default_factory=list)
    attending_per: list[Citation] = Field(
        default_factory=list, description="Sources that have them taking part."
    )
    mentioned_per: list[Citation] = Field(
        default_factory=list, description="Sources that name them without having them take part."
    )
    citations: list[Citation] = Field(default_factory=list)


class MergedAgendaItem(BaseModel):
    topic: str
    variants: list[str] = Field(default_factory=list)
    status: AgendaStatus = Field(description="The firmest status any source gives.")
    statuses: list[Claim] = Field(
        default_factory=list, description="Each status with the sources giving it."
    )
    attributed_to: list[str] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)


class MergedStance(BaseModel):
    actor: str
    topic: str
    positions: list[Claim] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)


class EventDates(BaseModel):
    """The event's dates as the sources state them; a year only where a source states it."""

    start_date: str | None = None
    end_date: str | None = None
    date_partial: str | None = None
    text: str | None = Field(default=None, description="How the memo says it, e.g. 'September 18'.")
    year_from: list[Citation] = Field(
        default_factory=list, description="Where the year comes from, when another source's."
    )
    claims: list[Claim] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)


DisagreementKind = Literal["number", "date", "participation", "characterisation", "modality"]


class Disagreement(BaseModel):
    kind: DisagreementKind
    subject: str = Field(description="What the claims are about, e.g. 'duration (minutes)'.")
    claims: list[Claim] = Field(description="The competing claims, each with its sources.")


class MergedEvent(BaseModel):
    number: int
    title: str
    kind: EventKind
    summary: str
    location: str | None = None
    locations: list[Claim] = Field(default_factory=list)
    status: EventStatus
    statuses: list[Claim] = Field(default_factory=list)
    dates: EventDates = Field(default_factory=EventDates)
    members: list[str] = Field(description="Summary ids of the reports merged here.")
    sources: list[int] = Field(description="Their source numbers.")
    what: list[Citation] = Field(default_factory=list, description="Evidence for the event.")
    participants: list[MergedParticipant] = Field(default_factory=list)
    agenda: list[MergedAgendaItem] = Field(default_factory=list)
    stances: list[MergedStance] = Field(default_factory=list)
    disagreements: list[Disagreement] = Field(default_factory=list)
    bluf: str = Field(default="", description="One plain sentence; citations are in the parts.")


class Memo(BaseModel):
    memo_version: str = MEMO_VERSION
    events: list[MergedEvent] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)
