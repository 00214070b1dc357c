"""The extra extraction pass (`passes` 2): asks for what the first answer left out, over HTTP."""

from __future__ import annotations

import json

import pytest
from test_extract import ANSWER, run_one

from summarizer import ArticleSummary, resolve_settings
from summarizer.errors import ConfigError
from summarizer.grounding.locate import add_new_items
from summarizer.models import MoreItems, SummaryDraft

from fakes.scripted import Reply, scripted_server

NEW_ORGANISATION = {
    "quote": "the Norwegian foreign ministry said on Friday",
    "name": "Norwegian foreign ministry",
    "role": None,
    "affiliation": "Norway",
    "attending": False,
}
REPEATED_PERSON = {
    "quote": "Norway's Foreign Minister Eva Lund will host",
    "name": "Eva Lund",
    "role": "Foreign Minister",
    "affiliation": "Norway",
    "attending": True,
}
# The first answer's agenda item again, under another label: the same quote makes it a repeat.
RELABELLED_TOPIC = {
    "quote": "the talks would cover fishing quotas in the North Atlantic",
    "topic": "North Atlantic fisheries",
    "status": "announced",
    "attributed_to": "Norwegian foreign ministry",
}


def more_answer(**lists: list[dict[str, object]]) -> str:
    return json.dumps({"participants": [], "agenda": [], "stances": [], **lists})


def test_second_pass_adds_only_new_items_in_the_same_conversation(tmp_path):
    more = more_answer(participants=[REPEATED_PERSON, NEW_ORGANISATION], agenda=[RELABELLED_TOPIC])
    with scripted_server([Reply(content=ANSWER), Reply(content=more)]) as server:
        result = run_one(server, tmp_path, passes=2)
    assert isinstance(result, ArticleSummary)
    names = [p.name for p in result.participants]
    assert names == ["Eva Lund", "Jon Arnason", "Kari Berg", "Norwegian foreign ministry"]
    assert [a.topic for a in result.agenda] == [
        "fishing quotas in the North Atlantic",
        "Arctic shipping routes",
    ]
    added = result.participants[-1]
    assert not added.attending and added.evidence[0].quote == NEW_ORGANISATION["quote"]
    # Both calls are counted, and the second continues the first conversation with a small schema.
    assert result.usage.calls == 2
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == (2000, 100)
    first, second = (seen.body for seen in server.seen)
    assert second["messages"][:4] == first["messages"]
    assert second["messages"][4]["role"] == "assistant"
    assert "leaves out" in second["messages"][5]["content"]
    assert set(second["response_format"]["schema"]["properties"]) == {
        "participants",
        "agenda",
        "stances",
    }
    assert "more-1" in result.prompt_version


def test_a_failed_second_pass_keeps_the_first_answer(tmp_path):
    # Invalid JSON twice: the schema re-ask budget (1) is spent, the pass gives up.
    script = [Reply(content=ANSWER), Reply(content="{not json"), Reply(content="{still not")]
    with scripted_server(script) as server:
        result = run_one(server, tmp_path, passes=2)
    assert isinstance(result, ArticleSummary)
    listed = [p for p in result.participants if p.evidence[0].match != "substituted"]
    assert len(listed) == 3 and result.grounding.rejected == 0
    assert result.usage.calls == 3 == len(server.seen)  # the failed attempts are counted


def test_one_pass_and_two_passes_are_cached_apart(tmp_path):
    with scripted_server([Reply(content=ANSWER)]) as server:
        assert isinstance(run_one(server, tmp_path), ArticleSummary)
    with scripted_server([Reply(content=ANSWER), Reply(content=more_answer())]) as server:
        result = run_one(server, tmp_path, passes=2)
        assert isinstance(result, ArticleSummary) and not result.cached
        assert len(server.seen) == 2


def test_add_new_items_drops_repeats_by_key_and_by_quote():
    draft = SummaryDraft.model_validate_json(ANSWER)
    more = MoreItems.model_validate_json(
        more_answer(
            participants=[REPEATED_PERSON, NEW_ORGANISATION, {**NEW_ORGANISATION, "name": "MFA"}],
            agenda=[RELABELLED_TOPIC],
            stances=[
                {
                    "quote": "Analysts at the Nordic Policy Centre said",
                    "actor": "Nordic Policy Centre",
                    "topic": "Arctic shipping routes",
                    "position": "could be discussed",
                }
            ],
        )
    )
    merged = add_new_items(draft, more)
    assert [p.name for p in merged.participants][3:] == ["Norwegian foreign ministry"]
    assert merged.agenda == draft.agenda
    assert [s.actor for s in merged.stances][len(draft.stances) :] == ["Nordic Policy Centre"]
    assert draft.participants == SummaryDraft.model_validate_json(ANSWER).participants


@pytest.mark.parametrize("passes", ["0", "4"])
def test_passes_out_of_range_is_a_config_error(passes):
    with pytest.raises(ConfigError, match="passes"):
        resolve_settings({}, environ={"SUMMARIZER_PASSES": passes})
