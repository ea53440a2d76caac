"""Quotes: who said what, direct ("...", he said) and indirect (X said that ...; according to X, ...).

Direct quotes are found by pairing quote marks over the raw text (a quote may run over paragraphs
when each new paragraph re-opens it); indirect ones by walking the parse from a reporting cue (the
lexicon in knowledge/data/cues.tsv says which complement of each cue carries the content). The
speaker is the cue's subject, resolved to an actor from doc._.actors; pronouns and definite
descriptions ("the ministry") are resolved to the most recent suitable actor (indexed by offset,
so a long article stays linear). Reporting nouns ("the mayor's claim that ..."), cues in the
passive ("the plan was endorsed by the council") and predicative adjectives ("officials are
confident that ...") give content too, and layout gives speakers without any verb: transcript
labels ("KADE: ...") and dash bylines after a quotation (communique.quotes.layout).
"""
from __future__ import annotations

import importlib.resources
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..quotes.layout import Turn, byline_after, known_places, mask_marks, transcript_turns
from ..record import Actor, Quote
from . import doccache
from .base import Stage
from .lookup import actor_for_span


class Cue(NamedTuple):
    """One lexicon entry: the complements of the cue that carry the reported content."""

    phrase: str
    takes: frozenset[str]
    kind: str


def load_cues() -> dict[str, Cue]:
    """Read cues.tsv once: phrase -> Cue (phrases are verb lemmas, maybe with a particle)."""
    path = importlib.resources.files("communique.knowledge") / "data" / "cues.tsv"
    cues: dict[str, Cue] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, takes, kind = (line.split("\t") + ["", ""])[:3]
        if phrase == "cue":  # header
            continue
        cues[phrase.strip()] = Cue(phrase.strip(), frozenset(t.strip() for t in takes.split(",") if t.strip()),
                                   kind.strip())
    return cues


CUES = load_cues()
# first words of multi-word cues, so a token is only checked for a particle when it can have one
_MULTI = {p.split(" ", 1)[0] for p in CUES if " " in p}
NOUN_CUES = {p for p, c in CUES.items() if "noun" in c.takes}  # "claim" in "the mayor's claim that ..."
INTENT_NOUNS = {"promise", "pledge", "vow", "threat", "demand", "proposal", "hope"}  # also take "to ..."

# each opening mark and the marks that close it (German „...“ closes with a high mark, either way)
OPENERS = {"\u201c": ("\u201d", '"'), '"': ('"',), "\u00ab": ("\u00bb", '"'), "\u201e": ("\u201c", "\u201d", '"')}
CLOSERS = {"\u201d", '"', "\u00bb"}
_MARK_RE = re.compile('["\u201c\u201d\u00ab\u00bb\u201e]')
OPEN_TOKENS = set(OPENERS) | {"''", "``"}  # how the tokenizer leaves opening marks
_REVERSED_OPEN_RE = re.compile("(^|\n)([ \t]*)\u201d")
# two apostrophes opening a word (after a space, a line start or an opening bracket) open a quotation
_APOS_OPEN_RE = re.compile(r"(?:^|(?<=[\s(\[]))''(?=\S)", re.MULTILINE)


def normalize_marks(text: str) -> str:
    """The text (same length) with quote marks in one style for pairing: LaTeX-style ``...''
    becomes curly marks; '' (as some archives print a double quote) opens a quotation only at the
    start of a word and otherwise closes one, so a stray "students'' union" opens nothing; and a
    closing curly mark that opens a paragraph (a typo of the opening one) an opening mark."""
    if "``" in text:
        text = text.replace("``", " \u201c")  # the mark stays next to the content it opens
    if "''" in text:
        text = _APOS_OPEN_RE.sub(" \u201c", text)
        text = text.replace("''", "\u201d ")
    if "\u201d" in text:
        text = _REVERSED_OPEN_RE.sub("\\1\\2\u201c", text)
    return text


def _closes_typo(text: str, p: int) -> bool:
    """True when the opening mark at p is a typo of a closing one: it follows a word or punctuation
    and is followed by a space, punctuation or the end ('"We will stay,\u201c he said')."""
    before = text[p - 1] if p > 0 else " "
    after = text[p + 1] if p + 1 < len(text) else " "
    return not before.isspace() and before not in "([\u2014\u2013-" and (
        after.isspace() or (not after.isalnum() and after not in "'\u2018\"\u201c"))


_PARA_RE = re.compile(r"\n\s*")

PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person",
            "they": "plural", "them": "plural", "we": "plural", "it": "thing"}
RELATIVE = {"who", "that", "which", "whom"}
SUBJECT_DEPS = {"nsubj"}
# a participle or infinitive borrows its head's subject, a passive one too ("after saying ..., she
# was taken to hospital"; "he was able to tout ...": through the adjective to the copula's subject)
BORROWED_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
STRIP_LEFT = {"that", "whether", "if", ":", ",", "-", "--", "\u2014", "\u2013", "'s"}
# a short paragraph "Name: what they said" (headline style); the name part has no colon or newline
_HEADLINE_RE = re.compile(r"^(?P<who>[A-Z][^:\n]{0,60}?):[ \t]+(?P<what>[^\n]{10,300})$", re.MULTILINE)
LABELS = {"question", "answer", "q", "a", "note", "update", "updated", "related", "watch", "read more", "photo",
          "video", "source", "sources", "editor's note", "editor\u2019s note", "correction", "disclosure", "follow",
          "see also", "listen", "transcript", "caption", "credit", "image", "warning", "breaking", "exclusive"}
MIN_DIRECT_WORDS = 5  # shorter quotes inside a sentence are scare quotes unless a cue frames them
LONE_QUOTE_WORDS = 8  # a quotation with no cue anywhere near is kept only when it reads as speech
MAX_ACRONYM = 5  # an upper-case label an agency may head a line with ("AP: ..."), unlike a subhead
MAX_SPLIT_GAP = 150  # characters of attribution between two halves of one quotation


# ---------------------------------------------------------------- direct quotes: quote marks

def quote_spans(text: str) -> list[tuple[int, int]]:
    """Content spans (without marks) of quoted passages; a passage left open at a paragraph's end
    goes on when the next paragraph re-opens with a mark, as news style writes long quotes."""
    spans: list[tuple[int, int]] = []
    paras: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA_RE.finditer(text):
        paras.append((pos, m.start()))
        pos = m.end()
    paras.append((pos, len(text)))
    open_at: int | None = None  # offset of the opening mark of the current passage
    carried = False  # the passage began in an earlier paragraph
    for i, (ps, pe) in enumerate(paras):
        if carried and ps < pe and text[ps] in OPENERS:
            marks = [m for m in _MARK_RE.finditer(text, ps + 1, pe)]
        else:
            if carried:  # the passage was not re-opened: it ends where its last paragraph ended
                spans.append((open_at + 1, paras[i - 1][1]))
                open_at, carried = None, False
            marks = list(_MARK_RE.finditer(text, ps, pe))
        depth = 0  # curly quotes nested inside the open one ('“... a so-called “reset” ...”')
        for m in marks:
            ch, p = m.group(), m.start()
            typo = ch == "\u201c" and _closes_typo(text, p)
            if open_at is None:
                if ch in OPENERS and not typo:
                    open_at = p
                continue
            closers = OPENERS[text[open_at]]
            if ch in closers or typo:
                if depth:
                    depth -= 1
                    continue
                spans.append((open_at + 1, p))
                open_at, carried, depth = None, False, 0
            elif ch == text[open_at] and ch != '"':
                depth += 1
        if open_at is not None:
            nxt = paras[i + 1][0] if i + 1 < len(paras) else None
            if nxt is not None and nxt < len(text) and text[nxt] in OPENERS:
                carried = True
            else:
                spans.append((open_at + 1, pe))
                open_at, carried = None, False
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


