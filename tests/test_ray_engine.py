"""The Ray Data engine (summarizer/engine/ray.py) in Ray's local mode, against fake servers on
127.0.0.1: the same results as the single-machine path, usage that matches the server's log,
faults (429 bursts, 5xx, bad JSON, an actor killed mid-run), resume after a finished, cancelled
or crashed run, bad input rows, and Ray never imported unless asked for.

One Ray session for the whole module (`ray.init(num_cpus=2, include_dashboard=False)`).
"""

from __future__ import annotations

import _thread
import json
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer import ArticleSummary, ItemFailure, resolve_settings, summarize_many
from summarizer.cli import main
from summarizer.engine.ray import finished_ids
from summarizer.ingest import document_from_text

from conftest import ROOT
from fakes.articles import article, marker, ok, settings_for, write_articles
from fakes.routed import concurrent_server, prompt_chars
from fakes.scripted import Reply, Seen

OPENAI_KEY = "sk-test-openai-key-never-sent-elsewhere"
FLEET_KEY = "fleet-key-for-the-vllm-url"
FAST_RETRIES = {"SUMMARIZER_BACKOFF_BASE": "0.001", "SUMMARIZER_TRANSPORT_RETRIES": "2"}


@pytest.fixture(scope="module")
def ray_local() -> Iterator[str]:
    """One local Ray for the module; yields its address (for a second driver to join)."""
    ray = pytest.importorskip("ray", reason="the ray extra is part of dev")
    # Ray's workers get the environment Ray starts with: two keys, to see where they go.
    keys = {"OPENAI_API_KEY": OPENAI_KEY, "SUMMARIZER_TEST_FLEET_KEY": FLEET_KEY}
    saved = {name: os.environ.get(name) for name in [*keys, "RAY_AUTH_MODE"]}
    os.environ.update(keys)
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")  # nothing to authenticate on 127.0.0.1
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        logging_level=logging.ERROR,
        log_to_driver=False,
    )
    try:
        yield ray.get_runtime_context().gcs_address
    finally:
        ray.shutdown()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def flags(base_url: str, *extra: str) -> list[str]:
    return ["--base-url", base_url, "--model", "fake-model", "--structured", "llamacpp", *extra]


def ray_run(inputs: list[str], out: Path, base_url: str, *extra: str) -> int:
    return main(["run", *inputs, "--out", str(out), "--engine", "ray", *flags(base_url, *extra)])


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def shard_rows(out: Path) -> list[dict]:
    import pyarrow.parquet as pq

    rows: list[dict] = []
    for shard in sorted((out / "parquet").glob("*.parquet")):
        rows += pq.read_table(shard).to_pylist()
    return rows


def readable_shards(out: Path) -> int:
    """Shards that are complete (without touching the ones still being written)."""
    import pyarrow.parquet as pq

    count = 0
    for shard in (out / "parquet").glob("*.parquet"):
        try:
            pq.read_metadata(shard)
            count += 1
        except Exception:
            pass
    return count


def comparable(summary: dict) -> dict:
    return {k: v for k, v in summary.items() if k != "seconds"}


