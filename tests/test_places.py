"""The gazetteer and demonym table of summarizer/text/places.py: the GeoNames-backed gazetteer
still knows every place of the hand-written table it replaced, and common words stay unknown."""

from __future__ import annotations

import pytest

from summarizer.text.places import country_of, country_of_demonym, is_place, named_forms
from summarizer.text.words import demonym_forms, fold

# The hand-written gazetteer that memo/cluster.py carried before the GeoNames one.
FORMER_TABLE = {
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


@pytest.mark.parametrize("place", sorted(FORMER_TABLE))
def test_the_gazetteer_knows_every_place_of_the_former_table(place):
    assert country_of(place) == FORMER_TABLE[place]


@pytest.mark.parametrize("country", sorted(set(FORMER_TABLE.values())))
def test_every_former_country_token_is_a_country(country):
    assert country_of(country) == country


def test_names_are_looked_up_as_fold_writes_them():
    assert country_of(fold("United States")) == "us"
    assert country_of(fold("Saudi Arabia")) == "saudi"
    assert country_of("britain") == "uk" and country_of("america") == "us"
    assert country_of("maiduguri") == "nigeria"  # a big city that is no capital
    assert country_of("brasília") == country_of("brasilia") == "brazil"
    assert country_of("london") == "uk"  # the biggest of a name, not London, Ontario


@pytest.mark.parametrize("word", ["union", "summit", "university", "airport", "independence"])
def test_small_towns_named_like_common_words_are_left_out(word):
    assert country_of(word) is None


def test_one_demonym_table_serves_clustering_and_the_validator():
    assert country_of_demonym("american") == "us"
    assert country_of_demonym("british") == "uk"
    assert country_of_demonym("kenyan") is None  # the suffix rule, not the table
    assert named_forms("french") == {"france"} and named_forms("france") == {"french"}
    assert "kenyan" in demonym_forms("Kenya")
    assert "france" in demonym_forms("French")


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("Chinese", "China"),
        ("China's", "China"),
        ("U.S.", "United States"),
        ("American", "United States"),
        ("Kenyan", "Kenya"),  # the suffix rule
        ("Palestinian", "Palestine"),
        ("Moscow", None),  # a capital stands for its government too loosely
        ("Obama", None),
    ],
)
def test_a_country_is_named_the_way_a_reader_expects(word, name):
    from summarizer.text.places import country_name

    assert country_name(word) == name


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("Venezuelan", True),  # a demonym the suffix rule derives ("Venezuela" + "n")
        ("Kenyans", True),  # the people of a country
        ("Jordanian", True),
        ("Susan", False),  # given names that end like demonyms stay names
        ("Adrian", False),
        ("Nathan", False),
        ("Amina Odede", False),
    ],
)
def test_a_demonym_of_any_country_is_a_place_not_a_participant(name, place):
    assert is_place(name) is place


def test_a_listed_venue_is_a_place_unless_it_stands_for_an_institution():
    from summarizer.text.places import is_place, is_venue

    # exonyms and towns the city gazetteer lacks are places ("Kiev" taking part is a place)
    assert is_place("Kiev") and is_place("Geneva") and is_place("Tel Aviv")
    # "the White House said": the building stands for the president's office
    assert not is_place("White House") and not is_place("the White House")
    assert is_venue("White House") and is_venue("Geneva")


def test_a_venue_opening_a_bodys_name_stays_in_it():
    from summarizer.grounding.titles import split_title

    assert split_title("Anchorage Daily News") == ("Anchorage Daily News", [])
