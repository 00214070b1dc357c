"""Places: country names, demonyms and a gazetteer, as `text.words.fold` writes them.

Every name here is lower case, without dots, multi-word names of countries and bodies reduced
to the one token `fold` gives them ("united states" -> "us"), so a caller looks up folded words.

- `ALIASES`: the multi-word names `fold` reduces to one token;
- `DEMONYMS`: demonym -> the country names it stands for, the first being the canonical token
  clustering compares ("american" -> "us"). Demonyms the suffix rule (`derived_demonyms`,
  `demonym_match`: Kenya/Kenyan, Iran/Iranian) cannot derive, and the frequent ones clustering
  folds into their country;
- `COUNTRY_OF`: capitals and frequent venues -> country, so "Moscow" and "Russia" agree at
  country level; `COUNTRIES`: the country tokens clustering recognises in a place name.
"""

from __future__ import annotations

__all__ = [
    "ALIASES",
    "COUNTRIES",
    "COUNTRY_OF",
    "DEMONYMS",
    "country_of_demonym",
    "demonym_match",
    "derived_demonyms",
    "named_forms",
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

COUNTRY_OF = {
    "moscow": "russia", "beijing": "china", "shanghai": "china", "washington": "us",
    "white house": "us", "new york": "us", "alaska": "us", "anchorage": "us", "london": "uk",
    "paris": "france", "berlin": "germany", "brussels": "belgium", "geneva": "switzerland",
    "tokyo": "japan", "seoul": "south korea", "pyongyang": "north korea", "kyiv": "ukraine",
    "kiev": "ukraine", "minsk": "belarus", "ankara": "turkey", "istanbul": "turkey",
    "tehran": "iran", "riyadh": "saudi", "doha": "qatar", "cairo": "egypt",
    "jerusalem": "israel", "tel aviv": "israel", "ramallah": "palestine", "amman": "jordan",
    "baghdad": "iraq", "damascus": "syria", "beirut": "lebanon", "kabul": "afghanistan",
    "islamabad": "pakistan", "new delhi": "india", "delhi": "india", "abuja": "nigeria",
    "lagos": "nigeria", "khartoum": "sudan", "nairobi": "kenya", "addis ababa": "ethiopia",
    "pretoria": "south africa", "canberra": "australia", "ottawa": "canada",
    "mexico city": "mexico", "brasilia": "brazil", "rome": "italy", "madrid": "spain",
    "vienna": "austria", "warsaw": "poland", "hanoi": "vietnam", "manila": "philippines",
    "jakarta": "indonesia", "bangkok": "thailand", "valletta": "malta", "helsinki": "finland",
    "stockholm": "sweden", "oslo": "norway", "caracas": "venezuela", "havana": "cuba",
}  # fmt: skip
COUNTRIES = frozenset(COUNTRY_OF.values())


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
