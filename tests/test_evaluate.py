"""`summarizer eval`: the scorer on constructed predictions, and the CLI on the seed cassettes."""

from __future__ import annotations

import copy
import json

import pytest

from summarizer import ArticleSummary, summarize_many
from summarizer.cli.main import main
from summarizer.evaluation.confusion import validator_confusion
from summarizer.evaluation.score import (
    evaluate,
    gold_files,
    load_gold,
    load_predictions,
    summary_from_gold,
)

from conftest import ROOT, SEEDS
from test_seeds import seed_settings

GOLD_DIR = ROOT / "eval" / "gold"


@pytest.fixture(scope="module")
def golds():
    return [load_gold(p, repo_root=ROOT) for p in gold_files([GOLD_DIR])]


def test_a_perfect_prediction_scores_one_everywhere(golds):
    report = evaluate(golds, {g.article_id: summary_from_gold(g) for g in golds})
    overall = report["overall"]
    assert report["articles"] == len(golds) and report["missing"] == []
    for name, counts in overall["lists"].items():
        assert (counts["precision"], counts["recall"]) == (1.0, 1.0), name
    for name, acc in overall["fields"].items():
        assert acc["accuracy"] == 1.0, name
    assert overall["date_credit"] == 1.0 and overall["invented_years"] == 0


def test_errors_cost_what_they_should(golds):
    gold = next(g for g in golds if g.name == "seed_001")
    summary = summary_from_gold(gold)
    attending = [p for p in summary.participants if p.attending]
    summary.participants.remove(attending[0])  # one attendee missed
    summary.participants[0].role = "Grand Vizier"  # a role the text never gives
    summary.event.start_date = "2024-09-18"  # a year the text does not state
    summary.event.date_partial = None
    report = evaluate([gold], {gold.article_id: summary})["overall"]
    gold_attending = sum(
        p["attending"] and not p.get("optional") for p in gold.data["participants"]
    )
    assert report["lists"]["attending"]["fn"] == 1
    assert report["lists"]["attending"]["recall"] == round(1 - 1 / gold_attending, 3)
    assert report["fields"]["role"]["right"] == report["fields"]["role"]["total"] - 1
    assert report["invented_years"] == 1 and report["date_credit"] == 0.5


def test_a_country_written_another_way_is_the_same_affiliation(golds):
    gold = next(g for g in golds if g.name == "seed_001")
    summary = summary_from_gold(gold)
    countries = [
        (p, g) for p, g in zip(summary.participants, gold.data["participants"], strict=True)
        if g.get("affiliation") in ("China", "Russia")
    ]
    assert countries
    for p, g in countries:
        p.affiliation = "Beijing" if g["affiliation"] == "China" else "Moscow"  # no gold alias
    report = evaluate([gold], {gold.article_id: summary})["overall"]
    assert report["fields"]["affiliation"]["accuracy"] == 1.0
    countries[0][0].affiliation = "Kenya"  # another country is still wrong
    report = evaluate([gold], {gold.article_id: summary})["overall"]
    assert report["fields"]["affiliation"]["right"] == report["fields"]["affiliation"]["total"] - 1


def test_eval_cli_on_the_seed_cassettes(recorder, model_base_url, tmp_path, capsys):
    settings = seed_settings(model_base_url, tmp_path / "cache.sqlite3")
    pred = tmp_path / "pred"
    pred.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        with recorder.use_cassette(f"seed_{path.name[:3]}.yaml"):
            [result] = summarize_many([path], settings=settings)
        assert isinstance(result, ArticleSummary)
        (pred / f"{path.stem}.json").write_text(result.model_dump_json(), encoding="utf-8")
    assert len(load_predictions([pred])) == 5
    out = tmp_path / "scores.json"
    code = main(
        ["eval", str(GOLD_DIR), "--pred", str(pred), "--json", str(out), "--repo-root", str(ROOT)]
    )
    assert code == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["articles"] == 5 and report["missing"] == ["synthetic_cjk"]
    overall = report["overall"]
    assert overall["invented_years"] == 0  # the validator never lets a year be guessed
    assert overall["lists"]["attending"]["precision"] >= 0.8
    assert 0.0 < overall["grounded_share"] <= 1.0
    printed = capsys.readouterr().out
    assert "attending" in printed and "evaluation over 5 article(s)" in printed


def test_eval_without_predictions_says_how_to_fix(tmp_path, capsys):
    code = main(["eval", str(GOLD_DIR), "--repo-root", str(ROOT)])
    assert code == 2 and "--pred" in capsys.readouterr().err


def test_a_removed_repeat_of_a_found_stance_removes_no_fact(golds):
    """The validator's confusion table pairs proposed items with gold one to one, as the scorer
    does: a second copy of a stance already found is a false item, and removing it is a catch."""
    gold = next(g for g in golds if g.data.get("stances"))
    raw = summary_from_gold(gold)
    found = raw.stances[0]
    repeat = found.model_copy(update={"topic": found.topic + " again"})
    raw.stances = [found, repeat]
    final = raw.model_copy(update={"stances": [found]})
    table = validator_confusion(raw, final, gold).as_dict()["stances"]
    assert (table["true_kept"], table["true_removed"]) == (1, 0)
    assert (table["false_removed"], table["false_kept"]) == (1, 0)
    final = raw.model_copy(update={"stances": []})
    table = validator_confusion(raw, final, gold).as_dict()["stances"]
    assert (table["true_removed"], table["false_removed"]) == (1, 1)


def test_a_true_participant_kept_under_another_of_its_names_is_kept(golds):
    """"Chief Odede" merged into "Amina Odede" by the validator is the same person kept, not a
    true item removed: the confusion table looks for the gold person, not for the same string."""
    gold = copy.deepcopy(next(g for g in golds if g.data["participants"]))
    gold.data["participants"] = [
        {"name": "Amina Odede", "aliases": ["Chief Odede"], "attending": True, "quote": "x"}
    ]
    raw = summary_from_gold(next(g for g in golds if g.data["participants"]))
    given = raw.participants[0].model_copy(update={"name": "Chief Odede", "attending": True})
    raw.participants = [given]
    merged = given.model_copy(update={"name": "Amina Odede"})
    final = raw.model_copy(update={"participants": [merged]})
    table = validator_confusion(raw, final, gold).as_dict()
    assert (table["participants"]["true_kept"], table["participants"]["true_removed"]) == (1, 0)
    assert (table["attending"]["true_kept"], table["attending"]["true_removed"]) == (1, 0)
    final = raw.model_copy(update={"participants": []})
    table = validator_confusion(raw, final, gold).as_dict()["participants"]
    assert (table["true_kept"], table["true_removed"]) == (0, 1)
