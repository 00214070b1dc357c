"""Pydantic models: the single source of truth for the output contract and the model's draft.

Two families live here:
- the *draft* models are what the language model fills. They are compact on purpose (output
  tokens dominate the cost on a small local model) and put the verbatim quote first, so the
  model copies its evidence before it describes it;
- the *contract* models (`ArticleSummary` and its parts) are what users get: every field carries
  evidence located in `source.text` by character offsets.

`schemas/*.json` are generated from the contract models (`summarizer schema --write`); a test
fails when they drift.
"""

from __future__ import annotations

import copy
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

# Bump when the contract or the draft changes shape: it enters the cache key.
SCHEMA_VERSION = "1"


class EventKind(StrEnum):
    VISIT = "visit"
    MEETING = "meeting"
    TALKS = "talks"
    SUMMIT = "summit"
    CONFERENCE = "conference"
    AGREEMENT = "agreement"
    ELECTION = "election"
    SANCTIONS = "sanctions"
    MILITARY = "military"
    ATTACK = "attack"
    RELEASE = "release"
    STATEMENT = "statement"
    OTHER = "other"


# Events where people meet: talks of some kind, at a place.
MEETING_KINDS = frozenset(
    {
        EventKind.VISIT,
        EventKind.MEETING,
        EventKind.TALKS,
        EventKind.SUMMIT,
        EventKind.CONFERENCE,
    }
)
# Events that have an agenda: the meetings, and agreements (their terms are what was
# negotiated). An attack, a seizure, a release or a statement has none; a list of topics there
# is whatever was at hand, not what was discussed.
AGENDA_KINDS = MEETING_KINDS | {EventKind.AGREEMENT}


class EventStatus(StrEnum):
    PLANNED = "planned"
    ONGOING = "ongoing"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    SPECULATIVE = "speculative"


class AgendaStatus(StrEnum):
    ANNOUNCED = "announced"
    EXPECTED = "expected"
    SPECULATIVE = "speculative"


# --------------------------------------------------------------------------- draft (model-facing)

_QUOTE = "Exact words copied from the article (5-25 words) that prove this item. Never paraphrase."


_SCHEMA_CACHE: dict[tuple[Any, ...], dict[str, Any]] = {}


