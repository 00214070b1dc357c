"""The memo as Markdown, as one self-contained HTML page, and as JSON.

Both text forms are pure functions of the `Memo` (no clock, no randomness), so the same input
gives byte-identical output. Everything that comes from an article is escaped: Markdown
punctuation is backslash-escaped, HTML goes through Jinja's autoescaping, and the source texts
embedded for the citation viewer are JSON with `<`, `>` and `&` written as \\u escapes, so an
article containing `</script><script>...` stays text.

The HTML needs no network: CSS and JS are inline, and a Content-Security-Policy allows only
our own script (by hash) and no requests at all; article links in the source list are the only
outside addresses, and only http(s) ones become links.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Sequence
from importlib import resources

import jinja2
from markupsafe import Markup

from summarizer.memo.model import Citation, Claim, Memo, MergedEvent, MergedParticipant
from summarizer.models import AgendaStatus

_STATUS_TITLES = {
    AgendaStatus.ANNOUNCED: "Announced",
    AgendaStatus.EXPECTED: "Expected",
    AgendaStatus.SPECULATIVE: "Speculative",
}


# --------------------------------------------------------------------------- shared wording


def first_per_source(citations: Sequence[Citation]) -> list[Citation]:
    """One marker per source: its first quote (the JSON keeps every quote)."""
    chosen: dict[int, Citation] = {}
    for c in sorted(citations, key=lambda c: (c.source, c.start)):
        chosen.setdefault(c.source, c)
    return list(chosen.values())


def attending_names(event: MergedEvent, limit: int = 4) -> list[MergedParticipant]:
    return [p for p in event.participants if p.attending][:limit]


Part = tuple[str, list[Citation], str]  # text, its citations, punctuation after the markers


def bluf_parts(event: MergedEvent) -> list[Part]:
    """The event's bottom line in cited pieces, from the merged facts only."""
    parts: list[Part] = [(event.summary.rstrip(". "), event.what, ".")]
    parts += _listed("Taking part:", [(p.name, p.attending_per) for p in attending_names(event)])
    if event.location:
        parts.append((f"Where: {event.location}", event.locations[0].citations, "."))
    if event.dates.text:
        parts.append((f"When: {event.dates.text}", event.dates.citations, "."))
    announced = [a for a in event.agenda if a.status == AgendaStatus.ANNOUNCED][:3]
    parts += _listed("On the agenda:", [(a.topic, a.citations) for a in announced], ";")
    if event.disagreements:
        shown = [
            (f"{d.subject} ({d.kind})", [c for x in d.claims for c in x.citations])
            for d in event.disagreements[:4]
        ]
        parts += _listed("Sources differ on:", shown, ";")
    return parts


def _listed(lead: str, items: list[tuple[str, list[Citation]]], sep: str = ",") -> list[Part]:
    parts: list[Part] = []
    for i, (text, cited) in enumerate(items):
        prefix = f"{lead} " if i == 0 else ""
        parts.append((prefix + text, cited, "." if i == len(items) - 1 else sep))
    return parts


def overview(memo: Memo) -> str:
    reports = len(memo.sources)
    events = len(memo.events)
    shared = sum(1 for e in memo.events if len(e.sources) > 1)
    return (
        f"{reports} report{'s' * (reports != 1)} cover {events} event{'s' * (events != 1)}"
        f" ({shared} reported by more than one source)."
    )


def when_text(event: MergedEvent) -> str:
    return event.dates.text or "no date stated in the sources"


# --------------------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#{}])")


