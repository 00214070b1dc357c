"""Titles around a name, read from the article: pure text functions for the validator.

- `title_before`: the title right before a mention ("Secretary of State Antony Blinken",
  "Nigerian information minister Lai Mohammed" -> "information minister"), the role the
  article gives a person;
- `role_after`: the appositive after a mention that names an office or a job ("Nikolai
  Patrushev, the secretary of Russia's security council, ...");
- `split_title`: a name with a title in it, split ("Chinese Foreign Minister Wang Yi" ->
  "Wang Yi", ["Foreign", "Minister"]);
- `affiliation_before`, `affiliation_in`: the body or country a title or a role names ("FBI
  Director", "Chinese Foreign Minister", "professor at Cornell"), the affiliation the article
  gives a person.
"""

from __future__ import annotations

import re

from summarizer.text.cues import (
    ADVERBIAL_PREPOSITIONS,
    BODY_WORDS,
    CABINET_WORDS,
    COURTESY,
    DESCRIBED_BODIES,
    JOB_NOUNS,
    PARTY_ADJECTIVES,
    PORTFOLIO_PARTIES,
    POSSESSIVES,
    RANKS,
    TITLE_ABBREVIATIONS,
    words_of,
)
from summarizer.text.entities import is_time_word
from summarizer.text.names import HONORIFICS, RELATION_WORDS, TITLE_WORDS, title_word
from summarizer.text.places import country_name, country_token, is_place, is_venue
from summarizer.text.words import STOP, in_lexicon, word_kinds

__all__ = [
    "affiliation_after",
    "affiliation_before",
    "affiliation_in",
    "affiliation_of",
    "body_country",
    "only_a_title",
    "role_after",
    "split_title",
    "title_before",
]


_STANDALONE = words_of("standalone_body")
# Nouns that head an organisation's name ("Institute", "Republic", "Bureau"): the body list
# without its titles ("Minister"), its articles and its words for people and adjectives.
_BODY_HEADS = BODY_WORDS - TITLE_WORDS - {
    "a", "an", "the", "person", "people", "individual", "political", "armed", "islamist",
    "religious", "terrorist", "militant", "militants", "news", "media",
}


def title_before(text: str, spans: list[tuple[int, int]]) -> str | None:
    """The title right before a mention, as the article writes it: "... Foreign Minister Wang
    Yi" -> "Foreign Minister", "President-elect Donald Trump" -> "President-elect", "Secretary
    of State Antony Blinken", "China's Defense Minister, Li Shangfu", "House Speaker Paul D.
    Ryan" for "Ryan". Capitalised words ending in a title word (or its "of" phrase), in the
    mention's own line and sentence: a headline or byline above is no part of it."""
    for start, _ in spans[:12]:
        clause = _same_clause(text[max(0, start - 80) : start])
        title = _title_words(clause.split())
        if title and len(title) <= 5:
            return " ".join(title)
        if office := _lower_office_of(clause):
            return office
    return None


# "minister of mines and energy Tom Alweendo", "South Africa's minister of electricity,
# Kgosientsho Ramokgopa": an office in lower case with the "of" phrase that says which.
_LOWER_OFFICE_OF = re.compile(r"\b([a-z]+(?:-[a-z]+)?) of ((?:[a-z]+ ){0,3}[a-z]+)\s*$")


def _lower_office_of(clause: str) -> str | None:
    found = _LOWER_OFFICE_OF.search(clause)
    if found is None or not _lower_title(found.group(1)):
        return None
    which = found.group(2).split()
    if not all(w == "and" or _modifier(w) for w in which) or which[-1] == "and":
        return None
    return found.group(0).strip()


