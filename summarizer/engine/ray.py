"""Scale out on Ray Data: the same per-article work as `summarize`, spread over a Ray cluster.

    ingest (Ray tasks) -> anti-join on `id` (resume) -> summarize (Ray actors) -> Parquet shards

- Ingest: file inputs go through `summarizer.ingest` in Ray tasks (same documents, same ids,
  same one-line reasons for bad input as the single-machine path); Parquet inputs and the
  rows of a caller's dataset (`text`, `title`, `published`, `url`, `source_domain`, `id`) go
  through `document_from_row`, which applies the same checks to one row.
- Summarize: a class-based `map_batches` UDF, so each Ray actor builds one `Session` (one model
  client, its own rate-limit cooldown, the key read from its own environment and sent only to
  its endpoint) and runs its share of the requests in flight on threads. Each article goes
  through `summarizer.engine.batch.summarize_item`, the code the single-machine batch runs. A
  failure is a row (an `ItemFailure` as JSON in the `error` column), never a crashed job; a
  settings error (`ConfigError`) stops the job, as it stops a local batch.
- Resume: every finished result is a row in the output Parquet shards. A rerun over the same
  inputs and output directory reads the ids that have a summary (`id` and `status` columns
  only) and drops them before the model stage, whether the earlier run finished, crashed or was
  cancelled. Ids that only failed are tried again (failures are never a result, as in the cache).
- On one machine (no `--ray-address`) the SQLite cache works as it does today. On a cluster the
  output dataset is the record: SQLite on a network filesystem is not safe for several writers,
  so the cache is off there.

Ray is imported lazily, inside functions: `import summarizer` never imports it, and without the
`ray` extra the error says which command installs it. The command line's side (`summarizer run
--engine ray`) is in summarizer/cli/run.py; `summarize_dataset` is public through summarizer/api.py.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from summarizer.engine.batch import summarize_item
from summarizer.engine.session import Session
from summarizer.errors import ConfigError, InputError, OutputError, SummarizerError
from summarizer.ingest.files import (
    Document,
    InputFailure,
    _decode,
    _expand_one,
    _file_items,
    _too_large,
    document_from_text,
)
from summarizer.llm.endpoint import api_key_for
from summarizer.models import ArticleSummary, ItemFailure, Usage
from summarizer.settings import RAY_NEEDS_BASE_URL, Settings, resolve_settings
from summarizer.text.lines import safe_one_line

if TYPE_CHECKING:
    import pyarrow as pa

log = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'summarizer[ray]'"
# Requests in flight per actor by default (the same split as summarizer.engine.workers: one process
# per 8 requests in flight); `--processes N` sets the number of actors instead.
THREADS_PER_ACTOR = 8
# Rows per batch, in waves of the actor's threads: a batch ends with its slowest article, and
# two batches overlap on an actor, so a longer batch keeps its threads busier.
BATCH_WAVES = 2
# An actor spends most of its time waiting on the endpoint: a request costs it a few ms of CPU.
ACTOR_CPUS = 0.25
# Parquet shards: at least this many rows per file (a finished row waits in Ray's object store
# until its file is written; a crash loses at most the rows of the files not yet written).
MIN_ROWS_PER_FILE = 64
PARQUET_DIR = "parquet"
# Writing a shard is short: a small CPU share lets shards be written while the model stage
# holds the rest, so finished rows reach the disk as the run goes (what a crash keeps).
WRITE_CPUS = 0.25
# One shard writer per this many actors (at least one).
WRITERS_PER_ACTORS = 4
# Files per ingest task: reading a text file costs ~1 ms, a Ray task far more. With 16 files a
# task the actors ran dry between blocks (bench/ray_speed.py: 1.8x the ideal time); the blocks
# are cut to one batch each before the actors anyway (see `summarize_prepared`).
FILES_PER_TASK = 64

RESULT_COLUMNS = (
    "id",  # the article id (ingest's document id), None when the input could not be read
    "input_id",  # the caller's own `id` column, if any
    "path",  # where the article came from
    "status",  # "ok" or "failed"
    "summary",  # ArticleSummary JSON (status ok)
    "error",  # ItemFailure JSON (status failed)
    "prompt_tokens",
    "completion_tokens",
    "calls",  # HTTP requests to the model, every attempt counted
    "cached",  # served from the SQLite cache (one machine only): cost nothing
    "run_id",  # the run that wrote the row
)
_DOC_COLUMNS = ("id", "input_id", "path", "text", "title", "published", "url", "source_domain")


def require_ray() -> ModuleType:
    """`ray` with Ray Data, or a ConfigError that says how to install it."""
    try:
        import ray
        import ray.data  # the `data` extra: pyarrow, pandas
    except ImportError as exc:
        raise ConfigError(
            f"--engine ray needs Ray Data, which is not installed: run `{INSTALL_HINT}`"
        ) from exc
    return ray


def check_settings(settings: Settings) -> None:
    if settings.embedded:
        raise ConfigError(RAY_NEEDS_BASE_URL)


# --------------------------------------------------------------------------- schemas


def _result_schema() -> pa.Schema:
    import pyarrow as pa

    text = [
        "id",
        "input_id",
        "path",
        "status",
        "summary",
        "error",
        "run_id",
    ]
    fields = []
    for name in RESULT_COLUMNS:
        if name in text:
            fields.append(pa.field(name, pa.large_string() if name == "summary" else pa.string()))
        elif name == "cached":
            fields.append(pa.field(name, pa.bool_()))
        else:
            fields.append(pa.field(name, pa.int64()))
    return pa.schema(fields)


def _prepared_schema() -> pa.Schema:
    import pyarrow as pa

    names = (*_DOC_COLUMNS, "input_error")
    return pa.schema(
        [pa.field(n, pa.large_string() if n == "text" else pa.string()) for n in names]
    )


# --------------------------------------------------------------------------- ingest


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, datetime | date) or hasattr(value, "isoformat"):
        return str(value.isoformat())
    if isinstance(value, float) and math.isnan(value):
        return None
    return str(value)


def document_from_row(
    row: Mapping[str, Any], *, max_bytes: int, where: str | None = None
) -> Document | InputFailure:
    """One dataset row -> a Document (same text and id as ingest gives a file), or the reason.

    `text` (or news-please's `maintext`) is the body; `title`, `published` (or
    `date_publish`), `url` and `source_domain` are optional. The body gets the checks a file
    gets: over `max_bytes`, binary, empty -> the same one-line reasons.
    """
    where = where or _as_text(row.get("path")) or ""
    body = row.get("text")
    if body is None:
        body = row.get("maintext")
    try:
        if body is None:
            raise InputError("empty article")
        raw = body if isinstance(body, bytes) else str(body).encode("utf-8", "surrogatepass")
        if len(raw) > max_bytes:
            raise _too_large(len(raw), max_bytes)
        text = _decode(raw)
        if not text.strip():
            raise InputError("empty article")
        published = row.get("published")
        if published is None:
            published = row.get("date_publish")
        return document_from_text(
            text,
            title=_as_text(row.get("title")),
            published=_as_text(published),
            url=_as_text(row.get("url")),
            path=where or None,
            source_domain=_as_text(row.get("source_domain")),
        )
    except InputError as exc:
        return InputFailure(safe_one_line(where), safe_one_line(str(exc)))


def _prepared(item: Document | InputFailure, input_id: str | None) -> dict[str, Any]:
    if isinstance(item, InputFailure):
        row = dict.fromkeys(_DOC_COLUMNS)
        row.update(input_id=input_id, path=item.path or None, input_error=item.error)
        return row
    return {
        "id": item.id,
        "input_id": input_id,
        "path": item.path,
        "text": item.text,
        "title": item.title,
        "published": item.published,
        "url": item.url,
        "source_domain": item.source_domain,
        "input_error": None,
    }


def prepare_rows(batch: pa.Table, *, max_bytes: int, source: str | None = None) -> pa.Table:
    """map_batches: caller's rows (or a Parquet file's) -> documents or input failures."""
    import pyarrow as pa

    out = []
    for row in batch.to_pylist():
        input_id = _as_text(row.get("id"))
        where = _as_text(row.get("path"))
        if source and where:  # a Parquet input: its file, and the row's own id if it has one
            where = f"{where}[{input_id}]" if input_id else where
        item = document_from_row(row, max_bytes=max_bytes, where=where)
        out.append(_prepared(item, input_id))
    return pa.Table.from_pylist(out, schema=_prepared_schema())


def prepare_files(batch: pa.Table, *, max_bytes: int) -> pa.Table:
    """map_batches: input files -> their documents (a JSONL file gives many), as ingest does."""
    import pyarrow as pa

    out = []
    for row in batch.to_pylist():
        if row.get("error"):  # an input the driver could not expand (no such file, ...)
            out.append(_prepared(InputFailure(row["path"], row["error"]), None))
            continue
        for item in _file_items(Path(row["path"]), max_bytes):
            out.append(_prepared(item, None))
    return pa.Table.from_pylist(out, schema=_prepared_schema())


def drop_finished(batch: pa.Table, *, finished: pa.Array) -> pa.Table:
    """map_batches: the anti-join on `id` (finished ids broadcast to every task)."""
    import pyarrow.compute as pc

    if len(finished) == 0:
        return batch
    seen = pc.fill_null(pc.is_in(batch["id"], value_set=finished), False)
    return batch.filter(pc.invert(seen))


# --------------------------------------------------------------------------- the model stage


def result_row(result: ArticleSummary | ItemFailure, input_id: str | None, run_id: str) -> dict:
    ok = isinstance(result, ArticleSummary)
    usage = result.usage or Usage()
    return {
        "id": result.id,
        "input_id": input_id,
        "path": result.source.path if isinstance(result, ArticleSummary) else result.path,
        "status": "ok" if ok else "failed",
        "summary": result.model_dump_json() if ok else None,
        "error": None if ok else result.model_dump_json(),
        "prompt_tokens": usage.prompt_tokens,
        "completion_tokens": usage.completion_tokens,
        "calls": usage.calls,
        "cached": bool(getattr(result, "cached", False)),
        "run_id": run_id,
    }


class ArticleSummarizer:
    """The class-based `map_batches` UDF: one instance per Ray actor.

    One `Session` per actor: one model client (keep-alive connections), one rate-limit
    cooldown shared by the actor's threads, the key read from this worker's environment.
    A batch's articles run on the actor's threads; two batches may overlap, so the threads
    stay busy while the slowest article of a batch finishes.
    """

    def __init__(self, settings: Settings, threads: int, run_id: str) -> None:
        self.session = Session(settings)
        self.pool = ThreadPoolExecutor(max_workers=max(1, threads), thread_name_prefix="summarize")
        self.run_id = run_id
        _register_actor(run_id)

    def __call__(self, batch: pa.Table) -> pa.Table:
        import pyarrow as pa

        rows = list(self.pool.map(self._one, batch.to_pylist()))
        return pa.Table.from_pylist(rows, schema=_result_schema())

    def _one(self, row: dict[str, Any]) -> dict[str, Any]:
        input_id = row.get("input_id")
        if row.get("input_error"):
            failure = ItemFailure(path=row.get("path"), error=row["input_error"], kind="input")
            return result_row(failure, input_id, self.run_id)
        doc = Document(
            id=row["id"],
            text=row["text"],
            path=row.get("path"),
            title=row.get("title"),
            url=row.get("url"),
            published=row.get("published"),
            source_domain=row.get("source_domain"),
        )
        result: ArticleSummary | ItemFailure
        try:
            hit = self.session.cached(doc)  # one machine: the SQLite cache, as today
            result = hit if hit is not None else summarize_item(self.session, doc)
        except ConfigError:
            raise  # would fail every article alike: stop the job
        except Exception as exc:  # a bug or a cache error: this row fails, the job goes on
            kind = exc.code if isinstance(exc, SummarizerError) else "internal"
            error = safe_one_line(f"{type(exc).__name__}: {exc}", 500)
            result = ItemFailure(path=doc.path, id=doc.id, error=error, kind=kind)
        return result_row(result, input_id, self.run_id)


def _registry_name(run_id: str) -> str:
    return f"summarizer-actors-{run_id}"


def _register_actor(run_id: str) -> None:
    """Tell the run's registry (if the run has one, see `actor_registry`) who we are."""
    import ray

    try:
        registry = ray.get_actor(_registry_name(run_id))
    except ValueError:
        return  # a library call without a registry
    registry.add.remote(ray.get_runtime_context().current_actor)


