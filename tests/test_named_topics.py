"""Topics a participant says were discussed, added to the agenda (grounding/named_topics.py)."""

from __future__ import annotations

from summarizer.grounding.locate import evidence_for
from summarizer.grounding.named_topics import topic_after_verb
from summarizer.grounding.validate import validate
from summarizer.models import (
    AgendaStatus,
    ArticleSummary,
    Event,
    EventKind,
    EventStatus,
    Participant,
    Source,
)

TEXT = (
    "Odede and Mugisha meet in Lokori\n\n"
    "Kenyan Foreign Minister Amina Odede met Ugandan envoy Paul Mugisha in Lokori on Tuesday. "
    '"We discussed a lot of different issues, some easy and some hard," Odede said. '
    'She said the two talked about "fishing rights," as well as the border. '
    "They may also discuss rail links, an aide said. "
    "Mr Mugisha's team is focused on hiring new staff. "
    "They did not discuss tariffs. "
    "Odede will discuss the budget at their next meeting. "
    "The talks on Tuesday ran late."
)


def summary(kind: EventKind = EventKind.MEETING, status=EventStatus.COMPLETED) -> ArticleSummary:
    people = [
        Participant(name=name, attending=True, evidence=evidence_for(TEXT, name))
        for name in ("Amina Odede", "Paul Mugisha")
    ]
    return ArticleSummary(
        id="t",
        source=Source(text=TEXT),
        model="m",
        endpoint="e",
        prompt_version="p",
        event=Event(
            title="Odede meets Mugisha",
            kind=kind,
            summary="Two envoys met in Lokori.",
            status=status,
            evidence=evidence_for(TEXT, "Amina Odede met Ugandan envoy Paul Mugisha in Lokori"),
        ),
        participants=people,
    )


def test_topics_those_taking_part_say_they_discussed_are_added():
    agenda = validate(summary(), add_named=True).summary.agenda
    found = {a.topic: a for a in agenda}
    # "we discussed X", "the two talked about "X"": the words after the verb, to the clause end
    assert set(found) == {"lot of different issues", "fishing rights", "rail links"}
    assert all(e.match == "substituted" for a in agenda for e in a.evidence)
    # talks that took place: what they covered is reported; a hedge stays a guess
    assert found["fishing rights"].status is AgendaStatus.ANNOUNCED
    assert found["rail links"].status is AgendaStatus.SPECULATIVE
    # not "Mr Mugisha's team is focused on ...", a denied topic, a later meeting's, or a day


def test_no_topic_is_added_to_an_event_without_an_agenda_or_without_add_named():
    assert validate(summary(kind=EventKind.ATTACK), add_named=True).summary.agenda == []
    assert validate(summary(), add_named=False).summary.agenda == []


def test_talks_still_to_come_get_the_writers_preview_unless_a_source_states_it():
    found = {
        a.topic: a.status
        for a in validate(summary(status=EventStatus.PLANNED), add_named=True).summary.agenda
    }
    assert found["fishing rights"] is AgendaStatus.ANNOUNCED  # "She said": a source states it
    assert found["rail links"] is AgendaStatus.SPECULATIVE


def test_the_topic_after_a_verb_of_talks_is_the_rest_of_its_clause():
    assert topic_after_verb("They will discuss trade, energy and more.") == "trade"
    assert topic_after_verb('He said they talked about "border security," too.') == (
        "border security"
    )
    assert topic_after_verb("The talks on Monday ran late.") is None
    assert topic_after_verb("No verb of talks here.") is None
