"""JSON Lines: one article object a line, read as a stream so a million-line file never sits in memory.

A bad line is reported and skipped; the text field is kept exactly as given, because gold sets
index their offsets into it.
"""
from __future__ import annotations

import json
from typing import Iterable, Iterator

from communique.record import Article
from communique.readers.common import Problem, ProblemHandler, clean_str, finish, normalise_date


def parse_line(obj: object, *, date_override: str | None = None) -> Article:
    """One decoded JSON value to an Article; ValueError says what is wrong with it."""
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise ValueError("no text" if text is None else f"text must be a string, not {type(text).__name__}")
    if not text.strip():
        raise ValueError("empty text")
    try:
        date = normalise_date(obj.get("date"))
    except ValueError as exc:
        raise ValueError(f"bad date: {exc}") from None
    raw_id = obj.get("id")
    if isinstance(raw_id, (dict, list, bool)):
        raise ValueError(f"id must be a string or number, not {type(raw_id).__name__}")
    return finish(
        text=text,
        id=clean_str(raw_id),
        date=date,
        dateline=clean_str(obj.get("dateline")),
        title=clean_str(obj.get("title")),
        url=clean_str(obj.get("url")),
        source=clean_str(obj.get("source")),
        date_override=date_override,
    )


def iter_jsonl(
    lines: Iterable[str] | Iterable[bytes],
    source: str,
    on_problem: ProblemHandler,
    *,
    date_override: str | None = None,
    first_line: int = 1,
) -> Iterator[Article]:
    """Articles from lines of a binary file or a text stream, reporting bad lines by number.

    Binary lines are decoded one at a time, so one badly encoded line costs only itself.
    """
    for number, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue
        if isinstance(line, str) and line.startswith("\ufeff"):
            line = line[1:]
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            on_problem(Problem(source, number, f"invalid JSON: {exc.msg} at column {exc.colno}"))
            continue
        except UnicodeDecodeError:
            on_problem(Problem(source, number, "not valid UTF-8"))
            continue
        try:
            yield parse_line(obj, date_override=date_override)
        except ValueError as exc:
            on_problem(Problem(source, number, str(exc)))
