"""Side by side: this tool, LangExtract and one raw llama.cpp call, same server and model.

    .venv/bin/python bench/peer_compare.py --articles seeds            # the five seeds
    .venv/bin/python bench/peer_compare.py --articles seeds+devset     # + 4 short devset articles
    .venv/bin/python bench/peer_compare.py --quick                     # seed 003 only (dry run)
    /work/tmp/peer-venv/bin/python bench/peer_compare.py --chart-only  # redraw docs/benchmarks.png

Method (docs/benchmarks.md says more):
- ONE llama.cpp server (summarizer.llm.local_server.LocalServer, n_ctx 8192) for the whole run, and
  a small counting HTTP proxy on 127.0.0.1 in front of it. All three systems talk to the proxy,
  which records every request: who sent it (a tag the driver sets), wall time, and the token
  usage the server reports in the response body. Calls and tokens in the table come from it.
- Before each system's run on an article, a one-token request with an unrelated prompt resets
  llama.cpp's prefix cache, so no system starts with another's prompt already evaluated.
  Within a system's run, prefix reuse is what that system gets in normal use (our re-ask,
  LangExtract's chunks sharing its instructions and example).
- This tool: summarize_many([path]) with base_url = the proxy, structured "llamacpp", no cache.
- Raw: the same messages our extractor sends first (prompt.extraction_messages), the same
  response_format, temperature 0, seed 0, max_tokens 1536, once, with the openai client.
- LangExtract 1.7.1: bench/peer_langextract.py in a separate venv (--peer-python), fed JSON lines
  on stdin; its OpenAI provider pointed at the proxy, same model id, one few-shot example made
  from our prompt's worked example. Its extractions are mapped to ArticleSummary objects and
  scored by summarizer.evaluation.score exactly like ours.

This file needs the package's venv for a run; --chart-only needs only matplotlib (the peer venv),
so every `summarizer` import is inside the functions that need it.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_MODEL = Path("/root/.cache/summarizer/models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf")
MODEL_ID = "qwen2.5-coder-1.5b-instruct-q4_k_m"
PEER_PYTHON = Path("/work/tmp/peer-venv/bin/python")
DEVSET = Path("/work/shared/devset")
# Devset extractions with their text and attributes, kept OUT of the repository (for --rescore).
DEVSET_SIDE = Path("/work/tmp/peer-compare-devset-extractions.json")
RESULTS = ROOT / "bench" / "results" / "peer_compare.json"
CHART = ROOT / "docs" / "benchmarks.png"
QUICK_SEED = "003"  # the shortest seed
# Short giveme5w1h news-please JSON articles from the devset manifest (no gold for them).
DEVSET_PICKS = (
    "36ed35f8c78eda121afe93cbe867946d07b7e59278d2a125a23ec1bd",  # Obama-Trump meeting, 248 words
    "0c3309b31d6abbf74a5073284e695327da5f4d689a02b964df24b63d",  # NPR Chibok girls, 460 words
    "1e582ad25294607005ccb6d7abe2806c90b39eec91baeb1082072c81",  # Trump lands in DC, 510 words
    "3e072dc26c17df00151c343ef84f342fa46ace1ac967f624bd958077",  # WaPo girls freed, 513 words
)
MAX_TOKENS = 1536

# The LangExtract task, written to match prompts/extract.jinja (extract-4) rule for rule.
PROMPT_DESCRIPTION = """\
Extract a briefing about the diplomatic, political or security event this news article reports.
Extraction classes, in order of appearance in the text:
- event: the one main event the article reports. extraction_text: the words that state it.
  Attributes: title (short), kind (one of visit, meeting, talks, summit, conference, agreement,
  election, sanctions, military, attack, release, statement, other), location (as the article
  names it), date_text (the article's own words for when the event happens, never the
  publication date), status (planned, ongoing, completed, cancelled or speculative).
- participant: people and organisations in the event, whether they attend or are only
  mentioned. extraction_text: the name exactly as written. Attributes: role (the title the
  article gives them), affiliation (the country or organisation they represent), attending
  ("true" only if the article says they take part in this event; people merely mentioned,
  quoted commentators and analysts get "false").
- agenda: topics of the event. extraction_text: the words that name the topic. Attributes:
  topic, status ("announced" = stated officially by a participant, government or ministry;
  "expected" = reported as planned or expected; "speculative" = guesses by analysts or
  commentators, or hedged: may, could, likely), attributed_to (who says it is on the agenda).
- stance: an actor's stated position on a topic. extraction_text: the words that state it.
  Attributes: actor, topic, position (a few words).
