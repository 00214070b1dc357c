"""Extraction: the only module that talks to the model.

It takes an injected `openai.OpenAI` client (built by `summarizer.llm.endpoint`, or by the caller)
and asks it, through instructor, to fill `SummaryDraft`. The request is shaped once per
(structured mode, response model) and sent through the real `chat.completions.create`;
instructor's retry loop parses, validates and re-asks (see "request shaping" below for why).

Two budgets, kept apart on purpose:
- transport retries (connection errors, timeouts, 408/409/429/5xx) happen here, in one tenacity
  layer; the SDK's own retries are switched off by the client builder so they never multiply;
- validation re-asks (the answer is not valid JSON for the schema) are instructor's, bounded by
  `max_reasks`.
Token usage is summed over every attempt of both kinds, and `calls` counts HTTP requests.
"""

from __future__ import annotations

import json
import logging
import random
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import httpx2
import instructor
import openai
from instructor import Provider
from instructor.core import IncompleteOutputException, InstructorRetryException
from openai.types.chat import ChatCompletion
from pydantic import BaseModel, ValidationError
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt

from summarizer.errors import (
    ConfigError,
    ExtractionError,
    ModelUnavailableError,
    SummarizerError,
)
from summarizer.llm._instructor import (
    _RETRYABLE_PARSE_ERRORS,
    FailedAttempt,
    _finalize_parsed_response,
    _initialize_usage,
    has_compatible_usage,
    mode_registry,
    normalize_mode,
    prepare_response_model,
    update_total_usage,
)
from summarizer.llm.counting import counting_requests
from summarizer.llm.deadline import DEADLINE_PASSED, deadline_for_request
from summarizer.models import SummaryDraft, Usage
from summarizer.text.lines import safe_one_line

log = logging.getLogger(__name__)

TRANSIENT_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})
# Answers that mean the configuration is wrong (key, access, model): they stop the batch.
CONFIG_STATUS = frozenset({401, 403, 404})
MAX_RETRY_AFTER = 60.0


class DeadlineExceeded(openai.APITimeoutError):
    """The request was still unfinished at its overall deadline (a dripping endpoint, say)."""

    def __init__(self, request: httpx2.Request, seconds: float) -> None:
        super().__init__(request=request)
        self.seconds = seconds


class Cooldown:
    """A pause shared by every worker: one 429 holds back the whole batch, not one thread.

    Each worker waits here before sending; a rate-limit answer moves the shared deadline. The
    deadline is a number behind a lock: by default this process's own, or a
    `multiprocessing.Value("d")` when worker processes share it (summarizer.engine.workers); both
    offer `.value` and `.get_lock()`, and `time.monotonic` is one clock for the whole machine.
    """

    def __init__(self, deadline: Any = None) -> None:
        self._deadline = deadline if deadline is not None else _LocalDeadline()

    def pause_for(self, seconds: float) -> None:
        with self._deadline.get_lock():
            self._deadline.value = max(self._deadline.value, time.monotonic() + seconds)

    def wait(self, sleep: Callable[[float], None]) -> float:
        waited = 0.0
        while (remaining := self._deadline.value - time.monotonic()) > 0:
            sleep(remaining)
            waited += remaining
        return waited


class _LocalDeadline:
    def __init__(self) -> None:
        self.value = 0.0
        self._lock = threading.Lock()

    def get_lock(self) -> threading.Lock:
        return self._lock


def estimate_tokens(messages: list[dict[str, str]]) -> int:
    """A deliberately low estimate of prompt tokens (English runs ~4 characters a token).

    Only used to notice an endpoint that silently cut the prompt: a report far below even this
    low estimate means the model never saw the whole article.
    """
    return sum(len(m["content"]) for m in messages) // 5


@dataclass(frozen=True)
class CallSettings:
    model: str
    structured: str  # llamacpp | json_schema | strict | json
    temperature: float = 0.0
    max_tokens: int = 1536
    seed: int | None = 0
    max_reasks: int = 1
    transport_retries: int = 3
    backoff_base: float = 1.0  # seconds; doubled per attempt, with jitter
    # False for a server that keeps generating an answer nobody waits for (the embedded
    # llama.cpp server, one request at a time): a retry would only queue behind it.
    retry_timeouts: bool = True
    request_deadline: float | None = None  # overall seconds per HTTP request (None: no limit)


