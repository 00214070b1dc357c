"""Does a participant take part in the event, or is the name only mentioned?

The model says "taking part" for nearly everyone it lists; the article says who does. A
participant keeps "taking part" when a participation cue stands near a mention in a sentence
about this event (not another month, not a speaker's comment), when they host or invite, when
they speak in a statement (or an event of no named kind), or when the event's own sentence
names them. A body named only as someone's employer, a source of the report, or a place, does
not take part. The host the model left out is put back. Pure, like the rest of the validator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.grounding.verdicts import (
    CUE_REACH,
    SPEAKER_AFTER,
    SPEAKER_BEFORE,
    Validation,
    sentences_with,
)
from summarizer.models import Participant
from summarizer.text.cues import (
    COMMENTATORS,
    HOST_AFTER,
    HOST_BEFORE,
    MEETS_WITH,
    NON_PARTICIPATION,
    OTHER_TIME,
    PARTICIPATION,
    REPORTED_SPEECH,
    SEQUENCE,
    SESSION_ADDRESS,
    SOURCE_AFTER,
    SOURCE_BEFORE,
    alternation,
)
from summarizer.text.dates import MONTH
from summarizer.text.entities import only_where_or_before_a_noun
from summarizer.text.finders import outside_headings
from summarizer.text.names import title_word
from summarizer.text.words import sentence_bounds

__all__ = [
    "EventFrame",
    "check_attending",
    "hosts_or_invites",
    "meets_one_taking_part",
    "speaks_in_office",
]


@dataclass(frozen=True)
class EventFrame:
    """What the checks of those taking part read from the event: the sentences that report it,
    the months they name, whether it is reported as done, whether who speaks in it takes part
    (a statement, an event of no named kind) and whether they must command (armed action)."""

    sentences: tuple[tuple[int, int], ...] = ()
    months: frozenset[str] = frozenset()
    done: bool = False
    speakers_take_part: bool = False
    speakers_must_command: bool = False
    officials_speaking_take_part: bool = False


_MONTH_IN = re.compile(
    rf"\b(?:in|since|until|from|during|early|late|mid-?)\s+({MONTH})"
    # "an October news conference", "last November's summit": the month names an occasion.
    # Not "the May government" (a name), nor "the March 3 meeting" (a date: read as a month
    # only after a preposition, as above).
    rf"|\b(?:an?|the|last)\s+(?!May\b)({MONTH})(?![\w.]|\s*\d)",
    re.IGNORECASE,
)


def _months_named(sentence: str) -> list[str]:
    return [a or b for a, b in _MONTH_IN.findall(sentence.lower())]


def _takes_part(
    text: str,
    spans: list[tuple[int, int]],
    event_months: frozenset[str] = frozenset(),
    event_done: bool = False,
) -> bool:
    """A participation cue close to a mention, in a sentence not about another time (nor, of
    an event reported as done, one still to come: "X will meet Y this evening")."""
    for start, end in spans[:12]:
        lo, hi = sentence_bounds(text, start, end)
        sentence = text[lo:hi]
        if OTHER_TIME.search(text[max(lo, start - CUE_REACH) : min(hi, end + CUE_REACH)]):
            continue  # near the name; "the girls kidnapped in 2014" far after it dates them
        if (
            _is_speaker(text, start, end)
            and not SESSION_ADDRESS.match(text[end : end + CUE_REACH].lstrip(" ,"))
            and not _own_part(text, end, hi)
        ):
            continue  # a speaker comments, unless they address the session or tell their part
        if _described_as_commentator(text, [(start, end)]) and (
            _is_speaker(text, start, end) or _APPOSED_SPEAKER.match(text[end : end + 110])
        ):
            continue  # "X, a senior fellow at ..., said the raid ...": an outsider's comment
        months = {m.rstrip(".") for m in _months_named(sentence)}
        if months and not months & event_months:
            continue  # "In March, Xi made a state visit": another month, another event
        near = text[max(lo, start - CUE_REACH) : min(hi, end + CUE_REACH)]
        # "X, a long title and role, is set to visit": the verb follows the appositive.
        if text[end : end + 1] == ",":
            resume = text.find(",", end + 1, hi)
            if resume > 0:
                near += " " + text[resume : min(hi, resume + CUE_REACH)]
        cues = [m for m in PARTICIPATION.finditer(near) if not (event_done and _to_come(near, m))]
        if cues and not NON_PARTICIPATION.search(near):
            return True
    return False


# "will meet", "is set to visit", "is due to hold": a participation still to come.
_FUTURE_BEFORE = re.compile(
    r"\b(?:will|shall|(?:is|are) (?:set|due|scheduled|expected|going) to|(?:is|are) to|"
    r"plans? to)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)


def _to_come(near: str, cue: re.Match[str]) -> bool:
    return bool(_FUTURE_BEFORE.search(near[max(0, cue.start() - 40) : cue.start()]))


def meets_one_taking_part(
    text: str,
    spans: list[tuple[int, int]],
    taking_part: list[tuple[int, int]],
    event: EventFrame,
) -> bool:
    """Someone a person taking part meets, hosts or receives, or who meets one of them, in a
    sentence about this event: "Wang will meet his Russian counterpart, Sergei Lavrov", "Lavrov
    met Wang", "Wang and Lavrov held talks". The other side of a meeting takes part in it.
    `taking_part` are the mentions of those taking part; not of an event reported done, a
    meeting still to come ("X will meet with Y this evening" is another one)."""
    for start, end in spans[:12]:
        if only_where_or_before_a_noun(text, [(start, end)]):
            continue  # "arrives at the White House for a meeting with X": a place
        lo, hi = sentence_bounds(text, start, end)
        others = [
            (a, b) for a, b in taking_part if lo <= a and b <= hi and (b <= start or end <= a)
        ]
        sentence = text[lo:hi]
        if not others or OTHER_TIME.search(sentence) or NON_PARTICIPATION.search(sentence):
            continue
        if SEQUENCE.search(sentence):
            continue  # "X then met Y", "after lunch, X met Y": a later meeting the same day
        months = {m.rstrip(".") for m in _months_named(sentence)}
        if months and not months & event.months:
            continue  # "In March, Xi met Putin": another month, another meeting
        for a, b in others:
            first, second = (b, start) if b <= start else (end, a)
            later_end = max(end, b)
            if _meets_across(text[first:second], event.done) or _meet_together(
                text[first:second], text[later_end:hi], event.done
            ):
                return True
    return False


# Words that may stand between a verb of meeting and the one met: "met with his Russian
# counterpart, Sergei Lavrov", "hosted House Speaker Paul Ryan" say who the one met is.
_BETWEEN = frozenset({"with", "his", "her", "their", "its", "the", "a", "an"})
_WHO_AT_MOST = 6


def _meets_across(between: str, done: bool) -> bool:
    """ "<one> is to meet with his counterpart, <other>": a verb of meeting between the two
    names, at most a title and a possessive after it, no full stop or quotation between, and
    before it no verb of saying (then someone else may be the subject)."""
    verbs = list(MEETS_WITH.finditer(between))
    if not verbs or re.search(r"[.;:!?\"“”()]", between):
        return False
    verb = verbs[-1]
    head, tail = between[: verb.start()], between[verb.end() :]
    if len(head) > 80 or REPORTED_SPEECH.search(head):
        return False
    if done and _FUTURE_BEFORE.search(head[-40:]):
        return False
    return _who_they_are(tail.replace(",", " ").split())


def _who_they_are(words: list[str]) -> bool:
    """At most a possessive and a title: "with his Russian counterpart", "House Speaker"."""
    return len(words) <= _WHO_AT_MOST and all(
        w.lower() in _BETWEEN
        or w[:1].isupper()
        or title_word(w)
        or w.lower().startswith("counterpart")
        for w in words
    )


def _meet_together(between: str, after: str, done: bool) -> bool:
    """ "Wang and Lavrov held talks", "Wang and his counterpart Lavrov met": two subjects of one
    verb of meeting."""
    words = between.replace(",", " ").split()
    if not words or words[0].lower() != "and" or not _who_they_are(words[1:]):
        return False
    verb = _VERB_SOON.match(after)
    return verb is not None and not (done and _FUTURE_BEFORE.search(verb.group(1)))


# A verb of meeting within three words ("will hold talks", "met"), the words before it kept.
_VERB_SOON = re.compile(rf"\s*((?:[\w’'-]+\s+){{0,3}}?)(?:{MEETS_WITH.pattern})", re.IGNORECASE)


def hosts_or_invites(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether a person the model did not list takes part: they host or invite, in a sentence
    not about another time. A participation cue near the name is not enough for them (see
    named_people)."""
    return _hosts(text, spans) and not OTHER_TIME.search(sentences_with(text, spans[:1]))


