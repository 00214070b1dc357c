"""Validator rules for the event: title, place, status and dates (see validate.py)."""

from __future__ import annotations

import re
from datetime import date

from summarizer.grounding.locate import locate
from summarizer.grounding.verdicts import (
    DATE_LINE,
    Validation,
    check_evidence,
    realign,
    sentences_with,
)
from summarizer.models import (
    MEETING_KINDS,
    ArticleSummary,
    EventKind,
    EventStatus,
    Evidence,
    FieldCheck,
    RejectedField,
)
from summarizer.text.cues import (
    EARLIER_TIME,
    FUTURE_EVENT,
    KIND_AGREEMENT,
    KIND_MEETING,
    KIND_MILITARY,
    KIND_RELEASE,
    KIND_SANCTIONS,
    KIND_VISIT,
    LATER_TIME,
    PARTICIPATION,
    PAST_EVENT,
    PRESS_EVENT,
    SAID_PAST,
    alternation,
)
from summarizer.text.dates import (
    find_date_phrase,
    find_date_phrases,
    read_dates,
    resolve_relative,
    starts_today,
)
from summarizer.text.entities import dateline_place
from summarizer.text.places import country_token, is_city, is_venue
from summarizer.text.sentences import split_sentences
from summarizer.text.words import (
    STOP,
    content,
    demonym_forms,
    fold,
    mentions,
    prefix_in_text,
    sentence_bounds,
    words,
)

# --------------------------------------------------------------------------- event


def check_event(s: ArticleSummary, text: str, result: Validation, keep: bool) -> None:
    ev = s.event
    if not ev.evidence:
        result.reaskable["event"] = "its quote was not found in the article"
        result.reject("event.evidence", ev.title, "no quote from the article supports the event")
        ev.unsupported.append("no quote from the article supports the event")
    else:
        check_evidence("event", ev.evidence[:1], result)
        _past_a_credit_line(s, text, result)
    _check_event_title(s, text, result)
    if ev.location:
        if _place_named(text, ev.location):
            result.record("event.location", "supported")
        else:
            result.reject("event.location", ev.location, "place not named in the article")
            if not keep:
                ev.location = None
    _check_event_kind(s, text, result)
    # A place the model gave that the text does not bear (or a link) is not replaced: its
    # verdict stands as the record of what the model said.
    if not any(c.field == "event.location" for c in result.checks):
        _place_from_event_sentence(s, text, result)
        _destination_of_visit(s, text, result)
        _place_from_dateline(s, text, result)
    _check_event_status(s, text, result)
    _date_from_event_sentence(s, text, result)
    _check_dates(s, text, result, keep)


# Fewer words than this cannot report an event: "[Photo/Agencies]", "Photo", "(AFP/Getty
# Images)", a credit or label the page's text keeps between a caption and the report.
_REPORT_WORDS = 4


def _past_a_credit_line(s: ArticleSummary, text: str, result: Validation) -> None:
    """The event's sentence is a picture credit or a label: a model citing sentence numbers
    is often one off. Of the sentences right before and after it, the one sharing more words
    with the model's own title and summary reports the event (the later on a tie: a credit
    ends the caption above the report)."""
    ev = s.event
    first = ev.evidence[0]
    if len(words(first.quote)) >= _REPORT_WORDS:
        return
    sentences = [x for x in split_sentences(text) if x.end > x.start]
    at = next((i for i, x in enumerate(sentences) if x.start <= first.start < x.end), None)
    if at is None:
        return
    wanted = set(content(f"{ev.title} {ev.summary}"))
    around = [sentences[i] for i in (at + 1, at - 1) if 0 <= i < len(sentences)]
    reports = [x for x in around if len(words(text[x.start : x.end])) >= _REPORT_WORDS]
    if not reports:
        return
    best = max(reports, key=lambda x: len(wanted & set(content(text[x.start : x.end]))))
    ev.evidence = [
        Evidence(
            quote=text[best.start : best.end], start=best.start, end=best.end, match="substituted"
        )
    ]
    result.record("event.evidence", "repaired", "the cited sentence is a credit or a label")


_AT_PLACE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?((?:[A-Z][\w'’.-]+)(?:\s+[A-Z][\w'’.-]+){0,2})")


