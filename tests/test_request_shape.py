"""The request shaped once per (mode, model) is the request instructor would have sent.

`Extractor` skips instructor's per-request shaping (summarizer/llm/extract.py, "request shaping").
The cassettes match on the body, so here the body, the parsed answer, the usage and the errors
of the fast path are compared with instructor's full `create_with_completion` path, the way
the extractor called it before: every structured mode, both response models, with a re-ask.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import httpx2
import instructor
import openai
import pytest
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel

from summarizer.errors import ExtractionError
from summarizer.llm import prompt
from summarizer.llm.extract import CallSettings, Extractor, request_shape, response_format_for
from summarizer.models import QuoteFixes, SummaryDraft

ARTICLE, ANSWER = prompt.example_exchange()
FIXES = json.dumps({"fixes": [{"item": 1, "quote": "a quote"}, {"item": 2, "quote": None}]})
MODES = ["llamacpp", "json_schema", "strict", "json"]
USAGE = {"prompt_tokens": 900, "completion_tokens": 40, "total_tokens": 940}


def completion(content: str | None, finish: str = "stop", usage: bool = True) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "id": "chatcmpl-shape",
        "object": "chat.completion",
        "created": 0,
        "model": "m",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": finish,
            }
        ],
    }
    if usage:
        payload["usage"] = USAGE
    return payload


def recording_client(replies: list[dict[str, Any]]) -> tuple[openai.OpenAI, list[Any]]:
    """A real openai client whose transport records each JSON body and answers from a script."""
    bodies: list[Any] = []

    def answer(request: httpx2.Request) -> httpx2.Response:
        bodies.append(json.loads(request.content))
        reply = replies[min(len(bodies), len(replies)) - 1]
        payload = {k: v for k, v in reply.items() if k != "_status"}
        return httpx2.Response(reply.get("_status", 200), json=payload)

    http = httpx2.Client(transport=httpx2.MockTransport(answer))
    client = openai.OpenAI(
        base_url="http://shape.test/v1", api_key="no-key", max_retries=0, http_client=http
    )
    return client, bodies


def reference(client: openai.OpenAI, call: CallSettings, messages: Any, model: type[BaseModel]):
    """How the extractor called instructor before the request was shaped once."""
    mode = instructor.Mode.JSON if call.structured == "json" else instructor.Mode.JSON_SCHEMA
    options: dict[str, Any] = {
        "model": call.model,
        "temperature": call.temperature,
        "max_tokens": call.max_tokens,
    }
    if call.seed is not None:
        options["seed"] = call.seed
    response_format = response_format_for(call.structured, model)
    if response_format is not None:
        options["extra_body"] = {"response_format": response_format}
    return instructor.from_openai(client, mode=mode).chat.completions.create_with_completion(
        messages=copy.deepcopy(messages),
        response_model=model,
        max_retries=call.max_reasks,
        **options,
    )


def fast(client: openai.OpenAI, call: CallSettings, messages: Any, model: type[BaseModel]):
    return Extractor(client, call, sleep=lambda _: None)._create_with_completion(messages, model)


def run_both(
    structured: str,
    model: type[BaseModel],
    replies: list[dict[str, Any]],
    messages: list[dict[str, str]],
    **call: Any,
) -> tuple[Any, Any]:
    settings = CallSettings(model="m", structured=structured, **call)
    results = []
    for run in (reference, fast):
        client, bodies = recording_client(replies)
        try:
            draft, completion_ = run(client, settings, messages, model)
            result: Any = (
                type(draft).__mro__[1] if type(draft).__name__ == model.__name__ else type(draft),
                draft.model_dump(),
                completion_.usage.model_dump() if completion_.usage else None,
                getattr(getattr(draft, "_total_usage", None), "model_dump", lambda: None)(),
            )
        except (InstructorRetryException, IncompleteOutputException) as exc:
            last = getattr(exc, "last_completion", None)
            result = (
                type(exc).__name__,
                str(exc),
                type(exc.__cause__).__name__,
                getattr(exc, "n_attempts", None),
                getattr(getattr(exc, "total_usage", None), "model_dump", lambda: None)(),
                len(getattr(exc, "failed_attempts", None) or []),
                len(getattr(exc, "messages", None) or []),
                last.choices[0].message.content if last is not None else None,
            )
        results.append((bodies, result))
    return results[0], results[1]


@pytest.mark.parametrize("structured", MODES)
@pytest.mark.parametrize(
    ("model", "answer"), [(SummaryDraft, ANSWER), (QuoteFixes, FIXES)], ids=["draft", "fixes"]
)
def test_body_and_answer_match_instructors_own_path(structured, model, answer):
    messages = prompt.extraction_messages(ARTICLE, title="T", published="2023-09-18")
    if model is QuoteFixes:  # the targeted re-ask continues the extraction conversation
        items = [{"label": "participant Eva Lund", "reason": "quote not found"}]
        messages = prompt.reask_messages(messages, ANSWER, items)
    # Invalid JSON first: the re-ask (assistant answer + correction) must be sent alike too.
    replies = [completion('{"event": '), completion(answer)]
    (old_bodies, old), (new_bodies, new) = run_both(
        structured, model, replies, messages, max_reasks=1
    )
    assert len(new_bodies) == 2
    assert new_bodies == old_bodies  # the JSON the model gets: identical, re-ask included
    assert new == old  # the same draft (of the same class), usage and totals
    assert new[0] is model


@pytest.mark.parametrize("structured", ["llamacpp", "json"])
def test_failures_match_instructors_own_path(structured):
    messages = prompt.extraction_messages(ARTICLE)
    for replies in (
        [completion("not json")],  # re-asks run out
        [completion(ANSWER, finish="length")],  # cut off at max_tokens
        [completion(None)],  # no content at all
        [{"_status": 500, "error": {"message": "boom"}}],  # an API error, not retried here
        [completion("{"), {"_status": 503, "error": {"message": "busy"}}],  # after a re-ask
        [completion(ANSWER, usage=False)],  # no usage reported
    ):
        (old_bodies, old), (new_bodies, new) = run_both(
            structured, SummaryDraft, replies, messages, max_reasks=2, seed=None
        )
        assert new_bodies == old_bodies
        assert new == old


def test_the_callers_conversation_is_never_changed():
    client, bodies = recording_client([completion("{"), completion(ANSWER)])
    messages = prompt.extraction_messages(ARTICLE)
    before = copy.deepcopy(messages)
    Extractor(client, CallSettings(model="m", structured="llamacpp")).extract(messages)
    assert messages == before
    assert len(bodies) == 2 and len(bodies[1]["messages"]) == len(messages) + 2


def test_shape_is_cached_per_mode_and_model_class():
    request_shape.cache_clear()
    first = request_shape("llamacpp", SummaryDraft)
    assert request_shape("llamacpp", SummaryDraft) is first
    assert request_shape.cache_info().hits == 1
    assert request_shape("strict", SummaryDraft) is not first
    assert request_shape("llamacpp", QuoteFixes).response_format != first.response_format
    assert request_shape("json", SummaryDraft).response_format is None  # shaped per request

    def note_model(field: type) -> type[BaseModel]:
        class Note(BaseModel):
            note: field  # type: ignore[valid-type]

        return Note

    # Two classes of the same name: each gets its own entry, never the other's.
    as_text, as_number = note_model(str), note_model(int)
    text_schema = json.loads(request_shape("llamacpp", as_text).response_format or "")
    number_schema = json.loads(request_shape("llamacpp", as_number).response_format or "")
    assert text_schema["schema"]["properties"]["note"]["type"] == "string"
    assert number_schema["schema"]["properties"]["note"]["type"] == "integer"
    assert request_shape("llamacpp", as_text).model.__mro__[1] is as_text


def test_each_request_gets_its_own_response_format():
    client, _ = recording_client([completion(ANSWER)])
    extractor = Extractor(client, CallSettings(model="m", structured="llamacpp"))
    _, one = extractor._request(prompt.extraction_messages(ARTICLE), SummaryDraft)
    _, two = extractor._request(prompt.extraction_messages(ARTICLE), SummaryDraft)
    one["response_format"]["schema"]["x"] = 1
    assert "x" not in two["response_format"]["schema"]


def test_extractor_errors_are_unchanged_through_the_fast_path():
    client, bodies = recording_client([completion("nope")])
    extractor = Extractor(client, CallSettings(model="m", structured="llamacpp", max_reasks=1))
    with pytest.raises(ExtractionError, match="no valid summary after 2 attempt"):
        extractor.extract(prompt.extraction_messages(ARTICLE))
    assert len(bodies) == 2


def test_messages_that_are_not_plain_text_take_the_sdks_ordinary_path():
    messages = [
        {"role": "system", "content": "Answer in JSON."},
        {"role": "user", "content": [{"type": "text", "text": ARTICLE}], "name": "desk"},
    ]
    (old_bodies, old), (new_bodies, new) = run_both(
        "llamacpp", SummaryDraft, [completion(ANSWER)], messages
    )
    assert new_bodies == old_bodies and new == old


def test_plain_fields_go_through_extra_body_and_anything_else_as_arguments():
    client, _ = recording_client([completion(ANSWER)])
    extractor = Extractor(client, CallSettings(model="m", structured="llamacpp"))
    posted: list[dict[str, Any]] = []
    created: list[dict[str, Any]] = []
    extractor._post_plain = posted.append
    extractor._create = lambda **kwargs: created.append(kwargs)
    _, request = extractor._request(prompt.extraction_messages(ARTICLE), SummaryDraft)
    extractor._send(**request)
    assert posted == [request] and created == []  # the whole body, as it was
    extractor._send(**request, top_p=0.5)  # a field we never send: the ordinary way
    assert created == [{**request, "top_p": 0.5}] and len(posted) == 1
