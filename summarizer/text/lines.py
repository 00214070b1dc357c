"""One-line, printable text for messages and logs: hostile names stay recognisable, never active."""

from __future__ import annotations

import re

__all__ = ["safe_one_line"]

# Controls, line separators, lone surrogates (undecodable file names) and bidi overrides, which
# can make a printed name read as something else.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def safe_one_line(s: str, limit: int = 300) -> str:
    """Make file names and content snippets safe to print: one line, control chars escaped."""

    # Escaped rather than dropped, so a hostile name stays recognisable in the message.
    def escape(m: re.Match[str]) -> str:
        return " " if m[0] in "\t\n\r" else m[0].encode("unicode_escape").decode("ascii")

    out = _UNSAFE.sub(escape, s[: limit + 1])
    return out if len(out) <= limit else out[: limit - 1] + "…"