# ---------------------------------------------------------------- cues and their complements

def _cue_candidates(doc: Doc, start: int, end: int) -> list[int]:
    """Indices in [start, end) of the tokens cue_of can accept (it returns None for all others),
    read from cached columns so the rest of the article builds no Token objects."""
    lower, pos = doccache.column(doc, "lower"), doccache.column(doc, "pos")
    return [i for i in range(start, end) if pos[i] in ("VERB", "AUX") or lower[i] == "according"]


def cue_of(tok: Token) -> tuple[Cue, int, int] | None:
    """The lexicon entry a token starts, with the cue's character span; None if it is no cue."""
    low = tok.lower_
    if low == "according":
        cue = CUES.get("according to")
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if cue is None or nxt is None or nxt.lower_ != "to":
            return None
        return cue, tok.idx, nxt.idx + len(nxt)
    if tok.pos_ not in ("VERB",) and not (tok.pos_ == "AUX" and tok.lemma_ == "say"):
        return None
    lemma = tok.lemma_.lower()
    if lemma in _MULTI:
        for c in tok.children:
            if c.dep_ in ("prt", "prep") and c.i > tok.i:
                cue = CUES.get(f"{lemma} {c.lower_}")
                if cue is not None:
                    return cue, tok.idx, c.idx + len(c)
            mark = _clause_preposition(c) if c.i > tok.i else None
            if mark is not None:  # "calling for a panel to review ...": the preposition heads a clause
                cue = CUES.get(f"{lemma} {mark.lower_}")
                if cue is not None and "pobj" in cue.takes:
                    return cue, tok.idx, mark.idx + len(mark)
    cue = CUES.get(lemma)
    if cue is None:
        return None
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):  # "was told", "is expected"
        return None
    return cue, tok.idx, tok.idx + len(tok)


def _clause_preposition(c: Token) -> Token | None:
    """The preposition a for-to clause opens with ('for a panel to review ...'), which the parser
    hangs from the clause's verb as its mark rather than from the cue as a preposition."""
    if c.dep_ not in ("advcl", "xcomp", "ccomp"):
        return None
    first = c.doc[c.left_edge.i]
    return first if first.dep_ == "mark" and first.head.i == c.i and first.pos_ in ("ADP", "SCONJ") else None


def _trim(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """Token range [i, j) without framing punctuation, complementizers and quote marks at its ends."""
    while i < j and (doc[i].is_punct or doc[i].lower_ in STRIP_LEFT or doc[i].is_space):
        i += 1
    while j > i and (doc[j - 1].is_punct or doc[j - 1].is_space) and doc[j - 1].text not in (")", "%"):
        j -= 1
    return i, j


ASIDE_WORDS = frozenset({"PROPN", "NOUN", "PRON", "DET", "ADJ", "PART", "ADP"})
MAX_ASIDE = 8  # tokens of the speaker in a parenthetical cue


def aside(verb: Token) -> tuple[int, Token] | None:
    """A reporting verb set off by commas inside a sentence ('Until then, Judge Ames said, no one ...'):
    the index of the comma that opens the aside and the speaker, the last nominal between that comma and
    the verb. Read from the commas, because the parser often hangs the name from the clause before."""
    doc = verb.doc
    sent = verb.sent
    if verb.tag_ not in FINITE or verb.i + 2 >= sent.end or doc[verb.i + 1].text != ",":
        return None
    if verb.dep_ == "relcl":
        return None  # "The plan, which Smith announced, would ...": a relative clause, no aside
    k = verb.i - 1
    while k > sent.start and verb.i - k <= MAX_ASIDE and doc[k].text != ",":
        if doc[k].pos_ not in ASIDE_WORDS or doc[k].is_punct or "\n" in doc[k].text_with_ws \
                or doc[k].tag_ in ("WDT", "WP", "WP$"):
            return None
        k -= 1
    if k <= sent.start or doc[k].text != "," or k == verb.i - 1:
        return None
    speaker = next((c for c in verb.children if c.dep_ == "nsubj" and k < c.i < verb.i), None)  # "a spokesman for X"
    if speaker is None:
        speaker = next((doc[m] for m in range(verb.i - 1, k, -1) if doc[m].pos_ in ("PROPN", "NOUN", "PRON")), None)
    return (k, speaker) if speaker is not None else None


def subject_of(verb: Token) -> Token | None:
    """The cue's subject, unless a paragraph break stands between them: the parser joins an
    unpunctuated heading to the sentence under it, and a heading says nothing."""
    set_off = aside(verb)
    if set_off is not None:
        return set_off[1]
    subj = _subject(verb)
    top = verb
    for _ in range(3):  # a participle or conjunct borrows the bare subject of the verb it hangs from
        if subj is not None:
            break
        subj = _bare_subject(top)
        if top.dep_ not in ("conj", "advcl", "xcomp") or top.head.i == top.i:
            break
        top = top.head
    if subj is None:
        return None
    a, b = sorted((subj.idx, verb.idx))
    return None if "\n" in doccache.text(verb.doc)[a:b] else subj


FINITE = {"VBD", "VBZ", "VBP"}
FINITE_AUX = FINITE | {"MD"}
SPEAKING_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
NOMINAL = {"PROPN", "NOUN"}


def _bare_subject(verb: Token) -> Token | None:
    """A finite cue the parser left without a subject takes the name just before it ('... the
    Ledger Brenner said'), or before an interposed clause or phrase ('Brenner, opening the bridge,
    said'; 'Brenner, at a rally, said')."""
    finite = verb.tag_ in FINITE or (  # "... Trump is questioning", not a passive's patient
        any(c.dep_ == "aux" and c.tag_ in FINITE_AUX and c.i < verb.i for c in verb.children)
        and not any(c.dep_ == "auxpass" for c in verb.children))
    if not finite or verb.dep_ not in ("ROOT", "ccomp", "conj", "parataxis"):
        return None
    doc = verb.doc
    start = verb.sent.start
    k = verb.i - 1
    while k > start and doc[k].pos_ in ("ADV", "AUX", "PART") and doc[k].dep_ != "nsubj":
        k -= 1
    if k > start and doc[k].text == ",":
        if doc[k - 1].pos_ == "PROPN" and doc[k - 1].ent_type_ in SPEAKING_ENTS:
            b = k - 1
            while b > start and doc[b - 1].pos_ == "PROPN":
                b -= 1
            if b == start or doc[b - 1].text == ",":  # "..., Senator Ann Lugar, lamented": a name set off
                return doc[k - 1]
        top = doc[k - 1]
        while top.head.i != top.i and top.head.i < k and top.head.left_edge.i > start:
            top = top.head
        if top.pos_ not in ("VERB", "AUX", "ADP") or top.left_edge.i - 1 <= start or doc[top.left_edge.i - 1].text != ",":
            return None
        k = top.left_edge.i - 2
    if k < start or doc[k].pos_ not in NOMINAL or doc[k].ent_type_ in ("DATE", "TIME"):
        return None  # a time says nothing ("In a letter this month, ...")
    return doc[k]


def _subject(verb: Token, depth: int = 0, borrowed_passive: bool = False) -> Token | None:
    """The cue's subject; participles and coordinated or controlled verbs borrow their head's (an
    object-controlled infinitive its head's object: 'tests led experts to conclude ...'). A participle
    may borrow a passive subject too ('after saying ..., she was taken to hospital'), an infinitive
    not ('a ceremony was held to welcome ...' says nothing of the ceremony)."""
    subj = None
    deps = BORROWED_SUBJECT_DEPS if depth and borrowed_passive else SUBJECT_DEPS
    for c in verb.children:  # a relative pronoun too: the resolver follows it to its antecedent
        if c.dep_ in deps and (subj is None or subj.i < c.i < verb.i):
            subj = c  # of two subjects (a misparse) the one next to the verb
    if subj is not None:
        return subj
    head = verb.head
    if verb.dep_ == "compound" and head.pos_ == "PROPN" and head.i > verb.i:
        return head  # 'Said Ellis: "..."', the inverted cue parsed into the name
    cue = CUES.get(verb.lemma_.lower())
    if (cue is not None and "quote" in cue.takes and verb.tag_ in FINITE
            and (verb.i == verb.sent.start or verb.doc[verb.i - 1].is_punct)  # '..," said X', not 'Y told X'
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)):
        for c in verb.rights:  # '"...," said Wan' parsed with the name as the object
            if (c.dep_ in ("dobj", "npadvmod", "attr") and c.pos_ == "PROPN" and c.left_edge.i == verb.i + 1
                    and c.ent_type_ not in ("DATE", "TIME")):
                return c
            break
    participle = verb.tag_ == "VBG"
    if verb.dep_ == "xcomp" and head.i != verb.i:
        obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < verb.i), None)
        if obj is not None:
            return obj
    if depth < 3 and verb.dep_ in ("conj", "xcomp", "advcl", "acomp") and head.i != verb.i:
        return _subject(head, depth + 1, participle)
    if depth < 3 and verb.dep_ == "pcomp" and head.head.i != head.i:  # "by saying ..."
        return _subject(head.head, depth + 1, participle)
    if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN") and verb.tag_ != "VBN":
        return head  # "a statement saying ...", "the group backing him"
    return None


