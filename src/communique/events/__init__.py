"""Event coding: who did what to whom, in CAMEO and PLOVER (see events.extract)."""
from .extract import extract_events, merge

__all__ = ["extract_events", "merge"]
