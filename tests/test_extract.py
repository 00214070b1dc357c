"""Extraction over real HTTP against a scripted fake server: retries, re-asks, usage, keys."""

from __future__ import annotations

import json

import pytest

from summarizer import ArticleSummary, ItemFailure, resolve_settings, summarize_many
from summarizer.engine.cache import ResultCache
from summarizer.errors import ConfigError
from summarizer.ingest.files import document_from_text
from summarizer.llm.prompt import example_exchange

from fakes.scripted import Reply, scripted_server

ARTICLE, ANSWER = example_exchange()


def settings_for(base_url: str, tmp_path, **extra):
    flags = {
        "base_url": base_url,
        "model": "fake-model",
        "structured": "llamacpp",
        "cache_path": str(tmp_path / "cache.sqlite3"),
        "backoff_base": 0.01,
        "transport_retries": 3,
        "max_reasks": 1,
    }
    flags.update(extra)
    return resolve_settings(flags, environ={})


def run_one(server, tmp_path, **extra):
    settings = settings_for(server.base_url, tmp_path, **extra)
    [result] = summarize_many([document_from_text(ARTICLE)], settings=settings)
    return result


def cached_rows(tmp_path) -> int:
    cache = ResultCache(tmp_path / "cache.sqlite3")
    try:
        return len(cache)
    finally:
        cache.close()


def test_valid_answer_is_grounded_and_counted(tmp_path):
    with scripted_server([Reply(content=ANSWER)]) as server:
        result = run_one(server, tmp_path)
    assert isinstance(result, ArticleSummary)
    assert result.grounding.rejected == 0 and result.grounding.reasks == 0
    assert result.usage.calls == 1
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == (1000, 50)
    assert {p.name: p.attending for p in result.participants} == {
        "Eva Lund": True,
        "Jon Arnason": True,
        "Kari Berg": False,
        # The speaker of the statement the text attributes by name, added as mentioned.
        "Norwegian foreign ministry": False,
    }
    assert [a.status for a in result.agenda] == ["announced", "speculative"]
    for item in [result.event, *result.participants, *result.agenda, *result.stances]:
        for ev in item.evidence:
            assert result.source.text[ev.start : ev.end] == ev.quote
    # llama.cpp gets the schema inside response_format, which its server turns into a grammar.
    [request] = server.seen
    assert request.path == "/v1/chat/completions"
    fmt = request.body["response_format"]
    assert fmt["type"] == "json_object"
    assert set(fmt["schema"]["properties"]) == {"event", "participants", "agenda", "stances"}
    assert request.body["temperature"] == 0.0 and request.body["seed"] == 0


