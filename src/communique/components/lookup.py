"""Find the actor behind a character span: how times, quantities, quotes and events point at actors.

The mentions are indexed once per Doc (sorted by start, searched by bisection), so a long article
with thousands of lookups stays linear rather than quadratic.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc

from ..record import Actor, Mention

_KEY = "communique.mention_index"


@dataclass(frozen=True, slots=True)
class _Index:
    actors: object  # the list the index was built from: rebuilt when doc._.actors is replaced
    starts: list[int]
    entries: list[tuple[Mention, Actor]]
    longest: int


def _index(doc: Doc) -> _Index:
    actors = doc._.actors or ()
    cached = doc.user_data.get(_KEY)
    if cached is not None and cached.actors is actors:
        return cached
    entries = sorted(((m, a) for a in actors for m in a.mentions), key=lambda p: (p[0].start, -p[0].end))
    index = _Index(actors, [m.start for m, _ in entries], entries,
                   max((m.end - m.start for m, _ in entries), default=0))
    doc.user_data[_KEY] = index
    return index


def mentions_in(doc: Doc, start: int, end: int) -> list[tuple[Mention, Actor]]:
    """Every actor mention overlapping [start, end), in text order."""
    index = _index(doc)
    lo = bisect_left(index.starts, start - index.longest)
    hi = bisect_left(index.starts, end)
    return [(m, a) for m, a in index.entries[lo:hi] if m.end > start]


def actor_for_span(doc: Doc, start: int, end: int) -> Actor | None:
    """The actor whose mention overlaps [start, end) the most; ties go to the longer mention."""
    best, best_key = None, None
    for m, a in mentions_in(doc, start, end):
        key = (min(end, m.end) - max(start, m.start), m.end - m.start)
        if best_key is None or key > best_key:
            best, best_key = a, key
    return best