OBJECT_PREDICATE_PREPS = frozenset({"as", "of", "for"})


def content_of(tok: Token, cue: Cue) -> tuple[int, int] | None:
    """Token range of the content a verbal cue reports, by the complements the lexicon allows."""
    doc = tok.doc
    takes = cue.takes
    kids = list(tok.children)
    right = [c for c in kids if c.i > tok.i]
    if "ccomp" in takes:
        for c in right:
            if c.dep_ == "ccomp":
                return _trim(doc, c.left_edge.i, c.right_edge.i + 1)
    if "xcomp" in takes:
        for c in right:
            if c.dep_ == "xcomp":
                start = c.left_edge.i
                objs = [o for o in right if o.dep_ == "dobj" and o.i < c.i]
                if objs:  # object control: "urged Congress to act"
                    start = objs[0].left_edge.i
                return _trim(doc, start, c.right_edge.i + 1)
    if "dobj" in takes:
        for c in right:
            if c.dep_ == "dobj":
                end = c.right_edge.i + 1
                # "described it as ...", "accused Iraq of hiding ...", "praised the rebels for ...":
                # what is said of the object belongs with it
                for d in right:
                    if d.i > c.i and (d.dep_ in ("oprd", "xcomp") or (d.dep_ == "prep" and d.lower_ in OBJECT_PREDICATE_PREPS)):
                        end = max(end, d.right_edge.i + 1)
                return _trim(doc, c.left_edge.i, end)
    if "pobj" in takes:
        for c in right:
            mark = _clause_preposition(c)
            if mark is not None and f"{tok.lemma_.lower()} {mark.lower_}" == cue.phrase:
                return _trim(doc, mark.i + 1, c.right_edge.i + 1)
            if c.dep_ in ("prep", "prt") and f"{tok.lemma_.lower()} {c.lower_}" == cue.phrase:
                objs = [o for o in c.children if o.dep_ in ("pobj", "pcomp")]
                if not objs and c.dep_ == "prt":  # "called on officials to ...": the object hangs from the verb
                    objs = [o for o in right if o.dep_ in ("dobj", "pobj") and o.i > c.i]
                if objs:
                    end = objs[0].right_edge.i + 1
                    for d in right:  # "called on X to stop ...": what X is asked to do
                        if d.i > c.i and d.dep_ in ("xcomp", "oprd"):
                            end = max(end, d.right_edge.i + 1)
                    return _trim(doc, objs[0].left_edge.i, end)
    if "pre" in takes:
        for c in kids:
            if c.i < tok.i and c.dep_ in ("ccomp", "parataxis"):
                return _trim(doc, c.left_edge.i, c.right_edge.i + 1)
        set_off = aside(tok)
        if set_off is not None:  # "..., Judge Ames said, ...": the side that holds the main verb
            comma = set_off[0]
            left = _trim(doc, tok.sent.start, comma)
            right = _trim(doc, tok.i + 2, tok.sent.end)
            root = tok.sent.root
            if left[0] <= root.i < left[1]:
                return left
            if right[0] <= root.i < right[1]:
                if not any(doc[k].pos_ in ("VERB", "AUX") for k in range(*left)) and any(
                        c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") and left[0] <= c.i < left[1] for c in root.children):
                    # "The bill, Ames said, is dead": the aside splits one clause, which is the content
                    # (not "However, he said, ...": an opening with no subject is no part of it)
                    return left[0], right[1]
                return right
            return right if right[1] - right[0] > left[1] - left[0] else left
        head = tok.head
        le = tok.left_edge.i
        if (tok.dep_ in ("ccomp", "parataxis", "advcl") and (head.i < tok.i or tok.dep_ == "parataxis")
                and subject_of(tok) is not None and le > tok.sent.start):
            # the comma that sets the cue off may hang from the cue itself ("Back then, he said, ...")
            if doc[le].is_punct or doc[le - 1].is_punct:
                if tok.dep_ == "parataxis" and tok.right_edge.i + 1 < tok.sent.end - 1:
                    # a parenthetical cue ("..., Hollis says, far too ..."): the longer side
                    left = _trim(doc, tok.sent.start, le)
                    right = _trim(doc, tok.right_edge.i + 1, tok.sent.end)
                    return right if right[1] - right[0] > left[1] - left[0] else left
                return _trim(doc, tok.sent.start, le)
    return None


OPEN_ENDED = frozenset({"AUX", "DET", "ADP", "CCONJ", "SCONJ", "PART"})


def as_content(tok: Token, cue: Cue) -> tuple[int, int] | None:
    """'As the minister noted (put it), ...': a cue in an as-clause reports the rest of its sentence.
    The clause ends at the comma after the cue (the parser may hang the main clause from it); the
    cue needs its own subject, so 'as expected' says nothing."""
    if not ({"pre", "as"} & cue.takes) or tok.dep_ != "advcl":
        return None
    doc = tok.doc
    mark = next((c for c in tok.children if c.dep_ == "mark" and c.i < tok.i), None)
    if mark is None or mark.lower_ != "as" or mark.i != tok.left_edge.i:
        return None
    if not any(c.dep_ == "nsubj" for c in tok.children):
        return None
    # what the cue reports is the gap the rest of the sentence fills: a complement of its own makes the
    # clause one of time or reason ('as the players found the going tough')
    if any(c.dep_ in ("ccomp", "xcomp", "dobj") and not (c.dep_ == "dobj" and c.lower_ == "it")
           for c in tok.children):
        return None
    if "as" in cue.takes and "pre" not in cue.takes and not any(  # "as one analyst put it"
            c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children):
        return None
    if mark.i > tok.sent.start and doc[mark.i - 1].text != ",":
        return None
    sent = tok.sent
    end = next((k for k in range(tok.i + 1, sent.end) if doc[k].text in (",", ";", "\u2014", "--")), None)
    if end is None:
        return None
    left = _trim(doc, sent.start, mark.i)
    right = _trim(doc, end + 1, sent.end)
    # after a comma the clause comments on what came before ('prices rose, as economists predicted'),
    # unless that is left unfinished ('the rebels are, as one analyst put it, running out of time')
    unfinished = left[1] - left[0] < 2 or doc[left[1] - 1].pos_ in OPEN_ENDED
    span = right if mark.i == sent.start or unfinished else left
    return span if span[1] - span[0] >= 2 else None


def according_content(tok: Token) -> tuple[tuple[int, int], Token | None] | None:
    """'according to X, ...': the rest of the sentence is the content and X its source."""
    doc = tok.doc
    sent = tok.sent
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    source = None
    if to is not None:
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None and tok.i + 2 < len(doc):
        source = doc[tok.i + 2]
    phrase_end = max(t.i for t in tok.subtree) + 1
    if to is not None:
        phrase_end = max(phrase_end, to.right_edge.i + 1)
    if tok.i == sent.start and phrase_end >= sent.end - 1:
        # a fronted 'According to X, ...' ends at its comma, even when the parser hangs the clause
        # that follows from it (then the phrase would swallow the whole sentence); a comma that
        # opens a relative clause on X is still inside the phrase
        comma = next((k for k in range(tok.i + 2, min(phrase_end, tok.i + 25, len(doc) - 1)) if doc[k].text == ","
                      and doc[k + 1].lower_ not in RELATIVE and doc[k + 1].lower_ != "whose"), None)
        if comma is not None:
            phrase_end = comma + 1
    left = _trim(doc, sent.start, tok.i)
    right = _trim(doc, phrase_end, sent.end)
    span = right if right[1] - right[0] > left[1] - left[0] else left
    if span[1] - span[0] < 3:
        return None
    return span, source


# ---------------------------------------------------------------- speakers

def _speaker_span(subj: Token) -> tuple[int, int]:
    """Token range of a speaker mention: the subject with its modifiers, not its appositions."""
    doc = subj.doc
    start = subj.left_edge.i
    for i in range(subj.i - 1, subj.left_edge.i - 1, -1):  # stop at punctuation or a line break
        if (doc[i].is_punct and doc[i].text not in ("'", "\u2019")) or "\n" in doc[i].text_with_ws:
            start = i + 1
            break
    end = subj.i + 1
    for c in subj.rights:
        if c.dep_ in ("prep", "compound", "flat", "nummod", "nmod", "case") and not any(
                doc[k].is_punct for k in range(end, c.i)):
            end = c.right_edge.i + 1
        else:
            break
    return start, end


ORG_KINDS = frozenset({"organization", "group", "country"})


class _Latest:
    """Keyed actors kept sorted by key (an offset first), so the latest one before an offset is a
    bisection away rather than a scan over the article."""

    __slots__ = ("keys", "actors")

    def __init__(self) -> None:
        self.keys: list[tuple[int, ...]] = []
        self.actors: list[Actor] = []

    @classmethod
    def of(cls, entries: list[tuple[tuple[int, ...], Actor]]) -> _Latest:
        """Built from (key, actor) pairs in one sort (keys are unique)."""
        latest = cls()
        entries = sorted(entries, key=lambda p: p[0])
        latest.keys = [key for key, _ in entries]
        latest.actors = [actor for _, actor in entries]
        return latest

    def add(self, key: tuple[int, ...], actor: Actor) -> None:
        i = bisect_right(self.keys, key)
        self.keys.insert(i, key)
        self.actors.insert(i, actor)

    def before(self, offset: int) -> tuple[tuple[int, ...], Actor] | None:
        i = bisect_left(self.keys, (offset,))  # (offset,) sorts before every key at that offset
        return (self.keys[i - 1], self.actors[i - 1]) if i else None


class Resolver:
    """Finds the actor behind a speaker mention: names by lookup, pronouns and definite
    descriptions by the most recent suitable actor before them.

    "Most recent" reads two sources in turn: named sentence subjects and speakers resolved so far,
    then any mention. Both are indexed by actor kind (for "he"/"she") and by actor (for the few
    actors a plural pronoun or a description can mean), so each lookup is a bisection and a long
    article stays linear. Ties go as a scan in text order would: a subject before a speaker at the
    same offset, the earlier-noted speaker, the earlier actor, the earlier mention."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.actors: list[Actor] = list(doc._.actors or ())
        self._index = {id(a): k for k, a in enumerate(self.actors)}
        self._named_by_kind: dict[str, _Latest] = {}  # subjects and speakers
        self._named_by_actor: dict[int, _Latest] = {}
        self._mentions_by_kind: dict[str, _Latest] = {}
        self._mentions_by_actor: dict[int, _Latest] = {}
        self._first_mention: dict[int, int] = {}
        self._spoken: dict[int, Actor] = {}  # actor index -> actor, in the order they first spoke
        self._heads: dict[str, list[int]] = {}  # description head -> organisations it can mean
        self._surnames: dict[str, list[Actor]] | None = None
        self._noted = 0
        if not self.actors:
            return
        by_kind: dict[str, list[tuple[tuple[int, ...], Actor]]] = {}
        for k, actor in enumerate(self.actors):
            own = [((m.start, -k, -n), actor) for n, m in enumerate(actor.mentions)]
            self._mentions_by_actor[k] = _Latest.of(own)
            by_kind.setdefault(actor.kind, []).extend(own)
            if actor.mentions:
                self._first_mention[k] = min(m.start for m in actor.mentions)
        self._mentions_by_kind = {kind: _Latest.of(entries) for kind, entries in by_kind.items()}
        deps, pos = doccache.column(doc, "dep"), doccache.column(doc, "pos")
        for i, dep in enumerate(deps):
            if dep in ("nsubj", "nsubjpass") and pos[i] == "PROPN":
                tok = doc[i]
                s, e = _speaker_span(tok)
                actor = actor_for_span(doc, doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))
                if actor is not None:
                    self._add_named((tok.idx, 0), actor)  # a subject outranks a speaker at its offset

    def _add_named(self, key: tuple[int, ...], actor: Actor) -> None:
        k = self._index.get(id(actor))
        if k is None:
            return
        self._named_by_kind.setdefault(actor.kind, _Latest()).add(key, actor)
        self._named_by_actor.setdefault(k, _Latest()).add(key, actor)

    def note_speaker(self, offset: int, actor: Actor | None) -> None:
        if actor is None:
            return
        self._noted += 1
        self._add_named((offset, -self._noted), actor)  # of two speakers at one offset, the first
        k = self._index.get(id(actor))
        if k is not None:
            self._spoken.setdefault(k, actor)

    @staticmethod
    def _best(found) -> Actor | None:
        hits = [h for h in found if h is not None]
        return max(hits, key=lambda h: h[0])[1] if hits else None

    def _recent_of_kind(self, offset: int, kind: str) -> Actor | None:
        named = self._named_by_kind.get(kind)
        hit = named.before(offset) if named is not None else None
        if hit is not None:
            return hit[1]
        mentions = self._mentions_by_kind.get(kind)
        hit = mentions.before(offset) if mentions is not None else None
        return hit[1] if hit is not None else None

    def _recent_of(self, offset: int, candidates: Sequence[int]) -> Actor | None:
        """The most recent of a few actors (by index): named first, then by any mention."""
        actor = self._best(self._named_by_actor[k].before(offset) for k in candidates if k in self._named_by_actor)
        if actor is not None:
            return actor
        return self._best(self._mentions_by_actor[k].before(offset) for k in candidates)

    def _described(self, head: str) -> list[int]:
        """Organisations whose name holds a description's head word ('the ministry')."""
        got = self._heads.get(head)
        if got is None:
            got = self._heads[head] = [k for k, a in enumerate(self.actors) if a.kind in ORG_KINDS
                                       and head in a.name.lower()]
        return got

    def resolve(self, subj: Token, start: int, end: int) -> Actor | None:
        doc = self.doc
        cs, ce = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        actor = actor_for_span(doc, cs, ce)
        if actor is not None:
            return actor
        low = subj.lower_
        if low in RELATIVE and subj.head.dep_ == "relcl" and subj.head.head.i != subj.head.i:
            antecedent = subj.head.head  # "Ferrand, who said ...": the pronoun's antecedent
            i, j = _speaker_span(antecedent)
            return self.resolve(antecedent, i, j) if antecedent.lower_ not in RELATIVE else None
        if subj.pos_ == "PRON":
            kind = PRONOUNS.get(low)
            if kind == "person":
                return self._recent_of_kind(cs, "person")
            if kind == "plural":  # a body that has spoken already and was named before
                return self._recent_of(cs, [k for k, a in self._spoken.items() if a.kind in ORG_KINDS
                                            and self._first_mention.get(k, cs) < cs])
            return None
        if subj.pos_ == "NOUN" and any(c.lower_ in ("the", "this", "that") for c in subj.children):
            return self._recent_of(cs, self._described(subj.lemma_.lower()))
        sub_s, sub_e = subj.left_edge.i, subj.right_edge.i + 1  # "Zhang, China's ambassador, said"
        if (sub_s, sub_e) != (start, end):
            actor = actor_for_span(doc, doc[sub_s].idx, doc[sub_e - 1].idx + len(doc[sub_e - 1]))
            if actor is not None:
                return actor
        if subj.pos_ == "PROPN" or subj.is_upper:
            return self._by_surname(doc[end - 1].text)
        return None

    def _by_surname(self, word: str) -> Actor | None:
        """The person actor whose name ends in `word` (a transcript's 'MORROW', a byline's 'Varga'),
        when exactly one does."""
        if self._surnames is None:
            self._surnames = {}
            for a in self.actors:
                if a.kind == "person":
                    self._surnames.setdefault(a.name.lower().rsplit(" ", 1)[-1], []).append(a)
        hits = self._surnames.get(word.lower(), ())
        return hits[0] if len(hits) == 1 else None


# ---------------------------------------------------------------- assembling quotes

class _Found(NamedTuple):
    start: int  # character offsets of the content
    end: int
    kind: str
    cue_tok: Token | None
    cue: tuple[int, int] | None  # character span of the cue
    subj: Token | None
    owns_cue: bool = True  # False when the cue has content of its own in its sentence
    speaker_range: tuple[int, int] | None = None  # token range of the speaker when not the subject's


def _char_range(doc: Doc, i: int, j: int) -> tuple[int, int]:
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1])


