"""summarizer: grounded briefing summaries of news about diplomatic, political and security events.

    from summarizer import summarize, summarize_many
    summary = summarize(article_text, title="...", published="2023-09-18")

Every field of an `ArticleSummary` carries evidence: verbatim quotes located in
`summary.source.text` by character offsets.

The public names load on first use: `import summarizer` imports neither the model client nor
the HTML extractor, so a command that needs neither starts fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    "ArticleSummary": "summarizer.models",
    "Evidence": "summarizer.models",
    "ItemFailure": "summarizer.models",
    "CacheError": "summarizer.errors",
    "ConfigError": "summarizer.errors",
    "ExtractionError": "summarizer.errors",
    "InputError": "summarizer.errors",
    "ModelUnavailableError": "summarizer.errors",
    "OutputError": "summarizer.errors",
    "SummarizerError": "summarizer.errors",
    "WorkerError": "summarizer.errors",
    "Settings": "summarizer.settings",
    "resolve_settings": "summarizer.settings",
    "Document": "summarizer.ingest",
    "Session": "summarizer.engine.session",
    "Memo": "summarizer.memo",
    "build_memo": "summarizer.memo",
    "summarize": "summarizer.api",
    "summarize_many": "summarizer.api",
    "summarize_dataset": "summarizer.api",  # Ray itself is imported only when it is called
}

__all__ = [
    "ArticleSummary",
    "CacheError",
    "ConfigError",
    "Document",
    "Evidence",
    "ExtractionError",
    "InputError",
    "ItemFailure",
    "Memo",
    "ModelUnavailableError",
    "OutputError",
    "Session",
    "Settings",
    "SummarizerError",
    "WorkerError",
    "build_memo",
    "resolve_settings",
    "summarize",
    "summarize_dataset",
    "summarize_many",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])


if TYPE_CHECKING:  # for type checkers and IDEs; at run time __getattr__ loads these
    from summarizer.api import build_memo, summarize, summarize_dataset, summarize_many
    from summarizer.engine.session import Session
    from summarizer.errors import (
        CacheError,
        ConfigError,
        ExtractionError,
        InputError,
        ModelUnavailableError,
        OutputError,
        SummarizerError,
        WorkerError,
    )
    from summarizer.ingest import Document
    from summarizer.memo import Memo
    from summarizer.models import ArticleSummary, Evidence, ItemFailure
    from summarizer.settings import Settings, resolve_settings
