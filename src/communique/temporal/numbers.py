"""Number words as they appear in time expressions ("fourteen", "seventy-five", "a dozen",
"three-quarters of", "2 1/2"), as a regex fragment and a value function that agree with each other."""
from __future__ import annotations

import re

from ..numbers import TEENS, TENS, UNITS, parse_number

_UNITS = {w: int(v) for w, v in {**UNITS, **TEENS}.items() if w not in ("nought", "naught")}
_TENS = {w: int(v) for w, v in TENS.items() if w != "fourty"}
_DIGITS = "one|two|three|four|five|six|seven|eight|nine"
_FRACTIONS = {
    "half": 0.5, "a half": 0.5, "one half": 0.5, "a quarter": 0.25, "one quarter": 0.25, "quarter": 0.25,
    "three quarters": 0.75, "three-quarters": 0.75, "a third": 1 / 3, "one third": 1 / 3, "one-third": 1 / 3,
    "two thirds": 2 / 3, "two-thirds": 2 / 3,
}
# Quantities too vague to give a number: the value becomes X ("PXY").
VAGUE = frozenset({"several", "a few", "few", "many", "some", "a number of", "numerous"})

_WORD = (
    rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{_DIGITS}))?\b|(?:{'|'.join(sorted(_UNITS, key=len, reverse=True))})\b)"
)
# A cardinal: digits, words (with an optional 'hundred' and 'and a half'), 'a dozen', or a vague count.
NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s+\d/\d)?"
    rf"|(?:a|one|two|three|four|five|six|seven|eight|nine)\s+hundred(?:\s+(?:and\s+)?{_WORD})?"
    rf"|{_WORD}(?:\s+(?:hundred|thousand))?(?:\s+and\s+a\s+half)?"
    r"|a\s+dozen|dozens?\s+of|a\s+couple\s+of|couple\s+of|a\s+few|a\s+number\s+of|several|few|many|numerous|some|a|an)"
)
FRACTION = r"(?:three[- ]quarters|two[- ]thirds|one[- ]third|a\s+third|a\s+quarter|one\s+quarter|a\s+half|one\s+half|half)"

_SPACE = re.compile(r"\s+")


def fraction_value(text: str) -> float | None:
    return _FRACTIONS.get(_SPACE.sub(" ", text.strip().lower()))


def word_value(text: str) -> int | None:
    """'seventy-five' -> 75, 'fourteen' -> 14; None when the words are not a number up to 99."""
    t = text.strip().lower().replace("-", " ")
    parts = t.split()
    if len(parts) == 1:
        return _UNITS.get(parts[0], _TENS.get(parts[0]))
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS and _UNITS[parts[1]] < 10:
        return _TENS[parts[0]] + _UNITS[parts[1]]
    return None


def number_value(text: str) -> float | None:
    """The value of a NUMBER match; None when it is vague ('several', 'a few') or unreadable."""
    t = _SPACE.sub(" ", text.strip().lower())
    if t in VAGUE:
        return None
    if t in ("a", "an"):
        return 1
    if t == "a dozen":
        return 12
    if t in ("a couple of", "couple of"):
        return 2
    if t.startswith("dozen"):
        return None
    half = 0.0
    if t.endswith(" and a half"):
        half, t = 0.5, t[: -len(" and a half")]
    value = parse_number(t)
    if value is None:
        return None
    total = value + half
    return int(total) if total == int(total) else total
