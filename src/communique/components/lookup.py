"""Find the actor behind a character span: how times, quantities and quotes point at actors."""
from __future__ import annotations

from spacy.tokens import Doc

from ..record import Actor, Mention


def mentions_in(doc: Doc, start: int, end: int) -> list[tuple[Mention, Actor]]:
    """Every actor mention overlapping [start, end), in text order."""
    found = [
        (m, a)
        for a in doc._.actors or ()
        for m in a.mentions
        if m.start < end and start < m.end
    ]
    return sorted(found, key=lambda pair: (pair[0].start, -pair[0].end))


def actor_for_span(doc: Doc, start: int, end: int) -> Actor | None:
    """The actor whose mention overlaps [start, end) the most; ties go to the longer mention."""
    best, best_key = None, None
    for m, a in mentions_in(doc, start, end):
        key = (min(end, m.end) - max(start, m.start), m.end - m.start)
        if best_key is None or key > best_key:
            best, best_key = a, key
    return best