# "The Red Cross says it acted as a neutral intermediary", "X said he met Y": the speaker tells
# what they themselves did, in the clause right after the verb of saying.
_SELF_REPORT = re.compile(
    rf"^[\s,]*(?:\w+\s+){{0,2}}?{alternation('speaker_after')}\s+(?:that\s+)?"
    r"(?:it|he|she|they|we|I)\s+([^.;:\"“”]{1,60})",
    re.IGNORECASE,
)


def _own_part(text: str, end: int, sentence_end: int) -> bool:
    found = _SELF_REPORT.match(text[end:sentence_end])
    return found is not None and bool(PARTICIPATION.search(found.group(1)))


# "said during a Statehouse news conference": a phrase of where or when, no speaker after it.
_SPEECH_SETTING = re.compile(rf"\b{alternation('speech_setting')}\b", re.IGNORECASE)


def _is_speaker(text: str, start: int, end: int) -> bool:
    if SPEAKER_AFTER.search(text[end : end + 40]):
        return True
    before = SPEAKER_BEFORE.search(text[max(0, start - 40) : start])
    # "said X", "according to X"; not "said during a X news conference": a phrase between.
    return before is not None and not _SPEECH_SETTING.search(
        before.group(0)[before.end(1) - before.start() :]
    )


# "Hayley Walsh, 42, a lecturer from Nottingham, said": who the speaker is, set off by commas
# between the name and the verb of saying (at most a line's worth, no quotation inside).
_APPOSED_SPEAKER = re.compile(
    rf"^\s*,([^.;:!?\"“”()\n]{{1,70}}?),\s*{alternation('speaker_after')}\b", re.IGNORECASE
)