def _place_from_event_sentence(s: ArticleSummary, text: str, result: Validation) -> None:
    """No place given for a meeting: the one city or venue its own sentence puts it in ("met
    ... at the White House", "talks in Geneva"). Not a country: "to discuss the war in
    Ukraine" names what the talks are about. Other kinds of event are left alone."""
    ev = s.event
    if ev.location or ev.kind not in MEETING_KINDS or not ev.evidence:
        return
    sentence = sentences_with(text, [(e.start, e.end) for e in ev.evidence[:1]])
    places = {
        name
        for m in _AT_PLACE.finditer(sentence)
        if (name := m.group(1).rstrip(".,"))
        and (is_city(name) or is_venue(name))
        and not re.search(r"['’]s$", name)
    }
    if len(places) == 1:
        ev.location = places.pop()
        result.record("event.location", "repaired", "the place the event's own sentence names")


_PLACE_WORDS = r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2}"
_GOING_TO = re.compile(rf"\b(?i:{alternation('visit_to')})\s+(?:the\s+)?({_PLACE_WORDS})")
_PLACE_VISIT = re.compile(rf"\b([A-Z][\w'’.-]+)\s+(?i:{alternation('visit_noun')})\b")


def _headline(s: ArticleSummary, text: str) -> str:
    """The page's title, else the text's first line (a plain-text article opens with it)."""
    return s.source.title or text.split("\n", 1)[0]


def _destination_of_visit(s: ArticleSummary, text: str, result: Validation) -> None:
    """No place for a visit: where the visitor goes, as the event's sentence (else the headline)
    names it: "a four-day mission to Russia", "visits Moscow", "plans China visit". One
    destination only: a tour of two capitals has no one place."""
    ev = s.event
    if ev.location or ev.kind != EventKind.VISIT or not ev.evidence:
        return
    sentence = sentences_with(text, [(e.start, e.end) for e in ev.evidence[:1]])
    for passage in (sentence, _headline(s, text)):
        found = {
            place
            for m in [*_GOING_TO.finditer(passage), *_PLACE_VISIT.finditer(passage)]
            if (place := _leading_place(m.group(1)))
        }
        if len(found) == 1:
            ev.location = found.pop()
            result.record("event.location", "repaired", "where the visit goes")
            return


def _leading_place(words: str) -> str | None:
    """The longest run of the first words that is a country, a city or a venue: "Russia For"
    in a headline in title case -> "Russia"."""
    parts = words.split()
    for size in range(len(parts), 0, -1):
        name = " ".join(parts[:size]).rstrip(".,;:")
        if country_token(name) or is_city(name) or is_venue(name):
            return re.sub(r"['’]s$", "", name)
    return None


# Events that happen away from the desk that reports them: strikes, attacks and sanctions land
# far from the capital a wire report is filed in, captives are freed in the field.
_EVENTS_ELSEWHERE = {EventKind.MILITARY, EventKind.ATTACK, EventKind.SANCTIONS, EventKind.RELEASE}


def _place_from_dateline(s: ArticleSummary, text: str, result: Validation) -> None:
    """Still no place: the report's dateline ("DUBLIN —", "INDIANAPOLIS (AP) —"), where what is
    said, held or voted on is reported from. On every gold article with a dateline (8 of 54)
    the dateline's place was the event's or an accepted form of it, except sanctions reported
    from London: a correspondent abroad (`_filed_abroad`)."""
    ev = s.event
    if ev.location or ev.kind in _EVENTS_ELSEWHERE:
        return
    span = dateline_place(text)
    if span and not _filed_abroad(span, text, _headline(s, text)):
        place = text[span[0] : span[1]]
        ev.location = place.title() if place.isupper() else place
        result.record("event.location", "repaired", "the place of the report's dateline")


_CAPITALISED_WORDS = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")


def _filed_abroad(span: tuple[int, int], text: str, headline: str) -> bool:
    """The headline and the dateline's sentence name countries, and the dateline's is not one of
    them: "LONDON — the American government plans to lift sanctions on Sudan" is filed by a
    correspondent away from what it reports. A town the gazetteer does not place
    ("INDIANAPOLIS", "LA CROSSE, Wis.") has no country to compare, and keeps its dateline."""
    home = country_token(text[span[0] : span[1]])
    if home is None:
        return False
    lo, hi = sentence_bounds(text, span[0], span[1])
    named = _countries_named(f"{headline}\n{text[lo : span[0]]} {text[span[1] : hi]}")
    return bool(named) and home not in named


