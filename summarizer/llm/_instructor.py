"""What extract.py needs of instructor beyond its public API, in one place.

`Extractor._create_with_completion` runs instructor's own retry loop (`retry_sync_v2`) without
its per-request work (the request is shaped once per response model: see "request shaping" in
extract.py). That loop, and the shaping, use these instructor internals. They are not public:
instructor may move or change them in any release. So:

- they are imported here and nowhere else (extract.py takes them from this module; everything
  else it uses of instructor is public: `instructor.Mode`, `instructor.Provider`, the exceptions
  of `instructor.core`);
- instructor is pinned to 1.17.x in pyproject.toml, and through instructor's `jiter` cap that
  keeps openai at 3.3;
- tests/test_instructor_pin.py checks every name below, its signature and what extract.py relies
  on it to do, so an upgrade that moves or changes one fails there by name (and
  tests/test_request_shape.py compares the whole path with instructor's `create_with_completion`).

The names are instructor's own, leading underscores included, so a search of instructor's source
finds them.
"""

from __future__ import annotations

from instructor.v2.core.errors import FailedAttempt
from instructor.v2.core.registry import ModeHandlers, mode_registry, normalize_mode
from instructor.v2.core.response_model import prepare_response_model
from instructor.v2.core.retry import (
    _RETRYABLE_PARSE_ERRORS,
    _finalize_parsed_response,
    _initialize_usage,
)
from instructor.v2.core.usage import has_compatible_usage, update_total_usage

__all__ = [
    "_RETRYABLE_PARSE_ERRORS",  # exceptions of a parsed answer that call for a re-ask
    "FailedAttempt",  # one failed attempt, as InstructorRetryException lists them
    "ModeHandlers",  # request_handler, response_parser, reask_handler, message_converter
    "_finalize_parsed_response",  # attaches the raw completion and usage to the parsed model
    "_initialize_usage",  # a zero usage of the provider's type
    "has_compatible_usage",  # whether a response's usage can be added to the total
    "mode_registry",  # the handlers of a (provider, mode)
    "normalize_mode",  # the mode a provider really uses for a requested one
    "prepare_response_model",  # instructor's runtime class for a response model
    "update_total_usage",  # adds a response's usage to the total
]
