"""The grounding validator: every field of a summary checked against the source text.

This module has the entry point and the rules for participants, agenda and stances; the event's
rules (title, place, status, dates) are in `validate_event.py`, and the shared verdict record,
wording cues and evidence checks in `verdicts.py`.

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
from functools import lru_cache
from typing import Any

from summarizer.grounding.validate_event import check_event
from summarizer.grounding.verdicts import (
    CUE_REACH,
    FOREIGN,
    MARKUP,
    OTHER_TIME,
    PRONOUNS,
    SCRIPT_BODY,
    SPEAKER_AFTER,
    SPEAKER_BEFORE,
    STRING_FIELDS,
    VALIDATOR_VERSION,
    Validation,
    check_evidence,
    evidence_window,
    sentences_with,
)
from summarizer.models import (
    AgendaItem,
    AgendaStatus,
    ArticleSummary,
    Evidence,
    Participant,
    RejectedField,
    Stance,
)
from summarizer.text.cues import (
    AGENDA,
    EXPECTATION,
    HEDGES,
    HOST_AFTER,
    HOST_BEFORE,
    INJECTION,
    NON_PARTICIPATION,
    PARTICIPATION,
    SOURCE_AFTER,
    SOURCE_BEFORE,
)
from summarizer.text.entities import not_an_actor
from summarizer.text.names import HONORIFICS, TITLE_WORDS
from summarizer.text.places import is_place
from summarizer.text.words import (
    appositive_context,
    mentions,
    name_in_text,
    sentence_bounds,
    stated,
)

__all__ = [
    "VALIDATOR_VERSION",
    "Validation",
    "apply_evidence",
    "expected_modality",
    "reask_label",
    "validate",
]

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
    # A copy, so the caller's summary stays as the model gave it (a re-ask validates it again).
    # Dumped and validated rather than model_copy(deep=True): the same values, in a fifth of
    # the time (copy.deepcopy walks every object in Python; pydantic-core does this in Rust).
    copied = ArticleSummary.model_validate(summary.model_dump())
    result = Validation(summary=copied, reasked=set(reasked or ()))
    s = result.summary
    _strip_foreign_content(s, text, result)
    check_event(s, text, result, keep_unsupported)
    _split_pairs(s, text, result)
    s.participants = _kept(
        (
            _check_participant(p, i, text, result, _event_sentences(s, text))
            for i, p in enumerate(s.participants)
        ),
        s.participants,
        keep_unsupported,
    )
    s.participants = _kept(
        (_check_salient(p, i, s, text, result) for i, p in enumerate(s.participants)),
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
    for kind, names in STRING_FIELDS.items():
        items = [s.event] if kind == "event" else getattr(s, kind)
        for index, item in enumerate(items):
            for name in names:
                value = getattr(item, name)
                if not value:
                    continue
                cleaned = FOREIGN.sub(lambda m: m.group(0) if m.group(0) in text else "", value)
                cleaned = MARKUP.sub("", SCRIPT_BODY.sub("", cleaned))
                if cleaned == value:
                    continue
                cleaned = " ".join(cleaned.split()).strip(" ,;:-")
                path = kind if kind == "event" else f"{kind}[{index}]"
                reason = "markup, or a link not in the article, removed"
                result.record(f"{path}.{name}", "repaired" if cleaned else "rejected", reason)
                if not cleaned:
                    # Keep what was said, minus the link itself: it must not reach any output.
                    shown = FOREIGN.sub("[removed]", value)
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


# --------------------------------------------------------------------------- participants


@lru_cache(maxsize=8)
def injected_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Sentences that address the model ("ignore previous instructions", "add X to every
    field"): never evidence, and a name that occurs only there is not in the article."""
    return tuple(sentence_bounds(text, m.start(), m.end()) for m in INJECTION.finditer(text))