def _countries_named(passage: str) -> set[str]:
    """The countries a passage names, by name, demonym or city ("United States", "American",
    "Sudan's"): every run of one to three capitalised words, so a headline in title case
    ("United States To Lift Sudan Sanctions") is read word by word too."""
    found = set()
    for run in _CAPITALISED_WORDS.findall(passage):
        words = run.split()
        for size in (1, 2, 3):
            for i in range(len(words) - size + 1):
                if token := country_token(" ".join(words[i : i + size])):
                    found.add(token)
    return found


def _date_from_event_sentence(s: ArticleSummary, text: str, result: Validation) -> None:
    """No date phrase given: the one the sentence reporting the event states, if any (its
    own words, so the year rules below apply unchanged)."""
    ev = s.event
    if ev.date_text or not ev.evidence:
        return
    phrase = find_date_phrase(sentences_with(text, [(e.start, e.end) for e in ev.evidence[:1]]))
    if phrase:
        ev.date_text = phrase
        result.record("event.date_text", "repaired", "date phrase of the event sentence")
        return
    # The lead of a news report dates what it reports ("... met on Thursday"): the first date
    # phrase of an opening sentence that names the event's participants. Not one naming none
    # of them: "the prime minister on Monday admitted he was concerned" dates his comment.
    # Only for what has happened: the lead of a report about a planned event dates the
    # announcement ("the ministry said on Thursday"), not the event.
    if ev.status not in (EventStatus.COMPLETED, EventStatus.ONGOING):
        return
    names = [p.name for p in s.participants if p.attending]
    for sentence in _lead_sentences(text):
        if any(mentions(sentence, n) for n in names) and (phrase := find_date_phrase(sentence)):
            ev.date_text = phrase
            result.record("event.date_text", "repaired", "date phrase of the article's lead")
            return


def _phrase_for_the_same_day(s: ArticleSummary, text: str, claimed: str) -> str | None:
    """The answer wrote a day in its own form ("2019-11-19", "September 18-21") that the text
    words differently ("on Tuesday", "from September 18 to 21"): the text's phrase for that
    same day, in the event's own sentence, or in the lead when that sentence dates nothing.
    Nothing is taken from the answer but the day; the phrase found is checked like any other.

    A copied time stamp claims the publication day, which "today" or a weekday of the lead
    also resolves to: in the lead a relative phrase counts only for what has happened (the
    lead of a report of a planned event dates the announcement)."""
    wanted = _month_day_and_year(claimed)
    if wanted is None or not s.event.evidence:
        return None
    published = _published_date(s.source.published)
    done = s.event.status in (EventStatus.COMPLETED, EventStatus.ONGOING)
    sentence = sentences_with(text, [(e.start, e.end) for e in s.event.evidence[:1]])
    own = find_date_phrases(sentence)
    for phrase in own or find_date_phrases(_lead(text)):
        day = _month_day_and_year(phrase)
        if day is None and (own or done):
            moved = resolve_relative(phrase, published, future=not done)
            day = _month_day_and_year(moved[0]) if moved else None
        if day and day[0] == wanted[0] and _same_year(day[1], wanted[1]):
            return phrase
    return None


def _same_year(one: str | None, other: str | None) -> bool:
    return one is None or other is None or one == other


def _month_day_and_year(phrase: str) -> tuple[str, str | None] | None:
    """("MM-DD", "YYYY" or None) of the first calendar date a phrase states; an ISO time
    stamp ("2016-11-10T15:43:00") reads as its day."""
    reading = read_dates(re.sub(r"(\d{4}-\d\d-\d\d)T[\d:.]+\S*", r"\1", phrase))
    if reading.start_date:
        return reading.start_date[5:], reading.start_date[:4]
    if reading.partial:
        return reading.partial[2:], None
    return None


def _lead(text: str, sentences: int = 3) -> str:
    """The opening sentences of the body: after a first line that is a headline."""
    return " ".join(_lead_sentences(text, sentences))


