"""A `Session` wires the stages for one article: ingest -> llm (prompt, extract) -> grounding
-> cache. It starts the embedded model server only when a result is not in the cache, so a fully
cached re-run never loads the model. `summarizer.api` and the batch drive it.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import openai

from summarizer.engine.cache import ResultCache, cache_key
from summarizer.errors import CacheError, ConfigError, ExtractionError, SummarizerError
from summarizer.grounding.locate import Grounded, add_new_items, evidence_for, ground_drafts
from summarizer.grounding.validate import (
    VALIDATOR_VERSION,
    apply_evidence,
    checked_event_kind,
    reask_label,
    validate,
)
from summarizer.ingest.files import Document
from summarizer.llm import prompt
from summarizer.llm.endpoint import build_client
from summarizer.llm.extract import CallSettings, Cooldown, Extractor
from summarizer.llm.focused import ask_focused
from summarizer.llm.local_server import LocalServer
from summarizer.llm.weights import default_model_path, is_installed
from summarizer.models import (
    AGENDA_KINDS,
    SCHEMA_VERSION,
    ArticleSummary,
    EventDraft,
    MoreItems,
    QuoteFixes,
    Source,
    SummaryDraft,
    Usage,
)
from summarizer.settings import Settings, resolve_settings

log = logging.getLogger(__name__)


class Session:
    """What one run needs: settings, the cache, and (lazily) the model client."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        client: openai.OpenAI | None = None,
        cooldown: Cooldown | None = None,
        on_cache_error: Callable[[str], None] | None = None,
    ):
        self.settings = settings or resolve_settings()
        # The first failed cache write (a full or read-only disk): results are still returned,
        # and no further write is tried. Reported once, to `on_cache_error` or the log.
        self.cache_error: str | None = None
        self._on_cache_error = on_cache_error
        self._cache_error_lock = threading.Lock()
        self._client = client
        self._cooldown = cooldown  # None: the extractor's own (the worker processes share one)
        self._server: LocalServer | None = None
        self._extractor: Extractor | None = None
        self._lock = threading.Lock()
        # Sees each summary as the model gave it (grounded, not yet validated): the evaluation
        # measures what the validator keeps and removes against this.
        self.on_unvalidated: Callable[[ArticleSummary], None] | None = None
        self._built_client: openai.OpenAI | None = None  # ours to close (not an injected one)
        self.cache = (
            ResultCache(self.settings.resolved_cache_path()) if self.settings.use_cache else None
        )

    # ------------------------------------------------------------------ lifecycle
    def __enter__(self) -> Session:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._built_client is not None:
            self._built_client.close()  # ends requests still in flight after a Ctrl-C
            self._built_client = None
        if self._server is not None:
            self._server.stop()
            self._server = None
        if self.cache is not None:
            self.cache.close()
            self.cache = None

    # ------------------------------------------------------------------ model identity
    @property
    def has_injected_client(self) -> bool:
        return self._client is not None

    @property
    def model_name(self) -> str:
        if self.settings.model:
            return self.settings.model
        return self._model_file().name.removesuffix(".gguf")

    def _model_file(self) -> Path:
        if self.settings.model_path:
            return Path(self.settings.model_path).expanduser()
        return default_model_path()

    def _endpoint_identity(self) -> str:
        if not self.settings.embedded:
            return self.settings.endpoint_id
        path = self._model_file()
        size = path.stat().st_size if path.exists() else 0
        return f"embedded:{path.name}:{size}"

    # ------------------------------------------------------------------ the model
    def extractor(self) -> Extractor:
        with self._lock:  # workers share one client, and the embedded server starts once
            if self._extractor is None:
                self._extractor = Extractor(
                    self._connect(), self._call_settings(), cooldown=self._cooldown
                )
            return self._extractor

    def _connect(self) -> openai.OpenAI:
        if self._client is not None:
            return self._client
        if self.settings.base_url is not None:
            self._built_client = build_client(self.settings, self.settings.base_url)
            return self._built_client
        model_file = self._model_file()
        if not self.settings.model_path and not is_installed(model_file):
            raise ConfigError(
                "the default model is not installed: run `summarizer model install` "
                "(or pass --model-path FILE.gguf, or --base-url for another server)"
            )
        self._server = LocalServer(
            model_path=model_file, n_ctx=self.settings.n_ctx, n_threads=self.settings.n_threads
        )
        log.info("starting the embedded model server (%s)", model_file.name)
        self._built_client = build_client(self.settings, self._server.start())
        return self._built_client

    def _call_settings(self) -> CallSettings:
        s = self.settings
        return CallSettings(
            model=self.model_name,
            structured=s.structured_mode,
            temperature=s.temperature,
            max_tokens=s.max_tokens,
            seed=s.seed,
            max_reasks=s.max_reasks,
            transport_retries=s.transport_retries,
            backoff_base=s.backoff_base,
            # The embedded server goes on generating after we give up: a retry would queue
            # behind that abandoned answer and time out in turn.
            retry_timeouts=not (s.embedded and self._client is None),
            request_deadline=s.resolved_request_deadline(),
        )

    # ------------------------------------------------------------------ one article
    def key_for(self, doc: Document) -> str:
        s = self.settings
        return cache_key(
            {
                "text": hashlib.sha256(doc.text.encode("utf-8")).hexdigest(),
                "title": doc.title,
                "published": doc.published,
                "model": self.model_name,
                "endpoint": self._endpoint_identity(),
                "prompt": prompt.prompts_key(s.passes, s.resolved_strategy),
                "schema": SCHEMA_VERSION,
                "validator": VALIDATOR_VERSION,
                "generation": {
                    "temperature": s.temperature,
                    "max_tokens": s.max_tokens,
                    "seed": s.seed,
                    "structured": s.structured_mode,
                    "chunk_chars": s.resolved_chunk_chars(),
                    "grounding_reasks": s.grounding_reasks,
                    "passes": s.passes,
                    "strategy": s.resolved_strategy,
                    "keep_unsupported": s.keep_unsupported,
                },
            }
        )

    def cached(self, doc: Document) -> ArticleSummary | None:
        """The stored result for this document, if any (and unless --refresh)."""
        if self.cache is None or self.settings.refresh:
            return None
        started = time.perf_counter()
        hit = self.cache.get(self.key_for(doc))
        if hit is None:
            return None
        return hit.model_copy(
            update={
                "source": source_of(doc),
                "cached": True,
                "seconds": round(time.perf_counter() - started, 4),
            }
        )

    def summarize_document(self, doc: Document, *, use_cache_lookup: bool = True) -> ArticleSummary:
        if use_cache_lookup:
            hit = self.cached(doc)
            if hit is not None:
                return hit
        started = time.perf_counter()
        summary = self._extract_and_ground(doc)
        summary.seconds = round(time.perf_counter() - started, 3)
        if self.cache is not None and self.cache_error is None:
            # Only a validated summary gets here: failures raised before this line.
            try:
                self.cache.put(self.key_for(doc), summary)
            except CacheError as exc:
                # The answer is paid for: it is returned (and written out) all the same.
                self.cache_write_failed(str(exc))
        return summary

    def cache_write_failed(self, cause: str) -> None:
        """The cache could not be written (a full or read-only disk, say): say so, once."""
        self.report_cache_error(
            f"{cause}; results from here on are kept in the output but not cached (a rerun "
            "would pay for them again): free space or fix the cache, or pass --cache PATH"
        )

    def report_cache_error(self, message: str) -> None:
        """The first cache write failure of this run (in this process or a worker), once."""
        with self._cache_error_lock:
            if self.cache_error is not None:
                return
            self.cache_error = message
        if self._on_cache_error is not None:
            self._on_cache_error(message)
        else:
            log.warning("%s", message)

    def _extract_and_ground(self, doc: Document) -> ArticleSummary:
        spent = Usage()
        try:
            return self._extract_and_ground_counted(doc, spent)
        except SummarizerError as exc:
            # The calls made for earlier chunks were spent too: the failure reports them all.
            exc.add_usage(spent)
            raise

    def _extract_and_ground_counted(self, doc: Document, spent: Usage) -> ArticleSummary:
        chunks = prompt.split_text(doc.text, self.settings.resolved_chunk_chars())
        drafts: list[tuple[int, SummaryDraft]] = []
        conversations: list[list[dict[str, str]]] = []
        focused = self.settings.resolved_strategy == "focused"
        gate = _AgendaGate(doc)
        for part, (offset, chunk) in enumerate(chunks, start=1):
            if focused:
                gate.offset = offset
                asked = ask_focused(
                    self.extractor(),
                    chunk,
                    title=doc.title,
                    published=doc.published,
                    part=part,
                    parts=len(chunks),
                    # Topics kept and marked unsupported are asked for as before.
                    wants_agenda=None if self.settings.keep_unsupported else gate,
                )
                spent.add(asked.usage)
                drafts.append((offset, asked.draft))
                conversations.append(asked.conversation)
                continue
            messages = prompt.extraction_messages(
                chunk, title=doc.title, published=doc.published, part=part, parts=len(chunks)
            )
            result = self.extractor().extract(messages)
            spent.add(result.usage)
            draft = result.draft
            for _ in range(self.settings.passes - 1):
                draft = self._one_more_pass(messages, draft, spent)
            drafts.append((offset, draft))
            conversations.append(messages)
        grounded = ground_drafts(doc.text, drafts)
        summary = ArticleSummary(
            id=doc.id,
            source=source_of(doc),
            model=self.model_name,
            endpoint=self.settings.endpoint_id,
            prompt_version=prompt.prompts_key(
                self.settings.passes, self.settings.resolved_strategy
            ),
            event=grounded.event,
            participants=grounded.participants,
            agenda=grounded.agenda,
            stances=grounded.stances,
            chunks=len(chunks),
        )
        keep = self.settings.keep_unsupported
        if self.on_unvalidated is not None:
            self.on_unvalidated(summary.model_copy(deep=True))
        validation = validate(summary, keep_unsupported=keep, add_named=True)
        reasks = 0
        # Focused answers cite sentences: their quotes are verbatim, a re-ask has nothing to fix.
        if validation.reaskable and self.settings.grounding_reasks > 0 and not focused:
            reasked, reasks = self._reask(
                summary, grounded, drafts, conversations, validation.reaskable, spent
            )
            validation = validate(
                summary, keep_unsupported=keep, reasked=reasked, add_named=True
            )
        final = validation.summary
        final.grounding = validation.report(reasks)
        final.usage = spent.model_copy()
        return final

    def _one_more_pass(
        self, messages: list[dict[str, str]], draft: SummaryDraft, spent: Usage
    ) -> SummaryDraft:
        """Ask, in the same conversation, for items the answer so far left out; add the new ones.

        A failed pass costs its calls but not the article: the first answer stands.
        """
        more_messages = prompt.more_messages(messages, draft.model_dump_json())
        try:
            result = self.extractor().extract(more_messages, MoreItems)
        except ExtractionError as exc:
            spent.add(exc.usage)
            log.warning("extra extraction pass failed: %s", exc)
            return draft
        spent.add(result.usage)
        return add_new_items(draft, result.draft)

    def _reask(
        self,
        summary: ArticleSummary,
        grounded: Grounded,
        drafts: list[tuple[int, SummaryDraft]],
        conversations: list[list[dict[str, str]]],
        failures: dict[str, str],
        spent: Usage,
    ) -> tuple[set[str], int]:
        """One targeted re-ask per chunk with failures; new quotes replace missing evidence."""
        fixed: set[str] = set()
        by_chunk: dict[int, list[str]] = {}
        for path in failures:
            by_chunk.setdefault(grounded.origins.get(path, 0), []).append(path)
        for index, paths in by_chunk.items():
            offset, draft = drafts[index]
            items = [{"label": reask_label(summary, p), "reason": failures[p]} for p in paths]
            messages = prompt.reask_messages(conversations[index], draft.model_dump_json(), items)
            try:
                result = self.extractor().extract(messages, QuoteFixes)
            except ExtractionError as exc:
                # A failed re-ask leaves the item unproven (it is rejected), not the article.
                spent.add(exc.usage)
                log.warning("targeted re-ask failed: %s", exc)
                continue
            spent.add(result.usage)
            for fix in result.draft.fixes:
                if fix.quote and 1 <= fix.item <= len(paths):
                    path = paths[fix.item - 1]
                    evidence = evidence_for(summary.source.text, fix.quote, offset)
                    if evidence and apply_evidence(summary, path, evidence):
                        fixed.add(path)
        return fixed, len(by_chunk)


class _AgendaGate:
    """Whether the focused strategy asks the agenda question: only when the validator, judging
    the event the frame answer gives, leaves it a kind that has an agenda (it removes every
    topic of any other). A small model calls most events a meeting; the validator reads the
    event's sentence and headline. The summary takes its event from the first chunk whose event
    quote is found (a focused answer's quote is a sentence of its chunk: the first), so the first
    chunk's verdict holds for the chunks after it."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.offset = 0  # where the chunk being asked about starts in the document
        self.verdict: bool | None = None

    def __call__(self, event: EventDraft) -> bool:
        if self.verdict is None:
            draft = SummaryDraft(event=event, participants=[], agenda=[], stances=[])
            grounded = ground_drafts(self.doc.text, [(self.offset, draft)])
            bare = ArticleSummary(
                id=self.doc.id,
                source=source_of(self.doc),
                model="",
                endpoint="",
                prompt_version="",
                event=grounded.event,
            )
            self.verdict = checked_event_kind(bare) in AGENDA_KINDS
        return self.verdict


def source_of(doc: Document) -> Source:
    return Source(
        path=doc.path,
        title=doc.title,
        url=doc.url,
        published=doc.published,
        source_domain=doc.source_domain,
        text=doc.text,
    )
