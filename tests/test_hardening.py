"""Hardening: keys and secrets, runs that never end, work and money lost, misleading messages.

Each test stands for one item of the hardening issue and runs offline: fake endpoints on
127.0.0.1 (tests/fakes) and real filesystem conditions (FIFOs, symlink loops, small tmpfs mounts
that are full or read-only; skipped, saying why, where mounting is not permitted).
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from summarizer import ArticleSummary, ItemFailure, summarize_many
from summarizer.cli.main import main
from summarizer.errors import ConfigError, InputError, OutputError
from summarizer.ingest import expand_inputs, load_path
from summarizer.llm.endpoint import api_key_for
from summarizer.settings import Settings, is_openai_url, resolve_settings

from fakes.articles import article, cache_count, marker, ok, settings_for, write_articles
from fakes.routed import concurrent_server
from fakes.scripted import Reply

ROOT = Path(__file__).resolve().parents[1]
OPENAI_KEY = "sk-proj-TESTONLY0123456789abcdefHARDENING"
ENDPOINT_KEY = "sk-endpoint-TESTONLY0123456789HARDSECRET"
PASSWORD = "Pw0rd-TESTONLY-hunter2"


def cli_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    env.pop("FORCE_COLOR", None)
    env.update({"XDG_CONFIG_HOME": str(tmp_path / "config"), "PYTHONPATH": str(ROOT)})
    env.update({"SUMMARIZER_BACKOFF_BASE": "0.001"}, **extra)
    return env


def run_cli(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "summarizer.cli.main", *args]
    return subprocess.run(
        command, capture_output=True, text=True, env=cli_env(tmp_path, **env), cwd=ROOT, timeout=60
    )


def files_bytes(*roots: Path) -> bytes:
    """Every byte under these files and directories (outputs, the cache and its WAL)."""
    data = b""
    for root in roots:
        paths = [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file()]
        data += b"".join(p.read_bytes() for p in paths)
    return data


# =========================================================================== 1. key routing


@pytest.mark.parametrize(
    ("url", "openai"),
    [
        ("https://api.openai.com/v1", True),
        ("https://API.OpenAI.com:443/v1/", True),
        ("http://api.openai.com/v1", False),  # the key never travels in clear text
        ("https://api.openai.com.evil.example/v1", False),
        ("https://evil.example/api.openai.com/v1", False),
        ("https://evil.example/v1?h=api.openai.com", False),
        ("https://api.openai.com@evil.example/v1", False),
        ("https://evil.example#api.openai.com", False),
        ("https://api.openai.com:8443/v1", False),
        ("https://[::1/v1", False),
    ],
)
def test_openai_is_decided_by_parsed_scheme_and_host(url, openai):
    assert is_openai_url(url) is openai
    settings = Settings(base_url=url, model="m")
    assert (settings.structured_mode == "strict") is openai
    assert (settings.resolved_concurrency() == 8) is openai
    environ = {"OPENAI_API_KEY": OPENAI_KEY}
    assert (api_key_for(settings, environ) == OPENAI_KEY) is openai


@pytest.mark.parametrize("suffix", ["/api.openai.com/v1", "/v1?h=api.openai.com"])
def test_the_openai_key_is_not_sent_to_a_url_that_merely_contains_its_host(
    tmp_path, monkeypatch, suffix
):
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_KEY)
    [path] = write_articles(tmp_path / "in", 1)
    with concurrent_server([ok()]) as server:
        base_url = f"http://127.0.0.1:{server.server_address[1]}{suffix}"
        settings = settings_for(base_url, tmp_path, structured="auto")
        assert settings.structured_mode == "json_schema"
        summarize_many([str(path)], settings=settings)
        assert server.seen, "the request was not sent"
        for seen in server.seen:
            assert seen.headers["authorization"] == "Bearer no-key"
            assert OPENAI_KEY not in json.dumps(seen.headers)


# =========================================================================== 2. userinfo


def test_a_password_in_the_base_url_is_sent_as_auth_and_recorded_nowhere(
    tmp_path, capsys, monkeypatch
):
    inputs = tmp_path / "in"
    write_articles(inputs, 2)
    out, cache = tmp_path / "out", tmp_path / "cache.sqlite3"
    with concurrent_server([ok()]) as server:
        port = server.server_address[1]
        base_url = f"http://reader:{PASSWORD}@127.0.0.1:{port}/v1"
        flags = ["--base-url", base_url, "--model", "fake-model", "--cache", str(cache)]
        # -v in a process of its own: in-process, pytest's log handlers would hide the logs.
        done = run_cli(tmp_path, "-v", "run", str(inputs), "--out", str(out), *flags)
    assert done.returncode == 0, done.stderr
    assert "DEBUG" in done.stderr  # -v logged, and the logs are clean
    assert main(["config", "show", *flags]) == 0
    shown = capsys.readouterr()
    assert f"'http://127.0.0.1:{port}/v1'" in shown.out
    # An endpoint that cannot be reached: its error must not carry the password either.
    monkeypatch.setenv("SUMMARIZER_TRANSPORT_RETRIES", "0")
    dead = ["--base-url", f"http://reader:{PASSWORD}@127.0.0.1:9/v1", "--model", "m"]
    dead += ["--cache", str(cache), "--refresh"]
    assert main(["run", str(inputs), "--out", str(tmp_path / "out2"), *dead]) != 0
    failed = capsys.readouterr()
    assert "cannot connect" in failed.out + failed.err
    # The request needs the credentials: they went as HTTP basic auth, nowhere else.
    basic = base64.b64encode(f"reader:{PASSWORD}".encode()).decode()
    assert [s.headers.get("authorization") for s in server.seen] == [f"Basic {basic}"] * 2
    assert all(PASSWORD not in s.path for s in server.seen)
    summaries = [json.loads(x) for x in (out / "summaries.jsonl").read_text().splitlines()]
    assert [s["endpoint"] for s in summaries] == [f"http://127.0.0.1:{port}/v1"] * 2
    for printed in (done.stdout, done.stderr, shown.out, shown.err, failed.out, failed.err):
        assert PASSWORD not in printed
    assert PASSWORD.encode() not in files_bytes(out, tmp_path / "out2", tmp_path / "config")
    assert PASSWORD.encode() not in b"".join(p.read_bytes() for p in tmp_path.glob("cache*"))


def test_a_bad_base_url_error_does_not_echo_its_password():
    with pytest.raises(ConfigError) as caught:
        resolve_settings({"base_url": f"ftp://u:{PASSWORD}@h/v1", "model": "m"}, environ={})
    assert PASSWORD not in str(caught.value) and "http://" in str(caught.value)


# =========================================================================== 3. key as a name


@pytest.mark.parametrize("where", ["flag", "environment", "config"])
def test_a_key_given_as_the_variable_name_is_never_printed(tmp_path, capsys, monkeypatch, where):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    args = ["config", "show"]
    if where == "flag":
        args += ["--api-key-env", ENDPOINT_KEY]
    elif where == "environment":
        monkeypatch.setenv("SUMMARIZER_API_KEY_ENV", ENDPOINT_KEY)
    else:
        config = tmp_path / "c.toml"
        config.write_text(f'api_key_env = "{ENDPOINT_KEY}"\n', encoding="utf-8")
        args += ["--config", str(config)]
    assert main(args) == ConfigError.exit_code
    assert main(["run", str(tmp_path), "--out", str(tmp_path / "o"), *args[2:]]) == 2
    captured = capsys.readouterr()
    assert ENDPOINT_KEY not in captured.out + captured.err
    assert "ENDPOINT" not in captured.out + captured.err.replace("MY_ENDPOINT_KEY", "")
    assert "name of the environment variable" in captured.err.lower()
    assert "MY_ENDPOINT_KEY" in captured.err  # what was expected, by example
    assert not (tmp_path / "o" / "summaries.jsonl").exists()


@pytest.mark.parametrize(
    "value", ["ghp_0123456789abcdefABCDEF0123456789abcd", "AbCdEf0123456789XyZ0", "my key"]
)
def test_other_key_shaped_or_invalid_names_are_refused_without_echo(value):
    with pytest.raises(ConfigError) as caught:
        resolve_settings({"api_key_env": value}, environ={})
    assert value not in str(caught.value)


def test_ordinary_variable_names_are_accepted_and_named_when_empty():
    for name in ("MY_ENDPOINT_KEY", "API_KEY_FOR_THE_LAB_SERVER_2024", "groq_key"):
        assert resolve_settings({"api_key_env": name}, environ={}).api_key_env == name
    settings = Settings(base_url="http://h/v1", model="m", api_key_env="MY_ENDPOINT_KEY")
    with pytest.raises(ConfigError, match=r"MY_ENDPOINT_KEY.*empty or unset"):
        api_key_for(settings, {})
    # Built without resolve_settings (library use): still never echoed.
    pasted = Settings(base_url="http://h/v1", model="m", api_key_env=ENDPOINT_KEY)
    with pytest.raises(ConfigError) as caught:
        api_key_for(pasted, {})
    assert ENDPOINT_KEY not in str(caught.value)


# =========================================================================== 4. FIFOs


def in_thread(target, timeout: float):
    """Run target() in a daemon thread; (finished, result or exception)."""
    box: list[object] = []

    def run() -> None:
        try:
            box.append(target())
        except BaseException as exc:
            box.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    return not thread.is_alive(), (box[0] if box else None)


def unblock_fifo(path: Path) -> None:
    """If a reader is stuck opening the FIFO, give it a writer (and EOF) so it can end."""
    with contextlib.suppress(OSError):
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


def test_a_fifo_among_the_inputs_is_skipped_with_a_one_line_error(tmp_path, capsys):
    inputs = tmp_path / "in"
    write_articles(inputs, 2)
    fifo = inputs / "a000b.txt"  # sorted between the two articles
    os.mkfifo(fifo)
    explicit = tmp_path / "pipe.json"
    os.mkfifo(explicit)
    out = tmp_path / "out"
    try:
        with concurrent_server([ok()]) as server:
            flags = ["--base-url", server.base_url, "--model", "fake-model"]
            flags += ["--cache", str(tmp_path / "cache.sqlite3")]
            args = ["run", str(inputs), str(explicit), "--out", str(out), *flags]
            finished, code = in_thread(lambda: main(args), timeout=20)
    finally:
        unblock_fifo(fifo)
        unblock_fifo(explicit)
    assert finished, "the run blocked on a FIFO"
    assert code == 1  # two items failed, the batch went on
    assert len((out / "summaries.jsonl").read_text().splitlines()) == 2
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert [e["path"] for e in errors] == [str(fifo), str(explicit)]
    for error in errors:
        assert error["kind"] == "input" and "\n" not in error["error"]
        assert "FIFO" in error["error"] and "regular file" in error["error"]
    assert "Traceback" not in capsys.readouterr().err


# =========================================================================== 5. symlink loops


def test_a_recursive_glob_walks_each_real_directory_once(tmp_path):
    inputs = tmp_path / "in"
    write_articles(inputs, 2)
    write_articles(inputs / "sub", 1, start=2)
    (inputs / "self").symlink_to(".")  # a loop: in/self/self/... is in/
    (inputs / "sub" / "up").symlink_to("..")  # and another one through the parent
    (tmp_path / "alias").symlink_to(inputs)  # the same directory under two names
    pattern = str(tmp_path / "**" / "*.txt")
    finished, found = in_thread(lambda: expand_inputs([pattern]), timeout=20)
    assert finished, "the recursive glob never finished"
    assert isinstance(found, list), found
    assert sorted(p.name for p in found) == ["a000.txt", "a001.txt", "a002.txt"]
    assert all("self" not in p.parts and "alias" not in p.parts for p in found), found


def test_a_self_link_gives_one_copy_of_each_article(tmp_path):
    inputs = tmp_path / "in"
    write_articles(inputs, 2)
    (inputs / "self").symlink_to(".")
    with concurrent_server([ok()]) as server:
        results = summarize_many(
            [str(inputs / "**" / "*.txt"), str(inputs / "*")],
            settings=settings_for(server.base_url, tmp_path),
        )
    paths = [r.source.path for r in results if isinstance(r, ArticleSummary)]
    assert len(results) == 4 and paths == [str(inputs / "a000.txt"), str(inputs / "a001.txt")] * 2
    assert len(server.seen) == 2


# =========================================================================== 6. drip


def test_an_endpoint_that_drips_its_answer_meets_the_request_deadline(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_TRANSPORT_RETRIES", "0")
    inputs = tmp_path / "in"
    write_articles(inputs, 2)
    out = tmp_path / "out"
    # A byte every 50 ms: no read ever waits long, and the whole answer would take minutes.
    routes = {marker(1): [ok(drip=0.05)]}
    with concurrent_server([ok()], routes=routes) as server:
        flags = ["--base-url", server.base_url, "--model", "fake-model", "-q"]
        flags += ["--cache", str(tmp_path / "cache.sqlite3"), "--read-timeout", "0.3"]
        flags += ["--request-deadline", "0.5"]
        started = time.monotonic()
        finished, code = in_thread(
            lambda: main(["run", str(inputs), "--out", str(out), *flags]), timeout=15
        )
        elapsed = time.monotonic() - started
    assert finished and code == 1, code
    assert elapsed < 5, elapsed
    [error] = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert error["path"] == str(inputs / "a001.txt") and error["kind"] == "modelunavailable"
    assert "0.5 s request deadline" in error["error"] and "--request-deadline" in error["error"]
    assert len((out / "summaries.jsonl").read_text().splitlines()) == 1


def test_the_request_deadline_is_a_setting_with_a_default():
    assert resolve_settings({}, environ={}).resolved_request_deadline() == 1800.0
    remote = {"base_url": "http://h/v1", "model": "m"}
    assert resolve_settings(remote, environ={}).resolved_request_deadline() == 600.0
    env = {"SUMMARIZER_REQUEST_DEADLINE": "42"}
    assert resolve_settings(remote, environ=env).resolved_request_deadline() == 42.0
    with pytest.raises(ConfigError, match="request_deadline"):
        resolve_settings({**remote, "request_deadline": -1}, environ={})


# =========================================================================== full / read-only disks


@contextlib.contextmanager
def tmpfs(path: Path, size: str = "256k"):
    """A small tmpfs mounted at `path` (skips the test, saying why, where that is not allowed)."""
    path.mkdir(parents=True, exist_ok=True)
    if shutil.which("mount") is None:
        pytest.skip("no mount command: cannot make a full or read-only filesystem here")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(path)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(
            f"mounting a tmpfs is not permitted here ({done.stderr.strip()}): run as root "
            "(or with CAP_SYS_ADMIN) to test full and read-only filesystems"
        )
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def read_only(path: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True, capture_output=True)


def fill(path: Path) -> None:
    """Fill the filesystem of `path` to the last byte."""
    fd = os.open(path / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        for size in (65536, 4096, 512, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, b"\0" * size)
    finally:
        os.close(fd)


def run_flags(base_url: str, cache: Path | str, *extra: str) -> list[str]:
    return ["--base-url", base_url, "--model", "fake-model", "--cache", str(cache), "-q", *extra]


# =========================================================================== 7. cache full


def test_a_cache_that_fills_up_keeps_every_paid_answer_and_says_so_once(tmp_path, capsys):
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 3)
    with tmpfs(tmp_path / "cachefs", "512k") as cachefs:
        filled: list[bool] = []

        def fill_at_first_request(_seen) -> None:
            if not filled:  # the cache is open by now: its next write meets a full disk
                fill(cachefs)
                filled.append(True)

        with concurrent_server([ok()], responder=fill_at_first_request) as server:
            flags = run_flags(server.base_url, cachefs / "cache.sqlite3", "--concurrency", "1")
            code = main(["run", str(inputs), "--out", str(out), *flags])
            requests = len(server.seen)
        assert filled and cache_count(cachefs / "cache.sqlite3") == 0
    captured = capsys.readouterr()
    assert code == 6  # every article done, but none cached: the cache error's code
    assert requests == 3
    assert len((out / "summaries.jsonl").read_text().splitlines()) == 3
    assert sorted(p.name for p in out.glob("a*.json")) == ["a000.json", "a001.json", "a002.json"]
    assert not (out / "errors.jsonl").exists()
    warnings = [line for line in captured.err.splitlines() if "cache" in line]
    assert len(warnings) == 1, captured.err
    assert "full" in warnings[0] and "--cache" in warnings[0] and "kept" in warnings[0]
    assert "model calls 3" in captured.out  # the totals count every request
    assert "Traceback" not in captured.err


def test_worker_processes_keep_their_answers_when_the_cache_is_full(tmp_path):
    paths = [str(p) for p in write_articles(tmp_path / "in", 6)]
    with tmpfs(tmp_path / "cachefs", "512k") as cachefs:
        cache = cachefs / "cache.sqlite3"
        filled: list[bool] = []

        def fill_at_first_request(_seen) -> None:
            with lock:
                if not filled:  # every process has its cache open: each write meets a full disk
                    fill(cachefs)
                    filled.append(True)

        lock = threading.Lock()
        reported: list[str] = []
        with concurrent_server([ok()], responder=fill_at_first_request) as server:
            settings = settings_for(server.base_url, tmp_path, concurrency=4, processes=2)
            settings = dataclasses.replace(settings, cache_path=str(cache))
            results = summarize_many(paths, settings=settings, on_cache_error=reported.append)
            requests = len(server.seen)
    assert [type(r) for r in results] == [ArticleSummary] * 6
    assert requests == 6 and sum(r.usage.calls for r in results) == 6
    assert len(reported) == 1 and "full" in reported[0]


# =========================================================================== 8. no truncation


def test_an_error_at_start_never_truncates_the_earlier_output(tmp_path, capsys):
    inputs, out, cache = tmp_path / "in", tmp_path / "out", tmp_path / "cache.sqlite3"
    paths = [str(p) for p in write_articles(inputs, 10)]
    (inputs / "bad.txt").write_text("", encoding="utf-8")
    with concurrent_server([ok()]) as server:
        flags = run_flags(server.base_url, cache)
        assert main(["run", str(inputs), "--out", str(out), *flags]) == 1
        summaries, errors = (
            (out / "summaries.jsonl").read_text(),
            (out / "errors.jsonl").read_text(),
        )
        assert len(summaries.splitlines()) == 10 and len(errors.splitlines()) == 1
        capsys.readouterr()
        new = str(write_articles(tmp_path / "more", 1, start=10)[0])
        unset_key = ["--api-key-env", "HARDENING_UNSET_KEY_VARIABLE"]
        runs = {
            # A configuration error before any result (nothing cached is asked for).
            "config": ["run", str(inputs), *flags, "--refresh", *unset_key],
            # A cache that cannot be opened (the path is a directory).
            "cache": ["run", str(inputs), *run_flags(server.base_url, tmp_path)],
            # A configuration error after three cached results: the other seven stay.
            "after-results": ["run", *paths[:3], new, *flags, *unset_key],
        }
        codes = {name: main([*args, "--out", str(out)]) for name, args in runs.items()}
    assert codes == {"config": 2, "cache": 6, "after-results": 2}
    printed = capsys.readouterr().err.splitlines()
    assert len(printed) == 3 and all(line.startswith("error: ") for line in printed), printed
    assert "HARDENING_UNSET_KEY_VARIABLE" in printed[0] and "cache" in printed[1]
    kept = [json.loads(x) for x in (out / "summaries.jsonl").read_text().splitlines()]
    assert sorted(k["source"]["path"] for k in kept) == paths  # all ten, each once
    assert [k["cached"] for k in kept] == [False] * 7 + [True] * 3  # earlier lines, then new
    assert (out / "errors.jsonl").read_text() == errors


# =========================================================================== 9. output and paths


@pytest.mark.parametrize("processes", [1, 2])
def test_a_full_output_disk_stops_the_batch_with_one_line_keeping_what_finished(
    tmp_path, capsys, processes
):
    inputs, cache = tmp_path / "in", tmp_path / "cache.sqlite3"
    write_articles(inputs, 16)
    with tmpfs(tmp_path / "outfs", "64k") as outfs:
        out = outfs / "out"
        # Two requests in flight: when a write fails, another answer is on its way (paid for).
        with concurrent_server([ok(delay=0.05)]) as server:
            flags = run_flags(server.base_url, cache, "--concurrency", "2")
            flags += ["--processes", str(processes)]
            code = main(["run", str(inputs), "--out", str(out), *flags])
            requests = len(server.seen)
        written = sorted(p.name for p in out.glob("a*.json"))
        for name in written:  # every file that was written is whole
            json.loads((out / name).read_text())
        leftovers = [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    err = capsys.readouterr().err
    assert code == OutputError.exit_code == 7, err
    [line] = err.splitlines()
    assert "No space left on device" in line and "--out" in line and "cache" in line
    assert 0 < len(written) < requests < 16  # stopped at the first failed write
    assert cache_count(cache) == requests  # every answer paid for is kept, in flight ones too
    assert leftovers == []  # no half-written temporary file


def test_a_read_only_output_directory_is_refused_before_any_model_call(tmp_path, capsys):
    inputs = tmp_path / "in"
    write_articles(inputs, 2)
    with tmpfs(tmp_path / "outfs") as outfs:
        (outfs / "out").mkdir()
        read_only(outfs)
        with concurrent_server([ok()]) as server:
            flags = run_flags(server.base_url, tmp_path / "cache.sqlite3")
            existing = main(["run", str(inputs), "--out", str(outfs / "out"), *flags])
            missing = main(["run", str(inputs), "--out", str(outfs / "new" / "out"), *flags])
            requests = len(server.seen)
    lines = capsys.readouterr().err.splitlines()
    assert (existing, missing, requests) == (OutputError.exit_code, OutputError.exit_code, 0)
    assert len(lines) == 2 and all("Read-only file system" in x and "--out" in x for x in lines)


def test_an_out_that_is_a_file_and_a_cache_dir_that_cannot_be_made_are_one_line_errors(
    tmp_path, capsys
):
    inputs = tmp_path / "in"
    write_articles(inputs, 1)
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine", encoding="utf-8")
    with concurrent_server([ok()]) as server:
        as_out = main(["run", str(inputs), "--out", str(a_file), *run_flags(server.base_url, "c")])
        flags = run_flags(server.base_url, a_file / "cache" / "cache.sqlite3")
        under_file = main(["run", str(inputs), "--out", str(tmp_path / "out"), *flags])
        requests = len(server.seen)
    lines = capsys.readouterr().err.splitlines()
    assert (as_out, under_file, requests) == (2, 6, 0)
    assert len(lines) == 2 and "is a file, not a directory" in lines[0]
    assert "cannot create the cache directory" in lines[1] and "--cache" in lines[1]
    assert a_file.read_text(encoding="utf-8") == "mine"


def without_root_powers() -> list[str]:
    """A command prefix under which file permissions apply (root ignores them)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot make a directory unreadable")
    caps = "-dac_override,-dac_read_search"
    prefix = ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}"]
    probe = subprocess.run([*prefix, "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot drop root's file-permission powers here: {probe.stderr.strip()}")
    return prefix


def run_locked(tmp_path: Path, *inputs: Path) -> subprocess.CompletedProcess[str]:
    """`summarizer run` over `inputs`, with `tmp_path/in/locked` unreadable (mode 000)."""
    prefix = without_root_powers()
    locked = tmp_path / "in" / "locked"
    locked.chmod(0)
    try:
        with concurrent_server([ok()]) as server:
            command = [*prefix, sys.executable, "-m", "summarizer.cli.main", "run"]
            command += map(str, inputs)
            command += ["--out", str(tmp_path / "out")]
            command += run_flags(server.base_url, tmp_path / "cache.sqlite3")
            return subprocess.run(
                command, capture_output=True, text=True, env=cli_env(tmp_path), cwd=ROOT, timeout=60
            )
    finally:
        locked.chmod(0o755)


def test_a_file_inside_an_unreadable_directory_is_a_one_line_item_error(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 1)
    [hidden] = write_articles(inputs / "locked", 1, start=5)
    done = run_locked(tmp_path, inputs / "a000.txt", hidden)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert len((out / "summaries.jsonl").read_text().splitlines()) == 1
    [error] = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert error["path"] == str(hidden) and error["kind"] == "input"
    assert "ermission denied" in error["error"] and "permissions" in error["error"]


# =========================================================================== 10. 401/403/404


CONFIG_ANSWERS = {
    401: ("Incorrect API key provided", ("401", "--api-key-env")),
    403: ("You do not have access to this model", ("403", "--api-key-env", "--model")),
    404: ("The model `fake-model` does not exist", ("404", "--model", "--base-url", "/v1")),
}


@pytest.mark.parametrize("status", list(CONFIG_ANSWERS))
def test_a_bad_key_no_access_or_unknown_model_stops_the_batch_as_a_settings_error(
    tmp_path, capsys, status
):
    message, hints = CONFIG_ANSWERS[status]
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 5)
    body = json.dumps({"error": {"message": message, "type": "invalid_request_error"}})
    with concurrent_server([Reply(status=status, body=body)]) as server:
        flags = run_flags(server.base_url, tmp_path / "cache.sqlite3", "--concurrency", "1")
        code = main(["run", str(inputs), "--out", str(out), *flags])
        requests = len(server.seen)
    [line] = capsys.readouterr().err.splitlines()
    assert code == ConfigError.exit_code and requests == 1  # stopped at the first answer
    assert message in line and "stopped" in line
    for hint in hints:
        assert hint in line, line
    assert not (out / "summaries.jsonl").exists()


