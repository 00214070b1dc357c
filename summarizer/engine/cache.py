"""Result cache: one SQLite file, safe for several processes at once.

The key is a hash of everything that can change the answer: the article text, the model, the
endpoint, the prompt (version and template digest), the schema version and the generation
settings. Only validated summaries are stored; failures, refusals and truncated answers never
reach this module because the pipeline raises before it stores.

Concurrency: WAL journal (readers never block the writer), a busy timeout, and every write in a
`BEGIN IMMEDIATE` transaction, so two processes on one file wait for each other instead of
corrupting it or failing with "database is locked".
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from summarizer.errors import CacheError
from summarizer.models import ArticleSummary

_SCHEMA = """
CREATE TABLE IF NOT EXISTS summaries (
    key TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    model TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    created_at REAL NOT NULL,
    summary_json TEXT NOT NULL
)
"""


def cache_key(parts: Mapping[str, Any]) -> str:
    """A stable hash of the key parts (sorted JSON, so dict order never matters)."""
    canonical = json.dumps(parts, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class ResultCache:
    def __init__(self, path: Path, *, busy_timeout_s: float = 30.0) -> None:
        self.path = path
        self._lock = threading.Lock()  # one connection shared by this process's threads
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CacheError(
                f"cannot create the cache directory {path.parent}: {exc.strerror or exc}; "
                "pass --cache PATH (in a writable directory) or --no-cache"
            ) from None
        try:
            self._db = sqlite3.connect(
                str(path), timeout=busy_timeout_s, isolation_level=None, check_same_thread=False
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(f"PRAGMA busy_timeout={int(busy_timeout_s * 1000)}")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(_SCHEMA)
        except sqlite3.Error as exc:
            raise CacheError(
                f"cannot open the cache {path}: {exc}; pass --cache PATH or --no-cache"
            ) from exc

    def get(self, key: str) -> ArticleSummary | None:
        with self._lock:
            try:
                row = self._db.execute(
                    "SELECT summary_json FROM summaries WHERE key = ?", (key,)
                ).fetchone()
            except sqlite3.Error as exc:
                raise CacheError(f"cannot read the cache {self.path}: {exc}") from exc
        if row is None:
            return None
        try:
            return ArticleSummary.model_validate_json(row[0])
        except ValueError:
            return None  # written by an incompatible version: treat as a miss, it is rewritten

    def put(self, key: str, summary: ArticleSummary) -> None:
        payload = summary.model_dump_json()
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.execute(
                    "INSERT OR REPLACE INTO summaries VALUES (?, ?, ?, ?, ?, ?)",
                    (key, summary.id, summary.model, summary.prompt_version, time.time(), payload),
                )
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback()
                raise CacheError(f"cannot write the cache {self.path}: {exc}") from exc

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM summaries").fetchone()[0])

    def clear(self) -> int:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            count = self._db.execute("DELETE FROM summaries").rowcount
            self._db.execute("COMMIT")
            return int(count)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _rollback(self) -> None:
        # Nothing to roll back when the transaction never began.
        with contextlib.suppress(sqlite3.Error):
            self._db.execute("ROLLBACK")
