"""Number grammar: turns the ways news writes numbers into values, with character offsets.

Digits with separators ("1,234,567", "12,34,567.89", "1 234 567"), decimals, scale suffixes
("1.5m", "10k", "$2bn"), number words ("three million two hundred and six"), fractions ("two-thirds",
"a half", "3/4", "one in three"), dozens, "point" decimals and ordinals ("75th", "twenty-first").
The text is cut into lexemes once (one regex pass); `find_numbers` then parses number phrases over
them. Deciding what a number *is* (money, percent, a date part) is the quantities component's job.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "zero": 0, "nought": 0, "naught": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9,
}
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "lakh": 1e5, "lakhs": 1e5,
    "crore": 1e7, "crores": 1e7,
}
PLURAL_SCALES = {"hundreds": 100.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9, "trillions": 1e12}
# Abbreviated scales that only follow digits ("10k", "2.5 bn", "$3m"); lowercase "m" needs context.
SUFFIX_SCALES = {
    "k": 1e3, "K": 1e3, "thousand": 1e3, "M": 1e6, "MM": 1e6, "mm": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6,
    "mio": 1e6, "B": 1e9, "b": 1e9, "bn": 1e9, "bln": 1e9, "G": 1e9, "T": 1e12, "tn": 1e12, "tln": 1e12,
    "trn": 1e12, "tr": 1e12,
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "nineth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "eightieth": 80, "ninetieth": 90,
}
SCALE_ORDINALS = {
    "hundredth": 100.0, "thousandth": 1e3, "millionth": 1e6, "billionth": 1e9, "trillionth": 1e12,
}
# Fraction denominators: plural ordinals, plus half/quarter. "firsts"/"seconds" only inside compounds.
DENOMINATORS = {w + "s": v for w, v in {**ORDINALS, **SCALE_ORDINALS}.items() if w not in ("first", "second")}
DENOMINATORS.update({"halves": 2, "half": 2, "quarters": 4, "quarter": 4})
DOZENS = {"dozen", "dozens", "doz", "dozs", "dz", "dzs"}
DIGIT_ORDINAL_SUFFIXES = {"st", "nd", "rd", "th"}
UNICODE_FRACTIONS = {
    "½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅖": 0.4, "⅗": 0.6, "⅘": 0.8,
    "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 0.125, "⅜": 0.375, "⅝": 0.625, "⅞": 0.875,
}
NEGATORS = {"minus", "negative"}
NUMBER_WORDS = frozenset(
    set(UNITS) | set(TEENS) | set(TENS) | set(SCALES) | set(ORDINALS) | set(SCALE_ORDINALS)
    | set(DENOMINATORS) | DOZENS | {"hundred", "a", "an", "half"} | NEGATORS
)

# Words before a bare "hundred thousand" that make it a vague count ("a few hundred thousand").
_VAGUE = frozenset({"few", "several", "many", "couple", "dozen", "dozens", "tens", "hundreds", "some"})
_PERCENT_WORDS = {"%", "percent", "per", "pct", "percentage"}
# Words first: a word starts with a letter, every code or number with a digit or ".", so the order
# changes no match, and most lexemes are words (the scan then stops at its first alternative).
# The leading (\s*) takes the gap before each lexeme: every other character starts one (a symbol at
# least), so the gaps are whitespace only and the offsets follow from the lengths; findall's tuples
# then cost less than a match object each. Groups: gap, word, code, num, sym.
_LEX = re.compile(
    r"""
    (\s*)
    (?:
    ([^\W\d_]+)
  | (\d+(?:\.\d+){2,}|\d+(?:[/\-]\d+){2,}|\d{1,2}:\d{2}(?::\d{2})?)   # dates, IPs, phones, clock
  | (
        \d+(?:\.\d+)?(?:x10)?\^[+\-]*\d+                        # powers: 1.1^23, 1.3x10^6
      | \d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?(?![\d,]\d)           # Indian grouping 12,34,567.89
      | \d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d]|,\d)                # 1,234,567.89
      | \d{1,3}(?:\.\d{3})+,\d+(?!\d|,\d)                       # European 1.111,11
      | \d{1,3}(?:[\u00a0\u202f]\d{3})+(?:[.,]\d+)?(?!\d)        # 40 000 with thin/no-break spaces
      | \d{1,3}(?:\ \d{3})+(?!\d|[,.]\d|\ ?/)                   # 1 234 567 with plain spaces
      | (?<!\d,)\d+,\d{1,2}(?![\d,]|\.\d)                       # decimal comma 5,00
      | \d+(?:\.\d+)?(?:[eE][+\-]?\d+(?![\w]))?                 # plain, decimal, scientific
      | \.\d+
    )
  | (\S)
    )
    """,
    re.VERBOSE,
)
_EUROPEAN = re.compile(r"\d{1,3}(?:\.\d{3})+,\d+")
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")


@dataclass(slots=True)
class Lexeme:
    """One lexeme; read-only by convention (a frozen dataclass costs five times as much to build,
    and an article has thousands)."""

    start: int
    end: int
    text: str
    low: str
    kind: str  # num | code | word | sym
    value: float | None = None
    glued: bool = False  # no space between the previous lexeme and this one


@dataclass(frozen=True, slots=True)
class Number:
    """A number phrase: lexemes [first, last) of the lexeme list, characters [start, end)."""

    start: int
    end: int
    text: str
    value: float
    form: str  # cardinal | ordinal | fraction
    first: int
    last: int
    digits: bool = False  # written with digits
    scaled: bool = False  # carries a scale word or suffix (million, bn, k)
    bare_m: bool = False  # "1.5m": lowercase m read as million, the caller checks it is money


def _num_value(s: str) -> float:
    if "," not in s and "^" not in s and " " not in s and "\u00a0" not in s and "\u202f" not in s:
        return float(s)  # the common case: "12", "3.5", "1e6"
    s = s.replace("\u00a0", "").replace("\u202f", "")
    if "^" in s:
        base, _, exp = s.partition("^")
        neg = exp.count("-") % 2 == 1
        exp = exp.replace("-", "").replace("+", "")
        if base.endswith("x10"):
            return float(base[:-3]) * 10.0 ** (-float(exp) if neg else float(exp))
        return float(base) ** (-float(exp) if neg else float(exp))
    if _EUROPEAN.fullmatch(s):  # European
        return float(s.replace(".", "").replace(",", "."))
    if _DECIMAL_COMMA.fullmatch(s):  # decimal comma
        return float(s.replace(",", "."))
    return float(s.replace(",", "").replace(" ", ""))


def lex(text: str) -> list[Lexeme]:
    """Cut text into lexemes (digit literals, codes, words, single symbols) with offsets."""
    out: list[Lexeme] = []
    append = out.append
    pos, prev_end = 0, -1
    for gap, word, code, num, sym in _LEX.findall(text):
        start = pos + len(gap)
        if word:
            s, kind, value = word, "word", None
            if s in UNICODE_FRACTIONS:
                kind, value = "num", UNICODE_FRACTIONS[s]
        elif num:
            s, kind, value = num, "num", _num_value(num)
        elif code:
            s, kind, value = code, "code", None
        else:
            s, kind, value = sym, "sym", None
            if s in UNICODE_FRACTIONS:
                kind, value = "num", UNICODE_FRACTIONS[s]
        pos = start + len(s)
        append(Lexeme(start, pos, s, s.lower(), kind, value, start == prev_end))
        prev_end = pos
    return out


def _w(lx: list[Lexeme], i: int) -> str | None:
    return lx[i].low if i < len(lx) and lx[i].kind == "word" else None


def _hyphen(lx: list[Lexeme], i: int) -> bool:
    return i < len(lx) and lx[i].kind == "sym" and lx[i].text in "-‐‑–"


@dataclass(slots=True)
class _Int:
    value: float
    end: int
    last: str  # kind of the last piece: unit teen tens hundred scale digit a
    min_scale: float
    max_scale: float
    tail: float  # the small group added last (what "dozen" multiplies)
    words: bool  # any number word used
    digits: bool
    scaled: bool
    article: bool  # the phrase is just "a"/"an" (before hundred/scale/dozen)
    big_min: float = 0.0  # smallest scale of a thousand or more in it


def _parse_int(lx: list[Lexeme], i: int) -> _Int | None:
    """Longest cardinal integer phrase at i: words, digits and scale words, with "and" inside.

    "and" joins only after hundred or a scale ("one hundred and six", "five thousand and six
    hundred"); a group after it that cannot belong ("4 hundred and 7 hundred") is given back."""
    n = len(lx)
    total = current = tail = 0.0
    last = ""
    min_scale = max_scale = 0.0  # over hundred and the big scales
    big_min = 0.0  # smallest big scale (thousand and up) already in total
    words = digits = scaled = False
    j = i
    check = None

    def snapshot():
        return (total, current, last, min_scale, max_scale, big_min, tail, words, digits, scaled, j)

    rollback = False
    while j < n:
        lexeme = lx[j]
        w = lexeme.low if lexeme.kind == "word" else None
        if lexeme.kind == "num":
            if lexeme.value is None or "^" in lexeme.text or lexeme.low in UNICODE_FRACTIONS:
                break
            v = lexeme.value
            if last == "" or (
                v.is_integer() and v > 0
                and ((last == "scale" and v < big_min) or (last in ("hundred", "and") and v < min_scale))
            ):
                current += v
                tail = v
                last, digits = "digit", True
                j += 1
                continue
            break
        if w is None:
            if (_hyphen(lx, j) and last == "digit" and lexeme.glued and j + 1 < n and lx[j + 1].glued
                    and lx[j + 1].low in SCALES):
                j += 1  # "$5-billion"
                continue
            if (_hyphen(lx, j) and last == "tens" and current % 10 == 0 and _w(lx, j + 1) in UNITS
                    and UNITS[_w(lx, j + 1)] > 0):
                j += 1
                continue
            break
        if w in UNITS:
            v = UNITS[w]
            if v == 0:
                if last != "":
                    break
                last, words = "zero", True
                j += 1
                break
            if last in ("", "hundred", "scale", "and"):
                current += v
                tail = v
            elif last == "tens" and current % 10 == 0:
                current += v
                tail += v
            else:
                break
            last, words = "unit", True
            j += 1
            continue
        if w in TEENS or w in TENS:
            if last not in ("", "hundred", "scale", "and"):
                break
            v = TEENS.get(w) or TENS[w]
            current += v
            tail = v
            last, words = ("teen" if w in TEENS else "tens"), True
            j += 1
            continue
        if w == "hundred" and last == "" and _w(lx, j + 1) in SCALES and (i == 0 or lx[i - 1].low not in _VAGUE):
            current, tail, last = 1.0, 1.0, "a"  # "hundred thousand": the one is left out
            continue
        if w == "hundred" or (w == "hundreds" and last in ("unit", "teen", "tens", "digit")):
            ok = last in ("unit", "teen", "tens", "a") and 0 < current < 100
            ok = ok or (last == "digit" and current == tail and (total == 0 or current < 10))
            if not ok:
                rollback = check is not None
                break
            current *= 100
            min_scale = 100.0 if not min_scale or min_scale > 100 else min_scale
            max_scale = max(max_scale, 100.0)
            last, words, scaled = "hundred", True, True
            j += 1
            continue
        scale = SCALES.get(w) or (PLURAL_SCALES.get(w) if last in ("unit", "teen", "tens", "digit", "hundred") else None)
        if scale and scale >= 1000:
            if current > 0 and last in ("unit", "teen", "tens", "digit", "hundred", "a"):
                if total == 0:
                    total = current * scale
                elif scale < big_min:
                    total += current * scale
                elif scale > max_scale:
                    total = (total + current) * scale
                else:
                    rollback = check is not None
                    break
            elif current == 0 and last == "scale" and scale > max_scale:
                total *= scale
            else:
                rollback = check is not None
                break
            current = tail = 0.0
            big_min = scale if not big_min or scale < big_min else big_min
            min_scale = scale if not min_scale or scale < min_scale else min_scale
            max_scale = max(max_scale, scale)
            last, words, scaled = "scale", True, True
            j += 1
            continue
        if w in ("a", "an") and last == "":
            nxt = _w(lx, j + 1)
            if nxt in ("hundred", "thousand", "million", "billion", "trillion", "lakh", "crore") or nxt in DOZENS:
                current, tail, last = 1.0, 1.0, "a"
                j += 1
                continue
            break
        if w == "and" and last in ("hundred", "scale"):
            nxt = lx[j + 1] if j + 1 < n else None
            after = lx[j + 2] if j + 2 < n else None
            if nxt is not None and nxt.kind == "num" and (
                (digits and max_scale >= 1e6) or (after is not None and after.low in _PERCENT_WORDS)
            ):
                break  # "$300 million and 40 percent" are two figures
            if nxt is not None and (nxt.kind == "num" or (nxt.kind == "word" and (
                    nxt.low in TEENS or nxt.low in TENS or (nxt.low in UNITS and UNITS[nxt.low] > 0)))):
                check = snapshot()
                last = "and"
                j += 1
                continue
            break
        break

    if check is not None and (rollback or last == "and"):
        (total, current, last, min_scale, max_scale, big_min, tail, words, digits, scaled, j) = check
    if j == i or last in ("", "and"):
        return None
    if last == "a":
        return _Int(1.0, j, "a", 0.0, 0.0, 1.0, True, False, False, True)
    return _Int(total + current, j, last, min_scale, max_scale, tail, words, digits, scaled, False, big_min)


def _denominator(lx: list[Lexeme], k: int) -> tuple[float, int, bool, bool] | None:
    """A fraction denominator at k: (value, end, plural, hyphen-compound).

    "sevenths", "thirty-seconds", "forty sevenths", "hundredths", "half", "quarters"."""
    w = _w(lx, k)
    if w is None:
        return None
    if w in TENS:
        j = k + 1
        if _hyphen(lx, j):
            j += 1
        w2 = _w(lx, j)
        if w2 and w2.endswith("s") and w2[:-1] in ORDINALS and ORDINALS[w2[:-1]] < 10:
            return TENS[w] + ORDINALS[w2[:-1]], j + 1, True, True
        if w2 in ORDINALS and ORDINALS[w2] < 10:
            return TENS[w] + ORDINALS[w2], j + 1, False, True
        return None
    if w in DENOMINATORS:
        return float(DENOMINATORS[w]), k + 1, w.endswith("s") or w == "half", False
    if w in ORDINALS and w not in ("first", "second"):
        return float(ORDINALS[w]), k + 1, False, False
    if w in SCALE_ORDINALS:
        return SCALE_ORDINALS[w], k + 1, False, False
    return None


def _scale_after(lx: list[Lexeme], k: int) -> tuple[float, int] | None:
    """A scale word that multiplies a fraction: "half million", "three quarters of a million", "half a dozen"."""
    w = _w(lx, k)
    if w in SCALES or w == "hundred":
        return (SCALES.get(w) or 100.0), k + 1
    if w in DOZENS:
        return 12.0, k + 1
    if w in ("a", "an") and (_w(lx, k + 1) in SCALES or _w(lx, k + 1) in DOZENS):
        return _scale_after(lx, k + 1)
    if w == "of" and _w(lx, k + 1) in ("a", "an") and _w(lx, k + 2) in SCALES:
        return SCALES[_w(lx, k + 2)], k + 3
    return None


def _tens_denominator(lx: list[Lexeme], parsed: _Int, den: float) -> float | None:
    """"two hundred forty sevenths" is 200/47: tens right before a unit denominator join it when more
    number comes before them, unless an "and" ties them to it ("two hundred and forty sevenths" is 240/7)."""
    tens = lx[parsed.end - 1].low
    if tens in TENS and den < 10 and parsed.value > TENS[tens] and _w(lx, parsed.end - 2) != "and":
        return (parsed.value - TENS[tens]) / (TENS[tens] + den)
    return None


def _fraction(lx: list[Lexeme], i: int) -> tuple[float, int] | None:
    """A fraction phrase at i: "a half", "two-thirds", "three twenty-firsts", "one fifth", "½"."""
    w = _w(lx, i)
    if w == "half":
        return 0.5, i + 1
    if w == "quarter" and _scale_after(lx, i + 1):
        return 0.25, i + 1
    if w in ("a", "an", "one"):
        num, k = 1.0, i + 1
        glue = _hyphen(lx, k)
        if glue:
            k += 1
        d = _denominator(lx, k)
        if d is None:
            return None
        value, end, plural, _compound = d
        nxt = _w(lx, end)
        if w in ("a", "an") and not plural and nxt is not None and nxt not in (
            "of", "and", "a", "an", "the", "percent", "or") and nxt not in SCALES and nxt not in DOZENS:
            return None  # "a third term" is an ordinal
        return num / value, end
    parsed = _parse_int(lx, i)
    if parsed is None or parsed.digits or parsed.article:
        return None
    k = parsed.end
    if _hyphen(lx, k):
        k += 1
    d = _denominator(lx, k)
    if d is None:
        return None
    value, end, plural, _compound = d
    if not plural and parsed.value != 1:
        return None
    split = _tens_denominator(lx, parsed, value)
    if split is not None:
        return split, end
    for a in range(parsed.end - 1, i, -1):
        if _w(lx, a) == "and":
            fr = _fraction(lx, a + 1)
            if fr and fr[1] == end and fr[0] < 1:
                return None  # "four million and two fifths" adds a proper fraction
            break
    return parsed.value / value, end


def _point(lx: list[Lexeme], k: int) -> tuple[str, int] | None:
    """Digits after a spoken "point": "point zero three", "point seventy-one", "point eleven"."""
    if _w(lx, k) != "point":
        return None
    j = k + 1
    digs = ""
    while _w(lx, j) in UNITS:
        digs += str(UNITS[_w(lx, j)])
        j += 1
    if digs:
        return digs, j
    parsed = _parse_int(lx, j)
    if parsed and not parsed.digits and parsed.value < 100:
        return str(int(parsed.value)), parsed.end
    return None


def _number_at(lx: list[Lexeme], i: int) -> tuple[float, int, str, bool, bool, bool] | None:
    """(value, end, form, digits, scaled, bare_m) of the longest number phrase starting at lexeme i."""
    sign = 1.0
    j = i
    w = _w(lx, j)
    if w in NEGATORS:
        sign, j = -1.0, j + 1
    lexeme = lx[j] if j < len(lx) else None
    if lexeme is None:
        return None
    # digit literal followed by a glued ordinal suffix: 75th, 21st
    if lexeme.kind == "num" and j + 1 < len(lx) and lx[j + 1].glued and lx[j + 1].low in DIGIT_ORDINAL_SUFFIXES:
        if float(lexeme.value).is_integer() and "," not in lexeme.text:
            return lexeme.value, j + 2, "ordinal", True, False, False
    # mixed number: "2 1/4"
    if lexeme.kind == "num" and j + 3 < len(lx) and float(lexeme.value).is_integer():
        fr = _slash_fraction(lx, j + 1)
        if fr and not lx[j + 1].glued:
            return sign * (lexeme.value + fr[0]), fr[1], "fraction", True, False, False
    fr = _slash_fraction(lx, j)
    if fr:
        return sign * fr[0], fr[1], "fraction", True, False, False
    if lexeme.kind == "num" and lexeme.low in UNICODE_FRACTIONS:
        return sign * lexeme.value, j + 1, "fraction", True, False, False
    if lexeme.kind == "num" and "^" in lexeme.text:
        return sign * lexeme.value, j + 1, "cardinal", True, False, False

    frac = _fraction(lx, j)
    parsed = _parse_int(lx, j)
    if frac and (parsed is None or frac[1] > parsed.end):
        value, end = frac
        sc = _scale_after(lx, end)
        if sc:
            return sign * value * sc[0], sc[1], "cardinal", False, True, False
        return sign * value, end, "fraction", False, False, False
    if parsed is None:
        # bare ordinals: "first", "twentieth", "trillionth"
        if w in ORDINALS or w in SCALE_ORDINALS:
            return (ORDINALS.get(w) or SCALE_ORDINALS[w]), j + 1, "ordinal", False, False, False
        return None
    # "two hundred and one quarter": the "and" starts a fraction, not more of the integer
    for a in range(parsed.end - 1, j, -1):
        if _w(lx, a) == "and":
            fr = _fraction(lx, a + 1)
            if fr and fr[1] > parsed.end and fr[0] < 1:
                head = _parse_int(lx[:a], j)
                if head is not None:
                    parsed = head
            break
    value, k = parsed.value, parsed.end
    digits, scaled, bare_m = parsed.digits, parsed.scaled, False
    # suffix scale after digits: 10k, 2.5 bn, 1,674.5 G, 1.5m
    if parsed.last == "digit" and not parsed.words and k < len(lx) and lx[k].kind == "word":
        suf = lx[k]
        mult = SUFFIX_SCALES.get(suf.text) or SUFFIX_SCALES.get(suf.low if suf.low in ("bn", "mn", "mln", "bln", "tn", "tln", "trn", "mil", "mm", "k") else "")
        if suf.text == "m" and suf.glued:
            mult, bare_m = 1e6, True
        if mult and (suf.glued or suf.text[0].isupper() or suf.low in ("bn", "mn", "mln", "bln", "tn", "tln", "mil", "k")):
            nxt = lx[k + 1] if k + 1 < len(lx) else None
            if nxt is None or not nxt.glued or nxt.kind != "word":
                value *= mult
                k += 1
                scaled = True
    # "and" + fraction: "one and a half", "7 million and a quarter", "two million and a half thousand"
    # "three-and-a-half": "-and-" glued on both sides joins the fraction as "and" does
    hyphened = (_hyphen(lx, k) and _w(lx, k + 1) == "and" and _hyphen(lx, k + 2) and k + 3 < len(lx)
                and all(lx[x].glued for x in range(k, k + 4)))
    if (hyphened or _w(lx, k) == "and") and not parsed.article:
        fr = _fraction(lx, k + 3 if hyphened else k + 1)
        if fr:
            fval, fend = fr
            sc = _scale_after(lx, fend)
            if sc:
                if parsed.max_scale and parsed.max_scale > sc[0]:
                    value += fval * sc[0]
                else:
                    value = (value + fval) * sc[0]
                return sign * value, sc[1], "cardinal", digits, True, False
            if parsed.last == "scale" and parsed.max_scale >= 1e6:
                value += fval * parsed.big_min
            else:
                value += fval
            return sign * value, fend, "cardinal", digits, scaled, False
    # "point" decimals
    pt = _point(lx, k) if parsed.words else None
    if pt:
        value = value + float("0." + pt[0])
        return sign * value, pt[1], "cardinal", digits, scaled, False
    # dozens
    if _w(lx, k) in DOZENS:
        value = value - parsed.tail + parsed.tail * 12
        return sign * value, k + 1, "cardinal", digits, True, False
    # ordinal completion or fraction with a plural denominator
    if parsed.words and not parsed.article:
        kk = k + 1 if _hyphen(lx, k) else k
        w2 = _w(lx, kk)
        if parsed.digits:
            pass
        elif w2 in ORDINALS and ORDINALS[w2] < 10 and parsed.last == "tens":
            return sign * (value + ORDINALS[w2]), kk + 1, "ordinal", digits, scaled, False
        elif w2 in ORDINALS and parsed.last in ("hundred", "scale"):
            return sign * (value + ORDINALS[w2]), kk + 1, "ordinal", digits, scaled, False
        elif w2 in SCALE_ORDINALS and parsed.last in ("unit", "teen", "tens", "hundred"):
            if value < SCALE_ORDINALS[w2]:
                return sign * value * SCALE_ORDINALS[w2], kk + 1, "ordinal", digits, True, False
        d = _denominator(lx, kk)
        if d and d[2] and not parsed.digits:
            split = _tens_denominator(lx, parsed, d[0]) if not d[3] else None
            value = split if split is not None else value / d[0]
            return sign * value, d[1], "fraction", digits, scaled, False
    return sign * value, k, "cardinal", digits, scaled, bare_m


def _slash_fraction(lx: list[Lexeme], j: int) -> tuple[float, int] | None:
    """"3/4": a small proper fraction (denominator <= 10); "9/11" and "24/7" are not fractions."""
    if j + 2 < len(lx) and lx[j].kind == "num" and lx[j + 1].text == "/" and lx[j + 2].kind == "num":
        a, b = lx[j].value, lx[j + 2].value
        if lx[j + 1].glued and lx[j + 2].glued and a.is_integer() and b.is_integer() and 0 < a < b <= 10:
            if not (j + 3 < len(lx) and lx[j + 3].text == "/"):
                return a / b, j + 3
    return None


_TIME_UNITS = {
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month",
    "months", "year", "years", "decade", "decades", "century", "centuries",
}


def _ratio(lx: list[Lexeme], k: int, value: float) -> tuple[float, int] | None:
    """"one in three", "three out of four hundred": a proportion when the first number is the smaller."""
    w = _w(lx, k)
    if w == "in":
        j = k + 1
    elif w == "out" and _w(lx, k + 1) == "of":
        j = k + 2
    elif w == "over":
        j = k + 1
    else:
        return None
    nxt = _number_at(lx, j) if j < len(lx) else None
    sign = -1.0 if value < 0 else 1.0
    value = abs(value)
    if nxt is None or nxt[2] != "cardinal" or value <= 0 or (nxt[0] <= value and w != "over"):
        return None
    if w == "over":
        after = lx[nxt[1]] if nxt[1] < len(lx) else None
        if after is not None and (after.kind in ("word", "num") or after.text in "%$€£¥"):
            return None  # "over 3 years" is a bound, "1 over 3" at the end of a phrase a fraction
        return sign * value / nxt[0], nxt[1]
    if w == "in":
        den = lx[j]
        if not float(value).is_integer() or value > 20 or not float(nxt[0]).is_integer():
            return None
        if den.kind == "num" and 1000 <= nxt[0] <= 2199 and len(den.text) == 4:
            return None  # "5 in 2023" is a number and a year
        if _w(lx, nxt[1]) in _TIME_UNITS:
            return None  # "5 in 10 days"
    return sign * value / nxt[0], nxt[1]


def find_numbers(lx: list[Lexeme]) -> list[Number]:
    """Every number phrase in the lexemes, left to right, longest first, not overlapping."""
    out: list[Number] = []
    i, n = 0, len(lx)
    while i < n:
        lexeme = lx[i]
        if lexeme.kind == "word" and lexeme.low not in NUMBER_WORDS:
            i += 1
            continue
        if lexeme.kind not in ("num", "word"):
            i += 1
            continue
        found = _number_at(lx, i)
        if found is None:
            i += 1
            continue
        value, end, form, digits, scaled, bare_m = found
        first = i
        if lexeme.kind == "num" and i > 0 and lx[i - 1].text in "-−" and lexeme.glued and (
            i == 1 or not lx[i - 1].glued or lx[i - 2].text in "(["
        ):
            first, value = i - 1, -value
        if form == "cardinal" and not scaled:
            r = _ratio(lx, end, value)
            if r:
                value, end = r
                form = "fraction"
        s, e = lx[first].start, lx[end - 1].end
        out.append(Number(s, e, "", value, form, first, end, digits, scaled, bare_m))
        i = end
    return out


def numbers_in(text: str) -> list[Number]:
    """find_numbers over text, with each Number's text filled in."""
    lx = lex(text)
    return [
        Number(n.start, n.end, text[n.start:n.end], n.value, n.form, n.first, n.last, n.digits, n.scaled, n.bare_m)
        for n in find_numbers(lx)
    ]


def parse_number(text: str) -> float | None:
    """The value of text when all of it is one number phrase ("three million two hundred" -> 3000200)."""
    found = numbers_in(text.strip())
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text.strip()):
        return found[0].value
    return None
