"""Settings: one resolution order, flag > environment > config file > default."""

from __future__ import annotations

import pytest

from summarizer.errors import ConfigError
from summarizer.settings import resolve_settings


def write_config(tmp_path, text: str):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_use_the_embedded_model():
    s = resolve_settings({}, environ={})
    assert s.embedded and s.structured_mode == "llamacpp" and s.endpoint_id == "embedded"
    assert s.sources == {}


def test_flag_beats_environment_beats_config(tmp_path):
    config = write_config(tmp_path, 'max_tokens = 900\nmodel = "from-config"\nn_ctx = 4096\n')
    environ = {"SUMMARIZER_MAX_TOKENS": "1000", "SUMMARIZER_MODEL": "from-env"}
    s = resolve_settings({"max_tokens": 1100}, environ=environ, config_path=config)
    assert s.max_tokens == 1100 and s.sources["max_tokens"] == "flag"
    assert s.model == "from-env" and s.sources["model"] == "environment"
    assert s.n_ctx == 4096 and s.sources["n_ctx"].startswith("config file")


def test_config_file_from_environment_and_summarizer_table(tmp_path):
    config = write_config(tmp_path, '[summarizer]\nbase-url = "http://h:1/v1"\nmodel = "m"\n')
    s = resolve_settings({}, environ={"SUMMARIZER_CONFIG": str(config)})
    assert s.base_url == "http://h:1/v1" and s.structured_mode == "json_schema"


@pytest.mark.parametrize(
    ("flags", "environ", "message"),
    [
        ({"base_url": "http://h:1/v1"}, {}, "--model"),
        ({"base_url": "ftp://h"}, {"SUMMARIZER_MODEL": "m"}, "http"),
        ({}, {"SUMMARIZER_MAX_TOKENS": "lots"}, "SUMMARIZER_MAX_TOKENS"),
        ({"structured": "magic"}, {}, "structured"),
        ({}, {"SUMMARIZER_USE_CACHE": "maybe"}, "SUMMARIZER_USE_CACHE"),
    ],
)
def test_bad_settings_say_how_to_fix_them(flags, environ, message):
    with pytest.raises(ConfigError, match=message):
        resolve_settings(flags, environ=environ)


def test_unknown_key_in_config_is_reported(tmp_path):
    config = write_config(tmp_path, "modle = 'typo'\n")
    with pytest.raises(ConfigError, match="modle"):
        resolve_settings({}, environ={}, config_path=config)


def test_missing_config_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        resolve_settings({}, environ={}, config_path=tmp_path / "nope.toml")


def test_openai_endpoint_uses_strict_output_and_booleans_parse():
    s = resolve_settings(
        {"base_url": "https://api.openai.com/v1", "model": "gpt-4o-mini"},
        environ={"SUMMARIZER_USE_CACHE": "off", "SUMMARIZER_REFRESH": "yes"},
    )
    assert s.structured_mode == "strict" and s.use_cache is False and s.refresh is True


def test_chunk_size_follows_the_context():
    small = resolve_settings({"n_ctx": 4096}, environ={})
    large = resolve_settings({"n_ctx": 16384}, environ={})
    assert small.resolved_chunk_chars() < large.resolved_chunk_chars()