def _speaks_as_described(text: str, end: int) -> bool:
    """The name is the subject of a verb of saying after an appositive that says who they are,
    not an outside commentator ("an analyst at X" comments on the event)."""
    found = _APPOSED_SPEAKER.match(text[end : end + 110])
    return found is not None and not COMMENTATORS.search(found.group(1))


# "Eric Reeves, one of the leading academic voices on Sudan, said", "said Mr. Reeves, a senior
# fellow at ...": an appositive right after the name says who a speaker is (up to the next comma
# or the sentence's end); "analyst Jane Doe", "Professor Roe": a title right before it.
_DESCRIPTION_AFTER = re.compile(r"\s*,\s*([^,.;:!?\"“”()\n]{1,90})")
_DESCRIBING = re.compile(r"(?:a|an|the|one|who\s+is)\b", re.IGNORECASE)
_DESCRIPTION_BEFORE = re.compile(rf"\b{alternation('commentator')}\s+$", re.IGNORECASE)


def _describes_a_commentator(description: str) -> bool:
    """ "a senior fellow at X", "one of the leading academic voices", or the word first
    ("senior fellow at X"); not "X, analysts say, will ...": there the word is a subject."""
    if _DESCRIBING.match(description):
        return bool(COMMENTATORS.search(description))
    # The office itself: the words before the body it is held at ("senior foreign exchange
    # trader and strategist at X"), at most six.
    office = re.split(r"\s+(?:at|of|for|with|in|from|on)\s+", description, maxsplit=1)[0]
    return bool(COMMENTATORS.search(" ".join(office.split()[:6]))) and not re.search(
        rf"\b{alternation('speech_verb')}\b|\bsays?\b", description, re.IGNORECASE
    )