# ", the secretary of Russia's security council,", ", a trade professor at Cornell, said": the
# words after a mention up to the next comma, full stop, bracket or reporting verb.
# An initial's stop ("U.S.") stays inside; a second appositive joined by "and a" ends it.
_APPOSITIVE = re.compile(
    r",\s+(?:(?:a|an|the)\s+)?((?:[^,.;:()\n\"“”]|\.(?=\S)|(?<=\b[A-Z])\.){3,100}?)(?<!\b[A-Z])"
    r"(?=\s*(?:,|\.\s|\.$|;|\)|\n|\s(?:who|which|that|said|says|told)\b|\sand\san?\s))"
)
_HEAD_ENDS = re.compile(r"\s(?:of|at|in|for|with|on|to|from)\s")


def role_after(text: str, spans: list[tuple[int, int]]) -> str | None:
    """The appositive after a mention, when it names an office or a job: "Eswar Prasad, a trade
    professor at Cornell, said" -> "trade professor at Cornell". Its head (the words before
    "of", "at" ...) holds a title word and ends in no name: ", President Obama said" starts a
    new subject, "his counterpart" is a relation, not an office."""
    for _, end in spans[:12]:
        found = _APPOSITIVE.match(text, end)
        if found is None:
            continue
        role = found.group(1).strip()
        if role.split()[0].lower() in POSSESSIVES:
            continue  # ", his lawyer said,", ", whose lawyer declined": someone else's
        head = _HEAD_ENDS.split(role, maxsplit=1)[0].split()
        named = head[-1][:1].isupper() and not title_word(head[-1])
        # "the Labor Party, served a term as prime minister, said": a verb goes on the clause.
        verb = head[0].islower() and not word_kinds(head[0]) & {"NOUN", "ADJ"}
        office = any(_lower_title(w) or w.lower() in JOB_NOUNS for w in head)
        if len(role.split()) <= 12 and not (named or verb) and office:
            return role
    return None


def affiliation_before(text: str, spans: list[tuple[int, int]]) -> str | None:
    """The body or country the title before a mention names: "FBI Director Christopher Wray"
    -> "FBI", "White House press secretary Josh Earnest" -> "White House", "Chinese Foreign
    Minister Wang Yi" -> "China", "China's Defense Minister, Li Shangfu" -> "China"."""
    for start, _ in spans[:12]:
        clause = _same_clause(text[max(0, start - 80) : start])
        words = clause.split()
        lead = _without_lead(_run_before_name(words))
        title = _without_given_names(lead)
        if country := _demonym_relation(words):
            return country
        if office := _lower_office_of(clause):
            # "South Africa's minister of electricity", "Nigerian minister of information"
            before = clause[: clause.rfind(office)].split()
            for size in (2, 1):
                if len(before) >= size and (country := country_name(" ".join(before[-size:]))):
                    return country
        if not title or len(title) > 5:
            continue
        if body := _body_opening(title, text):
            return body
        opens = len(words) - len(lead)
        before = [w for w in words[max(0, opens - 2) : opens] if w.lower() != "the"][-1:]
        demonym = before and country_token(before[0]) and before[0][:1].isupper()
        # Not a word that is also part of an office's name ("U.S. State Department", "Chinese
        # State Councilor", "Russian State Duma", "U.S. House Speaker"): the country stands.
        own_head = title[0].lower() in _BODY_HEADS - _STANDALONE - {"office"}
        if demonym and len(title) > 1 and own_head:
            return f"{before[0]} {title[0]}"  # "Palestinian Authority President Mahmoud Abbas"
        # "in Israel, President Obama": a word ending in a comma or stop belongs elsewhere.
        plain = before and re.fullmatch(r"[\w.'’-]+", before[0])
        if plain and (country := country_name(before[0])):
            return country
    return None


def _demonym_relation(words: list[str]) -> str | None:
    """ "his Russian counterpart Sergey Lavrov", "Chinese vice-premier Liu He": a demonym and a
    lower-case office or relation word right before the name give the country."""
    if len(words) < 2 or not words[-2][:1].isupper():
        return None
    office = words[-1].rstrip(",")
    if office.islower() and (title_word(office) or office in RELATION_WORDS):
        return country_name(words[-2]) if country_token(words[-2]) else None
    return None