class _Draft(BaseModel):
    # Strict outputs (OpenAI) require additionalProperties=false on every object.
    model_config = ConfigDict(extra="forbid")

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The schema, generated once per class: instructor asks for it on every request,
        and generating it costs more CPU than everything else a request does."""
        # instructor hands over a fresh subclass per call, with our class's name and module:
        # key on the class that really is this module's attribute.
        own = next(c for c in cls.__mro__ if globals().get(c.__name__) is c)
        if own is _Draft:  # a model built elsewhere (create_model): its own schema, uncached
            return super().model_json_schema(*args, **kwargs)
        key = (own, args, tuple(sorted(kwargs.items())))
        if key not in _SCHEMA_CACHE:
            _SCHEMA_CACHE[key] = super().model_json_schema(*args, **kwargs)
        return copy.deepcopy(_SCHEMA_CACHE[key])


class EventDraft(_Draft):
    quote: str = Field(description=_QUOTE)
    title: str = Field(description="Short title of the main event (at most 12 words).")
    kind: EventKind
    summary: str = Field(description="One sentence: who does what, where, when.")
    location: str | None = Field(description="Place of the event as the article names it.")
    date_text: str | None = Field(
        description="The article's exact words giving the event date, or null. Never the page date."
    )
    status: EventStatus


class ParticipantDraft(_Draft):
    quote: str = Field(description=_QUOTE)
    name: str = Field(description="Person or organisation, as named in the article.")
    role: str | None = Field(description="Role or title the article gives them, else null.")
    affiliation: str | None = Field(description="Country or organisation they represent.")
    attending: bool = Field(description="True only if they take part in the event itself.")


class AgendaDraft(_Draft):
    quote: str = Field(description=_QUOTE)
    topic: str = Field(description="Topic to be discussed or decided at the event.")
    status: AgendaStatus
    attributed_to: str | None = Field(description="Who says this topic is on the agenda.")


class StanceDraft(_Draft):
    quote: str = Field(description=_QUOTE)
    actor: str
    topic: str
    position: str = Field(description="The actor's position on the topic, in a few words.")


class QuoteFix(_Draft):
    item: int = Field(description="The number of the item in the list.")
    quote: str | None = Field(description="Exact words from the article, or null.")


class QuoteFixes(_Draft):
    """The answer to a targeted re-ask: a fresh quote (or none) per unverified item."""

    fixes: list[QuoteFix]


class MoreItems(_Draft):
    """The answer to a second extraction pass: only items the first answer left out."""

    participants: list[ParticipantDraft] = Field(json_schema_extra={"maxItems": 6})
    agenda: list[AgendaDraft] = Field(json_schema_extra={"maxItems": 4})
    stances: list[StanceDraft] = Field(json_schema_extra={"maxItems": 4})


class SummaryDraft(_Draft):
    """What one model call returns for one article (or one chunk of a long article)."""

    event: EventDraft
    participants: list[ParticipantDraft] = Field(json_schema_extra={"maxItems": 8})
    agenda: list[AgendaDraft] = Field(json_schema_extra={"maxItems": 6})
    stances: list[StanceDraft] = Field(json_schema_extra={"maxItems": 6})


# ---------------------------------------------------------------- focused answers (model-facing)
# The focused strategy asks several short questions over one article whose sentences are
# numbered; evidence is a sentence number, so every quote is exact by construction.

_SENTENCE = "Number of the sentence that supports this, as in [3]."


class FrameAnswer(_Draft):
    # The sentence number comes last: asked first, a small model cites a number before it has
    # said what the event is, and the number is then often wrong.
    title: str = Field(description="Short title of the main event (at most 10 words).")
    summary: str = Field(description="One sentence: who does what.")
    kind: EventKind
    status: EventStatus
    location: str | None = Field(description="Place of the event as the article names it.")
    date_text: str | None = Field(description="The article's words for when it happens.")
    sentence: int = Field(description=_SENTENCE)


class PersonAnswer(_Draft):
    name: str = Field(description="Person or organisation, as the article writes it.")
    attending: bool = Field(description="True if they take part in the main event.")
    # No sentence number, role or affiliation: output tokens are the cost. The evidence for a
    # person is found in the text (the first sentence naming them, one saying their part when
    # they take part); role and affiliation are read from the titles and appositives around
    # their name (grounding/titles.py), as accurately as the model gave them (docs/evaluation.md).


class PeopleAnswer(_Draft):
    people: list[PersonAnswer] = Field(json_schema_extra={"maxItems": 10})


class TopicAnswer(_Draft):
    topic: str = Field(description="The topic, in a few words from the article.")
    sentence: int = Field(description=_SENTENCE)
    status: AgendaStatus
    attributed_to: str | None = Field(description="Who says it is a topic, else null.")


class AgendaAnswer(_Draft):
    topics: list[TopicAnswer] = Field(json_schema_extra={"maxItems": 6})


class StatementAnswer(_Draft):
    sentence: int = Field(description=_SENTENCE)
    actor: str = Field(description="Who says or holds the position.")
    topic: str
    position: str = Field(description="Their position, in a few words.")


class StatementsAnswer(_Draft):
    statements: list[StatementAnswer] = Field(json_schema_extra={"maxItems": 8})


# --------------------------------------------------------------------------- contract (user-facing)


class Evidence(BaseModel):
    """A verbatim quote located in `source.text`: `source.text[start:end]` is the span."""

    quote: str = Field(description="The span as it stands in source.text.")
    start: int = Field(ge=0, description="Character offset (Python str index) of the span start.")
    end: int = Field(ge=0, description="Character offset one past the span end.")
    match: Literal["exact", "normalized", "fuzzy", "substituted"] = Field(
        default="exact",
        description="How the model's quote was located in the text; `substituted`: the model's "
        "quote was not found and the validator put the sentence that names the item in its place.",
    )
    score: float = Field(default=1.0, ge=0.0, le=1.0)


class Source(BaseModel):
    path: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = Field(default=None, description="ISO 8601 publication date, if known.")
    source_domain: str | None = None
    text: str = Field(description="The exact text given to the model; all offsets refer to it.")


class Event(BaseModel):
    title: str
    kind: EventKind
    summary: str
    location: str | None = None
    start_date: str | None = Field(
        default=None, description="YYYY-MM-DD, only when the text states the full date."
    )
    end_date: str | None = None
    date_partial: str | None = Field(
        default=None, description="'--MM-DD' when the text gives day and month but no year."
    )
    date_text: str | None = Field(
        default=None, description="The date phrase as the article gives it."
    )
    date_basis: str | None = Field(
        default=None,
        description="How the dates were read: 'stated', 'relative to publication date ...', "
        "or 'partial: the article gives no year'.",
    )
    status: EventStatus
    evidence: list[Evidence] = Field(default_factory=list)
    date_evidence: list[Evidence] = Field(
        default_factory=list, description="Where date_text stands in the source."
    )
    unsupported: list[str] = Field(
        default_factory=list, description="Why a field could not be grounded, when kept anyway."
    )


class Participant(BaseModel):
    name: str
    role: str | None = None
    affiliation: str | None = None
    attending: bool
    evidence: list[Evidence] = Field(default_factory=list)
    unsupported: list[str] = Field(default_factory=list)


class AgendaItem(BaseModel):
    topic: str
    status: AgendaStatus
    attributed_to: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    unsupported: list[str] = Field(default_factory=list)


class Stance(BaseModel):
    actor: str
    topic: str
    position: str
    evidence: list[Evidence] = Field(default_factory=list)
    unsupported: list[str] = Field(default_factory=list)


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = Field(default=0, description="HTTP requests to the model, every attempt counted.")

    def add(self, other: Usage) -> None:
        """Count `other` into this one (in place)."""
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.calls += other.calls

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            calls=self.calls + other.calls,
        )


class FieldCheck(BaseModel):
    """The validator's verdict on one field, named by its path."""

    field: str = Field(description="e.g. 'participants[2].role' or 'event.date'.")
    status: Literal["supported", "repaired", "rejected"]
    reason: str | None = None