def _lead_sentences(text: str, sentences: int = 3) -> list[str]:
    lines = text.strip().split("\n", 1)
    body = lines[1] if len(lines) == 2 and len(lines[0]) < 200 else text
    return re.split(r"(?<=[.!?])\s+", body.strip(), maxsplit=sentences)[:sentences]


def _check_event_title(s: ArticleSummary, text: str, result: Validation) -> None:
    """Every proper noun of the title (a name, place or nationality) must be in the article.

    The title heads the memo; a model that writes "Russian-French talks" for a Russia-China
    meeting must not put France there. The article's own headline replaces such a title.
    """
    ev = s.event
    words = re.findall(r"(?<![\w'’])[A-Z][\w'’.]*", ev.title.replace("-", " "))
    proper = [re.sub(r"(?:['’]s?|\.)+$", "", word) for word in words]  # "Yi's" -> "Yi"
    missing = [
        word
        for word in proper
        if word.lower() not in STOP
        and not mentions(text, word)
        and not any(mentions(text, form) for form in demonym_forms(word))
        # Languages that capitalise every noun build compounds ("Außenministertreffen"):
        # a word whose first letters are in the text is not a new name.
        and not prefix_in_text(text, word)
    ]
    if not missing:
        result.record("event.title", "supported")
        return
    replacement = s.source.title or (ev.evidence[0].quote if ev.evidence else "")
    reason = f"title names {', '.join(missing)}, which the article does not"
    if replacement:
        result.record("event.title", "repaired", reason)
        ev.title = " ".join(replacement.split()[:16])
    else:
        result.record("event.title", "rejected", reason)
        result.rejected.append(RejectedField(field="event.title", value=ev.title, reason=reason))


def _place_named(text: str, place: str) -> bool:
    """Every word of the place occurs in the text (or its demonym: "Russian" names Russia)."""
    if mentions(text, place):
        return True
    needed = content(place)
    return bool(needed) and all(
        mentions(text, word) or any(mentions(text, form) for form in demonym_forms(word))
        for word in needed
    )




# The kinds a word of the event's own sentence or headline must name, and those words.
_KIND_WORDS = {
    EventKind.AGREEMENT: KIND_AGREEMENT,
    EventKind.RELEASE: KIND_RELEASE,
    EventKind.SANCTIONS: KIND_SANCTIONS,
}


def _check_event_kind(s: ArticleSummary, text: str, result: Validation) -> None:
    """A meeting, an agreement, a release or sanctions say so in the event's own sentence or
    the headline ("met", "talks", "signed a deal", "freed", "sanctions"); a vote, a price move,
    a death or a budget called one of them is the model's guess: the kind becomes "other". What
    someone says at a news conference, with no other word of meeting, is a statement."""
    ev = s.event
    cue = KIND_MEETING if ev.kind in MEETING_KINDS else _KIND_WORDS.get(ev.kind)
    if cue is None or not ev.evidence:
        return
    first = text[: text.find("\n", 1)] if "\n" in text[1:300] else text[:200]
    said = " ".join(
        [
            sentences_with(text, [(e.start, e.end) for e in ev.evidence[:1]]),
            s.source.title or "",
            first,
        ]
    )
    if ev.kind in MEETING_KINDS and _said_to_the_press(
        sentences_with(text, [(e.start, e.end) for e in ev.evidence[:1]])
    ):
        result.record("event.kind", "repaired", f"{ev.kind.value} -> statement: said to the press")
        ev.kind = EventKind.STATEMENT
        return
    # "was met with criticism" is no meeting: a passive "met" does not count ("were freed"
    # is a release), nor talks something puts at risk ("could ruin ceasefire talks").
    if any(
        cue is not KIND_MEETING
        or not (
            re.search(r"\b(?:was|were|been|be|is|are)\s+$", said[: m.start()])
            or _AT_RISK.search(said[max(0, m.start() - 40) : m.start()])
        )
        for m in cue.finditer(said)
    ):
        headline = f"{s.source.title or ''} {first}"
        if ev.kind in (EventKind.MEETING, EventKind.TALKS) and KIND_VISIT.search(headline):
            # "Wang Yi Visits Russia": the meetings are part of the visit the headline names
            # (a sentence may name another visit: "a week after a surprise visit to Kyiv").
            result.record("event.kind", "repaired", f"{ev.kind.value} -> visit: the headline's")
            ev.kind = EventKind.VISIT
            return
        result.record("event.kind", "supported")
        return
    headline = f"{s.source.title or ''} {first}"
    # "US, Manila launch war games", "India fires missiles": the headline names armed action.
    kind = EventKind.MILITARY if KIND_MILITARY.search(headline) else EventKind.OTHER
    result.record(
        "event.kind",
        "repaired",
        f"{ev.kind.value} -> {kind.value}: no word of it in the event's sentence or headline",
    )
    ev.kind = kind