@dataclass
class Extraction:
    draft: Any  # an instance of the requested response model
    usage: Usage


class Extractor:
    """Fills a `SummaryDraft` from chat messages, over an injected OpenAI-compatible client."""

    def __init__(
        self,
        client: openai.OpenAI,
        call: CallSettings,
        *,
        sleep: Callable[[float], None] | None = None,
        cooldown: Cooldown | None = None,
    ) -> None:
        mode = instructor.Mode.JSON if call.structured == "json" else instructor.Mode.JSON_SCHEMA
        # Provider and mode as instructor.from_openai resolves them; we keep instructor's
        # handlers (parsing, re-ask messages) and send through the SDK (see `_send`).
        # from_openai itself is not called: it reads `client.chat`, whose first use imports
        # every resource module of the SDK (~0.8 s of CPU before each run's first request).
        self._provider = Provider.OPENAI
        self._handlers = mode_registry.get_handlers(
            self._provider, normalize_mode(self._provider, mode)
        )
        self._client = client
        # An endpoint may echo the key in an error body: never repeat it in our messages.
        self._secret = client.api_key if client.api_key and len(client.api_key) > 8 else None
        self._call = call
        self._sleep = sleep or time.sleep
        self._options = _request_options(call)
        self.cooldown = cooldown or Cooldown()

    def extract(
        self, messages: list[dict[str, str]], response_model: type[BaseModel] = SummaryDraft
    ) -> Extraction:
        usage = Usage()
        with counting_requests() as requests:
            try:
                draft, attempt_usage = self._with_transport_retries(messages, response_model, usage)
            except SummarizerError as exc:
                usage.calls = requests[0]
                exc.add_usage(usage)
                raise
        usage = usage + attempt_usage
        usage.calls = requests[0]
        return Extraction(draft, usage)

    def _with_transport_retries(
        self, messages: list[dict[str, str]], response_model: type[BaseModel], usage: Usage
    ) -> tuple[Any, Usage]:
        retrying = Retrying(
            stop=stop_after_attempt(self._call.transport_retries + 1),
            wait=self._wait,
            retry=retry_if_exception(self._worth_retrying),
            before_sleep=_log_retry,
            reraise=True,
            sleep=self._sleep,
        )
        try:
            return retrying(self._attempt, messages, response_model, usage)
        except openai.APIError as exc:
            if isinstance(exc, openai.APIStatusError) and exc.status_code in CONFIG_STATUS:
                # A bad key, no access, an unknown model: every article would fail alike.
                raise ConfigError(self._scrub(describe_api_error(exc))) from exc
            raise ModelUnavailableError(self._scrub(describe_api_error(exc))) from exc
        except ExtractionError as exc:
            scrubbed = ExtractionError(self._scrub(str(exc)))
            raise scrubbed from exc

    def _worth_retrying(self, exc: BaseException) -> bool:
        if isinstance(exc, openai.APITimeoutError) and not self._call.retry_timeouts:
            return False
        return is_transient(exc)

    def _scrub(self, message: str) -> str:
        return scrub_secrets(message, self._secret)

    def _attempt(
        self, messages: list[dict[str, str]], response_model: type[BaseModel], usage: Usage
    ) -> tuple[Any, Usage]:
        self.cooldown.wait(self._sleep)
        try:
            draft, completion = self._create_with_completion(messages, response_model)
        except InstructorRetryException as exc:
            # Tokens of the attempts that did answer count, whatever ends this call.
            _add_usage(usage, getattr(exc, "total_usage", None))
            cause = exc.__cause__
            if isinstance(cause, openai.APIError):
                # A transport/API error: the retry layer decides. Its own cause is kept (what
                # broke: connecting, or the answer mid-way); `from None` would drop it.
                raise cause from cause.__cause__
            if isinstance(cause, NotAnAnswer):
                raise ModelUnavailableError(self._scrub(str(cause))) from None
            refusal = _refusal_of(getattr(exc, "last_completion", None))
            if refusal:
                raise ExtractionError(f"the model refused: {refusal[:200]}") from exc
            raise ExtractionError(
                f"no valid summary after {exc.n_attempts} attempt(s): {_first_line(cause or exc)}",
            ) from exc
        except IncompleteOutputException as exc:
            _add_usage(usage, getattr(exc.last_completion, "usage", None))
            raise ExtractionError(
                "the model's answer was cut off at max_tokens; raise --max-tokens"
            ) from exc
        attempt_usage = _usage_of(getattr(draft, "_total_usage", None))
        try:
            self._check_prompt_not_truncated(messages, completion, attempt_usage)
        except ExtractionError:
            usage.add(attempt_usage)  # the answer was paid for, even if it is refused
            raise
        return draft, attempt_usage

    def _check_prompt_not_truncated(
        self, messages: list[dict[str, str]], completion: Any, usage: Usage
    ) -> None:
        reported = getattr(getattr(completion, "usage", None), "prompt_tokens", None)
        if not reported:
            return  # the endpoint reports no usage: nothing to compare
        estimate = estimate_tokens(messages)
        if reported < estimate // 2:
            raise ExtractionError(
                f"the endpoint reported {reported} prompt tokens for a prompt of about "
                f"{estimate}: it silently truncated the article; raise its context size "
                "(e.g. Ollama num_ctx) or lower --n-ctx so articles are split"
            )

    def _create_with_completion(
        self, messages: list[dict[str, str]], response_model: type[BaseModel]
    ) -> tuple[Any, Any]:
        """instructor's `create_with_completion` (its `retry_sync_v2` loop), minus per-request work.

        instructor still does what it adds value for: its mode handler parses the answer and
        validates it strictly against the model, writes the re-ask messages, and its helpers sum
        usage and raise InstructorRetryException / IncompleteOutputException as before. Left out:
        the request shaping (done once, see `request_shape`), hooks and token budgets (unused),
        and the walk for async validators, which `request_shape` does once per model class.
        """
        model, request = self._request(messages, response_model)
        handlers = self._handlers
        max_attempts = max(self._call.max_reasks, 0) + 1
        total_usage = _initialize_usage(self._provider)
        usage_complete = True
        failed: list[FailedAttempt] = []
        last_exception: Exception | None = None
        attempt = 0
        try:
            for attempt in range(1, max_attempts + 1):
                response = self._send(**request)
                usage_complete = usage_complete and has_compatible_usage(response, total_usage)
                update_total_usage(response=response, total_usage=total_usage)
                try:
                    parsed = handlers.response_parser(
                        response=response,
                        response_model=model,
                        validation_context=None,
                        strict=True,
                        stream=False,
                        is_async=False,
                    )
                    usage = total_usage if usage_complete else None
                    draft = _finalize_parsed_response(parsed, response, total_usage=usage)
                    return draft, response
                except _RETRYABLE_PARSE_ERRORS as exc:  # invalid JSON for the model: re-ask
                    failed.append(FailedAttempt(attempt, exc, response))
                    last_exception = exc
                    request = handlers.reask_handler(
                        kwargs=request, response=response, exception=exc
                    )
        except IncompleteOutputException:
            raise  # cut off at max_tokens: instructor does not wrap it either
        except Exception as exc:  # an API error, wrapped as instructor wraps it
            last_exception = exc
        raise InstructorRetryException(
            str(last_exception),
            last_completion=failed[-1].completion if failed else None,
            n_attempts=attempt,
            total_usage=total_usage,
            messages=request.get("messages", []),
            create_kwargs=request,
            failed_attempts=failed,
        ) from last_exception

    def _send(self, **request: Any) -> Any:
        """The request through the SDK, with a body of plain JSON handed over as it is.

        `chat.completions.create` runs every argument through a typed-dict transform that
        renames aliased keys and encodes dates and files. Our fields have none of those, so it
        returns them as they came, yet it costs ~2 ms of CPU per request, more than the rest of
        the request, and the resource behind it costs ~0.8 s to import. So a plain body goes to
        the client's own `post` (the same path `create` ends in: base URL, auth header,
        timeouts, errors as openai.APIError, the answer as a ChatCompletion) with the same JSON
        (tests/test_request_shape.py compares the bodies). Anything else goes through `create`.
        """
        extra = request.pop("extra_body", None)
        seconds = self._call.request_deadline
        try:
            with deadline_for_request(seconds):
                plain = request.keys() <= _PLAIN_FIELDS
                if plain and all(_plain_text(m) for m in request["messages"]):
                    return self._checked(self._post_plain({**request, **(extra or {})}))
                if extra is not None:
                    request["extra_body"] = extra
                return self._checked(self._create(**request))
        except openai.APITimeoutError as exc:
            timed_out = getattr(exc.__cause__, "args", None) == (DEADLINE_PASSED,)
            if seconds is not None and timed_out and not isinstance(exc, DeadlineExceeded):
                raise DeadlineExceeded(exc.request, seconds) from exc
            raise

    def _post_plain(self, body: dict[str, Any]) -> ChatCompletion:
        return self._client.post("/chat/completions", body=body, cast_to=ChatCompletion)

    def _checked(self, response: Any) -> Any:
        """The SDK hands back the raw text of an answer that is not JSON: say what it is."""
        if isinstance(response, str | bytes):
            text = response.decode("utf-8", "replace") if isinstance(response, bytes) else response
            raise NotAnAnswer(text)
        _sanitize_usage(response)
        return response

    def _create(self, **request: Any) -> Any:
        return self._client.chat.completions.create(**request)

    def _request(
        self, messages: list[dict[str, str]], response_model: type[BaseModel]
    ) -> tuple[type[BaseModel], dict[str, Any]]:
        """The keyword arguments for `create`, as instructor's patched create would build them."""
        shape = request_shape(self._call.structured, response_model)
        # A new list: re-asks append to it, never to the caller's conversation.
        request: dict[str, Any] = {"messages": list(messages), **self._options}
        if shape.response_format is None:
            # JSON mode: instructor writes the schema into the system message, per request.
            _, request = self._handlers.request_handler(response_model=shape.model, kwargs=request)
        else:
            # A fresh copy per request: nothing downstream can change the cached one.
            request["response_format"] = json.loads(shape.response_format)
        if self._handlers.message_converter is not None:
            request["messages"] = self._handlers.message_converter(
                request["messages"], autodetect_images=False
            )
        return shape.model, request

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        hinted = retry_after_seconds(exc)
        backoff = self._call.backoff_base * 2 ** (state.attempt_number - 1)
        delay = hinted if hinted is not None else min(backoff, 30.0) * (0.5 + random.random() / 2)
        if isinstance(exc, openai.RateLimitError):
            self.cooldown.pause_for(delay)  # everyone waits, not just this worker
        return delay