def _body_opening(title: list[str], text: str) -> str | None:
    """The body a title opens with: an acronym or a name that is no English word ("FBI",
    "Boko Haram", "Commerzbank"), or a venue that stands for an institution ("White House").
    Not a person's name run into the title ("with Obama President-elect Donald Trump")."""
    if len(title) > 2 and is_venue(" ".join(title[:2])):
        return " ".join(title[:2])
    body: list[str] = []
    for word in title[:-1]:
        if _a_title(word) or not word[:1].isupper() or in_lexicon(word) or _place_word(word):
            break
        body.append(word)
    # Its first word no one's surname ("Putin critic", with "Vladimir Putin" in the text); the
    # words after it follow the body's own first word ("Boko Haram"), so only a title counts.
    if not body or _a_persons_name(body[0], text):
        return None
    if any(_named_as_person(word, text) for word in body[1:]):
        return None
    return " ".join(body)


def _named_as_person(word: str, text: str) -> bool:
    """ "President Obama", "Mr. Obama": the word is someone's name somewhere in the article."""
    before = re.finditer(rf"([\w.]+)\s+{re.escape(word)}\b", text)
    # A courtesy word or a title, not any word of the honorifics list: "the FBI", "US", "of".
    return any(_courtesy(m.group(1)) or title_word(m.group(1)) for m in before)


def _courtesy(word: str) -> bool:
    return word[:1].isupper() and word.rstrip(".").lower() in COURTESY


def _a_bodys_name(word: str) -> bool:
    """An acronym ("NPR") or a name that is no English word ("Hamas"); not "It's", "Post's"."""
    return (len(word) > 1 and word.isupper()) or not in_lexicon(word)


def _place_or_person(word: str, text: str) -> bool:
    return is_place(word) or _a_persons_name(word, text)


def _a_persons_name(word: str, text: str) -> bool:
    """ "Netanyahu" in "Netanyahu's Likud party": after a title or a courtesy word, or after a
    given name ("Benjamin Netanyahu") somewhere in the article."""
    given = re.finditer(rf"\b([A-Z][a-z]+)\s+{re.escape(word)}\b", text)
    return _named_as_person(word, text) or any(
        not (in_lexicon(m.group(1)) or m.group(1).lower() in STOP or _place_word(m.group(1)))
        for m in given
    )


# "professor at Cornell", "president of the American Farm Bureau", "scholar with the American
# Enterprise Institute in Washington": the capitalised name after the preposition.
_BODY_AFTER = re.compile(
    r"\b(?:at|of|with|for)\s+(?:the\s+)?([A-Z][\w'’&.-]*(?:\s+(?:(?:for|of|and|on)\s+)?[A-Z][\w'’&.-]*)*)"
)


# "at Danish investment company Saxo Bank", "at US bank Goldman Sachs": a country's word and a
# description in lower case before the body's own name.
_DESCRIBED_BODY_AFTER = re.compile(
    r"\b(?:at|with|for)\s+(?:the\s+)?(?P<country>[A-Z][\w.-]*\s+)?"
    r"(?P<description>(?:(?!(?:of|at|in|for|with|on|to|from|and|the)\s)[a-z][\w-]*\s+){1,3})"
    r"(?P<body>[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*)*)(?:\s+in\s+[A-Z][\w'’.-]*)?\s*$"
)