@contextlib.contextmanager
def actor_registry(run_id: str) -> Iterator[Callable[[], None]]:
    """A registry of the run's actors; yields `stop_actors`, which kills every one of them.

    Ray Data releases the actors of an interrupted execution without killing them: they would
    finish the batches already queued to them, calling the model for nothing. A CLI process
    that ends takes its actors with it; a driver that lives on (a notebook, the tests) kills
    them through this registry.
    """
    import ray

    class ActorRegistry:  # defined here: Ray ships it by value, no import of this package
        def __init__(self) -> None:
            self.handles: list[Any] = []

        def add(self, handle: Any) -> None:
            self.handles.append(handle)

        def all(self) -> list[Any]:
            return list(self.handles)

    remote: Any = ray.remote(num_cpus=0)(ActorRegistry)  # Ray's stubs do not follow this
    registry: Any = remote.options(name=_registry_name(run_id)).remote()

    def stop_actors() -> None:
        try:
            handles = ray.get(registry.all.remote(), timeout=30)
        except Exception as exc:  # the registry is gone: nothing more can be done here
            log.warning("could not stop the run's actors: %s", exc)
            return
        for handle in handles:
            with contextlib.suppress(Exception):
                ray.kill(handle, no_restart=True)

    try:
        yield stop_actors
    finally:
        with contextlib.suppress(Exception):
            ray.kill(registry)


