"""Shared fixtures: the cassette recorder and offline-safe settings.

Tests replay cassettes with record mode `none`: a missing or changed exchange fails, it never
calls out. `SUMMARIZER_RECORD=1` re-records against the embedded local model instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import vcr

ROOT = Path(__file__).resolve().parents[1]
CASSETTES = ROOT / "cassettes"
SEEDS = ROOT / "seeds"
RECORDING = os.environ.get("SUMMARIZER_RECORD") == "1"

# Headers that may carry a secret or identify an account: never written to a cassette.
SECRET_REQUEST_HEADERS = [
    "authorization",
    "api-key",
    "x-api-key",
    "openai-organization",
    "openai-project",
    "cookie",
    "proxy-authorization",
]
SECRET_RESPONSE_HEADERS = {"set-cookie", "openai-organization", "openai-project", "x-request-id"}

# The model name the cassettes were recorded with: it is part of every request body.
CASSETTE_MODEL = "qwen2.5-coder-1.5b-instruct-q4_k_m"


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in SECRET_RESPONSE_HEADERS:
            del headers[name]
    return response


def make_vcr() -> vcr.VCR:
    return vcr.VCR(
        cassette_library_dir=str(CASSETTES),
        record_mode="all" if RECORDING else "none",
        # The body is the prompt: without it every POST would match every other. Path, not the
        # full URI, because the embedded server listens on a different port each time.
        match_on=["method", "path", "body"],
        filter_headers=SECRET_REQUEST_HEADERS,
        before_record_response=_scrub_response,
        decode_compressed_response=True,
    )


@pytest.fixture(scope="session")
def recorder() -> vcr.VCR:
    return make_vcr()


@pytest.fixture(scope="session")
def model_base_url() -> Iterator[str]:
    """Where the model answers: the embedded server when recording, a dead address otherwise."""
    if not RECORDING:
        # Nothing listens here; replay never reaches the network, and a miss fails loudly.
        yield "http://127.0.0.1:9/v1"
        return
    from summarizer.llm.local_server import LocalServer
    from summarizer.llm.weights import default_model_path

    # SUMMARIZER_N_THREADS: record beside another job without oversubscribing the cores.
    threads = int(os.environ.get("SUMMARIZER_N_THREADS") or 0) or None
    with LocalServer(model_path=default_model_path(), n_threads=threads) as server:
        yield server.base_url
