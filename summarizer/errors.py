"""One root exception and a small tree. Each class declares its payload and two stable codes:

- `code`: the machine-readable kind written to `ItemFailure.kind` (an output contract: a class
  rename must not change it);
- `exit_code`: what the CLI exits with when this error stops a run.

Every error may carry `usage`: what the failed attempts cost, so that totals count every call.
"""

from __future__ import annotations

from summarizer.models import Usage

__all__ = [
    "CacheError",
    "ConfigError",
    "ExtractionError",
    "InputError",
    "ModelUnavailableError",
    "OutputError",
    "SummarizerError",
    "WorkerError",
]


class SummarizerError(Exception):
    """Root of every error this package raises on purpose."""

    code = "summarizer"
    exit_code = 1

    def __init__(self, *args: object, usage: Usage | None = None) -> None:
        super().__init__(*args)
        self.usage: Usage = usage if usage is not None else Usage()

    def add_usage(self, spent: Usage) -> None:
        """Charge `spent` (attempts made before this error surfaced) to this error."""
        self.usage = spent + self.usage


class ConfigError(SummarizerError):
    """Settings are missing or contradict each other; the message says how to fix them."""

    code = "config"
    exit_code = 2


class ModelUnavailableError(SummarizerError):
    """The model endpoint cannot be reached, refuses us, or the local model cannot start."""

    code = "modelunavailable"
    exit_code = 3


class InputError(SummarizerError):
    """One input item cannot be read as an article (empty, binary, too large, ...)."""

    code = "input"
    exit_code = 4


class ExtractionError(SummarizerError):
    """The model answered, but no valid summary came out within the re-ask budget."""

    code = "extraction"
    exit_code = 5


class CacheError(SummarizerError):
    """The result cache cannot be opened or written."""

    code = "cache"
    exit_code = 6


class OutputError(SummarizerError):
    """The output directory cannot be written (full, read-only, ...); what finished is kept."""

    code = "output"
    exit_code = 7


class WorkerError(SummarizerError):
    """A batch worker process died; what it had finished is kept (in the cache and the output)."""

    code = "worker"
    exit_code = 8