@dataclass(frozen=True)
class Plan:
    """How the requests in flight are spread over actors."""

    concurrency: int
    actors: int
    threads: int

    @property
    def in_flight(self) -> int:
        return self.actors * self.threads


def plan_for(settings: Settings, concurrency: int | None = None) -> Plan:
    wanted = max(1, concurrency or settings.resolved_concurrency())
    actors = settings.processes or max(1, math.ceil(wanted / THREADS_PER_ACTOR))
    actors = min(actors, wanted)
    return Plan(wanted, actors, max(1, wanted // actors))  # never more than asked


def summarize_prepared(
    prepared: Any, settings: Settings, *, concurrency: int | None = None, run_id: str = ""
) -> Any:
    """The model stage over prepared rows (see `prepare_rows`): Dataset -> result rows."""
    ray = require_ray()
    plan = plan_for(settings, concurrency)
    strategy = ray.data.ActorPoolStrategy(
        size=plan.actors,
        max_concurrent_calls_per_actor=2,
        enable_true_multi_threading=True,
    )
    # Blocks of one batch each, whatever the input gave (a JSONL file of 10^5 articles is one
    # block out of ingest): every actor gets its share, and the last blocks spread over all of
    # them. A streaming split, no shuffle.
    prepared = prepared.repartition(target_num_rows_per_block=plan.threads * BATCH_WAVES)
    return prepared.map_batches(
        ArticleSummarizer,
        fn_constructor_kwargs={"settings": settings, "threads": plan.threads, "run_id": run_id},
        batch_size=plan.threads * BATCH_WAVES,
        batch_format="pyarrow",
        compute=strategy,
        num_cpus=ACTOR_CPUS,
        # Ray Data's defaults: an actor that dies (its node lost, the OOM killer) is restarted
        # and its tasks are run again, without limit.
    )


def summarize_dataset(
    ds: Any,
    settings: Settings | None = None,
    *,
    concurrency: int | None = None,
    skip_ids: Sequence[str] | None = None,
    run_id: str | None = None,
) -> Any:
    """Summarize the rows of a `ray.data.Dataset`; returns a Dataset of result rows.

    Input rows: `text` (or `maintext`), optional `id`, `title`, `published` (or
    `date_publish`), `url`, `source_domain`, `path`. Output rows (`RESULT_COLUMNS`): `id` (the
    article id, as `summarize` and the single-machine batch give it), `input_id` (the row's
    own `id`), `status` ("ok" or "failed"), `summary` (ArticleSummary JSON) or `error`
    (ItemFailure JSON), token usage and HTTP calls. `skip_ids`: article ids that already have a
    result (they are not sent to the model, and give no row). The SQLite cache is used only
    when Ray runs on this machine alone. Lazy, like any Dataset: nothing runs until it is
    consumed or written.
    """
    require_ray()
    settings = settings or resolve_settings()
    check_settings(settings)
    if settings.use_cache and not _one_machine():
        settings = replace(settings, use_cache=False)  # the output is the record
    prepared = ds.map_batches(
        prepare_rows, fn_kwargs={"max_bytes": settings.max_bytes}, batch_format="pyarrow"
    )
    if skip_ids:
        prepared = exclude_ids(prepared, skip_ids)
    return summarize_prepared(
        prepared, settings, concurrency=concurrency, run_id=run_id or new_run_id()
    )


def exclude_ids(prepared: Any, ids: Sequence[str]) -> Any:
    import pyarrow as pa

    finished = pa.array(sorted(set(ids)), type=pa.string())
    return prepared.map_batches(
        drop_finished, fn_kwargs={"finished": finished}, batch_format="pyarrow"
    )


def new_run_id() -> str:
    return f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"


def parse_result(row: Mapping[str, Any]) -> ArticleSummary | ItemFailure:
    """A result row back into the model the single-machine path returns."""
    if row["status"] == "ok":
        return ArticleSummary.model_validate_json(row["summary"])
    return ItemFailure.model_validate_json(row["error"])


# --------------------------------------------------------------------------- inputs of a run


def split_inputs(
    inputs: Sequence[str | Path], exclude: Path | None = None
) -> tuple[list[dict[str, Any]], list[str]]:
    """(file rows for ingest tasks, Parquet files). Unmatched inputs become rows with an error.

    Only names are listed here, on the driver; reading happens in Ray tasks. A URI
    (`s3://bucket/prefix/`) is Parquet. Parquet files under `exclude` (the run's own output)
    are never inputs.
    """
    import glob

    files: list[dict[str, Any]] = []
    parquet: list[str] = []

    def is_parquet(p: Path) -> bool:
        return p.name.lower().endswith(".parquet")

    for item in inputs:
        if "://" in str(item):  # s3://, gs://, ...: Parquet that pyarrow reads where it lies
            parquet.append(str(item))
            continue
        path = Path(item)
        matches = [path] if not glob.has_magic(str(item)) else None
        if matches is None:
            matches = [Path(m) for m in sorted(glob.glob(str(item), recursive=True))]
        found_parquet = []
        for m in matches:
            if m.is_dir():
                found_parquet += sorted(
                    p
                    for p in m.rglob("*.parquet")
                    if not any(s.startswith(".") for s in p.parts)
                    and not (exclude and p.resolve().is_relative_to(exclude))
                )
            elif is_parquet(m):
                found_parquet.append(m)
        parquet += [str(p) for p in found_parquet]
        if path.is_file() and is_parquet(path):
            continue
        unreadable: list[InputFailure] = []  # directories that cannot be listed, as ingest says
        try:
            found = _expand_one(item, unreadable)
        except InputError as exc:
            if not found_parquet:  # else a directory or glob of Parquet files only
                files.append({"path": safe_one_line(str(item)), "error": safe_one_line(str(exc))})
            continue
        files += [{"path": str(p), "error": None} for p in found]
        files += [{"path": f.path, "error": f.error} for f in unreadable]
    return files, parquet


def read_inputs(
    inputs: Sequence[str | Path], settings: Settings, *, exclude: Path | None = None
) -> Any:
    """Files, directories, globs and news-please JSONL (as ingest reads them) plus Parquet."""
    ray = require_ray()
    files, parquet = split_inputs(inputs, exclude)
    parts = []
    if files:
        blocks = max(1, math.ceil(len(files) / FILES_PER_TASK))
        listed = ray.data.from_items(files, override_num_blocks=blocks)
        parts.append(
            listed.map_batches(
                prepare_files,
                fn_kwargs={"max_bytes": settings.max_bytes},
                batch_format="pyarrow",
                batch_size=None,  # a block of file names at a time
            )
        )
    if parquet:
        rows = ray.data.read_parquet(parquet, include_paths=True)
        parts.append(
            rows.map_batches(
                prepare_rows,
                fn_kwargs={"max_bytes": settings.max_bytes, "source": "parquet"},
                batch_format="pyarrow",
            )
        )
    if not parts:
        raise InputError("no inputs")
    return parts[0] if len(parts) == 1 else parts[0].union(*parts[1:])


# --------------------------------------------------------------------------- the output record


def shard_files(directory: Path) -> list[Path]:
    """The Parquet shards of earlier runs, oldest first."""
    if not directory.is_dir():
        return []
    shards = [p for p in directory.iterdir() if p.suffix == ".parquet" and p.is_file()]
    return sorted(shards, key=lambda p: (p.stat().st_mtime_ns, p.name))


def _read_shard(path: Path, columns: list[str] | None = None) -> pa.Table | None:
    """A shard, or None (and moved aside) if a crash left it half-written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return pq.read_table(path, columns=columns)
    except (OSError, pa.ArrowInvalid) as exc:
        aside = path.with_name(path.name + ".unreadable")
        log.warning("skipping unreadable shard %s (%s); moved to %s", path.name, exc, aside.name)
        with contextlib.suppress(OSError):
            path.rename(aside)
        return None


def finished_ids(directory: Path) -> list[str]:
    """Article ids that have a summary in the shards (reads the `id` and `status` columns only)."""
    import pyarrow.compute as pc

    done: set[str] = set()
    for shard in shard_files(directory):
        table = _read_shard(shard, ["id", "status"])
        if table is not None:
            ok = table.filter(pc.equal(table["status"], "ok"))
            done.update(i for i in ok["id"].to_pylist() if i)
    return sorted(done)


@dataclass
class Record:
    """What the output directory holds, one result per article (see `consolidate`)."""

    done: int = 0
    failed: int = 0
    this_run: Usage = field(default_factory=Usage)
    this_run_rows: int = 0
    this_run_cached: int = 0


def consolidate(out: Path, run_id: str | None = None) -> Record:
    """summaries.jsonl and errors.jsonl from every shard: one line per article.

    An article is its id (or, for an input that could not be read, its path and row id). A
    summary beats a failure; a later row beats an earlier one of the same kind. Two passes in
    Arrow (the small columns first, to choose the rows; then the chosen rows' JSON), so memory
    holds a few numbers per row, not the summaries.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    record = Record()
    light = ["id", "path", "input_id", "status", "prompt_tokens", "completion_tokens"]
    light += ["calls", "cached", "run_id"]
    readable: list[Path] = []
    keys: list[pa.Array] = []
    ranks: list[pa.Array] = []
    for shard in shard_files(out / PARQUET_DIR):
        table = _read_shard(shard, light)
        if table is None:
            continue
        position = len(readable)
        readable.append(shard)
        fallback = pc.binary_join_element_wise(
            pc.fill_null(table["path"], ""), pc.fill_null(table["input_id"], ""), "\x00"
        )
        keys.append(pc.coalesce(table["id"], fallback).combine_chunks())
        ok = pc.equal(table["status"], "ok").to_numpy(zero_copy_only=False)
        rows = np.arange(table.num_rows, dtype=np.int64)
        # rank: ok first, then the later shard, then the later row
        ranks.append(pa.array((ok.astype(np.int64) << 62) | (position << 32) | rows))
        if run_id is not None:
            mine = table.filter(pc.equal(table["run_id"], run_id))
            paid = mine.filter(pc.invert(pc.fill_null(mine["cached"], False)))
            record.this_run_rows += mine.num_rows
            record.this_run_cached += mine.num_rows - paid.num_rows
            record.this_run.add(
                Usage(
                    prompt_tokens=pc.sum(paid["prompt_tokens"]).as_py() or 0,
                    completion_tokens=pc.sum(paid["completion_tokens"]).as_py() or 0,
                    calls=pc.sum(paid["calls"]).as_py() or 0,
                )
            )
    wanted: dict[int, np.ndarray] = {}
    if keys:
        index = pa.table({"key": pa.concat_arrays(keys), "rank": pa.concat_arrays(ranks)})
        best = index.group_by("key").aggregate([("rank", "max")])["rank_max"]
        best = best.to_numpy()
        positions, rows = (best >> 32) & 0x3FFFFFFF, best & 0xFFFFFFFF
        for position in np.unique(positions):
            wanted[int(position)] = np.sort(rows[positions == position])
    with (
        _atomic_lines(out / "summaries.jsonl") as summaries,
        _atomic_lines(out / "errors.jsonl") as errors,
    ):
        for position, shard in enumerate(readable):
            if position not in wanted:
                continue
            table = _read_shard(shard, ["status", "summary", "error"])
            if table is None:
                continue
            chosen = table.take(pa.array(wanted[position]))
            for status, summary, error in zip(
                chosen["status"].to_pylist(),
                chosen["summary"].to_pylist(),
                chosen["error"].to_pylist(),
                strict=True,
            ):
                if status == "ok":
                    summaries(summary)
                    record.done += 1
                else:
                    errors(error)
                    record.failed += 1
    if record.failed == 0:
        (out / "errors.jsonl").unlink(missing_ok=True)  # as the single-machine path leaves it
    return record


@contextlib.contextmanager
def _atomic_lines(path: Path) -> Iterator[Callable[[str], None]]:
    """Write lines to a temporary file, then put it in place: readers never see half a file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as handle:

            def write(line: str) -> None:
                handle.write(line + "\n")

            yield write
        os.replace(tmp, path)
    except OSError as exc:  # a full or read-only disk: the shards still hold every result
        raise OutputError(
            f"cannot write {path}: {exc.strerror or exc}; the Parquet shards in "
            f"{path.parent / PARQUET_DIR} keep every finished result: free space or choose "
            "another --out, then run the same command again (nothing is asked twice)"
        ) from None
    finally:
        tmp.unlink(missing_ok=True)


# --------------------------------------------------------------------------- a whole run


@dataclass
class RunResult:
    record: Record
    wall: float
    run_id: str
    skipped: int  # articles with a result from an earlier run


def _find_summarizer_error(exc: BaseException) -> SummarizerError | None:
    """The SummarizerError inside Ray's wrappers (RayTaskError, UserCodeException), if any."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        wrapped = getattr(current, "cause", None)  # RayTaskError: the exception raised remotely
        if isinstance(wrapped, BaseException):
            # A RayTaskError also passes for its cause's class, but its text is a traceback:
            # the original is what the user should read.
            todo.append(wrapped)
            continue
        if isinstance(current, SummarizerError):
            return current
        todo += [current.__cause__, current.__context__]
    return None


def _one_machine() -> bool:
    """Ray runs on this machine only (one node, this one): the SQLite cache is safe."""
    import ray

    if not ray.is_initialized():
        return True  # Ray Data will start a local instance
    nodes = [n for n in ray.nodes() if n.get("Alive")]
    here = ray.util.get_node_ip_address()
    return len(nodes) == 1 and nodes[0].get("NodeManagerAddress") == here


def uses_cache(settings: Settings) -> bool:
    """The SQLite cache on one machine only: with a cluster address, the output is the record."""
    return settings.use_cache and settings.ray_address is None


@contextlib.contextmanager
def ray_session(settings: Settings, *, quiet: bool = True) -> Iterator[ModuleType]:
    """Ray, started here (local) or joined (`--ray-address`), unless the caller started it."""
    ray = require_ray()
    started = False
    if not ray.is_initialized():
        address = settings.ray_address
        options: dict[str, Any] = {"logging_level": logging.WARNING}
        if address is None:
            options["include_dashboard"] = False
        try:
            ray.init(address=address, **options)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise ConfigError(f"cannot connect to Ray at {address!r}: {exc}") from exc
        started = True
    ctx = ray.data.DataContext.get_current()
    saved = (
        ctx.enable_progress_bars,
        ctx.print_on_execution_start,
        ctx.raise_original_map_exception,
    )
    # A ConfigError raised in an actor reaches the driver as itself (inside RayTaskError),
    # not as a traceback in a UserCodeException: the CLI then exits 2 with its message.
    ctx.raise_original_map_exception = True
    data_log = logging.getLogger("ray.data")
    saved_level = data_log.level
    if quiet:
        ctx.enable_progress_bars = False
        ctx.print_on_execution_start = False
    if not log.isEnabledFor(logging.DEBUG):
        data_log.setLevel(logging.WARNING)  # "Starting execution ..." lines are INFO
    try:
        yield ray
    finally:
        (
            ctx.enable_progress_bars,
            ctx.print_on_execution_start,
            ctx.raise_original_map_exception,
        ) = saved
        data_log.setLevel(saved_level)
        if started:
            ray.shutdown()


def run(
    inputs: Sequence[str | Path], out: Path, settings: Settings, *, quiet: bool = True
) -> RunResult:
    """Summarize `inputs` on Ray into `out` (Parquet shards, summaries.jsonl, errors.jsonl).

    A rerun with the same inputs and `out` asks the model only for articles without a summary.
    A Ctrl-C still writes summaries.jsonl and errors.jsonl from what was finished.
    """
    check_settings(settings)
    if settings.ray_address is None:
        api_key_for(settings)  # a missing key is a settings error before anything starts
    worker_settings = settings
    if not uses_cache(settings):
        worker_settings = replace(settings, use_cache=False)
    out = out.resolve()
    shards = out / PARQUET_DIR
    try:
        shards.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot create {shards}: {exc.strerror or exc}; choose another --out"
        ) from None
    run_id = new_run_id()
    started = time.perf_counter()
    with ray_session(settings, quiet=quiet):
        done = [] if settings.refresh else finished_ids(shards)
        prepared = read_inputs(inputs, settings, exclude=out)
        if done:
            prepared = exclude_ids(prepared, done)
        results = summarize_prepared(prepared, worker_settings, run_id=run_id)
        plan = plan_for(settings)
        rows_per_file = max(MIN_ROWS_PER_FILE, 4 * plan.in_flight)
        with actor_registry(run_id) as stop_actors:
            try:
                results.write_parquet(
                    str(shards),
                    min_rows_per_file=rows_per_file,
                    ray_remote_args={"num_cpus": WRITE_CPUS},
                    # Each writer is a worker process (pyarrow and Ray Data imported): a few
                    # keep up with the model stage.
                    concurrency=max(1, plan.actors // WRITERS_PER_ACTORS),
                )
            except KeyboardInterrupt:
                stop_actors()  # no more model calls
                consolidate(out, run_id)  # keep what was finished, as the local path does
                raise
            except Exception as exc:
                stop_actors()
                found = _find_summarizer_error(exc)
                if found is not None:
                    raise found from exc
                raise
    record = consolidate(out, run_id)
    return RunResult(record, time.perf_counter() - started, run_id, len(done))
