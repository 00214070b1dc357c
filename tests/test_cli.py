"""The CLI end to end against a scripted OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import json

from summarizer.cli.main import main
from summarizer.llm.prompt import example_exchange

from fakes.scripted import Reply, scripted_server

ARTICLE, ANSWER = example_exchange()


def common_flags(base_url: str, tmp_path) -> list[str]:
    return [
        "--base-url",
        base_url,
        "--model",
        "fake-model",
        "--cache",
        str(tmp_path / "cache.sqlite3"),
    ]


def test_run_writes_files_table_and_errors(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_BACKOFF_BASE", "0.01")
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a_article.txt").write_text(ARTICLE, encoding="utf-8")
    (inputs / "b_empty.txt").write_text("   \n", encoding="utf-8")
    (inputs / "c_binary.txt").write_bytes(b"\x00\x01\x02binary" * 50)
    out = tmp_path / "out"
    with scripted_server([Reply(content=ANSWER)]) as server:
        flags = common_flags(server.base_url, tmp_path)
        code = main(["run", str(inputs), "--out", str(out), *flags])
    assert code == 1  # two items failed, one succeeded
    written = json.loads((out / "a_article.json").read_text(encoding="utf-8"))
    assert written["participants"][0]["name"] == "Eva Lund"
    lines = (out / "summaries.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert [e["kind"] for e in errors] == ["input", "input"]
    assert "empty" in errors[0]["error"] and "binary" in errors[1]["error"]
    printed = capsys.readouterr().out
    assert "Norway" in printed and "miss" in printed and "2 failed" in printed


def test_second_run_is_all_cache_hits_and_no_model_call(tmp_path, capsys):
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    with scripted_server([Reply(content=ANSWER)]) as server:
        flags = common_flags(server.base_url, tmp_path)
        assert main(["run", str(source), "--out", str(out), *flags]) == 0
        capsys.readouterr()
        assert main(["run", str(source), "--out", str(out), *flags]) == 0
        assert len(server.seen) == 1
    printed = capsys.readouterr().out
    assert "hit" in printed and "1 from cache; model calls 0" in printed


def test_config_error_maps_to_exit_code_2(tmp_path, capsys):
    code = main(["run", str(tmp_path), "--out", str(tmp_path / "o"), "--base-url", "http://x:1/v1"])
    assert code == 2
    assert "--model" in capsys.readouterr().err


def test_embedded_model_missing_says_how_to_install(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_MODEL_DIR", str(tmp_path / "no-models"))
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    code = main(["run", str(source), "--out", str(tmp_path / "o"), "--no-cache"])
    assert code == 2
    assert "summarizer model install" in capsys.readouterr().err


def test_config_show_explains_origins(capsys, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_MAX_TOKENS", "999")
    assert main(["config", "show", "--temperature", "0.2"]) == 0
    printed = capsys.readouterr().out
    assert "max_tokens = 999  (environment" in printed
    assert "temperature = 0.2  (flag" in printed


def test_json_log_gives_one_line_per_item_and_totals(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (inputs / "b.txt").write_text("", encoding="utf-8")
    with scripted_server([Reply(content=ANSWER)]) as server:
        flags = common_flags(server.base_url, tmp_path)
        code = main(["run", str(inputs), "--out", str(tmp_path / "o"), "--json-log", *flags])
    assert code == 1
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.err.splitlines()]
    assert [r["event"] for r in records] == ["start", "item", "item", "done"]
    assert records[0]["total"] == 2
    items = {r["path"].rsplit("/", 1)[-1]: r for r in records if r["event"] == "item"}
    assert items["a.txt"]["status"] == "done" and items["a.txt"]["calls"] == 1
    assert items["b.txt"]["status"] == "failed" and "empty" in items["b.txt"]["error"]
    assert records[-1]["failed"] == 1 and records[-1]["calls"] == 1
    assert captured.out == ""  # no table: machines read stderr