Use exact text from the article for extraction_text; never paraphrase. Use only what the
article says. The example is about an invented article: never copy its names or topics."""


# --------------------------------------------------------------------------- counting proxy


class CountingProxy:
    """A forwarding HTTP proxy on 127.0.0.1 that records every request and its token usage."""

    def __init__(self, upstream: str) -> None:
        m = re.match(r"http://([^:/]+):(\d+)", upstream)
        if not m:
            raise ValueError(f"upstream must be http://host:port/..., got {upstream}")
        self.upstream_host, self.upstream_port = m.group(1), int(m.group(2))
        self.tag = "untagged"
        self.records: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                proxy._forward(self, b"")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                proxy._forward(self, self.rfile.read(length))

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def start(self) -> CountingProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _forward(self, handler: BaseHTTPRequestHandler, body: bytes) -> None:
        tag = self.tag
        started = time.perf_counter()
        headers = {
            k: v
            for k, v in handler.headers.items()
            if k.lower() not in {"host", "connection", "keep-alive", "transfer-encoding"}
        }
        conn = http.client.HTTPConnection(self.upstream_host, self.upstream_port, timeout=1800)
        try:
            conn.request(handler.command, handler.path, body=body, headers=headers)
            response = conn.getresponse()
            payload = response.read()
            status = response.status
            out_headers = [
                (k, v)
                for k, v in response.getheaders()
                if k.lower()
                not in {"connection", "keep-alive", "transfer-encoding", "content-length"}
            ]
        except OSError as exc:
            status, payload, out_headers = 502, str(exc).encode(), []
        finally:
            conn.close()
        seconds = time.perf_counter() - started
        if handler.path.endswith("/chat/completions"):
            self._record(tag, body, payload, status, started, seconds)
        handler.send_response(status)
        for k, v in out_headers:
            handler.send_header(k, v)
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)

    def _record(
        self, tag: str, body: bytes, payload: bytes, status: int, started: float, seconds: float
    ) -> None:
        record: dict[str, Any] = {
            "tag": tag,
            "status": status,
            "t_start": round(started, 3),
            "seconds": round(seconds, 3),
            "prompt_tokens": 0,
            "completion_tokens": 0,
        }
        try:
            request = json.loads(body)
            fmt = request.get("response_format") or {}
            record["response_format"] = fmt.get("type", "") + ("+schema" if "schema" in fmt else "")
            record["messages"] = len(request.get("messages", []))
            record["prompt_chars"] = sum(len(m.get("content") or "") for m in request["messages"])
            record["max_tokens"] = request.get("max_tokens")
        except (ValueError, KeyError, TypeError, AttributeError):
            pass
        try:
            answer = json.loads(payload)
            usage = answer.get("usage") or {}
            record["prompt_tokens"] = int(usage.get("prompt_tokens") or 0)
            record["completion_tokens"] = int(usage.get("completion_tokens") or 0)
            choice = answer["choices"][0]
            record["finish_reason"] = choice.get("finish_reason")
            content = choice["message"].get("content") or ""
            try:
                json.loads(content)
                record["valid_json"] = True
            except ValueError:
                record["valid_json"] = False
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            record["error_body"] = payload[:300].decode("utf-8", "replace")
        with self._lock:
            self.records.append(record)

    def tagged(self, tag: str) -> list[dict[str, Any]]:
        with self._lock:
            return [r for r in self.records if r["tag"] == tag]


def cost_of(records: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "calls": len(records),
        "prompt_tokens": sum(r["prompt_tokens"] for r in records),
        "completion_tokens": sum(r["completion_tokens"] for r in records),
        "server_seconds": round(sum(r["seconds"] for r in records), 2),
        "call_seconds": [r["seconds"] for r in records],
        "http_errors": sum(r["status"] != 200 for r in records),
        "invalid_json": sum(r.get("valid_json") is False for r in records),
        "cut_at_max_tokens": sum(r.get("finish_reason") == "length" for r in records),
    }


def reset_prefix_cache(upstream_base: str) -> None:
    """One token for an unrelated prompt: the next request shares no cached prefix with the last."""
    import openai

    client = openai.OpenAI(base_url=upstream_base, api_key="no-key", max_retries=0)
    try:
        client.chat.completions.create(
            model=MODEL_ID,
            messages=[{"role": "user", "content": f"Reply OK. ({time.time_ns()})"}],
            max_tokens=1,
            temperature=0.0,
        )
    finally:
        client.close()


# --------------------------------------------------------------------------- articles


def load_articles(which: str) -> list[dict[str, Any]]:
    from summarizer.ingest.files import load_path

    articles: list[dict[str, Any]] = []
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    if which == "quick":
        seeds = [p for p in seeds if p.name.startswith(QUICK_SEED)]
    for path in seeds:
        doc = load_path(path)[0]
        articles.append({"name": f"seed_{path.name[:3]}", "kind": "seed", "path": path, "doc": doc})
    if which == "seeds+devset":
        manifest = (DEVSET / "manifest.tsv").read_text(encoding="utf-8").splitlines()
        rows = [line.split("\t") for line in manifest[1:]]
        for pick in DEVSET_PICKS:
            row = next(r for r in rows if pick in r[0])
            path = DEVSET / row[0]
            doc = load_path(path)[0]
            articles.append(
                {
                    "name": f"dev_{pick[:8]}",
                    "kind": "devset",
                    "path": path,
                    "doc": doc,
                    "topic": row[8] if len(row) > 8 else "",
                }
            )
    return articles


def additional_context(doc: Any) -> str | None:
    """What our prompt adds before the article (title unless it opens the text; the date)."""
    lines = []
    if doc.title and not doc.text.lstrip().startswith(doc.title.strip()):
        lines.append(f"Title: {doc.title}")
    if doc.published:
        lines.append(f"Published: {doc.published}")
    return "\n".join(lines) or None


# --------------------------------------------------------------------------- the example


def langextract_example() -> dict[str, Any]:
    """Our prompt's worked example as LangExtract ExampleData (spans copied from its article).

    agenda and stance: extraction_text is the item's quote; participant: the name; event: the
    headline (which states it), because the answer's event quote overlaps two names. The
    other answer fields become attributes (the event's one-sentence summary is left out: it is
    not scored and LangExtract attributes are meant to be short).
    """
    from summarizer.llm.prompt import example_exchange

    article, answer_json = example_exchange()
    answer = json.loads(answer_json)
    items: list[tuple[int, dict[str, Any]]] = []

    def add(cls: str, span: str, attributes: dict[str, Any]) -> None:
        start = article.find(span)
        if start < 0:
            raise ValueError(f"example span not in the example article: {span!r}")
        attrs = {
            k: ("true" if v is True else "false" if v is False else v)
            for k, v in attributes.items()
            if v is not None
        }
        items.append((start, {"class": cls, "text": span, "attributes": attrs}))

    ev = answer["event"]
    # The event's span is the headline: the answer's event quote contains both ministers' names,
    # and LangExtract's order-preserving aligner then only fuzzy-matches the participants.
    headline = article.splitlines()[0].strip()
    add("event", headline, {k: ev[k] for k in ("title", "kind", "location", "date_text", "status")})
    for p in answer["participants"]:
        add("participant", p["name"], {k: p[k] for k in ("role", "affiliation", "attending")})
    for a in answer["agenda"]:
        add("agenda", a["quote"], {k: a[k] for k in ("topic", "status", "attributed_to")})
    for s in answer["stances"]:
        add("stance", s["quote"], {k: s[k] for k in ("actor", "topic", "position")})
    items.sort(key=lambda pair: pair[0])  # LangExtract wants order of appearance
    return {"text": article, "extractions": [item for _, item in items]}


# --------------------------------------------------------------------------- the peer process


class Peer:
    """bench/peer_langextract.py running in the peer venv; one JSON line per job each way."""

    def __init__(self, python: Path) -> None:
        self.proc = subprocess.Popen(
            [str(python), str(ROOT / "bench" / "peer_langextract.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=open(ROOT / "bench" / "results" / "peer_langextract.log", "w"),  # noqa: SIM115
            text=True,
            cwd=str(ROOT / "bench"),  # not the repo root: the peer must not see `summarizer`
        )

    def ask(self, job: dict[str, Any]) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(job) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(
                "the LangExtract process died; see bench/results/peer_langextract.log"
            )
        return json.loads(line)

    def close(self) -> None:
        try:
            self.ask_nowait({"cmd": "quit"})
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.terminate()

    def ask_nowait(self, job: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(job) + "\n")
        self.proc.stdin.flush()


# --------------------------------------------------------------------------- the three systems


def run_ours(article: dict[str, Any], base_url: str) -> tuple[dict[str, Any], Any]:
    from summarizer import resolve_settings, summarize_many
    from summarizer.models import ArticleSummary

    settings = resolve_settings(
        {"base_url": base_url, "model": MODEL_ID, "structured": "llamacpp", "use_cache": False},
        environ={},
    )
    started = time.perf_counter()
    [result] = summarize_many([article["path"]], settings=settings)
    wall = time.perf_counter() - started
    if not isinstance(result, ArticleSummary):
        return {
            "wall_seconds": round(wall, 2),
            "error": getattr(result, "error", str(result)),
        }, None
    report = result.grounding
    whole_item = re.compile(r"^(event|participants\[\d+\]|agenda\[\d+\]|stances\[\d+\])$")
    rejected_items = [r for r in report.rejected_fields if whole_item.match(r.field)]
    kept: list[Any] = [result.event, *result.participants, *result.agenda, *result.stances]
    with_evidence = sum(bool(item.evidence) for item in kept)
    produced = len(kept) + len(rejected_items)
    out = {
        "wall_seconds": round(wall, 2),
        "summary_seconds": result.seconds,
        "usage": result.usage.model_dump(),
        "reasks": report.reasks,
        "items": {
            "event": 1,
            "participants": len(result.participants),
            "agenda": len(result.agenda),
            "stances": len(result.stances),
            "rejected_items": len(rejected_items),
            "rejected_fields": len(report.rejected_fields) - len(rejected_items),
        },
        "grounded_items": with_evidence,
        "produced_items": produced,
        "grounded_share_items": round(with_evidence / produced, 3) if produced else None,
        "validator_grounded_share": report.grounded_share,
        "checks": {
            "supported": report.supported,
            "repaired": report.repaired,
            "rejected": report.rejected,
        },
        "evidence_match": _match_kinds(kept),
        "error": None,
    }
    return out, result


def _match_kinds(items: list[Any]) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for item in items:
        for e in item.evidence[:1]:
            kinds[e.match] = kinds.get(e.match, 0) + 1
    return kinds


def run_raw(article: dict[str, Any], base_url: str) -> dict[str, Any]:
    import openai

    from summarizer.llm import prompt
    from summarizer.llm.extract import response_format_for
    from summarizer.models import SummaryDraft

    doc = article["doc"]
    messages = prompt.extraction_messages(doc.text, title=doc.title, published=doc.published)
    client = openai.OpenAI(base_url=base_url, api_key="no-key", max_retries=0, timeout=1800)
    try:
        started = time.perf_counter()
        completion = client.chat.completions.create(
            model=MODEL_ID,
            messages=messages,  # type: ignore[arg-type]
            temperature=0.0,
            seed=0,
            max_tokens=MAX_TOKENS,
            extra_body={"response_format": response_format_for("llamacpp", SummaryDraft)},
        )
        wall = time.perf_counter() - started
    finally:
        client.close()
    content = completion.choices[0].message.content or ""
    try:
        SummaryDraft.model_validate_json(content)
        valid = True
    except ValueError:
        valid = False
    return {
        "wall_seconds": round(wall, 2),
        "prompt_tokens": completion.usage.prompt_tokens if completion.usage else None,
        "completion_tokens": completion.usage.completion_tokens if completion.usage else None,
        "finish_reason": completion.choices[0].finish_reason,
        "valid_summary_draft": valid,
    }


def run_langextract(
    peer: Peer, article: dict[str, Any], base_url: str, buffer: int, example: dict[str, Any]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    doc = article["doc"]
    job = {
        "id": article["name"],
        "text": doc.text,
        "additional_context": additional_context(doc),
        "base_url": base_url,
        "model_id": MODEL_ID,
        "prompt_description": PROMPT_DESCRIPTION,
        "example": example,
        "max_char_buffer": buffer,
        "max_output_tokens": MAX_TOKENS,
        "seed": 0,
        "temperature": 0.0,
    }
    started = time.perf_counter()
    reply = peer.ask(job)
    round_trip = time.perf_counter() - started
    extractions = reply["extractions"]
    aligned = [e for e in extractions if e["start"] is not None]
    by_alignment: dict[str, int] = {}
    by_class: dict[str, int] = {}
    for e in extractions:
        key = e["alignment"] or "unaligned"
        by_alignment[key] = by_alignment.get(key, 0) + 1
        by_class[e["class"]] = by_class.get(e["class"], 0) + 1
    verbatim = sum(1 for e in aligned if doc.text[e["start"] : e["end"]] == e["text"])
    n = len(extractions)
    out = {
        "wall_seconds": reply["seconds"],
        "round_trip_seconds": round(round_trip, 2),
        "error": reply.get("error"),
        "extractions": n,
        "by_class": by_class,
        "by_alignment": by_alignment,
        "grounded_share": round(len(aligned) / n, 3) if n else None,
        "exact_share": round(by_alignment.get("match_exact", 0) / n, 3) if n else None,
        "verbatim_spans": verbatim,
    }
    return out, extractions


# --------------------------------------------------------------------------- LangExtract -> ours


def _attr(attrs: dict[str, Any], key: str) -> str | None:
    value = attrs.get(key)
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    if value is None:
        return None
    value = str(value).strip()
    return None if value.lower().strip(" .") in _PLACEHOLDERS else value


# Without a schema the model writes "not specified" where a null is meant; read these as null.
_PLACEHOLDERS = frozenset(
    {
        "",
        "-",
        "null",
        "none",
        "n/a",
        "na",
        "unknown",
        "unspecified",
        "not specified",
        "none specified",
        "not stated",
        "not mentioned",
        "not given",
        "not applicable",
    }
)


def langextract_summary(
    doc: Any, extractions: list[dict[str, Any]], *, merge: bool
) -> tuple[Any, dict[str, int]]:
    """An ArticleSummary built from LangExtract's extractions (scored like ours).

    Items keep LangExtract's own spans as evidence; unaligned ones get none. With merge, items
    naming the same participant / agenda topic / stance are folded into one (LangExtract does
    not merge across chunks; a user would). Returns the summary and counts of values that had
    to be defaulted (no event, invalid kind/status).
    """
    from summarizer.evaluation.score import _norm
    from summarizer.ingest.files import Document
    from summarizer.models import (
        AgendaItem,
        AgendaStatus,
        ArticleSummary,
        Event,
        EventKind,
        EventStatus,
        Evidence,
        GroundingReport,
        Participant,
        Source,
        Stance,
    )

    assert isinstance(doc, Document)
    defaults = {"no_event": 0, "bad_event_kind": 0, "bad_event_status": 0, "bad_agenda_status": 0}

    def evidence(e: dict[str, Any]) -> list[Evidence]:
        if e["start"] is None:
            return []
        exact = e["alignment"] == "match_exact"
        return [
            Evidence(
                quote=doc.text[e["start"] : e["end"]],
                start=e["start"],
                end=e["end"],
                match="exact" if exact else "fuzzy",
                score=1.0 if exact else 0.8,
            )
        ]

    events = [e for e in extractions if e["class"] == "event"]
    if events:
        a = events[0]["attributes"]
        kind = (_attr(a, "kind") or "").lower()
        status = (_attr(a, "status") or "").lower()
        if kind not in {k.value for k in EventKind}:
            defaults["bad_event_kind"] += 1
            kind = "other"
        if status not in {s.value for s in EventStatus}:
            defaults["bad_event_status"] += 1
            status = "speculative"
        event = Event(
            title=_attr(a, "title") or events[0]["text"][:80],
            kind=EventKind(kind),
            summary=events[0]["text"],
            location=_attr(a, "location"),
            date_text=_attr(a, "date_text"),
            status=EventStatus(status),
            evidence=evidence(events[0]),
        )
    else:
        defaults["no_event"] = 1  # scored as wrong kind/status/location
        event = Event(
            title="(none)", kind=EventKind.OTHER, summary="", status=EventStatus.SPECULATIVE
        )

    participants: dict[str, Participant] = {}
    plist: list[Participant] = []
    agenda: dict[str, AgendaItem] = {}
    alist: list[AgendaItem] = []
    stances: dict[str, Stance] = {}
    slist: list[Stance] = []
    for e in extractions:
        a = e["attributes"]
        if e["class"] == "participant":
            attending = (_attr(a, "attending") or "").lower() in {"true", "yes", "1"}
            p = Participant(
                name=e["text"],
                role=_attr(a, "role"),
                affiliation=_attr(a, "affiliation"),
                attending=attending,
                evidence=evidence(e),
            )
            key = _norm(p.name)
            if merge and key in participants:
                old = participants[key]
                old.attending = old.attending or p.attending
                old.role = old.role or p.role
                old.affiliation = old.affiliation or p.affiliation
                old.evidence += p.evidence
                continue
            participants[key] = p
            plist.append(p)
        elif e["class"] == "agenda":
            status = (_attr(a, "status") or "").lower()
            if status not in {s.value for s in AgendaStatus}:
                defaults["bad_agenda_status"] += 1
                status = "expected"
            item = AgendaItem(
                topic=_attr(a, "topic") or e["text"],
                status=AgendaStatus(status),
                attributed_to=_attr(a, "attributed_to"),
                evidence=evidence(e),
            )
            key = _norm(item.topic)
            if merge and key in agenda:
                agenda[key].evidence += item.evidence
                continue
            agenda[key] = item
            alist.append(item)
        elif e["class"] == "stance":
            st = Stance(
                actor=_attr(a, "actor") or "",
                topic=_attr(a, "topic") or e["text"],
                position=_attr(a, "position") or e["text"],
                evidence=evidence(e),
            )
            key = _norm(st.actor) + "|" + _norm(st.topic)
            if merge and key in stances:
                stances[key].evidence += st.evidence
                continue
            stances[key] = st
            slist.append(st)
    n = len(extractions)
    aligned = sum(e["start"] is not None for e in extractions)
    summary = ArticleSummary(
        id=doc.id,
        source=Source(path=doc.path, title=doc.title, published=doc.published, text=doc.text),
        model=MODEL_ID,
        endpoint="langextract",
        prompt_version="langextract",
        event=event,
        participants=plist,
        agenda=alist,
        stances=slist,
        grounding=GroundingReport(grounded_share=round(aligned / n, 4) if n else 1.0),
    )
    return summary, defaults


# --------------------------------------------------------------------------- scoring


def save_side(name: str, buffer: int, extractions: list[dict[str, Any]]) -> None:
    side = json.loads(DEVSET_SIDE.read_text(encoding="utf-8")) if DEVSET_SIDE.is_file() else {}
    side.setdefault(name, {})[str(buffer)] = extractions
    DEVSET_SIDE.parent.mkdir(parents=True, exist_ok=True)
    DEVSET_SIDE.write_text(json.dumps(side), encoding="utf-8")


def rebuild_summaries(
    rows: list[dict[str, Any]],
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """LangExtract summaries of earlier rows, and ours for seeds (texts re-read from disk).

    Devset rows: LangExtract's extractions come from DEVSET_SIDE (outside the repository) when it
    is there; our summaries of devset articles are not stored, so they are not rebuilt.
    """
    from summarizer.ingest.files import load_path
    from summarizer.models import ArticleSummary

    side = json.loads(DEVSET_SIDE.read_text(encoding="utf-8")) if DEVSET_SIDE.is_file() else {}
    ours: dict[str, Any] = {}
    langextract: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row["kind"] == "seed":
            doc = load_path(ROOT / row["path"])[0]
        elif row["name"] in side:
            doc = load_path(DEVSET / row["path"])[0]
        else:
            continue
        stored = (row.get("ours") or {}).get("summary")
        if stored:
            stored = {**stored, "source": {**stored["source"], "text": doc.text}}
            ours[row["name"]] = ArticleSummary.model_validate(stored)
        for buffer, le in (row.get("langextract") or {}).items():
            extractions = (
                le["raw_extractions"] if row["kind"] == "seed" else side[row["name"]].get(buffer)
            )
            if extractions is None:
                continue
            for merge in (False, True):
                summary, defaults = langextract_summary(doc, extractions, merge=merge)
                key = f"langextract_{buffer}" + ("_merged" if merge else "")
                langextract.setdefault(key, {})[row["name"]] = summary
                le["defaults" + ("_merged" if merge else "")] = defaults
    return ours, langextract


def rescore(results: dict[str, Any]) -> dict[str, Any]:
    """Scores recomputed from a results file (after a change to the mapping), no model run.

    The devset scores of our tool are kept as they were (its devset summaries are not stored).
    """
    golds = load_golds()
    ours, langextract = rebuild_summaries(results["articles"])
    results["eval"] = {"ours": score(golds, ours)}
    for key, summaries in langextract.items():
        results["eval"][key] = score(golds, summaries)
    dev_golds = load_devset_golds()
    if dev_golds and results.get("eval_devset"):
        gold_by_name = {n: g["gold"] for n, g in dev_golds.items()}
        for key, summaries in langextract.items():
            results["eval_devset"][key] = score(gold_by_name, summaries)
    results["meta"].setdefault("rescored", []).append(datetime.now(UTC).isoformat())
    return results


def score(golds: dict[str, Any], summaries: dict[str, Any]) -> dict[str, Any] | None:
    """summarizer.evaluation.score.evaluate over the articles that have gold and a summary."""
    from summarizer.evaluation.score import evaluate

    pairs = [(golds[name], s) for name, s in summaries.items() if name in golds and s is not None]
    if not pairs:
        return None
    return evaluate([g for g, _ in pairs], {g.article_id: s for g, s in pairs})


def load_golds() -> dict[str, Any]:
    from summarizer.evaluation.score import load_gold

    return {
        path.stem: load_gold(path, repo_root=ROOT)
        for path in sorted((ROOT / "eval" / "gold").glob("seed_*.json"))
    }


def load_devset_golds() -> dict[str, Any]:
    """Gold files in eval/gold/devset/ for the devset picks, keyed like the rows (dev_xxxxxxxx)."""
    from summarizer.errors import ConfigError
    from summarizer.evaluation.score import load_gold

    found: dict[str, Any] = {}
    for path in sorted((ROOT / "eval" / "gold" / "devset").glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            devset_path = data.get("source", {}).get("devset_path", "")
            pick = next((p for p in DEVSET_PICKS if p in devset_path), None)
            if pick:
                gold = load_gold(path, repo_root=ROOT, devset=DEVSET)
                gold.name = f"dev_{pick[:8]}"
                found[gold.name] = {"gold": gold, "file": str(path.relative_to(ROOT))}
        except (OSError, ValueError, ConfigError) as exc:
            print(f"skipping devset gold {path.name}: {exc}", file=sys.stderr)
    return found


# --------------------------------------------------------------------------- environment


def environment(peer_versions: dict[str, Any]) -> dict[str, Any]:
    from importlib.metadata import version

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            text=True,
            capture_output=True,
            check=False,
        ).stdout.strip()
    except OSError:
        head = ""
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "git_head": head,
        "cpu_cores": os.cpu_count(),
        "cpu_model": cpu,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "model_file": DEFAULT_MODEL.name,
        "n_ctx": 8192,
        "llama_cpp_python": version("llama_cpp_python"),
        "summarizer": version("summarizer"),
        "openai": version("openai"),
        "instructor": version("instructor"),
        "peer": peer_versions,
    }


# --------------------------------------------------------------------------- main run


def run(args: argparse.Namespace) -> dict[str, Any]:
    from summarizer.llm.local_server import LocalServer
    from summarizer.llm.prompt import prompts_key

    which = "quick" if args.quick else args.articles
    articles = load_articles(which)
    buffers = [int(b) for b in args.buffers.split(",") if b]
    example = langextract_example()
    golds = load_golds()
    dev_golds = load_devset_golds() if which == "seeds+devset" else {}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    peer = Peer(Path(args.peer_python))
    server = None
    try:
        peer_versions = peer.ask({"cmd": "versions"})
        if args.server_url:  # debugging against an already running (or fake) server
            upstream = args.server_url
        else:
            server = LocalServer(model_path=Path(args.model_path), n_ctx=8192)
            t0 = time.perf_counter()
            upstream = server.start()
            print(
                f"llama.cpp server ready at {upstream} in {time.perf_counter() - t0:.1f}s",
                file=sys.stderr,
            )
        proxy = CountingProxy(upstream).start()
        command = " ".join([sys.executable.replace(str(ROOT) + "/", ""), *sys.argv])
        results: dict[str, Any] = {
            "meta": {
                **environment(peer_versions),
                "articles": which,
                "buffers": buffers,
                "prompt": prompts_key(),
                "langextract_prompt_description": PROMPT_DESCRIPTION,
                "langextract_example": example,
                "commands": [command],
            },
            "articles": [],
        }
        previous: dict[str, Any] = {}
        if args.append and RESULTS.is_file():
            # Resume or extend an earlier run: its rows and eval stay, missing articles run now.
            previous = json.loads(RESULTS.read_text(encoding="utf-8"))
            results["meta"]["commands"] = [*previous["meta"].get("commands", []), command]
            results["meta"]["runs"] = [
                *previous["meta"].get("runs", [previous["meta"]["date"]]),
                results["meta"]["date"],
            ]
            results["articles"] = previous["articles"]
            results["requests_previous_runs"] = [
                *previous.get("requests_previous_runs", []),
                *previous.get("requests", []),
            ]
            done = {row["name"] for row in previous["articles"]}
            articles = [a for a in articles if a["name"] not in done]
        # Earlier rows' summaries, rebuilt, so the scores always cover every gold article run.
        our_summaries, le_summaries = rebuild_summaries(results["articles"])
        for article in articles:
            name, doc = article["name"], article["doc"]
            row: dict[str, Any] = {
                "name": name,
                "kind": article["kind"],
                "chars": len(doc.text),
                "path": str(article["path"].relative_to(ROOT))
                if article["kind"] == "seed"
                else str(article["path"].relative_to(DEVSET)),
            }
            print(f"[{name}] {len(doc.text)} chars", file=sys.stderr)
            if "ours" in args.systems:
                reset_prefix_cache(upstream)
                proxy.tag = f"ours:{name}"
                ours, summary = run_ours(article, proxy.base_url)
                ours["proxy"] = cost_of(proxy.tagged(proxy.tag))
                row["ours"] = ours
                our_summaries[name] = summary
                if summary is not None and article["kind"] == "seed":
                    # Without the text (it is in seeds/); rebuilt by --append for scoring.
                    ours["summary"] = summary.model_dump(mode="json", exclude={"source": {"text"}})
                print(
                    f"  ours: {ours['wall_seconds']}s calls={ours['proxy']['calls']}",
                    file=sys.stderr,
                )
            if "raw" in args.systems:
                reset_prefix_cache(upstream)
                proxy.tag = f"raw:{name}"
                raw = run_raw(article, proxy.base_url)
                raw["proxy"] = cost_of(proxy.tagged(proxy.tag))
                row["raw"] = raw
                print(f"  raw: {raw['wall_seconds']}s", file=sys.stderr)
            if "langextract" in args.systems:
                row["langextract"] = {}
                for buffer in buffers:
                    reset_prefix_cache(upstream)
                    proxy.tag = f"langextract{buffer}:{name}"
                    le, extractions = run_langextract(
                        peer, article, proxy.base_url, buffer, example
                    )
                    le["proxy"] = cost_of(proxy.tagged(proxy.tag))
                    if article["kind"] != "seed":
                        save_side(name, buffer, extractions)
                    le["raw_extractions"] = (
                        extractions
                        if article["kind"] == "seed"
                        # No devset text in the repository: offsets and classes only.
                        else [
                            {k: e[k] for k in ("class", "start", "end", "alignment")}
                            for e in extractions
                        ]
                    )
                    for merge in (False, True):
                        summary, defaults = langextract_summary(doc, extractions, merge=merge)
                        key = f"langextract_{buffer}" + ("_merged" if merge else "")
                        le_summaries.setdefault(key, {})[name] = summary
                        le["defaults" + ("_merged" if merge else "")] = defaults
                    row["langextract"][str(buffer)] = le
                    print(
                        f"  langextract {buffer}: {le['wall_seconds']}s "
                        f"calls={le['proxy']['calls']} error={le['error']}",
                        file=sys.stderr,
                    )
            proxy.tag = "idle"
            if "ours" in row and "raw" in row and row["ours"].get("error") is None:
                row["overhead_ratio"] = round(
                    row["ours"]["wall_seconds"] / row["raw"]["wall_seconds"], 3
                )
            results["articles"].append(row)
            results["eval"] = {"ours": score(golds, our_summaries)}
            for key, summaries in le_summaries.items():
                results["eval"][key] = score(golds, summaries)
            if dev_golds and any(n in dev_golds for n in our_summaries):
                gold_by_name = {n: g["gold"] for n, g in dev_golds.items()}
                results["eval_devset"] = {
                    "gold_files": {n: g["file"] for n, g in dev_golds.items()},
                    "ours": score(gold_by_name, our_summaries),
                }
                for key, summaries in le_summaries.items():
                    results["eval_devset"][key] = score(gold_by_name, summaries)
            elif previous.get("eval_devset"):
                results["eval_devset"] = previous["eval_devset"]
            results["totals"] = totals(results["articles"], buffers)
            results["requests"] = proxy.records
            RESULTS.write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
        if "eval" not in results:
            results["eval"] = {"ours": score(golds, our_summaries)}
            for key, summaries in le_summaries.items():
                results["eval"][key] = score(golds, summaries)
        results["totals"] = totals(results["articles"], buffers)
        proxy.stop()
        return results
    finally:
        if server is not None:
            server.stop()
        peer.close()


def totals(rows: list[dict[str, Any]], buffers: list[int]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    groups = {
        "all": rows,
        "seeds": [r for r in rows if r["kind"] == "seed"],
        "devset": [r for r in rows if r["kind"] == "devset"],
    }
    for group, members in groups.items():
        if not members:
            continue
        g: dict[str, Any] = {"articles": len(members)}
        ours = [r["ours"] for r in members if r.get("ours") and r["ours"].get("error") is None]
        if ours:
            g["ours"] = _sum(ours, lambda o: o["proxy"], lambda o: o["wall_seconds"])
            produced = sum(o["produced_items"] for o in ours)
            g["ours"]["grounded_share_items"] = (
                round(sum(o["grounded_items"] for o in ours) / produced, 3) if produced else None
            )
            g["ours"]["validator_grounded_share_mean"] = round(
                sum(o["validator_grounded_share"] for o in ours) / len(ours), 3
            )
            g["ours"]["reasks"] = sum(o["reasks"] for o in ours)
        raws = [r["raw"] for r in members if r.get("raw")]
        if raws:
            g["raw"] = _sum(raws, lambda o: o["proxy"], lambda o: o["wall_seconds"])
        single = [
            r for r in members if r.get("overhead_ratio") and r["ours"]["proxy"]["calls"] == 1
        ]
        if single:
            g["overhead_ratio_single_call"] = round(
                sum(r["ours"]["wall_seconds"] for r in single)
                / sum(r["raw"]["wall_seconds"] for r in single),
                3,
            )
            g["overhead_ratio_single_call_articles"] = [r["name"] for r in single]
        if ours and raws:
            g["overhead_ratio_all"] = round(
                sum(o["wall_seconds"] for o in ours) / sum(o["wall_seconds"] for o in raws), 3
            )
        for buffer in buffers:
            les = [
                r["langextract"][str(buffer)]
                for r in members
                if str(buffer) in r.get("langextract", {})
            ]
            if not les:
                continue
            s = _sum(les, lambda o: o["proxy"], lambda o: o["wall_seconds"])
            n = sum(o["extractions"] for o in les)
            aligned = sum(
                n_ - o["by_alignment"].get("unaligned", 0)
                for o, n_ in ((o, o["extractions"]) for o in les)
            )
            s["extractions"] = n
            s["grounded_share"] = round(aligned / n, 3) if n else None
            s["exact_share"] = (
                round(sum(o["by_alignment"].get("match_exact", 0) for o in les) / n, 3)
                if n
                else None
            )
            s["errors"] = sum(o["error"] is not None for o in les)
            g[f"langextract_{buffer}"] = s
        out[group] = g
    return out


def _sum(items: list[dict[str, Any]], proxy_of: Any, wall_of: Any) -> dict[str, Any]:
    n = len(items)
    calls = sum(proxy_of(o)["calls"] for o in items)
    return {
        "calls": calls,
        "calls_per_article": round(calls / n, 2),
        "prompt_tokens": sum(proxy_of(o)["prompt_tokens"] for o in items),
        "completion_tokens": sum(proxy_of(o)["completion_tokens"] for o in items),
        "wall_seconds": round(sum(wall_of(o) for o in items), 1),
        "wall_seconds_per_article": round(sum(wall_of(o) for o in items) / n, 1),
        "invalid_json": sum(proxy_of(o)["invalid_json"] for o in items),
        "cut_at_max_tokens": sum(proxy_of(o)["cut_at_max_tokens"] for o in items),
    }


# --------------------------------------------------------------------------- table


def print_table(results: dict[str, Any]) -> None:
    buffers = results["meta"]["buffers"]
    systems = [("ours", "this tool"), ("raw", "raw llama.cpp")] + [
        (f"langextract_{b}", f"LangExtract {b}") for b in buffers
    ]
    head = (
        f"{'article':<14} {'system':<18} {'calls':>5} {'prompt':>7} {'compl':>6} "
        f"{'wall s':>7} {'grounded':>8}"
    )
    print(head)
    print("-" * len(head))
    for row in results["articles"]:
        for key, label in systems:
            entry = _entry(row, key)
            if entry is None:
                continue
            p = entry["proxy"]
            grounded = entry.get("grounded_share_items", entry.get("grounded_share"))
            g = f"{grounded:.2f}" if isinstance(grounded, float | int) else "-"
            print(
                f"{row['name']:<14} {label:<18} {p['calls']:>5} {p['prompt_tokens']:>7} "
                f"{p['completion_tokens']:>6} {entry['wall_seconds']:>7.1f} {g:>8}"
            )
        if row.get("overhead_ratio"):
            print(f"{'':<14} overhead ratio (tool / raw wall): {row['overhead_ratio']:.2f}")
    print()
    for group, g in results.get("totals", {}).items():
        print(f"totals [{group}, {g['articles']} articles]")
        for key, label in systems:
            if key in g:
                s = g[key]
                extra = ""
                if "grounded_share_items" in s:
                    extra = (
                        f" grounded(items)={s['grounded_share_items']}"
                        f" validator={s['validator_grounded_share_mean']}"
                    )
                elif "grounded_share" in s:
                    extra = f" grounded={s['grounded_share']} exact={s['exact_share']}"
                print(
                    f"  {label:<18} calls/article={s['calls_per_article']} "
                    f"prompt={s['prompt_tokens']} "
                    f"completion={s['completion_tokens']} wall={s['wall_seconds']}s{extra}"
                )
        if "overhead_ratio_single_call" in g:
            print(f"  overhead ratio, single-call articles: {g['overhead_ratio_single_call']}")
    print()
    print_eval("eval (seeds)", results.get("eval") or {})
    if results.get("eval_devset"):
        print()
        print_eval("eval (devset)", results["eval_devset"])


def print_eval(title: str, evals: dict[str, Any]) -> None:
    print(
        f"{title:<26} {'attending F1':>12} {'partic. F1':>10} {'agenda F1':>9} "
        f"{'stances F1':>10} {'role':>5} {'affil':>5} {'ag.status':>9} {'kind':>5} {'loc':>5}"
    )
    for key, ev in evals.items():
        if not ev or key == "gold_files":
            continue
        o = ev["overall"]
        lists, fields = o["lists"], o["fields"]

        def f1(name: str, lists: dict[str, Any] = lists) -> str:
            return f"{lists[name]['f1']:.2f}" if name in lists else "-"

        def acc(name: str, fields: dict[str, Any] = fields) -> str:
            return f"{fields[name]['accuracy']:.2f}" if name in fields else "-"

        print(
            f"{key:<26} {f1('attending'):>12} {f1('participants'):>10} {f1('agenda'):>9} "
            f"{f1('stances'):>10} {acc('role'):>5} {acc('affiliation'):>5} "
            f"{acc('agenda_status'):>9} {acc('event_kind'):>5} {acc('event_location'):>5}"
        )


def _entry(row: dict[str, Any], key: str) -> dict[str, Any] | None:
    if key.startswith("langextract_"):
        return row.get("langextract", {}).get(key.split("_", 1)[1])
    entry = row.get(key)
    return entry if entry and "proxy" in entry else None


# --------------------------------------------------------------------------- Markdown tables


def markdown(results: dict[str, Any]) -> str:
    """The report's tables (docs/benchmarks.md), from the results JSON alone."""
    buffers = results["meta"]["buffers"]
    systems = [("ours", "this tool"), ("raw", "raw llama.cpp call")] + [
        (f"langextract_{b}", f"LangExtract, buffer {b}") for b in buffers
    ]
    out: list[str] = []
    out.append(
        "| article | chars | system | calls | prompt tok | completion tok | wall s "
        "| items located |"
    )
    out.append("| --- | ---: | --- | ---: | ---: | ---: | ---: | --- |")
    for row in results["articles"]:
        first = True
        for key, label in systems:
            entry = _entry(row, key)
            if entry is None:
                continue
            p = entry["proxy"]
            if key == "ours":
                located = (
                    f"{entry['grounded_items']}/{entry['produced_items']} "
                    f"(validator {entry['validator_grounded_share']:.2f})"
                )
            elif key == "raw":
                located = "–"
            else:
                n = entry["extractions"]
                exact = entry["by_alignment"].get("match_exact", 0)
                aligned = n - entry["by_alignment"].get("unaligned", 0)
                located = f"{aligned}/{n} ({exact} exact)"
                if entry.get("error"):
                    located += f", error: {entry['error'][:60]}"
            name = f"{row['name']}" if first else ""
            chars = str(row["chars"]) if first else ""
            first = False
            out.append(
                f"| {name} | {chars} | {label} | {p['calls']} | {p['prompt_tokens']} | "
                f"{p['completion_tokens']} | {entry['wall_seconds']:.1f} | {located} |"
            )
    out.append("")
    for group, g in results.get("totals", {}).items():
        out.append(f"**Totals, {group} ({g['articles']} articles)**")
        out.append("")
        out.append(
            "| system | calls/article | prompt tok | completion tok | wall s (per article) "
            "| items located | invalid JSON / cut at max_tokens |"
        )
        out.append("| --- | ---: | ---: | ---: | ---: | --- | --- |")
        for key, label in systems:
            if key not in g:
                continue
            t = g[key]
            if key == "ours":
                located = (
                    f"{t['grounded_share_items']:.2f} (validator mean "
                    f"{t['validator_grounded_share_mean']:.2f})"
                )
            elif key == "raw":
                located = "–"
            else:
                located = f"{t['grounded_share']:.2f} ({t['exact_share']:.2f} exact)"
            out.append(
                f"| {label} | {t['calls_per_article']} | {t['prompt_tokens']} | "
                f"{t['completion_tokens']} | {t['wall_seconds']} "
                f"({t['wall_seconds_per_article']}) | {located} | "
                f"{t['invalid_json']} / {t['cut_at_max_tokens']} |"
            )
        out.append("")
    out.append(
        "| article | tool calls | tool wall s | raw call s | ratio | first call s "
        "| re-ask s | outside the model s |"
    )
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in results["articles"]:
        if not row.get("overhead_ratio"):
            continue
        ours, raw = row["ours"], row["raw"]
        secs = ours["proxy"]["call_seconds"]
        reask = sum(secs[1:])
        outside = ours["wall_seconds"] - sum(secs)
        out.append(
            f"| {row['name']} | {ours['proxy']['calls']} | {ours['wall_seconds']:.1f} | "
            f"{raw['wall_seconds']:.1f} | {row['overhead_ratio']:.2f} | {secs[0]:.1f} | "
            f"{reask:.1f} | {outside:.2f} |"
        )
    out.append("")
    for title, evals in (
        ("seeds", results.get("eval") or {}),
        ("devset", results.get("eval_devset") or {}),
    ):
        keys = [k for k in evals if k != "gold_files" and evals[k]]
        if not keys:
            continue
        out.append(f"**Scores against gold ({title}, {evals[keys[0]]['articles']} articles)**")
        out.append("")
        out.append("| measure | " + " | ".join(_eval_label(k) for k in keys) + " |")
        out.append("| --- |" + " --- |" * len(keys))
        for measure in ("attending", "participants", "agenda", "stances"):
            cells = []
            for k in keys:
                c = evals[k]["overall"]["lists"].get(measure)
                cells.append(
                    f"{c['precision']:.2f} / {c['recall']:.2f} / {c['f1']:.2f}" if c else "–"
                )
            out.append(f"| {measure} (P / R / F1) | " + " | ".join(cells) + " |")
        for measure in (
            "role",
            "affiliation",
            "agenda_status",
            "stance_position",
            "event_kind",
            "event_status",
            "event_location",
        ):
            cells = []
            for k in keys:
                a = evals[k]["overall"]["fields"].get(measure)
                cells.append(f"{a['accuracy']:.2f} ({a['right']}/{a['total']})" if a else "–")
            out.append(f"| {measure} | " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out)