# --------------------------------------------------------------------------- request shaping


# instructor's `create_with_completion` shapes every request from scratch: it builds a new pydantic
# subclass of the response model (`create_model`, ~2 ms), walks the model for async validators five
# times (~0.4 ms each) and regenerates the JSON schema for its `response_format` - which, for
# llama.cpp and strict mode, our own response_format then replaced. With the SDK's transform of
# the arguments (see `Extractor._send`) that was about two thirds of the client's CPU per article,
# and 32 workers share one GIL. Nothing in it depends on the article: it is done once per
# (structured mode, model class) here, with instructor's own functions, so the body sent is the
# same JSON as before (tests/test_request_shape.py compares it with instructor's own path).
# The helpers imported from instructor.v2 are internal: instructor is pinned to 1.17.x, and the
# same tests fail if an upgrade changes what they do.


@dataclass(frozen=True)
class RequestShape:
    model: type[BaseModel]  # instructor's runtime class for the response model (parses answers)
    response_format: str | None  # JSON text sent as the body's response_format; None: JSON mode


def _request_options(call: CallSettings) -> dict[str, Any]:
    options: dict[str, Any] = {
        "model": call.model,
        "temperature": call.temperature,
        "max_tokens": call.max_tokens,
    }
    if call.seed is not None:
        options["seed"] = call.seed
    return options