def _cue_near(doc: Doc, sents: Sequence[Span], qi: int, qj: int) -> tuple[Token, Cue, int, int] | None:
    """The speech cue nearest to a quotation among the tokens of its sentences outside it."""
    best = None
    text = doccache.text(doc)
    qend = doc[qj - 1].idx + len(doc[qj - 1])
    for sent in sents:
        for i in _cue_candidates(doc, sent.start, sent.end):
            if qi - 1 <= i <= qj:  # inside the quote or on its marks
                continue
            if i > qj and "\n" in text[qend:doc[i].idx]:
                continue  # a cue in the next paragraph heads its own statement, not this quotation
            tok = doc[i]
            found = cue_of(tok)
            if found is None or "quote" not in found[0].takes:
                continue
            subj = subject_of(tok)
            if subj is not None and qi <= subj.i < qj:
                continue
            dist = qi - tok.i if tok.i < qi else tok.i - qj
            if best is None or dist < best[0]:
                best = (dist, tok, found)
    if best is None:
        return None
    _, tok, (cue, cs, ce) = best
    return tok, cue, cs, ce


def _adjacent(doc: Doc, tok: Token, qi: int, qj: int) -> bool:
    """True when only punctuation or 'that' stands between the cue's clause and the quotation."""
    if tok.i < qi:
        gap = doc[tok.i + 1:qi]
    else:
        gap = doc[qj:tok.i]
    words = [t for t in gap if not (t.is_punct or t.is_space or t.lower_ == "that")]
    # the speaker may stand between: "..., he said" / "..., Zhang said" / "said Zhang:"
    words = [t for t in words if t.dep_ not in ("nsubj", "compound", "det", "amod", "poss", "case", "flat")]
    return len(words) == 0


