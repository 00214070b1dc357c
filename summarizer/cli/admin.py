"""`summarizer model|config|schema`: the embedded model, the resolved settings, the contract."""

from __future__ import annotations

import argparse
import json
import sys

from summarizer.cli.args import settings_from
from summarizer.settings import SETTING_NAMES, env_name, redact_url


def cmd_model_install(args: argparse.Namespace) -> int:
    from summarizer.llm.weights import install_model

    path = install_model(force=args.force, progress=lambda m: print(m, file=sys.stderr))
    print(path)
    return 0


def cmd_model_path(_args: argparse.Namespace) -> int:
    from summarizer.llm.weights import default_model_path, is_installed

    path = default_model_path()
    print(path if is_installed(path) else f"{path} (not installed: run `summarizer model install`)")
    return 0


def cmd_config_show(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    for name in SETTING_NAMES:
        origin = settings.sources.get(name, "default")
        value = getattr(settings, name)
        if name == "base_url":
            value = redact_url(value)  # a user:password@ in it is never printed
        print(f"{name} = {value!r}  ({origin}; env {env_name(name)})")
    print(f"# structured output used: {settings.structured_mode}")
    print(f"# cache file: {settings.resolved_cache_path()}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from summarizer.schema_export import render_schemas, write_schemas

    if args.write:
        for path in write_schemas(args.write):
            print(path)
    else:
        print(json.dumps({k: json.loads(v) for k, v in render_schemas().items()}, indent=2))
    return 0