# Request fields that the SDK's transform passes through unchanged when they hold plain JSON.
_PLAIN_FIELDS = frozenset(
    {"messages", "model", "temperature", "max_tokens", "seed", "response_format"}
)


def _plain_text(message: Any) -> bool:
    return (
        type(message) is dict
        and message.keys() <= {"role", "content"}
        and type(message.get("content")) is str
        and type(message.get("role")) is str
    )


@lru_cache(maxsize=32)
def request_shape(structured: str, model: type[BaseModel]) -> RequestShape:
    """What a request for `model` in `structured` mode carries besides the conversation.

    Keyed by the class object itself, so a changed or different model never reuses an entry.
    """
    runtime_model = prepare_response_model(model)  # also rejects async validators, as before
    if runtime_model is None:
        raise ExtractionError(f"instructor cannot prepare a response model for {model.__name__}")
    if structured == "json":
        return RequestShape(runtime_model, None)
    response_format = response_format_for(structured, model)
    if response_format is None:
        # json_schema: instructor's own response_format (the schema with its $defs).
        json_schema = instructor.Mode.JSON_SCHEMA
        handlers = mode_registry.get_handlers(instructor.Provider.OPENAI, json_schema)
        _, shaped = handlers.request_handler(response_model=runtime_model, kwargs={"messages": []})
        response_format = shaped["response_format"]
    return RequestShape(runtime_model, json.dumps(response_format))


