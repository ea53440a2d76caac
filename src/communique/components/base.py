"""What every communique component shares: failures are noted on the Doc, never raised mid-batch."""
from __future__ import annotations

from spacy.tokens import Doc

from .extensions import ensure_extensions, report_failure


class Stage:
    """A pipeline stage: subclasses implement `run(doc)`, which fills their Doc extension.

    An exception inside `run` is recorded in `doc._.failures` so the batch goes on and the article
    is reported and skipped by pipeline.extract; later stages leave a failed Doc alone.
    """

    name = "communique"

    def __init__(self) -> None:
        ensure_extensions()

    def __call__(self, doc: Doc) -> Doc:
        if doc._.failures:
            return doc
        try:
            self.run(doc)
        except Exception as exc:  # noqa: BLE001 - reported per article, see class docstring
            report_failure(doc, self.name, exc)
        return doc

    def run(self, doc: Doc) -> None:  # pragma: no cover - abstract
        raise NotImplementedError
