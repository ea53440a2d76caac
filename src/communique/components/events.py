"""The events stage: CAMEO/PLOVER events over the parse, actors, times and quotes already found."""
from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import UsageError
from ..events.extract import extract_events
from ..events.lexicon import event_lexicon
from ..knowledge.cameo import DEFAULT_PLOVER_SCHEME, PLOVER_SCHEMES, TABLE_PLOVER_SCHEME, plover_for
from ..record import Event
from .base import Stage


class EventsStage(Stage):
    """Fills doc._.events; the lexicon is read once when the pipeline is built, not per article."""

    name = "communique_events"

    def __init__(self, plover_scheme: str = DEFAULT_PLOVER_SCHEME) -> None:
        super().__init__()
        if plover_scheme not in PLOVER_SCHEMES:
            raise UsageError(f"unknown PLOVER scheme {plover_scheme!r}; choose one of {', '.join(PLOVER_SCHEMES)}")
        self.plover_scheme = plover_scheme
        event_lexicon()

    def run(self, doc: Doc) -> None:
        doc._.events = [named(e, self.plover_scheme) for e in extract_events(doc)]


def named(event: Event, scheme: str) -> Event:
    """The event with its PLOVER type in the names of `scheme`, and the scheme said, so records made
    with different schemes stay comparable in one store. Its CAMEO code decides, as in the 2021 table."""
    ptype = event.plover if scheme == TABLE_PLOVER_SCHEME else plover_for(event.cameo, scheme)[0]
    return replace(event, plover=ptype, plover_scheme=scheme)


@Language.factory("communique_events", assigns=["doc._.events"],
                  default_config={"plover_scheme": DEFAULT_PLOVER_SCHEME})
def make_events(nlp: Language, name: str, plover_scheme: str) -> EventsStage:
    return EventsStage(plover_scheme)