def _introducer(doc: Doc, qi: int) -> tuple[Token, tuple[int, int], Token | None] | None:
    """Who introduces a quotation that has no cue of its own: the clause it follows after a
    colon ('Vale took them to task: "..."'), else a reporting clause in the sentence before."""
    k = qi - 1
    while k >= 0 and (doc[k].is_space or doc[k].text in OPEN_TOKENS):
        k -= 1
    if k < 0:
        return None
    if doc[k].text == ":":
        root = doc[k].sent.root
        if root.pos_ in ("VERB", "AUX") and root.i < k:
            return root, (root.idx, root.idx + len(root)), subject_of(root)
        return doc[k], (doc[k].idx, doc[k].idx + 1), None
    if not (doc[k].text[-1] in _SENTENCE_END or doc[k].text in CLOSERS or doc[k].text == "''"):
        return None  # the quotation stands inside a sentence: a name or title in marks, no speech
    prev = doc[k].sent
    best = None
    for i in _cue_candidates(doc, prev.start, prev.end):
        tok = doc[i]
        hit = cue_of(tok)
        if hit is not None and hit[0].kind == "speech" and subject_of(tok) is not None:
            best = (tok, (hit[1], hit[2]), subject_of(tok))
    return best


BYLINE_QUOTE_WORDS = 4  # a byline follows a quotation, not a quoted title ('"Lighthouse" -- ...')
_SENTENCE_END = ".!?\u2026"


