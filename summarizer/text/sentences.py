"""Sentences with their character offsets, numbered from 1: the unit of evidence the focused
strategy asks the model to cite ("[4]") instead of copying quotes.

Segmentation is pysbd's (rule-based sentence boundary disambiguation: abbreviations such as
"Mr." and "U.S." do not end a sentence), run per line so that a headline or a caption without a
full stop never merges with the paragraph after it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

import pysbd

__all__ = ["Sentence", "number_sentences", "split_sentences"]


@dataclass(frozen=True)
class Sentence:
    number: int  # 1-based, in text order
    start: int
    end: int  # text[start:end] is the sentence, without surrounding whitespace


# One segmenter per thread: a pysbd Segmenter keeps the text it is working on in its own
# attributes, so two threads sharing one (the batch's workers, a Ray actor's pool) split each
# other's lines.
_PER_THREAD = threading.local()


def _segmenter() -> pysbd.Segmenter:
    segmenter: pysbd.Segmenter | None = getattr(_PER_THREAD, "segmenter", None)
    if segmenter is None:
        segmenter = _PER_THREAD.segmenter = pysbd.Segmenter(language="en", clean=False)
    return segmenter


def split_sentences(text: str) -> list[Sentence]:
    return list(_split(text))


# The validator's finders (statements, topics) and the focused strategy split the same article
# again and again; pysbd is the slow part of validating, so the last few texts' sentences are
# kept (frozen values: a caller cannot change another's).
@lru_cache(maxsize=16)
def _split(text: str) -> tuple[Sentence, ...]:
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        cursor = 0
        if line.strip():
            for piece in _segmenter().segment(line):
                stripped = piece.strip()
                if not stripped:
                    continue
                found = line.find(stripped, cursor)
                if found < 0:  # pysbd altered the piece: keep offsets honest, skip it
                    continue
                cursor = found + len(stripped)
                spans.append((line_start + found, line_start + cursor))
        line_start += len(line) + 1
    return tuple(Sentence(i, start, end) for i, (start, end) in enumerate(spans, start=1))


def number_sentences(text: str, sentences: list[Sentence]) -> str:
    """The text as the model sees it: one sentence a line, each behind its number."""
    return "\n".join(f"[{s.number}] {text[s.start : s.end]}" for s in sentences)
