"""The Doc extensions our components share: the contract between stages inside the pipeline.

`article_date` is set on the Doc before the pipeline runs (see pipeline.make_doc); each component
then fills its own list with frozen records from communique.record, offsets into doc.text.
"""
from spacy.tokens import Doc

DOC_EXTENSIONS = {
    "article_date": None,  # "YYYY-MM-DD" or None
    "dateline": None,  # the article's dateline as given ("BEIJING", "KUALA LUMPUR, April 1 (AFP)")
    "dateline_country": None,  # ISO3 of the dateline's place, from communique_actors
    "actors": None,  # list[Actor], from communique_actors
    "times": None,  # list[Time], from communique_times
    "quantities": None,  # list[Quantity], from communique_quantities
    "quotes": None,  # list[Quote], from communique_quotes
    "events": None,  # list[Event], from communique_events
    "failures": None,  # list[str]: a component that failed on this article says why; the article is skipped
}


def ensure_extensions() -> None:
    """Register the Doc extensions once; safe to call from every factory and test."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def report_failure(doc: Doc, component: str, error: Exception) -> None:
    """Note that `component` failed on this Doc; the pipeline reports the article and skips it."""
    failures = doc._.failures or []
    failures.append(f"{component}: {type(error).__name__}: {error}")
    doc._.failures = failures
