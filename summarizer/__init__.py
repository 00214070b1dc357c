"""summarizer: grounded briefing summaries of news about diplomatic, political and security events.

    from summarizer import summarize, summarize_many
    summary = summarize(article_text, title="...", published="2023-09-18")

Every field of an `ArticleSummary` carries evidence: verbatim quotes located in
`summary.source.text` by character offsets.
"""

from __future__ import annotations

import os

# Re-ask prompts quote pydantic's error text; without this it embeds a versioned URL
# (errors.pydantic.dev/2.x/...), which would make recorded exchanges break on an upgrade.
os.environ.setdefault("PYDANTIC_ERRORS_INCLUDE_URL", "0")

from summarizer.errors import (
    CacheError,
    ConfigError,
    ExtractionError,
    InputError,
    ModelUnavailableError,
    SummarizerError,
)
from summarizer.ingest import Document
from summarizer.memo import Memo
from summarizer.merge import build_memo
from summarizer.models import ArticleSummary, Evidence, ItemFailure
from summarizer.pipeline import Session, summarize, summarize_many
from summarizer.ray_engine import summarize_dataset  # Ray itself is imported only when called
from summarizer.settings import Settings, resolve_settings

__version__ = "0.1.0"

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
    "Session",
    "Settings",
    "SummarizerError",
    "build_memo",
    "resolve_settings",
    "summarize",
    "summarize_dataset",
    "summarize_many",
]