def _eval_label(key: str) -> str:
    if key == "ours":
        return "this tool"
    buffer = key.split("_")[1]
    return f"LangExtract {buffer}" + (" (names merged)" if key.endswith("_merged") else "")


# --------------------------------------------------------------------------- chart


def draw_chart(results: dict[str, Any], path: Path) -> None:
    """Four panels: wall time and model calls per article, grounded share, eval F1 (seeds)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    buffers = results["meta"]["buffers"]
    systems = [("ours", "this tool", "#1f77b4"), ("raw", "raw llama.cpp call", "#aaaaaa")]
    colors = ["#ff7f0e", "#d62728", "#9467bd"]
    systems += [
        (f"langextract_{b}", f"LangExtract (buffer {b})", colors[i % 3])
        for i, b in enumerate(buffers)
    ]
    rows = results["articles"]
    names = [r["name"].replace("seed_", "seed ").replace("dev_", "dev ") for r in rows]
    fig, axes = plt.subplots(2, 2, figsize=(13, 8.5))
    width = 0.8 / len(systems)

    def bars(
        ax: Any, value_of: Any, title: str, ylabel: str, keys: list[str] | None = None
    ) -> None:
        shown = [s for s in systems if keys is None or s[0] in keys]
        w = 0.8 / len(shown)
        for i, (key, label, color) in enumerate(shown):
            xs, ys = [], []
            for j, row in enumerate(rows):
                entry = _entry(row, key)
                if entry is not None and value_of(entry) is not None:
                    xs.append(j - 0.4 + w * (i + 0.5))
                    ys.append(value_of(entry))
            ax.bar(xs, ys, w, label=label, color=color)
        ax.set_xticks(range(len(rows)))
        ax.set_xticklabels(names, rotation=30, ha="right", fontsize=8)
        seeds = sum(r["kind"] == "seed" for r in rows)
        if 0 < seeds < len(rows):  # seeds | devset articles (no gold)
            ax.axvline(seeds - 0.5, color="black", linestyle=":", linewidth=1)
        ax.set_title(title, fontsize=11)
        ax.set_ylabel(ylabel)
        ax.grid(axis="y", alpha=0.3)

    del width
    bars(
        axes[0][0],
        lambda e: e["wall_seconds"],
        "Wall time per article (one llama.cpp server, 2 CPU cores)",
        "seconds",
    )
    axes[0][0].legend(fontsize=8)
    bars(axes[0][1], lambda e: e["proxy"]["calls"], "Model calls per article", "HTTP requests")
    bars(
        axes[1][0],
        lambda e: e.get("grounded_share_items", e.get("grounded_share")),
        "Share of extracted items located in the text",
        "share",
        keys=[s[0] for s in systems if s[0] != "raw"],
    )
    axes[1][0].set_ylim(0, 1.05)

    ax = axes[1][1]
    evals = results.get("eval") or {}
    measures = [
        ("attending", "attending"),
        ("participants", "participants"),
        ("agenda", "agenda"),
        ("stances", "stances"),
    ]
    shown = [(k, label, c) for k, label, c in systems if evals.get(k)]
    merged = [
        (f"{k}_merged", f"{label}, names merged", c)
        for k, label, c in shown
        if k.startswith("langextract_") and evals.get(f"{k}_merged")
    ]
    shown = shown + merged
    w = 0.8 / max(len(shown), 1)
    for i, (key, label, color) in enumerate(shown):
        lists = evals[key]["overall"]["lists"]
        ys = [lists.get(m, {}).get("f1", 0.0) for m, _ in measures]
        xs = [j - 0.4 + w * (i + 0.5) for j in range(len(measures))]
        hatch = "//" if key.endswith("_merged") else None
        drawn = ax.bar(
            xs,
            ys,
            w,
            label=label,
            color=color,
            hatch=hatch,
            alpha=0.6 if hatch else 1.0,
            edgecolor="white" if not hatch else "black",
        )
        ax.bar_label(drawn, fmt="%.2f", fontsize=6, padding=1)
    ax.set_xticks(range(len(measures)))
    ax.set_xticklabels([label for _, label in measures])
    n_gold = next((ev["articles"] for ev in evals.values() if ev), 0)
    ax.set_title(f"F1 against hand-written gold ({n_gold} seed articles)", fontsize=11)
    ax.set_ylim(0, 1.05)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=7)
    env = results["meta"]
    fig.suptitle(
        f"{env['model_file']} via llama-cpp-python {env['llama_cpp_python']}: "
        f"summarizer {env['summarizer']} vs LangExtract {env['peer'].get('langextract', '?')}",
        fontsize=12,
    )
    fig.tight_layout()
    fig.savefig(path, dpi=110)


# --------------------------------------------------------------------------- entry point


def main(argv: list[str] | None = None) -> int:
    global RESULTS
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", choices=["seeds", "seeds+devset"], default="seeds")
    parser.add_argument("--quick", action="store_true", help=f"only seed {QUICK_SEED} (a dry run)")
    parser.add_argument(
        "--buffers",
        default="1000",
        help="LangExtract max_char_buffer values, comma-separated (default 1000)",
    )
    parser.add_argument("--systems", default="ours,raw,langextract")
    parser.add_argument("--model-path", default=str(DEFAULT_MODEL))
    parser.add_argument("--peer-python", default=str(PEER_PYTHON))
    parser.add_argument("--server-url", help="use this running server instead of starting one")
    parser.add_argument(
        "--append",
        action="store_true",
        help="keep the rows already in the results file; run only missing articles",
    )
    parser.add_argument(
        "--chart-only",
        action="store_true",
        help=f"redraw {CHART.relative_to(ROOT)} from {RESULTS.relative_to(ROOT)}",
    )
    parser.add_argument(
        "--rescore", action="store_true", help="recompute the scores in the results file"
    )
    parser.add_argument(
        "--markdown", action="store_true", help="print the report's tables from the results file"
    )
    parser.add_argument("--results", default=str(RESULTS))
    parser.add_argument("--chart", default=str(CHART))
    args = parser.parse_args(argv)
    RESULTS = Path(args.results)
    if args.rescore:
        results = rescore(json.loads(RESULTS.read_text(encoding="utf-8")))
        RESULTS.write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
        print_table(results)
        return 0
    if args.markdown:
        print(markdown(json.loads(RESULTS.read_text(encoding="utf-8"))))
        return 0
    if args.chart_only:
        results = json.loads(RESULTS.read_text(encoding="utf-8"))
        draw_chart(results, Path(args.chart))
        print(f"wrote {args.chart}")
        return 0
    results = run(args)
    print_table(results)
    # matplotlib lives in the peer venv, not in the package's dependencies.
    subprocess.run(
        [
            args.peer_python,
            __file__,
            "--chart-only",
            "--results",
            str(RESULTS),
            "--chart",
            args.chart,
        ],
        check=False,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
