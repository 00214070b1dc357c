"""The validator's rules for participants: is the name an actor named in the text, is it said
that they take part, what title does the article give them, and is the name worth a line.

Called by `validate.validate` for each participant, after the event's rules (the event's own
sentence tells who acts in it). Pure functions over text and summary, like the rest of the
validator.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from summarizer.grounding.attendance import EventFrame, check_attending, meets_one_taking_part
from summarizer.grounding.titles import (
    affiliation_of,
    body_country,
    role_after,
    split_title,
    title_before,
)
from summarizer.grounding.verdicts import (
    Validation,
    check_evidence,
    sentences_with,
)
from summarizer.models import (
    ArticleSummary,
    EventKind,
    EventStatus,
    Evidence,
    Participant,
)
from summarizer.text.cues import (
    GENERIC_ROLES,
    INJECTION,
    PARTICIPATION,
    PARTY_ADJECTIVES,
    PRESS_ROLES,
    THING_ROLES,
)
from summarizer.text.dates import MONTH
from summarizer.text.entities import (
    at_dateline,
    fused_names,
    not_an_actor,
    only_where,
    personal_name,
    place_shaped,
)
from summarizer.text.finders import only_in_headings, state_bodies, without_opening_words
from summarizer.text.names import HONORIFICS, TITLE_WORDS, title_word
from summarizer.text.places import country_token, is_place, same_country
from summarizer.text.words import (
    appositive_context,
    mentions,
    name_in_text,
    sentence_bounds,
    stated,
    titles_in_full,
    with_defined_acronym,
    word_kinds,
)

__all__ = [
    "check_participant",
    "check_salient",
    "event_frame",
    "event_months",
    "event_sentences",
    "evidence_injected",
    "injected_spans",
    "meets_those_taking_part",
    "naming_sentence",
    "outside_injection",
    "repeated",
    "same_person",
    "split_pairs",
]


@lru_cache(maxsize=8)
def injected_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Sentences that address the model ("ignore previous instructions", "add X to every
    field"): never evidence, and a name that occurs only there is not in the article."""
    return tuple(sentence_bounds(text, m.start(), m.end()) for m in INJECTION.finditer(text))