def affiliation_in(role: str | None, text: str = "") -> str | None:
    """The body, party or country a role names: "trade professor at Cornell" -> "Cornell",
    "secretary of Russia's security council" -> "Russia", "Chinese vice-premier" -> "China",
    "Republican House Speaker" -> "Republican", "Likud politician" -> "Likud" (a name that is
    no English word and no one's name in `text`). A title's own "of" phrase names no body
    ("Secretary of State", "Speaker of the House")."""
    if not role:
        return None
    words = role.split()
    if party := _party_opening(words):
        return party
    described = _DESCRIBED_BODY_AFTER.search(role)
    if (
        described
        and (not described["country"] or country_token(described["country"].strip()))
        # "lawyer for former president Donald Trump": a title before a person, not a body
        and not any(title_word(w) for w in described["description"].split())
    ):
        return described["body"]  # "analyst at Danish investment company Saxo Bank"
    if found := _BODY_AFTER.search(role):
        body = found.group(1)
        while " " in body and title_word(body.split()[-1]):
            body = body.rsplit(" ", 1)[0]  # "of Congo President": the body is Congo
        if re.search(r"['’]s$", body):
            return country_name(body)
        if " " in body or not in_lexicon(body):
            return body
    if len(words) > 1 and title_word(words[1]) and (country := country_name(words[0])):
        return country  # "Chinese vice-premier"; "China hawk" names no country
    body = _body_opening(words, text) if text else None
    if body is None:
        return None
    # Before an office or a job ("Likud politician"), not an attitude ("Kremlin critic").
    rest = words[len(body.split()) :]
    return body if any(title_word(w) or w.lower() in JOB_NOUNS for w in rest) else None


def _party_opening(words: list[str]) -> str | None:
    """ "Republican House Speaker", "Democratic Senator", "Labour leader", "Labour Party chair":
    a party word before an office or a chamber. Not a body's name ("Republican Guard",
    "Democratic Republic of Congo") nor a ministry ("Labor Secretary", "Labour Minister")."""
    if len(words) < 2 or words[0].lower() not in PARTY_ADJECTIVES or not words[0][:1].isupper():
        return None
    follows = words[1].lower()
    if follows == "party":
        return " ".join(words[:2])
    if words[0].lower() in PORTFOLIO_PARTIES and follows.rstrip("s") in CABINET_WORDS:
        return None
    return words[0] if title_word(follows) or follows in _STANDALONE else None


def affiliation_of(role: str | None, text: str, spans: list[tuple[int, int]]) -> str | None:
    """The affiliation the article gives a person: in their role, in the title before a
    mention, in the words right after one, or in the office an appositive gives them when
    their role is another ("Prime Minister Micheál Martin, the leader of Fianna Fáil,")."""
    return (
        affiliation_in(role, text)
        or affiliation_before(text, spans)
        or affiliation_after(text, spans)
        or affiliation_in(role_after(text, spans), text)
    )


def body_country(name: str) -> str | None:
    """The country a body's own name opens with: "Chinese government", "China's commerce
    ministry", "American officials" -> the country; "Likud Central Committee" -> None."""
    words = name.split()
    if len(words) < 2:
        return None
    # A description ("government", "officials"), not a body's proper name ("American
    # Enterprise Institute", "Palestine Liberation Organization" name no country of theirs)
    # nor people's relation to someone ("Russian counterparts").
    country = country_name(words[0])
    described = words[-1].lower() in DESCRIBED_BODIES
    if words[-1][:1].isupper() and len(words) > 2:
        # A proper name: "Chinese Foreign Ministry" is the state's, "Irish Republican Army" not.
        described = words[-1].lower() in ("ministry", "government")
    return country if described and country != words[0] else None


# Right after a name: a party and state in brackets or commas ("Paul Ryan (R-Wis.)", "Mike
# Gallagher, R-Wis.,"), or the body the person serves ("Nikolai Patrushev of the Russian
# Security Council").
# With the state: a bare "(R)" is as often a caption's "right" ("Wang Yi (R) shakes hands").
_PARTY_AFTER = re.compile(r"\s*[(,]\s*([RDI])-[A-Z][\w.]*\s*[),]")
_PARTIES = {"R": "Republican", "D": "Democratic", "I": "Independent"}
# A body's possessive right before the name; a place's ("China's Wang Yi") is read as a title's.
_OWNER_BEFORE = re.compile(r"(?<![\w.])([A-Z][\w&-]*)['’]s\s+$")
_OF_BODY_AFTER = re.compile(
    r"\s+of\s+the\s+([A-Z][\w'’&.-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w'’&.-]*)*)"
)


