"""The embedded server's knobs, measured on recorded requests: faster, and the same answers?

    .venv/bin/python bench/server_knobs.py [--cassette cassettes/focused_seed_002.yaml]
        [--configs threads2,threads1,lookup,flash] [--runs 1]

Each configuration starts a fresh llama.cpp server, replays every request of the cassette (the
real prompts the pipeline sent), and times it. An answer counts as the same when its message
content is byte for byte the recorded one, and the first configuration's answer in the same run
(the project's default, threads2, goes first: a recording made with other settings may differ
without any knob at fault). Only a knob that is faster with identical answers belongs in the
defaults.
Figures: bench/results/server_knobs.json. Needs `bash scripts/setup.sh` (the model).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import httpx2
import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from summarizer.llm.local_server import LocalServer, usable_cpus  # noqa: E402
from summarizer.llm.weights import default_model_path  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "server_knobs.json"
BASE = [sys.executable, "-m", "llama_cpp.server", "--model", "{model}", "--host", "{host}",
        "--port", "{port}", "--n_ctx", "8192"]  # fmt: skip
CONFIGS: dict[str, list[str]] = {
    "threads2": ["--n_threads", str(usable_cpus())],  # this project's default
    "threads1": ["--n_threads", "1"],  # llama-cpp-python's default on 2 cores (cores / 2)
    "lookup": [
        "--n_threads", str(usable_cpus()),
        "--draft_model", "prompt-lookup-decoding", "--draft_model_num_pred_tokens", "10",
    ],
    "flash": ["--n_threads", str(usable_cpus()), "--flash_attn", "true"],
}


def recorded(cassette: Path) -> list[tuple[dict[str, Any], str]]:
    """(request body, recorded answer content) for every chat completion in the cassette."""
    data = yaml.safe_load(cassette.read_text(encoding="utf-8"))
    pairs = []
    for interaction in data["interactions"]:
        body = json.loads(interaction["request"]["body"])
        answer = json.loads(interaction["response"]["body"]["string"])
        pairs.append((body, answer["choices"][0]["message"]["content"]))
    return pairs


def replay(
    config: list[str], pairs: list[tuple[dict[str, Any], str]], baseline: list[str] | None
) -> tuple[dict[str, Any], list[str]]:
    """Figures, and the answers given (the first configuration's are the baseline of the rest:
    a recording made with other settings may differ in a token without any knob at fault)."""
    answers: list[str] = []
    with LocalServer(model_path=default_model_path(), command=BASE + config) as server:
        url = server.base_url + "/chat/completions"
        seconds, tokens = 0.0, 0
        with httpx2.Client(timeout=1800) as client:
            for body, _ in pairs:
                started = time.perf_counter()
                answer = client.post(url, json=body).json()
                seconds += time.perf_counter() - started
                answers.append(answer["choices"][0]["message"]["content"])
                tokens += answer.get("usage", {}).get("completion_tokens", 0)
    return {
        "seconds": round(seconds, 1),
        "same_as_recorded": sum(a == r for a, (_, r) in zip(answers, pairs, strict=True)),
        "same_as_first_config": (
            sum(a == b for a, b in zip(answers, baseline, strict=True)) if baseline else None
        ),
        "requests": len(pairs),
        "completion_tokens": tokens,
    }, answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cassette", type=Path, default=ROOT / "cassettes" / "seed_003.yaml")
    parser.add_argument("--configs", default=",".join(CONFIGS))
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    pairs = recorded(args.cassette)
    results: dict[str, list[dict[str, Any]]] = {}
    baseline: list[str] | None = None
    for name in args.configs.split(","):
        for run in range(args.runs):
            figures, answers = replay(CONFIGS[name], pairs, baseline)
            baseline = baseline or answers
            results.setdefault(name, []).append(figures)
            print(f"{name} run {run + 1}: {figures}", flush=True)
    report = {"cassette": args.cassette.name, "cpus": usable_cpus(), "configs": results}
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
