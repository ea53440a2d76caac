"""The events stage: CAMEO/PLOVER events over the parse, actors, times and quotes already found."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..events.extract import extract_events
from ..events.lexicon import event_lexicon
from .base import Stage


class EventsStage(Stage):
    """Fills doc._.events; the lexicon is read once when the pipeline is built, not per article."""

    name = "communique_events"

    def __init__(self) -> None:
        super().__init__()
        event_lexicon()

    def run(self, doc: Doc) -> None:
        doc._.events = extract_events(doc)


@Language.factory("communique_events", assigns=["doc._.events"])
def make_events(nlp: Language, name: str) -> EventsStage:
    return EventsStage()
