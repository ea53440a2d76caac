"""Per-Doc facts that several components read, computed once per Doc and kept in doc.user_data.

Why: spaCy rebuilds `doc.text` from every token on each access, and every `for tok in doc` or
`doc[i]` builds a new Python Token object; components that scan the whole article for a few
candidate tokens spent most of their time doing that. Here the text and whole-Doc token columns
(plain str/int lists read with one `Doc.to_array` call) are made once, so a scan can filter on
them and build Token objects only for the candidates.

Only plain values are cached, never Token or Span objects: those hold the Doc, and a Doc that
held them in its own user_data would be a reference cycle freed only by the garbage collector.
The cache assumes the Doc's tokens and annotations no longer change once our components run
(they never retokenize or re-annotate); it is rebuilt if the token count changes.
"""
from __future__ import annotations

import numpy

from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_SPACE, IS_UPPER, LEMMA, LOWER, ORTH, POS, SPACY, TAG
from spacy.tokens import Doc

_KEY = "communique.doccache"
_ATTRS = {
    "text": ORTH, "lower": LOWER, "pos": POS, "dep": DEP, "tag": TAG, "lemma": LEMMA, "idx": IDX,
    "is_punct": IS_PUNCT, "is_space": IS_SPACE, "is_upper": IS_UPPER, "head": HEAD,
}
_STRINGS = frozenset({"text", "lower", "pos", "dep", "tag", "lemma"})
_FLAGS = frozenset({"is_punct", "is_space", "is_upper"})


class _Strings(dict):
    """Hash -> string, shared by all Docs: a string's hash is the same in every StringStore, and a
    dict lookup is about twice as fast as a StringStore one, over most of a Doc's tokens (the
    function words, tags and labels recur). Misses are read from the Doc's own store."""

    __slots__ = ("store",)

    def __missing__(self, key: int) -> str:
        value = self.store[key]
        if len(self) >= _MAX_STRINGS:
            self.clear()  # bounded: a million-article run meets ever more rare words
        self[key] = value
        return value


_MAX_STRINGS = 500_000
_STRINGS_BY_HASH = _Strings()


class _Facts:
    __slots__ = ("length", "text", "columns")

    def __init__(self, length: int) -> None:
        self.length = length
        self.text: str | None = None
        self.columns: dict[str, list] = {}


def _facts(doc: Doc) -> _Facts:
    facts = doc.user_data.get(_KEY)
    if facts is None or facts.length != len(doc):
        facts = _Facts(len(doc))
        doc.user_data[_KEY] = facts
    return facts


def text(doc: Doc) -> str:
    """doc.text, built once, and from the token texts and trailing-space flags as spaCy builds it
    (each token's text_with_ws) but without making a Token object per token."""
    facts = _facts(doc)
    if facts.text is None:
        words = column(doc, "text")
        spaces = doc.to_array(SPACY).tolist() if len(doc) else []
        facts.text = "".join([w + " " if sp else w for w, sp in zip(words, spaces)])
    return facts.text


def column(doc: Doc, name: str) -> list:
    """One attribute of every token, in token order, as a list: name is one of text, lower, pos,
    dep, tag, lemma (the strings Token.text, .lower_, .pos_, .dep_, .tag_, .lemma_ give), idx, head
    (the index of each token's head, Token.head.i), or the booleans is_punct, is_space, is_upper."""
    facts = doc.user_data.get(_KEY)  # the common case first: called in hot loops
    if facts is not None and facts.length == len(doc):
        got = facts.columns.get(name)
        if got is not None:
            return got
    facts = _facts(doc)
    got = facts.columns.get(name)
    if got is None:
        if not len(doc):
            values = []
        elif name in _FLAGS:
            values = (doc.to_array(_ATTRS[name]) == 1).tolist()
        elif name == "head":  # stored as offsets from the token, negative ones wrapped round in uint64
            values = (doc.to_array(HEAD).astype(numpy.int64) + numpy.arange(len(doc))).tolist()
        else:
            values = doc.to_array(_ATTRS[name]).tolist()
            if name in _STRINGS:
                _STRINGS_BY_HASH.store = doc.vocab.strings
                values = list(map(_STRINGS_BY_HASH.__getitem__, values))
        got = facts.columns[name] = values
    return got
