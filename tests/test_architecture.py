"""The guarantees of the package's structure (docs/architecture.md):

- `import summarizer` is cheap and inert: it loads no model client, no HTML extractor, and leaves
  the environment alone;
- every setting is declared once (summarizer/settings.py) and so has a CLI flag, an environment
  variable and a config-file key;
- failures carry stable codes taken from the error classes, and the CLI exits with a stated code
  per class;
- the layer contract of pyproject.toml ([tool.importlinter]) holds: `lint-imports` passes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from summarizer import errors
from summarizer.cli.main import main
from summarizer.engine.batch import summarize_item
from summarizer.errors import ConfigError, InputError, SummarizerError
from summarizer.ingest import Document
from summarizer.models import ItemFailure
from summarizer.settings import Settings, SettingSpec, resolve_settings, setting_specs

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("openai", "instructor", "trafilatura", "lxml", "httpx2", "ray", "pyarrow")

# The stated table: error class -> (ItemFailure.kind, CLI exit code). README lists the exit codes.
ERROR_TABLE = {
    "ConfigError": ("config", 2),
    "ModelUnavailableError": ("modelunavailable", 3),
    "InputError": ("input", 4),
    "ExtractionError": ("extraction", 5),
    "CacheError": ("cache", 6),
    "OutputError": ("output", 7),
    "WorkerError": ("worker", 8),
}


def run_python(code: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
        check=False,
    )


# --------------------------------------------------------------------------- import summarizer

IMPORT_PROBE = """
import json, os, sys
before = dict(os.environ)
import summarizer
summarizer.__version__, summarizer.__all__
print(json.dumps({
    "loaded": sorted({name.split(".")[0] for name in sys.modules}),
    "environ_unchanged": dict(os.environ) == before,
}))
"""


# A clean environment for the probe: this process imported summarizer already, so anything an
# import wrongly sets would be inherited and look unchanged. Variables a client library might
# read or rewrite are given, to see that they stay as they are.
PROBE_ENV = {
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    "HOME": os.environ.get("HOME", "/tmp"),
    "LANG": "C.UTF-8",
    "OPENAI_API_KEY": "sk-sentinel",
    "OPENAI_BASE_URL": "http://127.0.0.1:9/v1",
    "SUMMARIZER_MODEL": "sentinel",
    "NO_PROXY": "sentinel",
}


@pytest.fixture(scope="module")
def after_import() -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=PROBE_ENV,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("module", HEAVY)
def test_import_summarizer_loads_no_heavy_dependency(after_import, module):
    assert module not in after_import["loaded"], f"`import summarizer` loaded {module}"


def test_import_summarizer_leaves_the_environment_unchanged(after_import):
    assert after_import["environ_unchanged"]


def test_the_public_names_still_load_on_first_use():
    done = run_python(
        "import summarizer; print(summarizer.ConfigError.code, summarizer.Settings().model)"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["config", "None"]


# --------------------------------------------------------------------------- settings


def sample(spec: SettingSpec) -> Any:
    """A valid value of the setting that is not its default, where one exists."""
    values = {
        "base_url": "http://127.0.0.1:9/v1",
        "api_key_env": "MY_ENDPOINT_KEY",  # a variable's name (anything else is refused)
        "grounding_reasks": 0,
        "passes": 2,
        "max_tokens": 2048,
        "processes": 1,
        "ray_address": "auto",
    }
    if spec.name in values:
        return values[spec.name]
    if spec.choices:
        return next(choice for choice in spec.choices if choice != spec.default)
    if spec.kind is bool:
        return not spec.default
    if spec.kind is str:
        return "value-" + spec.name
    if spec.kind is int:
        return (spec.default or 0) + 7
    return (spec.default or 0.0) + 2.5


def alongside(spec: SettingSpec) -> dict[str, Any]:
    """Other settings a sample value needs to be valid (a --base-url needs a --model, the Ray
    engine needs a --base-url, a --ray-address needs the Ray engine)."""
    endpoint = {"base_url": "http://127.0.0.1:9/v1", "model": "m"}
    needs = {
        "base_url": {"model": "m"},
        "engine": endpoint,
        "ray_address": {"engine": "ray", **endpoint},
    }
    return needs.get(spec.name, {})


SPECS = setting_specs()


def test_settings_are_declared_once_and_every_field_is_a_setting():
    declared = {name for name in Settings.__dataclass_fields__ if name != "sources"}
    assert {spec.name for spec in SPECS} == declared
    assert len({spec.flag for spec in SPECS}) == len(SPECS)


@pytest.fixture(scope="module")
def run_help() -> str:
    done = run_python(
        "import sys; from summarizer.cli.main import main; sys.exit(main())",
        "run",
        "--help",
        COLUMNS="200",
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_every_setting_has_a_flag_in_run_help(run_help, spec):
    assert spec.flag.startswith("--")
    flat = " ".join(run_help.split())  # argparse wraps long help lines
    assert f" {spec.flag} " in f" {flat} ", spec.flag
    assert f"[env {spec.env}]" in flat


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_every_setting_is_read_from_its_environment_variable(spec, tmp_path):
    value = sample(spec)
    assert spec.env == "SUMMARIZER_" + spec.name.upper()
    environ = {spec.env: str(value).lower() if spec.kind is bool else str(value)}
    environ.update({f"SUMMARIZER_{k.upper()}": v for k, v in alongside(spec).items()})
    settings = resolve_settings(environ=environ, config_path=_toml(tmp_path, ""))
    assert getattr(settings, spec.name) == value
    assert settings.sources[spec.name] == "environment"


@pytest.mark.parametrize("table", [False, True], ids=["flat", "summarizer-table"])
@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_every_setting_is_accepted_from_a_toml_config_file(spec, table, tmp_path):
    value = sample(spec)
    entries = {spec.name: value, **alongside(spec)}
    lines = ["[summarizer]"] if table else []
    lines += [f"{key} = {json.dumps(v)}" for key, v in entries.items()]
    config = tmp_path / "config.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = resolve_settings(environ={}, config_path=config)
    assert getattr(settings, spec.name) == value
    assert settings.sources[spec.name] == f"config file {config}"


@pytest.mark.parametrize(
    "layer",
    [
        lambda tmp: {"flags": {"grounding_reasks": 2}},
        lambda tmp: {"environ": {"SUMMARIZER_GROUNDING_REASKS": "2"}},
        lambda tmp: {"config_path": _toml(tmp, "grounding_reasks = 2\n")},
    ],
    ids=["flag", "environment", "config"],
)
def test_grounding_reasks_2_is_a_config_error(layer, tmp_path):
    empty = _toml(tmp_path, "", "empty.toml")  # no user config file gets in the way
    given = {"environ": {}, "config_path": empty, **layer(tmp_path)}
    with pytest.raises(ConfigError, match="grounding_reasks=2"):
        resolve_settings(given.pop("flags", None), **given)


def test_grounding_reasks_2_on_the_command_line_exits_2(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(_toml(tmp_path, "")))
    article = tmp_path / "a.txt"
    article.write_text("Text.", encoding="utf-8")
    code = main(["run", str(article), "--out", str(tmp_path / "o"), "--grounding-reasks", "2"])
    assert code == 2
    assert "grounding_reasks=2" in capsys.readouterr().err


def _toml(folder: Path, text: str, name: str = "config.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- errors


def error_classes() -> dict[str, type[SummarizerError]]:
    return {name: getattr(errors, name) for name in errors.__all__ if name != "SummarizerError"}


def test_the_error_codes_and_exit_codes_are_exactly_the_stated_table():
    found = {name: (cls.code, cls.exit_code) for name, cls in error_classes().items()}
    assert found == ERROR_TABLE
    assert all(issubclass(cls, SummarizerError) for cls in error_classes().values())
    codes = [code for code, _ in ERROR_TABLE.values()]
    exits = [exit_code for _, exit_code in ERROR_TABLE.values()]
    assert len(set(codes)) == len(codes) and len(set(exits)) == len(exits)


class _Failing:
    """A session whose every article fails with one error."""

    def __init__(self, error: SummarizerError) -> None:
        self.error = error

    def summarize_document(self, doc: Document, use_cache_lookup: bool) -> Any:
        raise self.error


@pytest.mark.parametrize("name", sorted(set(ERROR_TABLE) - {"ConfigError"}))
def test_an_item_failure_kind_is_the_code_of_its_error_class(name):
    cls = error_classes()[name]
    doc = Document(id="d", text="text", path="a.txt")
    failure = summarize_item(_Failing(cls("it broke")), doc)  # type: ignore[arg-type]
    assert isinstance(failure, ItemFailure)
    assert failure.kind == cls.code == ERROR_TABLE[name][0]


def test_a_config_error_stops_the_batch_instead_of_failing_one_item():
    doc = Document(id="d", text="text", path="a.txt")
    with pytest.raises(ConfigError):
        summarize_item(_Failing(ConfigError("bad settings")), doc)  # type: ignore[arg-type]


def test_an_unreadable_input_fails_with_the_input_error_code(tmp_path):
    from summarizer import summarize_many

    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    flags = {"base_url": "http://127.0.0.1:9/v1", "model": "m", "use_cache": False}
    settings = resolve_settings(flags, environ={}, config_path=_toml(tmp_path, ""))
    [failure] = summarize_many([empty], settings=settings)
    assert isinstance(failure, ItemFailure) and failure.kind == InputError.code


@pytest.mark.parametrize("name", sorted(ERROR_TABLE))
def test_the_cli_exits_with_the_exit_code_of_the_error_class(name, monkeypatch, capsys):
    import argparse
    import importlib

    cli = importlib.import_module("summarizer.cli.main")  # the package re-exports main()
    cls = error_classes()[name]

    def fail(args: argparse.Namespace) -> int:
        raise cls("it broke")

    def parser() -> argparse.ArgumentParser:
        found = argparse.ArgumentParser()
        found.add_argument("--verbose", action="store_true")
        found.set_defaults(handler=fail)
        return found

    monkeypatch.setattr(cli, "_parser", parser)
    assert main([]) == ERROR_TABLE[name][1]
    assert "it broke" in capsys.readouterr().err


# --------------------------------------------------------------------------- layers


def test_the_import_layer_contract_holds():
    linter = Path(sys.executable).with_name("lint-imports")
    assert linter.exists(), "import-linter is missing: pip install -e '.[dev]'"
    done = subprocess.run(
        [str(linter), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout
