"""The typed record: what communique reads out of one article.

Every item is a frozen dataclass so stages hand each other plain values; every span carries
`start`/`end` character offsets into `Article.text` and the `text` they cover, so a reader can
always go back to the exact characters. Field names are a contract (docs/record-schema.md).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA_VERSION = "1.1"

ACTOR_KINDS = ("country", "person", "organization", "group")
TIME_TYPES = ("DATE", "TIME", "DURATION", "SET")
QUANTITY_KINDS = ("money", "percent", "count", "ordinal", "rank", "measure")
BOUNDS = ("exact", "more_than", "less_than", "at_least", "at_most", "about")
CHANGES = ("up", "down")
QUOTE_KINDS = ("direct", "indirect")


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    date: str | None  # YYYY-MM-DD, the reference for relative times and dated roles
    text: str
    dateline: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    dateline_country: str | None = None  # ISO3 of the dateline's place, filled by the pipeline


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: str  # one of ACTOR_KINDS
    country: str | None = None  # ISO 3166-1 alpha-3
    role: str | None = None
    code: str | None = None  # CAMEO-style actor code, e.g. CHNGOV
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class Time:
    start: int
    end: int
    text: str
    type: str  # one of TIME_TYPES
    value: str | None  # TIMEX3 value, e.g. 2024-W40, P14Y, XXXX-XX-XX when unknown


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int
    text: str
    kind: str  # one of QUANTITY_KINDS
    value: float | None
    unit: str | None = None  # ISO 4217 for money, "percent", or the counted noun
    bound: str = "exact"
    change: str | None = None  # up | down | None
    subject: str | None = None  # what the figure measures
    time: str | None = None  # TIMEX3 value of the time it refers to
    source: str | None = None  # actor id it is attributed to


@dataclass(frozen=True, slots=True)
class Quote:
    start: int
    end: int
    text: str  # the reported content
    kind: str  # direct | indirect
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None  # resolved actor id
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Event:
    source: str | None
    target: str | None
    cameo: str  # 2-4 digits, kept as a string: leading zeros matter
    plover: str | None  # PLOVER event type through the published CAMEO->PLOVER table, named per plover_scheme
    quad_class: int
    goldstein: float
    date: str | None
    trigger: Span
    sentence: Span
    negated: bool = False
    hypothetical: bool = False
    location: str | None = None  # actor id of the place named, else None
    confidence: float = 0.0
    mentions: int = 1  # how often the same (source, target, code, date) is reported in the article
    plover_mode: str | None = None
    plover_context: str | None = None
    plover_scheme: str | None = None  # the PLOVER draft whose type names `plover` uses ("0.5b1", "2021")


@dataclass(frozen=True, slots=True)
class Record:
    article: Article
    actors: tuple[Actor, ...] = ()
    times: tuple[Time, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict; tuples become lists."""
        return _plain(asdict(self))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def record_from_dict(data: dict[str, Any]) -> Record:
    """Rebuild a Record from its JSON form (the inverse of Record.to_dict)."""

    def build(cls, item):
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in item.items() if k in names})

    actors = tuple(
        build(Actor, {**a, "mentions": tuple(build(Mention, m) for m in a.get("mentions", []))})
        for a in data.get("actors", [])
    )
    events = tuple(
        build(Event, {**e, "trigger": build(Span, e["trigger"]), "sentence": build(Span, e["sentence"])})
        for e in data.get("events", [])
    )
    return Record(
        article=build(Article, data["article"]),
        actors=actors,
        times=tuple(build(Time, t) for t in data.get("times", [])),
        quantities=tuple(build(Quantity, q) for q in data.get("quantities", [])),
        quotes=tuple(build(Quote, q) for q in data.get("quotes", [])),
        events=events,
        schema_version=data.get("schema_version", SCHEMA_VERSION),
    )
