"""Readers: turn files, directories and stdin into Articles.

`iter_articles` checks every path before reading any, picks a reader per file (extension, then
content), and streams. Items it must skip go to `on_problem` with the reason; a source that cannot
be read at all raises SourceError, unless it was found inside a directory, where it becomes a
Problem so the rest of the directory still goes through.
"""
from __future__ import annotations

import itertools
import json
import os
import sys
from pathlib import Path
from typing import BinaryIO, Iterator, Sequence

from communique.errors import SourceError, UsageError
from communique.record import Article
from communique.readers.common import (
    NoText, NotAFeed, Problem, ProblemHandler, log_problem, normalise_date, text_id,
)
from communique.readers.jsonl import iter_jsonl, parse_line
from communique.readers.sniff import FEED, HEAD_BYTES, HTML, JSONL, is_binary, is_known, kind_of, sniff
from communique.readers.text import parse_text

__all__ = ["Problem", "iter_articles", "text_id"]

STDIN = "-"
STDIN_NAME = "<stdin>"


class _Unreadable(Exception):
    """A whole source failed; becomes SourceError or a Problem depending on where it was found."""


def iter_articles(
    sources: Sequence[str | os.PathLike] | str,
    date: str | None = None,
    on_problem: ProblemHandler | None = None,
) -> Iterator[Article]:
    """Articles from every source in order. Raises UsageError now (not on first read) for a
    missing path or a bad `date`; `date` (YYYY-MM-DD) replaces every article's date."""
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    names = [os.fspath(s) for s in sources]
    for name in names:
        if name != STDIN and not os.path.exists(name):
            raise UsageError(f"no such file: {name}")
    override = None
    if date is not None:
        try:
            override = normalise_date(date)
        except ValueError:
            override = None
        if override is None:
            raise UsageError(f"bad date {date!r}: expected YYYY-MM-DD")
    return _generate(names, override, on_problem or log_problem)


def _generate(names: list[str], override: str | None, report: ProblemHandler) -> Iterator[Article]:
    for name in names:
        if name == STDIN:
            yield from _guard(_read_stdin(override, report), STDIN_NAME, report, strict=True)
        elif os.path.isdir(name):
            for path in _walk(Path(name)):
                yield from _guard(_read_file(path, override, report), str(path), report, strict=False)
        else:
            yield from _guard(_read_file(Path(name), override, report), name, report, strict=True)


def _guard(articles: Iterator[Article], name: str, report: ProblemHandler, *, strict: bool) -> Iterator[Article]:
    """Turn a source-level failure into SourceError (named source) or a Problem (in a directory)."""
    try:
        yield from articles
    except _Unreadable as exc:
        if strict:
            raise SourceError(f"cannot read {name}: {exc}") from None
        report(Problem(name, None, f"cannot read: {exc}"))


def _walk(root: Path) -> list[Path]:
    """Known files under root, recursively, sorted by path; hidden files and folders are left out."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for filename in filenames:
            path = Path(dirpath) / filename
            if not filename.startswith(".") and is_known(path):
                found.append(path)
    return sorted(found)


def _read_file(path: Path, override: str | None, report: ProblemHandler) -> Iterator[Article]:
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
            if is_binary(head):
                raise _Unreadable("binary content, not text")
            kind = kind_of(path, head)
            if kind == JSONL:
                handle.seek(0)
                yield from iter_jsonl(handle, str(path), report, date_override=override)
                return
            content = head + handle.read()
    except OSError as exc:
        raise _Unreadable(exc.strerror or str(exc)) from None
    yield from _parse_whole(kind, content, str(path), override, report)


def _parse_whole(kind: str, content: bytes, name: str, override: str | None, report: ProblemHandler) -> Iterator[Article]:
    """Formats read as one piece: plain text, HTML, feeds.

    trafilatura and feedparser are imported only when needed: they cost ~0.2 s of start-up
    that a text or JSONL run should not pay.
    """
    try:
        if kind == FEED:
            from communique.readers.feed import iter_feed

            yield from iter_feed(content, name, report, date_override=override)
            return
        if kind == HTML:
            from communique.readers.html import parse_html

            yield parse_html(content, date_override=override)
            return
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _Unreadable(f"not valid UTF-8 (byte {exc.start})") from None
        article = parse_text(text, date_override=override)
        if article is None:
            report(Problem(name, None, "empty: no text"))
        else:
            yield article
    except NotAFeed as exc:
        raise _Unreadable(str(exc)) from None
    except NoText as exc:
        report(Problem(name, None, str(exc)))
    except ValueError as exc:  # e.g. an impossible date in a text header
        report(Problem(name, None, str(exc)))


def _stdin_lines() -> Iterator[bytes]:
    """stdin as binary lines, whether it is the real stream or a text stand-in (tests, notebooks)."""
    buffer: BinaryIO | None = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        yield from buffer
    else:
        for line in sys.stdin:
            yield line.encode("utf-8", "surrogateescape")


def _is_json(line: bytes) -> bool:
    try:
        json.loads(line)
    except (ValueError, UnicodeDecodeError):
        return False
    return True


def _json_document(content: bytes, override: str | None, report: ProblemHandler) -> Iterator[Article]:
    try:
        data = json.loads(content)
    except (ValueError, UnicodeDecodeError) as exc:
        raise _Unreadable(f"neither JSONL nor a JSON document: {exc}") from None
    for number, item in enumerate(data if isinstance(data, list) else [data], 1):
        try:
            yield parse_line(item, date_override=override)
        except ValueError as exc:
            report(Problem(STDIN_NAME, None, f"item {number}: {exc}"))


def _read_stdin(override: str | None, report: ProblemHandler) -> Iterator[Article]:
    """Sniff stdin from its first non-blank line; JSONL keeps streaming, other formats are read whole."""
    lines = _stdin_lines()
    pending: list[bytes] = []
    for line in lines:
        pending.append(line)
        if line.strip():
            break
    if not pending or not pending[-1].strip():
        return
    if is_binary(pending[-1][:HEAD_BYTES]):
        raise _Unreadable("binary content, not text")
    kind = sniff(pending[-1])
    if kind == JSONL and _is_json(pending[-1]):
        yield from iter_jsonl(itertools.chain(pending, lines), STDIN_NAME, report, date_override=override)
        return
    if kind == JSONL:  # "{" alone on the first line: one pretty-printed JSON article (or a list of them)
        yield from _json_document(b"".join(itertools.chain(pending, lines)), override, report)
        return
    content = b"".join(itertools.chain(pending, lines))
    yield from _parse_whole(sniff(content[:HEAD_BYTES]), content, STDIN_NAME, override, report)
