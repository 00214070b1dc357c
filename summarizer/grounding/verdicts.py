"""Shared machinery of the validator: the verdict record, the wording cues, and evidence checks.

`validate.py` (participants, agenda, stances) and `validate_event.py` (the event: title, place,
status, dates) both record their verdicts through `Validation`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from summarizer.grounding.locate import locate
from summarizer.models import (
    ArticleSummary,
    Evidence,
    FieldCheck,
    GroundingReport,
    RejectedField,
)
from summarizer.text.cues import (  # the one cue table
    CUES_VERSION,
    alternation,
)
from summarizer.text.words import (
    sentence_bounds,
)

# Bump when a rule or a finder changes: it enters the cache key, so old verdicts are not replayed
# (the finders' candidates are part of the focused questions too).
VALIDATOR_VERSION = "97+cues" + CUES_VERSION
# What an injected instruction would try to slip into a summary: links and markup.
FOREIGN = re.compile(
    r"!?\[[^\]]*\]\([^)]*\)"  # markdown links and images
    r"|(?:https?://|ftp://|www\.)[^\s<>\"')\]]+"  # URLs
    r"|<\s*/?\s*[a-zA-Z][^<>]*>"  # HTML tags
    r"|\bjavascript:\S*|\bdata:[\w/+.-]+;\S*",
    re.IGNORECASE,
)
# Markup never belongs in a structured field, even when the article carries it (an HTML page's
# `<script>`, a Markdown page's **bold**): tags and emphasis markers go, their words stay.
MARKUP = re.compile(
    r"<\s*/?\s*[a-zA-Z][^<>]*>"  # HTML tags
    r"|\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])"  # Markdown emphasis markers
    r"|^#{1,6}\s+|`+",  # Markdown headings and code ticks
)
SCRIPT_BODY = re.compile(r"<\s*(script|style)\b[^>]*>.*?<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)
STRING_FIELDS = {
    "event": ("title", "summary", "location", "date_text"),
    "participants": ("name", "role", "affiliation"),
    "agenda": ("topic", "attributed_to"),
    "stances": ("actor", "topic", "position"),
}
CUE_REACH = 80  # characters around a mention where a participation cue must stand
# "X said", "according to X", "X, a spokesperson", "X, however, said": a speaker reports the
# event, or comments.
SPEAKER_AFTER = re.compile(
    rf"^(?:[\s,]*(?:\w+\s+){{0,2}}?|\s*,\s*{alternation('aside')},\s+)"
    rf"({alternation('speaker_after')})\b",
    re.IGNORECASE,
)
SPEAKER_BEFORE = re.compile(
    rf"\b({alternation('speaker_before')})\s*[\w\s,]{{0,25}}$", re.IGNORECASE
)
PRONOUNS = re.compile(r"\b(he|she|they|it|his|her|their|its)\b", re.IGNORECASE)
DATE_LINE = re.compile(r"^\W*(?:\w+\W+){0,5}\w*\W*$")  # a short line, like a page date header


@dataclass
class Validation:
    summary: ArticleSummary
    reasked: set[str] = field(default_factory=set)  # paths whose quote came from a re-ask
    checks: list[FieldCheck] = field(default_factory=list)
    rejected: list[RejectedField] = field(default_factory=list)
    # Items whose evidence failed: what a targeted re-ask may still fix (field path -> reason).
    reaskable: dict[str, str] = field(default_factory=dict)

    def record(self, path: str, status: str, reason: str | None = None) -> None:
        self.checks.append(FieldCheck(field=path, status=status, reason=reason))  # type: ignore[arg-type]

    def reject(self, path: str, value: Any, reason: str) -> None:
        self.record(path, "rejected", reason)
        self.rejected.append(RejectedField(field=path, value=value, reason=reason))

    def leave_out(self, path: str, value: Any, reason: str) -> None:
        """An item that is grounded but not worth a briefing's line: listed with its reason among
        the rejected fields, its check a repair ("left out: ..."), so the grounded share does
        not count it as a failure."""
        self.record(path, "repaired", f"left out: {reason}")
        self.rejected.append(RejectedField(field=path, value=value, reason=reason))

    def report(self, reasks: int = 0) -> GroundingReport:
        counts = {
            s: sum(c.status == s for c in self.checks)
            for s in ("supported", "repaired", "rejected")
        }
        total = sum(counts.values())
        share = (counts["supported"] + counts["repaired"]) / total if total else 1.0
        return GroundingReport(
            supported=counts["supported"],
            repaired=counts["repaired"],
            rejected=counts["rejected"],
            grounded_share=round(share, 4),
            reasks=reasks,
            checks=self.checks,
            rejected_fields=self.rejected,
        )


# --------------------------------------------------------------------------- evidence


def check_evidence(path: str, evidence: list[Evidence], result: Validation) -> bool:
    text = result.summary.source.text
    moved = realign(text, evidence)
    if not evidence:
        result.reaskable[path] = "its quote was not found in the article"
        return False
    if moved:
        result.record(f"{path}.evidence", "repaired", "offsets did not match the quote; re-located")
    elif path in result.reasked:
        result.record(f"{path}.evidence", "repaired", "quote supplied by a targeted re-ask")
    elif all(e.match == "fuzzy" for e in evidence):
        score = max(e.score for e in evidence)
        result.record(f"{path}.evidence", "repaired", f"quote aligned fuzzily (score {score:.2f})")
    else:
        result.record(f"{path}.evidence", "supported")
    return True


def realign(text: str, evidence: list[Evidence]) -> bool:
    """Make every span satisfy text[start:end] == quote, re-locating or dropping (in place).

    Summaries can come from elsewhere (a stored file, another tool): offsets are never trusted.
    """
    moved = False
    for ev in list(evidence):
        if 0 <= ev.start <= ev.end <= len(text) and text[ev.start : ev.end] == ev.quote:
            continue
        moved = True
        found = locate(text, ev.quote, near=max(0, ev.start - 200))
        if found is None:
            evidence.remove(ev)
            continue
        ev.start, ev.end, ev.match, ev.score = found.start, found.end, found.match, found.score
        ev.quote = text[found.start : found.end]
    return moved


def evidence_window(text: str, evidence: list[Evidence], reach: int = 0) -> str:
    return " ".join(text[max(0, e.start - reach) : e.end + reach] for e in evidence)


# --------------------------------------------------------------------------- names and mentions


def sentences_with(text: str, spans: list[tuple[int, int]]) -> str:
    return " ".join(text[lo:hi] for lo, hi in (sentence_bounds(text, a, b) for a, b in spans[:12]))
