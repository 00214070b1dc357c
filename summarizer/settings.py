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
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal, get_args, get_type_hints
from urllib.parse import urlsplit, urlunsplit

import platformdirs

from summarizer.errors import ConfigError

StructuredMode = Literal["auto", "llamacpp", "json_schema", "strict", "json"]
STRUCTURED_MODES: tuple[str, ...] = ("auto", "llamacpp", "json_schema", "strict", "json")
STRATEGIES: tuple[str, ...] = ("auto", "single", "focused")
OPENAI_HOST = "api.openai.com"
ENGINES: tuple[str, ...] = ("local", "ray")
RAY_NEEDS_BASE_URL = (
    "--engine ray needs --base-url: the embedded llama.cpp server runs on one machine; "
    "point the cluster at an OpenAI-compatible endpoint (vLLM, a cloud API) with "
    "--base-url URL --model NAME"
)

# An environment variable's name; anything else given as api_key_env is a mistake (often the key).
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,127}")
# Prefixes of common API keys and tokens (case matters: variable names are usually upper case).
_KEY_PREFIXES = re.compile(
    r"^(?:(?:sk|pk|rk|hf|gsk|ghp|gho|ghs|ghu|github_pat|xox[abprs]|glpat)[-_]|AKIA|AIza)"
)


def is_openai_url(url: str | None) -> bool:
    """True only for https://api.openai.com[:443]/...: parsed scheme and host, never a substring."""
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # a malformed host or port is nobody's, least of all OpenAI's
        return False
    return parts.scheme.lower() == "https" and parts.hostname == OPENAI_HOST and port in (None, 443)


def split_userinfo(url: str) -> tuple[str, str | None, str | None]:
    """(the URL without `user:password@`, user, password): credentials never travel in a URL."""
    try:
        parts = urlsplit(url)
        user, password = parts.username, parts.password
    except ValueError:
        return url, None, None
    if "@" not in parts.netloc:
        return url, None, None
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=host)), user, password


def redact_url(url: str | None) -> str | None:
    """The URL as it may be shown or recorded: without any `user:password@`."""
    if url is None:
        return None
    bare = split_userinfo(url)[0]
    # Unparseable text: drop anything between "//" and an "@" all the same.
    return re.sub(r"//[^/?#\s]*@", "//", bare)


def looks_like_key(value: str) -> bool:
    """A value that may be a secret (an API key, a token) rather than a variable's name."""
    value = value.strip()
    if _KEY_PREFIXES.match(value) and len(value) >= 16:
        return True
    if len(value) >= 40:
        return True
    # Variable names are words joined by "_"; a long run of letters and digits is a token.
    return (
        len(value) >= 16
        and "_" not in value
        and any(c.isdigit() for c in value)
        and any(c.isalpha() for c in value)
    )


def describe_key_env(value: str) -> str:
    """How an api_key_env value may be shown in a message: never a value that looks like a key."""
    if looks_like_key(value) or not _ENV_NAME.fullmatch(value):
        return "a value that is not a variable name (not shown: it may be the key itself)"
    return value


def _setting(default: Any, help: str, *, flag: str | None = None, **extra: Any) -> Any:
    """One setting's declaration: its default and help; the env name, the config key and the CLI
    flag derive from the field name (`flag` overrides the flag where the name reads badly)."""
    return field(default=default, metadata={"help": help, "flag": flag, **extra})


