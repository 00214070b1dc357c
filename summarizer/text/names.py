"""Words that stand next to people's names without being part of them.

Two lists with two purposes, kept side by side so a new title is added to both or knowingly
to one:

- `TITLE_WORDS`: nouns of office ("minister", "ambassador", "counterpart"). The validator reads a
  person's role from the words around a mention (`text.words.appositive_context`); a capitalised
  word before a comma is another person's name unless it is one of these ("Foreign Minister,
  Wang Yi" vs "Jake Sullivan, Wang Yi"), and an appositive after a name starts with one of these.
- `HONORIFICS`: the words that may precede a name in a participant list and say nothing about
  who it is ("Mr", "Dr", "Foreign Minister", "former US"). Clustering strips them before
  comparing names (`memo.cluster.name_tokens`), so "Mr. Sergey Lavrov" and "Sergey Lavrov" agree.
  Broader than `TITLE_WORDS` (adjectives and articles too), narrower elsewhere ("official").
"""

from __future__ import annotations

__all__ = ["HONORIFICS", "RELATION_WORDS", "TITLE_WORDS", "title_word"]

TITLE_WORDS = frozenset(
    "minister secretary adviser advisor president director ambassador chairman chairwoman "
    "chair spokesperson spokesman spokeswoman general chief commander premier chancellor envoy "
    "official counterpart head leader deputy vice king queen prince governor mayor senator "
    "representative councillor councilor analyst correspondent reporter member lawmaker "
    "legislator mp mk lady professor expert scholar researcher economist editor negotiator "
    "officer speaker executive justice "
    # Offices of courts and of oversight, and the trades news writes before a name in lower
    # case ("high court judge Mbuzeni Mathenjwa", "Democratic pollster John Anzalone"): the
    # words around a name give a person's role only when their last word is one of these.
    "judge magistrate prosecutor commissioner commandant inspector ombudsman auditor "
    "pollster strategist activist campaigner lobbyist".split()
)

# Title words that say how one person stands to another, not which office they hold: "his
# Russian counterpart Sergey Lavrov" names Lavrov's part, his role is "Foreign Minister".
RELATION_WORDS = frozenset({"counterpart", "counterparts", "member", "members"})

HONORIFICS = frozenset(
    "mr mrs ms miss dr sir madam madame dame lord president vice prime minister foreign "
    "secretary general chancellor king queen prince princess sheikh ambassador senator sen rep "
    "gov governor mayor premier chairman chairwoman chair spokesman spokeswoman spokesperson "
    "state deputy defence defense top diplomat envoy former first us the of".split()
)


def title_word(word: str) -> bool:
    """ "Minister", "President-elect", "Vice-President": a noun of office, hyphenated or not."""
    return any(part in TITLE_WORDS for part in word.lower().strip(".,").split("-"))
