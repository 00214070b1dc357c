"""The briefing memo: clustering, merging with provenance, disagreements, rendering, CLI.

The seed summaries come from replaying the seed cassettes (record mode none), exactly as
tests/test_seeds.py makes them; the disagreement and escaping cases use small hand-made
summaries whose evidence is located in their own invented texts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from summarizer import ArticleSummary, Memo, build_memo, summarize_many
from summarizer.cli.main import main
from summarizer.memo.cluster import cluster_summaries, same_person
from summarizer.memo.model import Citation
from summarizer.memo.render import render_html, render_json, render_markdown
from summarizer.models import (
    AgendaItem,
    AgendaStatus,
    Event,
    EventKind,
    EventStatus,
    Evidence,
    Participant,
    Source,
    Stance,
)

from conftest import SEEDS
from test_seeds import seed_settings

SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="module")
def seeds(recorder, model_base_url, tmp_path_factory) -> list[ArticleSummary]:
    """The five seed summaries, each replayed from its own cassette; never re-recorded."""
    cache = tmp_path_factory.mktemp("memo-cache") / "cache.sqlite3"
    settings = seed_settings(model_base_url, cache)
    found = []
    for path in SEED_FILES:
        with recorder.use_cassette(f"seed_{path.name[:3]}.yaml", record_mode="none"):
            [result] = summarize_many([path], settings=settings)
        assert isinstance(result, ArticleSummary), result
        found.append(result)
    return found


@pytest.fixture(scope="module")
def memo(seeds) -> Memo:
    return build_memo(seeds)


def citations_in(value: Any) -> Iterator[Citation]:
    if isinstance(value, Citation):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from citations_in(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from citations_in(item)


# --------------------------------------------------------------------------- hand-made summaries


def ev(text: str, quote: str) -> Evidence:
    start = text.index(quote)
    return Evidence(quote=quote, start=start, end=start + len(quote))


def hand_summary(
    ident: str,
    text: str,
    *,
    title: str,
    published: str | None,
    event_quote: str,
    date_quote: str | None = None,
    people: tuple[tuple[str, str, bool], ...] = (),
    stances: tuple[tuple[str, str, str, str], ...] = (),
    agenda: tuple[tuple[str, AgendaStatus, str], ...] = (),
    start_date: str | None = None,
    date_partial: str | None = None,
    location: str = "Lisbon",
) -> ArticleSummary:
    return ArticleSummary(
        id=ident,
        source=Source(title=title, published=published, text=text, path=f"{ident}.txt"),
        model="hand",
        endpoint="none",
        prompt_version="hand",
        event=Event(
            title=title,
            kind=EventKind.MEETING,
            summary=title,
            location=location,
            start_date=start_date,
            date_partial=date_partial,
            date_text=date_quote,
            status=EventStatus.COMPLETED,
            evidence=[ev(text, event_quote)],
            date_evidence=[ev(text, date_quote)] if date_quote else [],
        ),
        participants=[
            Participant(name=name, attending=attending, evidence=[ev(text, quote)])
            for name, quote, attending in people
        ],
        stances=[
            Stance(actor=actor, topic=topic, position=position, evidence=[ev(text, quote)])
            for actor, topic, position, quote in stances
        ],
        agenda=[
            AgendaItem(topic=topic, status=status, evidence=[ev(text, quote)])
            for topic, status, quote in agenda
        ],
    )


TEXT_A = (
    "Prime Minister Ana Ruiz and President Tomas Berg held a 90-minute meeting at the Old "
    "Palace in Lisbon on 3 March 2022. Officials described the prisoner release as a swap "
    "agreed in advance. Both leaders will discuss fishing quotas, an aide said."
)
TEXT_B = (
    "Ana Ruiz received Tomas Berg at the Old Palace in Lisbon on 3 March. The talks had been "
    "expected to last only 10-15 minutes. The foreign minister insisted the prisoner release "
    "was not a swap. Fishing quotas may come up, analysts said."
)


def synthetic_pair() -> list[ArticleSummary]:
    a = hand_summary(
        "aaaa",
        TEXT_A,
        title="Ruiz and Berg meet in Lisbon",
        published="2022-03-03",
        event_quote="held a 90-minute meeting at the Old Palace in Lisbon",
        date_quote="on 3 March 2022",
        start_date="2022-03-03",
        people=(
            ("Ana Ruiz", "Prime Minister Ana Ruiz", True),
            ("Tomas Berg", "President Tomas Berg", True),
        ),
        stances=(("Officials", "prisoner release", "a swap", "described the prisoner release"),),
        agenda=(("fishing quotas", AgendaStatus.ANNOUNCED, "will discuss fishing quotas"),),
    )
    b = hand_summary(
        "bbbb",
        TEXT_B,
        title="Berg visits Ruiz in Lisbon",
        published="2022-03-04",
        event_quote="Ana Ruiz received Tomas Berg at the Old Palace in Lisbon",
        date_quote="on 3 March",
        date_partial="--03-03",
        people=(("Ms Ruiz", "Ana Ruiz", True), ("Tomás Berg", "Tomas Berg", True)),
        stances=(("foreign minister", "prisoner release", "not a swap", "release was not a swap"),),
        agenda=(("Fishing quotas", AgendaStatus.SPECULATIVE, "Fishing quotas may come up"),),
    )
    return [a, b]


# --------------------------------------------------------------------------- clustering


def test_seeds_form_two_events_with_the_right_members(seeds, memo):
    ids = {s.id: Path(s.source.path or "").name[:3] for s in seeds}
    members = sorted(sorted(ids[m] for m in e.members) for e in memo.events)
    assert members == [["000", "001", "002", "003"], ["004"]]
    assert cluster_summaries(seeds) == [[0, 1, 2, 3], [4]]


def test_name_variants_match_and_different_people_do_not():
    assert same_person("Sergei Lavrov", "Sergey Lavrov")
    assert same_person("Mr Lavrov", "Sergey Lavrov")
    assert same_person("Mr Wang", "Wang Yi")
    assert same_person("Tomás Berg", "tomas berg")
    assert not same_person("Barack Obama", "Michelle Obama")
    assert not same_person("Wang Yi", "Yang Jiechi")


def test_no_item_of_one_event_cites_another_events_sources(seeds, memo):
    lavrov_visit = next(s.id for s in seeds if Path(s.source.path or "").name.startswith("004"))
    for event in memo.events:
        cited = list(citations_in(event))
        assert cited
        assert {c.summary_id for c in cited} <= set(event.members)
        assert {c.source for c in cited} <= set(event.sources)
        if lavrov_visit not in event.members:
            assert lavrov_visit not in {c.summary_id for c in cited}


# --------------------------------------------------------------------------- provenance


def test_every_claim_cites_a_source(memo):
    for event in memo.events:
        assert event.what
        items = [*event.participants, *event.agenda, *event.stances]
        assert items
        for item in items:
            assert item.citations, item
        for claim in [*event.locations, *event.statuses, *event.dates.claims]:
            assert claim.citations, claim
        for d in event.disagreements:
            assert len(d.claims) >= 2 and all(c.citations for c in d.claims), d
    markdown = render_markdown(memo)
    statements = [
        line
        for line in markdown.splitlines()
        if line.startswith(("- ", "| ", "**Event"))
        and not line.startswith(("| Participant", "| ---", "- **Sources:**"))
        and "no date stated" not in line
    ]
    assert statements
    for line in statements:
        assert re.search(r"\[\d+\]", line), line


def test_every_citation_quote_is_the_cited_span(memo):
    cited = list(citations_in(memo))
    assert len(cited) >= 20
    for c in cited:
        source = memo.sources[c.source - 1]
        assert source.number == c.source and source.summary_id == c.summary_id
        assert source.text[c.start : c.end] == c.quote and c.quote


def test_participants_merge_variants_and_keep_who_says_what(memo):
    wang_event = next(e for e in memo.events if len(e.members) == 4)
    wang = [p for p in wang_event.participants if "wang" in p.name.lower()]
    assert len(wang) == 1 and wang[0].attending
    assert len({c.source for c in wang[0].attending_per}) == 4


# --------------------------------------------------------------------------- disagreements


def test_synthetic_disagreements_are_detected_with_both_claims():
    memo = build_memo(synthetic_pair())
    [event] = memo.events
    by_kind = {d.kind: d for d in event.disagreements}
    duration = by_kind["number"]
    quotes = {c.source: c.quote for claim in duration.claims for c in claim.citations}
    assert "90-minute" in quotes[1] and "10-15 minutes" in quotes[2]
    assert {claim.value for claim in duration.claims} == {"90-minute", "10-15 minutes"}
    swap = by_kind["characterisation"]
    assert swap.subject == "swap"
    claims = {claim.value: claim.citations for claim in swap.claims}
    assert "not a swap" in claims["not a swap"][0].quote and claims["not a swap"][0].source == 2
    assert "as a swap" in claims["swap"][0].quote and claims["swap"][0].source == 1
    modality = by_kind["modality"]
    assert {c.value for c in modality.claims} == {"announced", "speculative"}
    for c in citations_in(memo):
        assert memo.sources[c.source - 1].text[c.start : c.end] == c.quote


def four_day_visit() -> ArticleSummary:
    return hand_summary(
        "aaaa",
        "Prime Minister Ana Ruiz began a four-day visit to Lisbon on 3 March 2022.",
        title="Ruiz visits Lisbon",
        published="2022-03-03",
        event_quote="began a four-day visit to Lisbon",
        people=(("Ana Ruiz", "Prime Minister Ana Ruiz", True),),
    )


def test_a_figure_about_someone_only_mentioned_is_no_disagreement():
    a = four_day_visit()
    text = (
        "Ana Ruiz arrived in Lisbon on 3 March. Crowds waited at the port. Music played. "
        "Ivo Marin has not been seen for three weeks."
    )
    people = (("Ana Ruiz", "Ana Ruiz arrived", True), ("Ivo Marin", "Ivo Marin has", False))
    b = hand_summary(
        "bbbb", text, title="Ruiz in Lisbon", published="2022-03-04",
        event_quote="Ana Ruiz arrived in Lisbon", people=people,
    )
    [event] = build_memo([a, b]).events
    assert not [d for d in event.disagreements if d.kind == "number"]
    b.participants[1].attending = True  # taking part, his figure is about the event
    [event] = build_memo([a, b]).events
    values = {c.value for d in event.disagreements if d.kind == "number" for c in d.claims}
    assert values == {"four-day", "three weeks"}


def test_a_figure_someone_only_mentioned_states_is_the_events():
    a = four_day_visit()
    text = (
        "Ana Ruiz arrived in Lisbon on 3 March. Crowds waited at the port. Music played. "
        "Spokesman Ivo Marin said the visit would last two days."
    )
    people = (("Ana Ruiz", "Ana Ruiz arrived", True), ("Ivo Marin", "Spokesman Ivo Marin", False))
    b = hand_summary(
        "bbbb", text, title="Ruiz in Lisbon", published="2022-03-04",
        event_quote="Ana Ruiz arrived in Lisbon", people=people,
    )
    [event] = build_memo([a, b]).events
    values = {c.value for d in event.disagreements if d.kind == "number" for c in d.claims}
    assert values == {"four-day", "two days"}


def test_a_missing_year_comes_from_the_source_that_states_it():
    [event] = build_memo(synthetic_pair()).events
    assert event.dates.start_date == "2022-03-03"
    assert [c.quote for c in event.dates.year_from] == ["on 3 March 2022"]
    assert {c.source for c in event.dates.citations} == {1, 2}
    names = {p.name: p for p in event.participants}
    assert set(names) == {"Ana Ruiz", "Tomas Berg"}
    assert "Tomás Berg" in names["Tomas Berg"].variants


def test_the_same_topic_months_apart_stays_apart():
    a, b = synthetic_pair()
    later = b.model_copy(
        update={"id": "cccc", "source": b.source.model_copy(update={"published": "2022-09-01"})}
    )
    later.event = later.event.model_copy(update={"date_partial": None, "date_evidence": []})
    assert len(build_memo([a, later]).events) == 2


# --------------------------------------------------------------------------- rendering


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parsed(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_html_is_self_contained(memo):
    html = render_html(memo)
    own_links = {s.url for s in memo.sources if s.url}
    for tag, attrs in parsed(html):
        for name in ("src", "href", "action", "srcset"):
            value = attrs.get(name)
            if value and re.match(r"\s*(https?:)?//", value):
                assert name == "href" and value in own_links, (tag, attrs)
        assert tag not in {"link", "iframe", "img", "object", "embed"}
    assert "default-src 'none'" in html
    scripts = [attrs for tag, attrs in parsed(html) if tag == "script"]
    assert len(scripts) == 2 and not any("src" in s for s in scripts)


def test_html_escapes_a_hostile_article():
    text = (
        "Ana Ruiz met Tomas Berg in Lisbon. <script>alert(1)</script> They held a "
        '90-minute meeting. <img src=x onerror="alert(2)"> Nothing else.'
    )
    hostile = hand_summary(
        "evil",
        text,
        title="<script>alert(3)</script> Ruiz meets Berg",
        published="2022-03-03",
        event_quote="<script>alert(1)</script> They held a 90-minute meeting.",
        people=(("Ana <b>Ruiz</b>", "Ana Ruiz", True),),
        location="Lisbon",
    )
    hostile.source.url = "javascript:alert(4)"
    memo = build_memo([hostile])
    html = render_html(memo)
    assert "<script>alert" not in html and "<img" not in html and "<b>Ruiz" not in html
    tags = parsed(html)
    assert [t for t, _ in tags].count("script") == 2
    assert not any(name.startswith("on") for _, attrs in tags for name in attrs)
    assert not any((attrs.get("href") or "").startswith("javascript") for _, attrs in tags)
    # The source text is still there, as data the page can show and highlight.
    data = re.search(
        r'<script type="application/json" id="memo-sources">(.*?)</script>', html, re.S
    )
    assert data and json.loads(data.group(1))["1"] == text
    markdown = render_markdown(memo)
    assert "<script>" not in markdown and "\\<script\\>" in markdown


def test_a_long_quote_keeps_its_start_and_its_end():
    """A statement's quote runs from the sentence naming the speaker to the sentence cited; cut
    for reading, the memo keeps both ends (cutting only the end hid the position itself)."""
    filler = " ".join(f"Delegates toured site {n} of the harbour." for n in range(12))
    cited = "The treaty must be signed before winter, she said."
    text = f"Ana Ruiz met Tomas Berg in Lisbon. Ruiz spoke after the talks. {filler} {cited}"
    quote = text[text.index("Ruiz spoke") :]
    summary = hand_summary(
        "long",
        text,
        title="Ruiz meets Berg",
        published="2022-03-03",
        event_quote="Ana Ruiz met Tomas Berg in Lisbon.",
        people=(("Ana Ruiz", "Ana Ruiz", True),),
        stances=(("Ana Ruiz", "the treaty", "must be signed before winter", quote),),
    )
    memo = build_memo([summary])
    [line] = [x for x in render_markdown(memo).splitlines() if x.startswith("- **Ana Ruiz** on")]
    assert "“Ruiz spoke after the talks." in line and "before winter, she said.”" in line
    assert " … " in line and "site 6 of" not in line
    html = render_html(memo)
    assert "Ruiz spoke after the talks." in html and "before winter, she said.</q>" in html


def test_output_is_deterministic(seeds, memo):
    again = build_memo([s.model_copy(deep=True) for s in seeds])
    assert render_markdown(again) == render_markdown(memo)
    assert render_html(again) == render_html(memo)
    assert render_json(again) == render_json(memo)


def test_json_form_round_trips(memo):
    assert Memo.model_validate_json(render_json(memo)) == memo


# --------------------------------------------------------------------------- command line


def test_cli_memo_from_stored_results(seeds, memo, tmp_path, capsys):
    stored = tmp_path / "results"
    stored.mkdir()
    for summary in seeds:
        name = Path(summary.source.path or summary.id).stem + ".json"
        (stored / name).write_text(summary.model_dump_json(indent=2), encoding="utf-8")
    md, page, data = tmp_path / "memo.md", tmp_path / "memo.html", tmp_path / "memo.json"
    code = main(["memo", str(stored), "--out", str(md), "--html", str(page), "--json", str(data)])
    assert code == 0
    assert md.read_text(encoding="utf-8") == render_markdown(memo)
    assert page.read_text(encoding="utf-8") == render_html(memo)
    assert len(Memo.model_validate_json(data.read_text(encoding="utf-8")).events) == 2
    assert "2 event(s)" in capsys.readouterr().err


def test_cli_memo_reads_summaries_jsonl(seeds, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    lines = "".join(s.model_dump_json() + "\n" for s in seeds)
    (out / "summaries.jsonl").write_text(lines, encoding="utf-8")
    (out / "000_x.json").write_text(seeds[0].model_dump_json(), encoding="utf-8")  # a repeat
    target = tmp_path / "memo.json"
    assert main(["memo", str(out), "--json", str(target)]) == 0
    assert len(Memo.model_validate_json(target.read_text(encoding="utf-8")).sources) == 5


def test_run_writes_a_memo_after_the_run(tmp_path):
    from summarizer.llm.prompt import example_exchange

    from fakes.scripted import Reply, scripted_server

    article, answer = example_exchange()
    source = tmp_path / "article.txt"
    source.write_text(article, encoding="utf-8")
    memo_file = tmp_path / "memo.md"
    with scripted_server([Reply(content=answer)]) as server:
        flags = ["--base-url", server.base_url, "--model", "fake-model", "-q"]
        flags += ["--cache", str(tmp_path / "cache.sqlite3"), "--memo", str(memo_file)]
        assert main(["run", str(source), "--out", str(tmp_path / "out"), *flags]) == 0
    written = memo_file.read_text(encoding="utf-8")
    assert written.startswith("# Briefing memo") and "## Event 1" in written


def test_cli_memo_summarizes_raw_articles_with_the_model_flags(tmp_path):
    from summarizer.llm.prompt import example_exchange

    from fakes.scripted import Reply, scripted_server

    article, answer = example_exchange()
    source = tmp_path / "article.txt"
    source.write_text(article, encoding="utf-8")
    target = tmp_path / "memo.json"
    with scripted_server([Reply(content=answer)]) as server:
        flags = ["--base-url", server.base_url, "--model", "fake-model", "-q"]
        flags += ["--cache", str(tmp_path / "cache.sqlite3")]
        assert main(["memo", str(source), "--json", str(target), *flags]) == 0
        # Again: the summary now comes from the cache, with no second model call.
        assert main(["memo", str(source), "--json", str(target), *flags]) == 0
        assert len(server.seen) == 1
    memo = Memo.model_validate_json(target.read_text(encoding="utf-8"))
    assert len(memo.sources) == 1 and memo.sources[0].path == str(source)
