"""Locating quotes and reading dates: offsets are exact or absent, never invented."""

from __future__ import annotations

import itertools

import pytest

from summarizer.grounding.locate import ground_drafts, locate
from summarizer.llm.prompt import example_exchange, split_text
from summarizer.models import SummaryDraft
from summarizer.text.dates import read_dates


def test_exact_match_offsets():
    text = "The minister arrived in Moscow on Monday."
    found = locate(text, "arrived in Moscow")
    assert found and found.match == "exact"
    assert text[found.start : found.end] == "arrived in Moscow"


@pytest.mark.parametrize(
    ("text", "quote", "span"),
    [
        ("He said “we will not yield” today", '"we will not yield"', "we will not yield"),
        ("China’s foreign  minister\nspoke", "China's foreign minister spoke", None),
        ("talks — productive ones", "talks - productive ones", None),
        ("WANG YI arrived", "Wang Yi arrived", None),
    ],
)
def test_normalized_match_maps_back_to_the_original_text(text, quote, span):
    found = locate(text, quote)
    assert found is not None
    located = text[found.start : found.end]
    if span:
        assert located == span
    assert located.split()[0].lower().startswith(quote.strip('"').split()[0][:3].lower())


def test_non_ascii_offsets_are_python_string_indices():
    text = "😀 Ministre Sergueï Lavrov a rencontré 王毅 à Pékin le lundi."
    for quote in ["Sergueï Lavrov", "王毅 à Pékin", "rencontré"]:
        found = locate(text, quote)
        assert found and text[found.start : found.end] == quote


def test_a_paraphrase_is_not_located():
    text = "The foreign minister will travel to Russia for four days."
    assert locate(text, "the minister is going to Moscow") is None
    assert locate(text, "") is None


def test_near_prefers_the_occurrence_in_the_chunk():
    text = "Wang Yi met Lavrov. " * 3
    found = locate(text, "Wang Yi met Lavrov", near=25)
    assert found and found.start == 40


def test_one_megabyte_article():
    text = ("Filler sentence about nothing in particular. " * 23000)[:1_000_000]
    text += " The decisive quote sits at the very end."
    found = locate(text, "the decisive QUOTE sits at the very end")
    assert found and found.end == len(text) - 1


@pytest.mark.parametrize(
    ("phrase", "start", "end", "partial"),
    [
        ("from September 18 to 21, 2023", "2023-09-18", "2023-09-21", None),
        ("September 18 to 21", None, None, "--09-18"),
        ("on 3 March 2021", "2021-03-03", None, None),
        ("18 September - 2 October 2023", "2023-09-18", "2023-10-02", None),
        ("2016-11-10", "2016-11-10", None, None),
        ("from Monday to Thursday", None, None, None),
        ("February 30, 2023", None, None, None),
        (None, None, None, None),
    ],
)
def test_dates_come_from_the_text_only(phrase, start, end, partial):
    reading = read_dates(phrase)
    assert (reading.start_date, reading.end_date, reading.partial) == (start, end, partial)


def test_unlocatable_quotes_leave_no_evidence():
    article, answer = example_exchange()
    draft = SummaryDraft.model_validate_json(answer)
    draft.participants[0].quote = "a sentence the article never contained"
    draft.event.date_text = "on 14 July 2020"
    grounded = ground_drafts(article, [(0, draft)])
    assert grounded.participants[0].evidence == []
    assert grounded.participants[1].evidence  # the others are untouched
    assert grounded.event.date_evidence == []  # an unlocated date phrase proves nothing


def test_chunks_merge_with_global_offsets():
    article, answer = example_exchange()
    draft = SummaryDraft.model_validate_json(answer)
    text = "Preamble line.\n\n" + article
    grounded = ground_drafts(text, [(0, draft), (16, draft)])
    assert len(grounded.participants) == 3  # de-duplicated across chunks
    for p in grounded.participants:
        assert p.evidence and text[p.evidence[0].start : p.evidence[0].end] == p.evidence[0].quote


def test_split_text_covers_the_text_with_overlap():
    text = "".join(f"Paragraph {i} says something of note.\n\n" for i in range(400))
    chunks = split_text(text, 2000, overlap=200)
    assert len(chunks) > 5
    assert all(text[o : o + len(c)] == c for o, c in chunks)
    assert chunks[-1][0] + len(chunks[-1][1]) == len(text)
    for (o1, c1), (o2, _) in itertools.pairwise(chunks):
        assert o2 < o1 + len(c1)  # overlap: no gap between chunks
    assert split_text("short", 2000) == [(0, "short")]