def _byline(doc: Doc, text: str, s: int, e: int) -> tuple[int, int] | None:
    """Token range of a speaker named after a dash behind the quotation [s, e): the quotation reads
    as speech and its line opens with a quote mark, as letters to the editor and epigraphs stand."""
    k = e
    while k < len(text) and text[k] in ",.!?":
        k += 1
    if k >= len(text) or text[k] not in CLOSERS:
        return None
    line = text.rfind("\n", 0, s) + 1
    head = text[line:s].lstrip(" \t\u00a0")
    if not head or head[0] not in OPENERS:
        return None  # the line is no quoted statement: the dash goes on the writer's own sentence
    quoted = text[s:k].rstrip()
    if len(quoted.split()) < BYLINE_QUOTE_WORDS and not quoted.endswith(tuple(_SENTENCE_END)):
        return None
    got = byline_after(text, k + 1)
    if got is None:
        return None
    span = doc.char_span(*got, alignment_mode="expand")
    if span is None or len(span) == 0 or not any(t.pos_ == "PROPN" for t in span):
        return None
    return span.start, span.end


def _only_attribution_between(text: str, end: int, start: int) -> bool:
    """True when what stands between two quotations is their attribution: across a paragraph
    break, the later one must open its paragraph ('... ," he said.<break>"B ...'), else a sentence
    of the writer's own stands between and the quotations are two."""
    gap = text[end:start]
    if "\n" not in gap:
        return True
    return gap[gap.rfind("\n") + 1:].strip() in OPENERS


def direct_quotes(doc: Doc, min_words: int = MIN_DIRECT_WORDS, marks_text: str | None = None) -> list[_Found]:
    """Quotations framed by quote marks that a cue attributes, or long enough to stand alone;
    marks_text is the text to pair marks over (the article's, with transcript marks blanked)."""
    found: list[_Found] = []
    text = doccache.text(doc)
    marks_text = marks_text if marks_text is not None else normalize_marks(text)
    for s, e in quote_spans(marks_text):
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        qi, qj = span.start, span.end
        by = _byline(doc, marks_text, s, e)
        if by is not None:  # '"..." -- Name': the byline names the speaker whatever the cues near
            found.append(_Found(s, e, "direct", None, None, doc[by[0]:by[1]].root, True, by))
            continue
        n_words = sum(1 for t in span if not (t.is_punct or t.is_space))
        sents = []
        for t in (doc[qi], doc[qj - 1]):
            if t.sent not in sents:
                sents.append(t.sent)
        if qi - 1 >= 0 and doc[qi - 1].sent not in sents and doc[qi - 1].text in OPEN_TOKENS:
            sents.insert(0, doc[qi - 1].sent)
        if qj < len(doc) and doc[qj].sent not in sents:
            sents.append(doc[qj].sent)
        near = _cue_near(doc, sents, qi, qj)
        if near is None:
            prev_start = sents[0].start
            if prev_start > 0:
                prev = doc[prev_start - 1].sent
                if prev[-1].text == ":" or (len(prev) > 1 and prev[-2].text == ":"):
                    near = _cue_near(doc, [prev], qi, qj)
            if near is None and sents[-1].end < len(doc):
                nxt = doc[sents[-1].end].sent
                if len(nxt) <= 8:
                    near = _cue_near(doc, [nxt], qi, qj)
        prev = found[-1] if found else None
        if (prev is not None and prev.cue_tok is not None and (near is None or near[0].i == prev.cue_tok.i)
                and s - prev.end <= MAX_SPLIT_GAP and len(_MARK_RE.findall(marks_text, prev.end, s)) <= 2
                and _only_attribution_between(marks_text, prev.end, s)):
            # '"A," she said. "B."': one quotation interrupted by its attribution
            found[-1] = prev._replace(end=e)
            continue
        if near is None:
            intro = _introducer(doc, qi)
            if intro is None and (n_words < LONE_QUOTE_WORDS or not (doc[qi].is_title or doc[qi].is_upper)):
                continue
            if intro is None:
                found.append(_Found(s, e, "direct", None, None, None))
            else:
                found.append(_Found(s, e, "direct", intro[0], intro[1], intro[2], intro[0].text == ":" or
                                    doc[intro[0].i + 1:qi].text.rstrip().endswith(":")))
            continue
        tok, cue, cs, ce = near
        if n_words < min_words and not _adjacent(doc, tok, qi, qj):
            continue  # a scare quote inside someone's sentence
        found.append(_Found(s, e, "direct", tok, (cs, ce), subject_of(tok)))
    return found


def indirect_quotes(doc: Doc, used: set[int]) -> list[_Found]:
    """Reported content reached from a cue through the parse; `used` holds cues of direct quotes."""
    found: list[_Found] = []
    for i in _cue_candidates(doc, 0, len(doc)):
        if i in used:
            continue
        tok = doc[i]
        hit = cue_of(tok)
        if hit is None:
            continue
        cue, cs, ce = hit
        if "according" in cue.takes:
            got = according_content(tok)
            if got is None:
                continue
            (i, j), source = got
            if j - i < 2:
                continue
            s, e = _char_range(doc, i, j)
            found.append(_Found(s, e, "indirect", tok, (cs, ce), source))
            continue
        rng = as_content(tok, cue)
        if rng is None:
            rng = content_of(tok, cue)
        if rng is None or rng[1] - rng[0] < 1:
            continue
        i, j = rng
        if cue.kind != "speech" and j - i < 3 and not _names_target(doc, i, j):
            continue
        s, e = _clip_to_paragraph(doccache.text(doc), *_char_range(doc, i, j), cs)
        if e - s < 2:
            continue
        found.append(_Found(s, e, "indirect", tok, (cs, ce), subject_of(tok)))
    return found


def _names_target(doc: Doc, i: int, j: int) -> bool:
    """True when a short content is a name ('attacked Vance', 'backed Hillary Clinton'): a stance
    taken towards a named actor is an attribution however short; a short common noun ('backed
    it', 'the plan') is too vague to keep."""
    return all(doc[k].pos_ == "PROPN" for k in range(i, j))


EXPLETIVES = {"it"}
_ADJECTIVE_WORDS = frozenset(p.split(" ", 1)[0] for p, c in CUES.items() if "acomp" in c.takes)


def passive_content(tok: Token) -> tuple[tuple[int, int], Token | None] | None:
    """A cue in the passive: 'the plan was endorsed by the council' reports the plan, the by-agent
    its source; 'it was reported (by X) that ...' reports the clause. Returns the content's token
    range and the agent (None when the passive names none)."""
    if tok.pos_ != "VERB" or tok.tag_ != "VBN":
        return None
    cue = CUES.get(tok.lemma_.lower())
    if cue is None:
        return None
    kids = list(tok.children)
    if not any(c.dep_ == "auxpass" for c in kids):
        return None
    subj = next((c for c in kids if c.dep_ == "nsubjpass"), None)
    agent = None
    for c in kids:
        if c.dep_ == "agent" and c.i > tok.i:
            agent = next((o for o in c.children if o.dep_ == "pobj"), None)
    clause = next((c for c in kids if c.dep_ == "ccomp" and c.i > tok.i), None)
    doc = tok.doc
    if clause is not None and "ccomp" in cue.takes and (subj is None or subj.lower_ in EXPLETIVES
                                                        or agent is not None):  # "he was told by aides that"
        return _trim(doc, clause.left_edge.i, clause.right_edge.i + 1), agent
    if agent is None or subj is None or "dobj" not in cue.takes or subj.lower_ in RELATIVE or subj.pos_ == "PRON":
        return None
    if subj.i > tok.i:
        return None
    return _trim(doc, subj.left_edge.i, subj.right_edge.i + 1), agent