@dataclass(frozen=True)
class Settings:
    base_url: str | None = _setting(
        None, "OpenAI-compatible endpoint; unset: the embedded local model"
    )
    model: str | None = _setting(None, "model name at that endpoint (default: the embedded one)")
    api_key_env: str | None = _setting(
        None, "name of the environment variable holding the key for --base-url"
    )
    model_path: str | None = _setting(None, "a GGUF file for the embedded server")
    structured: str = _setting(
        "auto", "how structured output is requested (auto: by endpoint)", choices=STRUCTURED_MODES
    )
    strategy: str = _setting(
        "auto",
        "extraction strategy: single (one call fills every field), focused (short questions "
        "over one cached article, evidence by sentence number); auto: by endpoint",
        choices=STRATEGIES,
    )
    temperature: float = _setting(0.0, "sampling temperature")
    max_tokens: int = _setting(1536, "answer token limit per call")
    seed: int | None = _setting(0, "sampling seed sent with each request")
    max_reasks: int = _setting(1, "schema re-asks per call (invalid JSON), a budget of its own")
    grounding_reasks: int = _setting(
        1, "targeted re-ask for items the validator cannot ground: 1 (on) or 0 (off)"
    )
    passes: int = _setting(
        1, "extraction passes per chunk (2: ask once more for items the first pass missed)"
    )
    keep_unsupported: bool = _setting(
        False, "keep items the text does not support, marked, instead of removing them"
    )
    transport_retries: int = _setting(
        3, "retries on connection errors, 408/409/429/5xx (one layer)"
    )
    backoff_base: float = _setting(
        1.0, "seconds before the first transport retry; doubles, with jitter"
    )
    connect_timeout: float = _setting(10.0, "seconds to connect to the endpoint")
    read_timeout: float | None = _setting(
        None, "seconds to wait for each read of an answer (default: 900 embedded, 300 otherwise)"
    )
    request_deadline: float | None = _setting(
        None, "overall seconds per request, however slowly it answers (default: 2x read timeout)"
    )
    n_ctx: int = _setting(8192, "context of the embedded server; also sizes the article chunks")
    n_threads: int | None = _setting(None, "generation threads of the embedded server")
    chunk_chars: int | None = _setting(
        None, "article chunk size in characters (default: from n_ctx and max_tokens)"
    )
    cache_path: str | None = _setting(
        None, "SQLite result cache (default: cache.sqlite3 in the user cache dir)", flag="--cache"
    )
    use_cache: bool = _setting(True, "skip the result cache (on by default)", flag="--no-cache")
    refresh: bool = _setting(False, "ignore cached results (and overwrite them)")
    max_bytes: int = _setting(5_000_000, "largest input file accepted, in bytes")
    concurrency: int | None = _setting(
        None, "requests in flight (default: 1 embedded, 8 OpenAI, 4 others)"
    )
    processes: int | None = _setting(
        None, "worker processes sharing those requests (remote endpoints; default: 1 per 8)"
    )
    engine: str = _setting(
        "local",
        "where `run` summarizes: local (this machine's threads and processes) or ray (Ray Data, "
        "on a cluster; needs --base-url and the ray extra)",
        choices=ENGINES,
    )
    ray_address: str | None = _setting(
        None,
        "Ray cluster to join with --engine ray (auto, ray://host:port); default: start Ray on "
        "this machine",
    )
    sources: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def embedded(self) -> bool:
        return self.base_url is None

    @property
    def endpoint_id(self) -> str:
        """Identity of the endpoint in cache keys; the embedded server's port is irrelevant."""
        if self.base_url is None:
            return "embedded"
        # Recorded in every result and shown to users: never with a user:password@ in it.
        return (redact_url(self.base_url) or "").rstrip("/")

    @property
    def structured_mode(self) -> str:
        if self.structured != "auto":
            return self.structured
        if self.base_url is None:
            return "llamacpp"
        if is_openai_url(self.base_url):
            return "strict"
        return "json_schema"

    @property
    def resolved_strategy(self) -> str:
        """auto: focused on the embedded model, where it was measured better (docs/evaluation.md);
        one call elsewhere, where a strong model fills every list at once."""
        if self.strategy != "auto":
            return self.strategy
        return "focused" if self.embedded else "single"

    def resolved_cache_path(self) -> Path:
        if self.cache_path:
            return Path(self.cache_path).expanduser()
        return Path(platformdirs.user_cache_dir("summarizer")) / "cache.sqlite3"

    def resolved_concurrency(self) -> int:
        if self.concurrency:
            return self.concurrency
        if self.base_url is None:
            return 1  # llama.cpp's server answers one request at a time
        return 8 if is_openai_url(self.base_url) else 4

    def resolved_processes(self, pending: int, cpus: int) -> int:
        """Worker processes for `pending` articles (see summarizer.engine.workers).

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

    def resolved_request_deadline(self) -> float:
        if self.request_deadline:
            return self.request_deadline
        # Answers are not streamed: the body comes at once after the generation, which the read
        # timeout already waits for. Twice that leaves room; a drip never gets further.
        return 2 * self.resolved_read_timeout()

    def resolved_chunk_chars(self) -> int:
        if self.chunk_chars:
            return self.chunk_chars
        # Room left for the article after the answer and the instructions (~900 tokens), at a
        # conservative 3.2 characters per token for English news text.
        budget_tokens = max(self.n_ctx - self.max_tokens - 900, 1000)
        return int(budget_tokens * 3.2)


SETTING_NAMES = tuple(f.name for f in fields(Settings) if f.name != "sources")


@dataclass(frozen=True)
class SettingSpec:
    """What the CLI, the environment and the config file need to know about one setting."""

    name: str
    kind: type  # str, int, float or bool (None is allowed wherever the default is None)
    default: Any
    help: str
    flag: str
    choices: tuple[str, ...] | None

    @property
    def env(self) -> str:
        return env_name(self.name)


def setting_specs() -> tuple[SettingSpec, ...]:
    """Every setting as declared on `Settings`, in declaration order."""
    hints = get_type_hints(Settings)
    return tuple(
        SettingSpec(
            name=f.name,
            kind=_base_type(hints[f.name]),
            default=f.default,
            help=f.metadata["help"],
            flag=f.metadata["flag"] or "--" + f.name.replace("_", "-"),
            choices=f.metadata.get("choices"),
        )
        for f in fields(Settings)
        if f.name != "sources"
    )


def _base_type(hint: Any) -> type:
    """`int | None` -> int; a plain type stays itself."""
    kinds = [k for k in get_args(hint) if k is not type(None)] or [hint]
    return kinds[0]


def env_name(setting: str) -> str:
    return "SUMMARIZER_" + setting.upper()


_SPECS = {spec.name: spec for spec in setting_specs()}


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
    kind = _SPECS[name].kind
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
        shown = redact_url(settings.base_url)
        raise ConfigError(f"--base-url {shown!r} must start with http:// or https://")
    if settings.api_key_env is not None and (
        not _ENV_NAME.fullmatch(settings.api_key_env) or looks_like_key(settings.api_key_env)
    ):
        origin = settings.sources.get("api_key_env", "settings")
        raise ConfigError(
            f"api_key_env (from {origin}) must be the NAME of the environment variable that "
            f"holds the key, such as MY_ENDPOINT_KEY, not the key; got "
            f"{describe_key_env(settings.api_key_env)}: export MY_ENDPOINT_KEY=<key> and pass "
            "--api-key-env MY_ENDPOINT_KEY"
        )
    for name in ("read_timeout", "request_deadline", "connect_timeout"):
        value = getattr(settings, name)
        if value is not None and value <= 0:
            raise ConfigError(f"{name}={value} must be a positive number of seconds")
    if settings.processes is not None and settings.processes < 1:
        raise ConfigError(f"processes={settings.processes} must be 1 or more")
    if settings.processes and settings.processes > 1 and settings.base_url is None:
        raise ConfigError(
            "--processes needs a --base-url: the embedded server answers one request at a time"
        )
    if settings.grounding_reasks not in (0, 1):
        raise ConfigError(
            f"grounding_reasks={settings.grounding_reasks} must be 0 (off) "
            "or 1 (one targeted re-ask)"
        )
    if settings.strategy not in STRATEGIES:
        raise ConfigError(f"strategy={settings.strategy!r} is not one of {', '.join(STRATEGIES)}")
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
