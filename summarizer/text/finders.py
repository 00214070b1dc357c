"""Deterministic finders that propose candidates to the model: names, and sentences that carry
reported speech or agenda cues. They only propose; the model confirms and labels, and the
validator checks what comes back. Pure functions over text and its sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.text.cues import AGENDA, REPORTED_SPEECH
from summarizer.text.entities import not_an_actor
from summarizer.text.places import is_place
from summarizer.text.sentences import Sentence

__all__ = ["cue_sentences", "name_candidates"]

# A capitalised word: "Lavrov", "al-Barnawi", "O'Brien", "U.S."; joined by particles of names.
_CAP = r"(?:[A-Z][\w'’-]*[a-z][\w'’-]*|[A-Z]{2,}|(?:[A-Z]\.){2,})"
_JOIN = r"(?:[ \t]+(?:al-|bin[ \t]|de[ \t]|van[ \t]|von[ \t])?)"
_NAME_RUN = re.compile(rf"{_CAP}(?:{_JOIN}{_CAP}){{0,4}}")
# Capitalised words that open sentences or a name run ("Some White House advisers", "One
# Washington-based analyst"): function words, quantifiers, times, page furniture; never part of
# a person's or body's name. Months and days are judged by `entities.not_an_actor`.
_NOT_NAMES = frozenset(
    "the a an this that these those it he she they we i in on at for but and or if as after "
    "before when while with without by from to of about mr mrs ms dr today yesterday tomorrow "
    "however meanwhile also moreover some one two three many several few both all most other "
    "another each every any such read more related image caption photo getty images "
    "advertisement".split()
)


_QUOTED = re.compile(r"[\"“][^\"”]{12,}[\"”]")  # a quoted phrase of a few words at least


def name_candidates(text: str, limit: int = 24) -> list[str]:
    """Capitalised runs that may name people or organisations, first appearance first.

    A run contained in a longer one already found ("Trump" in "Donald Trump") is dropped; so are
    single words that only open a sentence.
    """
    found: list[str] = []
    for match in _NAME_RUN.finditer(text):
        words = match.group(0).split()
        while words and words[0].lower().strip(".") in _NOT_NAMES:
            words = words[1:]
        if not words:
            continue
        name = re.sub(r"['’]s?$", "", " ".join(words))  # "Wang Yi's" names Wang Yi
        if len(words) == 1 and _opens_sentence(text, match.start()):
            continue
        if is_place(name) or not_an_actor(name, text):
            continue  # countries, cities, months, regions are not who takes part
        if any(name == other or f" {name}" in f" {other} " for other in found):
            continue
        found = [other for other in found if f" {other} " not in f" {name} "]
        found.append(name)
    return found[:limit]


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start]
    return start == 0 or before.endswith("\n") or bool(re.search(r"[.!?][\"”’)]?\s+$", before))


def cue_sentences(
    text: str, sentences: Sequence[Sentence], kind: str, limit: int = 12
) -> list[int]:
    """Numbers of the sentences that carry a cue of `kind` ("speech" or "agenda")."""
    pattern = {"speech": REPORTED_SPEECH, "agenda": AGENDA}[kind]
    hits = [s.number for s in sentences if pattern.search(text[s.start : s.end])]
    if kind == "speech":  # quoted words report speech too
        quoted = [
            s.number
            for s in sentences
            if re.search(r"[\"“][^\"”]{12,}[\"”]", text[s.start : s.end])
        ]
        hits = sorted(set(hits) | set(quoted))
    return hits[:limit]
