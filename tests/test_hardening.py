"""Hardening: keys and secrets, runs that never end, work and money lost, misleading messages.

Each test stands for one item of the hardening issue and runs offline: fake endpoints on
127.0.0.1 (tests/fakes) and real filesystem conditions (FIFOs, symlink loops, small tmpfs mounts
that are full or read-only; skipped, saying why, where mounting is not permitted).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer import summarize_many
from summarizer.endpoint import api_key_for
from summarizer.settings import Settings, is_openai_url

from fakes.articles import ok, settings_for, write_articles
from fakes.routed import concurrent_server

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
    command = [sys.executable, "-m", "summarizer.cli", *args]
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
