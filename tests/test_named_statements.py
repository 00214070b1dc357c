"""Statements the article attributes by name, added as stances when the model listed none for
them (grounding/named_statements.py), on invented text."""

from __future__ import annotations

from summarizer.grounding.locate import evidence_for
from summarizer.grounding.validate import validate
from summarizer.models import (
    ArticleSummary,
    Event,
    EventKind,
    EventStatus,
    Participant,
    Source,
    Stance,
)
from summarizer.text.finders import attribution

TEXT = (
    "Lokori and Napu trade barbs\n\n"
    "Lokori's trade minister Amina Odede accused Napu of dumping steel. "
    '"We will not be a dumping ground," Odede said on Tuesday. '
    "Napu's envoy is Paul Mugisha. Mugisha told reporters that the duties broke the treaty. "
    "The duties are a mistake, said Juan Perez, a trader at Harbour Metals. "
    "He said he would appeal. The President said talks were possible. "
    "The Lokori index added 20 points on the news. "
    "Odede said the ministry would publish its figures. "
    "Harbour Metals traders fear a price war. The duties were illegal, China said."
)


def summary(*stances: Stance) -> ArticleSummary:
    return ArticleSummary(
        id="t",
        source=Source(text=TEXT),
        model="m",
        endpoint="e",
        prompt_version="p",
        event=Event(
            title="Lokori accuses Napu of dumping",
            kind=EventKind.STATEMENT,
            summary="A trade dispute.",
            status=EventStatus.COMPLETED,
            evidence=evidence_for(TEXT, "Amina Odede accused Napu of dumping steel"),
        ),
        stances=list(stances),
    )


def added(s: ArticleSummary) -> list[Stance]:
    return [st for st in validate(s, add_named=True).summary.stances if _substituted(st)]


def _substituted(st: Stance) -> bool:
    return all(e.match == "substituted" for e in st.evidence)


def test_each_sentence_naming_its_speaker_becomes_a_stance():
    found = {(st.actor, st.position) for st in added(summary())}
    assert found == {
        # "Odede said": the participant listed as Amina Odede.
        ("Amina Odede", "We will not be a dumping ground"),
        ("Paul Mugisha", "the duties broke the treaty."),
        ("Juan Perez", "The duties are a mistake"),
        ("Amina Odede", "the ministry would publish its figures."),
        ("China", "The duties were illegal"),  # a country speaks too
    }


def test_no_stance_for_a_pronoun_a_bare_title_or_a_market_figure():
    actors = {st.actor for st in added(summary())}
    assert not actors & {"He", "President", "Lokori index", "Lokori"}


def test_a_sentence_a_stance_already_cites_is_left_to_it():
    given = Stance(
        actor="Odede",
        topic="steel dumping",
        position="refuses dumping",
        evidence=evidence_for(TEXT, '"We will not be a dumping ground," Odede said on Tuesday.'),
    )
    new = added(summary(given))
    assert "We will not be a dumping ground" not in {st.position for st in new}
    # The speaker's later sentence takes the topic the model gave that speaker.
    [later] = [st for st in new if st.actor == "Amina Odede"]
    assert later.topic == "steel dumping"
    # Someone the model gave nothing for: the event's title stands in as the topic.
    [perez] = [st for st in new if st.actor == "Juan Perez"]
    assert perez.topic == "Lokori accuses Napu of dumping"


def test_added_stances_cite_the_whole_sentence_marked_as_the_tools_choice():
    for st in added(summary()):
        [e] = st.evidence
        assert TEXT[e.start : e.end] == e.quote and st.actor.split()[-1] in e.quote


def test_without_add_named_the_summary_is_checked_as_given():
    assert validate(summary(), add_named=False).summary.stances == []


