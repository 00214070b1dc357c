"""Does the text support a phrase? Text-only matching helpers for the validator.

- `fold` / `words`: lower case, abbreviations without dots ("U.S." -> "us"), multi-word names
  of countries and bodies reduced to one token, so "US", "U.S." and "United States" agree;
- `stem`: the one word stemmer of the package (Snowball English, from `snowballstemmer`):
  "consultations"/"consultation", "talks"/"talked" agree; clustering compares stems too;
- `word_supported`: a word counts as present in its own form, its stem, or its demonym
  ("Kenya"/"Kenyan", "France"/"French");
- `stated`: most of a phrase's words are supported in a window; CJK text has no spaces, so it is
  compared by character pairs instead;
- `mentions`: where a name occurs (whole words; CJK names as plain substrings), found with
  `str.find` on the lower-cased text, which stays fast on a 1 MB article;
- `with_defined_acronym`: a name's mentions and those of the acronym the article gives it
  ("the Civil Aviation Authority of Nepal (CAAN)", then "CAAN said");
- `prefix_in_text`: the first letters of a word appear in the text (compounds, see there);
- `name_in_text`: the text's own spelling of a name the model respelled ("Sergei"/"Sergey");
- `appositive_context`: the words right before a name and an appositive right after it, where
  a role or affiliation is stated for that person and not for a neighbour.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

import snowballstemmer
from rapidfuzz import fuzz

from summarizer.text.cues import NOT_A_NOUN, TITLE_ABBREVIATIONS, TITLE_IN_FULL
from summarizer.text.names import TITLE_WORDS
from summarizer.text.places import ALIASES, demonym_match, derived_demonyms, named_forms

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "its",
        "his",
        "her",
        "their",
        "de",
        "la",
        "le",
        "du",
        "des",
        "von",
        "van",
        "der",
    ]
)
_ABBREVIATION = re.compile(r"\b(?:[a-z]\.){2,}")


def fold(text: str) -> str:
    folded = _ABBREVIATION.sub(lambda m: m.group(0).replace(".", ""), text.lower())
    for phrase, token in ALIASES.items():
        if phrase in folded:
            folded = re.sub(r"\b" + phrase + r"\b", token, folded)
    return folded


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]{2,}", fold(text))


def content(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOP]


# The validator asks about the same phrases and windows many times per article (each field
# against its evidence, its sentence, the title...): each is folded and split once.
@lru_cache(maxsize=2048)
def _content_words(phrase: str) -> tuple[str, ...]:
    return tuple(content(phrase))


@lru_cache(maxsize=2048)
def _word_set(window: str) -> frozenset[str]:
    return frozenset(words(window))


_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball (Porter 2) English stem of a lower-case word: "negotiations" -> "negoti"."""
    return str(_STEMMER.stemWord(word))


@lru_cache(maxsize=2048)
def _stem_set(window: frozenset[str]) -> frozenset[str]:
    return frozenset(stem(w) for w in window)


def demonym_forms(word: str) -> set[str]:
    """Other forms naming the same country: "Kenya" -> {"kenyan", ...}, "French" -> {"france"}."""
    word = fold(word)
    return (named_forms(word) | derived_demonyms(word)) - {word}


def word_supported(word: str, window: frozenset[str]) -> bool:
    if word in window:
        return True
    if named_forms(word) & window:
        return True
    if stem(word) in _stem_set(window):
        return True
    return demonym_match(word, window)


def stated(phrase: str, window: str, share: float = 0.6) -> bool:
    """Most of the phrase's words (by form, stem or demonym) appear in the window."""
    if CJK.search(phrase):
        return _bigram_share(phrase, window) >= share
    needed = _content_words(phrase)
    if not needed:
        return False
    available = _word_set(window)
    return sum(word_supported(w, available) for w in needed) / len(needed) >= share


def _bigram_share(phrase: str, window: str) -> float:
    chars = [c for c in phrase if CJK.match(c) or c.isalnum()]
    pairs = {a + b for a, b in itertools.pairwise(chars)} or set(chars)
    if not pairs:
        return 0.0
    return sum(p in window for p in pairs) / len(pairs)


@lru_cache(maxsize=8)
def _lowered(text: str) -> str:
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text


_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Z0-9&]{1,9})\)")