def passive_quotes(doc: Doc) -> list[_Found]:
    """Attributions made in the passive voice (see passive_content)."""
    found: list[_Found] = []
    tag = doccache.column(doc, "tag")
    for i in _cue_candidates(doc, 0, len(doc)):
        if tag[i] != "VBN":
            continue
        tok = doc[i]
        got = passive_content(tok)
        if got is None:
            continue
        (a, b), agent = got
        if b - a < 1:
            continue
        s, e = _clip_to_paragraph(doccache.text(doc), *_char_range(doc, a, b), tok.idx)
        if e - s < 2:
            continue
        span = _speaker_span(agent) if agent is not None else None
        found.append(_Found(s, e, "indirect", tok, (tok.idx, tok.idx + len(tok)), agent, speaker_range=span))
    return found


ADJECTIVE_CUES = {p: c for p, c in CUES.items() if "acomp" in c.takes}


def adjective_content(adj: Token) -> tuple[tuple[int, int], Cue, int] | None:
    """What a predicative adjective of belief or stance holds ('are confident that ...', 'is
    determined to ...', 'were critical of ...'): the content's token range, the cue and the index
    of the cue's last token."""
    word = adj.lower_
    doc = adj.doc
    for c in adj.rights:
        cue = ADJECTIVE_CUES.get(word)
        if cue is not None and ((c.dep_ == "ccomp" and "ccomp" in cue.takes)
                                or (c.dep_ == "xcomp" and "xcomp" in cue.takes)):
            return _trim(doc, c.left_edge.i, c.right_edge.i + 1), cue, adj.i
        if c.dep_ == "prep":
            cue = ADJECTIVE_CUES.get(f"{word} {c.lower_}")
            obj = next((o for o in c.children if o.dep_ in ("pobj", "pcomp")), None)
            if cue is not None and obj is not None:
                return _trim(doc, obj.left_edge.i, obj.right_edge.i + 1), cue, c.i
    return None


def adjective_quotes(doc: Doc) -> list[_Found]:
    """Beliefs and stances put as 'subject + copula + adjective' (see adjective_content); the
    subject is the holder, and an expletive 'it' ('it is certain that') holds nothing."""
    found: list[_Found] = []
    dep, lower = doccache.column(doc, "dep"), doccache.column(doc, "lower")
    for i, d in enumerate(dep):
        if d != "acomp" or lower[i] not in _ADJECTIVE_WORDS:
            continue
        adj = doc[i]
        got = adjective_content(adj)
        if got is None:
            continue
        (a, b), cue, last = got
        subj = subject_of(adj.head) if adj.head.i != adj.i else None
        if subj is None or subj.lower_ in EXPLETIVES:
            continue
        if b - a < 1 or (cue.kind != "speech" and b - a < 3 and not _names_target(doc, a, b)):
            continue
        s, e = _clip_to_paragraph(doccache.text(doc), *_char_range(doc, a, b), adj.idx)
        if e - s < 2:
            continue
        found.append(_Found(s, e, "indirect", adj, (adj.idx, doc[last].idx + len(doc[last])), subj))
    return found


