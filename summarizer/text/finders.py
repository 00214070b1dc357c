"""Deterministic finders that propose candidates to the model: names, and sentences that carry
reported speech or agenda cues. They only propose; the model confirms and labels, and the
validator checks what comes back. Pure functions over text and its sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.text.cues import (
    AGENDA,
    INSTITUTION,
    OPENING_WORDS,
    PARTY_ADJECTIVES,
    REPORTED_SPEECH,
    alternation,
)
from summarizer.text.dates import MONTH, WEEKDAY
from summarizer.text.entities import fused_names, not_an_actor, only_where_or_before_a_noun
from summarizer.text.names import HONORIFICS, TITLE_WORDS, title_word
from summarizer.text.places import country_token, is_place
from summarizer.text.sentences import Sentence
from summarizer.text.words import mentions

__all__ = [
    "attribution",
    "cue_sentences",
    "name_candidates",
    "named_speaker",
    "only_in_headings",
    "outside_headings",
    "state_bodies",
    "without_opening_words",
]

# A capitalised word: "Lavrov", "al-Barnawi", "O'Brien", "U.S."; joined by particles of names.
_CAP = r"(?:[A-Z][\w'’-]*[a-z][\w'’-]*|[A-Z]{2,}|(?:[A-Z]\.){2,})"
_JOIN = r"(?:[ \t]+(?:al-|bin[ \t]|de[ \t]|van[ \t]|von[ \t])?)"
_NAME_RUN = re.compile(rf"{_CAP}(?:{_JOIN}{_CAP}){{0,4}}")
# Capitalised words that open sentences or a name run ("Some White House advisers", "One
# Washington-based analyst"): function words, quantifiers, times, page furniture; never part of
# a person's or body's name. Months and days are judged by `entities.not_an_actor`.
_NOT_NAMES = frozenset(
    "the a an this that these those it he she they we i in on at for but and or if as after "
    "before when while with without by from to of about during under despite since until "
    "between among against through mr mrs ms dr today yesterday tomorrow "
    "however meanwhile also moreover some one two three many several few both all most other "
    "unlike like despite "
    "another each every any such read more related image caption photo getty images "
    "advertisement".split()
)


# Words that open a new sentence inside a run that lost its full stop (captions); never the end
# of a name (unlike "He" in "Liu He").
_SENTENCE_OPENERS = frozenset(
    "the this that these those as unlike in on at but and or if after before when while with "
    "by from to for however meanwhile".split()
)
_CREDIT = re.compile(rf"\b{alternation('credit')}\b|©|\w/(?:AP|AFP|Reuters)\b", re.IGNORECASE)
_QUOTED = re.compile(r"[\"“][^\"”]{12,}[\"”]")  # a quoted phrase of a few words at least


def name_candidates(text: str, limit: int = 18) -> list[str]:
    """Capitalised runs that may name people or organisations, and a country's state bodies
    ("the Swiss government", "Russia's foreign ministry"), the most mentioned first (a small
    model copies such a list from the top: the principals should lead it).

    A run contained in a longer one already found ("Trump" in "Donald Trump") is dropped; so are
    single words that only open a sentence, handles and hashtags ("@MBuhari"), names in
    headings and picture credits, and runs of two names a lost full stop joined.
    """
    found: list[tuple[int, str]] = []
    skipped = _heading_spans(text) + _credit_spans(text)
    where_or_which: dict[str, bool] = {}  # a name recurs: its mentions are read once
    no_actor: dict[str, bool] = {}
    for start, run in _runs(text):
        if any(a <= start < b for a, b in skipped):
            continue  # a heading capitalises every word; a credit names a photographer
        if text[max(0, start - 1) : start] in ("@", "#"):
            continue  # a social-media handle or hashtag, not how the article names anyone
        name = _without_leading_words(run)
        if not name:
            continue
        if " " not in name and _opens_sentence(text, start):
            continue
        if name not in no_actor:  # each check reads the whole text: once per name
            no_actor[name] = is_place(name) or bool(not_an_actor(name, text))
        if no_actor[name]:
            continue  # countries, cities, months, regions are not who takes part
        if name not in where_or_which:
            where_or_which[name] = only_where_or_before_a_noun(
                text, mentions(text, name), titles_act=True
            )
        if where_or_which[name]:
            continue  # "in Borno", "Chibok girls", "the Oval Office": where or which, not who
        found.append((start, name))
    # Only owners the gazetteer or the demonym table knows (the suffix rule's "Kenyan" too is
    # read by the validator, which checks a country against the bodies the text names).
    found += [(start, name) for start, name, owner in state_bodies(text) if is_place(owner)]
    found += [(m.start(), _without_leading_words(m.group(0))) for m in _ORG_OF.finditer(text)]
    names: list[str] = []
    # A headline's question word is no part of a name; a run that joins two names (a full stop
    # lost: "Mitch McConnell Trump flew") is none, its parts are found where they stand alone.
    found = [(start, without_opening_words(name)) for start, name in found]
    found = [(start, name) for start, name in found if not fused_names(name, text)]
    for _, name in sorted(found):
        if any(name == other or f" {name}" in f" {other} " for other in names):
            continue
        names = [other for other in names if f" {other} " not in f" {name} "]
        names.append(name)
    names = [n for n in names if not all(w.lower().strip(".,") in TITLE_WORDS for w in n.split())]
    ranked = sorted(names, key=lambda name: -_salience(text, name))  # stable: ties by order
    return ranked[:limit]


def _salience(text: str, name: str) -> int:
    """Mentions, and a title counts double ("Secretary Nikolai Patrushev", named once, is a
    principal; "Information Security", in three headings, is not)."""
    titled = any(w.lower().strip(".,") in TITLE_WORDS for w in name.split())
    return _mention_count(text, name) + (2 if titled else 0)


def _runs(text: str) -> list[tuple[int, str]]:
    """Capitalised runs, split where capitals change case ("EPA Donald Trump", "STREET BEATING
    Donald Trump": a credit or a shouted caption, then a name) and before a function word that
    opens a new sentence ("Associated Press The girls"). A run all in capitals ("UNITED
    NATIONS") stays whole."""
    runs = []
    for match in _NAME_RUN.finditer(text):
        words = list(re.finditer(r"\S+", match.group(0)))
        piece: list[re.Match[str]] = []
        for word in words:
            boundary = word.group(0).lower().strip(".") in _SENTENCE_OPENERS  # "Press The girls"
            if piece and (boundary or _shouted(piece[-1].group(0)) != _shouted(word.group(0))):
                runs.append((match.start() + piece[0].start(), _joined(match.group(0), piece)))
                piece = []
            piece.append(word)
        runs.append((match.start() + piece[0].start(), _joined(match.group(0), piece)))
    return runs


def _shouted(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _joined(run: str, words: list[re.Match[str]]) -> str:
    return run[words[0].start() : words[-1].end()]


def _mention_count(text: str, name: str) -> int:
    """How often the article names them: the name as found, or its last word alone ("Trump"
    for "President-elect Donald Trump"), whichever it uses more."""
    last = name.split()[-1]
    counts = [len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text))]
    if " " in name and len(last) >= 3 and last[:1].isupper():
        counts.append(len(re.findall(rf"(?<![\w-]){re.escape(last)}(?![\w-])", text)))
    return max(counts)


def _credit_spans(text: str) -> list[tuple[int, int]]:
    """Short lines that credit a picture ("toggle caption Alastair Grant/AP", "Photo: ...")."""
    return [
        line.span()
        for line in re.finditer(r"[^\n]+", text)
        if len(line.group(0)) < 120 and _CREDIT.search(line.group(0))
    ]


# A country or its demonym written before a state body: "Nigerian", "Russia's", "the U.S.".
_OWNER = re.compile(r"(?:\b[Tt]he\s+)?([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)(['’]s)?\s+$")
# Head nouns of organisations named "X of Y" ("International Committee of the Red Cross",
# "Ministry of Foreign Affairs", "Bank of England"): the run goes on through "of (the)".
_ORG_HEADS = alternation("org_head")
_ORG_OF = re.compile(
    rf"{_CAP}(?:{_JOIN}{_CAP}){{0,3}}?[ \t]+(?:{_ORG_HEADS})[ \t]+(?:of|for)(?:[ \t]+the)?"
    rf"[ \t]+{_CAP}(?:{_JOIN}{_CAP}){{0,3}}"
)


def state_bodies(text: str) -> list[tuple[int, str, str]]:
    """(start, name, owner): 'Swiss government', "China's commerce ministry", a place then a
    body of its state. The capitalised-run finder sees only the place, which is no participant;
    the body is one."""
    found = []
    for body in INSTITUTION.finditer(text):
        window = max(0, body.start() - 40)
        owner = _OWNER.search(text[window : body.start()])
        if owner and country_token(owner.group(1)):
            start = window + owner.start(1)
            found.append((start, text[start : body.end()], owner.group(1)))
    return found


def only_in_headings(text: str, spans: list[tuple[int, int]]) -> bool:
    """Every capitalised mention is a line of its own ("Economic Cooperation", a byline) or
    sits in a heading: a heading names a section of the page, not who acts in the news."""
    headings = _heading_spans(text)
    named = [(a, b) for a, b in spans if text[a : a + 1].isupper()]
    return bool(named) and all(
        (text[max(0, a - 1) : a] in ("", "\n") and text[b : b + 1] in ("", "\n"))
        or any(lo <= a < hi for lo, hi in headings)
        for a, b in named
    )


def outside_headings(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The mentions in the running text: a headline capitalises every word, so the word after
    a name there says nothing of how the name is used ("Girls From Chibok School Freed")."""
    headings = _heading_spans(text)
    return [(a, b) for a, b in spans if not any(lo <= a < hi for lo, hi in headings)]


def _heading_spans(text: str) -> list[tuple[int, int]]:
    """Lines of three words or more, most of them capitalised: headlines and section titles."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        words = re.findall(r"[^\W\d_][\w'’-]*", line.group(0))
        if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words):
            spans.append(line.span())
    return spans


def _without_leading_words(run: str) -> str:
    """The run without the function words that open it, nor a possessive ending ("Wang Yi's"
    names Wang Yi)."""
    words = run.split()
    while words and words[0].lower().strip(".") in _NOT_NAMES:
        words = words[1:]
    return re.sub(r"['’]s?$", "", " ".join(words))


def without_opening_words(name: str) -> str:
    """The name without the question words and quantifiers a capitalised run took in from the
    start of its sentence (cue `opening_word`); the name itself when nothing opens it."""
    words = name.split()
    # Written as a word opening a sentence ("How"), not an acronym ("WHO", "ANY").
    while len(words) > 1 and words[0].lower() in OPENING_WORDS and not words[0].isupper():
        words = words[1:]
    return " ".join(words) if len(words) < len(name.split()) else name


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


# A name as news writes it before or after a verb of saying: "Netanyahu", "Juan Perez", "Mr.
# Trump", "Saeb Erekat".
_NAME = r"(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+)){0,3}"
_SAID = alternation("speech_verb")
# A body as news names it after "the": capitalised words ("ICRC", "State Department"), then
# perhaps the lower-case nouns that describe a state body ("Swiss foreign ministry").
_BODY = (
    r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
    rf"(?:\s+(?:foreign\s+)?{alternation('described_body')})?"
)
# What stands between two commas beside a speaker's name: their office or a clause about them
# ("the ministry's spokeswoman", "a spokesperson for the president", "who met him on Monday").
_APPOSITIVE = r"[^,;:\"“”.!?]{2,80}?"
_OPENS = r"(?:^|[,”\"]\s*|[.!?]\s+)"
# Up to four words before a name that say who they are: a demonym, a title, lower-case words
# of office ("Palestinian chief negotiator", "Israeli Prime Minister").
_LEAD = r"(?:[\w'’.-]+\s+){0,4}?"
_SPEAKERS = (
    # '"...," Netanyahu said', 'Trump said ...', '..., Mr. Trump said'; after the words that
    # say who they are ("Israeli Prime Minister Benjamin Netanyahu said", "Palestinian chief
    # negotiator Saeb Erekat said"), perhaps with an adverb ("Netanyahu strongly warned")
    _NAME_SAID := re.compile(
        rf"{_OPENS}(?P<lead>{_LEAD})(?P<name>{_NAME})\s+(?:[a-z]+ly\s+)?{_SAID}\b"
    ),
    # '..., said Juan Perez, senior trader at ...'
    _SAID_NAME := re.compile(rf"\b{_SAID}\s+(?P<name>{_NAME}),"),
    # '"...," the ICRC said', '..., the Swiss foreign ministry said': a body named with "the"
    _BODY_SPEAKER := re.compile(rf"{_OPENS}[Tt]he\s+(?P<name>{_BODY})\s+{_SAID}\b"),
    # 'Maria Zakharova, the ministry's spokeswoman, said ...': the name, an appositive, the verb
    _NAME_OFFICE_SAID := re.compile(
        rf"{_OPENS}(?P<name>{_NAME}),\s+(?P<office>{_APPOSITIVE}),\s+{_SAID}\b"
    ),
    # 'A spokesperson for the president, Tomas Brik, said ...': the office, the name, the verb
    _OFFICE_NAME_SAID := re.compile(
        rf"{_OPENS}(?P<office>{_APPOSITIVE}),\s+(?P<name>{_NAME}),\s+{_SAID}\b"
    ),
)
# Not "according to X": X is as often the outlet the report comes from ("according to Channel
# 10 news") as the one who speaks.
# Words that open a run of capitals without naming anyone ("The", "But", "His"), the module's
# own list without the honorifics a speaker's name may carry ("Mr. Trump said").
_NOT_SPEAKERS = (_NOT_NAMES - {"mr", "mrs", "ms", "dr"}) | frozenset(
    "you there his her its their".split()
)
# "the secretary general of the Palestine Liberation Organization, said": a body inside an
# appositive is not who speaks.
_INSIDE_APPOSITIVE = re.compile(r"\b(?:of|for|at|from|with|to|in|on|by)\s+(?:the\s+)?$")


def named_speaker(sentence: str) -> str | None:
    """The one speaker a sentence names with a verb of saying ("..., Netanyahu said", "said
    Juan Perez,", "Mao Ning stated that"), titles left out; None when it names none, several,
    or only a pronoun ("he said")."""
    found = attribution(sentence)
    return found[0] if found else None


def attribution(sentence: str) -> tuple[str, int, int] | None:
    """`named_speaker`'s speaker with the span of the words that attribute the sentence to
    them ("Netanyahu said", "said Juan Perez"), so what they said can be read without it."""
    found: dict[str, tuple[int, int]] = {}
    for pattern in _SPEAKERS:
        for match in pattern.finditer(sentence):
            words = match.group("name").split()
            inside = _INSIDE_APPOSITIVE.search(sentence[: match.start("name")])
            if words[0].lower().strip(".") in _NOT_SPEAKERS or inside or _a_time(words):
                continue
            if "office" in pattern.groupindex and not _an_office(match, pattern):
                continue
            if "lead" in pattern.groupindex and not _says_who(match.group("lead")):
                continue
            if (
                len(words) == 1
                and words[0].lower() in PARTY_ADJECTIVES
                and re.search(r"\b[Tt]he\s+$", sentence[: match.start("name")])
            ):
                continue  # "The Democrat said": a party's member, who is a guess ("Labour said")
            # A person's title goes ("President Tomas Brik"); a body's name stays whole ("the
            # State Department", "the Prime Minister's Office").
            while pattern is not _BODY_SPEAKER and len(words) > 1 and (
                title_word(words[0]) or words[0].lower().rstrip(".") in HONORIFICS
            ):
                words = words[1:]
            start = match.start("name")
            if pattern is _SAID_NAME:
                start = match.start()  # "said Juan Perez,"
            elif pattern is _OFFICE_NAME_SAID:
                start = match.start("office")  # "A spokesperson for X, Tomas Brik, said"
            elif the := re.search(r"[Tt]he\s+$", sentence[:start]):
                start = the.start()  # "the ICRC said"
            found.setdefault(" ".join(words), (start, match.end()))
    if len(found) != 1:
        return None
    ((speaker, (start, end)),) = found.items()
    return speaker, start, end


def _an_office(match: re.Match[str], pattern: re.Pattern[str]) -> bool:
    """Whether the words between the commas describe the speaker named beside them. Before the
    name they must hold an office ("A spokesperson for X, Tomas Brik, said"): a phrase opening
    a sentence is more often where or when ("In Moscow, Lavrov, ..."). After the name, an
    office or a clause about them ("Brik, who met them on Monday, said"), not another name
    ("Brik, Perez, said": a list)."""
    office = match.group("office").split()
    holds_office = any(title_word(w.strip("'’")) or title_word(_unpossessed(w)) for w in office)
    if pattern is _OFFICE_NAME_SAID:
        return holds_office
    return holds_office or office[0][:1].islower()


def _a_time(words: list[str]) -> bool:
    """ "said Wednesday," "said Monday Night": a day or a month, no speaker ("April Ryan" is
    one)."""
    parts = {"night", "morning", "afternoon", "evening"}
    return bool(re.fullmatch(rf"{WEEKDAY}|{MONTH}", words[0], re.IGNORECASE)) and all(
        w.lower() in parts for w in words[1:]
    )


def _says_who(lead: str) -> bool:
    """The words before a speaker's name say who they are: capitalised (a demonym, a title:
    "Israeli Prime Minister") or lower-case words of office ("chief negotiator"); not "and"
    ("..., and Ruiz said": another clause), not "the" (a body after it is read whole)."""
    return all(
        w[:1].isupper() or title_word(w) or w.lower() in HONORIFICS for w in lead.split()
    ) and "the" not in lead.split()


def _unpossessed(word: str) -> str:
    return re.sub(r"['’]s?$", "", word)