def _described_as_commentator(text: str, spans: list[tuple[int, int]]) -> bool:
    """Somewhere the article says the speaker is an outside commentator (an analyst, an
    academic ...): what they say comments on the event, however often they speak. Not "analysts
    say X will ...": the word must describe the name, not stand in its sentence."""
    for start, end in spans:
        after = _DESCRIPTION_AFTER.match(text, end)
        if after and _describes_a_commentator(after.group(1)):
            return True
        if _DESCRIPTION_BEFORE.search(text[max(0, start - 40) : start]):
            return True
    return False


_MILITARY_TITLE = re.compile(rf"\b{alternation('military_title')}\b", re.IGNORECASE)
_GENERAL_FIRST = re.compile(rf"^{alternation('general_rank')}\b", re.IGNORECASE)


def speaks_in_office(role: str | None, text: str, speaking: list[tuple[int, int]]) -> bool:
    """Someone with an office ("chief negotiator", "Foreign Minister") who speaks in the
    article ("X said", "said X") at one of the `speaking` mentions, not described as an
    outside commentator: in a statement, or a chorus of reactions, they take part."""
    if not role or not any(title_word(w) for w in role.split()) or COMMENTATORS.search(role):
        return False
    return _speaks_not_as_commentator(text, speaking)


def _speaks_not_as_commentator(text: str, speaking: list[tuple[int, int]]) -> bool:
    """A verb of saying at one of the mentions ("X said", "said X", "X, a minister, said"),
    and nowhere described as an outside commentator."""
    return any(
        _is_speaker(text, a, b) or _speaks_as_described(text, b) for a, b in speaking
    ) and not _described_as_commentator(text, speaking)


def _in_uniform(p: Participant) -> bool:
    """A military title in the role or before the name ("Brigadier General", "exercise
    director", "Colonel Stuart Glenn"); "General" only where the title begins with it."""
    role = p.role or ""
    return bool(_MILITARY_TITLE.search(f"{role} {p.name}") or _GENERAL_FIRST.match(role))


def _hosts(text: str, spans: list[tuple[int, int]]) -> bool:
    """A mention right after "invitation extended by", "hosted by", or right before "invited",
    "will host": the host or the one who invited, who takes part (the gold convention)."""
    for start, end in spans[:12]:
        before = text[max(0, start - 45) : start]
        after = text[end : end + 25]
        lead = HOST_BEFORE.search(before)
        if lead and not re.search(r"[.;]", before[lead.end() :]):
            return True
        verb = HOST_AFTER.match(after.lstrip(" ,"))
        if verb and text[end : end + 2].strip(" ") in ("", ","):
            return True
    return False


_AFFILIATION_BEFORE = re.compile(
    rf"([\w-]+)\s+{alternation('affiliation_of')}\s+(?:the\s+)?((?:[\w’'.-]+\s+){{0,3}})$", re.I
)


def _only_as_affiliation(text: str, spans: list[tuple[int, int]]) -> bool:
    """Every mention names where someone serves: "secretary of the Russian Security Council",
    "a spokesperson for the Chinese Foreign Ministry". The person takes part, not the body."""

    def serving(a: int) -> bool:
        found = _AFFILIATION_BEFORE.search(text[max(0, a - 60) : a])
        if not found:
            return False
        head, between = found.group(1), found.group(2).split()
        if len(between) >= 2 and between[0][:1].isupper() and title_word(between[-1]):
            # "Party for the People leader Yuichiro Tamaki": a body's name runs on to the
            # leader's title, who is named; not "Lawyers for former President X", X's lawyers.
            return False
        # "secretary of", "members of", "Patrushev of the Russian Security Council"
        return title_word(head) or title_word(head.rstrip("s")) or head[:1].isupper()

    return bool(spans) and all(serving(a) for a, _ in spans)