def _clip_to_paragraph(text: str, s: int, e: int, cue: int) -> tuple[int, int]:
    """Reported content stays in its cue's paragraph: a parse that runs over a line break has
    joined a heading or dateline to the sentence."""
    if "\n" not in text[s:e]:
        return s, e
    if cue < s:
        e = text.index("\n", s)
    elif cue >= e:
        s = text.rindex("\n", s, e) + 1
    else:
        return s, e
    while s < e and (text[s].isspace() or text[s] in ",;:"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
        e -= 1
    return s, e


def noun_content(tok: Token) -> tuple[int, int] | None:
    """Token range of what a reporting noun reports: its that-clause ('the claim that ...'), or for
    nouns of intent its to-clause ('his promise to build a wall')."""
    for c in tok.rights:
        if c.dep_ not in ("acl", "relcl", "ccomp"):
            continue
        kids = list(c.children)
        if any(k.dep_ == "mark" and k.lower_ == "that" for k in kids) or (
                tok.lemma_ in INTENT_NOUNS and any(k.dep_ == "aux" and k.lower_ == "to" and k.i < c.i for k in kids)):
            return _trim(tok.doc, c.left_edge.i, c.right_edge.i + 1)
    return None


def noun_holder(tok: Token) -> tuple[Token, tuple[int, int]] | None:
    """Whose the reported statement is: a possessor ('the mayor's claim'), a name compounded with the
    noun ('a Daily Ledger report'), or a by-phrase ('the statement by the ministry')."""
    doc = tok.doc
    names = []
    for c in tok.children:
        if c.dep_ == "poss" and c.i < tok.i:
            return c, _speaker_span(c)
        if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i:
            names.append(c)
        if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i > tok.i:
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None:
                return obj, _speaker_span(obj)
    if names:
        head = names[-1]
        return head, (min(n.left_edge.i for n in names), head.i + 1)
    said = _verb_read_as_noun(tok)
    if said is not None:
        return said, _speaker_span(said)
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head  # "critics persisted in arguments that"
    if tok.dep_ in ("dobj", "pobj") and verb.pos_ == "VERB" and verb.i != tok.i:
        subj = subject_of(verb)
        if subj is not None:
            return subj, _speaker_span(subj)
    return None


def _verb_read_as_noun(tok: Token) -> Token | None:
    """The name before a reporting verb the parser read as a plural noun ('Mendez charges that ...'
    parsed as a noun phrase): a bare -s form right after a nominal, with no verb before it in the
    sentence, is that nominal's verb."""
    doc = tok.doc
    if tok.tag_ != "NNS" or tok.i == 0 or any(c.dep_ in ("det", "poss", "amod", "nummod") for c in tok.children):
        return None
    prev = doc[tok.i - 1]
    if prev.pos_ not in NOMINAL or prev.tag_ in ("NNS", "NNPS") or not (prev.head.i == tok.i or tok.head.i == prev.i):
        return None
    if any(doc[k].pos_ in ("VERB", "AUX") for k in range(tok.sent.start, tok.i)):
        return None
    return prev


def noun_quotes(doc: Doc) -> list[_Found]:
    """Statements reported by a noun ('the mayor's claim that there have been hundreds ...')."""
    if not NOUN_CUES:
        return []
    lemma, pos = doccache.column(doc, "lemma"), doccache.column(doc, "pos")
    found: list[_Found] = []
    for i, lem in enumerate(lemma):
        if pos[i] != "NOUN" or lem not in NOUN_CUES:
            continue
        tok = doc[i]
        rng = noun_content(tok)
        if rng is None or rng[1] - rng[0] < 3:
            continue
        s, e = _char_range(doc, *rng)
        holder = noun_holder(tok)
        subj, span = holder if holder is not None else (None, None)
        found.append(_Found(s, e, "indirect", tok, (tok.idx, tok.idx + len(tok)), subj, speaker_range=span))
    return found


def _outermost(items: list[_Found]) -> list[_Found]:
    """Drop a quote whose cue stands inside another quote's content: what a speaker reports
    someone else said (or thinks) is part of the speaker's own content, not a second quote."""
    kept: list[_Found] = []
    covered = _Cover()  # the union of the kept contents: a point inside it is inside one of them
    for q in sorted(items, key=lambda q: q.start - q.end):  # longest first
        anchor = q.cue[0] if q.cue else q.start
        if covered.holds(anchor):
            continue
        kept.append(q)
        covered.add(q.start, q.end)
    return kept


class _Cover:
    """A union of half-open intervals kept as sorted disjoint runs, so asking whether a point is in
    any of them is a bisection (the quotes of a long article are many)."""

    __slots__ = ("starts", "ends")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def holds(self, x: int) -> bool:
        i = bisect_right(self.starts, x) - 1
        return i >= 0 and x < self.ends[i]

    def add(self, s: int, e: int) -> None:
        if e <= s:
            return
        lo = bisect_left(self.ends, s)  # the first run that ends at or after s: it may merge
        hi = bisect_right(self.starts, e)  # runs from lo up to hi touch [s, e)
        if lo < hi:
            s, e = min(s, self.starts[lo]), max(e, self.ends[hi - 1])
        self.starts[lo:hi] = [s]
        self.ends[lo:hi] = [e]


def _drop_repeats(direct: Sequence[_Found], indirect: Sequence[_Found]) -> list[_Found]:
    """The indirect readings that do not repeat a direct quotation: one lying inside a direct span
    and covering most of it adds nothing. Direct spans sorted by start are searched by bisection
    over the only starts that can qualify (no earlier than the indirect span's end less 5/4 of its
    length, since it must cover more than 4/5 of the direct one)."""
    spans = sorted((q.start, q.end) for q in direct)
    starts = [s for s, _ in spans]
    out = []
    for q in indirect:
        n = q.end - q.start
        lo = bisect_left(starts, q.end - (5 * n) // 4 - 1)
        hi = bisect_right(starts, q.start)
        if not any(q.end <= de and n > 0.8 * (de - ds) for ds, de in spans[lo:hi]):
            out.append(q)
    return out


def turn_quotes(doc: Doc, turns: Sequence[Turn]) -> list[_Found]:
    """Transcript turns: the label is the speaker and the colon the cue."""
    found: list[_Found] = []
    for t in turns:
        wspan = doc.char_span(*t.who, alignment_mode="expand")
        if wspan is None or len(wspan) == 0:
            continue
        found.append(_Found(t.start, t.end, "direct", None, (t.colon, t.colon + 1), wspan.root,
                            speaker_range=(wspan.start, wspan.end)))
    return found


def _has_own_cue(doc: Doc, i: int, j: int) -> bool:
    """True when tokens [i, j) hold a reporting cue with its subject among them ('Brenner urges ...')."""
    for k in _cue_candidates(doc, i, j):
        tok = doc[k]
        if cue_of(tok) is not None:
            subj = subject_of(tok)
            if subj is not None and i <= subj.i < j:
                return True
    return False


def colon_quotes(doc: Doc, skip: frozenset[int] = frozenset()) -> list[_Found]:
    """Headline attributions, 'Speaker: what they said', one short paragraph each (not those whose
    colon is in `skip`, the transcript labels; not those whose text has a cue and speaker of its own)."""
    found: list[_Found] = []
    text = doccache.text(doc)
    for m in _HEADLINE_RE.finditer(text):
        who, what = m.span("who"), m.span("what")
        if who[1] in skip:
            continue
        if len(m.group("who").split()) > 6 or m.group("who").strip().lower() in LABELS:
            continue
        wspan = doc.char_span(*who, alignment_mode="expand")
        cspan = doc.char_span(*what, alignment_mode="expand")
        if wspan is None or cspan is None or len(cspan) < 3:
            continue
        if any(t.pos_ in ("VERB", "AUX", "PRON", "NUM") for t in wspan) or not any(
                t.pos_ in ("PROPN", "NOUN") for t in wspan):
            continue
        named = actor_for_span(doc, *who)
        if named is None and (len(wspan) > 3 or any(t.pos_ not in ("PROPN", "NOUN", "ADJ") for t in wspan)):
            continue  # a section lead-in ("Fewer Ferries for Islanders: ..."), not a name
        label = m.group("who").strip()
        if label.isupper() and (named is None or label in known_places() or (
                named.kind != "person" and (" " in label or len(label) > MAX_ACRONYM))):
            continue  # outside a transcript an upper-case label is a subhead or a dateline ("BACKGROUND:")
        i, j = _trim(doc, cspan.start, cspan.end)
        if j - i < 3 or _has_own_cue(doc, i, j):
            continue
        cs, ce = _char_range(doc, i, j)
        colon = who[1]
        found.append(_Found(cs, ce, "indirect", None, (colon, colon + 1), wspan.root,
                            speaker_range=(wspan.start, wspan.end)))
    return found


def extract_quotes(doc: Doc, min_words: int = MIN_DIRECT_WORDS) -> list[Quote]:
    """Every quote in the Doc, direct and indirect, sorted by start, speakers resolved."""
    text = doccache.text(doc)
    turns = transcript_turns(text) if ":" in text else []
    marks_text = normalize_marks(text)
    direct = direct_quotes(doc, min_words, mask_marks(marks_text, turns) if turns else marks_text)
    used = {q.cue_tok.i for q in direct if q.cue_tok is not None and q.owns_cue}
    indirect = indirect_quotes(doc, used)
    # an indirect reading inside a direct quotation's span adds nothing when it repeats it
    indirect = _drop_repeats(direct, indirect)
    colons = frozenset(t.colon for t in turns)
    items = _outermost(turn_quotes(doc, turns) + colon_quotes(doc, colons) + direct + indirect + noun_quotes(doc)
                       + passive_quotes(doc) + adjective_quotes(doc))
    resolver = Resolver(doc)
    quotes: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for q in sorted(items, key=lambda q: q.cue[0] if q.cue else q.start):
        if (q.start, q.end) in seen:
            continue
        seen.add((q.start, q.end))
        speaker = speaker_text = sp_s = sp_e = None
        if q.subj is not None:
            if q.speaker_range is None and q.subj.lower_ == "that" and q.subj.head.dep_ == "relcl":
                q = q._replace(subj=q.subj.head.head)  # "a group that says ...": the group, not "that"
            i, j = q.speaker_range or _speaker_span(q.subj)
            sp_s, sp_e = _char_range(doc, i, j)
            speaker_text = text[sp_s:sp_e]
            actor = resolver.resolve(q.subj, i, j)
            resolver.note_speaker(q.subj.idx, actor)
            speaker = actor.id if actor is not None else None
        cue_text = text[q.cue[0]:q.cue[1]] if q.cue else None
        quotes.append(Quote(
            start=q.start, end=q.end, text=text[q.start:q.end], kind=q.kind,
            cue=cue_text, cue_start=q.cue[0] if q.cue else None, cue_end=q.cue[1] if q.cue else None,
            speaker=speaker, speaker_text=speaker_text, speaker_start=sp_s, speaker_end=sp_e,
        ))
    return sorted(quotes, key=lambda q: (q.start, q.end))


# ---------------------------------------------------------------- the pipeline stage

class QuotesStage(Stage):
    """Fills doc._.quotes; runs after communique_actors so speakers can point at actors."""

    name = "communique_quotes"

    def __init__(self, min_direct_words: int = MIN_DIRECT_WORDS) -> None:
        super().__init__()
        self.min_direct_words = min_direct_words

    def run(self, doc: Doc) -> None:
        doc._.quotes = extract_quotes(doc, self.min_direct_words)


@Language.factory("communique_quotes", assigns=["doc._.quotes"],
                  default_config={"min_direct_words": MIN_DIRECT_WORDS})
def make_quotes(nlp: Language, name: str, min_direct_words: int) -> QuotesStage:
    return QuotesStage(min_direct_words)
