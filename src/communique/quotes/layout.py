"""Layout attributions: who speaks is given by where text stands, not by a reporting verb.

Two layouts are read here, over the raw text so they cost one regex pass each:
- transcripts, paragraphs opening with a speaker label ("MORROW: Let's begin ..."): the label
  introduces everything the person says until the next label;
- bylines after a quotation ('"..." -- Edna Varga'): the name after the dash is the speaker.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from ..knowledge.tables import load_knowledge

# a label is one to four capitalised words in upper case ("MORROW", "MR. KADE", "SEN. JOHN DOE")
_LABEL_RE = re.compile(
    r"^(?P<mark>[\"\u201c\u201e]?)[ \t]*"
    r"(?P<who>[A-Z][A-Z'\u2019.\-]+(?:[ \t]+[A-Z][A-Z'\u2019.\-]*){0,3})"
    r"[ \t]*:[ \t\u00a0]+(?=\S)", re.MULTILINE)
_PARA_RE = re.compile(r"[^\n]+")
# words that head a paragraph with a colon without being anyone's name
NOT_SPEAKERS = {"q", "a", "note", "update", "updated", "related", "watch", "read more", "photo", "video",
                "source", "sources", "editor's note", "editor\u2019s note", "correction", "clarification",
                "disclosure", "follow", "see also", "listen", "transcript", "caption", "credit", "image",
                "warning", "breaking", "exclusive", "the latest", "analysis", "opinion", "live", "watch live",
                "advertisement", "ps", "p.s.", "faq", "tl;dr", "tldr", "bottom line"}
MIN_TURNS = 3  # headings and datelines also open paragraphs with a label; a transcript has turns
MIN_REPEATS = 2  # ... and speakers alternate, so some label comes back; a heading is used once
_OPEN = "\"\u201c\u201e"
_CLOSE = "\"\u201d"
# '"...", -- Name' or '"..." \u2015 Name.' to the end of the line; a real dash, not a hyphen
_BYLINE_RE = re.compile(r"(?:[^\S\n]|[,.])*(?:[\u2015\u2014\u2013]|--)[^\S\n]*"
                        r"(?P<who>[A-Z][^\n\u2015\u2014\u2013\"\u201c\u201d]{1,70}?)[.\s]*?(?=\n|$)")
MAX_BYLINE_WORDS = 7
MAX_NAME_WORDS = 5  # the name part of a byline, before any comma ("-- Edna Varga, a nurse")
# lower-case words a name may hold ("Ludwig van Beethoven", "Ana de la Torre")
NAME_PARTICLES = {"van", "von", "de", "der", "den", "la", "le", "da", "di", "del", "dos", "du", "bin", "al", "el", "ibn"}
_POSSESSIVE_RE = re.compile(r"['\u2019]s?\b|s['\u2019]")
_REOPEN_RE = re.compile(r"\n[ \t]*[\"\u201c\u201e]")


class Turn(NamedTuple):
    """One speaker turn of a transcript: the label and what follows it (character offsets)."""

    who: tuple[int, int]
    colon: int
    start: int
    end: int
    mark: int | None  # offset of a quote mark opening the labelled paragraph


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PARA_RE.finditer(text) if m.group().strip()]


@lru_cache(maxsize=1)
def known_places() -> frozenset[str]:
    """Upper-cased names of countries, capitals and dateline cities: a label 'KABUL:' is a dateline."""
    kb = load_knowledge()
    names = set(kb.cities)
    for c in kb.countries:
        names.update((c.name, *c.aliases, *c.capitals))
    return frozenset(n.upper() for n in names if n)


def transcript_turns(text: str) -> list[Turn]:
    """Speaker turns when the article holds a transcript: at least MIN_TURNS labelled paragraphs,
    some label used MIN_REPEATS times (speakers alternate; a subhead 'WHY IT MATTERS:' or a dateline
    is used once). A turn runs over the paragraphs after its own until the next label or a stage
    direction ('(CROSSTALK)'), and past the last label only while the quoted transcript goes on."""
    labels = []
    places = known_places()
    for m in _LABEL_RE.finditer(text):
        who = m.group("who").strip()
        if who.lower().rstrip(".") in NOT_SPEAKERS or not any(c.isalpha() for c in who) or len(who) < 2:
            continue
        if who.rstrip(".") in places:
            continue
        labels.append(m)
    if len(labels) < MIN_TURNS:
        return []
    counts = Counter(m.group("who").strip().rstrip(".") for m in labels)
    if max(counts.values()) < MIN_REPEATS:
        return []
    paras = _paragraphs(text)
    starts = {s: k for k, (s, _) in enumerate(paras)}
    turns: list[Turn] = []
    label_paras = {}
    for m in labels:
        k = starts.get(m.start())
        if k is not None:
            label_paras[k] = m
    ordered = sorted(label_paras)
    for n, k in enumerate(ordered):
        m = label_paras[k]
        quoted = bool(m.group("mark"))
        last = n + 1 == len(ordered)
        stop = ordered[n + 1] if not last else len(paras)
        end = paras[k][1]
        for kk in range(k + 1, stop):
            ps, pe = paras[kk]
            body = text[ps:pe].lstrip(_OPEN + " \t")
            if body.startswith(("(", "[")):
                break  # a stage direction ends the turn
            if (last or quoted) and not (quoted and text[ps] in _OPEN):
                break  # past the transcript
            end = pe
        start = m.end()
        while end > start and (text[end - 1].isspace() or text[end - 1] in _CLOSE):
            end -= 1
        if end - start < 2:
            continue
        ws, we = m.span("who")
        turns.append(Turn((ws, we), text.index(":", we), start, end, m.start("mark") if quoted else None))
    return turns


def mask_marks(text: str, turns: list[Turn]) -> str:
    """The text with the quote marks that open labelled paragraphs blanked (same length), so that
    pairing quote marks does not read a quoted transcript as one long quotation."""
    marks = [t.mark for t in turns if t.mark is not None]
    if not marks:
        return text
    chars = list(text)
    for p in marks:
        chars[p] = " "
    # paragraphs inside the quoted transcript (a turn's continuation, a stage direction) re-open it too
    lo, hi = min(marks), max(t.end for t in turns)
    for m in _REOPEN_RE.finditer(text, lo, hi):
        chars[m.end() - 1] = " "
    return "".join(chars)


def _is_name(who: str) -> bool:
    """True when `who` reads as a person's or body's name: capitalised words, maybe joined by name
    particles, no possessive ("Christopher Nolan's latest film" is a description, not a speaker)."""
    words = who.split()
    if not words or len(words) > MAX_NAME_WORDS or _POSSESSIVE_RE.search(who):
        return False
    for w in words:
        c = w.lstrip("(\"'\u201c")[:1]
        if c.isalpha() and not c.isupper() and w.lower() not in NAME_PARTICLES:
            return False
    return words[0][0].isupper()


def byline_after(text: str, end: int) -> tuple[int, int] | None:
    """The speaker named after a dash right after a quotation closing at `end` (the offset just past
    its closing mark), up to the end of the line; None when no such byline stands there. The speaker
    is the name before any comma ('-- Edna Varga, a nurse in Leeds')."""
    m = _BYLINE_RE.match(text, end)
    if m is None:
        return None
    s, e = m.span("who")
    line = text[s:e].rstrip(" \t.,\u00a0")
    if not line or len(line.split()) > MAX_BYLINE_WORDS:
        return None
    who = line.split(",", 1)[0].rstrip(" \t\u00a0")
    if not _is_name(who):
        return None
    return s, s + len(who)
