"""Which reader a source needs: by file extension first, by its first bytes when that says nothing."""
from __future__ import annotations

import re
from pathlib import Path

TEXT, JSONL, HTML, FEED = "text", "jsonl", "html", "feed"

KIND_BY_SUFFIX = {
    ".txt": TEXT,
    ".text": TEXT,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
    ".html": HTML,
    ".htm": HTML,
    ".rss": FEED,
    ".atom": FEED,
    ".xml": FEED,  # confirmed by sniffing: an .xml file may also be XHTML
}

HEAD_BYTES = 4096
_BOM = b"\xef\xbb\xbf"
_SKIP_MARKUP = re.compile(rb"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!(?!--)[^>]*>)*", re.DOTALL)
_ROOT = re.compile(rb"<\s*([A-Za-z_][\w:.-]*)")
_FEED_ROOTS = frozenset({b"rss", b"feed", b"rdf:rdf", b"rdf"})


def is_binary(head: bytes) -> bool:
    """NUL bytes do not occur in text encodings we accept (UTF-8)."""
    return b"\x00" in head


def root_element(head: bytes) -> bytes | None:
    """Lower-cased name of the first element, past declarations, comments and doctype."""
    body = head[len(_BOM):] if head.startswith(_BOM) else head
    lowered = body[:HEAD_BYTES].lower()
    rest = lowered[_SKIP_MARKUP.match(lowered).end():]
    root = _ROOT.match(rest)
    return root.group(1) if root else None


def sniff(head: bytes) -> str:
    """Format of content from its first bytes: JSONL, HTML, feed, else plain text."""
    body = head[len(_BOM):] if head.startswith(_BOM) else head
    body = body.lstrip()
    if body.startswith(b"{"):
        return JSONL
    lowered = body[:HEAD_BYTES].lower()
    if not lowered.startswith(b"<"):
        return TEXT
    root = root_element(lowered)
    if root in _FEED_ROOTS:
        return FEED
    if lowered.startswith(b"<?xml") and root != b"html":
        return FEED  # XML of another kind: the feed parser says precisely why it is no feed
    return HTML


def kind_of(path: Path, head: bytes) -> str:
    """Reader kind for a file: its extension decides, except that an .xml file may be XHTML."""
    suffix = path.suffix.lower()
    if suffix == ".xml":
        return HTML if root_element(head.lstrip()) == b"html" else FEED
    kind = KIND_BY_SUFFIX.get(suffix)
    return kind if kind is not None else sniff(head)


def is_known(path: Path) -> bool:
    """Whether a file met while walking a directory is one we read."""
    return path.suffix.lower() in KIND_BY_SUFFIX
