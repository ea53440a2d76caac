"""Calendar arithmetic that turns an anchor date and an offset into a TIMEX3 value.

Every function takes `anchor: date | None`; without an anchor the relative part of the value stays
underspecified (X), as TimeML writes it, instead of guessing.
"""
from __future__ import annotations

from datetime import date, timedelta

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}


def parse_anchor(value: str | None) -> date | None:
    """The article date as a date; None when absent or unreadable (never raises)."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def month_number(name: str) -> int:
    return MONTHS[name.strip(".").lower()[:3]]


def fmt_day(d: date) -> str:
    return d.isoformat()


def year_value(anchor: date | None, offset: int = 0) -> str:
    """The year `offset` years from the anchor's; years before 1 AD in TIMEX3's BC form."""
    if not anchor:
        return "XXXX"
    year = anchor.year + offset
    return f"{year:04d}" if year > 0 else f"BC{1 - year:04d}"


def month_value(anchor: date | None, offset: int = 0) -> str:
    if not anchor:
        return "XXXX-XX"
    y, m = divmod(anchor.year * 12 + anchor.month - 1 + offset, 12)
    return f"{y:04d}-{m + 1:02d}"


def week_value(anchor: date | None, offset: int = 0) -> str:
    if not anchor:
        return "XXXX-WXX"
    y, w, _ = (anchor + timedelta(weeks=offset)).isocalendar()
    return f"{y:04d}-W{w:02d}"


def day_value(anchor: date | None, offset: int = 0) -> str:
    return fmt_day(anchor + timedelta(days=offset)) if anchor else "XXXX-XX-XX"


def quarter_value(anchor: date | None, offset: int = 0) -> str:
    if not anchor:
        return "XXXX-QX"
    y, q = divmod(anchor.year * 4 + (anchor.month - 1) // 3 + offset, 4)
    return f"{y:04d}-Q{q + 1}"


def decade_value(anchor: date | None, offset: int = 0) -> str:
    return f"{anchor.year // 10 + offset:03d}" if anchor else "XXX"


def century_value(anchor: date | None, offset: int = 0) -> str:
    return f"{anchor.year // 100 + offset:02d}" if anchor else "XX"


def weekday_value(anchor: date | None, weekday: int, direction: str | None, strict: bool = False) -> str:
    """The weekday (1=Monday) nearest the anchor in `direction` ('past' or 'future'); the anchor day itself
    counts unless `strict` (news say 'said Friday' in a Friday story)."""
    if not anchor:
        return f"XXXX-WXX-{weekday}"
    today = anchor.isoweekday()
    if direction == "future":
        delta = (weekday - today) % 7
        if strict and delta == 0:
            delta = 7
    else:
        delta = -((today - weekday) % 7)
        if strict and delta == 0:
            delta = -7
    return fmt_day(anchor + timedelta(days=delta))


# How much nearer (in days) a date against the tense must be to win over one with it; past tense
# in news is the stronger signal ('bought in February' told in October is this February).
_AGAINST_TENSE_DAYS = {"past": 180, "future": 120}


def _nearest_year(anchor: date, month: int, day: int, direction: str | None) -> int:
    """The year that puts month/day nearest the anchor; a date on the wrong side of the tense must be
    much nearer ('payable Dec. 7' in a late-October story is this December even after a past verb)."""
    best, best_cost = anchor.year, None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            when = date(year, month, min(day, 28 if month == 2 else day))
        except ValueError:
            when = date(year, month, 28)
        delta = (when - anchor).days
        cost = abs(delta)
        if (direction == "past" and delta > 0) or (direction == "future" and delta < 0):
            cost += _AGAINST_TENSE_DAYS[direction]
        if best_cost is None or cost < best_cost:
            best, best_cost = year, cost
    return best


def month_in_direction(anchor: date | None, month: int, direction: str | None, strict: bool = False) -> str:
    """A named month without a year. `strict` ('last March', 'next March'): the nearest one strictly
    before or after the anchor's month; otherwise the nearest, weighed by the tense."""
    if not anchor:
        return f"XXXX-{month:02d}"
    if strict:
        year = anchor.year
        if direction == "past" and month >= anchor.month:
            year -= 1
        elif direction == "future" and month <= anchor.month:
            year += 1
        return f"{year:04d}-{month:02d}"
    if month == anchor.month:
        return f"{anchor.year:04d}-{month:02d}"
    return f"{_nearest_year(anchor, month, 15, direction):04d}-{month:02d}"


def day_in_direction(anchor: date | None, month: int, day: int, direction: str | None, strict: bool = False) -> str:
    """A month and day without a year: the nearest such date, weighed by the tense; `strict` (a cue
    such as 'since' or 'until' fixed the side): the nearest on that side of the anchor, the anchor included."""
    if not anchor:
        return f"XXXX-{month:02d}-{day:02d}"
    if strict and direction in ("past", "future"):
        year = anchor.year
        if direction == "past" and (month, day) > (anchor.month, anchor.day):
            year -= 1
        elif direction == "future" and (month, day) < (anchor.month, anchor.day):
            year += 1
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{_nearest_year(anchor, month, day, direction):04d}-{month:02d}-{day:02d}"


def easter(year: int) -> date:
    """Western Easter Sunday (the Gregorian computus, in its anonymous algorithm form)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def us_election_day(year: int) -> date:
    """US Election Day: the Tuesday after the first Monday of November."""
    first = date(year, 11, 1)
    return first + timedelta(days=(1 - first.weekday()) % 7 + (7 if first.weekday() == 1 else 0))


def thanksgiving(year: int) -> date:
    """US Thanksgiving: the fourth Thursday of November."""
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


def shift_value(anchor: date | None, unit: str, amount: float) -> str:
    """The anchor moved by `amount` units (negative: back), at the granularity of the unit:
    '3 years ago' -> a year, 'two months ago' -> a month, '10 days ago' -> a day."""
    if unit in ("decade", "century", "millennium", "year"):
        years = amount * {"decade": 10, "century": 100, "millennium": 1000, "year": 1}[unit]
        return year_value(anchor, round(years))
    if unit == "quarter":
        return quarter_value(anchor, round(amount))
    if unit == "month":
        return month_value(anchor, round(amount))
    if unit == "week":
        return week_value(anchor, round(amount))
    if unit == "day":
        return day_value(anchor, round(amount))
    return day_value(anchor, 0)
