"""Dates read from the text itself; never guessed.

- `read_dates`: a phrase that states a calendar date ("September 18 to 21, 2023",
  "3 March 2021", "2016-11-10"). Without a year the reading stays partial ("--09-18").
- `find_date_phrase`, `find_date_phrases`: the first, or every, date phrase of a text;
  `starts_today`: whether a text has something begin on the day it is written.
- `resolve_relative`: a relative phrase ("on Monday", "from Monday to Thursday", "tomorrow")
  resolved against the article's publication date, which the caller must have.
- `MONTHS`, `MONTH`, `month_name`: the month names (table, pattern, display name), for every
  module that reads or writes one (ingest's page-date lines, the memo's date wording).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

# Month names and abbreviations: the one month table of the package (ingest's page-furniture
# dates and the memo's date wording use it too). The first form of each is the full name.
_MONTH_FORMS = [
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
]
MONTHS = {name: number for number, names in enumerate(_MONTH_FORMS, start=1) for name in names}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
MONTH = rf"(?:{_MONTH_NAMES})\.?"  # a month name, for other modules' patterns (no group)
_MONTH = r"(?P<{0}>" + _MONTH_NAMES + r")\.?"
_DAY = r"(?P<{0}>\d{{1,2}})(?:st|nd|rd|th)?"
_YEAR = r"(?P<{0}>(?:19|20)\d\d)"
_RANGE = r"\s*(?:-|–|—|to|until|through|and)\s*"

# Each pattern names: m1/d1 (start), optional m2/d2 (end), optional y (year for both).
_DATE_PATTERNS = [
    # "2021年3月22日至23日", "3月22日": Chinese and Japanese dates
    re.compile(
        r"(?:(?P<y>(?:19|20)\d\d)年)?(?P<m1n>\d{1,2})月(?P<d1>\d{1,2})[日号]"
        r"(?:(?:至|到|-|—|~)(?:(?P<m2n>\d{1,2})月)?(?P<d2>\d{1,2})[日号])?"
    ),
    re.compile(
        rf"\b{_YEAR.format('y')}-(?P<m1n>\d\d)-(?P<d1>\d\d)\b",
        re.IGNORECASE,
    ),
    # "September 18 to 21, 2023", "Sept. 18 - October 2, 2023", "May 3, 2021", "May 3"
    re.compile(
        rf"\b{_MONTH.format('m1')}\s+{_DAY.format('d1')}"
        rf"(?:{_RANGE}(?:{_MONTH.format('m2')}\s+)?{_DAY.format('d2')})?"
        rf"(?:,?\s+{_YEAR.format('y')})?\b",
        re.IGNORECASE,
    ),
    # "18 to 21 September 2023", "3 March 2021", "18 September - 2 October 2023"
    re.compile(
        rf"\b{_DAY.format('d1')}(?:\s+{_MONTH.format('m1')})?"
        rf"(?:{_RANGE}{_DAY.format('d2')})?\s+{_MONTH.format('m2')}"
        rf"(?:,?\s+{_YEAR.format('y')})?\b",
        re.IGNORECASE,
    ),
]


@dataclass(frozen=True)
class DateReading:
    start_date: str | None
    end_date: str | None
    partial: str | None  # "--MM-DD" when day and month are given but no year


def read_dates(date_text: str | None) -> DateReading:
    """ISO dates stated in `date_text`; a date without a year stays partial, never completed."""
    if not date_text:
        return DateReading(None, None, None)
    for pattern in _DATE_PATTERNS:
        found = pattern.search(date_text)
        if found:
            return _reading_from(found)
    return DateReading(None, None, None)


def _reading_from(found: re.Match[str]) -> DateReading:
    groups = found.groupdict()
    month1 = _month_number(groups.get("m1") or groups.get("m1n") or groups.get("m2"))
    month2 = _month_number(groups.get("m2") or groups.get("m2n")) or month1
    day1 = int(groups["d1"])
    day2 = int(groups["d2"]) if groups.get("d2") else None
    year = int(groups["y"]) if groups.get("y") else None
    if month1 is None:
        return DateReading(None, None, None)
    if year is None:
        return DateReading(None, None, f"--{month1:02d}-{day1:02d}")
    start = _iso(year, month1, day1)
    end = _iso(year, month2, day2) if day2 is not None else None
    if start is None:
        return DateReading(None, None, None)
    return DateReading(start, end if end and end >= start else None, None)


def _month_number(token: str | None) -> int | None:
    if token is None:
        return None
    if token.isdigit():
        number = int(token)
        return number if 1 <= number <= 12 else None
    return MONTHS.get(token.lower().rstrip("."))


def month_name(number: int) -> str:
    """The English name of month `number` (1-12): "September"."""
    return _MONTH_FORMS[number - 1][0].capitalize()


def _iso(year: int, month: int | None, day: int) -> str | None:
    if month is None:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


# --------------------------------------------------------------------------- relative dates

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
WEEKDAY = "(?:" + "|".join(_WEEKDAYS) + ")"  # a day's name, for other modules' patterns
_DAY_WORDS = {"today": 0, "tonight": 0, "this morning": 0, "tomorrow": 1, "yesterday": -1}
_STARTS_TODAY = re.compile(
    r"\b(?:from|starting|beginning|as of)\s+(?:"
    + "|".join(w for w, offset in _DAY_WORDS.items() if offset == 0)
    + r")\b",
    re.IGNORECASE,
)


def starts_today(text: str) -> bool:
    """The text has something begin on the day it is written ("from today", "starting
    tonight"); a bare "today" ("will meet today", "said today", "USA Today") does not count."""
    return _STARTS_TODAY.search(text) is not None


def resolve_relative(
    phrase: str, published: date | None, *, future: bool = True
) -> tuple[str, str | None] | None:
    """(start, end) ISO dates for a relative phrase, or None when it names no single day.

    A weekday is the next such day on or after publication for planned events (`future`), the
    last one on or before it for completed ones; a range end is the first such day after start.
    """
    if published is None or not phrase:
        return None
    lowered = phrase.lower()
    for words, offset in _DAY_WORDS.items():
        if re.search(r"\b" + words + r"\b", lowered):
            return (published + timedelta(days=offset)).isoformat(), None
    days = [_WEEKDAYS.index(m.lower()) for m in _WEEKDAY.findall(phrase)]
    if not days:
        return None  # "next week", "this month": no single day to name
    says_last = re.search(r"\b(last|past|previous)\b", lowered) is not None
    says_next = re.search(r"\bnext\b", lowered) is not None
    if (future or says_next) and not says_last:
        ahead = (days[0] - published.weekday()) % 7 or (7 if says_next else 0)
        start = published + timedelta(days=ahead)
    else:
        back = (published.weekday() - days[0]) % 7 or (7 if says_last else 0)
        start = published - timedelta(days=back)
    end = None
    if len(days) > 1:
        span = (days[-1] - days[0]) % 7 or 7
        end = (start + timedelta(days=span)).isoformat()
    return start.isoformat(), end


_RELATIVE_PHRASE = re.compile(
    r"\b(?:(?:on|from|last|next|this|since|until)\s+)?(?:" + "|".join(_WEEKDAYS) + r")"
    r"(?:\s*(?:-|–|to|and|through|until)\s*(?:" + "|".join(_WEEKDAYS) + r"))?\b"
    r"|\b(?:today|tonight|this morning|tomorrow|yesterday)\b",
    re.IGNORECASE,
)


def find_date_phrase(sentence: str) -> str | None:
    """The first date phrase a sentence states, verbatim: a calendar date ("3 March 2021",
    "September 18 to 21") before a relative one ("on Thursday", "yesterday")."""
    found = [m for pattern in _DATE_PATTERNS if (m := pattern.search(sentence))]
    if found:
        return min(found, key=lambda m: m.start()).group(0)
    relative = _RELATIVE_PHRASE.search(sentence)
    return relative.group(0) if relative else None


def find_date_phrases(text: str) -> list[str]:
    """Every date phrase `text` states, verbatim and in reading order; overlapping matches
    count once, the calendar date first ("Monday, March 3" gives "Monday" and "March 3")."""
    found: list[re.Match[str]] = []
    matches = [m for pattern in _DATE_PATTERNS for m in pattern.finditer(text)]
    # Calendar dates first, the longest first, so one inside another is not read twice.
    matches.sort(key=lambda m: m.start() - m.end())
    for m in matches + list(_RELATIVE_PHRASE.finditer(text)):
        if not any(_overlap(f, m) for f in found):
            found.append(m)
    return [m.group(0) for m in sorted(found, key=lambda m: m.start())]


def _overlap(one: re.Match[str], other: re.Match[str]) -> bool:
    return one.start() < other.end() and other.start() < one.end()