def test_attribution_gives_the_words_that_attribute_the_sentence():
    sentence = "The duties are a mistake, said Juan Perez, a trader at Harbour Metals."
    speaker, start, end = attribution(sentence) or ("", 0, 0)
    assert (speaker, sentence[start:end]) == ("Juan Perez", "said Juan Perez,")
    assert attribution("Odede said so, Mugisha said no.") is None  # two speakers: a guess
    assert attribution("He said he would appeal.") is None


def test_a_speaker_not_yet_listed_joins_the_participants_as_mentioned_unless_hosting():
    china = Stance(
        actor="China",
        topic="duties",
        position="the duties were illegal",
        evidence=evidence_for(TEXT, "The duties were illegal, China said."),
    )
    v = validate(summary(china), add_named=True)
    people = {p.name: p for p in v.summary.participants}
    # "Odede said ...": listed under the full name the article gives, with the title before it;
    # a participation cue near an added name is not enough to take part (validator 86), only
    # hosting is.
    odede = people["Amina Odede"]
    assert odede.attending is False and odede.role and "minister" in odede.role.lower()
    perez = people["Juan Perez"]  # a trader who comments: mentioned
    assert perez.attending is False and perez.role and "trader" in perez.role
    assert all(e.match == "substituted" for e in perez.evidence)
    # A speaker already listed is not listed twice.
    assert len([p for p in v.summary.participants if p.name.endswith("Odede")]) == 1
    # A country that speaks keeps its stance, but no place is listed as a person: the output
    # validated again loses nothing.
    assert "China" in {st.actor for st in v.summary.stances} and "China" not in people
    again = validate(v.summary, add_named=True)
    assert not [c for c in again.checks if c.status == "rejected"]


def test_an_actor_the_model_describes_is_no_participant():
    described = Stance(
        actor="traders at Harbour Metals",
        topic="duties",
        position="fear a price war",
        evidence=evidence_for(TEXT, "Harbour Metals traders fear a price war."),
    )
    v = validate(summary(described), add_named=True)
    assert "traders at Harbour Metals" in {st.actor for st in v.summary.stances}
    assert "traders at Harbour Metals" not in {p.name for p in v.summary.participants}


def test_a_speaker_named_by_one_word_of_a_listed_participant_is_that_participant():
    text = TEXT + " Chen Wei of Napu spoke next. The duties are fair, Chen said."
    s = summary().model_copy(update={"source": Source(text=text)})
    s.participants = [
        Participant(name="Chen Wei", attending=False, evidence=evidence_for(text, "Chen Wei"))
    ]
    actors = {st.actor for st in added(s)}
    assert "Chen Wei" in actors and "Chen" not in actors


def test_a_speaker_listed_by_that_one_word_stays_so_whoever_shares_it():
    # "Obama said" of the "Obama" listed, not of "Michelle Obama" listed too
    text = TEXT + " Rosa Mugisha smiled. The treaty stands, Mugisha said."
    s = summary().model_copy(update={"source": Source(text=text)})
    s.participants = [
        Participant(name=name, attending=False, evidence=evidence_for(text, name))
        for name in ("Mugisha", "Rosa Mugisha")
    ]
    actors = {st.actor for st in added(s)}
    assert "Mugisha" in actors and "Rosa Mugisha" not in actors


def test_a_party_member_named_by_the_party_is_no_speaker():
    assert attribution("The Democrat said the talks went well.") is None
    assert attribution("The ICRC said the talks went well.") is not None
    assert attribution("Labour said it would oppose the bill.") is not None  # the party itself


def test_a_speaker_whose_listed_name_the_sentence_does_not_bear_keeps_the_sentences_name():
    from summarizer.grounding.validate import reask_label

    # "Anwar said" of the listed "Datuk Seri Anwar": one word of three is no naming
    text = TEXT + " Datuk Seri Anwar of Napu spoke next. The duties are fair, Anwar said."
    s = summary().model_copy(update={"source": Source(text=text)})
    s.participants = [Participant(name="Datuk Seri Anwar", attending=False,
                                  evidence=evidence_for(text, "Datuk Seri Anwar"))]
    v = validate(s, add_named=True)
    assert ("Anwar", "The duties are fair") in {(st.actor, st.position) for st in v.summary.stances}
    # only the model's own items are re-asked, by their place in its answer
    assert all(reask_label(s, path) for path in v.reaskable)


