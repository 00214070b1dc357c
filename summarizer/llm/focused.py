"""The focused strategy: several short questions over one article instead of one long answer.

The article goes into the conversation once, its sentences numbered; the questions follow it
(the event frame; who takes part; the agenda, for events that have one; who said what, and
again for the sentences of reported speech the first answer left out). Each
answer cites sentence numbers, so every quote is a verbatim sentence by construction, and each
answer is short, which is what costs time on a CPU. The answers are assembled into the same
`SummaryDraft` the single call produces, and grounded and validated the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from summarizer.llm import prompt
from summarizer.llm.extract import Extractor
from summarizer.models import (
    AGENDA_KINDS,
    AgendaAnswer,
    AgendaDraft,
    EventDraft,
    FrameAnswer,
    ParticipantDraft,
    PeopleAnswer,
    StanceDraft,
    StatementsAnswer,
    SummaryDraft,
    Usage,
)
from summarizer.text.cues import BODY_WORDS, PARTICIPATION
from summarizer.text.finders import cue_sentences, name_candidates
from summarizer.text.names import title_word
from summarizer.text.places import is_place
from summarizer.text.sentences import Sentence, number_sentences, split_sentences
from summarizer.text.words import mentions

__all__ = ["FocusedResult", "ask_focused"]

# Sentences of reported speech offered to the statements questions, the first in the article.
# Twenty instead of twelve reached more of the gold's statements (131 of 156 against 107) but
# found none of them: on 24 articles stance precision fell 0.58 -> 0.50 at the same recall, and
# long articles cost up to 2.9x the single call (docs/evaluation.md, session 10).
_SPEECH_SENTENCES = 12


@dataclass
class FocusedResult:
    draft: SummaryDraft
    usage: Usage
    conversation: list[dict[str, str]]  # the shared prefix: system + numbered article


class _Article:
    """One chunk's sentences, and how a cited number becomes a verbatim quote."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentences = split_sentences(text)

    def sentence(self, number: int) -> Sentence | None:
        if 1 <= number <= len(self.sentences):
            return self.sentences[number - 1]
        return None

    def quote(self, number: int) -> str | None:
        found = self.sentence(number)
        return self.text[found.start : found.end] if found else None

    def quote_of_part(self, name: str, attending: bool) -> str | None:
        """The first sentence naming them; for someone taking part, the first that also says
        what they do in it (a meeting, a visit, a signing ...), when one does."""
        naming = [
            self.text[s.start : s.end]
            for s in self.sentences
            if mentions(self.text[s.start : s.end], name)
        ]
        acting = [q for q in naming if PARTICIPATION.search(q)] if attending else []
        return next(iter(acting or naming), None)

    def quote_naming(self, number: int, name: str, reach: int = 3) -> str | None:
        """The cited sentence if it names `name` (or their surname: "Mr Obama" for "Barack
        Obama"); else the cited one with the sentences back to the nearest that names them, at
        most `reach` back ("She added ...": a pronoun refers back, and quoted speech runs on
        over several sentences)."""
        cited = self.sentence(number)
        if cited is None:
            return None
        if _surname_in(self.text[cited.start : cited.end], name):
            return self.text[cited.start : cited.end]
        for back in range(reach + 1):
            start = self.sentence(number - back)
            if start and mentions(self.text[start.start : start.end], name):
                return self.text[start.start : cited.end]
        return None


def _surname_in(sentence: str, name: str) -> bool:
    """ "Mr Obama, meanwhile, had called ..." names Barack Obama: the last word of a person's
    full name, capitalised in the sentence. Not a title ("Foreign Minister"), and not the last
    word of a place or a body ("North Korea", "European Union", "White House"), which other
    names share ("South Korea", "Soviet Union")."""
    words = name.split()
    last = words[-1].strip(".,") if len(words) >= 2 else ""
    if len(last) < 3 or title_word(last) or last.lower() in BODY_WORDS or is_place(name):
        return False
    return any(sentence[a].isupper() for a, _ in mentions(sentence, last))


def ask_focused(
    extractor: Extractor,
    text: str,
    *,
    title: str | None,
    published: str | None,
    part: int = 1,
    parts: int = 1,
    wants_agenda: Callable[[EventDraft], bool] | None = None,
) -> FocusedResult:
    """`wants_agenda` decides from the event the frame answer gives whether the agenda question
    is asked; by default, when its kind has an agenda. The engine passes the validator's own
    judgement of the kind, so no call is spent on topics the validator would then remove."""
    article = _Article(text)
    base = prompt.focused_messages(
        number_sentences(text, article.sentences),
        title=title,
        published=published,
        part=part,
        parts=parts,
    )
    spent = Usage()

    def ask(question: str, model: type[BaseModel]) -> Any:
        result = extractor.extract(prompt.with_question(base, question), model)
        spent.add(result.usage)
        return result.draft

    frame: FrameAnswer = ask(prompt.focused_question("frame"), FrameAnswer)
    event = _event(article, frame)
    people: PeopleAnswer = ask(
        prompt.focused_question("people", names=name_candidates(text)), PeopleAnswer
    )
    agenda: AgendaAnswer | None = None
    if (wants_agenda or _has_agenda)(event):
        cues = cue_sentences(text, article.sentences, "agenda")
        agenda = ask(prompt.focused_question("agenda", cue_sentences=cues), AgendaAnswer)
    speech = cue_sentences(text, article.sentences, "speech", limit=_SPEECH_SENTENCES)
    statements: StatementsAnswer = ask(
        prompt.focused_question("statements", cue_sentences=speech), StatementsAnswer
    )
    if uncited := _uncited(speech, statements):
        # A small model stops after a few statements; asked again about the sentences of
        # reported speech it did not cite, it finds more (stance recall 0.31 -> 0.40 on all
        # the gold, precision 0.59 -> 0.49: docs/evaluation.md, session 8).
        more: StatementsAnswer = ask(
            prompt.focused_question("more_statements", numbers=[f"[{n}]" for n in uncited]),
            StatementsAnswer,
        )
        statements = StatementsAnswer(statements=[*statements.statements, *more.statements])
    draft = SummaryDraft(
        event=event,
        participants=_participants(article, people),
        agenda=_agenda(article, agenda),
        stances=_stances(article, statements, speech),
    )
    return FocusedResult(draft, spent, base)


def _uncited(speech: list[int], statements: StatementsAnswer) -> list[int]:
    cited = {s.sentence for s in statements.statements}
    return [n for n in speech if n not in cited]


def _has_agenda(event: EventDraft) -> bool:
    return event.kind in AGENDA_KINDS


def _event(article: _Article, frame: FrameAnswer) -> EventDraft:
    event_quote = article.quote(frame.sentence) or article.quote(1) or article.text[:200]
    return EventDraft(
        quote=event_quote,
        title=frame.title,
        kind=frame.kind,
        summary=frame.summary,
        location=frame.location,
        date_text=frame.date_text,
        status=frame.status,
    )


def _participants(article: _Article, people: PeopleAnswer) -> list[ParticipantDraft]:
    found = []
    for person in people.people:
        quote = article.quote_of_part(person.name, person.attending) or ""  # "": rejected later
        found.append(
            # Role and affiliation: the validator reads them from the text around the name.
            ParticipantDraft(
                quote=quote,
                name=person.name,
                role=None,
                affiliation=None,
                attending=person.attending,
            )
        )
    return found


def _agenda(article: _Article, agenda: AgendaAnswer | None) -> list[AgendaDraft]:
    if agenda is None:
        return []
    return [
        AgendaDraft(quote=quote, topic=t.topic, status=t.status, attributed_to=t.attributed_to)
        for t in agenda.topics
        if (quote := article.quote(t.sentence))
    ]


def _stances(
    article: _Article, statements: StatementsAnswer, speech: list[int]
) -> list[StanceDraft]:
    """A statement's quote: the cited sentence when it names the actor (or refers back to them);
    else the first sentence of reported speech that names them (a small model often cites a
    neighbouring number); else the cited sentence, which the validator then judges."""
    found = []
    for s in statements.statements:
        quote = (
            article.quote_naming(s.sentence, s.actor)
            or next(
                (q for n in speech if (q := article.quote(n)) and mentions(q, s.actor)), None
            )
            or article.quote(s.sentence)
        )
        if quote:
            found.append(
                StanceDraft(quote=quote, actor=s.actor, topic=s.topic, position=s.position)
            )
    return found