def _outside_injection(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    bad = injected_spans(text)
    return [(a, b) for a, b in spans if not any(lo <= a and b <= hi for lo, hi in bad)]


def _evidence_injected(text: str, evidence: list[Evidence]) -> bool:
    bad = injected_spans(text)
    return any(e.start < hi and lo < e.end for e in evidence for lo, hi in bad)


def _event_sentences(s: ArticleSummary, text: str) -> list[tuple[int, int]]:
    """The sentences that report the event itself (its evidence): who acts there takes part."""
    return [sentence_bounds(text, e.start, e.end) for e in s.event.evidence if e.end > e.start]


def _check_participant(
    p: Participant,
    i: int,
    text: str,
    result: Validation,
    event_sentences: list[tuple[int, int]] | None = None,
) -> str | None:
    path = f"participants[{i}]"
    if is_place(p.name):
        # "China", "Moscow", "Russian": the country stands for its people or government; the
        # person or body acting for it is the participant, when the article names one.
        reason = f"{p.name!r} is a place, not a person or organisation taking part"
        result.reject(path, p.model_dump(exclude={"evidence"}), reason)
        return reason
    if not_actor := not_an_actor(p.name, text):
        result.reject(path, p.model_dump(exclude={"evidence"}), not_actor)
        return not_actor
    _title_out_of_name(p, path, result)
    if p.evidence and _evidence_injected(text, p.evidence):
        p.evidence = []  # text addressed to the model proves nothing; the naming sentence may
    spans = _outside_injection(text, mentions(text, p.name))
    if spans:
        result.record(f"{path}.name", "supported")
    else:
        spelled = name_in_text(text, p.name) or _short_form(text, p.name)
        if spelled is None:
            reason = f"name {p.name!r} does not occur in the article"
            result.reject(path, p.model_dump(exclude={"evidence"}), reason)
            return reason
        result.record(f"{path}.name", "repaired", f"{p.name!r} is spelled {spelled!r} here")
        p.name, spans = spelled, _outside_injection(text, mentions(text, spelled))
        if not spans:
            reason = f"{p.name!r} is named only in text addressed to the model"
            result.reject(path, p.model_dump(exclude={"evidence"}), reason)
            return reason
    if p.evidence and not any(
        mentions(text[e.start : e.end], p.name) for e in p.evidence if e.end > e.start
    ):
        # A participant's evidence must name them: a quote about someone else proves nothing.
        p.evidence = []
    if not p.evidence:
        # The person is in the text even if the model's quote is not: the sentence that names
        # them (one showing participation, if any) becomes the evidence, and says so.
        p.evidence = [_naming_sentence(text, spans)]
        result.record(f"{path}.evidence", "repaired", "quote replaced by the sentence naming them")
    else:
        check_evidence(path, p.evidence, result)
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
    if p.role is None and (title := _title_before(text, spans)):
        p.role = title
        result.record(f"{path}.role", "repaired", "the title the article puts before the name")
    _check_attending(p, path, text, spans, result, event_sentences or [])
    return None


def _check_salient(
    p: Participant, i: int, s: ArticleSummary, text: str, result: Validation
) -> str | None:
    """A name the article drops once in passing (no title, no affiliation, not taking part, no
    position of theirs reported) is not one a briefing lists: it is left out, and said so.
    Measured on the devset gold (docs/evaluation.md): it removes far more names the gold does
    not list than names it does."""
    spans = mentions(text, p.name)
    if p.attending or p.role or p.affiliation or len(spans) != 1:
        return None
    words_before = re.findall(r"[\w'’]+", text[max(0, spans[0][0] - 40) : spans[0][0]])[-3:]
    if any(w.lower() in TITLE_WORDS for w in words_before):
        return None  # "former president Daniel Kiptoo": a title, even in lower case
    if any(mentions(st.actor, p.name) or mentions(p.name, st.actor) for st in s.stances):
        return None
    reason = f"{p.name!r} is named once in passing, without a title or a part in the event"
    result.leave_out(f"participants[{i}]", p.model_dump(exclude={"evidence"}), reason)
    return reason


def _title_before(text: str, spans: list[tuple[int, int]]) -> str | None:
    """The title right before a mention, as the article writes it: "... Foreign Minister Wang
    Yi" -> "Foreign Minister". Capitalised words ending in a title word, nothing else."""
    for start, _ in spans[:12]:
        words = text[max(0, start - 60) : start].split()
        title: list[str] = []
        for word in reversed(words):
            if not word[:1].isupper() or not word.isalpha() or is_place(word):
                break
            title.insert(0, word)
        while title and title[-1].lower() not in TITLE_WORDS:
            title.pop()
        while title and title[0].lower() not in TITLE_WORDS | HONORIFICS:
            title.pop(0)  # "Beijing's", "The": not part of the title
        if title and title[-1].lower() in TITLE_WORDS and len(title) <= 4:
            return " ".join(title)
    return None


def split_title(name: str) -> tuple[str, list[str]]:
    """("Chinese Foreign Minister Wang Yi") -> ("Wang Yi", ["Foreign", "Minister"]): leading
    titles, demonyms, places, possessives ("NPR's") and an acronym before a title leave the
    name; what is left must still look like a name. Unchanged when nothing can go."""
    tokens = name.split()

    def leading_title(i: int) -> bool:
        word = tokens[i]
        if word.lower().strip(".,") in HONORIFICS | TITLE_WORDS or is_place(word):
            return True
        if re.search(r"['’]s$", word) and word[:1].isupper():  # "NPR's Ofeibea Quist-Arcton"
            return True
        # "UN Spokesperson ...": an acronym of the body they serve, right before a title
        return word.isupper() and len(word) <= 5 and tokens[i + 1].lower() in TITLE_WORDS

    cut = 0
    while cut < len(tokens) - 1 and leading_title(cut):
        cut += 1
    # A compound title ends at its last title word: "U.S. National Security Adviser Jake ..."
    joined = {"of", "the", "for", "and", "&"}
    for i in range(len(tokens) - 2, cut - 1, -1):
        if tokens[i].lower().strip(".,") in TITLE_WORDS and all(
            t[:1].isupper() or t.lower() in joined for t in tokens[: i + 1]
        ):
            cut = i + 1
            break
    rest = tokens[cut:]
    if cut == 0 or rest[0][:1].islower() or all(t.lower() in TITLE_WORDS for t in rest):
        return name, []
    title = [t for t in tokens[:cut] if not is_place(t) and not re.search(r"['’]s$", t)]
    return " ".join(rest), title


def _title_out_of_name(p: Participant, path: str, result: Validation) -> None:
    """ "Chinese Foreign Minister Wang Yi" is Wang Yi, whose role is Foreign Minister: leading
    titles and demonyms leave the name (they would hide it from every other mention)."""
    name, title = split_title(p.name)
    if name == p.name:
        return
    p.name = name
    generic = {"person", "country", "organisation", "organization", "individual", "group"}
    if (p.role is None or p.role.lower() in generic) and title and title[-1].lower() in TITLE_WORDS:
        p.role = " ".join(title)
    result.record(f"{path}.name", "repaired", "title moved out of the name")


def _short_form(text: str, name: str) -> str | None:
    """The surname the article uses for a full name it never writes out ("Trump" for "Donald
    Trump"); family-name-first names are tried from the front too. Capitalised mentions only."""
    tokens = name.split()
    if len(tokens) < 2:
        return None
    for token in (tokens[-1], tokens[0]):
        token = token.strip(".,")
        if len(token) >= 3 and any(text[a].isupper() for a, _ in mentions(text, token)):
            return token
    return None


def _split_pairs(s: ArticleSummary, text: str, result: Validation) -> None:
    """ "A and B" in one participant is two people when the article names each of them."""
    split: list[Participant] = []
    for index, p in enumerate(s.participants):
        parts = [part.strip() for part in re.split(r"\s+(?:and|&)\s+", p.name) if part.strip()]
        if len(parts) == 2 and all(mentions(text, part) for part in parts):
            result.record(f"participants[{index}].name", "repaired", "two people split in two")
            # The role or title belonged to the pair as written; each person's own is unknown.
            split += [p.model_copy(update={"name": part, "role": None}) for part in parts]
        else:
            split.append(p)
    s.participants = split


def _naming_sentence(text: str, spans: list[tuple[int, int]]) -> Evidence:
    bounds = [sentence_bounds(text, start, end) for start, end in spans[:12]]
    lo, hi = next((b for b in bounds if PARTICIPATION.search(text[b[0] : b[1]])), bounds[0])
    return Evidence(quote=text[lo:hi], start=lo, end=hi, match="substituted")


def _takes_part(text: str, spans: list[tuple[int, int]]) -> bool:
    """A participation cue close to a mention, in a sentence not about another time."""
    for start, end in spans[:12]:
        lo, hi = sentence_bounds(text, start, end)
        if OTHER_TIME.search(text[lo:hi]) or _is_speaker(text, start, end):
            continue
        near = text[max(lo, start - CUE_REACH) : min(hi, end + CUE_REACH)]
        # "X, a long title and role, is set to visit": the verb follows the appositive.
        if text[end : end + 1] == ",":
            resume = text.find(",", end + 1, hi)
            if resume > 0:
                near += " " + text[resume : min(hi, resume + CUE_REACH)]
        if PARTICIPATION.search(near) and not NON_PARTICIPATION.search(near):
            return True
    return False


def _is_speaker(text: str, start: int, end: int) -> bool:
    return bool(
        SPEAKER_AFTER.search(text[end : end + 40])
        or SPEAKER_BEFORE.search(text[max(0, start - 40) : start])
    )


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
        if not (dateline or cited or reports or before.endswith("/")):
            return False
    return True


def _check_attending(
    p: Participant,
    path: str,
    text: str,
    spans: list[tuple[int, int]],
    result: Validation,
    event_sentences: list[tuple[int, int]],
) -> None:
    if not p.attending:
        if _hosts(text, spans) and not OTHER_TIME.search(sentences_with(text, spans[:1])):
            p.attending = True
            result.record(f"{path}.attending", "repaired", "the host or inviter takes part")
            return
        result.record(f"{path}.attending", "supported")
        return
    if _only_as_source(text, spans):
        p.attending = False
        result.record(f"{path}.attending", "repaired", "named only as a source of the report")
        return
    # Mentions include every occurrence of the name, those inside the evidence too; a cue
    # elsewhere in the quote may be about someone else.
    if _takes_part(text, spans):
        result.record(f"{path}.attending", "supported")
        return
    in_event = [(a, b) for a, b in spans for lo, hi in event_sentences if lo <= a and b <= hi]
    if in_event and not NON_PARTICIPATION.search(sentences_with(text, in_event)):
        # Named in the sentence that reports the event ("the UN's spokesman said ...", when the
        # statement is the event): the model's "takes part" stands.
        result.record(f"{path}.attending", "supported")
        return
    p.attending = False
    said_no = NON_PARTICIPATION.search(sentences_with(text, spans))
    reason = "the article says they do not take part" if said_no else "mentioned, not taking part"
    result.record(f"{path}.attending", "repaired", reason)


# --------------------------------------------------------------------------- agenda and stances


def _sentence_stating(text: str, phrase: str, cue: re.Pattern[str]) -> Evidence | None:
    """The one sentence with a `cue` that states `phrase`, as substituted evidence; None when
    no sentence or several do (then which one is meant is a guess)."""
    found: list[tuple[int, int]] = []
    for match in cue.finditer(text):
        lo, hi = sentence_bounds(text, match.start(), match.end())
        if (lo, hi) not in found and stated(phrase, text[lo:hi], share=0.6):
            found.append((lo, hi))
            if len(found) > 1:
                return None
    if not found:
        return None
    lo, hi = found[0]
    return Evidence(quote=text[lo:hi], start=lo, end=hi, match="substituted")


def _check_agenda(a: AgendaItem, i: int, text: str, result: Validation) -> str | None:
    path = f"agenda[{i}]"
    if _evidence_injected(text, a.evidence):
        reason = "the quote is text addressed to the model, not the article's"
        result.reject(path, a.model_dump(exclude={"evidence"}), reason)
        return reason
    if not check_evidence(path, a.evidence, result):
        reason = "no quote from the article supports this agenda item"
        result.reject(path, a.model_dump(exclude={"evidence"}), reason)
        return reason
    window = evidence_window(text, a.evidence, reach=60)
    if stated(a.topic, window, share=0.5):
        result.record(f"{path}.topic", "supported")
    elif moved := _sentence_stating(text, a.topic, AGENDA):
        # The topic is real, the quote was the wrong sentence (a neighbouring number, say).
        a.evidence = [moved]
        reason = "quote moved to the sentence naming the topic"
        result.record(f"{path}.evidence", "repaired", reason)
    elif own := _topic_after_cue(text, a.evidence):
        # The model's label is no summary of its quote, but the quote names a subject of the
        # talks after a cue ("will discuss X"): the article's own words become the topic.
        result.record(f"{path}.topic", "repaired", f"topic {a.topic!r} -> the quote's {own!r}")
        a.topic = own
    else:
        reason = f"topic {a.topic!r} is not what the quote talks about"
        result.reject(path, a.model_dump(exclude={"evidence"}), reason)
        return reason
    _check_modality(a, path, text, result)
    if a.attributed_to:
        around = evidence_window(text, a.evidence, reach=400)
        if stated(a.attributed_to, around, share=0.5):
            result.record(f"{path}.attributed_to", "supported")
        else:
            result.reject(
                f"{path}.attributed_to", a.attributed_to, "source not named near the quote"
            )
            a.attributed_to = None
    return None


_TOPIC_VERB = re.compile(
    r"\b(?:discuss\w*|talks? (?:on|about|over)|focus\w* on|address\w*|cover\w*|"
    r"cent(?:er|re)\w* on|exchange\w* views on)\s+(?:the\s+|a\s+|an\s+)?",
    re.IGNORECASE,
)


def _topic_after_cue(text: str, evidence: list[Evidence]) -> str | None:
    """The words after an agenda verb in the quote's sentence, up to the end of the clause
    (at most eight words): "... will also discuss major project arrangements and international
    meetings this year, ..." -> "major project arrangements and international meetings this
    year"."""
    if not evidence:
        return None
    sentence = sentences_with(text, [(evidence[0].start, evidence[0].end)])
    cue = _TOPIC_VERB.search(sentence)
    if cue is None:
        return None
    clause = re.split(r"[,;:.!?()\"“”]|\s[-–—]\s", sentence[cue.end() :], maxsplit=1)[0]
    words = clause.split()[:8]
    return " ".join(words) if len(words) >= 1 and words[0][:1].isalnum() else None


def expected_modality(evidence_text: str, attributed_to: str | None) -> AgendaStatus | None:
    """The status the wording demands, or None when the wording does not decide."""
    if HEDGES.search(evidence_text) or (attributed_to and HEDGES.search(attributed_to)):
        return AgendaStatus.SPECULATIVE
    if EXPECTATION.search(evidence_text):
        return AgendaStatus.EXPECTED
    return None


def _check_modality(a: AgendaItem, path: str, text: str, result: Validation) -> None:
    sentence = sentences_with(text, [(e.start, e.end) for e in a.evidence])
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
    as_given = st.actor
    actor, _ = split_title(st.actor)
    if actor != st.actor:  # "Prime Minister Benjamin Netanyahu" holds it as Benjamin Netanyahu
        st.actor = actor
        result.record(f"{path}.actor", "repaired", "title moved out of the actor's name")
    if not check_evidence(path, st.evidence, result):
        reason = "no quote from the article supports this stance"
        result.reject(path, st.model_dump(exclude={"evidence"}), reason)
        return reason
    if _evidence_injected(text, st.evidence):
        reason = "the quote is text addressed to the model, not the article's"
        result.reject(path, st.model_dump(exclude={"evidence"}), reason)
        return reason
    sentence = sentences_with(text, [(e.start, e.end) for e in st.evidence])
    before = evidence_window(text, st.evidence, reach=0)
    preceding = " ".join(text[max(0, e.start - 300) : e.start] for e in st.evidence)
    if stated(st.actor, sentence, share=0.5) and _only_as_object(sentence, st.actor):
        # "China has refrained from ... arms to Russia": the position is China's, not Russia's.
        reason = f"{st.actor!r} is only the object of the quote, not who holds the position"
        result.reject(path, st.model_dump(exclude={"evidence"}), reason)
        return reason
    named = any(stated(name, sentence, share=0.5) for name in {st.actor, as_given})
    referred = PRONOUNS.search(before) and any(
        stated(name, preceding, share=0.5) for name in {st.actor, as_given}
    )
    if named or referred:
        result.record(f"{path}.actor", "supported")
    else:
        result.reaskable[path] = f"the quote does not name {st.actor!r}"
        reason = f"the quote does not name or refer to {st.actor!r}"
        result.reject(path, st.model_dump(exclude={"evidence"}), reason)
        return reason
    if stated(st.topic, evidence_window(text, st.evidence, reach=200), share=0.5):
        result.record(f"{path}.topic", "supported")
    else:
        # Kept: the topic is the model's summary of a quote whose speaker was checked above.
        # Removing such stances removed more true ones than false (docs/evaluation.md).
        reason = f"topic {st.topic!r} is the model's wording; the quote and the actor are checked"
        result.record(f"{path}.topic", "supported", reason)
    return None


# Prepositions whose object is talked about, not speaking: "arms to Russia", "sanctions against
# China". Left out on purpose: "by" (a passive's agent holds the position: "justified by the
# U.S."), "including", and those that give an affiliation ("a spokesperson from / for / at / of
# the ministry" speaks for it).
_OBJECT_BEFORE = re.compile(
    r"\b(?:to|against|with|towards?|on|into|over|about|regarding)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _only_as_object(sentence: str, actor: str) -> bool:
    """Every mention of the actor in the sentence follows a preposition: it is talked about."""
    spans = mentions(sentence, actor)
    return bool(spans) and all(
        _OBJECT_BEFORE.search(sentence[max(0, start - 20) : start]) for start, _ in spans
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