def affiliation_after(text: str, spans: list[tuple[int, int]]) -> str | None:
    """The party or body the words around a mention give: "(R-Wis.)" -> "Republican",
    "NPR's Ofeibea Quist-Arcton" -> "NPR",
    "of the Russian Security Council" -> "Russian Security Council" (a name with a body's head
    noun; "of the Netherlands" is a place, no body)."""
    for start, end in spans[:12]:
        owner = _OWNER_BEFORE.search(text, max(0, start - 40), start)
        # A person's full name after it ("Hamas's Telegram channel" names a thing of theirs).
        full = " " in text[start:end]
        if owner and full and _a_bodys_name(owner.group(1)) and not _place_or_person(
            owner.group(1), text
        ):
            return owner.group(1)  # "NPR's Ofeibea Quist-Arcton", "Hamas's Yahya Sinwar"
        if party := _PARTY_AFTER.match(text, end):
            return _PARTIES[party.group(1)]
        found = _OF_BODY_AFTER.match(text, end)
        if found and any(w.lower() in _BODY_HEADS for w in found.group(1).split()[1:]):
            return found.group(1)
    return None


# The end of a sentence: a lower-case word's full stop ("said. President X"), not an initial's
# ("U.S. President X").
_SENTENCE_END = re.compile(r"[a-z0-9][.!?][\"”’')]*\s+")


def _same_clause(before: str) -> str:
    before = before[before.rfind("\n") + 1 :]
    ends = [e for e in _SENTENCE_END.finditer(before) if not _abbreviated_title_at(before, e)]
    return before[ends[-1].end() :].removesuffix(", ") if ends else before.removesuffix(", ")


_INITIAL = re.compile(r"[A-Z]\.")


def _abbreviated_title(word: str) -> bool:
    """ "Gov.", "Sen.", "Lt.": a title written short, its stop no sentence's end."""
    return word.endswith(".") and word[:-1].lower() in TITLE_ABBREVIATIONS


def _abbreviated_title_at(text: str, end: re.Match[str]) -> bool:
    words = text[: end.start() + 2].split()
    return bool(words) and (_abbreviated_title(words[-1]) or _courtesy(words[-1]))


def _lower_title(word: str) -> bool:
    return title_word(word) and word not in RELATION_WORDS


def _modifier(word: str) -> bool:
    """A noun or adjective that says which office ("press", "first", "information"); not a
    word that only links or points ("by", "the", "his")."""
    kinds = word_kinds(word)
    if word in STOP or word in ADVERBIAL_PREPOSITIONS:
        return False
    return bool(kinds & {"NOUN", "ADJ"}) and not kinds & _FUNCTION_WORDS


_FUNCTION_WORDS = frozenset({"DET", "ADP", "PRON", "CCONJ", "SCONJ", "AUX", "PART"})


def _place_word(word: str) -> bool:
    """A place or a demonym, by the gazetteer or the suffix rule ("Maltese", "Kenyan")."""
    return is_place(word) or country_token(word) is not None


def _not_of_the_title(word: str) -> bool:
    """A possessive, an article, a place or a word that is no noun or adjective ("The",
    "Beijing's", "US", "Meanwhile") stands before a title without being part of it."""
    if re.search(r"['’]s?$", word) or word.lower() in STOP or _place_word(word):
        return True
    if is_time_word(word):
        return True  # "On Monday Secretary of State ..."
    kinds = word_kinds(word)
    return bool(kinds) and not kinds & {"NOUN", "ADJ", "PROPN"}


def _opens_title(word: str) -> bool:
    if _abbreviated_title(word):
        return True
    return word.lower() not in STOP and (title_word(word) or word.lower() in HONORIFICS)


def _title_words(words: list[str]) -> list[str]:
    return _without_given_names(_without_lead(_run_before_name(words)))


