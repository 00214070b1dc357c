"""Recorded cassettes hold no secrets and come from the local model, not from a hand."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from conftest import CASSETTE_MODEL, CASSETTES, SECRET_REQUEST_HEADERS, SECRET_RESPONSE_HEADERS

CASSETTE_FILES = sorted(CASSETTES.glob("*.yaml"))
SECRET_PATTERNS = [
    re.compile(r"sk-[A-Za-z0-9_-]{16,}"),  # OpenAI-style keys
    re.compile(r"Bearer\s+\S+", re.IGNORECASE),
    re.compile(r"\b(?:org|proj)-[A-Za-z0-9]{12,}\b"),
]


def interactions(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))["interactions"]


def test_there_is_a_cassette_per_seed():
    assert [p.name for p in CASSETTE_FILES if p.name.startswith("seed_")] == [
        f"seed_00{i}.yaml" for i in range(5)
    ]


@pytest.mark.parametrize("path", CASSETTE_FILES, ids=lambda p: p.name)
def test_no_secret_reaches_a_cassette(path):
    raw = path.read_text(encoding="utf-8")
    for pattern in SECRET_PATTERNS:
        assert not pattern.search(raw), f"{path.name}: {pattern.pattern}"
    for interaction in interactions(path):
        request_headers = {k.lower() for k in interaction["request"]["headers"]}
        assert not request_headers & set(SECRET_REQUEST_HEADERS)
        response_headers = {k.lower() for k in interaction["response"]["headers"]}
        assert not response_headers & SECRET_RESPONSE_HEADERS


@pytest.mark.parametrize("path", CASSETTE_FILES, ids=lambda p: p.name)
def test_cassettes_are_real_local_model_exchanges(path):
    for interaction in interactions(path):
        request = json.loads(interaction["request"]["body"])
        assert request["model"] == CASSETTE_MODEL
        assert request["response_format"]["type"] == "json_object"  # llama.cpp grammar mode
        response = json.loads(interaction["response"]["body"]["string"])
        # llama-cpp-python's server (uvicorn) answered, with real token counts and timing.
        assert interaction["response"]["headers"]["server"] == ["uvicorn"]
        assert int(interaction["response"]["headers"]["openai-processing-ms"][0]) > 1000
        assert response["id"].startswith("chatcmpl-")
        assert response["usage"]["prompt_tokens"] > 500