def test_strict_mode_sends_a_strict_json_schema(tmp_path):
    with scripted_server([Reply(content=ANSWER)]) as server:
        result = run_one(server, tmp_path, structured="strict")
    assert isinstance(result, ArticleSummary)
    fmt = server.seen[0].body["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
    schema = json.dumps(fmt["json_schema"]["schema"])
    assert "$ref" not in schema
    event = fmt["json_schema"]["schema"]["properties"]["event"]
    assert event["additionalProperties"] is False
    assert set(event["required"]) == set(event["properties"])


def test_transient_errors_are_retried_in_one_layer(tmp_path):
    script = [Reply(status=503, body="{}"), Reply(status=502, body="{}"), Reply(content=ANSWER)]
    with scripted_server(script) as server:
        result = run_one(server, tmp_path)
    assert isinstance(result, ArticleSummary)
    assert result.usage.calls == 3  # not 3 x the SDK's retries: those are off
    assert len(server.seen) == 3


def test_rate_limit_with_retry_after_is_retried(tmp_path):
    script = [Reply(status=429, body="{}", headers={"retry-after": "0"}), Reply(content=ANSWER)]
    with scripted_server(script) as server:
        result = run_one(server, tmp_path)
    assert isinstance(result, ArticleSummary) and result.usage.calls == 2


def test_transport_retries_are_bounded(tmp_path):
    with scripted_server([Reply(status=503, body="{}")]) as server:
        result = run_one(server, tmp_path, transport_retries=2)
    assert isinstance(result, ItemFailure)
    assert result.kind == "modelunavailable"
    assert "HTTP 503" in result.error
    assert len(server.seen) == 3
    assert cached_rows(tmp_path) == 0


def test_auth_error_is_not_retried(tmp_path):
    rejected = Reply(status=401, body='{"error": {"message": "bad key"}}')
    # A rejected key fails every article alike: a settings error, it stops the batch.
    with scripted_server([rejected]) as server, pytest.raises(ConfigError, match="401"):
        run_one(server, tmp_path)
    assert len(server.seen) == 1


def test_invalid_json_gets_one_reask_and_usage_sums(tmp_path):
    with scripted_server([Reply(content='{"event": '), Reply(content=ANSWER)]) as server:
        result = run_one(server, tmp_path)
    assert isinstance(result, ArticleSummary)
    assert result.usage.calls == 2
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == (2000, 100)
    reask = server.seen[1].body["messages"]
    assert len(reask) == len(server.seen[0].body["messages"]) + 2  # the bad answer + the fix-it
    assert "errors.pydantic.dev" not in json.dumps(reask)  # stable across pydantic upgrades


def test_reask_budget_is_bounded_and_failures_are_not_cached(tmp_path):
    bad = json.dumps({"event": {"quote": "x"}, "participants": [], "agenda": [], "stances": []})
    with scripted_server([Reply(content=bad)]) as server:
        result = run_one(server, tmp_path, max_reasks=2)
    assert isinstance(result, ItemFailure) and result.kind == "extraction"
    assert len(server.seen) == 3  # first answer + 2 re-asks
    assert cached_rows(tmp_path) == 0


def test_truncated_answer_fails_without_reask_and_is_not_cached(tmp_path):
    with scripted_server([Reply(content=ANSWER[:200], finish_reason="length")]) as server:
        result = run_one(server, tmp_path)
    assert isinstance(result, ItemFailure)
    assert "max_tokens" in result.error
    assert len(server.seen) == 1
    assert cached_rows(tmp_path) == 0


def test_read_timeout_is_explicit_and_retried(tmp_path):
    script = [Reply(content=ANSWER, delay=1.5), Reply(content=ANSWER)]
    with scripted_server(script) as server:
        result = run_one(server, tmp_path, read_timeout=0.3)
    assert isinstance(result, ArticleSummary)
    assert result.usage.calls == 2


def test_connection_refused_fails_the_item_not_the_batch(tmp_path):
    settings = settings_for("http://127.0.0.1:9/v1", tmp_path, transport_retries=1)
    docs = [document_from_text(ARTICLE), document_from_text(ARTICLE + "\nMore.")]
    results = summarize_many(docs, settings=settings)
    assert [type(r) for r in results] == [ItemFailure, ItemFailure]
    assert "cannot connect" in results[0].error


def test_second_run_is_a_cache_hit(tmp_path):
    with scripted_server([Reply(content=ANSWER)]) as server:
        first = run_one(server, tmp_path)
        second = run_one(server, tmp_path)
    assert isinstance(first, ArticleSummary) and isinstance(second, ArticleSummary)
    assert len(server.seen) == 1
    assert second.cached and not first.cached
    with scripted_server([Reply(content=ANSWER)]) as server:
        third = run_one(server, tmp_path, refresh=True)
    assert isinstance(third, ArticleSummary) and not third.cached and len(server.seen) == 1


# --------------------------------------------------------------------------- keys


def test_openai_key_is_never_sent_to_another_endpoint(tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-real-openai-secret")
    monkeypatch.setenv("OPENAI_ORG_ID", "org-secret")
    monkeypatch.setenv("OPENAI_PROJECT_ID", "proj-secret")
    with scripted_server([Reply(content=ANSWER)]) as server:
        settings = resolve_settings({"base_url": server.base_url, "model": "m", "use_cache": False})
        summarize_many([document_from_text(ARTICLE)], settings=settings)
    sent = json.dumps(server.seen[0].headers).lower()
    assert "sk-real-openai-secret" not in sent
    assert "org-secret" not in sent and "proj-secret" not in sent


def test_a_named_key_goes_to_its_endpoint(tmp_path, monkeypatch):
    monkeypatch.setenv("MY_ENDPOINT_KEY", "sk-endpoint-key")
    with scripted_server([Reply(content=ANSWER)]) as server:
        settings = resolve_settings(
            {
                "base_url": server.base_url,
                "model": "m",
                "api_key_env": "MY_ENDPOINT_KEY",
                "use_cache": False,
            }
        )
        summarize_many([document_from_text(ARTICLE)], settings=settings)
    assert server.seen[0].headers.get("authorization") == "Bearer sk-endpoint-key"


def test_missing_named_key_is_a_config_error():
    settings = resolve_settings(
        {
            "base_url": "http://127.0.0.1:9/v1",
            "model": "m",
            "api_key_env": "NOPE_UNSET_KEY",
            "use_cache": False,
        },
        environ={},
    )
    with pytest.raises(ConfigError, match="NOPE_UNSET_KEY"):
        summarize_many([document_from_text(ARTICLE)], settings=settings)


def test_openai_host_without_a_key_is_a_config_error(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    settings = resolve_settings(
        {"base_url": "https://api.openai.com/v1", "model": "gpt-4o-mini", "use_cache": False},
        environ={},
    )
    assert settings.structured_mode == "strict"
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        summarize_many([document_from_text(ARTICLE)], settings=settings)


# --------------------------------------------------------------------------- grounding re-ask


def answer_with(**changes) -> str:
    answer = json.loads(ANSWER)
    for path, value in changes.items():
        kind, index, field = path.split(".")
        answer[kind][int(index)][field] = value
    return json.dumps(answer)


def test_an_invented_agenda_quote_gives_way_to_the_sentence_naming_the_topic(tmp_path):
    # The topic is in the article with a word of talks: no call is spent on a re-ask.
    invented = answer_with(**{"agenda.0.quote": "ministers will settle every fishing quarrel"})
    with scripted_server([Reply(content=invented)]) as server:
        result = run_one(server, tmp_path)
    assert isinstance(result, ArticleSummary)
    assert result.grounding.reasks == 0 and result.usage.calls == 1
    agenda = result.agenda[0]
    assert "the talks would cover fishing quotas" in agenda.evidence[0].quote
    assert agenda.evidence[0].match == "substituted"


def test_targeted_reask_repairs_an_invented_quote(tmp_path):
    # Half the topic's words are in the article's sentence: too few to move the quote there,
    # enough for the quote the re-ask supplies.
    invented = answer_with(**{
        "agenda.0.quote": "ministers will settle every fishing quarrel",
        "agenda.0.topic": "fishing quotas and whaling bans",
    })
    fix = json.dumps({"fixes": [{"item": 1, "quote": "the talks would cover fishing quotas"}]})
    script = [Reply(content=invented), Reply(content=fix)]
    with scripted_server(script) as server:
        result = run_one(server, tmp_path)
    assert isinstance(result, ArticleSummary)
    assert result.grounding.reasks == 1 and result.usage.calls == 2
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == (2000, 100)
    agenda = result.agenda[0]
    assert result.source.text[agenda.evidence[0].start : agenda.evidence[0].end] == (
        "the talks would cover fishing quotas"
    )
    check = next(c for c in result.grounding.checks if c.field == "agenda[0].evidence")
    assert check.status == "repaired" and "re-ask" in (check.reason or "")
    # The re-ask names exactly what failed, in the same conversation, with a small schema.
    reask = server.seen[1].body
    assert "agenda item 'fishing quotas and whaling bans'" in reask["messages"][-1]["content"]
    assert reask["messages"][:4] == server.seen[0].body["messages"]
    assert set(reask["response_format"]["schema"]["properties"]) == {"fixes"}


def test_what_the_reask_cannot_fix_is_rejected_not_kept(tmp_path):
    invented = answer_with(**{"stances.0.quote": "Iceland will fight for every fish forever"})
    script = [
        Reply(content=invented),
        Reply(content=json.dumps({"fixes": [{"item": 1, "quote": None}]})),
    ]
    with scripted_server(script) as server:
        result = run_one(server, tmp_path)
    assert isinstance(result, ArticleSummary)
    assert not [s for s in result.stances if s.actor == "Iceland"]
    assert all(e.match == "substituted" for s in result.stances for e in s.evidence)  # the text's
    [rejected] = [r for r in result.grounding.rejected_fields if r.field == "stances[0]"]
    assert rejected.value["actor"] == "Iceland" and "quote" in rejected.reason
    assert result.grounding.grounded_share < 1.0


def test_keep_unsupported_keeps_items_marked(tmp_path):
    invented = answer_with(**{"stances.0.quote": "Iceland will fight for every fish forever"})
    script = [Reply(content=invented), Reply(content=json.dumps({"fixes": []}))]
    with scripted_server(script) as server:
        result = run_one(server, tmp_path, keep_unsupported=True, grounding_reasks=0)
    assert isinstance(result, ArticleSummary)
    assert len(server.seen) == 1  # no re-ask budget: no second call
    [stance] = [s for s in result.stances if s.actor == "Iceland"]
    assert stance.unsupported and "quote" in stance.unsupported[0]


def test_a_read_timeout_is_not_retried_where_the_server_keeps_generating(tmp_path):
    # The embedded llama.cpp server goes on with an answer nobody waits for; a retry would
    # queue behind it and time out in turn. So there, a read timeout ends the item at once.
    from summarizer.errors import ModelUnavailableError
    from summarizer.llm import prompt
    from summarizer.llm.endpoint import build_client
    from summarizer.llm.extract import CallSettings, Extractor

    script = [Reply(content=ANSWER, delay=1.5), Reply(content=ANSWER)]
    with scripted_server(script) as server:
        settings = settings_for(server.base_url, tmp_path, read_timeout=0.3)
        client = build_client(settings, server.base_url)
        call = CallSettings(model="fake-model", structured="llamacpp", retry_timeouts=False)
        extractor = Extractor(client, call, sleep=lambda _: None)
        with pytest.raises(ModelUnavailableError, match="timed out; raise --read-timeout"):
            extractor.extract(prompt.extraction_messages(ARTICLE))
        assert len(server.seen) == 1
        client.close()


def test_the_embedded_server_waits_longer_and_never_retries_a_timeout(tmp_path):
    from summarizer.engine.session import Session

    embedded = resolve_settings({"cache_path": str(tmp_path / "c.sqlite3")}, environ={})
    remote = settings_for("http://127.0.0.1:9/v1", tmp_path)
    assert embedded.resolved_read_timeout() == 900.0
    assert remote.resolved_read_timeout() == 300.0
    assert resolve_settings({"read_timeout": 42}, environ={}).resolved_read_timeout() == 42.0
    with Session(embedded) as session:
        assert session._call_settings().retry_timeouts is False
    with Session(remote) as session:
        assert session._call_settings().retry_timeouts is True
    client = object()  # a caller's own client: its server is not known to be ours
    with Session(embedded, client=client) as session:  # type: ignore[arg-type]
        assert session._call_settings().retry_timeouts is True
