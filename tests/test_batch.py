"""summarize_many over many articles against a scripted server on 127.0.0.1.

Concurrency bounds, input order, the on_result/on_total callbacks, default concurrency per
endpoint, duplicates (exact and near) folded into one request, a failed leader, cache first
(and --refresh), the cooldown shared after a 429, and usage accounting per item and per batch.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer import ArticleSummary, ItemFailure, resolve_settings, summarize_many
from summarizer.cli.main import main

from fakes.articles import (
    ANSWER,
    ARTICLE,
    article,
    assert_offsets_exact,
    cache_count,
    marker,
    ok,
    settings_for,
    write_articles,
)
from fakes.routed import concurrent_server
from fakes.scripted import Reply


def write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


# --------------------------------------------------------------------------- concurrency


def test_concurrency_is_bounded_order_kept_and_each_result_reported_once(tmp_path):
    paths = [str(p) for p in write_articles(tmp_path / "in", 12)]
    inputs = paths[::-1]  # input order, deliberately not the sorted order
    reported: list[ArticleSummary | ItemFailure] = []
    totals: list[int] = []
    with concurrent_server([ok(delay=0.3)]) as server:
        results = summarize_many(
            inputs,
            settings=settings_for(server.base_url, tmp_path, concurrency=4),
            on_result=reported.append,
            on_total=totals.append,
        )
    assert server.max_in_flight == 4  # never more than asked, and really concurrent
    assert len(server.seen) == 12
    assert all(isinstance(r, ArticleSummary) for r in results), results
    assert [r.source.path for r in results] == inputs
    assert [marker(11 - i) in r.source.text for i, r in enumerate(results)] == [True] * 12
    assert totals == [12]
    assert len(reported) == 12
    assert {id(r) for r in reported} == {id(r) for r in results}  # each once, the same object


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        (None, 1),  # the embedded llama.cpp server answers one request at a time
        ("https://api.openai.com/v1", 8),
        ("http://127.0.0.1:8080/v1", 4),
        ("http://localhost:11434/v1", 4),
    ],
)
def test_default_concurrency_depends_on_the_endpoint(base_url, expected):
    flags = {"base_url": base_url, "model": "m" if base_url else None}
    assert resolve_settings(flags, environ={}).resolved_concurrency() == expected
    assert resolve_settings({**flags, "concurrency": 2}, environ={}).resolved_concurrency() == 2


def test_a_batch_without_a_concurrency_setting_uses_the_endpoint_default(tmp_path):
    paths = write_articles(tmp_path / "in", 8)
    with concurrent_server([ok(delay=0.3)]) as server:
        results = summarize_many(paths, settings=settings_for(server.base_url, tmp_path))
    assert server.max_in_flight == 4
    assert all(isinstance(r, ArticleSummary) for r in results)


# --------------------------------------------------------------------------- duplicates


def test_exact_duplicates_make_one_request_and_keep_their_own_path(tmp_path):
    first = write(tmp_path / "in" / "one.txt", article(1))
    other = write(tmp_path / "in" / "two.txt", article(2))
    copy = write(tmp_path / "elsewhere" / "copy of one.txt", article(1))
    with concurrent_server([ok()]) as server:
        results = summarize_many(
            [first, other, copy], settings=settings_for(server.base_url, tmp_path)
        )
    assert len(server.seen) == 2
    assert server.requests_with(marker(1)) == 1
    leader, second, dup = results
    assert isinstance(leader, ArticleSummary) and isinstance(dup, ArticleSummary)
    assert isinstance(second, ArticleSummary) and second.duplicate_of is None
    assert leader.duplicate_of is None
    assert dup.duplicate_of == leader.id
    assert (leader.source.path, dup.source.path) == (first, copy)
    assert dup.event == leader.event and dup.participants == leader.participants
    assert_offsets_exact(dup)


def near_copy(text: str) -> str:
    """The same article with other spacing, curly quotes and case."""
    return (
        text.replace('"will not accept', "\u201cwill not accept")
        .replace('mackerel quota"', "mackerel quota\u201d")
        .replace("fishing dispute", "FISHING  DISPUTE")
        .replace(" on Tuesday and", "  on   Tuesday and")
        .replace("Analysts at", "Analysts  at")
    )


def test_near_duplicates_make_one_request_and_offsets_index_their_own_text(tmp_path):
    variant = near_copy(article(1))
    assert variant != article(1)
    first = write(tmp_path / "in" / "one.txt", article(1))
    near = write(tmp_path / "in" / "one-reprinted.txt", variant)
    with concurrent_server([ok()]) as server:
        leader, dup = summarize_many(
            [first, near], settings=settings_for(server.base_url, tmp_path)
        )
    assert len(server.seen) == 1
    assert isinstance(leader, ArticleSummary) and isinstance(dup, ArticleSummary)
    assert dup.duplicate_of == leader.id
    assert dup.source.path == near and dup.source.text == variant
    assert_offsets_exact(leader)
    assert_offsets_exact(dup)  # every span re-located in the duplicate's own text
    stance = dup.stances[0].evidence[0]
    assert "\u201cwill not accept" in stance.quote  # its own curly quotes, not the leader's
    assert (len(dup.participants), len(dup.agenda), len(dup.stances)) == (
        len(leader.participants),
        len(leader.agenda),
        len(leader.stances),
    )


def test_a_failed_leader_fails_its_duplicates_and_the_batch_goes_on(tmp_path):
    leader_path = write(tmp_path / "in" / "one.txt", article(1))
    other = write(tmp_path / "in" / "two.txt", article(2))
    exact = write(tmp_path / "in" / "one-copy.txt", article(1))
    near = write(tmp_path / "in" / "one-near.txt", near_copy(article(1)))
    routes = {marker(1): [Reply(status=500, body='{"error": {"message": "boom"}}')]}
    with concurrent_server([ok()], routes=routes) as server:
        results = summarize_many(
            [leader_path, other, exact, near],
            settings=settings_for(server.base_url, tmp_path, transport_retries=1),
        )
    assert server.requests_with(marker(1)) == 2  # the leader and its one retry, nothing more
    failed, done, dup_exact, dup_near = results
    assert isinstance(failed, ItemFailure) and failed.kind == "modelunavailable"
    assert "HTTP 500" in failed.error
    assert isinstance(done, ArticleSummary)
    for dup, path in ((dup_exact, exact), (dup_near, near)):
        assert isinstance(dup, ItemFailure)
        assert dup.kind == "duplicate" and dup.path == path
        assert dup.error and "\n" not in dup.error
    assert cache_count(tmp_path / "cache.sqlite3") == 1


# --------------------------------------------------------------------------- cache


def test_cache_first_then_refresh(tmp_path):
    paths = [str(p) for p in write_articles(tmp_path / "in", 4)]
    paths.append(write(tmp_path / "dup" / "a000-copy.txt", article(0)))
    with concurrent_server([ok()]) as server:
        first = summarize_many(paths, settings=settings_for(server.base_url, tmp_path))
        assert len(server.seen) == 4
        second = summarize_many(paths, settings=settings_for(server.base_url, tmp_path))
        assert len(server.seen) == 4  # zero requests: everything came from the cache
        third = summarize_many(
            paths, settings=settings_for(server.base_url, tmp_path, refresh=True)
        )
        assert len(server.seen) == 8  # --refresh asks again
    assert all(isinstance(r, ArticleSummary) and not r.cached for r in first)
    assert all(isinstance(r, ArticleSummary) and r.cached for r in second)
    assert all(isinstance(r, ArticleSummary) and not r.cached for r in third)
    assert [r.source.path for r in second] == paths
    for old, new in zip(first, second, strict=True):
        assert isinstance(old, ArticleSummary) and isinstance(new, ArticleSummary)
        assert (new.id, new.event, new.participants) == (old.id, old.event, old.participants)
    assert second[-1].duplicate_of == second[0].id
    assert cache_count(tmp_path / "cache.sqlite3") == 4


# --------------------------------------------------------------------------- rate limits


@pytest.mark.parametrize("processes", [1, 2], ids=["threads", "worker-processes"])
def test_a_429_holds_back_every_worker(tmp_path, processes):
    # With worker processes (summarizer/engine/workers.py) the cooldown is shared across processes.
    paths = write_articles(tmp_path / "in", 6)
    script = [
        # The first request gets its 429 once the whole first wave has surely arrived, and well
        # before the others are answered: every later request must wait for the cooldown.
        Reply(status=429, body="{}", headers={"retry-after": "1"}, delay=0.3),
        ok(delay=0.6),
    ]
    with concurrent_server(script) as server:
        results = summarize_many(
            paths,
            settings=settings_for(server.base_url, tmp_path, concurrency=4, processes=processes),
        )
    assert all(isinstance(r, ArticleSummary) for r in results), results
    [limited] = [a for a in server.arrivals if a.status == 429]
    assert limited.replied is not None
    during = [
        round(a.arrived - limited.replied, 3)
        for a in server.arrivals
        if limited.replied < a.arrived < limited.replied + 0.8
    ]
    assert during == [], f"requests sent during the cooldown, seconds after the 429: {during}"
    later = [a.arrived - limited.replied for a in server.arrivals if a.arrived > limited.replied]
    assert later and min(later) >= 0.8
    assert len(server.seen) == 7  # 6 articles + the one retry


# --------------------------------------------------------------------------- usage


def test_usage_counts_every_http_attempt_and_the_batch_total_is_the_sum(
    tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv("SUMMARIZER_BACKOFF_BASE", "0.001")
    paths = [str(p) for p in write_articles(tmp_path / "in", 3)]
    routes = {marker(1): [Reply(status=503, body="{}"), ok()]}
    with concurrent_server([ok()], routes=routes) as server:
        results = summarize_many(paths, settings=settings_for(server.base_url, tmp_path))
        assert all(isinstance(r, ArticleSummary) for r in results)
        assert [r.usage.calls for r in results] == [1, 2, 1]
        assert [r.usage.prompt_tokens for r in results] == [1000, 1000, 1000]  # 503: no usage
        assert sum(r.usage.calls for r in results) == len(server.seen) == 4
        # The CLI's batch totals add up the same per-item figures (fresh cache, same faults).
        server.routes = {marker(1): [Reply(status=503, body="{}"), ok()]}
        out, cache = str(tmp_path / "out"), str(tmp_path / "cli-cache.sqlite3")
        flags = ["--base-url", server.base_url, "--model", "fake-model", "--cache", cache]
        code = main(["run", *paths, "--out", out, "--json-log", *flags])
        assert len(server.seen) == 8
    assert code == 0
    records = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    items = [r for r in records if r["event"] == "item"]
    done = records[-1]
    assert done["event"] == "done"
    assert sorted(r["calls"] for r in items) == [1, 1, 2]
    assert done["calls"] == sum(r["calls"] for r in items) == 4
    assert done["prompt_tokens"] == 3000 and done["completion_tokens"] == 150


def test_tokens_of_an_answer_interrupted_by_a_transport_error_are_counted(tmp_path):
    script = [Reply(content="not JSON {"), Reply(status=503, body="{}"), ok()]
    with concurrent_server(script) as server:
        [result] = summarize_many(
            [write(tmp_path / "a.txt", article(1))],
            settings=settings_for(server.base_url, tmp_path),
        )
    assert isinstance(result, ArticleSummary)
    assert result.usage.calls == 3
    # Two requests were answered with usage (1000 + 50 each); the 503 had none.
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == (2000, 100)


def test_batch_totals_include_the_requests_of_failed_items(tmp_path, capsys):
    paths = [str(p) for p in write_articles(tmp_path / "in", 3)]
    routes = {marker(1): [Reply(content="not JSON {")]}  # two answers, then the item fails
    with concurrent_server([ok()], routes=routes) as server:
        cache = str(tmp_path / "cache.sqlite3")
        flags = ["--base-url", server.base_url, "--model", "fake-model", "--cache", cache]
        code = main(["run", *paths, "--out", str(tmp_path / "out"), "--json-log", *flags])
        requests = len(server.seen)
    assert code == 1 and requests == 4
    done = json.loads(capsys.readouterr().err.splitlines()[-1])
    assert done["failed"] == 1
    assert done["calls"] == requests


# --------------------------------------------------------------------------- CLI output of a batch


def cli_flags(base_url: str, tmp_path: Path) -> list[str]:
    cache = str(tmp_path / "cache.sqlite3")
    return ["--base-url", base_url, "--model", "fake-model", "--cache", cache, "-q"]


def test_summaries_jsonl_is_in_input_order_with_cache_hits_and_duplicates(tmp_path):
    inputs = tmp_path / "in"
    for name, text in (("a", article(1)), ("b", article(2)), ("c", article(3))):
        write(inputs / f"{name}.txt", text)
    write(inputs / "d.txt", article(1))  # an exact duplicate of a.txt
    with concurrent_server([ok()]) as server:
        flags = cli_flags(server.base_url, tmp_path)
        assert main(["run", str(inputs / "c.txt"), "--out", str(tmp_path / "o1"), *flags]) == 0
        assert main(["run", str(inputs), "--out", str(tmp_path / "o2"), *flags]) == 0
    lines = (tmp_path / "o2" / "summaries.jsonl").read_text(encoding="utf-8").splitlines()
    names = [Path(json.loads(line)["source"]["path"]).name for line in lines]
    assert names == ["a.txt", "b.txt", "c.txt", "d.txt"]


def test_exact_duplicates_with_the_same_file_name_each_get_a_result_file(tmp_path):
    inputs = tmp_path / "in"
    for folder in ("x", "y", "z"):
        write(inputs / folder / "story.txt", ARTICLE)
    out = tmp_path / "out"
    with concurrent_server([Reply(content=ANSWER)]) as server:
        assert (
            main(["run", str(inputs), "--out", str(out), *cli_flags(server.base_url, tmp_path)])
            == 0
        )
        assert len(server.seen) == 1
    lines = (out / "summaries.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    written = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(out.glob("*.json"))]
    assert sorted(w["source"]["path"] for w in written) == sorted(
        str(inputs / folder / "story.txt") for folder in ("x", "y", "z")
    )