# A verb of harm, then at most two words, before a word of meeting: "could ruin ceasefire talks".
_AT_RISK = re.compile(rf"\b{alternation('harm_to')}\s+(?:[\w-]+\s+){{0,2}}$", re.IGNORECASE)


def _said_to_the_press(sentence: str) -> bool:
    """ "Speaking at a news conference, X said ...": someone speaks to reporters, and no other
    word of meeting ("after their talks", "met") makes it a meeting of parties."""
    if not (PRESS_EVENT.search(sentence) and SAID_PAST.search(sentence)):
        return False
    return not KIND_MEETING.search(PRESS_EVENT.sub(" ", sentence))


def _check_event_status(s: ArticleSummary, text: str, result: Validation) -> None:
    """Done or still to come, as the event's sentence tells it. A hedge there ("'likely' fired",
    "could") qualifies what happened, not whether the event did: it changes nothing (on every
    stored answer and a held-out set, turning such events "speculative" was never right)."""
    ev = s.event
    quote = sentences_with(text, [(e.start, e.end) for e in ev.evidence[:1]])
    tense = _tense(quote)
    if ev.kind == EventKind.STATEMENT and SAID_PAST.search(quote):
        tense = "past"  # "X said he will present the case next week": the saying is done
    if ev.evidence and tense == "past" and ev.status == EventStatus.PLANNED:
        ev.status = EventStatus.COMPLETED
        result.record("event.status", "repaired", "the article reports it as having happened")
    elif (
        ev.evidence
        and tense == "future"
        and ev.status == EventStatus.COMPLETED
        # "will mail ... from today": it starts on the day of the report, not later
        and not starts_today(quote)
    ):
        ev.status = EventStatus.PLANNED
        result.record("event.status", "repaired", "the article reports it as still to come")
    else:
        result.record("event.status", "supported")


def _time_clash(date_text: str, status: EventStatus) -> str | None:
    """A date phrase pointing the other way in time from the event's status."""
    if status == EventStatus.COMPLETED and LATER_TIME.search(date_text):
        return f"{date_text!r} points to a later time than an event that has happened"
    if status == EventStatus.PLANNED and EARLIER_TIME.search(date_text):
        return f"{date_text!r} points to an earlier time than an event still to come"
    return None


def _tense(sentence: str) -> str | None:
    """'past' or 'future' when the event sentence says one and not the other."""
    past, future = PAST_EVENT.search(sentence), FUTURE_EVENT.search(sentence)
    if past and not future:
        return "past"
    if future and not past:
        return "future"
    return None


def _check_dates(
    s: ArticleSummary, text: str, result: Validation, keep: bool, stand_in: bool = True
) -> None:
    ev = s.event
    if not ev.date_text:
        if ev.start_date or ev.end_date:
            result.reject(
                "event.start_date", ev.start_date, "a date with no date phrase in the text"
            )
        ev.start_date = ev.end_date = ev.date_partial = None
        return
    found = _date_span(text, ev.date_text, ev.date_evidence, result)
    if found is None:
        result.reject("event.date_text", ev.date_text, "date phrase not found in the article")
        ev.start_date = ev.end_date = ev.date_partial = None
        if not keep:
            # A small model copies the publication line ("2017-12-27T13:37:13"): the phrase of
            # the sentence reporting the event stands in, checked like any other.
            _date_in_the_texts_words(s, text, result, keep, stand_in)
        return
    if clash := _time_clash(ev.date_text, ev.status):
        # "next month" for a meeting that has happened dates another event (the follow-up).
        result.reject("event.date_text", ev.date_text, clash)
        ev.start_date = ev.end_date = ev.date_partial = None
        if not keep:
            ev.date_text = None
        return
    if _is_page_furniture(text, found.start, found.end):
        result.reject("event.date_text", ev.date_text, "a page date (site header), not the event's")
        ev.start_date = ev.end_date = ev.date_partial = None
        if not keep:
            # The page's date line is no answer (nor is the same day elsewhere): the date
            # phrase of the event's sentence stands in.
            _date_in_the_texts_words(s, text, result, keep, stand_in, same_day=False)
        return
    _apply_dates(s, result)


