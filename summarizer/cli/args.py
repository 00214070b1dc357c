"""The settings flags, derived from the one declaration in `summarizer.settings`."""

from __future__ import annotations

import argparse

from summarizer.settings import Settings, resolve_settings, setting_specs

__all__ = ["add_settings_flags", "settings_from"]


def add_settings_flags(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("model and settings (flag > SUMMARIZER_* env > config)")
    group.add_argument("--config", help="TOML config file")
    for spec in setting_specs():
        help_text = f"{spec.help} [env {spec.env}]"
        if spec.kind is bool:
            # A flag that flips the default (--refresh, --no-cache); absent: not given.
            action = "store_false" if spec.default else "store_true"
            group.add_argument(
                spec.flag, dest=spec.name, action=action, default=None, help=help_text
            )
        else:
            group.add_argument(
                spec.flag, dest=spec.name, type=spec.kind, choices=spec.choices, help=help_text
            )


def settings_from(args: argparse.Namespace) -> Settings:
    flags = {spec.name: getattr(args, spec.name, None) for spec in setting_specs()}
    return resolve_settings(flags, config_path=getattr(args, "config", None))
