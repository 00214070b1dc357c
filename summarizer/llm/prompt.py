"""Prompt templates: Jinja2 data files in `prompts/`, rendered by pure functions.

Each template defines `version` and the macros `system()` and `user(...)`. The version and a
digest of the template text both enter the cache key, so an edited prompt never replays a stale
result even if someone forgets to bump the version.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from summarizer.errors import ConfigError

# Caps asked of the model; small on purpose, output tokens are the cost on a local model.
MAX_PARTICIPANTS = 6
MAX_AGENDA = 4
MAX_STANCES = 4


@dataclass(frozen=True)
class PromptTemplate:
    name: str
    version: str
    digest: str
    source: str

    @property
    def key(self) -> str:
        """Version plus content digest: what identifies this prompt in the cache."""
        return f"{self.version}+{self.digest[:12]}"


def prompts_dir() -> Path:
    """The shipped prompts: inside the installed package, or `prompts/` in a source checkout."""
    packaged = resources.files("summarizer") / "prompts"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / "prompts"
    if checkout.is_dir():
        return checkout
    raise ConfigError("prompt templates not found; reinstall the package: pip install summarizer")


def _environment() -> jinja2.Environment:
    # Prompts are plain text, not HTML: autoescape would corrupt quotes in the article.
    return jinja2.Environment(
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
    )


@lru_cache(maxsize=8)
def load_template(name: str = "extract") -> tuple[PromptTemplate, jinja2.Template]:
    path = prompts_dir() / f"{name}.jinja"
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read prompt template {path}: {exc.strerror}") from exc
    template = _environment().from_string(source)
    version = str(getattr(template.module, "version", "") or "")
    if not version:
        raise ConfigError(f"prompt template {path} does not set a version")
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    return PromptTemplate(name, version, digest, source), template


def extraction_messages(
    text: str,
    *,
    title: str | None = None,
    published: str | None = None,
    part: int = 1,
    parts: int = 1,
) -> list[dict[str, str]]:
    """The chat messages for one extraction call: instructions, then the article fenced as data."""
    _, template = load_template("extract")
    module: Any = template.make_module(
        {
            "max_participants": MAX_PARTICIPANTS,
            "max_agenda": MAX_AGENDA,
            "max_stances": MAX_STANCES,
        }
    )
    if title and text.lstrip().startswith(title.strip()):
        title = None  # already the first line of the text: do not pay for it twice
    system = str(module.system()).strip()
    example_user = str(module.user(None, None, module.example_article(), 1, 1)).strip()
    example_answer = str(module.example_answer()).strip()
    user = str(module.user(title, published, _fence_safe(text), part, parts)).strip()
    return [
        {"role": "system", "content": system},
        {"role": "user", "content": example_user},
        {"role": "assistant", "content": example_answer},
        {"role": "user", "content": user},
    ]


def example_exchange() -> tuple[str, str]:
    """The worked example's article and answer (tests check the answer is valid and grounded)."""
    _, template = load_template("extract")
    module: Any = template.make_module({})
    return str(module.example_article()).strip(), str(module.example_answer()).strip()


def _fence_safe(text: str) -> str:
    # An article must not be able to close the data fence and speak as the prompt.
    return text.replace("</article>", "</ article>").replace("<article>", "< article>")


def prompt_key(name: str = "extract") -> str:
    return load_template(name)[0].key


def split_text(text: str, chunk_chars: int, overlap: int = 400) -> list[tuple[int, str]]:
    """Split a long article into (offset, chunk) pieces at paragraph or sentence ends.

    Consecutive chunks overlap by about `overlap` characters so a fact that straddles a cut is
    whole in at least one chunk. Offsets index the full text, so evidence stays global.
    """
    if len(text) <= chunk_chars:
        return [(0, text)]
    chunks: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + chunk_chars, len(text))
        if end < len(text):
            end = _cut_point(text, start, end)
        chunks.append((start, text[start:end]))
        if end >= len(text):
            break
        start = max(_start_point(text, end - overlap), start + 1)
    return chunks


def _cut_point(text: str, start: int, end: int) -> int:
    # Prefer a paragraph break, then a sentence end, in the last third of the window.
    floor = start + (end - start) * 2 // 3
    for marker in ("\n\n", "\n", ". "):
        cut = text.rfind(marker, floor, end)
        if cut > 0:
            return cut + len(marker)
    return end


def _start_point(text: str, position: int) -> int:
    # Start the next chunk at a line or sentence start, so it does not open mid-word.
    for marker in ("\n", ". "):
        found = text.find(marker, position, position + 300)
        if found >= 0:
            return found + len(marker)
    return position


def reask_messages(
    conversation: list[dict[str, str]], answer_json: str, items: list[dict[str, str]]
) -> list[dict[str, str]]:
    """The extraction conversation, the model's answer, then a request naming what failed.

    Continuing the same conversation lets llama.cpp reuse the article already in its cache.
    """
    _, template = load_template("reask")
    module: Any = template.make_module({})
    return [
        *conversation,
        {"role": "assistant", "content": answer_json},
        {"role": "user", "content": str(module.user(items)).strip()},
    ]


def more_messages(conversation: list[dict[str, str]], answer_json: str) -> list[dict[str, str]]:
    """The extraction conversation, the model's answer, then a request for what it left out."""
    _, template = load_template("more")
    module: Any = template.make_module({})
    return [
        *conversation,
        {"role": "assistant", "content": answer_json},
        {"role": "user", "content": str(module.user()).strip()},
    ]


def focused_messages(
    numbered: str, *, title: str | None, published: str | None, part: int = 1, parts: int = 1
) -> list[dict[str, str]]:
    """The shared prefix of every focused question: instructions, then the numbered article."""
    _, template = load_template("focused")
    module: Any = template.make_module({})
    return [
        {"role": "system", "content": str(module.system()).strip()},
        {
            "role": "user",
            "content": str(
                module.article(title, published, _fence_safe(numbered), part, parts)
            ).strip(),
        },
    ]


def focused_question(name: str, **values: Any) -> str:
    """One focused question (`frame`, `people`, `agenda`, `statements`, `more_statements`),
    rendered."""
    _, template = load_template("focused")
    module: Any = template.make_module({})
    return str(getattr(module, name)(*values.values())).strip()


def with_question(base: list[dict[str, str]], question: str) -> list[dict[str, str]]:
    """The article message with the question after it: the prefix up to the question is the
    same for every question, so a prompt cache reuses it."""
    *head, article = base
    return [*head, {"role": article["role"], "content": article["content"] + "\n\n" + question}]


def prompts_key(passes: int = 1, strategy: str = "single") -> str:
    """Every template that shapes a result, for the cache key (`more` only when it is used)."""
    if strategy == "focused":
        return prompt_key("focused")
    names = ("extract", "reask", "more") if passes > 1 else ("extract", "reask")
    return "|".join(prompt_key(name) for name in names)