# =========================================================================== lower severity


def test_memo_skips_and_names_a_bad_line_of_summaries_jsonl(tmp_path, capsys):
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 3)
    with concurrent_server([ok()]) as server:
        flags = run_flags(server.base_url, tmp_path / "cache.sqlite3")
        assert main(["run", str(inputs), "--out", str(out), *flags]) == 0
    lines = (out / "summaries.jsonl").read_text().splitlines()
    lines.insert(1, '{"id": "half a line')  # a torn or hand-edited line
    (out / "summaries.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    capsys.readouterr()
    memo_json = tmp_path / "memo.json"
    code = main(["memo", str(out), "--json", str(memo_json), "-q"])
    err = capsys.readouterr().err
    assert code == 1, err
    [skipped] = [line for line in err.splitlines() if line.startswith("skipped")]
    assert skipped.startswith(f"skipped: {out / 'summaries.jsonl'} line 2: not a stored result")
    assert "Invalid JSON" in skipped
    assert len(json.loads(memo_json.read_text())["sources"]) == 3  # the other lines count


RUSSIAN = (
    "Министры иностранных дел Норвегии и Исландии встретятся в Осло во вторник, сообщило "
    "министерство. Переговоры будут посвящены квотам на вылов рыбы в Северной Атлантике. "
    '"Мы готовы к переговорам", - сказал Арнасон, но квоту на скумбрию обсуждать не будут.'
)
FRENCH = (
    "Les ministres se réuniront à Oslo mardi; la délégation islandaise a déclaré être prête "
    "à négocier sur les quotas de pêche. Café crème pour tout le monde."
)


@pytest.mark.parametrize(
    ("encoding", "text"),
    [("koi8_r", RUSSIAN), ("cp1251", RUSSIAN), ("iso8859_5", RUSSIAN), ("cp1252", FRENCH)],
)
def test_single_byte_legacy_text_is_decoded_not_mojibake(tmp_path, encoding, text):
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    [doc] = load_path(path)
    assert doc.text == text


def test_legacy_text_too_short_to_tell_is_refused(tmp_path):
    path = tmp_path / "short.txt"
    path.write_bytes("Министры встретятся в Осло.".encode("koi8_r"))
    with pytest.raises(InputError, match="not valid UTF-8 text; re-save it as UTF-8"):
        load_path(path)


@pytest.mark.parametrize("walk", ["directory", "recursive glob"])
def test_an_unreadable_subdirectory_is_reported_not_skipped_silently(tmp_path, walk):
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 1)
    write_articles(inputs / "locked", 1, start=5)
    write_articles(inputs / "z", 1, start=7)
    given = inputs if walk == "directory" else inputs / "**" / "*.txt"
    done = run_locked(tmp_path, given)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert len((out / "summaries.jsonl").read_text().splitlines()) == 2
    [error] = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert error["path"] == str(inputs / "locked") and error["kind"] == "input"
    assert "cannot read this directory" in error["error"] and "ermission denied" in error["error"]


