"""Topics the article says were (or will be) discussed that the model did not list: added.

A small model lists two or three topics and stops; the focused agenda question misses most of
what a participant says was covered ("We discussed a lot of different situations", "the two
talked about organizational issues"). A sentence whose subject is someone taking part (by name,
or "we", "they", "the two" ...) and whose verb is one of talks ("discussed", "talked about",
"focused on") names a topic in the article's own words: the words after the verb, up to the end
of the clause. The tool adds it with that sentence as evidence (marked substituted: the tool
chose it), before the validator checks every agenda item, so an added topic passes the same
checks as the model's (its status is read from the sentence's wording there: a hedge makes it
speculative, talks that took place or a source that states it make it announced).

Not a sentence that denies the topic or puts it at another meeting ("not", "next", "later"),
nor one already cited by a listed topic. Pure, like the rest of the validator.
"""

from __future__ import annotations

import re

from summarizer.grounding.verdicts import Validation
from summarizer.models import (
    AGENDA_KINDS,
    AgendaItem,
    AgendaStatus,
    ArticleSummary,
    EventStatus,
    Evidence,
)
from summarizer.text.cues import LATER_MEETING, NEGATION, OTHER_TIME, alternation
from summarizer.text.entities import is_time_word
from summarizer.text.sentences import split_sentences
from summarizer.text.words import STOP, mentions

__all__ = ["add_named_topics", "topic_after_verb"]

# Read from the article's first 30,000 characters, as the other finders of the validator.
_READ_CHARS = 30_000
# At most this many added to one article: a briefing's agenda, not every use of "discuss".
_AT_MOST = 4
# The topic is the clause after the verb, cut to this many words.
_TOPIC_WORDS = 8

_TOPIC_VERB = re.compile(
    rf"\b(?:{alternation('talks_verb')}|{alternation('topic_verb')})\s+(?:the\s+|a\s+|an\s+)?",
    re.IGNORECASE,
)
_TALKS_VERB = re.compile(rf"\b{alternation('talks_verb')}\s+(?:the\s+|a\s+|an\s+)?", re.I)
# The words that stand for those taking part as the subject of a verb of talks.
_THEM = re.compile(
    r"\b(?:we|they|both|the\s+two|the\s+(?:two\s+)?(?:leaders|sides|men|women|presidents|"
    r"ministers|delegations))\b",
    re.IGNORECASE,
)
# The subject stands at most this far before the verb ("We really, we discussed").
_SUBJECT_REACH = 50


def topic_after_verb(sentence: str) -> str | None:
    """The words after an agenda verb, up to the end of the clause (at most eight words):
    "... will also discuss major project arrangements and international meetings this year,
    ..." -> "major project arrangements and international meetings this year"; quotation
    marks around them are no end ('talked about "organizational issues,"')."""
    cue = _TOPIC_VERB.search(sentence)
    if cue is None:
        return None
    after = sentence[cue.end() :].lstrip("\"“'‘ ")
    clause = re.split(r"[,;:.!?()\"“”]|\s[-–—]\s", after, maxsplit=1)[0]
    words = clause.split()[:_TOPIC_WORDS]
    while words and words[-1].lower() in STOP:
        words.pop()  # "... and on fresh thinking for": the eighth word cut a phrase short
    # "discuss it for the time being": a phrase of time or manner, no subject of the talks
    if not words or not words[0][:1].isalnum() or words[0].lower() in STOP:
        return None
    if is_time_word(words[0]):
        return None  # "talks on Thursday": when, not what
    return " ".join(words)


def add_named_topics(s: ArticleSummary, text: str, result: Validation) -> None:
    if s.event.kind not in AGENDA_KINDS:
        return
    taking_part = [p.name for p in s.participants if p.attending]
    cited = [(e.start, e.end) for a in s.agenda for e in a.evidence]
    held = s.event.status in (EventStatus.COMPLETED, EventStatus.ONGOING)
    status = AgendaStatus.ANNOUNCED if held else AgendaStatus.EXPECTED
    added = 0
    for sentence in split_sentences(text[:_READ_CHARS]):
        if added >= _AT_MOST:
            return
        if any(a < sentence.end and sentence.start < b for a, b in cited):
            continue  # a listed topic cites it: the model's label stands
        quote = text[sentence.start : sentence.end]
        topic = _topic_of(quote, taking_part)
        if topic is None:
            continue
        evidence = Evidence(
            quote=quote, start=sentence.start, end=sentence.end, match="substituted"
        )
        # Of talks that took place, what they covered is reported fact; of talks to come, the
        # writer's preview (the validator reads a source or a hedge from the sentence).
        s.agenda.append(AgendaItem(topic=topic, status=status, evidence=[evidence]))
        result.record(f"agenda[{len(s.agenda) - 1}]", "repaired", "added: a topic of the talks")
        added += 1


def _topic_of(sentence: str, taking_part: list[str]) -> str | None:
    cue = _TALKS_VERB.search(sentence)
    if cue is None:
        return None
    if NEGATION.search(sentence) or LATER_MEETING.search(sentence) or OTHER_TIME.search(sentence):
        return None
    before = sentence[max(0, cue.start() - _SUBJECT_REACH) : cue.start()]
    if not (_THEM.search(before) or any(_named(before, name) for name in taking_part)):
        return None
    return topic_after_verb(sentence[cue.start() :])


def _named(passage: str, name: str) -> bool:
    """The full name or, for a person's, the last word ("Obama" for "Barack Obama"), as the
    subject: not "Mr Trump's team", someone else."""
    last = name.split()[-1]
    forms = [name] + ([last] if len(name.split()) >= 2 and len(last) >= 3 else [])
    return any(
        not re.match(r"['’]s\b", passage[end:])
        for form in forms
        for _, end in mentions(passage, form)
    )