@lru_cache(maxsize=16)
def _inlined_schema_json(model: type[BaseModel]) -> str:
    # Generating and inlining a schema costs milliseconds: once per model class, not per call.
    return json.dumps(inline_schema(model.model_json_schema()))


def response_format_for(structured: str, model: type[BaseModel]) -> dict[str, Any] | None:
    """The `response_format` for the endpoint kind; None keeps instructor's own."""
    schema = json.loads(_inlined_schema_json(model))
    if structured == "llamacpp":
        # llama.cpp's server turns this schema into a grammar: decoding cannot leave it.
        return {"type": "json_object", "schema": schema}
    if structured == "strict":
        return {
            "type": "json_schema",
            "json_schema": {"name": model.__name__, "schema": schema, "strict": True},
        }
    return None


def inline_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """Resolve `$ref`s into one self-contained schema (for grammar builders and strict mode)."""
    defs = schema.get("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                target = resolve(defs[node["$ref"].rsplit("/", 1)[-1]])
                extra = {k: resolve(v) for k, v in node.items() if k not in {"$ref", "description"}}
                return {**target, **extra}
            return {
                k: resolve(v)
                for k, v in node.items()
                if k != "$defs" and not (k == "title" and isinstance(v, str))
            }
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    return resolve(schema)


# --------------------------------------------------------------------------- errors and retries


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, openai.APIConnectionError):  # includes timeouts
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in TRANSIENT_STATUS
    return False


