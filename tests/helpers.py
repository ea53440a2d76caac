"""Shared by the component tests: run a pipeline on one hand-written article and check its offsets."""
from __future__ import annotations


def annotate(nlp, text: str, date: str | None = "2024-10-07", dateline: str | None = None):
    """The Doc of `text` dated `date`, with no component failure and every span pointing at its text."""
    doc = nlp.make_doc(text)
    doc._.article_date = date
    doc._.dateline = dateline
    doc = nlp(doc)
    assert not doc._.failures
    spans = [m for a in doc._.actors or () for m in a.mentions]
    spans += [*(doc._.times or ()), *(doc._.quantities or ()), *(doc._.quotes or ())]
    for s in spans:
        assert doc.text[s.start:s.end] == s.text
    return doc