class RejectedField(BaseModel):
    """A field or item removed from the main fields because the text does not support it."""

    field: str
    value: Any = Field(description="What the model said.")
    reason: str


class GroundingReport(BaseModel):
    supported: int = 0
    repaired: int = 0
    rejected: int = 0
    grounded_share: float = Field(default=1.0, description="(supported + repaired) / all checks.")
    reasks: int = Field(default=0, description="Targeted re-asks spent on unsupported items.")
    checks: list[FieldCheck] = Field(default_factory=list)
    rejected_fields: list[RejectedField] = Field(default_factory=list)


class ArticleSummary(BaseModel):
    id: str = Field(description="Stable article id: hash of source.text.")
    source: Source
    model: str
    endpoint: str = Field(description="Where the model ran: 'embedded' or the base URL.")
    prompt_version: str
    schema_version: str = SCHEMA_VERSION
    event: Event
    participants: list[Participant] = Field(default_factory=list)
    agenda: list[AgendaItem] = Field(default_factory=list)
    stances: list[Stance] = Field(default_factory=list)
    grounding: GroundingReport = Field(default_factory=GroundingReport)
    chunks: int = Field(default=1, description="Model calls the article was split into.")
    usage: Usage = Field(default_factory=Usage)
    seconds: float = Field(default=0.0, description="Wall time spent producing this result.")
    cached: bool = False
    duplicate_of: str | None = Field(
        default=None, description="Id of the batch item whose answer this duplicate reuses."
    )


class ItemFailure(BaseModel):
    """One batch item that produced no summary, in its place in the output order."""

    path: str | None = None
    id: str | None = None
    error: str = Field(description="One line saying what went wrong.")
    kind: str = Field(description="input | modelunavailable | extraction | cache | ...")
    usage: Usage = Field(default_factory=Usage, description="What the failed attempts cost.")


# One batch result: a summary, or the failure in its place.
BatchItem = ArticleSummary | ItemFailure


CONTRACT_MODELS: dict[str, type[BaseModel]] = {
    "article_summary": ArticleSummary,
    "summary_draft": SummaryDraft,
    "frame_answer": FrameAnswer,
    "people_answer": PeopleAnswer,
    "agenda_answer": AgendaAnswer,
    "statements_answer": StatementsAnswer,
    "item_failure": ItemFailure,
}
