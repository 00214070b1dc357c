"""The public API: `summarize` and `summarize_many`, over a `Session` that wires the stages.

ingest -> prompt -> extract -> ground -> cache. A session starts the embedded model server only
when a result is not in the cache, so a fully cached re-run never loads the model.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import TracebackType

import openai

from summarizer import prompt
from summarizer.cache import ResultCache, cache_key
from summarizer.endpoint import build_client
from summarizer.errors import ConfigError, SummarizerError
from summarizer.extract import CallSettings, Extractor
from summarizer.ground import ground_drafts
from summarizer.ingest import Document, InputFailure, document_from_text, iter_inputs
from summarizer.local_server import LocalServer
from summarizer.models import SCHEMA_VERSION, ArticleSummary, ItemFailure, Source, Usage
from summarizer.settings import Settings, resolve_settings
from summarizer.weights import default_model_path, is_installed

log = logging.getLogger(__name__)

BatchItem = ArticleSummary | ItemFailure


class Session:
    """What one run needs: settings, the cache, and (lazily) the model client."""

    def __init__(self, settings: Settings | None = None, *, client: openai.OpenAI | None = None):
        self.settings = settings or resolve_settings()
        self._client = client
        self._server: LocalServer | None = None
        self._extractor: Extractor | None = None
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
        if self._server is not None:
            self._server.stop()
            self._server = None
        if self.cache is not None:
            self.cache.close()
            self.cache = None

    # ------------------------------------------------------------------ model identity
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
        if self._extractor is None:
            self._extractor = Extractor(self._connect(), self._call_settings())
        return self._extractor

    def _connect(self) -> openai.OpenAI:
        if self._client is not None:
            return self._client
        if not self.settings.embedded:
            assert self.settings.base_url is not None
            return build_client(self.settings, self.settings.base_url)
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
        return build_client(self.settings, self._server.start())

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
                "prompt": prompt.prompt_key(),
                "schema": SCHEMA_VERSION,
                "generation": {
                    "temperature": s.temperature,
                    "max_tokens": s.max_tokens,
                    "seed": s.seed,
                    "structured": s.structured_mode,
                    "chunk_chars": s.resolved_chunk_chars(),
                },
            }
        )

    def summarize_document(self, doc: Document) -> ArticleSummary:
        started = time.perf_counter()
        key = self.key_for(doc)
        if self.cache is not None and not self.settings.refresh:
            hit = self.cache.get(key)
            if hit is not None:
                return hit.model_copy(
                    update={
                        "source": _source_of(doc),
                        "cached": True,
                        "seconds": time.perf_counter() - started,
                    }
                )
        summary = self._extract_and_ground(doc)
        summary.seconds = round(time.perf_counter() - started, 3)
        if self.cache is not None:
            self.cache.put(key, summary)
        return summary

    def _extract_and_ground(self, doc: Document) -> ArticleSummary:
        chunks = prompt.split_text(doc.text, self.settings.resolved_chunk_chars())
        usage = Usage()
        drafts = []
        for part, (offset, chunk) in enumerate(chunks, start=1):
            messages = prompt.extraction_messages(
                chunk, title=doc.title, published=doc.published, part=part, parts=len(chunks)
            )
            result = self.extractor().extract(messages)
            usage = usage + result.usage
            drafts.append((offset, result.draft))
        grounded = ground_drafts(doc.text, drafts)
        return ArticleSummary(
            id=doc.id,
            source=_source_of(doc),
            model=self.model_name,
            endpoint=self.settings.endpoint_id,
            prompt_version=prompt.prompt_key(),
            event=grounded.event,
            participants=grounded.participants,
            agenda=grounded.agenda,
            stances=grounded.stances,
            flags=grounded.flags,
            chunks=len(chunks),
            usage=usage,
        )


def _source_of(doc: Document) -> Source:
    return Source(
        path=doc.path,
        title=doc.title,
        url=doc.url,
        published=doc.published,
        source_domain=doc.source_domain,
        text=doc.text,
    )


# ---------------------------------------------------------------------- public functions


def summarize(
    text: str,
    *,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
    settings: Settings | None = None,
    client: openai.OpenAI | None = None,
) -> ArticleSummary:
    """Summarize one article given as text. Raises a `SummarizerError` on failure."""
    doc = document_from_text(text, title=title, published=published, url=url)
    with Session(settings, client=client) as session:
        return session.summarize_document(doc)


def summarize_many(
    inputs: Iterable[str | Path | Document],
    *,
    settings: Settings | None = None,
    client: openai.OpenAI | None = None,
    on_result: Callable[[BatchItem], None] | None = None,
) -> list[BatchItem]:
    """Summarize files, directories, globs or Documents; results come back in input order.

    A bad item becomes an `ItemFailure` in its place and the batch goes on. Errors that would
    fail every item alike (bad settings, a model that cannot start) stop the batch.
    """
    results: list[BatchItem] = []
    with Session(settings, client=client) as session:
        for item in _documents(inputs, session.settings.max_bytes):
            result = _one(session, item)
            results.append(result)
            if on_result is not None:
                on_result(result)
    return results


def _documents(
    inputs: Iterable[str | Path | Document], max_bytes: int
) -> Iterator[Document | InputFailure]:
    for item in inputs:
        if isinstance(item, Document):
            yield item
        else:
            yield from iter_inputs([item], max_bytes=max_bytes)


def _one(session: Session, item: Document | InputFailure) -> BatchItem:
    if isinstance(item, InputFailure):
        return ItemFailure(path=item.path, error=item.error, kind="input")
    try:
        return session.summarize_document(item)
    except ConfigError:
        raise
    except SummarizerError as exc:
        return ItemFailure(path=item.path, id=item.id, error=str(exc), kind=_kind(exc))


def _kind(exc: SummarizerError) -> str:
    return type(exc).__name__.removesuffix("Error").lower()
