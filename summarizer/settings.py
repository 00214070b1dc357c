"""Settings resolve here and only here, in one stated order:

    command-line flag  >  environment (SUMMARIZER_*)  >  config file (TOML)  >  default

The config file is `--config FILE`, else `$SUMMARIZER_CONFIG`, else `config.toml` in the user
config directory (`summarizer config path` prints it). `Settings.sources` records where each
value came from, so `summarizer config show` can explain it.

Keys are never stored here: only the *name* of the environment variable that holds one
(`api_key_env`). The key is read at the moment a client is built, for the endpoint it belongs to.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

import platformdirs

from summarizer.errors import ConfigError

StructuredMode = Literal["auto", "llamacpp", "json_schema", "strict", "json"]
STRUCTURED_MODES: tuple[str, ...] = ("auto", "llamacpp", "json_schema", "strict", "json")
OPENAI_HOST = "api.openai.com"
ENGINES: tuple[str, ...] = ("local", "ray")
RAY_NEEDS_BASE_URL = (
    "--engine ray needs --base-url: the embedded llama.cpp server runs on one machine; "
    "point the cluster at an OpenAI-compatible endpoint (vLLM, a cloud API) with "
    "--base-url URL --model NAME"
)


@dataclass(frozen=True)
class Settings:
    base_url: str | None = None  # None: the embedded local model
    model: str | None = None  # None: the embedded model's name
    api_key_env: str | None = None  # name of the env var with the key for base_url
    model_path: str | None = None  # a GGUF for the embedded server (default: installed model)
    structured: str = "auto"  # how structured output is requested; auto picks by endpoint
    temperature: float = 0.0
    max_tokens: int = 1536
    seed: int | None = 0
    max_reasks: int = 1  # schema re-asks (invalid JSON), a budget of its own
    grounding_reasks: int = 1  # targeted re-asks for items the validator cannot ground
    passes: int = 1  # extraction passes per chunk; 2 asks once more for what the first left out
    keep_unsupported: bool = False  # keep rejected items in place, marked, instead of removing
    transport_retries: int = 3  # retries on connection errors, 408/409/429/5xx (one layer)
    backoff_base: float = 1.0  # seconds before the first transport retry; doubles, with jitter
    connect_timeout: float = 10.0
    read_timeout: float | None = None  # None: 900 s for the embedded server, 300 s otherwise
    n_ctx: int = 8192  # context of the embedded server; also sizes the article chunks
    n_threads: int | None = None
    chunk_chars: int | None = None  # None: derived from n_ctx and max_tokens
    cache_path: str | None = None  # None: cache.sqlite3 in the user cache directory
    use_cache: bool = True
    refresh: bool = False  # ignore cached results (and overwrite them)
    max_bytes: int = 5_000_000
    concurrency: int | None = None  # requests in flight; None: 1 embedded, 8 OpenAI, 4 others
    processes: int | None = None  # worker processes (remote endpoints); None: 1 per 8 in flight
    engine: str = "local"  # "local": this machine's threads/processes; "ray": Ray Data
    ray_address: str | None = None  # None: start Ray on this machine; "auto", "ray://host:port"
    sources: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def embedded(self) -> bool:
        return self.base_url is None

    @property
    def endpoint_id(self) -> str:
        """Identity of the endpoint in cache keys; the embedded server's port is irrelevant."""
        return "embedded" if self.base_url is None else self.base_url.rstrip("/")

    @property
    def structured_mode(self) -> str:
        if self.structured != "auto":
            return self.structured
        if self.base_url is None:
            return "llamacpp"
        if OPENAI_HOST in self.base_url:
            return "strict"
        return "json_schema"

    def resolved_cache_path(self) -> Path:
        if self.cache_path:
            return Path(self.cache_path).expanduser()
        return Path(platformdirs.user_cache_dir("summarizer")) / "cache.sqlite3"

    def resolved_concurrency(self) -> int:
        if self.concurrency:
            return self.concurrency
        if self.base_url is None:
            return 1  # llama.cpp's server answers one request at a time
        return 8 if OPENAI_HOST in self.base_url else 4

    def resolved_processes(self, pending: int, cpus: int) -> int:
        """Worker processes for `pending` articles (see summarizer.workers).

        A request costs the client milliseconds of CPU, and the threads of one process take
        turns on one interpreter lock: past ~8 requests in flight, answers wait for each other
        there even with a core idle (bench/batch_speed.py, 32 in flight on 2 CPUs: 1.55x the
        ideal time with 1 process, 1.34x with 2, 1.25x with 3, 1.24x with 4). So by default: one
        process per 8 requests in flight, at most two per CPU, and only for more than one wave
        of articles. The embedded server answers one request at a time: always one process.
        """
        if self.embedded:
            return 1
        if self.processes:
            return self.processes
        concurrency = self.resolved_concurrency()
        if pending <= concurrency:
            return 1
        return max(1, min(2 * cpus, concurrency // 8))

    def resolved_read_timeout(self) -> float:
        if self.read_timeout:
            return self.read_timeout
        # The embedded server shares the machine's CPU: a long article with a long answer can
        # take several minutes on 2 busy cores, and giving up early wastes all of it.
        return 900.0 if self.embedded else 300.0

    def resolved_chunk_chars(self) -> int:
        if self.chunk_chars:
            return self.chunk_chars
        # Room left for the article after the answer and the instructions (~900 tokens), at a
        # conservative 3.2 characters per token for English news text.
        budget_tokens = max(self.n_ctx - self.max_tokens - 900, 1000)
        return int(budget_tokens * 3.2)


_FIELD_TYPES: dict[str, type] = {
    "temperature": float,
    "backoff_base": float,
    "connect_timeout": float,
    "read_timeout": float,
    "max_tokens": int,
    "seed": int,
    "max_reasks": int,
    "grounding_reasks": int,
    "passes": int,
    "keep_unsupported": bool,
    "transport_retries": int,
    "n_ctx": int,
    "n_threads": int,
    "chunk_chars": int,
    "max_bytes": int,
    "concurrency": int,
    "processes": int,
    "use_cache": bool,
    "refresh": bool,
}
SETTING_NAMES = tuple(f.name for f in fields(Settings) if f.name != "sources")


def env_name(setting: str) -> str:
    return "SUMMARIZER_" + setting.upper()


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir("summarizer")) / "config.toml"


def resolve_settings(
    flags: Mapping[str, Any] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    config_path: str | Path | None = None,
) -> Settings:
    """Build Settings from flags > environment > config file > defaults."""
    environ = os.environ if environ is None else environ
    flags = {k: v for k, v in (flags or {}).items() if v is not None}
    config_file = _config_file(config_path, environ)
    layers: list[tuple[str, Mapping[str, Any]]] = [
        (f"config file {config_file}", _read_config(config_file) if config_file else {}),
        ("environment", _from_environ(environ)),
        ("flag", flags),
    ]
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for origin, layer in layers:
        for name, raw in layer.items():
            if name not in SETTING_NAMES:
                known = ", ".join(SETTING_NAMES)
                raise ConfigError(f"unknown setting {name!r} in {origin}; known: {known}")
            values[name] = _coerce(name, raw, origin)
            sources[name] = origin
    settings = Settings(**values, sources=sources)
    _check(settings)
    return settings


def with_overrides(settings: Settings, **changes: Any) -> Settings:
    return replace(settings, **changes)


def _config_file(explicit: str | Path | None, environ: Mapping[str, str]) -> Path | None:
    if explicit:
        path = Path(explicit).expanduser()
        if not path.is_file():
            raise ConfigError(f"config file {path} does not exist; create it or drop --config")
        return path
    if environ.get("SUMMARIZER_CONFIG"):
        path = Path(environ["SUMMARIZER_CONFIG"]).expanduser()
        if not path.is_file():
            raise ConfigError(f"SUMMARIZER_CONFIG points to {path}, which does not exist")
        return path
    path = default_config_path()
    return path if path.is_file() else None


def _read_config(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from exc
    # Both a flat file and a [summarizer] table are accepted.
    table = data.get("summarizer", data)
    if not isinstance(table, dict):
        raise ConfigError(f"config file {path}: [summarizer] must be a table")
    return {k.replace("-", "_"): v for k, v in table.items()}


def _from_environ(environ: Mapping[str, str]) -> dict[str, str]:
    return {name: environ[env_name(name)] for name in SETTING_NAMES if environ.get(env_name(name))}


def _coerce(name: str, raw: Any, origin: str) -> Any:
    kind = _FIELD_TYPES.get(name, str)
    try:
        if kind is bool:
            return _parse_bool(raw)
        if kind is str:
            return str(raw)
        if isinstance(raw, bool):  # TOML `true` is not a number
            raise ValueError(raw)
        return kind(raw)
    except (TypeError, ValueError) as exc:
        hint = env_name(name) if origin == "environment" else name
        raise ConfigError(f"{hint}={raw!r} from {origin} is not a valid {kind.__name__}") from exc


def _parse_bool(raw: Any) -> bool:
    text = str(raw).strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off"}:
        return False
    raise ValueError(raw)


def _check(settings: Settings) -> None:
    if settings.structured not in STRUCTURED_MODES:
        raise ConfigError(
            f"structured={settings.structured!r} is not one of {', '.join(STRUCTURED_MODES)}"
        )
    if settings.base_url is not None and not settings.model:
        raise ConfigError(
            "a --base-url needs a model name: pass --model NAME or set SUMMARIZER_MODEL"
        )
    if settings.base_url is not None and not settings.base_url.startswith(("http://", "https://")):
        raise ConfigError(f"--base-url {settings.base_url!r} must start with http:// or https://")
    if settings.processes is not None and settings.processes < 1:
        raise ConfigError(f"processes={settings.processes} must be 1 or more")
    if settings.processes and settings.processes > 1 and settings.base_url is None:
        raise ConfigError(
            "--processes needs a --base-url: the embedded server answers one request at a time"
        )
    if settings.engine not in ENGINES:
        raise ConfigError(f"engine={settings.engine!r} is not one of {', '.join(ENGINES)}")
    if settings.engine == "ray" and settings.base_url is None:
        raise ConfigError(RAY_NEEDS_BASE_URL)
    if settings.ray_address is not None and settings.engine != "ray":
        raise ConfigError("--ray-address needs --engine ray")
    if not 1 <= settings.passes <= 3:
        raise ConfigError(
            f"passes={settings.passes} must be 1, 2 or 3 (extraction passes per chunk)"
        )
    if settings.max_tokens < 256:
        raise ConfigError("max_tokens below 256 cannot hold a summary; raise --max-tokens")
