"""Statements the article attributes by name that the model did not list: added as stances.

A small model lists a few statements and stops (the single call one or two, the focused
questions the first dozen sentences of reported speech). A sentence that names its speaker with
a verb of saying ("..., Marcelo Ebrard said", "said Juan Perez, a trader") states that speaker's
position in the article's own words: the tool adds it, the sentence as evidence (marked
substituted: the tool chose it, not the model), the actor the speaker the sentence names, the
position what they said, with the words that attribute it taken out. The topic is the model's
own for that actor's nearest earlier statement, else the event's title: the position and the
quote carry the meaning. Pronoun speakers ("he said") are left alone: who "he" is, is a guess.

Then every speaker of a listed stance who is not yet a participant joins the participants as
mentioned (`add_speakers`): someone whose position the briefing gives is someone the article
names. Not an actor the model describes rather than names ("aid worker", "Fisheries bureau
spokesman").

Measured on stored answers before they landed (docs/evaluation.md, session 15): stance F1 on
the devset 0.50 -> 0.56 (focused), on a held-out set 0.43 -> 0.47 (focused) and 0.05 -> 0.34
(single), stance actor precision up on both; participants F1 devset 0.68 -> 0.72, held-out
0.73 -> 0.80 (focused) and 0.74 -> 0.84 (single). Pure, like the rest of the validator.
"""

from __future__ import annotations

import re
from collections import Counter

from summarizer.grounding.named_people import listed
from summarizer.grounding.titles import affiliation_of, only_a_title, role_after, title_before
from summarizer.grounding.validate_people import (
    check_participant,
    check_salient,
    event_frame,
)
from summarizer.grounding.verdicts import Validation
from summarizer.models import ArticleSummary, Evidence, Participant, Stance
from summarizer.text.cues import COMMENTATORS, words_of
from summarizer.text.entities import not_an_actor, personal_name
from summarizer.text.finders import attribution
from summarizer.text.names import title_word
from summarizer.text.sentences import split_sentences
from summarizer.text.words import mentions, stated

__all__ = ["add_named_statements", "add_speakers"]

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
        actor = _as_listed(speaker, s.participants)
        if not stated(actor, quote, share=0.5):
            # "Anwar said" of "Datuk Seri Anwar", "Govender said" of "Major-Gen Gopaul
            # Govender": a listed name the sentence bears too little of would not pass the
            # stance check; the speaker as the sentence names them does.
            actor = speaker
        s.stances.append(
            Stance(
                actor=actor,
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


def add_speakers(
    s: ArticleSummary, text: str, result: Validation, speakers_take_part: bool = False
) -> None:
    """Whoever states a position the briefing lists is someone the article names: a speaker
    not yet among the participants joins them, with the title before their name or the office
    after it as role, the body or country of that title as affiliation, and their statement's
    sentence as evidence. As mentioned; but where who speaks takes part (`speakers_take_part`:
    the event is a statement), a body (a government, a ministry, a league) as taking part when
    the checks every listed participant gets find it speaking in it ("the Arab League condemned
    ..." of a chorus of reactions): its statement is the news. A person stays mentioned (a
    trader or a scholar quoted on a statement comments on it: validator 86 let no participation
    cue promote an added person, and this does not either)."""
    for stance in list(s.stances):
        if not stance.evidence or not _a_name(stance.actor, text):
            continue
        if listed(stance.actor, s.participants):
            continue
        name = _full_name(text, stance.actor)
        spans = mentions(text, name)
        if not spans:
            continue  # "Russia China": two names a model ran together, no one the text names
        role = title_before(text, spans) or role_after(text, spans)
        person = Participant(
            name=name,
            role=role,
            affiliation=affiliation_of(role, text, spans),
            attending=speakers_take_part and _a_body(name, text),
            evidence=[stance.evidence[0].model_copy(update={"match": "substituted"})],
        )
        checked = _passes(person, s, text, speakers_take_part)
        if checked is None:
            continue  # "China said": a country speaks, the briefing lists no place as a person
        person.attending = checked.attending
        s.participants.append(person)
        path = f"participants[{len(s.participants) - 1}]"
        result.record(path, "repaired", "added: states a position the briefing lists")


_BODY_HEADS = words_of("org_head") - {"secretary", "minister"}


def _a_body(name: str, text: str) -> bool:
    """An organisation's name ("Arab League", "French foreign ministry"), not a person's nor a
    group of commentators ("Analysts")."""
    if COMMENTATORS.search(name):
        return False
    return name.split()[-1].lower() in _BODY_HEADS or not personal_name(name, text)


def _full_name(text: str, surname: str) -> str:
    """ "Ebrard" as the article first names him in full ("Marcelo Ebrard"): the given name most
    often written before the surname; the surname alone when the article never gives one."""
    if " " in surname.strip():
        return surname
    given = Counter(
        m.group(1)
        for m in re.finditer(rf"\b([A-Z][a-z]+)\s+{re.escape(surname)}\b", text)
        # A given name, no word of English: not "Monday China", "President Obama"
        if personal_name(f"{m.group(1)} {surname}", text)
    )
    return f"{given.most_common(1)[0][0]} {surname}" if given else surname


# A name is short: a model's "actor" that runs longer is a description or a whole sentence.
_NAME_WORDS = 6


def _a_name(actor: str, text: str) -> bool:
    """The actor is written as a name ("Avi Bell", "Palestinian Authority"), not described
    ("aid worker", "Fisheries bureau spokesman"). A plural noun that opens a sentence
    ("Analysts") still passes: a stricter test removed more true speakers than false ones."""
    words = actor.split()
    return (
        bool(words)
        and len(words) <= _NAME_WORDS
        and actor[:1].isupper()
        and not title_word(words[-1].strip(".,"))
        and not only_a_title(actor)
        and not_an_actor(actor, text) is None
    )


def _passes(
    person: Participant, s: ArticleSummary, text: str, speakers_take_part: bool = False
) -> Participant | None:
    """The checks every listed participant gets, passed as the person stands (no rejection and
    no repair of the name, so validating the output again changes nothing): the person as
    checked, or None."""
    scratch = Validation(summary=s)
    index = len(s.participants)
    frame = event_frame(s, text, speakers_take_part=speakers_take_part)
    checked = person.model_copy(deep=True)
    if check_participant(checked, index, text, scratch, frame):
        return None
    if check_salient(person, index, s, text, scratch):
        return None
    renamed = any(c.status != "supported" and c.field.endswith(".name") for c in scratch.checks)
    return None if renamed else checked


def _as_listed(speaker: str, people: list[Participant]) -> str:
    """ "Yang said" of the participant listed as "Yang Jin" (a family name first) or "Ebrard
    said" of "Marcelo Ebrard": the one listed name whose first or last word the speaker is."""
    if " " in speaker.strip() or any(p.name == speaker for p in people):
        return speaker  # "Obama said" of the "Obama" listed, not of "Michelle Obama"
    named = {
        p.name
        for p in people
        if len(words := p.name.split()) >= 2 and speaker in (words[0], words[-1])
    }
    return named.pop() if len(named) == 1 else speaker
