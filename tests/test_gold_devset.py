"""Hand-made gold files for the real-news devset (eval/gold/devset/): they load, quote the text
the pipeline sees, date the event the way the validator does, and agree within a cluster.

Offline and fast. The articles live outside the repository (../shared/devset); without them the
tests skip.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from summarizer.evaluation.score import GOLD_FORMAT, GoldArticle, load_gold
from summarizer.ingest.files import load_path
from summarizer.models import AgendaStatus, EventKind, EventStatus
from summarizer.text.dates import read_dates, resolve_relative

ROOT = Path(__file__).resolve().parents[1]
DEVSET = Path(__file__).resolve().parents[1].parent / "shared" / "devset"
GOLD_DIR = ROOT / "eval" / "gold" / "devset"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))
# Clusters whose every manifest article has a gold file.
COMPLETE_CLUSTERS = {"C01", "C05", "C06", "C09"}
# Kinds that describe the same sort of event (a visit for talks is a meeting).
KIND_FAMILY = {kind: "meeting" for kind in ("visit", "meeting", "talks", "summit", "conference")}
RESOLVED = re.compile(r"\bresolved relative", re.IGNORECASE)
SECTIONS = ("participants", "agenda", "stances")

pytestmark = pytest.mark.skipif(not DEVSET.is_dir(), reason=f"no devset at {DEVSET}")


@cache
def gold(path: Path) -> GoldArticle:
    return load_gold(path, repo_root=ROOT, devset=DEVSET)


@cache
def manifest() -> dict[str, dict[str, str]]:
    with (DEVSET / "manifest.tsv").open(encoding="utf-8", newline="") as f:
        return {row["file"]: row for row in csv.DictReader(f, delimiter="\t")}


def items(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = [("event", data["event"])]
    for section in SECTIONS:
        found += [(f"{section}[{i}]", item) for i, item in enumerate(data[section])]
    return found


def folded(values: list[str | None]) -> set[str]:
    """Casefolded, punctuation and spacing collapsed."""
    return {" ".join(re.findall(r"\w+", v.casefold())) for v in values if v}


def names(item: dict[str, Any], key: str) -> set[str]:
    """A field's value and its `<key>_aliases`."""
    return folded([item.get(key), *item.get(f"{key}_aliases", [])])


def entity(person: dict[str, Any]) -> list[str]:
    return [person["name"], *person.get("aliases", [])]


def family(kind: str) -> str:
    return KIND_FAMILY.get(kind, kind)


def expected_dates(event: dict[str, Any], published: str | None) -> tuple[Any, Any, Any]:
    """(start, end, partial) as the validator derives them from date_text (validate.py)."""
    reading = read_dates(event.get("date_text"))
    if reading.start_date:
        return reading.start_date, reading.end_date, None
    on = date.fromisoformat(published[:10]) if published else None
    relative = resolve_relative(
        event.get("date_text") or "", on, future=event["status"] != EventStatus.COMPLETED.value
    )
    if relative is not None:
        return relative[0], relative[1], None
    return None, None, reading.partial


def test_there_are_devset_gold_files():
    assert len(GOLD_FILES) >= 9


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_file_loads_and_matches_the_manifest(path):
    article = gold(path)
    data = article.data
    source = data["source"]
    assert data["format"] == GOLD_FORMAT and data["id"] == path.stem
    assert source["devset_path"] in manifest(), "devset_path must be a manifest.tsv file"
    assert data["devset"]["cluster"] == manifest()[source["devset_path"]]["cluster"]
    assert isinstance(data["devset"]["same_event"], bool)
    assert article.text.strip()
    [doc] = load_path(DEVSET / source["devset_path"])[:1]
    assert source["published"] == doc.published, "published must be what the pipeline derives"
    assert all(isinstance(data[s], list) for s in SECTIONS) and data["notes"].strip()


def test_each_article_has_one_gold_file():
    paths = [gold(p).data["source"]["devset_path"] for p in GOLD_FILES]
    assert len(paths) == len(set(paths))
    for cluster in COMPLETE_CLUSTERS:
        wanted = {f for f, row in manifest().items() if row["cluster"] == cluster}
        assert wanted <= set(paths), f"{cluster}: articles without gold: {wanted - set(paths)}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_every_quote_is_verbatim_and_5_to_40_words(path):
    article = gold(path)
    for where, item in items(article.data):
        quote = item["quote"]
        assert quote in article.text, f"{where}: quote not in the ingested text: {quote!r}"
        assert 5 <= len(quote.split()) <= 40, f"{where}: {len(quote.split())} words"
        assert item.get("note") is None or item["note"].strip(), where


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_values_are_from_the_contract(path):
    data = gold(path).data
    kinds, statuses = {k.value for k in EventKind}, {s.value for s in EventStatus}
    event = data["event"]
    assert {event["kind"], *event.get("kind_acceptable", [])} <= kinds
    assert {event["status"], *event.get("status_acceptable", [])} <= statuses
    agenda_statuses = {s.value for s in AgendaStatus}
    for item in data["agenda"]:
        assert {item["status"], *item.get("status_acceptable", [])} <= agenda_statuses
        assert item["keywords"], item["topic"]
    for item in data["stances"]:
        assert item["keywords"] and item["actor"], item["topic"]
    for person in data["participants"]:
        assert isinstance(person["attending"], bool), person["name"]
        assert person["type"] in {"person", "organisation", "country"}, person["name"]
    assert any(p["attending"] for p in data["participants"])


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_dates_are_what_the_validator_derives_and_no_year_is_invented(path):
    article = gold(path)
    event, published = article.data["event"], article.data["source"]["published"]
    date_text = event.get("date_text")
    if date_text:
        assert date_text in article.text, "date_text must be the article's exact words"
    start = event.get("start_date")
    if start and start[:4] not in (date_text or ""):
        # A year not in the phrase comes only from resolving a relative phrase, said so.
        assert RESOLVED.search(event.get("note", "")), "a year not in date_text needs a note"
        assert published, "a relative date needs the publication date"
    if not date_text:
        assert (start, event.get("end_date"), event.get("date_partial")) == (None, None, None)
    got = (start, event.get("end_date"), event.get("date_partial"))
    derived = expected_dates(event, published)
    assert got == derived, f"(start, end, partial) {got} but the validator derives {derived}"


def clusters() -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for path in GOLD_FILES:
        data = gold(path).data
        found[data["devset"]["cluster"]].append(data)
    return found


def test_files_of_a_cluster_agree_on_the_core_facts():
    for cluster, files in clusters().items():
        same = [d for d in files if d["devset"]["same_event"]]
        if len(same) < 2:
            continue
        events = [d["event"] for d in same]
        assert len({family(e["kind"]) for e in events}) == 1, f"{cluster}: event kinds differ"
        accepted = [{family(k) for k in (e["kind"], *e.get("kind_acceptable", []))} for e in events]
        assert set.intersection(*accepted), f"{cluster}: no kind accepted by every file"
        places = [names(e, "location") for e in events]
        assert set.intersection(*places), f"{cluster}: no place name common to every file"
        starts = {e["start_date"] for e in events if e.get("start_date")}
        assert len(starts) <= 1, f"{cluster}: start dates differ: {starts}"
        attending = [
            folded([n for p in d["participants"] if p["attending"] for n in entity(p)])
            for d in same
        ]
        assert set.intersection(*attending), f"{cluster}: no attendee common to every file"
        for other in (d for d in files if not d["devset"]["same_event"]):
            # An article on another event must differ on a core fact, or it is not another event.
            assert other["event"].get("start_date") not in starts, other["id"]