def with_defined_acronym(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` of a name, and of the acronym the article defines for it in parentheses right
    after one of them: the article names the body in full once and by its acronym after
    that. The acronym must be the initials of the name's capitalised words (not a person's
    party, "Narendra Modi (BJP)", nor a credit, "Netanyahu (AFP)"), and is matched in
    capitals only ("WHO" is no "who")."""
    for start, end in spans:
        defined = _ACRONYM_AFTER.match(text, end)
        if defined and _initials(text[start:end]) == defined.group(1).replace("&", ""):
            acronym = re.compile(r"\b" + re.escape(defined.group(1)) + r"\b")
            later = [
                (m.start(), m.end())
                for m in acronym.finditer(text)
                if not defined.start(1) <= m.start() < defined.end(1)
            ]
            return sorted(set(spans) | set(later[:50]))
    return spans


def acronym_of(short: str, name: str) -> bool:
    """ "EU" of "European Union", "ICRC" of "International Committee of the Red Cross": a
    name in capitals that is the initials of the other's capitalised words."""
    return 2 <= len(short) <= 6 and short.isalpha() and short.isupper() and (
        _initials(name) == short and " " in name.strip()
    )


def _initials(name: str) -> str:
    """ "Civil Aviation Authority of Nepal" -> "CAAN": first letters of the capitalised words."""
    return "".join(w[0] for w in re.findall(r"[\w'’-]+", name) if w[:1].isupper())


def mentions(text: str, name: str, limit: int = 50) -> list[tuple[int, int]]:
    """Where `name` occurs as whole words (CJK names as substrings), case-insensitively."""
    name = " ".join(name.split())
    if len(name) < 2:
        return []
    lowered = _lowered(text)
    needle = name.lower() if lowered is not text else name
    whole_words = not CJK.search(name)
    spans: list[tuple[int, int]] = []
    position = lowered.find(needle)
    while position >= 0 and len(spans) < limit:
        end = position + len(needle)
        if not whole_words or _word_edges(text, position, end):
            spans.append((position, end))
        position = lowered.find(needle, position + 1)
    return spans


def prefix_in_text(text: str, word: str, letters: int = 5) -> bool:
    """The word's first `letters` letters occur anywhere in the text, case-insensitively.

    Not a stemmer: languages that capitalise every noun build compounds
    ("Außenministertreffen" from "Außenminister treffen"), which no stemmer splits; a word
    whose start is in the text is then not a new name.
    """
    if len(word) < letters:
        return False
    lowered = _lowered(text)
    return word[:letters].lower() in (lowered if lowered is not text else text.lower())


def _word_edges(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def name_in_text(text: str, name: str) -> str | None:
    """The text's spelling of a name written slightly differently ("Sergei" for "Sergey").

    Candidates are the capitalised runs of words around any word of the name; one must be
    close to the whole name (so "Sergei Patrushev" does not pass for "Nikolai Patrushev").
    """
    best: tuple[float, str] | None = None
    for token in {t for t in re.findall(r"[^\W\d_]{3,}", name) if t.lower() not in STOP}:
        for start, end in mentions(text, token, limit=20):
            candidate = _capitalised_run(text, start, end)
            score = fuzz.ratio(name.lower(), candidate.lower())
            if score >= 85 and (best is None or score > best[0]):
                best = (score, candidate)
    return best[1] if best else None


def _capitalised_run(text: str, start: int, end: int) -> str:
    tokens = re.finditer(r"[^\W\d_][\w'’.-]*", text[max(0, start - 60) : end + 60])
    offset = max(0, start - 60)
    run: list[tuple[int, int]] = []
    for match in tokens:
        lo, hi = match.start() + offset, match.end() + offset
        capitalised = match.group(0)[0].isupper()
        if (
            lo <= start < hi
            or (capitalised and run and lo - run[-1][1] <= 1)
            or (capitalised and hi <= start and (not run or lo - run[-1][1] <= 1))
        ):
            run.append((lo, hi))
        elif hi <= start:
            run = []
        elif lo >= end:
            break
    return text[run[0][0] : run[-1][1]] if run else text[start:end]


# Clause breaks before a mention. A sentence end is a full stop after a word that is not a
# one-letter abbreviation ("U.S. National Security Adviser" is one phrase).
_CLAUSE_BREAK = re.compile(r"(?<!\b[A-Z])\.\s+|\n|;\s+|\s(?:and|with|while)\s")
# A mention right after these words is their object: the words before belong to someone else
# ("...invitation by Secretary Patrushev of the Security Council to Wang Yi").
_OBJECT_OF = re.compile(r"\s(?:to|by|from|with|and|than|for)\s+$")
_DETERMINERS = frozenset("the a an his her their its".split())
_CJK_STOPS = "，。、；：！？（）“”"


def appositive_context(text: str, start: int, end: int) -> str:
    """The words before a mention (back to a clause break) and an appositive after it.

    "...Adviser Jake Sullivan, Wang Yi" gives nothing on the left: the title is Sullivan's.
    """
    if CJK.search(text[start:end]):
        left = text[max(0, start - 12) : start]
        cut = max((left.rfind(c) + 1 for c in _CJK_STOPS if c in left), default=0)
        return left[cut:] + text[start:end]
    return _left_context(text, start) + text[start:end] + _right_context(text, end)


def _left_context(text: str, start: int) -> str:
    left = text[max(0, start - 80) : start]
    if _OBJECT_OF.search(left):
        return ""
    # "Indiana Gov. Eric Holcomb": an abbreviated title's full stop ends no clause.
    breaks = [b for b in _CLAUSE_BREAK.finditer(left) if not _title_stop(left, b)]
    if breaks:
        left = left[breaks[-1].end() :]
    before_comma = re.search(r"([A-Za-z][\w'’.-]*),\s*$", left)
    word = before_comma.group(1) if before_comma else ""
    if word[:1].isupper() and word.lower() not in TITLE_WORDS:
        return ""  # "Jake Sullivan, Wang Yi": the words before are another person's
    return left


def _title_stop(left: str, found: re.Match[str]) -> bool:
    word = re.search(r"([A-Za-z]+)$", left[: found.start()])
    stop = found.group(0).startswith(".")
    return stop and word is not None and word.group(1).lower() in TITLE_ABBREVIATIONS


def titles_in_full(context: str) -> str:
    """ "Indiana Gov. Eric Holcomb" -> "Indiana Governor Eric Holcomb": abbreviated titles
    written out, to check a role the model gives in full against the article's words."""

    def in_full(found: re.Match[str]) -> str:
        full = TITLE_IN_FULL.get(found.group(1).lower())
        return full.capitalize() if full else found.group(0)

    return re.sub(r"\b([A-Z][a-z]{1,3})\.", in_full, context)


def _right_context(text: str, end: int) -> str:
    after = text[end : end + 120]
    if after.startswith(" of "):  # "Secretary Nikolai Patrushev of the Security Council"
        stop = min((i for i in (after.find(c, 4) for c in ",.;\n") if i > 0), default=len(after))
        cut = re.search(r"\s(?:to|and|with|in|on|at)\s", after[4:stop])
        return after[: 4 + cut.start()] if cut else after[:stop]
    if not after.startswith((",", " (")):
        return ""
    first = re.match(r"[\s,(]*([\w'’.-]+)", after)
    if first is None:
        return ""
    word = first.group(1)
    if word[0].isupper() and word.lower() not in _DETERMINERS | TITLE_WORDS:
        return ""  # ", Wang Yi delved into...": a new subject, not an appositive
    stop = min((i for i in (after.find(c, 2) for c in ",).;\n") if i > 0), default=len(after))
    return after[:stop]


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) around text[start:end], without surrounding white space."""
    # Each break starts the sentence just after itself; rfind's -1 (no break) must mean 0.
    breaks = [(". ", 2), ("\n", 1), ("。", 1), ("！", 1), ("？", 1)]
    lo = max(
        (i + width for stop, width in breaks if (i := text.rfind(stop, 0, start)) >= 0), default=0
    )
    # A span that ends on its sentence's full stop ("... the border.") ends that sentence.
    last = max(start, end - 1)
    found = (text.find(". ", last), text.find("\n", end), text.find("。", last))
    ends = [i for i in found if i >= 0]
    hi = min(ends) + 1 if ends else len(text)
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def word_kinds(word: str) -> frozenset[str]:
    """The parts of speech an English word can be ("previously" -> {"ADV"}); empty for names
    and foreign words. Lexicon from `lemminflect`."""
    from lemminflect import getAllLemmas

    return frozenset(getAllLemmas(word.lower()))


def in_lexicon(word: str) -> bool:
    """An English word of any part of speech ("trump", "view", "outgoing"); given names and
    foreign words ("Melania", "Sadeq", "Osama") are not. Lexicon from `lemminflect`."""
    from lemminflect import getAllLemmas

    return bool(getAllLemmas(word.lower()))


def only_a_noun(word: str) -> bool:
    """The word can be a noun and nothing else ("girls", "residence"); "meeting", "releases",
    "will" can be verbs too and do not count. Lexicon from `lemminflect` (bundled data)."""
    from lemminflect import getAllLemmas  # 0.2 s of lexicon loading, paid on first use only

    if word.lower() in NOT_A_NOUN:
        return False  # the lexicon has no pronouns: "that", "who", "he" come back as nouns
    kinds = getAllLemmas(word.lower())
    return bool(kinds) and set(kinds) == {"NOUN"}
