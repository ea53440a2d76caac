"""RSS and Atom feeds: each entry is one article; feedparser reads the bytes we hand it, never a URL.

Entry bodies are HTML fragments; they are turned into plain text with paragraph breaks kept,
so sentence splitting downstream sees the same structure a reader does.
"""
from __future__ import annotations

import io
import re
from typing import Iterator

import feedparser
import lxml.html
from lxml import etree

from communique.record import Article
from communique.readers.common import NotAFeed, Problem, ProblemHandler, clean_str, finish, normalise_date

_BLOCK_TAGS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tr ul".split()
)
_DROP_TAGS = ("script", "style", "noscript", "template")
_SPACES = re.compile(r"[^\S\n]+")
_BREAKS = re.compile(r"\s*\n\s*\n\s*")
_LINE_EDGES = re.compile(r" *\n *")
_LOOKS_HTML = re.compile(r"<[a-zA-Z!/]|&[#a-zA-Z0-9]+;")


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: blocks become paragraphs, <br> a line break."""
    if not _LOOKS_HTML.search(fragment):
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment.strip()
    for bad in list(root.iter(*_DROP_TAGS)):
        bad.drop_tree()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif el.tag in _BLOCK_TAGS:
            el.text = "\n\n" + (el.text or "")
            el.tail = "\n\n" + (el.tail or "")
    text = _SPACES.sub(" ", root.text_content())
    text = _BREAKS.sub("\n\n", text)
    return _LINE_EDGES.sub("\n", text).strip()


def _entry_text(entry) -> str:
    """The fullest body the entry offers: content beats summary."""
    for part in entry.get("content") or ():
        value = part.get("value") or ""
        text = value.strip() if part.get("type") == "text/plain" else html_to_text(value)
        if text:
            return text
    summary = entry.get("summary") or ""
    detail = entry.get("summary_detail") or {}
    return summary.strip() if detail.get("type") == "text/plain" else html_to_text(summary)


def _entry_date(entry) -> str | None:
    """The date as the feed wrote it (local calendar day), else feedparser's UTC reading."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw:
            try:
                return normalise_date(raw)
            except ValueError:
                parsed = entry.get(f"{key}_parsed")
                if parsed:
                    return normalise_date(parsed)
    return None


def iter_feed(
    content: bytes, source: str, on_problem: ProblemHandler, *, date_override: str | None = None
) -> Iterator[Article]:
    """Articles from the feed's entries; an entry with no text is reported and skipped."""
    parsed = feedparser.parse(io.BytesIO(content), resolve_relative_uris=False, sanitize_html=True)
    if not parsed.get("version"):  # feedparser names every RSS/Atom/RDF dialect it recognises
        reason = parsed.get("bozo_exception")
        raise NotAFeed(f"not an RSS or Atom feed ({reason})" if reason else "not an RSS or Atom feed")
    feed_title = clean_str(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        text = _entry_text(entry)
        ident = clean_str(entry.get("id"))
        if not text:
            on_problem(Problem(source, None, f"entry {number} ({ident or 'no id'}) has no text"))
            continue
        title = entry.get("title")
        if title and (entry.get("title_detail") or {}).get("type") == "text/html":
            title = html_to_text(title)
        yield finish(
            text=text,
            id=ident,
            date=_entry_date(entry),
            title=clean_str(title),
            url=clean_str(entry.get("link")),
            source=feed_title,
            date_override=date_override,
        )
