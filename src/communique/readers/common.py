"""Pieces every reader shares: the Problem report, article ids, date normalisation.

Kept apart from the format modules so each reader only knows how to parse its own format.
"""
from __future__ import annotations

import hashlib
import logging
import re
import time
import unicodedata
from dataclasses import dataclass
from datetime import date as _date
from email.utils import parsedate_to_datetime
from typing import Callable

from communique.record import Article

_log = logging.getLogger("communique.readers")

_WS = re.compile(r"\s+")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:(?:[T ]|$).*)?$", re.DOTALL)
_COMPACT_DATE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T.*)?$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Problem:
    """One item a reader skipped, and why: nothing is dropped silently."""

    source: str
    line_number: int | None  # None when the problem concerns a whole file or a feed entry
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line_number}" if self.line_number is not None else self.source
        return f"{where}: {self.message}"


ProblemHandler = Callable[[Problem], None]


class NoText(ValueError):
    """A document holds no readable text: reported as a Problem, the source itself was fine."""


class NotAFeed(ValueError):
    """Content parses as neither RSS nor Atom: the source as a whole is unreadable."""


def log_problem(problem: Problem) -> None:
    """Default handler: a library must not print, but a skipped item must leave a trace."""
    _log.warning("skipped %s", problem)


def normalise_text(text: str) -> str:
    """NFC, whitespace runs collapsed, stripped: the form the id hash is taken over."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def text_id(text: str) -> str:
    """SHA-256 of the normalised text, so re-wrapping or re-spacing an article keeps its id."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def normalise_date(value: object) -> str | None:
    """Return YYYY-MM-DD for a date, ISO timestamp, RFC 2822 date or struct_time; None if empty.

    The calendar date is taken as written (no shift to UTC): a story dated late evening in its
    own time zone belongs to that day. Raises ValueError for anything else.
    """
    if value is None:
        return None
    if isinstance(value, time.struct_time):
        return _date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    if isinstance(value, _date):  # datetime is a date subclass too
        return _date(value.year, value.month, value.day).isoformat()
    if not isinstance(value, str):
        raise ValueError(f"date must be a string, not {type(value).__name__}")
    if not value.strip():
        return None
    m = _ISO_DATE.match(value) or _COMPACT_DATE.match(value)
    if m:
        return _date(int(m[1]), int(m[2]), int(m[3])).isoformat()  # ValueError if impossible
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is None:
        raise ValueError(f"not a date: {value!r}")
    return parsed.date().isoformat()


def finish(
    *,
    text: str,
    id: str | None = None,
    date: str | None = None,
    dateline: str | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    date_override: str | None = None,
) -> Article:
    """Build the Article, filling a missing id from the text and applying the caller's date."""
    return Article(
        id=id if id else text_id(text),
        date=date_override if date_override is not None else date,
        text=text,
        dateline=dateline or None,
        title=title or None,
        url=url or None,
        source=source or None,
    )


def clean_str(value: object) -> str | None:
    """Optional metadata as a stripped string, None when empty."""
    if value is None:
        return None
    value = str(value).strip()
    return value or None