def one_result(tmp_path: Path, reply: Reply, **extra: object):
    """One article against an endpoint that answers `reply`, no retries or re-asks."""
    with concurrent_server([reply]) as server:
        settings = settings_for(
            server.base_url, tmp_path, transport_retries=0, max_reasks=0, **extra
        )
        [result] = summarize_many([str(write_articles(tmp_path / "in", 1)[0])], settings=settings)
    return result


def test_a_connection_cut_mid_answer_is_not_called_cannot_connect(tmp_path):
    result = one_result(tmp_path, ok(cut_after=100))
    assert isinstance(result, ItemFailure) and result.kind == "modelunavailable"
    assert "cannot connect" not in result.error
    assert "broke off before its answer was complete" in result.error
    assert "received 100 bytes" in result.error


def test_an_html_page_with_status_200_is_named_as_such(tmp_path):
    page = "<!doctype html><html><head><title>Sign in - Portal</title></head><body>Hi</body></html>"
    result = one_result(tmp_path, Reply(body=page, content_type="text/html"))
    assert isinstance(result, ItemFailure) and result.kind == "modelunavailable"
    assert "No choices" not in result.error
    assert "an HTML page titled 'Sign in - Portal'" in result.error
    assert "--base-url" in result.error and "/v1" in result.error


