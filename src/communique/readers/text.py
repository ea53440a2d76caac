"""Plain text: the whole file is one article, with an optional `date YYYY-MM-DD PLACE:` header.

The header is how the seed corpus carries the article date and dateline; it is stripped so that
offsets index the article body only. Nothing else in the text is touched except outer whitespace.
"""
from __future__ import annotations

import re

from communique.record import Article
from communique.readers.common import finish, normalise_date

# " date 2024-10-07 BEIJING: As last week ..." — the body may continue on the same line.
_HEADER = re.compile(
    r"\A\s*date[ \t]+(?P<date>\d{4}-\d{2}-\d{2})(?:[ \t]+(?P<place>[^:\n]{1,80}?))?[ \t]*:[ \t]*"
)


def split_header(content: str) -> tuple[str | None, str | None, str]:
    """Return (date, dateline, body) — date and dateline None when there is no header."""
    m = _HEADER.match(content)
    if not m:
        return None, None, content.strip()
    place = m["place"].strip() if m["place"] else None
    return m["date"], place, content[m.end():].strip()


def parse_text(content: str, *, date_override: str | None = None) -> Article | None:
    """One article from the text, or None when there is no text at all."""
    date, dateline, body = split_header(content)
    if not body:
        return None
    if date is not None:
        date = normalise_date(date)  # ValueError for impossible dates such as 2024-13-40
    return finish(text=body, date=date, dateline=dateline, date_override=date_override)