def _date_in_the_texts_words(
    s: ArticleSummary,
    text: str,
    result: Validation,
    keep: bool,
    stand_in: bool,
    same_day: bool = True,
) -> None:
    """The answer's date phrase is not the text's (or only the page's date line): the text's
    words for the same day, else the date phrase of the event's sentence or the lead, checked
    like any other, once."""
    ev = s.event
    claimed, ev.date_text = ev.date_text, None
    if not stand_in or claimed is None:
        return
    if same_day and (phrase := _phrase_for_the_same_day(s, text, claimed)):
        ev.date_text = phrase
        result.record("event.date_text", "repaired", "the article's words for that day")
    else:
        _date_from_event_sentence(s, text, result)
    if ev.date_text:
        _check_dates(s, text, result, keep, stand_in=False)


def _date_span(
    text: str, date_text: str, evidence: list[Evidence], result: Validation
) -> Evidence | None:
    """Where the date phrase stands: its recorded span if that really reads the phrase."""
    if realign(text, evidence):
        result.record("event.date_evidence", "repaired", "offsets did not match; re-located")
    for span in evidence:
        if fold(span.quote).strip(" .,") == fold(date_text).strip(" .,"):
            return span
    found = locate(text, date_text, fuzzy=False)
    if found is None:
        return None
    span = Evidence(quote=text[found.start : found.end], start=found.start, end=found.end)
    evidence[:] = [span]
    return span


def _apply_dates(s: ArticleSummary, result: Validation) -> None:
    ev = s.event
    claimed = (ev.start_date, ev.end_date)
    _read_event_dates(s, result)
    if claimed[0] and claimed != (ev.start_date, ev.end_date):
        result.checks[-1] = FieldCheck(
            field="event.date",
            status="repaired" if ev.start_date or ev.date_partial else "rejected",
            reason=f"{claimed[0]} is not what the text supports ({ev.date_text!r})",
        )
        if result.checks[-1].status == "rejected":
            result.rejected.append(
                RejectedField(
                    field="event.start_date", value=claimed[0], reason="no such date in the text"
                )
            )


def _read_event_dates(s: ArticleSummary, result: Validation) -> None:
    ev = s.event
    reading = read_dates(ev.date_text)
    ev.start_date, ev.end_date, ev.date_partial = (
        reading.start_date,
        reading.end_date,
        reading.partial,
    )
    if reading.start_date:
        ev.date_basis = "stated"
        result.record("event.date", "supported", "full date stated in the article")
        return
    published = _published_date(s.source.published)
    relative = resolve_relative(
        ev.date_text or "",
        published,
        # Done or under way: "on Sunday" is the last Sunday, not the next one.
        future=ev.status not in (EventStatus.COMPLETED, EventStatus.ONGOING),
    )
    if relative is not None and published is not None:
        ev.start_date, ev.end_date = relative
        ev.date_basis = f"relative to publication date {published.isoformat()}"
        result.record("event.date", "repaired", f"{ev.date_text!r} resolved against {published}")
    elif reading.partial:
        ev.date_basis = "partial: the article gives no year"
        result.record("event.date", "supported", "day and month only; the year stays unknown")
    else:
        result.record("event.date", "supported", "no calendar date in the phrase")


def _published_date(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _is_page_furniture(text: str, start: int, end: int) -> bool:
    """A date that stands alone on a short line near the top is the site's date header."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    near_top = text.count("\n", 0, start) < 8
    return (
        near_top
        and len(line) <= 40
        and bool(DATE_LINE.match(line))
        and not PARTICIPATION.search(line)
    )
