"""communique_times: time expressions with TIMEX3 types and values, anchored on the article date.

The grammar (communique.temporal.grammar) finds and normalises expressions over the raw text; this
module gives it what only the parse knows: the tense of the verb that governs an expression (so
'on Tuesday he said' is the Tuesday before and 'will meet on Tuesday' the one after) and whether a
four-digit number counts things ('1500 troops') instead of naming a year. We do not take spaCy's
DATE entities as they are: the small model splits or over-extends them.
"""
from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..record import Time
from ..temporal.calendar import parse_anchor
from ..temporal.grammar import find_times
from . import doccache
from .base import Stage

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "’ll"})
_PROSPECTIVE_AUX = frozenset({"would", "could", "might", "may"})  # in news mostly future-in-the-past
_HEDGE_AUX = frozenset({"would", "could", "might", "may", "should", "must", "can", "ca"})
_SCHEDULING = frozenset({"schedule", "slate", "set", "plan", "call"})
_REPORTING = frozenset({"say", "tell", "announce", "report", "add", "note", "state", "claim", "confirm", "write"})
_PLANNING = frozenset({
    "plan", "expect", "schedule", "intend", "want", "hope", "aim", "seek", "set", "due", "prepare", "agree",
    "promise", "pledge", "vow", "threaten", "try", "decide", "propose", "ask", "urge", "call",
})
# Nouns counted in the thousands in news; a bare four-digit number before them is a count, not a year
# (AP style writes '1,500 troops', but not every source does).
_COUNTED = frozenset({
    "people", "person", "troop", "soldier", "worker", "member", "employee", "unit", "share", "point", "mile",
    "kilometer", "kilometre", "meter", "metre", "foot", "ton", "tonne", "barrel", "car", "vehicle", "home", "house",
    "job", "student", "resident", "refugee", "civilian", "officer", "death", "casualty", "case", "vote", "seat",
    "delegate", "page", "word", "dollar", "yuan", "euro", "pound", "acre", "hectare", "bed", "child", "visitor",
    "passenger", "prisoner", "protester", "marine", "sailor", "policeman", "family", "store", "plane", "tank",
})
_QUANTIFIERS = frozenset({"about", "some", "nearly", "almost", "around", "approximately", "roughly", "estimated"})
_QUANTIFIER_PAIRS = frozenset({("more", "than"), ("less", "than"), ("fewer", "than"), ("up", "to"), ("at", "least")})


def _governing_verb(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def is_pluperfect(verb: Token) -> bool:
    """'had called', 'had been scheduled': a past before the story's past."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ == "VBN" and any(a.lower_ in ("had", "'d") for a in auxes)


def verb_tense(verb: Token, depth: int = 0) -> str | None:
    """'past', 'future' or None for a verb, from its tag and auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return "future"
    if verb.lower_ == "going" and any(c.dep_ == "xcomp" for c in verb.children):
        return "future"
    if any(a.lower_ == "going" for a in auxes):
        return "future"
    if words & _HEDGE_AUX:
        if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
            return "past"  # 'may have been', 'would have voted': a modal perfect looks back
        return "future" if words & _PROSPECTIVE_AUX else None
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        if verb.lemma_ in _SCHEDULING and not any(a.tag_ == "VBD" for a in auxes):
            return "future"  # 'has scheduled a hearing Thursday': the perfect of a plan points ahead
        return "past"
    if verb.tag_ == "VB" and "to" in words:
        # an infinitive looks ahead of the verb it depends on: 'plans to meet', 'had been due to expire'
        head = verb.head
        for _ in range(3):
            if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
                break
            head = head.head
        outer = verb_tense(head, depth + 1) if head.i != verb.i and depth < 3 else None
        if outer == "past" and (head.lemma_ not in _PLANNING or is_pluperfect(head)):
            return "past"  # 'had been scheduled to expire Friday': a plan overtaken, its date gone by
        return "future"
    if verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VBG" and auxes):
        return "past" if verb.lemma_ in _REPORTING else "future"
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod"):
        return "past"
    return None


class DocContext:
    """What the grammar asks of the parse, answered from one Doc."""

    def __init__(self, doc: Doc, anchor: date | None) -> None:
        self.doc = doc
        self.anchor = anchor

    def tense(self, start: int, end: int) -> str | None:
        verb = _governing_verb(self.doc, start, end)
        return verb_tense(verb) if verb is not None else None

    def pluperfect(self, start: int, end: int) -> bool:
        verb = _governing_verb(self.doc, start, end)
        return verb is not None and is_pluperfect(verb)

    def is_count(self, start: int, end: int) -> bool:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return False
        tok = span[0]
        before = [t.lower_ for t in self.doc[max(0, tok.i - 2): tok.i]]
        if before[-1:] and before[-1] in _QUANTIFIERS or tuple(before) in _QUANTIFIER_PAIRS:
            return True
        head = tok.head
        return head.i != tok.i and head.i > tok.i and head.lemma_.lower() in _COUNTED


def extract_times(doc: Doc) -> list[Time]:
    """The time expressions of a parsed Doc, sorted by start; `doc.text[t.start:t.end] == t.text`."""
    ctx = DocContext(doc, parse_anchor(doc._.article_date))
    text = doccache.text(doc)
    return [Time(f.start, f.end, text[f.start:f.end], f.type, f.value) for f in find_times(text, ctx)]


class TimesStage(Stage):
    name = "communique_times"

    def run(self, doc: Doc) -> None:
        doc._.times = extract_times(doc)


@Language.factory("communique_times", assigns=["doc._.times"])
def make_times(nlp: Language, name: str) -> TimesStage:
    return TimesStage()
