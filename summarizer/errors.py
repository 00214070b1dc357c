"""One root exception and a small tree; the CLI maps each branch to an exit code."""

from __future__ import annotations


class SummarizerError(Exception):
    """Root of every error this package raises on purpose."""

    exit_code = 1


class ConfigError(SummarizerError):
    """Settings are missing or contradict each other; the message says how to fix them."""

    exit_code = 2


class InputError(SummarizerError):
    """One input item cannot be read as an article (empty, binary, too large, ...)."""

    exit_code = 4


class ModelUnavailableError(SummarizerError):
    """The model endpoint cannot be reached, refuses us, or the local model cannot start."""

    exit_code = 3


class ExtractionError(SummarizerError):
    """The model answered, but no valid summary came out within the re-ask budget."""

    exit_code = 5


class CacheError(SummarizerError):
    """The result cache cannot be opened or written."""

    exit_code = 6


class OutputError(SummarizerError):
    """The output directory cannot be written (full, read-only, ...); what finished is kept."""

    exit_code = 7


class WorkerError(SummarizerError):
    """A batch worker process died; what it had finished is kept (in the cache and the output)."""