def actor_pids() -> list[int]:
    """Live Ray actors running our UDF (Ray names the process after the UDF class)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if "ArticleSummarizer" in cmdline and int(entry.name) != os.getpid():
            found.append(int(entry.name))
    return found


# --------------------------------------------------------------------------- no Ray unless asked


def test_import_and_the_local_cli_never_import_ray(tmp_path):
    code = (
        "import sys\n"
        "import summarizer, summarizer.cli\n"
        "summarizer.summarize_dataset  # the public name loads; Ray only when it is called\n"
        "summarizer.cli.main(['config', 'show'])\n"
        f"summarizer.cli.main(['run', {str(tmp_path / 'missing.txt')!r}, '--out', "
        f"{str(tmp_path / 'out')!r}, '-q', '--base-url', 'http://127.0.0.1:9/v1', "
        "'--model', 'm', '--no-cache'])\n"
        "loaded = [m for m in ('ray', 'pyarrow') if m in sys.modules]\n"
        "print('LOADED', loaded)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert "LOADED []" in done.stdout, done.stdout + done.stderr


def test_without_the_extra_the_error_names_the_install_command(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "ray", None)  # as if Ray were not installed
    code = ray_run([str(tmp_path)], tmp_path / "out", "http://127.0.0.1:9/v1")
    assert code == 2
    assert "pip install 'summarizer[ray]'" in " ".join(capsys.readouterr().err.split())


def test_the_embedded_server_is_not_for_a_cluster(tmp_path, capsys):
    code = main(["run", str(tmp_path), "--out", str(tmp_path / "out"), "--engine", "ray"])
    assert code == 2
    assert "--engine ray needs --base-url" in " ".join(capsys.readouterr().err.split())
    with pytest.raises(Exception, match="--ray-address needs --engine ray"):
        resolve_settings({"ray_address": "auto", "base_url": "http://h/v1", "model": "m"})
    settings = resolve_settings({"engine": "ray", "base_url": "http://h/v1", "model": "m"})
    assert (settings.engine, settings.ray_address) == ("ray", None)


def test_inputs_are_split_into_files_for_ingest_and_parquet(tmp_path):
    from summarizer.engine.ray import split_inputs

    inputs = tmp_path / "in"
    write_articles(inputs, 2)
    (inputs / "day.parquet").write_bytes(b"")  # listed only, not read here
    out = inputs / "out"
    (out / "parquet").mkdir(parents=True)
    (out / "parquet" / "shard.parquet").write_bytes(b"")  # our own output: never an input
    missing = str(tmp_path / "missing.txt")
    files, parquet = split_inputs([str(inputs), "s3://news/2026-11-29/", missing], out.resolve())
    assert [Path(f["path"]).name for f in files[:2]] == ["a000.txt", "a001.txt"]
    assert files[2] == {"path": missing, "error": "no such file or directory"}
    assert parquet == [str(inputs / "day.parquet"), "s3://news/2026-11-29/"]


def test_the_record_keeps_one_result_per_article_summaries_first_then_the_latest(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from summarizer.engine.ray import _result_schema, consolidate

    shards = tmp_path / "out" / "parquet"
    shards.mkdir(parents=True)

    def row(article: str | None, status: str, note: str, run: str = "old", **extra) -> dict:
        ok = status == "ok"
        return {
            "id": article,
            "input_id": extra.get("input_id"),
            "path": extra.get("path", f"{article}.txt"),
            "status": status,
            "summary": json.dumps({"id": article, "note": note}) if ok else None,
            "error": None if ok else json.dumps({"id": article, "error": note}),
            "prompt_tokens": 100,
            "completion_tokens": 10,
            "calls": 1,
            "cached": extra.get("cached", False),
            "run_id": run,
        }

    written = [
        [row("A", "failed", "first try"), row("B", "ok", "B")],
        [row("A", "ok", "A"), row("C", "failed", "C first", run="new")],
        [
            row("C", "failed", "C again", run="new"),
            row("B", "failed", "B later failure", run="new"),
            row("D", "ok", "D", run="new", cached=True),
            row(None, "failed", "empty article", run="new", path="rows.parquet", input_id="7"),
        ],
    ]
    for number, rows in enumerate(written):
        path = shards / f"{number}.parquet"
        pq.write_table(pa.Table.from_pylist(rows, schema=_result_schema()), path)
        os.utime(path, ns=(number * 10**9, number * 10**9))  # oldest first
    (shards / "9.parquet").write_bytes(b"PAR1")  # a crash left it half-written

    record = consolidate(tmp_path / "out", run_id="new")
    summaries = read_jsonl(tmp_path / "out" / "summaries.jsonl")
    errors = read_jsonl(tmp_path / "out" / "errors.jsonl")
    assert sorted(s["note"] for s in summaries) == ["A", "B", "D"]  # a summary beats a failure
    assert sorted(e["error"] for e in errors) == ["C again", "empty article"]  # the latest
    assert (record.done, record.failed) == (3, 2)
    # This run's cost: its rows, less the one the cache answered.
    assert (record.this_run_rows, record.this_run_cached, record.this_run.calls) == (5, 1, 4)
    assert not (shards / "9.parquet").exists() and (shards / "9.parquet.unreadable").exists()


# --------------------------------------------------------------------------- same results


def test_200_articles_give_the_single_machine_results_and_usage_matches_the_server(
    tmp_path, ray_local
):
    paths = [str(p) for p in write_articles(tmp_path / "in", 200)]
    with concurrent_server([ok()], honest_usage=True) as server:
        local = summarize_many(
            paths, settings=settings_for(server.base_url, tmp_path, use_cache=False, concurrency=8)
        )
        before = len(server.seen)
        out = tmp_path / "out"
        code = ray_run(paths, out, server.base_url, "--no-cache", "--concurrency", "8")
        seen = server.seen[before:]
    assert code == 0
    assert all(isinstance(r, ArticleSummary) for r in local)
    expected = {r.id: comparable(r.model_dump(mode="json")) for r in local}
    got = {s["id"]: comparable(s) for s in read_jsonl(out / "summaries.jsonl")}
    assert got.keys() == expected.keys() and len(got) == 200
    assert got == expected  # same ids, same fields (wall time apart)
    assert not (out / "errors.jsonl").exists()
    rows = shard_rows(out)
    assert sorted(r["id"] for r in rows) == sorted(expected)  # each article once
    # OPENAI_API_KEY is in every actor's environment, and never sent to another endpoint.
    assert {s.headers.get("authorization") for s in seen} == {"Bearer no-key"}
    # Usage: what the rows say is what the server answered, request for request.
    assert len(seen) == 200
    assert sum(r["calls"] for r in rows) == len(seen)
    assert sum(r["prompt_tokens"] for r in rows) == sum(prompt_chars(s.body) // 4 for s in seen)
    assert sum(r["completion_tokens"] for r in rows) == 50 * len(seen)


def test_a_named_key_goes_to_its_endpoint_only(tmp_path, ray_local):
    write_articles(tmp_path / "in", 4)
    with concurrent_server([ok()]) as server:
        extra = ("--api-key-env", "SUMMARIZER_TEST_FLEET_KEY", "--no-cache", "-q")
        assert ray_run([str(tmp_path / "in")], tmp_path / "out", server.base_url, *extra) == 0
    assert {s.headers.get("authorization") for s in server.seen} == {f"Bearer {FLEET_KEY}"}
    written = (tmp_path / "out" / "summaries.jsonl").read_text(encoding="utf-8")
    files = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    written += "".join(p.read_bytes().decode("latin-1") for p in files)
    assert FLEET_KEY not in written and OPENAI_KEY not in written


def test_one_big_jsonl_file_keeps_every_actor_busy(tmp_path, ray_local):
    # Ingest gives one block per task (here the whole file); it is cut into batches before
    # the actors, or one actor would get all of it.
    records = [json.dumps({"title": "T", "maintext": article(i)}) for i in range(40)]
    news = tmp_path / "news.jsonl"
    news.write_text("\n".join(records) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    with concurrent_server([ok(delay=0.2)]) as server:
        flags = ("--no-cache", "--concurrency", "4", "--processes", "2")
        assert ray_run([str(news)], out, server.base_url, *flags) == 0
    assert len(server.seen) == 40
    assert server.max_in_flight == 4  # two actors of two threads, both at work
    assert len(read_jsonl(out / "summaries.jsonl")) == 40


# --------------------------------------------------------------------------- faults and resume


def test_faults_lose_and_duplicate_nothing_and_the_rerun_makes_only_the_missing_calls(
    tmp_path, ray_local, monkeypatch
):
    for name, value in FAST_RETRIES.items():
        monkeypatch.setenv(name, value)
    count = 60
    paths = [str(p) for p in write_articles(tmp_path / "in", count)]
    limited = Reply(status=429, body="{}", headers={"retry-after": "0.3"})
    routes = {
        **{marker(i): [limited, ok(delay=0.05)] for i in (3, 4, 5, 6)},  # a burst of 429s
        marker(10): [Reply(status=500, body="{}"), Reply(status=502, body="{}"), ok()],
        marker(20): [Reply(content="not JSON {")],  # always: fails after its re-ask
        marker(30): [Reply(status=503, body="{}")],  # always: fails after the retries
    }
    killed: list[int] = []

    def kill_an_actor(seen: Seen) -> Reply | None:
        text = json.dumps(seen.body)
        if marker(40) in text and not killed:
            pids = actor_pids()
            if pids:
                os.kill(pids[0], signal.SIGKILL)  # mid-run: Ray restarts it, its tasks rerun
                killed.append(pids[0])
        return None

    out = tmp_path / "out"
    with concurrent_server(
        [ok(delay=0.05)], routes=routes, responder=kill_an_actor, honest_usage=True
    ) as server:
        code = ray_run(paths, out, server.base_url, "--no-cache", "--concurrency", "4")
        first = len(server.seen)
        rows = shard_rows(out)
        server.routes = {}
        server.responder = None
        code_again = ray_run(paths, out, server.base_url, "--no-cache", "--concurrency", "4")
        rerun = len(server.seen) - first
    assert killed, "no actor was killed"
    assert code == 1  # two articles failed, the job finished
    ids = {document_from_text(article(i)).id for i in range(count)}
    assert sorted(r["id"] for r in rows) == sorted(ids)  # none lost, none duplicated
    failed = {r["id"]: json.loads(r["error"]) for r in rows if r["status"] == "failed"}
    assert sorted(f["kind"] for f in failed.values()) == ["extraction", "modelunavailable"]
    assert sum(r["calls"] for r in rows) <= first  # the killed actor's requests had no row
    # The rerun asks only for the two articles without a summary.
    assert code_again == 0 and rerun == 2
    summaries = read_jsonl(out / "summaries.jsonl")
    assert sorted(s["id"] for s in summaries) == sorted(ids)
    assert not (out / "errors.jsonl").exists()


def test_a_cancelled_run_resumes_with_only_the_missing_calls(tmp_path, ray_local, monkeypatch):
    import summarizer.engine.ray

    monkeypatch.setattr(summarizer.engine.ray, "MIN_ROWS_PER_FILE", 8)  # small shards
    count = 120
    paths = [str(p) for p in write_articles(tmp_path / "in", count)]
    interrupted: list[int] = []
    out = tmp_path / "out"

    def ctrl_c_once_a_shard_is_written(seen: Seen) -> Reply | None:
        with server.lock:
            answered = len(server.seen)
        if answered >= 40 and not interrupted and readable_shards(out):
            interrupted.append(answered)
            _thread.interrupt_main()  # Ctrl-C in the driver
        return None

    with concurrent_server([ok(delay=0.05)], responder=ctrl_c_once_a_shard_is_written) as server:
        code = ray_run(paths, out, server.base_url, "--no-cache", "--concurrency", "2")
        time.sleep(0.5)  # requests already on the wire are recorded, a last shard lands
        first = len(server.seen)
        done = set(finished_ids(out / "parquet"))
        kept = read_jsonl(out / "summaries.jsonl")
        server.responder = None
        code_again = ray_run(paths, out, server.base_url, "--no-cache", "--concurrency", "2")
        rerun = len(server.seen) - first
    assert interrupted and code == 130
    assert 0 < len(done) < count
    assert kept and {s["id"] for s in kept} <= done  # what was finished is in summaries.jsonl
    assert code_again == 0
    assert rerun == count - len(done)  # only what had no result yet
    assert len(read_jsonl(out / "summaries.jsonl")) == count
    assert len(shard_rows(out)) == count


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="Linux: kills a second driver process")
def test_a_crashed_driver_resumes_with_only_the_missing_calls(tmp_path, ray_local):
    count = 200
    write_articles(tmp_path / "in", count)
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUMMARIZER_")}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    with concurrent_server([ok(delay=0.05)]) as server:
        command = [
            *(sys.executable, "-m", "summarizer.cli.main", "run", str(tmp_path / "in")),
            *("--out", str(out), "--engine", "ray", "--ray-address", ray_local, "-q"),
            *flags(server.base_url, "--concurrency", "4", "--no-cache"),
        ]
        driver = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT
        )
        deadline = time.monotonic() + 60
        try:
            while not readable_shards(out) and time.monotonic() < deadline:
                assert driver.poll() is None, "the driver ended before it could be killed"
                time.sleep(0.02)
        finally:
            driver.send_signal(signal.SIGKILL)
            driver.wait(timeout=10)
        time.sleep(1.0)  # the dead driver's actors are stopped by Ray; in-flight requests land
        first = len(server.seen)
        # What has a result: a shard the kill left half-written is moved aside and not counted.
        done = set(finished_ids(out / "parquet"))
        code = ray_run(
            [str(tmp_path / "in")], out, server.base_url, "--ray-address", ray_local, "-q"
        )
        rerun = len(server.seen) - first
    assert 0 < len(done) < count
    assert code == 0
    assert rerun == count - len(done)
    assert len(read_jsonl(out / "summaries.jsonl")) == count
    assert sorted(finished_ids(out / "parquet")) == sorted(
        s["id"] for s in read_jsonl(out / "summaries.jsonl")
    )


def test_a_settings_error_in_the_actors_stops_the_job(tmp_path, ray_local, capsys):
    # With --ray-address the driver does not read the key (the workers have their own
    # environment): the actors find it missing, and the job stops with the settings error.
    write_articles(tmp_path / "in", 4)
    with concurrent_server([ok()]) as server:
        extra = ("--ray-address", ray_local, "--api-key-env", "NO_SUCH_KEY_VARIABLE", "-q")
        code = ray_run([str(tmp_path / "in")], tmp_path / "out", server.base_url, *extra)
        assert server.seen == []
    assert code == 2
    assert "NO_SUCH_KEY_VARIABLE" in " ".join(capsys.readouterr().err.split())


# --------------------------------------------------------------------------- bad input


def test_bad_input_rows_become_error_rows_with_the_single_machine_reasons(tmp_path, ray_local):
    import pyarrow as pa
    import pyarrow.parquet as pq
    import ray

    from summarizer.engine.ray import parse_result, summarize_dataset

    inputs = tmp_path / "in"
    write_articles(inputs, 2)
    (inputs / "empty.txt").write_text("  \n", encoding="utf-8")
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02binary" * 50)
    (inputs / "huge.txt").write_text("word " * 1000, encoding="utf-8")
    (inputs / "news.jsonl").write_text(
        json.dumps({"title": "T", "maintext": article(7)}) + "\n{not json\n", encoding="utf-8"
    )
    limit = ["--max-bytes", "3000", "--no-cache"]
    rows = [
        {"id": "good", "text": article(8), "title": "Talks in Oslo"},
        {"id": "empty", "text": "", "title": None},
        {"id": "binary", "text": "\x00\x01\x02binary" * 50, "title": None},
        {"id": "huge", "text": "word " * 1000, "title": None},
    ]
    pq.write_table(pa.Table.from_pylist(rows), inputs / "rows.parquet")
    with concurrent_server([ok()]) as server:
        local = tmp_path / "local"
        assert (
            main(["run", str(inputs), "--out", str(local), "-q", *flags(server.base_url, *limit)])
            == 1
        )
        out = tmp_path / "out"
        assert ray_run([str(inputs)], out, server.base_url, *limit) == 1
        settings = settings_for(server.base_url, tmp_path, use_cache=False, max_bytes=3000)
        results = summarize_dataset(ray.data.from_items(rows), settings).take_all()
    # Files: the same one-line reasons as the single-machine path.
    expected = {(e["path"], e["error"], e["kind"]) for e in read_jsonl(local / "errors.jsonl")}
    errors = read_jsonl(out / "errors.jsonl")
    file_errors = {
        (e["path"], e["error"], e["kind"]) for e in errors if ".parquet" not in e["path"]
    }
    assert file_errors == expected and len(expected) == 4  # empty, binary, huge, bad JSONL line
    reasons = {e["error"] for e in errors}
    assert {"empty article", "binary file, not text"} <= reasons
    # Parquet rows get the same reasons as files.
    parquet_errors = {
        e["path"].rsplit("[", 1)[1].rstrip("]"): e["error"]
        for e in errors
        if ".parquet" in e["path"]
    }
    huge = next(e for e in expected if e[0].endswith("huge.txt"))[1]
    assert parquet_errors == {
        "empty": "empty article",
        "binary": "binary file, not text",
        "huge": huge,
    }
    done = read_jsonl(out / "summaries.jsonl")
    assert len(done) == 4  # two .txt, the JSONL record and the good Parquet row
    # The library: one result row per input row, failures as rows with the same reasons.
    by_input = {r["input_id"]: r for r in results}
    assert set(by_input) == {"good", "empty", "binary", "huge"}
    good = parse_result(by_input["good"])
    assert isinstance(good, ArticleSummary)
    assert (
        good.id
        == by_input["good"]["id"]
        == document_from_text(article(8), title="Talks in Oslo").id
    )
    for name in ("empty", "binary", "huge"):
        failure = parse_result(by_input[name])
        assert isinstance(failure, ItemFailure) and failure.kind == "input"
        assert failure.error == parquet_errors[name]
        assert by_input[name]["status"] == "failed" and by_input[name]["summary"] is None
