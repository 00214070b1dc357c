"""Citations shared by merging and the disagreement finder: spans of a source, cited once."""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.memo.cluster import parse_day
from summarizer.memo.model import Citation
from summarizer.models import ArticleSummary, Evidence

Member = tuple[int, ArticleSummary]  # (source number, summary)


def cite(number: int, summary: ArticleSummary, evidence: Sequence[Evidence]) -> list[Citation]:
    """Citations for evidence that round-trips; a span that does not is never cited."""
    text = summary.source.text
    return [
        Citation(source=number, summary_id=summary.id, quote=e.quote, start=e.start, end=e.end)
        for e in evidence
        if 0 <= e.start <= e.end <= len(text) and text[e.start : e.end] == e.quote and e.quote
    ]


def span(number: int, summary: ArticleSummary, start: int, end: int) -> Citation:
    text = summary.source.text
    return Citation(
        source=number, summary_id=summary.id, quote=text[start:end], start=start, end=end
    )


def unique(citations: Sequence[Citation]) -> list[Citation]:
    seen: set[tuple[int, int, int]] = set()
    kept = []
    for c in sorted(citations, key=lambda c: (c.source, c.start, c.end)):
        if (c.source, c.start, c.end) not in seen:
            seen.add((c.source, c.start, c.end))
            kept.append(c)
    return kept


def source_numbers(citations: Sequence[Citation]) -> set[int]:
    return {c.source for c in citations}


def month_and_day(iso: str) -> tuple[int, int] | None:
    day = parse_day(iso)
    return (day.month, day.day) if day else None
