"""Generate `schemas/*.json` from the Pydantic models (the models are the source of truth)."""

from __future__ import annotations

import json
from pathlib import Path

from summarizer.models import CONTRACT_MODELS


def render_schemas() -> dict[str, str]:
    """File name -> JSON text, exactly as written to `schemas/`."""
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(), indent=2, sort_keys=True)
        + "\n"
        for name, model in CONTRACT_MODELS.items()
    }


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