def _run_before_name(words: list[str]) -> list[str]:
    """The words right before the name that can belong to a title, read backwards."""
    title: list[str] = []
    for word in reversed(words):
        if not title and _courtesy(word):
            continue  # "State Health Commissioner Dr. Kristina Box": the courtesy is no office
        capital = word[:1].isupper() and word.replace("-", "").isalpha() and not _place_word(word)
        capital = capital or _abbreviated_title(word)
        joins = word == "of" and bool(title) and title[0][:1].isupper()
        # "Nigerian information minister Lai Mohammed", "CCP senior official Yang Jiechi": a
        # title in lower case, with the nouns and adjectives that say which.
        # An abbreviated title after it ("army chief Gen. Asim Munir") leaves it lower case.
        lowered = [w for w in title if not _abbreviated_title(w)]
        lower = word.isalpha() and word.islower() and all(w.islower() for w in lowered)
        lower = lower and (_lower_title(word) if not lowered else _modifier(word))
        if not (capital or joins or lower or _INITIAL.fullmatch(word)):
            break
        title.insert(0, word)
    return title


def _without_lead(title: list[str]) -> list[str]:
    """Words before the title that are not part of it ("Beijing's", "The", "Meanwhile",
    "Monday"); a body's name stays ("Senate Majority Leader")."""
    while title and title[0][:1].isupper() and not _opens_title(title[0]):
        if not _not_of_the_title(title[0]):
            break
        title = title[1:]
    while title and title[0] == "of":
        title = title[1:]
    return title


def _without_given_names(title: list[str]) -> list[str]:
    """Given names and initials between the title and a surname ("Paul D." of "Paul D. Ryan")
    are no English words; the words of an "of" phrase ("of State") are."""
    while title and not _a_title(title[-1]) and (
        _INITIAL.fullmatch(title[-1]) or not in_lexicon(title[-1]) or "of" not in title
    ):
        title = title[:-1]
    if title and title[-1] == "of":
        title = title[:-1]
    return title if any(_a_title(w) for w in title) else []


def _a_title(word: str) -> bool:
    # "Major-Gen", "Lt-Col": a rank joined to an abbreviated one, written without stops
    joined = word.lower().strip(".,").split("-")[1:]
    return (
        title_word(word)
        or _abbreviated_title(word)
        or word.lower() in RANKS
        or any(part in TITLE_ABBREVIATIONS for part in joined)
    )


def _place_noun(word: str) -> bool:
    """A place's own name, not its demonym ("Malaysia", not "Israeli"): "Israeli Channel" is
    a description cut short, "Malaysia Airlines" a name."""
    return is_place(word) and country_name(word) in (None, word)


