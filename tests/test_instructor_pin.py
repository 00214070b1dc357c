"""instructor's private names that summarizer/llm/_instructor.py isolates: still there, still
shaped and behaving as summarizer/llm/extract.py uses them.

instructor does not promise these (they live in `instructor.v2.core.*`, some with a leading
underscore). An upgrade that moves, renames or changes one fails here, by name, before any
cassette replay (tests/test_seeds.py, tests/test_request_shape.py) fails for a reason that is
harder to read. Offline and fast: no HTTP, completions are built in memory.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import json
from pathlib import Path
from typing import Any

import instructor
import pytest
from openai.types.chat import ChatCompletion
from openai.types.completion_usage import CompletionUsage
from pydantic import BaseModel, ValidationError

from summarizer.llm import _instructor as shim

# Where each isolated name lives in instructor: the shim must hand out exactly these objects.
PRIVATE = {
    "FailedAttempt": "instructor.v2.core.errors",
    "ModeHandlers": "instructor.v2.core.registry",
    "mode_registry": "instructor.v2.core.registry",
    "normalize_mode": "instructor.v2.core.registry",
    "prepare_response_model": "instructor.v2.core.response_model",
    "_RETRYABLE_PARSE_ERRORS": "instructor.v2.core.retry",
    "_finalize_parsed_response": "instructor.v2.core.retry",
    "_initialize_usage": "instructor.v2.core.retry",
    "has_compatible_usage": "instructor.v2.core.usage",
    "update_total_usage": "instructor.v2.core.usage",
}
# The parameters extract.py passes, by name and in order.
SIGNATURES = {
    "_finalize_parsed_response": ["parsed", "response", "total_usage"],
    "_initialize_usage": ["provider"],
    "has_compatible_usage": ["response", "total_usage"],
    "update_total_usage": ["response", "total_usage"],
    "normalize_mode": ["provider", "mode"],
    "prepare_response_model": ["response_model"],
}
HANDLER_SIGNATURES = {
    "request_handler": ["response_model", "kwargs"],
    "response_parser": [
        "response",
        "response_model",
        "validation_context",
        "strict",
        "stream",
        "is_async",
    ],
    "reask_handler": ["kwargs", "response", "exception"],
    "message_converter": ["messages", "autodetect_images"],
}
MODES = [instructor.Mode.JSON, instructor.Mode.JSON_SCHEMA]


class Answer(BaseModel):
    count: int


def completion(content: str) -> ChatCompletion:
    return ChatCompletion.model_validate(
        {
            "id": "chatcmpl-pin",
            "object": "chat.completion",
            "created": 0,
            "model": "m",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7},
        }
    )


def handlers(mode: instructor.Mode) -> Any:
    return shim.mode_registry.get_handlers(instructor.Provider.OPENAI, mode)


def parse(mode: instructor.Mode, content: str) -> Any:
    return handlers(mode).response_parser(
        response=completion(content),
        response_model=shim.prepare_response_model(Answer),
        validation_context=None,
        strict=True,
        stream=False,
        is_async=False,
    )


def test_the_shim_exports_exactly_the_isolated_names():
    assert sorted(shim.__all__) == sorted(PRIVATE)


@pytest.mark.parametrize("name", sorted(PRIVATE))
def test_each_private_name_is_still_where_the_shim_takes_it_from(name):
    module = importlib.import_module(PRIVATE[name])
    assert hasattr(module, name), f"instructor moved {PRIVATE[name]}.{name}: update _instructor.py"
    assert getattr(shim, name) is getattr(module, name)


@pytest.mark.parametrize("name", sorted(SIGNATURES))
def test_each_private_function_takes_the_arguments_extract_passes(name):
    parameters = list(inspect.signature(getattr(shim, name)).parameters)
    assert parameters == SIGNATURES[name], f"instructor changed {name}{parameters}"


@pytest.mark.parametrize("mode", MODES)
def test_the_mode_handlers_have_the_hooks_and_signatures_extract_calls(mode):
    found = handlers(mode)
    assert isinstance(found, shim.ModeHandlers)
    for hook, expected in HANDLER_SIGNATURES.items():
        function = getattr(found, hook)
        assert callable(function), f"{mode}: no {hook}"
        assert list(inspect.signature(function).parameters) == expected, hook


@pytest.mark.parametrize("mode", MODES)
def test_the_openai_provider_keeps_the_requested_mode(mode):
    assert shim.normalize_mode(instructor.Provider.OPENAI, mode) == mode


def test_the_public_names_extract_uses_are_public():
    from instructor.core import IncompleteOutputException, InstructorRetryException

    assert instructor.Provider.OPENAI and instructor.Mode.JSON and instructor.Mode.JSON_SCHEMA
    assert issubclass(InstructorRetryException, Exception)
    assert issubclass(IncompleteOutputException, Exception)
    keywords = inspect.signature(InstructorRetryException).parameters
    for name in ("last_completion", "n_attempts", "total_usage", "messages", "create_kwargs"):
        assert name in keywords, f"InstructorRetryException lost {name}="
    assert "failed_attempts" in keywords


def test_prepare_response_model_gives_a_class_that_validates_answers():
    runtime = shim.prepare_response_model(Answer)
    assert isinstance(runtime, type) and issubclass(runtime, BaseModel)
    assert runtime.model_validate({"count": 3}).count == 3


def test_json_mode_writes_the_schema_into_a_system_message():
    runtime = shim.prepare_response_model(Answer)
    _, request = handlers(instructor.Mode.JSON).request_handler(
        response_model=runtime, kwargs={"messages": [{"role": "user", "content": "hi"}]}
    )
    system = [m for m in request["messages"] if m["role"] == "system"]
    assert system and '"count"' in system[0]["content"]
    assert request["messages"][-1] == {"role": "user", "content": "hi"}


def test_json_schema_mode_gives_a_response_format_with_the_schema():
    runtime = shim.prepare_response_model(Answer)
    _, request = handlers(instructor.Mode.JSON_SCHEMA).request_handler(
        response_model=runtime, kwargs={"messages": []}
    )
    response_format = request["response_format"]
    assert response_format["type"] == "json_schema"
    assert "count" in json.dumps(response_format["json_schema"])


@pytest.mark.parametrize("mode", MODES)
def test_a_valid_answer_parses_to_the_model(mode):
    parsed = parse(mode, '{"count": 1}')
    assert isinstance(parsed, Answer) and parsed.count == 1


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("content", ['{"count": "many"}', "not json at all"])
def test_an_invalid_answer_raises_a_retryable_parse_error(mode, content):
    assert ValidationError in shim._RETRYABLE_PARSE_ERRORS
    assert json.JSONDecodeError in shim._RETRYABLE_PARSE_ERRORS
    with pytest.raises(shim._RETRYABLE_PARSE_ERRORS):
        parse(mode, content)


@pytest.mark.parametrize("mode", MODES)
def test_the_reask_appends_the_answer_and_the_error_to_a_copy_of_the_conversation(mode):
    bad = completion('{"count": "many"}')
    with pytest.raises(shim._RETRYABLE_PARSE_ERRORS) as caught:
        parse(mode, '{"count": "many"}')
    asked = [{"role": "user", "content": "hi"}]
    request = handlers(mode).reask_handler(
        kwargs={"messages": list(asked)}, response=bad, exception=caught.value
    )
    messages = request["messages"]
    assert messages[0] == asked[0] and len(messages) == 3
    assert messages[1] == {"role": "assistant", "content": '{"count": "many"}'}
    assert messages[2]["role"] == "user" and "count" in messages[2]["content"]


def test_usage_starts_at_zero_and_sums_every_response():
    total = shim._initialize_usage(instructor.Provider.OPENAI)
    assert isinstance(total, CompletionUsage)
    assert (total.prompt_tokens, total.completion_tokens, total.total_tokens) == (0, 0, 0)
    response = completion('{"count": 1}')
    assert shim.has_compatible_usage(response, total) is True
    for _ in range(2):
        shim.update_total_usage(response=response, total_usage=total)
    assert (total.prompt_tokens, total.completion_tokens, total.total_tokens) == (10, 4, 14)


def test_finalize_attaches_the_raw_response_and_the_usage_to_the_answer():
    response = completion('{"count": 1}')
    total = shim._initialize_usage(instructor.Provider.OPENAI)
    shim.update_total_usage(response=response, total_usage=total)
    draft = shim._finalize_parsed_response(
        parse(instructor.Mode.JSON, '{"count": 1}'), response, total_usage=total
    )
    assert isinstance(draft, Answer) and draft.count == 1
    assert draft._raw_response is response  # type: ignore[attr-defined]
    assert draft._total_usage.total_tokens == 7  # type: ignore[attr-defined]


def test_failed_attempt_keeps_the_number_the_error_and_the_completion():
    response = completion("{}")
    error = ValueError("bad")
    attempt = shim.FailedAttempt(2, error, response)
    assert (attempt.attempt_number, attempt.exception, attempt.completion) == (2, error, response)


def test_extract_takes_instructor_internals_only_from_the_shim():
    import summarizer.llm.extract as extract

    tree = ast.parse(Path(extract.__file__).read_text(encoding="utf-8"))
    modules = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    modules |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    from_instructor = {m for m in modules if m and m.split(".")[0] == "instructor"}
    assert from_instructor <= {"instructor", "instructor.core"}  # the public names
    assert "summarizer.llm._instructor" in modules
