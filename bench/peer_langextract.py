"""LangExtract side of bench/peer_compare.py. Runs INSIDE the peer venv, never in the package's.

    /work/tmp/peer-venv/bin/python bench/peer_langextract.py      # driven by peer_compare.py

It imports nothing from `summarizer` (the peer venv does not have it). Protocol: one JSON job
per line on stdin, one JSON result per line on stdout (logs go to stderr). A job:

    {"id": "seed_000", "text": "...", "additional_context": "Title: ...",   # or null
     "base_url": "http://127.0.0.1:PORT/v1", "model_id": "...",
     "prompt_description": "...", "example": {"text": "...", "extractions": [
         {"class": "participant", "text": "Eva Lund", "attributes": {...}}, ...]},
     "max_char_buffer": 1000, "max_output_tokens": 1536, "seed": 0, "temperature": 0.0,
     "schema": null}                        # or a JSON schema sent as llama.cpp's json_object

The result: {"id", "seconds" (wall time of lx.extract only), "extractions": [{"class", "text",
"attributes", "start", "end", "alignment"}], "error": null | "..."}. A line {"cmd": "versions"}
answers with the versions of langextract and openai; {"cmd": "quit"} ends the process.

How LangExtract is pointed at the llama.cpp server: its OpenAI provider
(`OpenAILanguageModel`) chosen explicitly through `ModelConfig(provider=...)` (a model id
starting with "qwen" would otherwise route to the Ollama provider), with `base_url` set to the
server. `use_schema_constraints=False`: with constraints on, the provider sends OpenAI's
`response_format: {"type": "json_schema", ...}`, which llama-cpp-python's server does not accept
(it takes `json_object`, optionally with a `schema`); without them the provider sends
`{"type": "json_object"}` (generic JSON grammar) and expects raw JSON, so `fence_output=False`.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from importlib.metadata import version
from typing import Any

import langextract as lx
from langextract import factory
from langextract.core import data


def example_data(spec: dict[str, Any]) -> data.ExampleData:
    return data.ExampleData(
        text=spec["text"],
        extractions=[
            data.Extraction(
                extraction_class=e["class"],
                extraction_text=e["text"],
                attributes=e.get("attributes") or None,
            )
            for e in spec["extractions"]
        ],
    )


def run_job(job: dict[str, Any]) -> dict[str, Any]:
    provider_kwargs: dict[str, Any] = {
        "api_key": "no-key",  # llama.cpp's server needs none; the provider insists on one
        "base_url": job["base_url"],
        "temperature": job.get("temperature", 0.0),
        "max_output_tokens": job.get("max_output_tokens", 1536),
    }
    if job.get("seed") is not None:
        provider_kwargs["seed"] = job["seed"]
    if job.get("max_workers") is not None:
        provider_kwargs["max_workers"] = job["max_workers"]
    if job.get("schema") is not None:
        # Variant: the same grammar-constrained decoding our tool uses (llama.cpp json_object
        # with a schema), with the schema LangExtract itself derives from the examples.
        provider_kwargs["response_format"] = {"type": "json_object", "schema": job["schema"]}
    config = factory.ModelConfig(
        model_id=job["model_id"], provider="OpenAILanguageModel", provider_kwargs=provider_kwargs
    )
    examples = [example_data(job["example"])]
    started = time.perf_counter()
    try:
        result = lx.extract(
            job["text"],
            prompt_description=job["prompt_description"],
            examples=examples,
            config=config,
            use_schema_constraints=False,
            fence_output=False,
            max_char_buffer=job.get("max_char_buffer", 1000),
            additional_context=job.get("additional_context"),
            show_progress=False,
        )
    except Exception as exc:
        return {
            "id": job["id"],
            "seconds": round(time.perf_counter() - started, 3),
            "extractions": [],
            "error": f"{type(exc).__name__}: {exc}"[:500],
            "traceback": traceback.format_exc()[-2000:],
        }
    seconds = time.perf_counter() - started
    out = []
    for e in result.extractions or []:
        ci = e.char_interval
        out.append(
            {
                "class": e.extraction_class,
                "text": e.extraction_text,
                "attributes": e.attributes or {},
                "start": ci.start_pos if ci is not None else None,
                "end": ci.end_pos if ci is not None else None,
                "alignment": e.alignment_status.value if e.alignment_status else None,
            }
        )
    return {"id": job["id"], "seconds": round(seconds, 3), "extractions": out, "error": None}


def schema_for(job: dict[str, Any]) -> dict[str, Any]:
    """LangExtract's own example-derived JSON schema (what use_schema_constraints would send)."""
    from langextract.providers.schemas.openai import OpenAISchema

    return OpenAISchema.from_examples([example_data(job["example"])]).schema_dict


def main() -> None:
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        cmd = job.get("cmd")
        if cmd == "quit":
            break
        if cmd == "versions":
            reply: dict[str, Any] = {
                "langextract": version("langextract"),
                "openai": version("openai"),
                "python": sys.version.split()[0],
            }
        elif cmd == "schema":
            reply = {"schema": schema_for(job)}
        else:
            reply = run_job(job)
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
