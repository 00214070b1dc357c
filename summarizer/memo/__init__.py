"""Stage 5, the briefing memo: articles clustered into events, merged with provenance,
disagreements listed, rendered as Markdown, HTML or JSON. Never calls a model."""

from summarizer.memo.merge import build_memo
from summarizer.memo.model import Memo

__all__ = ["Memo", "build_memo"]
