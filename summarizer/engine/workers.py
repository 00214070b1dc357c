"""Worker processes: one batch spread over several processes, for fast remote endpoints.

Why: each request costs the client several milliseconds of CPU (the openai SDK and HTTP,
parsing, validation, the cache), and threads share one interpreter lock. Past ~16 requests in
flight, one process becomes the limit, whatever the endpoint could take. Processes add CPU.

How:
- The workers are forked once the parent has read the inputs and served what the cache had, so
  each already holds every document and every imported module: nothing is sent to them.
- Each worker takes the next pending article from a shared counter (the load balances itself)
  and runs its share of the requests in flight on threads, with its own model client and its own
  connection to the SQLite cache (safe for several processes, see summarizer.engine.cache).
- A 429 pauses every process: the cooldown deadline lives in shared memory.
- A result is in the cache before it is sent back over a pipe, and the parent hands it on at
  once, so a crash loses nothing finished; a rerun asks only for what is missing.
- A worker ignores Ctrl-C (the parent handles it and stops them) and dies with its parent
  (Linux parent-death signal). A worker that dies stops the batch with a clear error.

Fork, not spawn: a spawned worker would import everything again (seconds), once per batch.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any, cast

from summarizer.engine.session import Session
from summarizer.errors import SummarizerError, WorkerError
from summarizer.ingest.files import Document, InputFailure
from summarizer.llm.extract import Cooldown
from summarizer.llm.local_server import parent_death_signal
from summarizer.models import ArticleSummary, BatchItem, ItemFailure
from summarizer.settings import Settings

log = logging.getLogger(__name__)

# The work on one article, in a worker: given the worker's session and the document.
ItemWork = Callable[[Session, Document], BatchItem]


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()  # not on Windows


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def threads_per_process(concurrency: int, processes: int) -> list[int]:
    """Split the requests in flight over the processes (the first ones take the remainder)."""
    base, extra = divmod(concurrency, processes)
    return [base + (1 if i < extra else 0) for i in range(processes) if base or i < extra]


def run_in_processes(
    settings: Settings,
    items: Sequence[Document | InputFailure],
    pending: list[int],
    *,
    processes: int,
    concurrency: int,
    work: ItemWork,
    on_cache_error: Callable[[str], None] | None = None,
    drain: Callable[[], bool] | None = None,
) -> Iterator[tuple[int, BatchItem]]:
    """Summarize items[pending] in worker processes; yield (index, result) as each finishes.

    When the batch stops on an error (`drain()` true, or an error from a worker), the workers
    take no new article and finish the ones in flight (into the cache) before they are
    stopped; on Ctrl-C they are stopped at once.
    """
    ctx = multiprocessing.get_context("fork")
    next_position = ctx.Value("q", 0)  # into `pending`, shared by every worker thread
    deadline = ctx.Value("d", 0.0)  # the shared cooldown
    # Asked for here, in the parent: the worker checks that its parent is still this process.
    die_with_parent = parent_death_signal()
    job = _Job(settings, items, pending, next_position, deadline, work, die_with_parent)
    live: dict[Connection, multiprocessing.process.BaseProcess] = {}
    readers: list[Connection] = []
    try:
        for threads in threads_per_process(concurrency, processes):
            reader, writer = ctx.Pipe(duplex=False)
            process = ctx.Process(target=job.run, args=(threads, writer), daemon=True)
            with warnings.catch_warnings():
                # Python 3.12+ warns when a process with threads forks (a progress bar's refresh
                # thread, say): the worker uses none of their locks and renews stdio (below).
                warnings.simplefilter("ignore", DeprecationWarning)
                process.start()
            writer.close()  # the parent's copy: EOF on the reader then means the worker ended
            live[reader] = process
            readers.append(reader)
        log.info("%d worker processes, %d requests in flight", len(live), concurrency)
        yield from _collect(live, on_cache_error)
    except BaseException as exc:
        if isinstance(exc, Exception) or (drain is not None and drain()):
            _finish_in_flight(live, next_position, len(pending))
        raise
    finally:
        for worker in live.values():
            worker.kill()  # a Ctrl-C or a fatal error: stop at once; the cache keeps what's done
        for worker in live.values():
            worker.join(timeout=5)
        for reader in readers:
            reader.close()


def _collect(
    live: dict[Connection, multiprocessing.process.BaseProcess],
    on_cache_error: Callable[[str], None] | None = None,
) -> Iterator[tuple[int, BatchItem]]:
    while live:
        for ready in wait(list(live)):
            reader = cast(Connection, ready)  # wait() hands back the connections it was given
            try:
                kind, payload = reader.recv()
            except EOFError:
                process = live.pop(reader)
                process.join(timeout=5)
                raise WorkerError(
                    f"a worker process died (exit code {process.exitcode}); what was finished "
                    "is kept: run the same command again to do the rest"
                ) from None
            if kind == "result":
                index, failed, data = payload
                yield index, (ItemFailure if failed else ArticleSummary).model_validate_json(data)
            elif kind == "fatal":
                raise payload
            elif kind == "cache_error":  # the worker's result was kept, but not cached
                if on_cache_error is not None:
                    on_cache_error(payload)
            else:  # "done": every article this worker took is back
                live.pop(reader).join(timeout=5)


def _finish_in_flight(
    live: dict[Connection, multiprocessing.process.BaseProcess], next_position: Any, end: int
) -> None:
    """No new article for anyone; wait until the workers have finished the ones they hold.

    Their results are in the cache by then (a rerun serves them); here they are not needed.
    """
    with next_position.get_lock():
        next_position.value = end
    while live:
        for ready in wait(list(live)):
            reader = cast(Connection, ready)  # wait() hands back the connections it was given
            try:
                kind, _payload = reader.recv()
            except (EOFError, OSError):
                kind = "done"
            if kind in ("done", "fatal"):
                live.pop(reader).join(timeout=5)


class _Job:
    """What a worker runs: everything it needs was in memory when it was forked."""

    def __init__(
        self,
        settings: Settings,
        items: Sequence[Document | InputFailure],
        pending: list[int],
        next_position: Any,
        deadline: Any,
        work: ItemWork,
        die_with_parent: Callable[[], None] | None,
    ) -> None:
        self.settings = settings
        self.items = items
        self.pending = pending
        self.next_position = next_position
        self.deadline = deadline
        self.work = work
        self.die_with_parent = die_with_parent

    def run(self, threads: int, conn: Connection) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        if self.die_with_parent is not None:
            self.die_with_parent()
        _renew_std_streams()
        send_lock = threading.Lock()

        def send(message: tuple[str, Any]) -> None:
            with send_lock:
                conn.send(message)

        try:
            self._serve(threads, send)
            send(("done", None))
        except BaseException as exc:  # a ConfigError, or a bug: the parent stops the batch
            send(("fatal", _picklable(exc)))
        finally:
            conn.close()

    def _serve(self, threads: int, send: Callable[[tuple[str, Any]], None]) -> None:
        failures: list[BaseException] = []

        def cache_error(message: str) -> None:
            send(("cache_error", message))

        session = Session(
            self.settings, cooldown=Cooldown(self.deadline), on_cache_error=cache_error
        )
        with session:
            session.extractor()  # one client for this worker's threads, built before them

            def loop() -> None:
                try:
                    while not failures and (index := self._take()) is not None:
                        doc = self.items[index]
                        if not isinstance(doc, Document):
                            raise TypeError(f"an input failure was scheduled: {doc.path}")
                        result = self.work(session, doc)
                        # As JSON: pydantic writes and reads it several times faster than pickle.
                        failed = isinstance(result, ItemFailure)
                        send(("result", (index, failed, result.model_dump_json())))
                except BaseException as exc:
                    failures.append(exc)

            workers = [threading.Thread(target=loop, daemon=True) for _ in range(threads)]
            for thread in workers:
                thread.start()
            for thread in workers:
                thread.join()
        if failures:
            raise failures[0]

    def _take(self) -> int | None:
        with self.next_position.get_lock():
            position = self.next_position.value
            if position >= len(self.pending):
                return None
            self.next_position.value = position + 1
        return self.pending[position]


def _renew_std_streams() -> None:
    """New stdout/stderr objects on the same descriptors, and logging pointed at them.

    A thread of the parent may have held a stream's internal lock when it forked; that lock is
    then held forever in the worker, and the first warning logged (or the flush at exit) would
    hang. Fresh objects have fresh locks; what the parent had buffered stays the parent's.
    """
    handlers = [h for ref in logging._handlerList for h in [ref()] if h is not None]  # type: ignore[attr-defined]
    for name in ("stdout", "stderr"):
        old = getattr(sys, name)
        try:
            fd = old.fileno()
        except (AttributeError, OSError, ValueError):
            continue  # not a real descriptor (a test's capture): nothing to renew
        encoding = getattr(old, "encoding", None) or "utf-8"
        new = open(fd, "w", encoding=encoding, errors="backslashreplace", closefd=False)  # noqa: SIM115
        setattr(sys, name, new)
        for handler in handlers:
            if getattr(handler, "stream", None) is old:
                handler.stream = new


def _picklable(exc: BaseException) -> BaseException:
    """The exception itself if it crosses a pipe intact, else a SummarizerError saying it."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return SummarizerError(f"{type(exc).__name__}: {exc}")