def retry_after_seconds(exc: BaseException | None) -> float | None:
    """The server's Retry-After (seconds or -ms), capped so a slot is not held for long."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    try:
        if headers.get("retry-after-ms"):
            return min(float(headers["retry-after-ms"]) / 1000.0, MAX_RETRY_AFTER)
        if headers.get("retry-after"):
            return min(float(headers["retry-after"]), MAX_RETRY_AFTER)
    except ValueError:
        return None
    return None


def describe_api_error(exc: openai.APIError) -> str:
    if isinstance(exc, DeadlineExceeded):
        return (
            f"the model endpoint did not finish its answer within the {exc.seconds:g} s request "
            "deadline (it answered too slowly, not too late); raise --request-deadline or check "
            "the server"
        )
    if isinstance(exc, openai.APITimeoutError):
        return "the model endpoint timed out; raise --read-timeout or check the server"
    if isinstance(exc, openai.APIConnectionError):
        cause = exc.__cause__
        if isinstance(cause, httpx2.ConnectError | httpx2.ConnectTimeout) or cause is None:
            return "cannot connect to the model endpoint; check --base-url and that the server runs"
        # Connected, then the connection broke: mid-request or mid-answer.
        return (
            "the connection to the model endpoint broke off before its answer was complete "
            f"({_first_line(cause)}); check the server (or a proxy in between) and its logs"
        )
    if isinstance(exc, openai.AuthenticationError):
        return (
            f"the endpoint rejected the API key (401: {_first_line(exc)}); the batch stopped. "
            "Check the key in the variable named by --api-key-env (OPENAI_API_KEY for "
            "api.openai.com) and that --base-url is the endpoint it belongs to"
        )
    if isinstance(exc, openai.PermissionDeniedError):
        return (
            f"the endpoint refused access (403: {_first_line(exc)}); the batch stopped. Check "
            "that the key (--api-key-env) may use this endpoint and the model named by --model"
        )
    if isinstance(exc, openai.NotFoundError):
        return (
            f"the endpoint has no such model or path (404: {_first_line(exc)}); the batch "
            "stopped. Check --model (GET <base-url>/models lists the models) and --base-url "
            "(it usually ends in /v1)"
        )
    if isinstance(exc, openai.APIStatusError):
        return f"the model endpoint answered HTTP {exc.status_code}: {_first_line(exc)}"
    return f"model endpoint error: {_first_line(exc)}"


# A bearer token, basic credentials, an OpenAI-style key, a URL's user:password@.
_SECRET_PATTERNS = re.compile(
    r"(?i:bearer)\s+[^\s\"',;]+|\bBasic [A-Za-z0-9+/]{6,}={0,2}|\bsk-[A-Za-z0-9_-]{8,}"
    r"|(?<=//)[^/?#\s@]*:[^/?#\s@]*@"
)


def scrub_secrets(message: str, secret: str | None = None) -> str:
    """One printable line with keys removed: the configured one and anything key-shaped."""
    if secret:
        message = message.replace(secret, "[redacted]")
    return safe_one_line(_SECRET_PATTERNS.sub("[redacted]", message), 500)


def _first_line(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        return f"{exc.error_count()} schema error(s), first: {exc.errors()[0]['msg']}"
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


def _refusal_of(completion: Any) -> str | None:
    """The refusal text of a completion (OpenAI's `message.refusal`), if there is one."""
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return None
    refusal = getattr(message, "refusal", None)
    return str(refusal) if refusal else None


class NotAnAnswer(Exception):
    """The endpoint answered 2xx with something that is not an OpenAI-compatible JSON answer."""

    def __init__(self, text: str) -> None:
        title = re.search(r"(?is)<title[^>]*>(.*?)</title>", text[:20_000])
        if title or re.match(r"(?is)\s*(<!doctype html|<html)", text):
            what = "an HTML page" + (f" titled {title[1].strip()[:80]!r}" if title else "")
        else:
            what = f"text that is not JSON ({text.strip()[:80]!r})"
        super().__init__(
            f"the endpoint answered with {what}, not an OpenAI-compatible JSON answer: check "
            "--base-url (it usually ends in /v1) and that no login page or proxy is in between"
        )


# More than any context holds: a number above this is not a token count.
MAX_PLAUSIBLE_TOKENS = 10_000_000


def _plausible_tokens(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return 0 <= value <= MAX_PLAUSIBLE_TOKENS and float(value).is_integer()


def _sanitize_usage(response: Any) -> None:
    """Token counts that cannot be true (negative, absurd) are unknown (0), and said so."""
    usage = getattr(response, "usage", None)
    if usage is None:
        return
    for name in ("prompt_tokens", "completion_tokens", "total_tokens"):
        value = getattr(usage, name, None)
        if value is None or (_plausible_tokens(value) and isinstance(value, int)):
            continue
        if _plausible_tokens(value):
            setattr(usage, name, int(value))
            continue
        log.warning(
            "the endpoint reported %s=%s, which cannot be a token count: counted as unknown (0)",
            name,
            safe_one_line(repr(value), 40),
        )
        setattr(usage, name, 0)


def _usage_of(raw: Any) -> Usage:
    usage = Usage()
    _add_usage(usage, raw)
    return usage


def _add_usage(usage: Usage, raw: Any) -> None:
    if raw is None:
        return
    usage.prompt_tokens += int(getattr(raw, "prompt_tokens", 0) or 0)
    usage.completion_tokens += int(getattr(raw, "completion_tokens", 0) or 0)


def _log_retry(state: RetryCallState) -> None:
    exc = state.outcome.exception() if state.outcome else None
    reason = scrub_secrets(_first_line(exc)) if exc is not None else "unknown"
    log.warning("transient model error (attempt %d): %s", state.attempt_number, reason)