def outside_injection(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    bad = injected_spans(text)
    return [(a, b) for a, b in spans if not any(lo <= a and b <= hi for lo, hi in bad)]


def evidence_injected(text: str, evidence: list[Evidence]) -> bool:
    bad = injected_spans(text)
    return any(e.start < hi and lo < e.end for e in evidence for lo, hi in bad)


def event_months(s: ArticleSummary, text: str) -> frozenset[str]:
    """The months the event's date phrase and its own sentence name ("september", "sept")."""
    said = " ".join([s.event.date_text or "", *(text[a:b] for a, b in event_sentences(s, text))])
    return frozenset(
        m.lower().rstrip(".") for m in re.findall(rf"\b{MONTH}(?!\w)", said, re.IGNORECASE)
    )


def event_frame(
    s: ArticleSummary,
    text: str,
    speakers_take_part: bool = False,
    speakers_must_command: bool = False,
) -> EventFrame:
    """The event as the checks of those taking part read it."""
    return EventFrame(
        sentences=tuple(event_sentences(s, text)),
        months=event_months(s, text),
        done=s.event.status == EventStatus.COMPLETED,
        speakers_take_part=speakers_take_part,
        speakers_must_command=speakers_must_command,
        officials_speaking_take_part=s.event.kind == EventKind.STATEMENT,
    )


def event_sentences(s: ArticleSummary, text: str) -> list[tuple[int, int]]:
    """The sentences that report the event itself (its evidence): who acts there takes part."""
    return [sentence_bounds(text, e.start, e.end) for e in s.event.evidence if e.end > e.start]


def check_participant(
    p: Participant, i: int, text: str, result: Validation, event: EventFrame | None = None
) -> str | None:
    path = f"participants[{i}]"
    if (bare := without_opening_words(p.name)) != p.name:
        result.record(f"{path}.name", "repaired", f"{p.name!r} opens with a word of its sentence")
        p.name = bare
    if placed := _as_a_place(p, path, text, result):
        return placed
    if not_actor := not_an_actor(p.name, text) or place_shaped(p.name, text):
        result.reject(path, p.model_dump(exclude={"evidence"}), not_actor)
        return not_actor
    if _title_out_of_name(p, path, result) and (placed := _as_a_place(p, path, text, result)):
        return placed  # "PRC's Taiwan" -> "Taiwan"
    if left := _not_a_name_after_title(p.name, text):
        # "Official Visit" -> "Visit", "China's Defense Minister" -> "Minister": no one is left.
        result.reject(path, p.model_dump(exclude={"evidence"}), left)
        return left
    if p.evidence and evidence_injected(text, p.evidence):
        p.evidence = []  # text addressed to the model proves nothing; the naming sentence may
    spans = outside_injection(text, with_defined_acronym(text, mentions(text, p.name)))
    if joined := fused_names(p.name, text):
        reason = f"{p.name!r} runs two names together ({joined[0]!r}, {joined[1]!r})"
        result.reject(path, p.model_dump(exclude={"evidence"}), reason)
        return reason
    if spans and only_in_headings(text, spans):
        reason = f"{p.name!r} is named only in headings or lines of its own, not in the news"
        result.reject(path, p.model_dump(exclude={"evidence"}), reason)
        return reason
    if spans and (only_where(text, spans) or _only_the_dateline(text, p.name, spans)):
        # "in Chibok", "at the Oval Office", "Chibok town", "DUBLIN —": the article uses it as
        # a place.
        reason = f"{p.name!r} is named only as a place"
        result.reject(path, p.model_dump(exclude={"evidence"}), reason)
        return reason
    if spans:
        result.record(f"{path}.name", "supported")
    else:
        spelled = name_in_text(text, p.name) or _short_form(text, p.name)
        if spelled is None:
            reason = f"name {p.name!r} does not occur in the article"
            result.reject(path, p.model_dump(exclude={"evidence"}), reason)
            return reason
        result.record(f"{path}.name", "repaired", f"{p.name!r} is spelled {spelled!r} here")
        p.name, spans = spelled, outside_injection(text, mentions(text, spelled))
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
        p.evidence = [naming_sentence(text, spans)]
        result.record(f"{path}.evidence", "repaired", "quote replaced by the sentence naming them")
    else:
        check_evidence(path, p.evidence, result)
    if p.role and (bare := re.sub(r"^(?:the|a|an)\s+", "", p.role, flags=re.I)) != p.role:
        p.role = bare  # "the chief economist at Flexport": the article's noun phrase, no article
    if p.role and _a_thing(p.role):
        # "Banki: military town", "Dow Jones: index": the model says itself what it listed.
        reason = f"{p.name!r} is a place or thing (the model calls it {p.role!r})"
        result.reject(path, p.model_dump(exclude={"evidence"}), reason)
        return reason
    if p.role and set(p.role.lower().split()) <= GENERIC_ROLES:
        # "group", "party", "country": what kind of thing it is, not a role in the event.
        result.record(f"{path}.role", "repaired", f"{p.role!r} is a kind of body, not a role")
        p.role = None
    context = titles_in_full(" ".join(appositive_context(text, a, b) for a, b in spans[:12]))
    for attr in ("role", "affiliation"):
        value = getattr(p, attr)
        if value is None:
            continue
        if attr == "role" and (office := _office_not_stated(value, context)):
            # "President of the Russian Security Council" where the article says "Secretary
            # Nikolai Patrushev of the Russian Security Council": the office is the model's.
            reason = f"role {value!r}: the article gives no {office!r} for {p.name}"
            result.reject(f"{path}.role", value, reason)
            p.role = None
        elif stated(value, context) or (
            # "USA" for "US President-elect Donald Trump", "Israel" for "Israeli Prime Minister"
            attr == "affiliation" and same_country(value, re.findall(r"[A-Z][\w'’.]*", context))
        ):
            result.record(f"{path}.{attr}", "supported")
        elif attr == "affiliation" and stated(value, sentences_with(text, spans[:12])):
            # "Ehud Barak ... as the leader of the center-left Labor Party": said of them in
            # the sentence, not in the title (on the stored answers: 12 true kept, 2 false).
            result.record(f"{path}.{attr}", "supported", "named in a sentence naming them")
        else:
            result.reject(f"{path}.{attr}", value, f"{attr} {value!r} is not stated for {p.name}")
            setattr(p, attr, None)
    title = title_before(text, spans) if p.role is None or " " not in p.role else None
    if title and (p.role is None or _fuller(title, p.role)):
        # No role, or one word of the article's fuller title ("minister" for "Defense Minister").
        p.role = title
        result.record(f"{path}.role", "repaired", "the title the article puts before the name")
    if p.role is None and (appositive := role_after(text, spans)):
        p.role = appositive  # "Eswar Prasad, a trade professor at Cornell, said"
        result.record(f"{path}.role", "repaired", "the office the article gives after the name")
    body = None if p.affiliation else affiliation_of(p.role, text, spans) or body_country(p.name)
    if body:
        # The focused strategy does not ask for it (output tokens), a single answer may leave it
        # empty; the article often says it in the title ("FBI Director", "Chinese Foreign
        # Minister", "professor at X").
        p.affiliation = body
        result.record(f"{path}.affiliation", "repaired", "the body or country of their title")
    check_attending(
        p, path, text, spans, result, event or EventFrame(), surname_spans(text, p.name, spans)
    )
    return None


def meets_those_taking_part(
    s: ArticleSummary, text: str, result: Validation, event: EventFrame
) -> None:
    """A participant listed as mentioned whom someone taking part meets, hosts or receives (or
    who meets one of them) takes part: the other side of the meeting (`attendance`)."""
    taking_part = [span for p in s.participants if p.attending for span in _named_at(text, p.name)]
    for i, p in enumerate(s.participants):
        if not p.attending and meets_one_taking_part(
            text, _named_at(text, p.name), taking_part, event
        ):
            p.attending = True
            result.record(f"participants[{i}].attending", "repaired", "meets one taking part")


def _named_at(text: str, name: str) -> list[tuple[int, int]]:
    """Where the article names them: in full, or by the surname alone ("Wang" of Wang Yi) when
    no one else in it shares that surname more."""
    spans = mentions(text, name)
    surname = _short_form(text, name) if spans else None
    if surname is None or _surname_shared(text, name, surname):
        return spans
    alone = [
        (a, b)
        for a, b in mentions(text, surname)
        if text[a].isupper() and not any(a < e and st < b for st, e in spans)
    ]
    return sorted(spans + alone)


def _only_the_dateline(text: str, name: str, spans: list[tuple[int, int]]) -> bool:
    """ "INDIANAPOLIS (AP) —": the report's dateline, and elsewhere only where someone comes
    from ("Greg Taylor of Indianapolis"). Not "UNITED NATIONS -- The United Nations welcomes":
    a body the text names acting too."""
    return any(at_dateline(text, a, b) for a, b in spans) and all(
        at_dateline(text, a, b) or _home_place(text, a) for a, b in spans
    )


def _home_place(text: str, start: int) -> bool:
    """ "Greg Taylor of Indianapolis": right after a capitalised name and "of"."""
    return bool(re.search(r"\b[A-Z][\w'’-]+\s+of\s+$", text[max(0, start - 40) : start]))


# Surname mentions that make a speaker the report's protagonist. Measured on the second
# held-out set and the devset's focused answers (docs/evaluation.md, session 14): true
# speakers were named by surname 3 to 15 times, the commentators it wrongly kept 1 or 2.
_PROTAGONIST_SURNAMES = 3


def surname_spans(text: str, name: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where the article names the person by surname alone ("Eric Holcomb", then "Holcomb
    said"): news gives the full name once and quotes the surname after. Only a surname no one
    else in the article shares more ("Barack Obama" vs "Michelle Obama"), and no title or
    place ("Minister", "Indiana")."""
    surname = _short_form(text, name) if spans else None
    if surname is None or _surname_shared(text, name, surname):
        return []
    alone = [
        (a, b)
        for a, b in mentions(text, surname)
        if text[a].isupper() and not any(a < e and s < b for s, e in spans)
    ]
    # Named again and again, as the one whose statement the report is ("Holcomb" six times);
    # a commentator quoted by surname once or twice ("Mr. Barak said") is not read this way.
    return alone if len(alone) >= _PROTAGONIST_SURNAMES else []


def _office_not_stated(role: str, context: str) -> str | None:
    """The first noun of office in the role that the words around the mentions lack."""
    around = {w.lower().strip(".,") for w in re.findall(r"[\w'’.-]+", context)}
    for word in role.split():
        bare = word.lower().strip(".,")
        if title_word(word) and bare not in around and bare.removesuffix("s") not in around:
            return word
    return None


def _a_thing(role: str) -> bool:
    """ "military town", "index": a place or thing; "head of the school" holds an office and a
    "teacher at the school" is a person: the noun before "of", "at" ... is what the role is."""
    head = re.split(r"\s(?:of|at|in|near|from|for|on|with)\s", role.lower(), maxsplit=1)[0]
    words = head.split()
    return (
        bool(words)
        and words[-1].removesuffix("s") in THING_ROLES
        and not any(title_word(w) for w in words)
    )


def _fuller(title: str, role: str) -> bool:
    """The article's title ends with the model's role and says more ("Defense Minister")."""
    return title.lower() != role.lower() and title.lower().endswith(role.lower())


def _state_body_of(text: str, place: str) -> str | None:
    """The first body of that country's state the article names ("Israel" -> "Israeli
    government"), if any: what a model means by listing a country as taking part."""
    country = country_token(place)
    if country is None:
        return None
    return next(
        (name for _, name, owner in state_bodies(text) if country_token(owner) == country), None
    )


def repeated(
    p: Participant, i: int, people: list[Participant], text: str, result: Validation
) -> str | None:
    """The same person listed twice ("Vladimir Putin", then "Putin"): the later entry goes,
    and what it adds (taking part, a role, the full name when the first gave only the surname)
    goes to the first."""
    for earlier in people[:i]:
        if same_person(earlier.name, p.name) and not _surname_shared(text, earlier.name, p.name):
            reason = f"{p.name!r} is {earlier.name!r}, listed before"
            if len(p.name.split()) > len(earlier.name.split()):
                earlier.name = p.name  # a reader, and a reader's search, wants the full name
            earlier.attending = earlier.attending or p.attending
            earlier.role = earlier.role or p.role
            earlier.affiliation = earlier.affiliation or p.affiliation
            result.leave_out(f"participants[{i}]", p.model_dump(exclude={"evidence"}), reason)
            return reason
    return None


def _surname_shared(text: str, a: str, b: str) -> bool:
    """The article names two people of one family ("Barack Obama" four times, "Michelle
    Obama" once): the bare "Obama" is the one it names most, not the other."""
    full = a if a.count(" ") > b.count(" ") else b
    if a.count(" ") == b.count(" ") or len(full.split()) < 2:
        return False
    given: Counter[str] = Counter(
        m.group(1)
        for m in re.finditer(rf"\b([A-Z][a-z]+)\s+{re.escape(full.split()[-1])}\b", text)
        if m.group(1).lower() not in HONORIFICS and not title_word(m.group(1))
    )
    if len(given) < 2:
        return False
    principal = given.most_common(1)[0][0]  # ties: the first named, as Counter keeps order
    return full.split()[-2] != principal


def same_person(a: str, b: str) -> bool:
    """The same name, or one is the other's surname ("Putin", "Vladimir Putin")."""
    x, y = a.lower().split(), b.lower().split()
    if x == y:
        return True
    short, full = (x, y) if len(x) < len(y) else (y, x)
    return len(short) == 1 and len(full) in (2, 3) and short[0] == full[-1] and len(short[0]) > 2


def check_salient(
    p: Participant, i: int, s: ArticleSummary, text: str, result: Validation
) -> str | None:
    """A name the article drops once in passing (no title, no affiliation, not taking part, no
    position of theirs reported) is not one a briefing lists: it is left out, and said so.
    Measured on the devset gold (docs/evaluation.md): it removes far more names the gold does
    not list than names it does."""
    spans = with_defined_acronym(text, mentions(text, p.name))
    # A press role ("writer", the page's own byline) says nothing of a part in the event.
    press = _press_role(p.role)
    if p.attending or (p.role and not press) or p.affiliation or len(spans) != 1:
        return None
    words_before = re.findall(r"[\w'’]+", text[max(0, spans[0][0] - 40) : spans[0][0]])[-3:]
    if any(w.lower() in TITLE_WORDS for w in words_before):
        return None  # "former president Daniel Kiptoo": a title, even in lower case
    if any(mentions(st.actor, p.name) or mentions(p.name, st.actor) for st in s.stances):
        return None
    if personal_name(p.name, text) and not press:
        return None  # a person the article names in full is one an analyst may look for
    reason = f"{p.name!r} is named once in passing, without a title or a part in the event"
    result.leave_out(f"participants[{i}]", p.model_dump(exclude={"evidence"}), reason)
    return reason


def _press_role(role: str | None) -> bool:
    words = (role or "").lower().split()
    return bool(words) and words[-1] in PRESS_ROLES


def _not_a_name_after_title(name: str, text: str) -> str | None:
    if all(title_word(w) or w.lower() in HONORIFICS for w in name.split()):
        return f"{name!r} is a title without a name"
    if name.lower() in PARTY_ADJECTIVES and "ADJ" in word_kinds(name):
        # "Republican", "Democratic": the party word of a title or a noun ("Republican
        # leaders"), no one; not "Labour", the party's own name.
        return f"{name!r} is a party's adjective, not a name"
    return not_an_actor(name, text)


def _as_a_place(p: Participant, path: str, text: str, result: Validation) -> str | None:
    """Why the participant is rejected as a place, or None. "China", "Moscow", "Russian": the
    country stands for its people or government; the person or body acting for it is the
    participant, when the article names one (the name is repaired to it)."""
    if not is_place(p.name):
        return None
    body = _state_body_of(text, p.name)
    if body is None:
        reason = f"{p.name!r} is a place, not a person or organisation taking part"
        result.reject(path, p.model_dump(exclude={"evidence"}), reason)
        return reason
    result.record(f"{path}.name", "repaired", f"{p.name!r} acts as {body!r} in the article")
    p.name, p.evidence, p.role = body, [], None  # a role given a country fits no body
    return None


def _title_out_of_name(p: Participant, path: str, result: Validation) -> bool:
    """ "Chinese Foreign Minister Wang Yi" is Wang Yi, whose role is Foreign Minister: leading
    titles and demonyms leave the name (they would hide it from every other mention). Whether
    the name changed."""
    name, title = split_title(p.name)
    if name == p.name:
        return False
    p.name = name
    generic = {"person", "country", "organisation", "organization", "individual", "group"}
    if (p.role is None or p.role.lower() in generic) and title and title[-1].lower() in TITLE_WORDS:
        p.role = " ".join(title)
    result.record(f"{path}.name", "repaired", "title moved out of the name")
    return True


def _short_form(text: str, name: str) -> str | None:
    """The surname the article uses for a full name it never writes out ("Trump" for "Donald
    Trump"); family-name-first names are tried from the front too. Capitalised mentions only."""
    tokens = name.split()
    if len(tokens) < 2:
        return None
    for token in (tokens[-1], tokens[0]):
        token = token.strip(".,")
        if title_word(token) or token.lower() in HONORIFICS or is_place(token):
            continue  # "China's Defense Minister" is not "Minister"
        if len(token) >= 3 and any(text[a].isupper() for a, _ in mentions(text, token)):
            return token
    return None


def split_pairs(s: ArticleSummary, text: str, result: Validation) -> list[int]:
    """ "A and B" in one participant is two people when the article names each of them. Returns,
    for each participant after the split, the index of the one the model gave."""
    split: list[Participant] = []
    origins: list[int] = []
    for index, p in enumerate(s.participants):
        parts = [part.strip() for part in re.split(r"\s+(?:and|&)\s+", p.name) if part.strip()]
        if len(parts) == 2 and all(mentions(text, part) for part in parts):
            result.record(f"participants[{index}].name", "repaired", "two people split in two")
            # The role or title belonged to the pair as written; each person's own is unknown.
            split += [p.model_copy(update={"name": part, "role": None}) for part in parts]
            origins += [index, index]
        else:
            split.append(p)
            origins.append(index)
    s.participants = split
    return origins


def naming_sentence(text: str, spans: list[tuple[int, int]]) -> Evidence:
    bounds = [sentence_bounds(text, start, end) for start, end in spans[:12]]
    lo, hi = next((b for b in bounds if PARTICIPATION.search(text[b[0] : b[1]])), bounds[0])
    return Evidence(quote=text[lo:hi], start=lo, end=hi, match="substituted")