def md(text: str | None) -> str:
    """Article text made inert in Markdown: one line, punctuation escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join((text or "").split()))


def md_marks(citations: Sequence[Citation]) -> str:
    return "".join(f"[{c.source}]" for c in first_per_source(citations))


def shorten(quote: str, limit: int = 240) -> str:
    """A long quote cut in its middle, at word ends: its start and its end stay. A statement's
    quote runs from the sentence naming the speaker to the sentence cited, so both ends carry
    meaning (the JSON and the source viewer have the quote whole)."""
    quote = " ".join(quote.split())
    if len(quote) <= limit:
        return quote
    keep = (limit - 3) // 2
    head = quote[:keep].rsplit(" ", 1)[0] if " " in quote[:keep] else quote[:keep]
    tail = quote[-keep:].split(" ", 1)[-1] if " " in quote[-keep:] else quote[-keep:]
    return f"{head.rstrip()} … {tail.lstrip()}"


def md_quote(citations: Sequence[Citation], limit: int = 240) -> str:
    """The first quote with its marker, shortened for reading."""
    if not citations:
        return ""
    c = first_per_source(citations)[0]
    return f"“{md(shorten(c.quote, limit))}” [{c.source}]"


def md_claims(claims: Sequence[Claim]) -> str:
    return "; ".join(f"{md(c.value)} {md_marks(c.citations)}" for c in claims)


def render_markdown(memo: Memo) -> str:
    lines = ["# Briefing memo", "", md(overview(memo)), "", "## Bottom line up front", ""]
    for event in memo.events:
        text = " ".join(f"{md(t)} {md_marks(c)}".rstrip() + p for t, c, p in bluf_parts(event))
        lines += [f"**Event {event.number}.** {text}", ""]
    for event in memo.events:
        lines += _md_event(event)
    lines += ["## Sources", ""]
    for s in memo.sources:
        bits = [f"**{md(s.title or s.path or s.summary_id)}**"]
        bits += [f"published {md(s.published)}" if s.published else "publication date unknown"]
        bits += [md(s.url)] if s.url else []
        bits += [f"`{(s.path or '').replace('`', '')}`"] if s.path else []
        lines.append(f"{s.number}. " + " — ".join(bits) + f" — event {s.event}")
    return "\n".join(lines).rstrip() + "\n"


def _md_event(event: MergedEvent) -> list[str]:
    lines = [f"## Event {event.number}: {md(event.title)}", "", "### Key facts", ""]
    who = "; ".join(f"{md(p.name)} {md_marks(p.attending_per)}" for p in attending_names(event, 8))
    lines += [
        f"- **What:** {md(event.summary)} ({event.kind.value}) {md_marks(event.what)}",
        f"- **Who:** {who or 'no participant is stated as taking part'}",
        f"- **Where:** {md_claims(event.locations) or 'not stated'}",
        f"- **When:** {md(when_text(event))} — {md_quote(event.dates.citations)}".rstrip(" —"),
        f"- **Status:** {md_claims(event.statuses)}",
        f"- **Sources:** {''.join(f'[{n}]' for n in event.sources)}",
        "",
    ]
    if event.dates.year_from:
        lines[-2:-1] += [f"- **Year of the date from:** {md_quote(event.dates.year_from)}"]
    return lines + _md_people(event) + _md_agenda(event) + _md_stances(event) + _md_diffs(event)


def _md_people(event: MergedEvent) -> list[str]:
    lines = ["### Participants", ""]
    if not event.participants:
        return [*lines, "None stated.", ""]
    lines += [
        "| Participant | Taking part | Role / affiliation | Sources |",
        "| --- | --- | --- | --- |",
    ]
    for p in event.participants:
        name = md(p.name) + (f" (also: {md(', '.join(p.variants))})" if p.variants else "")
        part = f"yes {md_marks(p.attending_per)}" if p.attending else "mentioned"
        if p.attending and p.mentioned_per:
            part += f"; only mentioned in {md_marks(p.mentioned_per)}"
        roles = md_claims([*p.roles, *p.affiliations]) or "—"
        lines.append(f"| {name} | {part} | {roles} | {md_marks(p.citations)} |")
    return [*lines, ""]


def _md_agenda(event: MergedEvent) -> list[str]:
    lines = ["### Agenda", ""]
    for status, title in _STATUS_TITLES.items():
        items = [a for a in event.agenda if a.status == status]
        if items:
            lines.append(f"**{title}**")
            lines.append("")
            lines += [f"- {md(a.topic)} — {md_quote(a.citations)}" for a in items]
            lines.append("")
    return lines if len(lines) > 2 else [*lines, "No agenda item stated.", ""]


def _md_stances(event: MergedEvent) -> list[str]:
    lines = ["### Stances", ""]
    for s in event.stances:
        positions = "; ".join(md(c.value) for c in s.positions)
        lines.append(f"- **{md(s.actor)}** on {md(s.topic)}: {positions} — {md_quote(s.citations)}")
    return [*lines, ""] if event.stances else [*lines, "No stance stated.", ""]


def _md_diffs(event: MergedEvent) -> list[str]:
    lines = ["### Disagreements", ""]
    if not event.disagreements:
        return [*lines, "None found between the sources.", ""]
    for d in event.disagreements:
        versus = " vs ".join(f"“{md(c.value)}” {md_marks(c.citations)}" for c in d.claims)
        lines.append(f"- **{md(d.subject)}** ({d.kind}): {versus}")
        for claim in d.claims:
            lines += [f"  - {md_quote([c])}" for c in first_per_source(claim.citations)]
    return [*lines, ""]


# --------------------------------------------------------------------------- HTML


def _template_text(name: str) -> str:
    templates = resources.files("summarizer.memo").joinpath("templates")
    return templates.joinpath(name).read_text(encoding="utf-8")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_template_text),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals.update(
        marks=first_per_source,
        bluf_parts=bluf_parts,
        attending_names=attending_names,
        when_text=when_text,
        statuses=_STATUS_TITLES,
        link=safe_link,
    )
    env.filters["shorten"] = shorten
    return env


def safe_link(url: str | None) -> str | None:
    """Only plain web addresses become links; 'javascript:' and the like stay text."""
    return url if url and re.match(r"https?://[^\s\"'<>]+$", url) else None


def script_json(value: object) -> Markup:
    """JSON that cannot end the <script> element it sits in, whatever the article says."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)  # escaped above for the script context


def render_html(memo: Memo) -> str:
    script = _template_text("memo.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    texts = {str(s.number): s.text for s in memo.sources}
    return (
        _environment()
        .get_template("memo.html.j2")
        .render(
            memo=memo,
            overview=overview(memo),
            style=Markup(_template_text("memo.css")),  # our own file
            script=Markup(script),  # our own file
            script_hash=f"sha256-{digest}",
            sources_json=script_json(texts),
        )
    )


def render_json(memo: Memo) -> str:
    return memo.model_dump_json(indent=2) + "\n"
