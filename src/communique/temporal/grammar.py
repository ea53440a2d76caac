"""A grammar of English time expressions in news, and their TIMEX3 values.

Each rule is a precompiled regex with a handler that turns a match into (type, value). Rules know
nothing of spaCy: what they need from the parse (tense of the governing verb, whether a number
counts things) comes through a `Context`, so the grammar tests without a model. Candidates may
overlap; `find_times` keeps the longest, after widening each over modifiers TimeML includes in the
span ("nearly", "early", "the end of").
"""
from __future__ import annotations

import re
from bisect import bisect_left
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta
from typing import Protocol

from . import calendar as cal
from ..numbers import ORDINALS
from .numbers import FRACTION, NUMBER, VAGUE, fraction_value, number_value, word_value


class Context(Protocol):
    anchor: date | None

    def tense(self, start: int, end: int) -> str | None:
        """'past', 'future' or None for the verb governing text[start:end]."""

    def is_count(self, start: int, end: int) -> bool:
        """True when the number at text[start:end] counts things ('1500 troops'), so it is no year."""

    def pluperfect(self, start: int, end: int) -> bool:
        """True when the verb governing text[start:end] is a past perfect ('had not called ... until Friday')."""


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    type: str
    value: str
    role: str = ""  # how the discourse post-pass may revise the value ('ref_quarter', 'year_before')


@dataclass
class SimpleContext:
    """A Context without a parse: a fixed tense for every expression (tests, plain text)."""

    anchor: date | None = None
    fixed_tense: str | None = None

    def tense(self, start: int, end: int) -> str | None:
        return self.fixed_tense

    def is_count(self, start: int, end: int) -> bool:
        return False

    def pluperfect(self, start: int, end: int) -> bool:
        return False


# ---------------------------------------------------------------- lexical fragments

WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
# Month names are matched case-sensitively: 'may', 'march' and 'august' are ordinary words too.
MONTH = (
    r"(?-i:Jan(?:uary\b|\.)|Feb(?:ruary\b|\.)|Mar(?:ch\b|\.)|Apr(?:il\b|\.)|May\b|June?\b|July?\b|Aug(?:ust\b|\.)"
    r"|Sep(?:tember\b|t\.|\.)|Oct(?:ober\b|\.)|Nov(?:ember\b|\.)|Dec(?:ember\b|\.))"
)
SEASON = r"(?:spring|summer|fall|autumn|winter)"
UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies)"
    r"|millenni(?:um|a|ums))"
)
DUR_ADJ = (
    r"(?:consecutive|straight|successive|more|additional|full|long|trading|business|calendar|working|extra"
    r"|further|whole|entire)"
)
DAYREF = rf"(?:{WEEKDAY}|today|yesterday|tomorrow|{MONTH}\s+[0-3]?\d\b)"
TZ = r"(?-i:[ECMP][SD]T|GMT|UTC)"
_ORDINALS = {w: int(v) for w, v in ORDINALS.items() if v <= 20 and w != "nineth"}
_ORDINALS.update({"twenty-first": 21, "twenty first": 21})  # days of a month go no higher in these rules
ORDINAL_WORD = "(?:" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + ")"
_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8,
    "nineties": 9,
}
_TENS_WORDS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_TEEN_WORDS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
YEAR_WORDS = (
    rf"(?:(?:nineteen|eighteen)[- ](?:hundred|(?:{_TENS_WORDS})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    rf"|{_TEEN_WORDS}))"
)
YEAR = r"(?:1[1-9]\d\d|20\d\d)"

_PAST_WORDS = {"last", "past", "previous", "preceding", "latest", "this past"}
_NEXT_WORDS = {"next", "coming", "following", "this coming"}


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())


def _rel_word(rel: str) -> str:
    return _norm(rel).removeprefix("the ").strip()


def _rel_offset(rel: str) -> int | None:
    r = _rel_word(rel)
    if r in _PAST_WORDS:
        return -1
    if r in _NEXT_WORDS:
        return 1
    if r in ("this", "current", "present"):
        return 0
    return None


def _unit_name(unit: str) -> str:
    u = unit.lower()
    if u.startswith("centur"):
        return "century"
    if u.startswith("millenni"):
        return "millennium"
    return u[:-1] if u.endswith("s") else u


_DUR_CODES = {
    "second": ("T", "S"), "minute": ("T", "M"), "hour": ("T", "H"), "day": ("", "D"), "week": ("", "W"),
    "month": ("", "M"), "quarter": ("", "Q"), "year": ("", "Y"),
}
_SMALLER = {"year": ("month", 12), "month": ("day", 30), "week": ("day", 7), "day": ("hour", 24),
            "hour": ("minute", 60), "minute": ("second", 60)}


def _amount(n: float) -> str:
    """14 -> "14", 2.5 -> "2.5", 1e11 -> "100000000000" (never exponent notation)."""
    return str(int(n)) if float(n).is_integer() else f"{n:f}".rstrip("0")


def duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 duration: (14, 'year') -> P14Y, (None, 'year') -> PXY, (2.5, 'year') -> P2Y6M, (0.5, 'century') -> P50Y."""
    unit = _unit_name(unit)
    if amount is None:
        return {"decade": "PXDE", "century": "PXCE", "millennium": "PXL", "fortnight": "PXW"}.get(unit) or (
            "P" + _DUR_CODES[unit][0] + "X" + _DUR_CODES[unit][1])
    scale = {"decade": ("year", 10), "century": ("year", 100), "millennium": ("year", 1000), "fortnight": ("week", 2)}
    if unit in scale:
        unit, factor = scale[unit]
        amount *= factor
    whole = int(amount)
    rest = amount - whole
    parts = [(whole, unit)] if whole or not rest else []
    if rest and unit in _SMALLER:
        small, factor = _SMALLER[unit]
        parts.append((round(rest * factor), small))
    elif rest:
        parts = [(amount, unit)]
    date_part = "".join(f"{_amount(n)}{_DUR_CODES[u][1]}" for n, u in parts if not _DUR_CODES[u][0])
    time_part = "".join(f"{_amount(n)}{_DUR_CODES[u][1]}" for n, u in parts if _DUR_CODES[u][0])
    return "P" + date_part + ("T" + time_part if time_part else "")


def _year_from_words(text: str) -> int | None:
    t = _norm(text).replace("-", " ")
    head, _, tail = t.partition(" ")
    century = {"nineteen": 1900, "eighteen": 1800}.get(head)
    if century is None:
        return None
    if tail == "hundred":
        return century
    n = word_value(tail)
    return century + n if n is not None and n < 100 else None


_AHEAD_CUE = re.compile(r"\b(?:ahead\s+of|until|till|as\s+(?:soon|early)\s+as|no\s+later\s+than|starting)\s+(?:on\s+|the\s+)?$", re.I)


_BEHIND_CUE = re.compile(r"\b(?:since|ended)\s+(?:on\s+)?$", re.I)


def _cue_at(text: str, start: int) -> str | None:
    """'future' after words like 'until' or 'as early as', 'past' after 'since' or 'ended': the side of
    the article date a date lies on, whatever the verb."""
    before = text[max(0, start - 25): start]
    if _AHEAD_CUE.search(before):
        return "future"
    if _BEHIND_CUE.search(before):
        return "past"
    return None


# A plan names a date still to come, whatever the tense of its telling ('a summit set for April', 'a
# visit that had been scheduled for Sunday'); a month or day much nearer behind the article date still wins.
_LEAN_AHEAD = re.compile(
    r"\b(?:scheduled|slated|set|planned|timed|expected|due)\s+(?:for|on)\s+(?:on\s+|in\s+|the\s+)?$", re.I)
# Weaker: 'payable Dec. 7', 'effective Monday' look ahead only when the verb says nothing.
_LEAN_AHEAD_WEAK = re.compile(r"\b(?:payable|effective)\s+(?:on\s+|from\s+)?$", re.I)


def _lean_at(text: str, start: int) -> str | None:
    return "future" if _LEAN_AHEAD.search(text, max(0, start - 30), start) else None


def _lean_weak_at(text: str, start: int) -> str | None:
    return "future" if _LEAN_AHEAD_WEAK.search(text, max(0, start - 20), start) else None


_UNTIL = re.compile(r"\b(?:until|till)\s+(?:on\s+|the\s+)?$", re.I)


def _tense_at(ctx: Context, text: str, start: int, end: int) -> str | None:
    """The tense around text[start:end]; a cue word ('until', 'since', 'payable') wins over the verb,
    except that 'until' under a past perfect looks back ('had not called him a suspect until Thursday')."""
    cue = _cue_at(text, start)
    if cue == "future" and _UNTIL.search(text, max(0, start - 12), start) and ctx.pluperfect(start, end):
        return "past"
    return cue or _lean_at(text, start) or ctx.tense(start, end) or _lean_weak_at(text, start)


def _day_of(ctx: Context, text: str, start: int, end: int, tense: str | None = None) -> str | None:
    """The day a DAYREF names (weekday, today, 'March 5'), by the tense around it."""
    t = _norm(text)
    anchor = ctx.anchor
    if t == "today":
        return cal.day_value(anchor)
    if t == "yesterday":
        return cal.day_value(anchor, -1)
    if t == "tomorrow":
        return cal.day_value(anchor, 1)
    if t in cal.WEEKDAYS:
        return cal.weekday_value(anchor, cal.WEEKDAYS[t], tense or ctx.tense(start, end) or "past")
    md = re.fullmatch(r"(\S+)\s+(\d+)", text.strip())
    if md:
        day = int(md.group(2))
        if 1 <= day <= 31:
            return cal.day_in_direction(anchor, cal.month_number(md.group(1)), day, tense or ctx.tense(start, end))
    return None


# ---------------------------------------------------------------- rule handlers
# Each returns (type, value), or (type, value, role) for the discourse post-pass, or None to reject
# the match.

Result = tuple[str, str] | tuple[str, str, str] | None


def _real_day(y: int, mo: int, d: int) -> bool:
    """Whether the day exists: "June 31" or "2023-02-29" is a typo, not a date to reason from."""
    return 1 <= y <= 9999 and 1 <= mo <= 12 and 1 <= d <= monthrange(y, mo)[1]


def _iso(m, ctx, text) -> Result:
    y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
    if _real_day(y, mo, d):
        return "DATE", f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def _clock(m, ctx, text) -> Result:
    if m["noon"]:
        hour, minute = (12, 0) if _norm(m["noon"]) in ("noon", "midday") else (24, 0)
    else:
        hour = int(m["h"]) if m["h"].isdigit() else (word_value(m["h"]) or -1)
        minute = int(m["mi"]) if m["mi"] else 0
        ap = (m["ap"] or "").lower()
        if not 0 <= hour <= 23 or (ap and not 1 <= hour <= 12):
            return None
        if ap.startswith("p") and hour < 12:
            hour += 12
        elif ap.startswith("a") and hour == 12:
            hour = 0
    day = (_day_of(ctx, m["day"], m.start("day"), m.end("day"), _tense_at(ctx, text, m.start(), m.end()))
           if m["day"] else cal.day_value(ctx.anchor))
    if day is None:
        return None
    if m["day"]:
        return "TIME", f"{day}T{hour:02d}:{minute:02d}"
    # a bare clock time: the day written next to it, else the article date (see _follow_discourse)
    return "TIME", f"{day}T{hour:02d}:{minute:02d}", "clock"


def _day_part(m, ctx, text) -> Result:
    part = cal.PARTS_OF_DAY[_norm(m["part"]).rstrip("s")]
    if m["plural"] or _norm(m["day"]).endswith("s") and _norm(m["day"])[:-1] in cal.WEEKDAYS:
        wd = _norm(m["day"]).rstrip("s")
        return "SET", f"XXXX-WXX-{cal.WEEKDAYS[wd]}T{part}" if wd in cal.WEEKDAYS else None
    day = _day_of(ctx, m["day"], m.start("day"), m.end("day"), _tense_at(ctx, text, m.start(), m.end()))
    return ("TIME", f"{day}T{part}") if day else None


def _this_part(m, ctx, text) -> Result:
    t = _norm(m[0])
    if t == "tonight":
        return "TIME", cal.day_value(ctx.anchor) + "TNI"
    if t == "last night":
        return "TIME", cal.day_value(ctx.anchor, -1) + "TNI"
    return "TIME", cal.day_value(ctx.anchor) + "T" + cal.PARTS_OF_DAY[t.split()[-1]]


def _month_day(m, ctx, text) -> Result:
    day = int(m["d"])
    month = cal.month_number(m["mon"])
    if not 1 <= day <= monthrange(2000, month)[1]:  # a leap year: February 29 may be real
        return None
    if m["y"]:
        return ("DATE", f"{int(m['y']):04d}-{month:02d}-{day:02d}") if _real_day(int(m["y"]), month, day) else None
    cue = _cue_at(text, m.start())
    if cue:
        value = cal.day_in_direction(ctx.anchor, month, day, cue, strict=True)
    else:
        value = cal.day_in_direction(ctx.anchor, month, day, _lean_at(text, m.start()) or _lean_weak_at(text, m.start())
                                     or ctx.tense(m.start(), m.end()))
    if value[:4].isdigit() and not _real_day(int(value[:4]), month, day):
        return None  # "Feb. 29" resolved into a year that has none
    return "DATE", value


def _month_year(m, ctx, text) -> Result:
    month = cal.month_number(m["mon"])
    if m["y"]:
        return "DATE", f"{int(m['y']):04d}-{month:02d}"
    if m["yw"]:
        year = _year_from_words(m["yw"])
        return ("DATE", f"{year:04d}-{month:02d}") if year else None
    offset = _rel_offset(m["rel"])
    if ctx.anchor is None:
        return "DATE", f"XXXX-{month:02d}"
    return "DATE", f"{ctx.anchor.year + offset:04d}-{month:02d}"


_MONTH_CUES = re.compile(
    r"(?:\b(?:in|since|until|till|by|through|during|from|before|after|of|to|early|late|mid|last|this|next|between|and"
    r"|or|each|every|around|throughout)\s+|mid-)$",
    re.I,
)


def _month_alone(m, ctx, text) -> Result:
    name = m["mon"]
    if name == "May" or name.startswith(("Mar", "Aug")) and not name.endswith("."):
        # ambiguous words: only after a cue that makes them a month ('in May', 'early March')
        if not _MONTH_CUES.search(text[max(0, m.start() - 12): m.start()]):
            return None
    month = cal.month_number(name)
    cue = _cue_at(text, m.start())
    if cue and ctx.anchor:  # 'since December', 'until March': that side of the article date, its month included
        year = ctx.anchor.year
        if cue == "past" and month > ctx.anchor.month:
            year -= 1
        elif cue == "future" and month < ctx.anchor.month:
            year += 1
        return "DATE", f"{year:04d}-{month:02d}"
    return "DATE", cal.month_in_direction(ctx.anchor, month, _lean_at(text, m.start()) or _lean_weak_at(text, m.start())
                                   or ctx.tense(m.start(), m.end()))


def _year(m, ctx, text) -> Result:
    year = int(m["y"])
    if ctx.anchor and year > ctx.anchor.year + 60:
        return None
    if not m["pre"] and ctx.is_count(m.start("y"), m.end("y")):
        return None
    return "DATE", f"{year:04d}"


def _year_words(m, ctx, text) -> Result:
    year = _year_from_words(m["yw"])
    return ("DATE", f"{year:04d}") if year else None


def _decade(m, ctx, text) -> Result:
    if m["dw"]:
        return "DATE", f"19{_DECADE_WORDS[m['dw'].lower()]}"
    if m["c"]:
        return "DATE", f"{m['c']}{m['d']}"
    century = "19" if not ctx.anchor or int(m["d2"]) > ctx.anchor.year % 100 // 10 else f"{ctx.anchor.year // 100:02d}"
    return "DATE", f"{century}{m['d2']}"


def _century(m, ctx, text) -> Result:
    if m["crel"]:
        rel = _rel_word(m["crel"])
        if m["crel"].lower().startswith("the") and rel in ("past", "last", "next"):
            return "DURATION", "P100Y"
        return "DATE", cal.century_value(ctx.anchor, _rel_offset(rel) or 0)
    o = m["ord"].lower()
    n = int(re.match(r"\d+", o).group(0)) if o[0].isdigit() else _ORDINALS.get(_norm(o).replace("-", " "), 0)
    return ("DATE", f"{n - 1:02d}") if 1 <= n <= 21 else None


_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def _year_of(phrase: str | None, ctx: Context) -> int | None:
    """'1990', "last year's", 'this year', 'fiscal 1990', 'year-ago' -> a year (None without anchor)."""
    if not phrase:
        return None
    t = _norm(phrase)
    y = re.search(r"\d{4}", t)
    if y:
        return int(y.group(0))
    if ctx.anchor is None:
        return None
    if "last" in t or "ago" in t or "earlier" in t or "previous" in t or "prior" in t:
        return ctx.anchor.year - 1
    if "next" in t:
        return ctx.anchor.year + 1
    return ctx.anchor.year


def _quarter(m, ctx, text) -> Result:
    q = _QUARTERS[m["ord"].lower()]
    if m["plural"]:
        return "SET", f"XXXX-Q{q}"
    phrase = m["yr2"] or m["yr"]
    year = _year_of(phrase, ctx)
    if year is None and phrase and not re.search(r"this|current|fiscal|latest|same|comparable", phrase, re.I):
        return "DATE", f"XXXX-Q{q}"
    if year is None:
        if ctx.anchor is None:
            return "DATE", f"XXXX-Q{q}"
        year = ctx.anchor.year
        current = (ctx.anchor.month - 1) // 3 + 1
        if q > current and ctx.tense(m.start(), m.end()) != "future":
            year -= 1  # a quarter still ahead, told in the past: last year's
    return "DATE", f"{year:04d}-Q{q}"


def _half(m, ctx, text) -> Result:
    h = 1 if m["which"].lower() in ("first", "front") else 2
    year = _year_of(m["yr"], ctx) if m["yr"] else (ctx.anchor.year if ctx.anchor else None)
    return "DATE", f"{year:04d}-H{h}" if year else f"XXXX-H{h}"


def _season(m, ctx, text) -> Result:
    code = cal.SEASONS[m["s"].lower()]
    rel = _rel_word(m["rel"] or "")
    if m["y"]:
        return "DATE", f"{int(m['y']):04d}-{code}"
    if m["yw"]:
        year = _year_from_words(m["yw"])
        return ("DATE", f"{year:04d}-{code}") if year else None
    if not rel:
        before = text[max(0, m.start() - 12): m.start()]
        if not re.search(r"\b(?:in|during|since|until|by|through|over|before|after|this|next|last)\s+$", before, re.I):
            return None
        if re.match(r"\s+of\b", text[m.end(): m.end() + 4]):
            return None
    if ctx.anchor is None:
        return "DATE", f"XXXX-{code}"
    offset = {"last": -1, "next": 1}.get(rel, 0)
    if rel in ("the", "") and ctx.tense(m.start(), m.end()) == "future":
        offset = 0
    return "DATE", f"{ctx.anchor.year + offset:04d}-{code}"


def _titled(word: str) -> bool:
    """'Week', 'Minutes': a common time word capitalized, which prose does only in a title or name."""
    return word[:1].isupper() and not word.isupper()


def _relative(m, ctx, text) -> Result:
    rel = _rel_word(m["rel"])
    the = m["rel"].lower().startswith("the")
    what = _norm(m["what"])
    if rel == "same":
        return None
    if _titled(m["what"]) and not re.fullmatch(WEEKDAY, what) and not re.fullmatch(MONTH, m["what"]):
        return None  # ABC's 'This Week': a title
    offset = _rel_offset(rel)
    if offset is None:
        return None
    anchor = ctx.anchor
    if what == "week":
        return "DATE", cal.week_value(anchor, offset)
    if what == "weekend":
        return "DATE", cal.week_value(anchor, offset) + "-WE"
    if what == "month":
        return "DATE", cal.month_value(anchor, offset)
    if what in ("year", "fiscal year"):
        return "DATE", cal.year_value(anchor, offset)
    if what == "quarter":
        if rel == "latest":
            return "DATE", cal.quarter_value(anchor, -1)
        return "DATE", cal.quarter_value(anchor, offset)
    if what == "decade":
        if the and rel in ("past", "last", "next", "coming"):
            return "DURATION", "P10Y"
        return "DATE", cal.decade_value(anchor, offset)
    if what == "century":
        if the and rel in ("past", "last", "next", "coming"):
            return "DURATION", "P100Y"
        return "DATE", cal.century_value(anchor, offset)
    if what in cal.WEEKDAYS:
        wd = cal.WEEKDAYS[what]
        if offset == 0:
            return "DATE", cal.weekday_value(anchor, wd, ctx.tense(m.start(), m.end()) or "past")
        return "DATE", cal.weekday_value(anchor, wd, "past" if offset < 0 else "future", strict=True)
    if what in cal.SEASONS:
        code = cal.SEASONS[what]
        return "DATE", (f"{anchor.year + (offset if rel not in ('this past', 'this coming') else 0):04d}-{code}"
                        if anchor else f"XXXX-{code}")
    month = cal.month_number(m["what"])
    if offset == 0:
        return "DATE", f"{anchor.year:04d}-{month:02d}" if anchor else f"XXXX-{month:02d}"
    return "DATE", cal.month_in_direction(anchor, month, "past" if offset < 0 else "future", strict=True)


def _part_of(m, ctx, text) -> Result:
    unit = _norm(m["u"])
    if unit == "year":
        return "DATE", cal.year_value(ctx.anchor)
    if unit == "month":
        return "DATE", cal.month_value(ctx.anchor)
    if unit == "week":
        return "DATE", cal.week_value(ctx.anchor)
    if unit == "quarter":
        return "DATE", cal.quarter_value(ctx.anchor)
    if unit == "decade":
        return "DATE", cal.decade_value(ctx.anchor)
    return "DATE", cal.century_value(ctx.anchor)


def _day_word(m, ctx, text) -> Result:
    t = _norm(m[0])
    if t.startswith("the day before"):
        return "DATE", cal.day_value(ctx.anchor, -2)
    if t.startswith("the day after"):
        return "DATE", cal.day_value(ctx.anchor, 2)
    return "DATE", _day_of(ctx, t, m.start(), m.end())


_NAME_WORD_BEFORE = re.compile(r"(?<![\w.,;:'’\"])(?-i:[A-Z][a-z]+)\s+$")
_NAME_WORD_AFTER = re.compile(r"\s+(?-i:[A-Z][a-z]+)\b")
_NOT_NAME_WORDS = frozenset({"last", "next", "this", "that", "on", "by", "until", "till", "since", "early", "late",
                             "every", "each", "from", "before", "after", "through", "and", "or", "but", "said",
                             "says", "say", "the", "a", "an"})


def _inside_name(text: str, start: int, end: int) -> bool:
    """A weekday between two capitalised words is part of a name: 'the Good Friday Agreement',
    'the Bloody Sunday Inquiry' (not 'Last Friday Smith said': a time word before it is no name)."""
    before = _NAME_WORD_BEFORE.search(text, max(0, start - 30), start)
    after = _NAME_WORD_AFTER.match(text, end)
    if not before or not after:
        return False
    words = (before.group().strip().lower(), after.group().strip().lower())
    return not any(w in _NOT_NAME_WORDS or w in cal.WEEKDAYS or re.fullmatch(MONTH, w, re.I) for w in words)


def _weekday(m, ctx, text) -> Result:
    wd = cal.WEEKDAYS[m["wd"].lower()]
    if not m["plural"] and _inside_name(text, m.start("wd"), m.end("wd")):
        return None
    if m["plural"]:
        return "SET", f"XXXX-WXX-{wd}"
    tense = "past" if text[m.end(): m.end() + 2] in ("'s", "’s") else _tense_at(ctx, text, m.start(), m.end())
    return "DATE", cal.weekday_value(ctx.anchor, wd, tense or "past")


def _shifted(amount: float | None, unit: str, post: str, ctx: Context) -> Result:
    """'3 years ago', 'a decade earlier', 'two weeks from now': the anchor moved by the duration."""
    if amount is None:
        return "DATE", "PAST_REF" if post in ("ago", "earlier", "before") else "FUTURE_REF"
    sign = -1 if post in ("ago", "earlier", "before") else 1
    unit = _unit_name(unit)
    if unit in ("hour", "minute", "second"):
        return "TIME", cal.day_value(ctx.anchor)
    if unit == "fortnight":
        unit, amount = "week", amount * 2
    return "DATE", cal.shift_value(ctx.anchor, unit, sign * amount)


_RATE_BEFORE = re.compile(
    r"(?:\d|%|\b(?:million|billion|trillion|percent|times|hours|seats|flights|units|cents|dollars|shares|miles|kilometres"
    r"|kilometers|km|metres|meters|feet|knots|tonnes|tons|barrels|litres|liters|gallons))\)?\s+$", re.I)


def _duration(m, ctx, text) -> Result:
    raw = _norm(m["num"])
    unit = _unit_name(m["unit"])
    if unit == "second" and raw in ("a", "an"):
        return None  # 'a second term'
    if unit == "quarter" and raw in ("a", "an", "some", "many") and re.match(r"\s+of\b", text[m.end(): m.end() + 4]):
        return None  # 'a quarter of the shares'
    if raw in ("some", "many") and not m["rel"] and unit in ("second", "minute", "hour", "quarter"):
        return None
    if raw in ("a", "an") and not m["post"] and _RATE_BEFORE.search(text[max(0, m.start() - 20): m.start()]):
        return None  # '$2 million a year', 'four flights a week': a rate, not a time
    if _titled(m["unit"]):
        return None  # '60 Minutes', a title: prose capitalizes the number at most
    if re.fullmatch(YEAR, raw):
        return None  # 'the 1988 quarter'
    amount = number_value(raw)
    if amount is None and raw not in VAGUE and not raw.startswith("dozen"):
        return None
    post = _norm(m["post"] or "")
    if post:
        got = _shifted(amount, unit, post.split()[0], ctx)
        if got and amount == 1 and unit == "year" and post in ("ago", "earlier"):
            return got[0], got[1], "year_before"
        return got
    return "DURATION", duration_value(amount, unit)


def _fraction(m, ctx, text) -> Result:
    unit = m["unit"] or m["unit2"] or m["unit3"]
    if m["frac"]:
        amount = fraction_value(m["frac"])
    elif m["unit2"]:
        amount = 1.5
    else:
        amount = 0.5 if "half" in m[0].lower() else 0.25
    if amount is None:
        return None
    post = _norm(m["post"] or "")
    if post:
        return _shifted(amount, unit, post.split()[0], ctx)
    return "DURATION", duration_value(amount, unit)


def _hyphen_duration(m, ctx, text) -> Result:
    if m["old"]:
        return None  # '6-year-old': an age, which TimeML does not mark
    n = m["num"]
    amount = int(n) if n.isdigit() else word_value(n)
    if amount is None:
        return None
    return "DURATION", duration_value(amount, m["unit"])


def _long_adj(m, ctx, text) -> Result:
    """Compound adjectives of length: 'day-long', 'weeklong' (one unit); 'decades-long', 'several-year',
    'multiyear' (an unknown number of units)."""
    if m["one"]:
        return "DURATION", duration_value(1, m["one"])
    return "DURATION", duration_value(None, m["many"] or m["many2"])


def _vague_plural(m, ctx, text) -> Result:
    if re.match(r"(?:recent|past)\s+years", m[0], re.I):
        return "DATE", "PAST_REF"  # TimeBank: 'in recent years' is a vague past, not a length
    return "DURATION", duration_value(None, m["unit"])


_REF_VALUES = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "presently": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at present": "PRESENT_REF",
    "recently": "PAST_REF", "more recently": "PAST_REF", "most recently": "PAST_REF", "lately": "PAST_REF",
    "recent": "PAST_REF", "formerly": "PAST_REF", "the past": "PAST_REF", "in the past": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "the foreseeable future": "FUTURE_REF",
    "the distant future": "FUTURE_REF", "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
    "soon": "FUTURE_REF", "as soon as possible": "FUTURE_REF", "a later date": "FUTURE_REF",
    "a later time": "FUTURE_REF", "a later stage": "FUTURE_REF", "some later date": "FUTURE_REF",
    "some later time": "FUTURE_REF", "some later stage": "FUTURE_REF",
}


def _ref(m, ctx, text) -> Result:
    return "DATE", _REF_VALUES[_norm(m[0])]


# 'annual' is left out: TimeBank does not mark the adjective ('annual sales', 'the annual parade').
_SET_WORDS = {
    "annually": "P1Y", "yearly": "P1Y", "daily": "P1D", "nightly": "P1D", "weekly": "P1W",
    "monthly": "P1M", "hourly": "PT1H", "biweekly": "P2W", "bimonthly": "P2M", "semiannual": "P6M",
    "semiannually": "P6M", "biannual": "P6M", "biannually": "P6M",
}


def _set_word(m, ctx, text) -> Result:
    if m[0][0].isupper() and not re.search(r"(?:^|[.!?:\"'`“‘]\s*)$", text[max(0, m.start() - 3): m.start()]):
        return None  # 'the China Daily', 'Guangzhou Daily': a title inside a sentence
    return "SET", _SET_WORDS[m[0].lower()]


def _every(m, ctx, text) -> Result:
    what = _norm(m["what"])
    if what in cal.WEEKDAYS:
        return "SET", f"XXXX-WXX-{cal.WEEKDAYS[what]}"
    if what in cal.SEASONS:
        return "SET", f"XXXX-{cal.SEASONS[what]}"
    if re.fullmatch(MONTH, m["what"]):
        return "SET", f"XXXX-{cal.month_number(m['what']):02d}"
    amount = 2 if m["num"] and _norm(m["num"]) == "other" else (number_value(m["num"]) if m["num"] else 1)
    if amount is None:
        return None
    return "SET", duration_value(amount, what)


def _times_per(m, ctx, text) -> Result:
    return "SET", duration_value(1, m["unit"])


_HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
             "new year's day": (1, 1), "new year's eve": (12, 31), "valentine's day": (2, 14),
             "halloween": (10, 31)}


# Movable feasts: the day in a given year, and the month when the year is unknown.
_MOVABLE = {
    "thanksgiving": (cal.thanksgiving, 11), "thanksgiving day": (cal.thanksgiving, 11),
    "easter": (cal.easter, None), "easter sunday": (cal.easter, None),
    "easter monday": (lambda y: cal.easter(y) + timedelta(days=1), None),
    "good friday": (lambda y: cal.easter(y) - timedelta(days=2), None),
    "easter week": (cal.easter, None), "election day": (cal.us_election_day, 11),
}


def _holiday_on(name: str, year: int) -> date:
    if name in _MOVABLE:
        return _MOVABLE[name][0](year)
    return date(year, *_HOLIDAYS[name])


_BEFORE_A_FEAST = {"Orthodox", "Catholic", "Western", "Eastern", "Happy", "Last", "This", "Next", "Since", "Until", "By",
                   "At", "Over", "During", "On", "Before", "After", "Around", "Till", "From", "Through", "And"}


def _holiday(m, ctx, text) -> Result:
    name = _norm(text[m.start("name"): m.end("name")]).replace("’", "'")
    if name == "easter":  # 'Jermaine Easter's goal': a surname
        word = re.search(r"\b([A-Z][a-z]+)\s+$", text[max(0, m.start() - 20): m.start()])
        if (word and word.group(1) not in _BEFORE_A_FEAST) or text[m.end(): m.end() + 2] in ("'s", "’s"):
            return None
    week = name.endswith(" week")  # 'Easter week': the ISO week of the feast
    show = (lambda d: "%04d-W%02d" % d.isocalendar()[:2]) if week else date.isoformat
    if m["y"]:
        return "DATE", show(_holiday_on(name, int(m["y"])))
    anchor = ctx.anchor
    rel = _rel_offset(m["rel"]) if m["rel"] else None
    if not anchor:
        if name in _MOVABLE:
            month = _MOVABLE[name][1]
            return "DATE", "XXXX-WXX" if week else f"XXXX-{month:02d}-XX" if month else "XXXX-XX-XX"
        return "DATE", "XXXX-%02d-%02d" % _HOLIDAYS[name]
    options = [_holiday_on(name, y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if week:  # a week has begun by its Monday
        options = [d - timedelta(days=d.isoweekday() - 1) for d in options]
    if rel == -1:  # 'last Christmas': the latest one before the article date
        return "DATE", show(max(d for d in options if d < anchor))
    if rel == 1:
        return "DATE", show(min(d for d in options if d > anchor))
    if rel == 0:
        return "DATE", show(options[1])
    tense = ctx.tense(m.start(), m.end())
    if tense == "past":
        return "DATE", show(max(d for d in options if d <= anchor))
    if tense == "future":
        return "DATE", show(min(d for d in options if d >= anchor))
    # no tense: the nearest one ('was found Thanksgiving Day' in a January story is last November's)
    return "DATE", show(min(options, key=lambda d: abs((d - anchor).days)))


def _a_while(m, ctx, text) -> Result:
    """'for a while', 'for some time': a length of no known unit."""
    return "DURATION", "PXX"


def _year_adj(m, ctx, text) -> Result:
    return "DATE", cal.year_value(ctx.anchor, -1), "year_before"


def _ref_quarter(m, ctx, text) -> Result:
    """'the quarter', 'the latest period': the quarter under discussion, else the last one completed."""
    return "DATE", cal.quarter_value(ctx.anchor, -1) if ctx.anchor else "XXXX-QX", "ref_quarter"


def _year_ago_quarter(m, ctx, text) -> Result:
    """'the year-ago quarter', 'the year-earlier period': the quarter under discussion, a year back."""
    return "DATE", cal.quarter_value(ctx.anchor, -5) if ctx.anchor else "XXXX-QX", "year_before_quarter"


def _ref_year(m, ctx, text) -> Result:
    """'that year', 'the following year': a year counted from the last one the story named."""
    t = _norm(m[0])
    offset = 1 if ("following" in t or "next" in t or "after" in t) else -1 if ("previous" in t or "before" in t or "prior" in t) else 0
    return "DATE", cal.year_value(ctx.anchor, offset), f"ref_year{offset:+d}"


_PARTS_ONLY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def _ref_unit(m, ctx, text) -> Result:
    """'that day', 'the next morning', 'later that night', 'the same month': a day, week or month counted
    from the last one the story named (see _follow_discourse); without one, from the article date."""
    t = _norm(m[0])
    unit = _norm(m["u"] or m["u2"] or m["u3"] or m["u5"])
    offset = 1 if re.search(r"\b(?:next|following|after)\b", t) else -1 if re.search(
        r"\b(?:previous|preceding|prior|before)\b", t) else 0
    if unit == "week":
        return "DATE", cal.week_value(ctx.anchor, offset), f"ref_week{offset:+d}"
    if unit == "month":
        return "DATE", cal.month_value(ctx.anchor, offset), f"ref_month{offset:+d}"
    part = _PARTS_ONLY.get(unit)
    value = cal.day_value(ctx.anchor, offset)
    if part:
        return "TIME", f"{value}T{part}", f"ref_day{offset:+d}"
    return "DATE", value, f"ref_day{offset:+d}"


def _year_period(m, ctx, text) -> Result:
    """'the 1988 quarter', 'the 1988 period': the quarter under discussion, in that year; else the year."""
    return "DATE", m["y"], f"year_period{m['y']}"


def _the_year(m, ctx, text) -> Result:
    """'for the year' is this year; 'the year ended June 30' is a twelve-month span."""
    if re.match(r"\s+(?:ended|ending|to\s+date|through)\b", text[m.end(): m.end() + 12]):
        return "DURATION", "P1Y"
    return "DATE", cal.year_value(ctx.anchor)


def _weekend(m, ctx, text) -> Result:
    """'the weekend': the one just past in past tense (this week's if the story is dated on it)."""
    if ctx.anchor is None:
        return "DATE", "XXXX-WXX-WE"
    tense = _tense_at(ctx, text, m.start(), m.end())
    offset = 0 if tense == "future" or ctx.anchor.isoweekday() >= 6 else -1
    return "DATE", cal.week_value(ctx.anchor, offset) + "-WE"


def _year_2000s(m, ctx, text) -> Result:
    n = word_value(m["n"]) if m["n"] else 0
    return ("DATE", f"{2000 + n:04d}") if n is not None else None


def _year_end(m, ctx, text) -> Result:
    rel = _norm(m["rel"] or "")
    return "DATE", cal.year_value(ctx.anchor, {"last": -1, "next": 1}.get(rel, 0))


# ---------------------------------------------------------------- the rules

Handler = Callable[[re.Match, Context, str], Result]
_I = re.I


def _rule(pattern: str, handler: Handler, flags: int = _I, *, trigger: str) -> tuple[re.Pattern, Handler, re.Pattern]:
    """A rule and its trigger: a cheap regex that every match of the rule contains. Rules only run
    near their triggers; an article has few time words, and scanning all of it with every rule would
    cost more than the rest of the stage."""
    return re.compile(pattern, flags), handler, re.compile(trigger, re.I)


def _lowered(trigger: re.Pattern) -> re.Pattern | None:
    """The trigger as a case-sensitive regex for lowercased text, when that finds exactly the same
    matches (its letters are all lowercase and nothing in it turns case-insensitivity off).
    Case-insensitive scans are about three times slower in Python's re; see _TriggerScan."""
    if "(?-i" in trigger.pattern or any(c.isupper() for c in trigger.pattern):
        return None
    return re.compile(trigger.pattern)


_UNITS_RE = r"\b(?:" + UNIT + r")\b"
# Nouns that are themselves a stretch of time: 'a three-year period' is one expression, 'a two-year plan' is not.
_SPAN_NOUNS = r"(?:period|span|stretch|term|spell|interval|window|timeframe|time\s+frame)\b"

RULES: list[tuple[re.Pattern, Handler, re.Pattern]] = [
    _rule(r"\b(?:(?:later|earlier)\s+)?that\s+year\b|\bthe\s+(?:following|previous|prior)\s+year\b"
          r"|\bthe\s+year\s+(?:before|after)\b", _ref_year, trigger=r"\byear\b"),
    _rule(r"\b(?:(?:later|earlier)\s+)?(?:that|the\s+same)\s+(?:same\s+)?(?P<u>day|morning|afternoon|evening|night|week"
          r"|month)\b(?!-|\s+(?:of|in|a\s+year|last|the\s+previous)\b)"
          r"|\bthe\s+(?:next|following|previous|preceding|prior)\s+(?P<u2>day|morning|afternoon|evening|night)\b(?!-)"
          r"|\bthe\s+(?P<u3>day|night)\s+(?:before|after)\b(?=\s*[,.;:!?)]|\s+(?:at|on|in|when|as|and|but)\b)"
          r"|\bthe\s+following\s+(?P<u5>week|month)\b(?!-)",
          _ref_unit, trigger=r"\b(?:that|same|next|following|previous|preceding|prior)\s+(?:day|morning|afternoon|evening|night"
          r"|week|month)\b|\bthe\s+(?:day|night)\s+(?:before|after)\b"),
    _rule(r"\b(?P<y>[12]\d{3})-(?P<mo>[01]\d)-(?P<d>[0-3]\d)\b", _iso, trigger=r"\d{4}-\d"),
    _rule(
        r"\b(?:(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.m\.?|[ap]m\b)(?:\s+" + TZ + r")?"
        r"|(?P<noon>noon|midnight|midday))(?:,?\s+(?:on\s+)?(?P<day>" + DAYREF + r"))?",
        _clock,
        trigger=r"[ap]\.?m\b|noon|midnight|midday",
    ),
    _rule(r"\b(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?P<ap>)\s+" + TZ + r"(?:\s+(?P<day>" + DAYREF + r"))?(?P<noon>(?!))?",
          _clock, trigger=r"\b(?-i:[ECMP][SD]T|GMT|UTC)\b"),
    _rule(r"\b(?P<day>" + WEEKDAY + r"s?|today|yesterday|tomorrow)\s+(?P<part>morning|afternoon|evening|night)(?P<plural>s)?\b",
          _day_part, trigger=r"morning|afternoon|evening|night"),
    _rule(r"\b(?:this\s+(?:morning|afternoon|evening)|tonight|last\s+night)\b", _this_part, trigger=r"morning|afternoon|evening|night"),
    _rule(
        r"(?:\b(?P<wd>" + WEEKDAY + r"),?\s+)?\b(?P<mon>" + MONTH + r")\s*(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b"
        r"(?!\s*(?:%|percent|[-–]\d|:\d|\.\d))(?:,?\s+(?P<y>" + YEAR + r")\b)?",
        _month_day,
        trigger=MONTH,
    ),
    _rule(
        r"(?:\b(?P<wd>" + WEEKDAY + r"),?\s+)?(?:\bthe\s+)?\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>" + MONTH + r")"
        r"(?:,?\s+(?P<y>" + YEAR + r")\b)?",
        _month_day,
        trigger=MONTH,
    ),
    _rule(
        r"\b(?P<mon>" + MONTH + r"),?\s+(?:of\s+)?(?:(?P<y>" + YEAR + r")\b|(?P<yw>" + YEAR_WORDS + r")\b"
        r"|(?P<rel>this|last|next)\s+year\b)",
        _month_year,
        trigger=MONTH,
    ),
    _rule(r"\b(?P<mon>" + MONTH + r")", _month_alone, trigger=MONTH),
    _rule(
        r"(?:\b(?P<pre>fiscal(?:\s+year)?|calendar(?:\s+year)?|the\s+year|FY)\s*)?(?<![\w$£€#.,/])(?<![\d.]-)(?P<y>" + YEAR + r")"
        r"(?![\w%]|,\d|\.\d|\s*(?:percent|per\s+cent)\b|\s*(?-i:GMT|UTC|[ECMP][SD]T|hrs|hours)\b)",
        _year,
        trigger=r"\d{4}",
    ),
    _rule(r"(?:\bthe\s+year\s+)?\b(?P<yw>" + YEAR_WORDS + r")\b", _year_words, trigger=r"nineteen|eighteen"),
    _rule(
        r"(?:\bthe\s+)?(?:\b(?P<c>1[0-9]|20)(?P<d>\d)0'?s\b|'(?P<d2>\d)0'?s\b"
        r"|\bthe\s+(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b)",
        _decade,
        trigger=r"0'?s\b|ties\b",
    ),
    _rule(
        r"(?:\bthe\s+)?\b(?:(?P<ord>\d{1,2}(?:st|nd|rd|th)|" + ORDINAL_WORD + r")|(?P<crel>this|last|next|"
        r"the\s+(?:last|past|previous|next|current|coming)))[- ]century\b",
        _century,
        trigger=r"century",
    ),
    _rule(
        r"(?:\bthe\s+)?(?:(?P<yr>" + YEAR + r"|this\s+year's|last\s+year's|next\s+year's|year-(?:ago|earlier)|fiscal"
        r"|latest|current|same|comparable)\s+)*\b(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
        r"\s+(?:fiscal\s+)?quarter(?P<plural>s)?\b(?:\s+of\s+(?:fiscal\s+)?(?P<yr2>" + YEAR + r"|this\s+year|last\s+year"
        r"|next\s+year|the\s+year))?",
        _quarter,
        trigger=r"quarter",
    ),
    # the adjective 'third-quarter' never takes the article into the span
    _rule(r"\b(?P<ord>first|second|third|fourth)-(?:fiscal-)?quarter(?P<plural>s)?\b(?P<yr>)(?P<yr2>)", _quarter,
          trigger=r"-quarter"),
    _rule(
        r"(?:\bthe\s+)?\b(?P<which>first|second|latter|back|front)\s+half\b(?:\s+of\s+(?P<yr>" + YEAR + r"|this\s+year"
        r"|last\s+year|next\s+year|the\s+year))?",
        _half,
        trigger=r"half",
    ),
    _rule(
        r"(?:\b(?P<rel>last|this|next|this\s+past|the)\s+)?\b(?P<s>" + SEASON + r")\b(?:\s+(?:of\s+)?(?:(?P<y>" + YEAR
        + r")\b|(?P<yw>" + YEAR_WORDS + r")\b))?",
        _season,
        trigger=SEASON,
    ),
    _rule(
        r"\b(?P<rel>this\s+past|this\s+coming|last|this|next|past|previous|coming|current|following"
        r"|the\s+(?:past|last|previous|coming|next|current|following|latest|same|preceding))\s+"
        r"(?P<what>week(?:end)?|month|year|quarter|decade|century|fiscal\s+year|" + WEEKDAY + "|" + MONTH
        + "|" + SEASON + r")\b",
        _relative,
        trigger=r"\b(?:last|this|next|past|previous|coming|current|following|the)\b",
    ),
    _rule(
        r"(?:\bthe\s+)?\b(?:end|beginning|start|middle|rest|remainder|balance|close|turn)\s+of\s+the\s+"
        r"(?P<u>year|month|week|quarter|decade|century)\b(?!-)",
        _part_of,
        trigger=r"\bof\s+the\b",
    ),
    _rule(r"\b(?:earlier|later)\s+in\s+the\s+(?P<u>year|month|week)\b", _part_of, trigger=r"\bin\s+the\b"),
    _rule(r"\b(?:(?P<rel>this|last|next)\s+)?(?:year[- ]end|year's\s+end)\b", _year_end, trigger=r"\bend\b"),
    _rule(r"\bthe\s+day\s+(?:before\s+yesterday|after\s+tomorrow)\b|\b(?:today|yesterday|tomorrow)\b", _day_word, trigger=r"today|yesterday|tomorrow"),
    _rule(r"\b(?P<wd>" + WEEKDAY + r")(?P<plural>s)?\b", _weekday, trigger=WEEKDAY),
    _rule(
        r"(?:\bthe\s+)?\b(?:(?P<rel>past|last|next|first|final|previous|coming|following|latest|remaining|ensuing"
        r"|preceding|initial|same|recent)\s+)?(?P<num>" + NUMBER + r")(?:\s+(?:to|or)\s+" + NUMBER + r")?\s+(?:"
        + DUR_ADJ + r"\s+)?(?P<unit>" + UNIT + r")\b(?!-)(?!\s+old\b)(?:\s+or\s+so\b)?"
        r"(?:\s+(?P<post>ago|earlier|from\s+now))?",
        _duration,
        trigger=_UNITS_RE,
    ),
    _rule(
        r"\b(?:(?P<frac>" + FRACTION + r")\s+(?:of\s+)?(?:a|an)\s+(?P<unit>" + UNIT + r")|(?:a|an)\s+(?P<unit2>" + UNIT
        + r")\s+and\s+a\s+half|a\s+(?:quarter|half)[- ](?P<unit3>century|decade))\b(?:\s+(?P<post>ago|earlier))?",
        _fraction,
        trigger=_UNITS_RE,
    ),
    _rule(
        r"(?:\b(?:a|an|the)\s+(?=\S+\s+" + _SPAN_NOUNS + r"))?"
        r"\b(?P<num>\d+|(?:" + _TENS_WORDS + r")(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four"
        r"|five|six|seven|eight|nine|" + _TEEN_WORDS + r")-(?P<unit>second|minute|hour|day|week|month|quarter|year"
        r"|decade|century)(?P<old>-old)?(?:-long)?\b(?:\s+" + _SPAN_NOUNS + r")?",
        _hyphen_duration,
        trigger=r"-(?:second|minute|hour|day|week|month|quarter|year|decade|century)",
    ),
    _rule(
        r"\b(?:(?P<one>hour|day|week|month|year|decade)-?long|(?P<many>hour|day|week|month|year|decade)s-long"
        r"|(?:several|multi|many)-?(?P<many2>day|week|month|year|decade))\b(?!-)",
        _long_adj,
        trigger=r"long\b|(?:several|multi|many)-?(?:day|week|month|year|decade)\b",
    ),
    _rule(
        r"(?:\bthe\s+)?\b(?:(?:past|last|next|coming|recent|previous|ensuing)\s+)(?P<unit>minutes|hours|days|weeks"
        r"|months|quarters|years|decades|centuries)\b",
        _vague_plural,
        trigger=_UNITS_RE,
    ),
    _rule(r"\b(?:for|over|within|in)\s+(?P<span>(?P<unit>hours|days|weeks|months|years|decades))\b(?!\s+(?:of|to|ago)\b)",
          _vague_plural, trigger=_UNITS_RE),
    _rule(
        r"(?<!then\s)\b(?:now|currently|current(?!ly)|presently|nowadays|these\s+days|at\s+present|more\s+recently"
        r"|most\s+recently|recently|lately|recent|formerly|the\s+past|the\s+(?:near|foreseeable|distant)\s+future"
        r"|the\s+future|the\s+(?:near|short)\s+term|(?<!as\s)soon(?!\s+(?:as|after|afterwards?)\b)"
        r"|as\s+soon\s+as\s+possible|(?:a|some)\s+later\s+(?:date|time|stage))\b",
        _ref,
        trigger=r"now|current|present|recent|lately|formerly|past|future|term|soon|days|later\s+(?:date|time|stage)",
    ),
    _rule(r"\b(?:annually|yearly|daily|nightly|weekly|monthly|hourly|biweekly|bimonthly|semiannual(?:ly)?"
          r"|biannual(?:ly)?)\b", _set_word, trigger=r"annual|yearly|daily|nightly|weekly|monthly|hourly|\bbi|\bsemi"),
    _rule(
        r"\b(?:every|each)\s+(?:(?P<num>other|" + NUMBER + r")\s+)?(?P<what>" + UNIT + "|" + WEEKDAY + "|" + MONTH
        + "|" + SEASON + r")\b",
        _every,
        trigger=r"every|each",
    ),
    _rule(r"\b(?:once|twice|thrice|(?:" + NUMBER + r")\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>"
          r"day|week|month|year|hour|minute)\b", _times_per, trigger=r"once|twice|thrice|times"),
    _rule(r"(?:\b(?P<rel>last|this|next)\s+)?\b(?P<name>(?-i:Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s\s+(?:Day|Eve)|Thanksgiving(?:\s+Day)?"
          r"|Valentine['’]s\s+Day|Halloween|Easter(?:\s+(?:Sunday|Monday|[Ww]eek))?(?!\s+(?:Island|Rising|[Ee]ggs?|Bunny|Offensive|Parade))|Good\s+Friday(?!\s+(?:[Aa]greement|[Aa]ccords?|[Pp]eace|[Dd]eal))|Election\s+Day))\b"
          r"(?:,?\s+(?P<y>" + YEAR + r")\b)?", _holiday,
          trigger=r"(?-i:Christmas|New|Thanksgiving|Valentine|Halloween|Easter|Good|Election)"),
    _rule(r"\byear-(?:ago|earlier)\b(?!\s+(?:quarter|period|nine|six|three|first|second|third|fourth|month))", _year_adj, trigger=r"year-"),
    _rule(r"\b(?:the|that|this)\s+(?:(?:latest|current|most\s+recent|fiscal)\s+)?(?:quarter|period)\b(?!-|\s+(?:of|a\s+year))",
          _ref_quarter, trigger=r"quarter|period"),
    _rule(r"\b(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?year-(?:ago|earlier)\s+(?:quarter|period)\b"
          r"|\bthe\s+(?:same|comparable|corresponding)\s+(?:quarter|period)\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year)\b"
          r"|\bthe\s+quarter\s+a\s+year\s+(?:ago|earlier)\b", _year_ago_quarter, trigger=r"quarter|period"),
    _rule(r"\bthe\s+(?:same\s+|comparable\s+|corresponding\s+)?(?P<y>" + YEAR + r")\s+(?:fiscal\s+)?(?:quarter|period)\b(?!-)",
          _year_period, trigger=r"quarter|period"),
    _rule(r"\bthe\s+weekend\b", _weekend, trigger=r"weekend"),
    _rule(r"\bthe\s+(?:full\s+|fiscal\s+|calendar\s+|whole\s+)?year\b(?!-|\s+(?:earlier|ago|before|after|of\b|in\b))", _the_year, trigger=r"\byear\b"),
    _rule(r"\bthe\s+(?P<unit>days|weeks|months|years)\s+ahead\b", _vague_plural, trigger=r"\bahead\b"),
    _rule(r"\b(?:for|after|in(?=\s+a\s+(?:little\s+)?while))\s+(?P<span>(?:quite\s+)?(?:a(?:\s+little)?|some)\s+(?:while|time))"
          r"\b(?!\s+(?:of|ago|to\s+come|before|after|since)\b)",
          _a_while, trigger=r"\b(?:a|some)\s+(?:little\s+)?(?:while|time)\b"),
    _rule(r"\bthe\s+year\s+two\s+thousand(?:\s+(?:and\s+)?(?P<n>one|two|three|four|five|six|seven|eight|nine|ten))?\b",
          _year_2000s, trigger=r"thousand"),
]

_REACH = 90  # longer than any expression a rule matches
_LOWERED = {trigger: _lowered(trigger) for _, _, trigger in RULES}
_ASCII_LETTER = re.compile(r"[a-z]", re.I)
_CLASSES = (re.compile(r"\w"), re.compile(r"\d"), re.compile(r"\s"))


@lru_cache(maxsize=4096)
def _folds_plainly(ch: str) -> bool:
    """True when a non-ASCII character lowercases to one character of the same \\w/\\d/\\s class
    and no ASCII letter matches it case-insensitively (as 'K', the Kelvin sign, matches 'k'):
    then a lowercase-ASCII regex sees it the same in the text and in the text lowercased."""
    low = ch.lower()
    return (len(low) == 1 and not low.isascii() and not _ASCII_LETTER.fullmatch(ch)
            and all(bool(c.match(ch)) == bool(c.match(low)) for c in _CLASSES))


class _TriggerScan:
    """The windows of each distinct trigger over one text, scanned once: several rules share a
    trigger, and most triggers scan the lowercased text case-sensitively (same matches, faster)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = text.lower() if text.isascii() or all(
            ch.isascii() or _folds_plainly(ch) for ch in set(text)) else None
        self.done: dict[re.Pattern, list[tuple[int, int]]] = {}

    def windows(self, trigger: re.Pattern) -> list[tuple[int, int]]:
        got = self.done.get(trigger)
        if got is None:
            lowered = _LOWERED.get(trigger)
            if lowered is not None and self.low is not None:
                got = _quick_windows(lowered, self.low)
            else:
                got = _quick_windows(trigger, self.text)
            self.done[trigger] = got
        return got


def _windows(trigger: re.Pattern, text: str) -> list[tuple[int, int]]:
    """The windows around every match of trigger in text (the plain scan _quick_windows equals)."""
    return _merge(trigger.finditer(text), len(text))


def _merge(matches, n: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in matches:
        start, end = max(0, m.start() - _REACH), min(n, m.end() + _REACH)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _without_boundaries(pattern: str) -> str:
    """The pattern with its \\b assertions taken out (outside character classes)."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            if pattern[i + 1:i + 2] == "b" and not in_class:
                i += 2
                continue
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
        elif c == "]" and in_class:
            in_class = False
        out.append(c)
        i += 1
    return "".join(out)


_LITERALS = re.compile(r"(?:\(\?:)?([a-z' -]+(?:\|[a-z' -]+)*)\)?")


def _scan_plan(trigger: re.Pattern) -> tuple[tuple[str, ...] | None, re.Pattern | None]:
    """How _quick_windows may scan for trigger: (words, relaxed).

    words: for a case-sensitive alternation of plain words ("today|yesterday|tomorrow"), the words;
    when none is in the text, nor is any match. relaxed: for a trigger that starts with \\b, the
    trigger without its \\b assertions. It matches wherever the trigger does (dropping an assertion
    only widens a regex), and Python's re searches it by its first characters, where a leading \\b
    makes it try every position; each place it matches is then checked with the trigger itself."""
    words = None
    m = _LITERALS.fullmatch(trigger.pattern)
    if m is not None and not trigger.flags & re.IGNORECASE and trigger.pattern.count("(") == trigger.pattern.count(")"):
        words = tuple(m.group(1).split("|"))
    relaxed = None
    # (not under a negative lookaround, where dropping \b would narrow the regex instead)
    if (trigger.pattern.startswith("\\b") or "|\\b" in trigger.pattern) and "(?!" not in trigger.pattern \
            and "(?<!" not in trigger.pattern:
        relaxed = re.compile(_without_boundaries(trigger.pattern), trigger.flags)
    return words, relaxed


def _quick_windows(trigger: re.Pattern, text: str) -> list[tuple[int, int]]:
    """_windows(trigger, text), the same spans found faster: see _scan_plan."""
    plan = _PLANS.get(trigger)
    if plan is None:
        plan = _PLANS[trigger] = _scan_plan(trigger)
    words, relaxed = plan
    if words is not None and not any(w in text for w in words):
        return []
    if relaxed is None:
        return _windows(trigger, text)
    found = []
    pos, n = 0, len(text)
    while pos <= n:
        m = relaxed.search(text, pos)
        if m is None:
            break
        s = m.start()
        real = trigger.match(text, s)  # the trigger cannot match before s, where its relaxation does not
        if real is None:
            pos = s + 1
        elif real.end() == s:
            return _windows(trigger, text)  # an empty match: leave finditer's rules for those to finditer
        else:
            found.append(real)
            pos = real.end()
    return _merge(found, n)


_PLANS: dict[re.Pattern, tuple[tuple[str, ...] | None, re.Pattern | None]] = {}


def _matches(pattern: re.Pattern, windows: list[tuple[int, int]], text: str):
    last_end = -1
    for ws, we in windows:
        for m in pattern.finditer(text, ws, we):
            if m.start() >= last_end:
                last_end = m.end()
                yield m


# Modifiers TimeML keeps inside the span: of dates and times ('early 2020', 'the end of March'),
# of amounts ('nearly thirty years', 'more than three decades ago').
_DATE_MODS = re.compile(
    r"(?:\b(?:early|late|mid|earlier|later|around|sometime|the\s+(?:beginning|start|end"
    r"|middle|close|rest|remainder|balance|turn)\s+of|the\s+(?:early|late)\s+part\s+of|the\s+(?:early|late|mid))\s*"
    r"|\b(?:mid|late|early)-)$",
    re.I,
)
_AMOUNT_MODS = re.compile(
    r"\b(?:nearly|almost|approximately|roughly|around|some|over|more\s+than|less\s+than|fewer\s+than"
    r"|at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|not\s+more\s+than|just\s+over"
    r"|well\s+over|under|the)\s+$",
    re.I,
)


_SHIFTED = re.compile(r"(?:ago|earlier|from\s+now)$", re.I)
# A bare weekday ('Friday', 'Friday morning') keeps 'early', 'late', 'earlier', 'later' and 'around'
# out of its span: TimeBank writes 'Late [Monday]', 'Earlier [Friday]', 'early [Friday morning]'.
_WEEKDAY_START = re.compile(WEEKDAY + r"\b", re.I)
_WEEKDAY_OUTSIDE = re.compile(r"\b(?:early|late|earlier|later|around)\s+$", re.I)


def _widen(text: str, start: int, end: int, kind: str) -> int:
    """Move `start` left over modifiers that belong to the expression."""
    amount = kind == "DURATION" or bool(_SHIFTED.search(text[start:end]))
    for _ in range(3):
        before = text[max(0, start - 40): start]
        m = _DATE_MODS.search(before) if kind in ("DATE", "TIME") else None
        if m is not None and _WEEKDAY_START.match(text, start) and _WEEKDAY_OUTSIDE.search(before):
            break
        if m is None and amount and not re.match(r"the\s|\S+-|an?\s+\S+-", text[start:end], re.I):
            m = _AMOUNT_MODS.search(before)
        if not m or m.start() == len(before):
            break
        start -= len(before) - m.start()
    return start


def find_times(text: str, ctx: Context) -> list[Found]:
    """Every time expression in `text`, non-overlapping (longest wins), sorted by start."""
    candidates: list[Found] = []
    scan = _TriggerScan(text)
    for pattern, handler, trigger in RULES:
        for m in _matches(pattern, scan.windows(trigger), text):
            if m.end() == m.start():
                continue
            try:
                got = handler(m, ctx, text)
            except (ValueError, OverflowError):
                continue  # "10000000 days ago": no calendar day to give; the rest of the article goes on
            if not got:
                continue
            kind, value, *role = got
            if value is None:
                continue
            s, e = m.span("span") if "span" in pattern.groupindex else m.span()
            start = _widen(text, s, e, kind)
            candidates.append(Found(start, e, kind, value, role[0] if role else ""))
    candidates.sort(key=lambda f: (-(f.end - f.start), f.start))
    # the spans taken so far are disjoint, so sorted by start they are sorted by end too: a candidate
    # overlaps one of them only if it overlaps the last one starting before it ends (a bisection,
    # not a pass over every span taken: long articles have thousands)
    taken: list[Found] = []
    starts: list[int] = []
    for f in candidates:
        i = bisect_left(starts, f.end)
        if i == 0 or taken[i - 1].end <= f.start:
            taken.insert(i, f)
            starts.insert(i, f.start)
    return _follow_discourse(taken, text)


_QUARTER_VALUE = re.compile(r"(\d{4})-Q(\d)")
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_MONTH_VALUE = re.compile(r"\d{4}-\d\d(?=-\d\d|$)")
def _shift_day(value: str, offset: int) -> str | None:
    """The day `offset` days from `value`, or None when there is none to give (a day out of range)."""
    try:
        return (date.fromisoformat(value) + timedelta(days=offset)).isoformat()
    except (ValueError, OverflowError):
        return None


def _shift_month(value: str, offset: int) -> str:
    y, m = divmod(int(value[:4]) * 12 + int(value[5:7]) - 1 + offset, 12)
    return f"{y:04d}-{m + 1:02d}"


# What may stand between a clock time and the day it belongs to: 'at 10:35 a.m. (0735 GMT) Friday',
# '10:00 am in Moscow (0700 GMT) on Monday'; and between a day and its clock time: "Thursday's 5 p.m.",
# 'Friday at noon'. A day further off is often another one ('from Monday', "compared with Thursday's").
_CLOCK_THEN_DAY = re.compile(r"\s*(?:in\s+(?-i:[A-Z][\w.]*)(?:\s+(?-i:[A-Z][\w.]*))*\s*)?(?:\([^()]{0,40}\)\s*)?,?\s*(?:on\s+)?",
                             re.I)
_DAY_THEN_CLOCK = re.compile(r"(?:['’]s|,)?\s+(?:at\s+|from\s+|by\s+)?", re.I)


def _clock_day(found: list[Found], i: int, text: str) -> str | None:
    """The day written next to a bare clock time, or None."""
    f = found[i]
    after = found[i + 1] if i + 1 < len(found) else None
    if after is not None and _DAY_VALUE.match(after.value) and after.role != "clock" \
            and _CLOCK_THEN_DAY.fullmatch(text, f.end, after.start):
        return after.value[:10]
    before = found[i - 1] if i > 0 else None
    if before is not None and _DAY_VALUE.match(before.value) and before.role != "clock" \
            and _DAY_THEN_CLOCK.fullmatch(text, before.end, f.start):
        return before.value[:10]
    return None


def _follow_discourse(found: list[Found], text: str = "") -> list[Found]:
    """Resolve expressions that lean on what the story is talking about rather than on its date:
    'the quarter', 'the latest period' (the quarter last named), 'a year earlier', 'the year-ago
    quarter' (that quarter, a year back), 'that year', 'the following year' (the year last named),
    'that day', 'the next morning', 'that month' (the day or month last named), and a clock time
    without a day of its own (the day written next to it: '3 p.m. (1900 GMT) Friday'). Without such a
    referent they keep the values their rules gave from the article date."""
    out, ref, ref_year, ref_day, ref_month = [], None, None, None, None
    for i, f in enumerate(found):
        value = f.value
        if f.role.startswith("ref_year") and ref_year:
            value = f"{ref_year + int(f.role[8:]):04d}"
        elif f.role.startswith("ref_day") and ref_day:
            day = _shift_day(ref_day, int(f.role[7:]))
            if day:
                value = day + value[10:]  # keeps a part of day ('T' 'NI')
        elif f.role.startswith("ref_month") and ref_month:
            value = _shift_month(ref_month, int(f.role[9:]))
        elif f.role.startswith("ref_week") and ref_day:
            day = _shift_day(ref_day, 7 * int(f.role[8:]))
            if day:
                y, w, _ = date.fromisoformat(day).isocalendar()
                value = f"{y:04d}-W{w:02d}"
        elif f.role == "clock" and text:
            day = _clock_day(found, i, text)
            if day:
                value = day + value[10:]
        elif f.role.startswith("year_period") and ref:
            value = f"{f.role[11:]}-Q{ref[-1]}"
        elif f.role == "ref_quarter" and ref:
            value = ref
        elif f.role == "year_before" and ref:
            m = _QUARTER_VALUE.fullmatch(ref)
            value = f"{int(m.group(1)) - 1:04d}-Q{m.group(2)}"
        elif f.role == "year_before_quarter":
            m = _QUARTER_VALUE.fullmatch(ref or "")
            if m:
                value = f"{int(m.group(1)) - 1:04d}-Q{m.group(2)}"
        if f.role not in ("year_before", "year_before_quarter") and not f.role.startswith("year_period") \
                and _QUARTER_VALUE.fullmatch(value):
            ref = value
        if f.type == "DATE" and not f.role.startswith("ref_year") and re.match(r"\d{4}(?:-|$)", value):
            ref_year = int(value[:4])
        if f.role != "clock" and _DAY_VALUE.match(value):
            ref_day = value[:10]
        if _MONTH_VALUE.match(value):
            ref_month = value[:7]
        out.append(f if value == f.value else Found(f.start, f.end, f.type, value, f.role))
    return out
