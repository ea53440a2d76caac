"""HTML pages: trafilatura finds the main text and the page metadata; nothing is ever fetched.

When trafilatura finds no main text we fall back to all visible text rather than drop the page.
"""
from __future__ import annotations

from trafilatura import bare_extraction
from trafilatura.baseline import html2txt

from communique.record import Article
from communique.readers.common import NoText, clean_str, finish, normalise_date


def parse_html(content: str | bytes, *, date_override: str | None = None) -> Article:
    """One article from an HTML document; NoText when there is nothing to read."""
    doc = bare_extraction(
        content,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_links=False,
    )
    text = (doc.text or "").strip() if doc is not None else ""
    title = clean_str(doc.title) if doc is not None else None
    if not text:
        text = html2txt(content).strip()
    if not text:
        raise NoText("no readable text in the HTML")
    if title:
        first, sep, rest = text.partition("\n")
        if sep and first.strip() == title and rest.strip():
            text = rest.strip()  # the headline is kept in `title`, not repeated in the body
    date = None
    if doc is not None and doc.date:
        try:
            date = normalise_date(doc.date)
        except ValueError:
            date = None  # a metadata guess we cannot read is no date, not a broken page
    return finish(
        text=text,
        date=date,
        title=title,
        url=clean_str(doc.url) if doc is not None else None,
        source=clean_str(doc.sitename) if doc is not None else None,
        date_override=date_override,
    )
