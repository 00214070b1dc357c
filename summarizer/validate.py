"""The grounding validator: every field of a summary checked against the source text.

Pure functions over (summary, text). Each check ends in one of three verdicts:
- supported: the field stands as the model gave it;
- repaired: the field was corrected from the text (a fuzzy quote replaced by the real span,
  a hedged agenda item marked speculative, a relative date resolved, a role dropped as unstated);
- rejected: the field (or the whole item) cannot be proven and is removed from the main fields,
  kept under `grounding.rejected` with the reason (or kept and marked, with keep_unsupported).

What the rules look at, and why:
- evidence: every item needs a located quote (exact, normalized or fuzzy, see ground.locate);
- names must occur in the text; roles, affiliations and attributions must be stated near a
  mention of the person or in the item's evidence (a window of text, not the whole article,
  so a title given to someone else does not count);
- a stance's evidence must name its actor, or refer to it with a pronoun right after a mention;
- attending needs a participation cue (visit, meet, talks, host, ...) in the evidence or in the
  sentences that mention the person, not just a mention;
- agenda and event modality follow the hedges in the evidence ("may", "could", "likely",
  "analysts", "expected to");
- dates come only from a located date phrase: stated in full, or a relative phrase resolved
  against the publication date (and said so); a day and month alone stay partial; a date on a
  line of its own at the top of the page is page furniture, not the event's date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from summarizer.dates import read_dates, resolve_relative
from summarizer.ground import locate
from summarizer.models import (
    AgendaItem,
    AgendaStatus,
    ArticleSummary,
    EventStatus,
    Evidence,
    FieldCheck,
    GroundingReport,
    Participant,
    RejectedField,
    Stance,
)
from summarizer.support import (
    STOP,
    appositive_context,
    content,
    demonym_forms,
    fold,
    mentions,
    name_in_text,
    sentence_bounds,
    stated,
)

# Bump when a rule changes: it enters the cache key, so old verdicts are not replayed.
VALIDATOR_VERSION = "5"
_HEDGES = re.compile(
    r"\b(may|might|could|likely|unlikely|probabl\w*|possibl\w*|perhaps|speculat\w*|"
    r"rumou?r\w*|reportedly|believed|thought to|understood to|said to be|hint\w*|"
    r"analysts?|commentators?|observers?|experts?|researchers?|research fellow|scholars?|"
    r"professors?|think tank)\b|可能|或将|或许|也许|分析人士|专家|观察人士",
    re.IGNORECASE,
)
_EXPECTATION = re.compile(r"\b(expect\w*|anticipat\w*|predict\w*)\b|预计|预期", re.IGNORECASE)
_PARTICIPATION = re.compile(
    r"\b(visit\w*|meet|meets|meeting|met|talks|attend\w*|host\w*|arriv\w*|travel\w*|trip|"
    r"holds?|held|conven\w*|leads?|led(?! by)|sign\w*|take part|took part|taking part|"
    r"participat\w*|"
    r"join\w*|welcom\w*|receiv\w*|discuss\w*|consult\w*|embark\w*|negotiat\w*|mission|"
    r"counterparts?|invit\w*|sat down|summit|releas\w*|freed|frees|handed over|hand over|"
    r"broker\w*|mediat\w*|swap\w*|exchang\w*)\b|会见|会谈|访问|出席|参加|举行|邀请",
    re.IGNORECASE,
)
_NON_PARTICIPATION = re.compile(
    r"\b(will not (?:take part|attend|join)|did not (?:take part|attend|join)|not attend\w*|"
    r"absent|skipp\w*|declined to attend)\b",
    re.IGNORECASE,
)
# Sentences about another time describe another event, not this one.
_OTHER_TIME = re.compile(
    r"\b(last (?:week|month|year)|earlier this (?:week|month|year)|previously|ago|former|"
    r"in (?:19|20)\d\d|(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# What an injected instruction would try to slip into a summary: links and markup.
_FOREIGN = re.compile(
    r"!?\[[^\]]*\]\([^)]*\)"  # markdown links and images
    r"|(?:https?://|ftp://|www\.)[^\s<>\"')\]]+"  # URLs
    r"|<\s*/?\s*[a-zA-Z][^<>]*>"  # HTML tags
    r"|\bjavascript:\S*|\bdata:[\w/+.-]+;\S*",
    re.IGNORECASE,
)
_STRING_FIELDS = {
    "event": ("title", "summary", "location", "date_text"),
    "participants": ("name", "role", "affiliation"),
    "agenda": ("topic", "attributed_to"),
    "stances": ("actor", "topic", "position"),
}
_CUE_REACH = 80  # characters around a mention where a participation cue must stand
# "X said", "according to X", "X, a spokesperson": a speaker reports the event, or comments.
_SPEAKER_AFTER = re.compile(
    r"^[\s,]*(?:\w+\s+){0,2}?(said|says|stated|told|added|noted|explained|commented|"
    r"announced|spokes\w*)\b",
    re.IGNORECASE,
)
_SPEAKER_BEFORE = re.compile(
    r"\b(said|says|according to|spokes\w*|told by)\s*[\w\s,]{0,25}$", re.IGNORECASE
)
_PRONOUNS = re.compile(r"\b(he|she|they|it|his|her|their|its)\b", re.IGNORECASE)
_DATE_LINE = re.compile(r"^\W*(?:\w+\W+){0,5}\w*\W*$")  # a short line, like a page date header


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


# --------------------------------------------------------------------------- entry point


def validate(
    summary: ArticleSummary, *, keep_unsupported: bool = False, reasked: set[str] | None = None
) -> Validation:
    """Check every field; return the summary with repairs applied and rejections removed.

    With keep_unsupported, rejected items stay in place, marked with `unsupported` reasons.
    `reasked` names the items whose evidence a targeted re-ask supplied: grounded that way, their
    evidence counts as repaired.
    """
    text = summary.source.text
    result = Validation(summary=summary.model_copy(deep=True), reasked=set(reasked or ()))
    s = result.summary
    _strip_foreign_content(s, text, result)
    _check_event(s, text, result, keep_unsupported)
    s.participants = _kept(
        (_check_participant(p, i, text, result) for i, p in enumerate(s.participants)),
        s.participants,
        keep_unsupported,
    )
    s.agenda = _kept(
        (_check_agenda(a, i, text, result) for i, a in enumerate(s.agenda)),
        s.agenda,
        keep_unsupported,
    )
    s.stances = _kept(
        (_check_stance(st, i, text, result) for i, st in enumerate(s.stances)),
        s.stances,
        keep_unsupported,
    )
    return result


def _strip_foreign_content(s: ArticleSummary, text: str, result: Validation) -> None:
    """Remove links and markup the article does not contain from every model-written string.

    An article can carry instructions ("add this link"); whatever the model did with them, a
    URL or tag that is not in the source never reaches the output.
    """
    for kind, names in _STRING_FIELDS.items():
        items = [s.event] if kind == "event" else getattr(s, kind)
        for index, item in enumerate(items):
            for name in names:
                value = getattr(item, name)
                if not value:
                    continue
                cleaned = _FOREIGN.sub(lambda m: m.group(0) if m.group(0) in text else "", value)
                if cleaned == value:
                    continue
                cleaned = " ".join(cleaned.split()).strip(" ,;:-")
                path = kind if kind == "event" else f"{kind}[{index}]"
                reason = "link or markup not in the article removed"
                result.record(f"{path}.{name}", "repaired" if cleaned else "rejected", reason)
                if not cleaned:
                    # Keep what was said, minus the link itself: it must not reach any output.
                    shown = _FOREIGN.sub("[removed]", value)
                    result.rejected.append(
                        RejectedField(field=f"{path}.{name}", value=shown, reason=reason)
                    )
                setattr(item, name, cleaned or _EMPTY.get(name))


# What a field becomes when nothing of it survives: required strings keep a placeholder.
_EMPTY: dict[str, str | None] = {
    "title": "(untitled)",
    "summary": "",
    "name": "",
    "topic": "",
    "actor": "",
    "position": "",
}


def _kept(verdicts: Iterable[str | None], items: list[Any], keep: bool) -> list[Any]:
    """Items whose verdict is None survive; the others are dropped, or kept and marked."""
    kept = []
    for verdict, item in zip(verdicts, items, strict=True):
        if verdict is None:
            kept.append(item)
        elif keep:
            item.unsupported.append(verdict)
            kept.append(item)
    return kept


# --------------------------------------------------------------------------- evidence


def _check_evidence(path: str, evidence: list[Evidence], result: Validation) -> bool:
    text = result.summary.source.text
    moved = _realign(text, evidence)
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


def _realign(text: str, evidence: list[Evidence]) -> bool:
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


def _evidence_window(text: str, evidence: list[Evidence], reach: int = 0) -> str:
    return " ".join(text[max(0, e.start - reach) : e.end + reach] for e in evidence)


# --------------------------------------------------------------------------- names and mentions


def _sentences_with(text: str, spans: list[tuple[int, int]]) -> str:
    return " ".join(text[lo:hi] for lo, hi in (sentence_bounds(text, a, b) for a, b in spans[:12]))


# --------------------------------------------------------------------------- participants


def _check_participant(p: Participant, i: int, text: str, result: Validation) -> str | None:
    path = f"participants[{i}]"
    spans = mentions(text, p.name)
    if spans:
        result.record(f"{path}.name", "supported")
    else:
        spelled = name_in_text(text, p.name)
        if spelled is None:
            reason = f"name {p.name!r} does not occur in the article"
            result.reject(path, p.model_dump(exclude={"evidence"}), reason)
            return reason
        result.record(f"{path}.name", "repaired", f"{p.name!r} is spelled {spelled!r} here")
        p.name, spans = spelled, mentions(text, spelled)
    if not p.evidence:
        # The person is in the text even if the model's quote is not: the sentence that names
        # them (one showing participation, if any) becomes the evidence, and says so.
        p.evidence = [_naming_sentence(text, spans)]
        result.record(f"{path}.evidence", "repaired", "quote replaced by the sentence naming them")
    else:
        _check_evidence(path, p.evidence, result)
    context = " ".join(appositive_context(text, a, b) for a, b in spans[:12])
    for attr in ("role", "affiliation"):
        value = getattr(p, attr)
        if value is None:
            continue
        if stated(value, context):
            result.record(f"{path}.{attr}", "supported")
        else:
            result.reject(f"{path}.{attr}", value, f"{attr} {value!r} is not stated for {p.name}")
            setattr(p, attr, None)
    _check_attending(p, path, text, spans, result)
    return None


def _naming_sentence(text: str, spans: list[tuple[int, int]]) -> Evidence:
    bounds = [sentence_bounds(text, start, end) for start, end in spans[:12]]
    lo, hi = next((b for b in bounds if _PARTICIPATION.search(text[b[0] : b[1]])), bounds[0])
    return Evidence(quote=text[lo:hi], start=lo, end=hi, match="exact")


def _takes_part(text: str, spans: list[tuple[int, int]]) -> bool:
    """A participation cue close to a mention, in a sentence not about another time."""
    for start, end in spans[:12]:
        lo, hi = sentence_bounds(text, start, end)
        if _OTHER_TIME.search(text[lo:hi]) or _is_speaker(text, start, end):
            continue
        near = text[max(lo, start - _CUE_REACH) : min(hi, end + _CUE_REACH)]
        # "X, a long title and role, is set to visit": the verb follows the appositive.
        if text[end : end + 1] == ",":
            resume = text.find(",", end + 1, hi)
            if resume > 0:
                near += " " + text[resume : min(hi, resume + _CUE_REACH)]
        if _PARTICIPATION.search(near) and not _NON_PARTICIPATION.search(near):
            return True
    return False


def _is_speaker(text: str, start: int, end: int) -> bool:
    return bool(
        _SPEAKER_AFTER.search(text[end : end + 40])
        or _SPEAKER_BEFORE.search(text[max(0, start - 40) : start])
    )


def _check_attending(
    p: Participant, path: str, text: str, spans: list[tuple[int, int]], result: Validation
) -> None:
    if not p.attending:
        result.record(f"{path}.attending", "supported")
        return
    # Mentions include every occurrence of the name, those inside the evidence too; a cue
    # elsewhere in the quote may be about someone else.
    if _takes_part(text, spans):
        result.record(f"{path}.attending", "supported")
        return
    p.attending = False
    said_no = _NON_PARTICIPATION.search(_sentences_with(text, spans))
    reason = "the article says they do not take part" if said_no else "mentioned, not taking part"
    result.record(f"{path}.attending", "repaired", reason)


# --------------------------------------------------------------------------- agenda and stances


def _check_agenda(a: AgendaItem, i: int, text: str, result: Validation) -> str | None:
    path = f"agenda[{i}]"
    if not _check_evidence(path, a.evidence, result):
        reason = "no quote from the article supports this agenda item"
        result.reject(path, a.model_dump(exclude={"evidence"}), reason)
        return reason
    window = _evidence_window(text, a.evidence, reach=60)
    if stated(a.topic, window, share=0.5):
        result.record(f"{path}.topic", "supported")
    else:
        reason = f"topic {a.topic!r} is not what the quote talks about"
        result.reject(path, a.model_dump(exclude={"evidence"}), reason)
        return reason
    _check_modality(a, path, text, result)
    if a.attributed_to:
        around = _evidence_window(text, a.evidence, reach=400)
        if stated(a.attributed_to, around, share=0.5):
            result.record(f"{path}.attributed_to", "supported")
        else:
            result.reject(
                f"{path}.attributed_to", a.attributed_to, "source not named near the quote"
            )
            a.attributed_to = None
    return None


def expected_modality(evidence_text: str, attributed_to: str | None) -> AgendaStatus | None:
    """The status the wording demands, or None when the wording does not decide."""
    if _HEDGES.search(evidence_text) or (attributed_to and _HEDGES.search(attributed_to)):
        return AgendaStatus.SPECULATIVE
    if _EXPECTATION.search(evidence_text):
        return AgendaStatus.EXPECTED
    return None


def _check_modality(a: AgendaItem, path: str, text: str, result: Validation) -> None:
    sentence = _sentences_with(text, [(e.start, e.end) for e in a.evidence])
    demanded = expected_modality(sentence, a.attributed_to)
    stronger = {AgendaStatus.ANNOUNCED: 0, AgendaStatus.EXPECTED: 1, AgendaStatus.SPECULATIVE: 2}
    if demanded is not None and stronger[demanded] > stronger[a.status]:
        old = a.status
        a.status = demanded
        result.record(
            f"{path}.status", "repaired", f"{old.value} -> {demanded.value}: hedged wording"
        )
    else:
        result.record(f"{path}.status", "supported")


def _check_stance(st: Stance, i: int, text: str, result: Validation) -> str | None:
    path = f"stances[{i}]"
    if not _check_evidence(path, st.evidence, result):
        reason = "no quote from the article supports this stance"
        result.reject(path, st.model_dump(exclude={"evidence"}), reason)
        return reason
    sentence = _sentences_with(text, [(e.start, e.end) for e in st.evidence])
    before = _evidence_window(text, st.evidence, reach=0)
    preceding = " ".join(text[max(0, e.start - 300) : e.start] for e in st.evidence)
    if stated(st.actor, sentence, share=0.5) or (
        _PRONOUNS.search(before) and stated(st.actor, preceding, share=0.5)
    ):
        result.record(f"{path}.actor", "supported")
    else:
        result.reaskable[path] = f"the quote does not name {st.actor!r}"
        reason = f"the quote does not name or refer to {st.actor!r}"
        result.reject(path, st.model_dump(exclude={"evidence"}), reason)
        return reason
    if stated(st.topic, _evidence_window(text, st.evidence, reach=200), share=0.5):
        result.record(f"{path}.topic", "supported")
    else:
        reason = f"topic {st.topic!r} is not in the quote"
        result.reject(path, st.model_dump(exclude={"evidence"}), reason)
        return reason
    return None


# --------------------------------------------------------------------------- event


def _check_event(s: ArticleSummary, text: str, result: Validation, keep: bool) -> None:
    ev = s.event
    if not ev.evidence:
        result.reaskable["event"] = "its quote was not found in the article"
        result.reject("event.evidence", ev.title, "no quote from the article supports the event")
        ev.unsupported.append("no quote from the article supports the event")
    else:
        _check_evidence("event", ev.evidence[:1], result)
    _check_event_title(s, text, result)
    if ev.location:
        if _place_named(text, ev.location):
            result.record("event.location", "supported")
        else:
            result.reject("event.location", ev.location, "place not named in the article")
            if not keep:
                ev.location = None
    _check_event_status(s, text, result)
    _check_dates(s, text, result, keep)


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
        # a word whose stem is in the text is not a new name.
        and not (len(word) >= 5 and mentions_stem(text, word))
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


def mentions_stem(text: str, word: str) -> bool:
    return word[:5].lower() in text.lower()


def _place_named(text: str, place: str) -> bool:
    """Every word of the place occurs in the text (or its demonym: "Russian" names Russia)."""
    if mentions(text, place):
        return True
    needed = content(place)
    return bool(needed) and all(
        mentions(text, word) or any(mentions(text, form) for form in demonym_forms(word))
        for word in needed
    )


def _check_event_status(s: ArticleSummary, text: str, result: Validation) -> None:
    ev = s.event
    quote = _sentences_with(text, [(e.start, e.end) for e in ev.evidence[:1]])
    if (
        ev.status != EventStatus.SPECULATIVE
        and ev.evidence
        and _HEDGES.search(quote)
        and not _PARTICIPATION.search(quote)
    ):
        ev.status = EventStatus.SPECULATIVE
        result.record("event.status", "repaired", "hedged wording: the event is not confirmed")
    else:
        result.record("event.status", "supported")


def _check_dates(s: ArticleSummary, text: str, result: Validation, keep: bool) -> None:
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
            ev.date_text = None
        return
    if _is_page_furniture(text, found.start, found.end):
        result.reject("event.date_text", ev.date_text, "a page date (site header), not the event's")
        ev.start_date = ev.end_date = ev.date_partial = None
        if not keep:
            ev.date_text = None
        return
    _apply_dates(s, result)


def _date_span(
    text: str, date_text: str, evidence: list[Evidence], result: Validation
) -> Evidence | None:
    """Where the date phrase stands: its recorded span if that really reads the phrase."""
    if _realign(text, evidence):
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
        ev.date_text or "", published, future=ev.status != EventStatus.COMPLETED
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
        and bool(_DATE_LINE.match(line))
        and not _PARTICIPATION.search(line)
    )


# --------------------------------------------------------------------------- re-ask support


def reask_label(summary: ArticleSummary, path: str) -> str:
    """How a failed item is named to the model in a targeted re-ask."""
    if path == "event":
        return f"the event {summary.event.title!r}"
    kind, index = path.rstrip("]").split("[")
    item = getattr(summary, kind)[int(index)]
    if isinstance(item, Participant):
        return f"participant {item.name!r}"
    if isinstance(item, AgendaItem):
        return f"agenda item {item.topic!r}"
    return f"stance of {item.actor!r} on {item.topic!r}"


def apply_evidence(summary: ArticleSummary, path: str, evidence: list[Evidence]) -> bool:
    """Replace the evidence of the item at `path` (in place); False if there is no such item."""
    if path == "event":
        summary.event.evidence = evidence
        return True
    kind, index = path.rstrip("]").split("[")
    items = getattr(summary, kind, None)
    if items is None or not 0 <= int(index) < len(items):
        return False
    items[int(index)].evidence = evidence
    return True
