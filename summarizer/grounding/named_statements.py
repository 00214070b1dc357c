"""Statements the article attributes by name that the model did not list: added as stances.

A small model lists a few statements and stops (the single call one or two, the focused
questions the first dozen sentences of reported speech). A sentence that names its speaker with
a verb of saying ("..., Marcelo Ebrard said", "said Juan Perez, a trader") states that speaker's
position in the article's own words: the tool adds it, the sentence as evidence (marked
substituted: the tool chose it, not the model), the actor the speaker the sentence names, the
position what they said, with the words that attribute it taken out. The topic is the model's
own for that actor's nearest earlier statement, else the event's title: the position and the
quote carry the meaning. Pronoun speakers ("he said") are left alone: who "he" is, is a guess.

Measured on stored answers before it landed (docs/evaluation.md, session 15): stance F1 on the
devset 0.50 -> 0.55 (focused), on a held-out set 0.43 -> 0.45 (focused) and 0.05 -> 0.29
(single), stance actor precision up on both. Pure, like the rest of the validator.
"""

from __future__ import annotations

import re

from summarizer.grounding.titles import only_a_title
from summarizer.grounding.verdicts import Validation
from summarizer.models import ArticleSummary, Evidence, Stance
from summarizer.text.entities import not_an_actor
from summarizer.text.finders import attribution
from summarizer.text.sentences import split_sentences

__all__ = ["add_named_statements"]

# Sentences are read from the article's first 30,000 characters (a long news article), as the
# people added are (named_people.py): splitting a text into sentences costs time that grows
# faster than its length, and a hostile input may be megabytes long.
_READ_CHARS = 30_000
# At most this many added to one article: a briefing lists who said what, not every sentence of
# a long interview (no stored article reached it: 8 at most).
_AT_MOST = 12
# At most this many words after "X said" are where or when it was said ("on Tuesday"), not what.
_TRAILING_WORDS = 4
# A figure right after the verb: "the index added 20 points" reports a market, not a speaker.
_NUMBER_NEXT = re.compile(r"\s*[-+$€£]?\d")
# After "X told": the one told, up to the "that" that opens what was said.
_TOLD_WHOM = re.compile(r"^\s*(?:[\w.'’-]+\s+){1,5}?that\b")
# A position is what the speaker said, shortened to this many words for a briefing's line; the
# quote holds the whole sentence.
_POSITION_WORDS = 20


def add_named_statements(s: ArticleSummary, text: str, result: Validation) -> None:
    """Add a stance for each sentence that names its speaker and that no stance cites."""
    cited = [(e.start, e.end) for st in s.stances for e in st.evidence]
    added = 0
    for sentence in split_sentences(text[:_READ_CHARS]):
        if added == _AT_MOST:
            return
        if any(a < sentence.end and sentence.start < b for a, b in cited):
            continue
        quote = text[sentence.start : sentence.end]
        found = attribution(quote)
        if found is None or not_an_actor(found[0], text):
            continue
        speaker, start, end = found
        if only_a_title(speaker) or _NUMBER_NEXT.match(quote, end):
            continue  # "the President said": who, is a guess; "Nasdaq added 20 points": no speech
        position = _said(quote, start, end)
        if not position:
            continue
        s.stances.append(
            Stance(
                actor=speaker,
                topic=_topic(s, speaker, sentence.start),
                position=position,
                evidence=[
                    Evidence(
                        quote=quote, start=sentence.start, end=sentence.end, match="substituted"
                    )
                ],
            )
        )
        index = len(s.stances) - 1
        result.record(f"stances[{index}]", "repaired", "added: the sentence names its speaker")
        added += 1


def _said(sentence: str, start: int, end: int) -> str:
    """What the sentence says its speaker said, without the words attributing it: the part
    before them when the verb comes first ("..., said Juan Perez, a trader at X") or little
    follows them ('"...," Ebrard said on Tuesday'); else the part after ("Ebrard said that
    ..."). Quotation marks and dangling punctuation go; cut to a briefing line's length."""
    before, after = sentence[:start], sentence[end:]
    verb_first = not sentence[start : start + 1].isupper()
    part = before if verb_first or len(after.split()) <= _TRAILING_WORDS else after
    if part is after and sentence[start:end].rstrip().endswith("told"):
        part = _TOLD_WHOM.sub("", part, count=1)  # "X told Fox News that ...": whom, then what
    words = part.replace("“", " ").replace("”", " ").replace('"', " ").split()
    words = [w for w in words if w.strip(",.;:")]
    if words[:1] == ["that"]:
        words = words[1:]
    if len(words) > _POSITION_WORDS:
        words = [*words[:_POSITION_WORDS], "…"]
    return " ".join(words).strip(" ,;:")


def _topic(s: ArticleSummary, speaker: str, at: int) -> str:
    """The topic of the speaker's nearest earlier statement the model gave, else the event's."""
    earlier = [
        st
        for st in s.stances
        if st.evidence
        and st.evidence[0].start < at
        and st.evidence[0].match != "substituted"
        and (speaker.lower() in st.actor.lower() or st.actor.lower() in speaker.lower())
    ]
    if earlier:
        return max(earlier, key=lambda st: st.evidence[0].start).topic
    return s.event.title
