"""Tests for summarizer.llm.local_server, driving the stdlib fake OpenAI server as the child."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from importlib.machinery import ModuleSpec
from pathlib import Path

import pytest

from summarizer.errors import ConfigError, ModelUnavailableError
from summarizer.llm import local_server
from summarizer.llm.local_server import LocalServer, check_local_extra

REPO_ROOT = Path(__file__).resolve().parents[1]
FAKE_SERVER = Path(__file__).resolve().parent / "fakes" / "fake_openai_server.py"
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fake_cmd(*extra: str) -> list[str]:
    return [sys.executable, str(FAKE_SERVER), "--port", "{port}", "--model", "{model}", *extra]


@pytest.fixture
def model_file(tmp_path: Path) -> Path:
    path = tmp_path / "model.gguf"
    path.write_bytes(b"GGUF fake")
    return path


def is_alive(pid: int) -> bool:
    """True while the process exists and is not a zombie (a zombie has already died)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def wait_gone(pid: int, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not is_alive(pid):
            return True
        time.sleep(0.05)
    return not is_alive(pid)


def read_pid(path: Path, timeout: float = 10.0) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            return int(path.read_text())
        time.sleep(0.05)
    raise AssertionError(f"{path} never appeared")


def get_json(url: str, body: dict[str, object] | None = None) -> dict[str, object]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with NO_PROXY.open(request, timeout=5) as response:
        assert response.status == 200
        result: dict[str, object] = json.loads(response.read())
        return result


def port_of(base_url: str) -> int:
    return int(base_url.rsplit(":", 1)[1].split("/")[0])


def test_start_serves_openai_endpoints_and_stops(model_file: Path) -> None:
    with LocalServer(model_file, command=fake_cmd(), startup_timeout=10) as server:
        pid = server.pid
        assert pid is not None
        base_url = server.base_url
        assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/v1")
        assert get_json(f"{base_url}/models")["object"] == "list"
        chat = get_json(f"{base_url}/chat/completions", {"model": "m", "messages": []})
        assert chat["object"] == "chat.completion" and "usage" in chat
    assert wait_gone(pid)
    with pytest.raises(ModelUnavailableError, match="not running"):
        _ = server.base_url


def test_auto_picked_port_is_used_by_the_child(model_file: Path) -> None:
    server = LocalServer(model_file, command=fake_cmd(), startup_timeout=10)
    try:
        port = port_of(server.start())
        assert server.start() == server.base_url  # a second start() is a no-op
        with socket.socket() as probe, pytest.raises(OSError):
            probe.bind(("127.0.0.1", port))  # now held by the fake server
    finally:
        server.stop()
        server.stop()  # idempotent


def test_explicit_port_is_used_and_must_be_free(model_file: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        taken = holder.getsockname()[1]
        with pytest.raises(ModelUnavailableError, match=f"Port {taken} .* already in use"):
            LocalServer(model_file, port=taken, command=fake_cmd()).start()
    with LocalServer(model_file, port=taken, command=fake_cmd(), startup_timeout=10) as server:
        assert port_of(server.base_url) == taken


def test_early_exit_reports_the_stderr_tail(model_file: Path) -> None:
    with pytest.raises(ModelUnavailableError) as info:
        LocalServer(model_file, command=fake_cmd("--fail-start"), startup_timeout=10).start()

    message = str(info.value)
    lines = message.splitlines()
    assert "exited with code 1" in message
    assert lines[-1] == "fake-openai: simulated startup failure"
    assert "fake-openai: startup line 29" in lines
    assert "fake-openai: startup line 5" not in lines  # only the last ~20 lines are kept


def test_startup_timeout_kills_the_child(model_file: Path, tmp_path: Path) -> None:
    pid_file = tmp_path / "server.pid"
    cmd = fake_cmd("--delay-start", "30", "--pid-file", str(pid_file))
    started = time.monotonic()
    with pytest.raises(ModelUnavailableError, match=r"did not answer .* within 1s"):
        LocalServer(model_file, command=cmd, startup_timeout=1.0).start()

    assert time.monotonic() - started < 5
    assert wait_gone(read_pid(pid_file))


def test_stop_kills_the_whole_process_group(model_file: Path, tmp_path: Path) -> None:
    grandchild_file = tmp_path / "grandchild.pid"
    server = LocalServer(
        model_file, command=fake_cmd("--grandchild-pid-file", str(grandchild_file))
    )
    server.start()
    pid, grandchild = server.pid, read_pid(grandchild_file)
    assert pid is not None and is_alive(grandchild)

    server.stop()
    assert wait_gone(pid) and wait_gone(grandchild)


def test_stop_escalates_to_sigkill(model_file: Path) -> None:
    server = LocalServer(model_file, command=fake_cmd("--ignore-sigterm"), stop_timeout=0.5)
    server.start()
    pid = server.pid
    assert pid is not None

    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 4
    assert wait_gone(pid)


def test_keyboard_interrupt_inside_with_stops_the_child(model_file: Path) -> None:
    pids: list[int | None] = []
    with pytest.raises(KeyboardInterrupt), LocalServer(model_file, command=fake_cmd()) as server:
        pids.append(server.pid)
        raise KeyboardInterrupt
    assert pids[0] is not None and wait_gone(pids[0])


PARENT_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from summarizer.llm.local_server import LocalServer

    model, pid_file, *cmd = sys.argv[1:]
    server = LocalServer(Path(model), command=cmd, startup_timeout=10)
    server.start()
    Path(pid_file).write_text(str(server.pid))
    time.sleep(60)
    """
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux-only")
def test_child_dies_when_the_parent_is_sigkilled(model_file: Path, tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT_SCRIPT, str(model_file), str(pid_file), *fake_cmd()],
        cwd=REPO_ROOT,
        stdin=subprocess.DEVNULL,
    )
    try:
        child = read_pid(pid_file)
        assert is_alive(child)
        os.kill(parent.pid, signal.SIGKILL)  # no atexit, no finally: only the kernel can help
        parent.wait(timeout=5)
        assert wait_gone(child)
    finally:
        parent.kill()
        parent.wait(timeout=5)


def test_unlaunchable_command_is_a_model_error(model_file: Path, tmp_path: Path) -> None:
    server = LocalServer(model_file, command=[str(tmp_path / "no-such-binary")])
    with pytest.raises(ModelUnavailableError, match="Cannot start the local model server"):
        server.start()
    assert server.pid is None


def test_missing_model_file_says_how_to_get_one(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailableError, match=r"summarizer model install.*--model-path"):
        LocalServer(tmp_path / "absent.gguf", command=fake_cmd()).start()


def test_check_local_extra_without_llama_cpp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local_server, "find_spec", lambda name: None)
    with pytest.raises(ConfigError, match=r"pip install 'summarizer\[local\]'"):
        check_local_extra()


def fake_find_spec(tmp_path: Path, missing: str = "") -> object:
    package = tmp_path / "llama_cpp"
    (package / "server").mkdir(parents=True)
    (package / "server" / "__main__.py").write_text("raise SystemExit('never run')\n")

    def find(name: str) -> ModuleSpec | None:
        if name == missing:
            return None
        return ModuleSpec(name, None, is_package=name == "llama_cpp", origin=None)

    def find_with_locations(name: str) -> ModuleSpec | None:
        spec = find(name)
        if spec is not None and name == "llama_cpp":
            spec.submodule_search_locations = [str(package)]
        return spec

    return find_with_locations


def test_check_local_extra_accepts_a_complete_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(local_server, "find_spec", fake_find_spec(tmp_path))
    check_local_extra()


def test_check_local_extra_needs_the_server_dependencies(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(local_server, "find_spec", fake_find_spec(tmp_path, missing="uvicorn"))
    with pytest.raises(ConfigError, match="local"):
        check_local_extra()


def test_real_command_checks_the_extra_first(
    model_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(local_server, "find_spec", lambda name: None)
    server = LocalServer(model_file, n_threads=4)
    with pytest.raises(ConfigError):
        server.start()
    assert server.pid is None


def test_real_command_line(model_file: Path) -> None:
    cmd = LocalServer(model_file, n_threads=4)._build_command(8080)
    assert cmd == [
        sys.executable, "-m", "llama_cpp.server", "--model", str(model_file),
        "--host", "127.0.0.1", "--port", "8080", "--n_ctx", "8192", "--n_threads", "4",
    ]  # fmt: skip