@pytest.mark.parametrize("absurd", [-5, 1e30, 2.5])
def test_negative_or_absurd_usage_numbers_count_as_unknown(tmp_path, caplog, absurd):
    usage = {"prompt_tokens": absurd, "completion_tokens": 50, "total_tokens": 1050}
    result = one_result(tmp_path, ok(usage=usage))
    assert isinstance(result, ArticleSummary), result  # not mistaken for a truncated prompt
    assert result.usage.model_dump() == {"prompt_tokens": 0, "completion_tokens": 50, "calls": 1}
    assert "cannot be a token count" in caplog.text


def test_the_tokens_of_an_answer_refused_for_a_truncated_prompt_are_counted(tmp_path):
    usage = {"prompt_tokens": 20, "completion_tokens": 50, "total_tokens": 70}
    result = one_result(tmp_path, ok(usage=usage))
    assert isinstance(result, ItemFailure) and "truncated" in result.error
    assert result.usage.model_dump() == {"prompt_tokens": 20, "completion_tokens": 50, "calls": 1}


@pytest.mark.parametrize(
    ("given", "summaries"), [("in", 3), ("in/**/*.json*", 1), ("in/*/*.json*", 0)]
)
def test_an_out_directory_inside_the_inputs_is_not_read_back(tmp_path, capsys, given, summaries):
    inputs = tmp_path / "in"
    write_articles(inputs, 2)
    (inputs / "c.json").write_text(json.dumps({"maintext": article(7)}), encoding="utf-8")
    out = inputs / "out"
    with concurrent_server([ok()]) as server:
        flags = run_flags(server.base_url, tmp_path / "cache.sqlite3")
        assert main(["run", str(inputs), "--out", str(out), *flags]) == 0
        capsys.readouterr()
        rerun = main(["run", str(tmp_path / given), "--out", str(out), *flags])
        requests = len(server.seen)
    assert requests == 3  # the rerun is served by the cache: no result was taken for an article
    lines = (out / "summaries.jsonl").read_text().splitlines()
    assert len(lines) == summaries
    if summaries:
        assert rerun == 0 and not (out / "errors.jsonl").exists()
    else:  # the pattern reaches only results: it matches no article
        assert rerun == 1 and "matches no supported files" in (out / "errors.jsonl").read_text()