def split_title(name: str) -> tuple[str, list[str]]:
    """("Chinese Foreign Minister Wang Yi") -> ("Wang Yi", ["Foreign", "Minister"]): leading
    titles, demonyms, places, possessives ("NPR's") and an acronym before a title leave the
    name; what is left must still look like a name. Unchanged when nothing can go."""
    tokens = name.split()
    if not tokens:
        return name, []
    # A trailing description: "Ilan Gilon of the Meretz party" is Ilan Gilon. Only when the
    # tail has ordinary words ("party"), so "Committee of the Red Cross" stays whole.
    of = next((i for i, t in enumerate(tokens) if t == "of" and i >= 2), None)
    if of is not None and any(
        t[:1].islower() and t not in ("the", "and", "of") for t in tokens[of + 1 :]
    ):
        tokens = tokens[:of]
    tokens = tokens[_courtesy_inside(tokens) :]

    def leading_title(i: int) -> bool:
        word = tokens[i]
        if word.lower().strip(".,") in HONORIFICS or title_word(word):
            return True
        if is_place(word) and not is_venue(word):  # "Anchorage Daily News" keeps its venue
            return True
        if re.search(r"['’]s$", word) and word[:1].isupper():  # "NPR's Ofeibea Quist-Arcton"
            return True
        if word.lower() == "elect" and i > 0 and title_word(tokens[i - 1]):
            return True  # "President Elect Trump": the title is "President Elect"
        # "UN Spokesperson ...", "Commerzbank analyst ...": the body they serve, right before
        # a title
        return word[:1].isupper() and title_word(tokens[i + 1])

    cut = 0
    while cut < len(tokens) - 1 and leading_title(cut):
        cut += 1
    # A compound title ends at its last title word: "U.S. National Security Adviser Jake ..."
    joined = {"of", "the", "for", "and", "&"}
    for i in range(len(tokens) - 2, cut - 1, -1):
        # "Communist Party senior official Yang Jiechi": lower-case words of the title too,
        # when a capitalised name follows
        if title_word(tokens[i]) and tokens[i + 1][:1].isupper() and all(
            t[:1].isupper() or t.lower() in joined or _modifier(t) or title_word(t)
            for t in tokens[: i + 1]
        ):
            cut = i + 1
            break
    rest = tokens[cut:]
    if rest[0][:1].islower() or all(t.lower() in TITLE_WORDS for t in rest):
        return name, []
    if len(rest) == 1 and rest[0].lower() in BODY_WORDS:
        return name, []  # "Chinese Foreign Ministry" names a body; "Ministry" would name none
    if len(rest) == 1 and "NOUN" in word_kinds(rest[0]) and all(map(_place_noun, tokens[:cut])):
        return name, []  # "Malaysia Airlines", "Kenya Power": a place and a noun name a company
    if any(t.lower().strip(".,") in _BODY_HEADS for t in rest) and not any(
        title_word(t) or _persons_possessive(t) for t in tokens[:cut]
    ):
        # An organisation's own name: "American Enterprise Institute", "People's Republic of
        # China" lose no demonym or possessive. After a title the rest is a person's name,
        # whatever it holds ("Professor Robert Service"); after a person's possessive, the
        # body is the rest ("Netanyahu's Likud party").
        return name, []
    if cut == 0:
        return " ".join(rest), []
    title = [t for t in tokens[:cut] if not is_place(t) and not re.search(r"['’]s$", t)]
    return " ".join(rest), title


def _persons_possessive(token: str) -> bool:
    """ "Netanyahu's": a name's possessive, not a place's ("China's") nor a word's ("People's")."""
    owner = re.sub(r"['’]s$", "", token)
    return owner != token and not is_place(owner) and not in_lexicon(owner)


def _courtesy_inside(tokens: list[str]) -> int:
    """Where a caption run into a name starts the name: "Republican Mr Obama" is Mr Obama.
    Not across a pair ("Mr Obama and Mr Netanyahu") or a title ("Prime Minister Dr Abiy")."""
    for i, token in enumerate(tokens[1:-1], 1):
        if _courtesy(token.strip(".")):
            before = tokens[:i]
            joined = any(t in ("and", "&") or t.endswith(",") for t in before)
            return 0 if joined or any(title_word(t) for t in before) else i
    return 0


def only_a_title(phrase: str) -> bool:
    """ "Chinese Foreign Minister", "President of Nigeria": an office with its country or
    body and nothing else, the way a model fills a stance's topic with its actor's title."""
    given = [w.strip(".,").removesuffix("'s").removesuffix("’s") for w in phrase.split()]
    words = [w.lower() for w in given if w]
    return any(title_word(w) for w in words) and all(
        title_word(w) or w in HONORIFICS or w in _RANK_OF_OFFICE or w in BODY_WORDS or w in STOP
        or _place_word(w) or _acronym(g)
        for w, g in zip(words, [g for g in given if g], strict=True)
    )


# Words that say how high an office stands ("senior official", "acting minister"): with a
# title they still name only the office.
_RANK_OF_OFFICE = frozenset({"senior", "acting", "assistant", "junior", "high-ranking"})


def _acronym(word: str) -> bool:
    """ "CCP", "UN", "NATO": a body's initials, as a title's body ("CCP senior official")."""
    return 2 <= len(word) <= 5 and word.isalpha() and word.isupper()