def _only_as_source(text: str, spans: list[tuple[int, int]]) -> bool:
    """Every mention is a citation of where the news comes from: "(Reuters) -", "according to
    the BBC", "told AP", "Reuters reported", "[Photo/Agencies]". An outlet reports the event."""
    if not spans:
        return False
    for start, end in spans:
        before = text[max(0, start - 30) : start]
        after = text[end : end + 25]
        dateline = before.rstrip().endswith("(") and after.lstrip().startswith(")")
        cited = re.search(rf"(?:{SOURCE_BEFORE.pattern})\W*$", before, re.IGNORECASE)
        reports = re.match(rf"\W*(?:{SOURCE_AFTER.pattern})", after, re.IGNORECASE)
        # "[Photo/Agencies]", "AP:Associated Press": a picture credit
        credit = re.search(r"(?:/|\b[A-Z][\w.]*:\s*)$", before)
        if not (dateline or cited or reports or credit):
            return False
    return True


def check_attending(
    p: Participant,
    path: str,
    text: str,
    spans: list[tuple[int, int]],
    result: Validation,
    event: EventFrame,
    surname_spans: list[tuple[int, int]] | None = None,
) -> None:
    speaking = [*spans[:12], *(surname_spans or [])[:12]]
    if not p.attending:
        if _hosts(text, spans) and not OTHER_TIME.search(sentences_with(text, spans[:1])):
            p.attending = True
            result.record(f"{path}.attending", "repaired", "the host or inviter takes part")
            return
        if event.officials_speaking_take_part and speaks_in_office(p.role, text, speaking):
            p.attending = True
            result.record(f"{path}.attending", "repaired", "speaks in office in the statement")
            return
        result.record(f"{path}.attending", "supported")
        return
    if _only_as_affiliation(text, spans):
        p.attending = False
        result.record(f"{path}.attending", "repaired", "named only as someone's affiliation")
        return
    if _only_as_source(text, spans):
        p.attending = False
        result.record(f"{path}.attending", "repaired", "named only as a source of the report")
        return
    if only_where_or_before_a_noun(text, outside_headings(text, spans) or spans):
        p.attending = False
        result.record(f"{path}.attending", "repaired", "named only as a place or before a noun")
        return
    # Mentions include every occurrence of the name, those inside the evidence too; a cue
    # elsewhere in the quote may be about someone else.
    if _takes_part(text, spans, event.months, event.done):
        result.record(f"{path}.attending", "supported")
        return
    commands = not event.speakers_must_command or _in_uniform(p)
    if event.speakers_take_part and commands and _speaks_not_as_commentator(text, speaking):
        # The event is a statement, or of no named kind: who speaks in it takes part ("X
        # said", "according to X"), most often by surname after the first mention ("Holcomb
        # said"). Of armed action or an exercise, those who command it: a president or a spy
        # chief quoted on it comments.
        result.record(f"{path}.attending", "supported", "speaks in the event")
        return
    in_event = [(a, b) for a, b in spans for lo, hi in event.sentences if lo <= a and b <= hi]
    if in_event and not NON_PARTICIPATION.search(sentences_with(text, in_event)):
        # Named in the sentence that reports the event ("the UN's spokesman said ...", when the
        # statement is the event): the model's "takes part" stands.
        result.record(f"{path}.attending", "supported")
        return
    p.attending = False
    said_no = NON_PARTICIPATION.search(sentences_with(text, spans))
    reason = "the article says they do not take part" if said_no else "mentioned, not taking part"
    result.record(f"{path}.attending", "repaired", reason)