HOSTED = (
    "Premier visits Arlen\n\n"
    "Premier Tomas Ilic arrived in Arlen on Monday at the invitation of Foreign Minister "
    "Lena Varga. Ilic and his delegation held talks on grain exports. "
    "Varga said the talks were useful. Deputy Minister Ana Kos met the premier's aides."
)


def test_an_added_person_takes_part_only_as_host_or_inviter():
    s = ArticleSummary(
        id="h",
        source=Source(text=HOSTED),
        model="m",
        endpoint="e",
        prompt_version="p",
        event=Event(
            title="Premier visits Arlen",
            kind=EventKind.VISIT,
            summary="A visit.",
            status=EventStatus.COMPLETED,
            evidence=evidence_for(HOSTED, "Premier Tomas Ilic arrived in Arlen on Monday"),
        ),
        participants=[
            Participant(
                name="Tomas Ilic",
                role="premier",
                attending=True,
                evidence=evidence_for(HOSTED, "Premier Tomas Ilic arrived in Arlen"),
            )
        ],
    )
    people = {p.name: p for p in validate(s, add_named=True).summary.participants}
    assert people["Lena Varga"].attending is True  # she invited him
    # "met" is a participation cue, but near an added name it does not make them take part.
    assert people["Ana Kos"].attending is False


def test_in_a_statement_an_added_body_that_speaks_takes_part_and_a_person_does_not():
    # A chorus of reactions: each body's statement is the news. The Lokori trade ministry
    # speaks ("said"), so it takes part; a trader quoted on it only comments.
    text = (
        "Napu's tariffs condemned\n\n"
        "Napu's new steel tariffs drew condemnation on Tuesday. "
        "The tariffs are illegal, the Lokori trade ministry said. "
        "The duties are a mistake, said Juan Perez, a trader at Harbour Metals."
    )
    stances = [
        Stance(actor=actor, topic="tariffs", position=position,
               evidence=evidence_for(text, quote))
        for actor, position, quote in [
            ("Lokori trade ministry", "the tariffs are illegal",
             "The tariffs are illegal, the Lokori trade ministry said."),
            ("Juan Perez", "the duties are a mistake",
             "The duties are a mistake, said Juan Perez, a trader at Harbour Metals."),
        ]
    ]
    s = summary(*stances)
    s.source = Source(text=text)
    s.event = Event(
        title="Napu's tariffs condemned",
        kind=EventKind.STATEMENT,
        summary="Lokori condemns Napu's tariffs.",
        status=EventStatus.COMPLETED,
        evidence=evidence_for(text, "Napu's new steel tariffs drew condemnation on Tuesday."),
    )
    people = {p.name: p.attending for p in validate(s, add_named=True).summary.participants}
    assert people == {"Lokori trade ministry": True, "Juan Perez": False}
    # Of a meeting, a body that speaks about it is only mentioned.
    s.event.kind = EventKind.MEETING
    people = {p.name: p.attending for p in validate(s, add_named=True).summary.participants}
    assert people["Lokori trade ministry"] is False


def test_a_speaker_named_by_the_initials_of_a_listed_body_is_not_listed_again():
    text = TEXT + (
        " The Orvan Harbour Union met too. The OHU said that it backs the duties on steel and "
        "copper from Napu."
    )
    s = summary().model_copy(update={"source": Source(text=text)})
    s.participants = [
        Participant(
            name="Orvan Harbour Union",
            attending=False,
            evidence=evidence_for(text, "Orvan Harbour Union"),
        )
    ]
    v = validate(s, add_named=True)
    assert "OHU" in {st.actor for st in v.summary.stances}  # it speaks ...
    assert "OHU" not in {p.name for p in v.summary.participants}  # ... as the listed body
