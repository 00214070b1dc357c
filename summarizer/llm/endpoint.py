"""Builds the OpenAI-compatible client for an endpoint. It configures; it never calls the model.

Key routing is the point of this module: a key is sent only to the endpoint it is meant for.
- `--api-key-env NAME` names the variable holding the key for `--base-url`;
- without it, `OPENAI_API_KEY` is used only for https://api.openai.com (decided by the parsed
  scheme and host, never by a substring of the URL);
- any other endpoint (the embedded server, vLLM, Ollama, ...) gets a placeholder, so the SDK
  never falls back to reading `OPENAI_API_KEY` (or the organisation/project variables) itself.
A `user:password@` in the base URL is taken out of the URL the SDK sees (which it would log and
put in errors) and sent as the request's HTTP basic authentication, as the URL asks.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import httpx2
import openai

from summarizer.errors import ConfigError
from summarizer.llm.counting import count_request
from summarizer.llm.deadline import with_deadline
from summarizer.settings import Settings, describe_key_env, is_openai_url, split_userinfo

# Sent where no key is configured: servers that ignore keys accept anything non-empty.
NO_KEY = "no-key"


def api_key_for(settings: Settings, environ: Mapping[str, str] | None = None) -> str:
    environ = os.environ if environ is None else environ
    if settings.api_key_env:
        name = describe_key_env(settings.api_key_env)  # never echo what may be the key itself
        key = environ.get(settings.api_key_env, "")
        if not key:
            raise ConfigError(
                f"--api-key-env names {name}, but that variable is empty or unset; "
                f"export it (--api-key-env takes the variable's name, not the key) "
                "or drop --api-key-env"
            )
        return key
    if is_openai_url(settings.base_url):
        key = environ.get("OPENAI_API_KEY", "")
        if not key:
            raise ConfigError(
                "api.openai.com needs a key: export OPENAI_API_KEY=... "
                "(or name another variable with --api-key-env)"
            )
        return key
    return NO_KEY


def build_client(
    settings: Settings, base_url: str, environ: Mapping[str, str] | None = None
) -> openai.OpenAI:
    """The real openai client over real HTTP, with our timeouts and the SDK's retries off.

    Retries live in one layer only (llm.extract); leaving the SDK's on would multiply them.
    """
    timeout = httpx2.Timeout(settings.resolved_read_timeout(), connect=settings.connect_timeout)
    # A plain-HTTP endpoint (a local server) never speaks TLS, and the client follows no
    # redirects: loading the CA bundle for it would only cost ~50 ms per client.
    verify = not base_url.startswith("http://")
    # Credentials in the URL go as basic auth, never in the URL the SDK logs and reports.
    base_url, user, password = split_userinfo(base_url)
    auth = httpx2.BasicAuth(user or "", password or "") if user or password else None
    http_client = httpx2.Client(
        timeout=timeout,
        verify=verify,
        auth=auth,
        transport=with_deadline(httpx2.HTTPTransport(verify=verify)),
        event_hooks={"request": [count_request]},
    )
    is_openai = is_openai_url(base_url)
    client = openai.OpenAI(
        base_url=base_url,
        api_key=api_key_for(settings, environ),
        max_retries=0,
        timeout=timeout,
        http_client=http_client,
        # The SDK would read these from the environment; they belong to OpenAI only.
        organization=(environ or os.environ).get("OPENAI_ORG_ID") if is_openai else None,
        project=(environ or os.environ).get("OPENAI_PROJECT_ID") if is_openai else None,
    )
    if not is_openai:
        client.organization = None
        client.project = None
    return client
