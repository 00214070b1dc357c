"""The other side of a meeting takes part: someone the model called mentioned whom a person
taking part meets, hosts or receives, or who meets one of them (invented articles)."""

from __future__ import annotations

import pytest

from summarizer.grounding.locate import evidence_for
from summarizer.grounding.validate import validate
from summarizer.models import ArticleSummary, Event, EventKind, EventStatus, Participant, Source


def _summary(text: str, status: EventStatus, *people: tuple[str, bool]) -> ArticleSummary:
    first = text.split(".")[0]
    return ArticleSummary(
        id="t",
        source=Source(text=text),
        model="m",
        endpoint="e",
        prompt_version="p",
        event=Event(
            title="Envoys meet",
            kind=EventKind.MEETING,
            summary="Two envoys meet.",
            status=status,
            evidence=evidence_for(text, first),
        ),
        participants=[
            Participant(name=name, attending=attending, evidence=evidence_for(text, name))
            for name, attending in people
        ],
    )


def _attending(text: str, status: EventStatus = EventStatus.PLANNED) -> bool:
    """Whether Paul Mugisha, listed as mentioned, takes part once Amina Odede (taking part) and
    Daniel Kiptoo (mentioned) are listed beside him."""
    people = (("Amina Odede", True), ("Paul Mugisha", False), ("Daniel Kiptoo", False))
    s = _summary(text, status, *people)
    [mugisha] = [p for p in validate(s).summary.participants if p.name == "Paul Mugisha"]
    return mugisha.attending


@pytest.mark.parametrize(
    "text",
    [
        # the one met, after a verb of meeting and the words that say who he is
        "Envoys to meet in Geneva. Odede is slated to meet with her Ugandan counterpart, Paul "
        "Mugisha, in Geneva on Tuesday.",
        "Envoys to meet in Geneva. Kenyan minister Amina Odede will host Uganda's Foreign "
        "Minister Paul Mugisha in Nairobi on Tuesday.",
        # the one who meets someone taking part
        "Envoys to meet in Geneva. Paul Mugisha will meet Amina Odede on Tuesday.",
        # two subjects of one verb of meeting
        "Envoys to meet in Geneva. Amina Odede and Paul Mugisha will hold talks on Tuesday.",
    ],
)
def test_who_meets_one_taking_part_takes_part(text):
    assert _attending(text) is True


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # of a meeting reported done, one still to come is another meeting
        (
            "Envoys met in Geneva. Later, Odede will meet with Paul Mugisha this evening.",
            EventStatus.COMPLETED,
        ),
        # another month, another meeting
        ("Envoys to meet in Geneva. In March, Amina Odede met Paul Mugisha.", EventStatus.PLANNED),
        # someone not taking part is the one who meets him
        (
            "Envoys to meet in Geneva. Amina Odede said Daniel Kiptoo met Paul Mugisha.",
            EventStatus.PLANNED,
        ),
        ("Envoys to meet in Geneva. Daniel Kiptoo met Paul Mugisha.", EventStatus.PLANNED),
        # a clause of its own comes between the verb and the name
        (
            "Envoys to meet in Geneva. Amina Odede met the press before seeing Paul Mugisha off.",
            EventStatus.PLANNED,
        ),
    ],
)
def test_a_meeting_of_others_or_of_another_time_does_not_count(text, status):
    assert _attending(text, status) is False


def _release(text: str, *people: tuple[str, bool], kind: EventKind = EventKind.RELEASE):
    s = _summary(text, EventStatus.COMPLETED, *people)
    s.event.kind = kind
    return {p.name: p.attending for p in validate(s, add_named=True).summary.participants}


_BROKERED = (
    "Rebels free 12 hostages. The release is the outcome of negotiations between the "
    "administration and the Kivu Front, brokered by the International Committee of the Red "
    "Cross (ICRC) and the Norwegian government, a spokesman said."
)


def test_the_go_betweens_and_the_sides_of_a_negotiation_take_part():
    found = _release(_BROKERED, ("Kivu Front", False))
    assert found["Kivu Front"] is True  # a side of the negotiation the model called mentioned
    assert found["International Committee of the Red Cross"] is True  # added
    assert found["Norwegian government"] is True


@pytest.mark.parametrize(
    "text",
    [
        "Rebels free 12 hostages. Talks between the Kivu Front and the Norwegian government "
        "went on for months.",
        "Rebels free 12 hostages. The Norwegian government mediated the swap, officials said.",
        "Rebels free 12 hostages. A deal between the rebels and the Norwegian government was "
        "struck.",
    ],
)
def test_the_forms_that_name_a_side_or_a_go_between(text):
    assert _release(text).get("Norwegian government") is True


def test_no_party_is_added_to_an_event_that_is_no_negotiation_nor_of_another_time():
    assert "Norwegian government" not in _release(_BROKERED, kind=EventKind.STATEMENT)
    assert "Norwegian government" not in _release(
        "Rebels free 12 hostages. Last year, talks between the Kivu Front and the Norwegian "
        "government failed."
    )


def test_a_party_adjective_names_no_one():
    text = "Envoys met in Geneva. Amina Odede later met Republican leaders and Democratic aides."
    s = _summary(text, EventStatus.COMPLETED, ("Amina Odede", True), ("Republican", False))
    v = validate(s)
    assert [p.name for p in v.summary.participants] == ["Amina Odede"]
    assert "party's adjective" in v.rejected[0].reason
