"""The figures of an article: money, percentages, counts, ordinals, ranks and measures.

Numbers come from the number grammar (numbers.py); this module decides what each one is (a
currency or percent sign or word next to it, a unit, a superlative after an ordinal), drops the ones
that belong to dates, times and names ("G20", "Boeing 747"), reads the bound ("more than"), the
change ("up", "fell") and, from the dependency parse, what the figure measures, when, and who says so.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..record import Quantity
from . import doccache
from .base import Stage
from .lookup import actor_for_span
from ..numbers import DENOMINATORS, Lexeme, Number, find_numbers, lex

# --- currencies ---------------------------------------------------------------------------------
# code: (names written after or before the amount, symbols written before the amount)
CURRENCIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "USD": (("dollar", "dollars", "us dollar", "us dollars", "u.s. dollar", "u.s. dollars", "american dollars",
             "united states dollars", "greenback", "greenbacks", "usd"),
            ("$", "us$", "u.s.$", "u.s $", "u.s. $", "usd$", "usd")),
    "EUR": (("euro", "euros", "eur"), ("€", "eur")),
    "GBP": (("pound", "pounds", "pounds sterling", "pound sterling", "sterling", "british pounds", "gbp"),
            ("£", "gbp")),
    "JPY": (("yen", "japanese yen", "jpy"), ("¥", "jpy", "jp¥")),
    "CNY": (("yuan", "chinese yuan", "renminbi", "rmb", "kuai", "cny", "元"), ("rmb", "cny", "cn¥", "元")),
    "RUB": (("ruble", "rubles", "rouble", "roubles", "russian rubles", "russian roubles", "rub"), ("₽", "rub")),
    "INR": (("rupee", "rupees", "indian rupees", "inr"), ("₹", "rs", "rs.", "inr")),
    "PKR": (("pakistani rupees", "pakistan rupees", "pkr"), ("pkr",)),
    "LKR": (("sri lankan rupees", "lkr", "ரூ"), ("lkr", "ரூ")),
    "NPR": (("nepalese rupees", "nepali rupees", "npr"), ("npr",)),
    "MYR": (("ringgit", "myr"), ("rm", "myr")),
    "KRW": (("won", "south korean won", "korean won", "krw"), ("₩", "krw")),
    "KPW": (("north korean won", "kpw"), ()),
    "CHF": (("swiss franc", "swiss francs", "franc", "francs", "chf"), ("chf", "sfr", "fr.")),
    "FRF": (("french franc", "french francs"), ()),
    "XOF": (("cfa franc", "cfa francs", "xof"), ("xof",)),
    "HKD": (("hong kong dollar", "hong kong dollars", "hkd"), ("hk$", "hkd")),
    "AUD": (("australian dollar", "australian dollars", "aud"), ("a$", "au$", "aud$", "aud")),
    "CAD": (("canadian dollar", "canadian dollars", "cad"), ("c$", "ca$", "can$", "cad$", "cad")),
    "NZD": (("new zealand dollar", "new zealand dollars", "nzd"), ("nz$", "nzd$", "nzd")),
    "SGD": (("singapore dollar", "singapore dollars", "sgd"), ("s$", "sg$", "sgd")),
    "TWD": (("taiwan dollar", "taiwan dollars", "new taiwan dollar", "new taiwan dollars", "twd"), ("nt$", "twd")),
    "MXN": (("peso", "pesos", "mexican peso", "mexican pesos", "mxn"), ("mex$", "mx$", "mxn$", "mxn")),
    "PHP": (("philippine peso", "philippine pesos", "php"), ("₱", "php")),
    "ARS": (("argentine peso", "argentine pesos", "ars"), ("ars",)),
    "CLP": (("chilean peso", "chilean pesos", "clp"), ("clp",)),
    "COP": (("colombian peso", "colombian pesos", "cop"), ()),
    "BRL": (("brazilian real", "brazilian reais", "reais", "brl"), ("r$", "brl")),
    "ZAR": (("rand", "south african rand", "zar"), ("zar",)),
    "NGN": (("naira", "ngn"), ("₦", "ngn")),
    "ILS": (("shekel", "shekels", "new shekels", "israeli shekels", "ils"), ("₪", "ils", "nis")),
    "THB": (("baht", "thb"), ("฿", "thb")),
    "IDR": (("rupiah", "idr"), ("rp", "idr")),
    "VND": (("dong", "vietnamese dong", "vnd"), ("₫", "vnd")),
    "PLN": (("zloty", "zlotys", "zlotych", "pln", "zł"), ("pln",)),
    "SEK": (("krona", "kronor", "swedish krona", "swedish kronor", "sek"), ("sek",)),
    "NOK": (("norwegian krone", "norwegian kroner", "nok"), ("nok",)),
    "DKK": (("danish krone", "danish kroner", "dkk"), ("dkk",)),
    "ISK": (("icelandic krona", "icelandic kronur", "isk"), ("isk",)),
    "UAH": (("hryvnia", "hryvnias", "hryvnias", "uah"), ("₴", "uah")),
    "TRY": (("lira", "liras", "lire", "turkish lira", "turkish liras"), ("₺",)),
    "IQD": (("iraqi dinar", "iraqi dinars", "iqd"), ("iqd",)),
    "KWD": (("kuwaiti dinar", "kuwaiti dinars", "kwd"), ("kwd",)),
    "JOD": (("jordanian dinar", "jordanian dinars", "jod"), ("jod",)),
    "RSD": (("serbian dinar", "serbian dinars", "rsd"), ("rsd",)),
    "AED": (("dirham", "dirhams", "uae dirham", "uae dirhams", "emirati dirhams", "aed"), ("aed",)),
    "MAD": (("moroccan dirham", "moroccan dirhams"), ()),
    "SAR": (("riyal", "riyals", "saudi riyal", "saudi riyals"), ("sr",)),
    "QAR": (("qatari riyal", "qatari riyals", "qar"), ("qar",)),
    "IRR": (("rial", "rials", "iranian rial", "iranian rials", "irr"), ("irr",)),
    "OMR": (("omani rial", "omani rials", "omr"), ("omr",)),
    "EGP": (("egyptian pound", "egyptian pounds", "egp"), ("egp", "le")),
    "LBP": (("lebanese pound", "lebanese pounds", "lbp"), ("lbp",)),
    "SYP": (("syrian pound", "syrian pounds", "syp"), ("syp",)),
    "SDG": (("sudanese pound", "sudanese pounds", "sdg"), ("sdg",)),
    "BDT": (("taka", "bdt"), ("৳", "tk", "bdt")),
    "GHS": (("cedi", "cedis", "ghs"), ("gh₵", "ghs")),
    "KES": (("kenyan shilling", "kenyan shillings", "shilling", "shillings", "kes"), ("ksh", "kes")),
    "UGX": (("ugandan shilling", "ugandan shillings", "ugx"), ("ugx",)),
    "TZS": (("tanzanian shilling", "tanzanian shillings", "tzs"), ("tzs",)),
    "ETB": (("birr", "etb"), ("etb",)),
    "KZT": (("tenge", "kzt"), ("₸", "kzt")),
    "GEL": (("lari", "georgian lari"), ("₾",)),
    "LAK": (("kip", "lao kip"), ("₭",)),
    "CRC": (("colon", "colones", "costa rican colon", "costa rican colones", "crc"), ("₡", "crc")),
    "HUF": (("forint", "forints", "huf"), ("huf",)),
    "CZK": (("koruna", "korunas", "czech koruna", "czech crowns", "czk"), ("czk", "kč")),
    "RON": (("leu", "lei", "romanian lei", "ron"), ("ron",)),
    "BGN": (("lev", "leva", "bulgarian lev", "bgn"), ("bgn",)),
    "AFN": (("afghani", "afghanis", "afn"), ("afn",)),
    "MMK": (("kyat", "kyats", "mmk"), ("mmk",)),
    "KHR": (("riel", "riels", "khr"), ("khr",)),
    "MNT": (("tugrik", "tugriks", "togrog", "mnt"), ("₮", "mnt")),
    "ZMW": (("kwacha", "zambian kwacha", "zmw"), ("zmw",)),
    "PEN": (("sol", "soles", "peruvian soles"), ()),
    "VES": (("bolivar", "bolivars", "bolivares", "ves"), ("ves",)),
    "UZS": (("som", "uzbek som", "uzs"), ("uzs",)),
    "AZN": (("manat", "manats", "azn"), ("₼", "azn")),
    "BYN": (("belarusian ruble", "belarusian rubles", "byn"), ("byn",)),
    "FIM": (("markka", "markkaa", "finnish markka", "finnish markkaa"), ()),
    "ESP": (("peseta", "pesetas", "spanish pesetas"), ()),
    "NLG": (("guilder", "guilders", "dutch guilder", "dutch guilders", "netherlands guilders"), ()),
    "DEM": (("deutsche mark", "deutsche marks", "deutschmark", "deutschmarks", "german marks"), ("dm",)),
    "ITL": (("italian lira", "italian lire"), ()),
    "BTC": (("bitcoin", "bitcoins", "btc", "xbt"), ("₿", "btc")),
    "ETH": (("ether", "eth"), ("eth",)),
    "XAU": (("troy ounces of gold",), ()),
}
# Minor units: (major code, fraction of the major unit). The value is kept in the major unit.
MINOR_UNITS = {
    "cent": ("USD", 0.01), "cents": ("USD", 0.01), "¢": ("USD", 0.01), "penny": ("GBP", 0.01),
    "pence": ("GBP", 0.01), "p": ("GBP", 0.01), "sen": ("MYR", 0.01), "kopecks": ("RUB", 0.01),
    "paise": ("INR", 0.01), "fen": ("CNY", 0.01), "mao": ("CNY", 0.1), "satoshi": ("BTC", 1e-8),
    "satoshis": ("BTC", 1e-8),
}
# Uppercase ISO codes that are also English words or common abbreviations: only read as currency
# when written next to an amount in a form listed above, never as a bare code.
_CODE_WORDS = {"all", "top", "cup", "bob", "try", "sos", "mad", "pen", "amd", "gel", "mop", "bam", "can", "nis"}


def _keys(phrase: str) -> tuple[str, ...]:
    return tuple(x.low for x in lex(phrase))


_AFTER: dict[tuple[str, ...], str] = {}
_BEFORE: dict[tuple[str, ...], str] = {}
for _code, (_names, _symbols) in CURRENCIES.items():
    for _name in _names:
        _AFTER.setdefault(_keys(_name), _code)
    for _sym in _symbols:
        _BEFORE.setdefault(_keys(_sym), _code)
        if not _sym.isalpha():
            _AFTER.setdefault(_keys(_sym), _code)  # "10 €", "100元"
for _code in CURRENCIES:
    _lo = _code.lower()
    if _lo not in _CODE_WORDS:
        _AFTER.setdefault((_lo,), _code)
        _BEFORE.setdefault((_lo,), _code)
# singular currency names written before digits: "dollar 22.5 million", "sen 100,000" (minor, below)
for _name in ("dollar", "euro", "yuan", "rupee", "peso", "rand"):
    _BEFORE.setdefault((_name,), _AFTER[(_name,)])
_MAX_CUR = max(len(k) for k in list(_AFTER) + list(_BEFORE))
# "MUSD", "kEUR": a scale letter glued to a code
_SCALED_CODE = re.compile(r"^(m|mm|k|bn)(usd|eur|gbp|aud|cad|chf|jpy|cny|sek|nok|dkk|hkd|sgd|nzd|inr)$")
_SCALED_CODE_MULT = {"m": 1e6, "mm": 1e6, "k": 1e3, "bn": 1e9}

# --- percent and measure units ------------------------------------------------------------------
_PERCENT = {("%",): "percent", ("percent",): "percent", ("percents",): "percent", ("per", "cent"): "percent",
            ("pct",): "percent", ("pc",): "percent", ("percentage",): "percent", ("percentage", "points"): "percentage point",
            ("percentage", "point"): "percentage point", ("per", "cent", "points"): "percentage point",
            ("pp",): "percentage point", ("ppt",): "percentage point", ("pts",): "percentage point"}

MEASURES = {
    "tonne": "tonne", "tonnes": "tonne", "ton": "ton", "tons": "ton", "t": "tonne", "mt": "tonne",
    "kilogram": "kilogram", "kilograms": "kilogram", "kg": "kilogram", "kgs": "kilogram", "gram": "gram",
    "grams": "gram", "g": "gram", "mg": "milligram", "milligrams": "milligram", "lb": "pound", "lbs": "pound",
    "ounce": "ounce", "ounces": "ounce", "oz": "ounce", "carat": "carat", "carats": "carat",
    "barrel": "barrel", "barrels": "barrel", "bpd": "barrel per day", "b/d": "barrel per day",
    "litre": "litre", "litres": "litre", "liter": "litre", "liters": "litre", "l": "litre", "ml": "millilitre",
    "millilitres": "millilitre", "milliliters": "millilitre", "gallon": "gallon", "gallons": "gallon",
    "kilometre": "kilometre", "kilometres": "kilometre", "kilometer": "kilometre", "kilometers": "kilometre",
    "km": "kilometre", "kms": "kilometre", "mile": "mile", "miles": "mile", "metre": "metre",
    "metres": "metre", "meter": "metre", "meters": "metre", "cm": "centimetre", "centimetres": "centimetre",
    "centimeters": "centimetre", "mm": "millimetre", "millimetres": "millimetre", "millimeters": "millimetre",
    "feet": "foot", "foot": "foot", "ft": "foot", "inch": "inch", "inches": "inch", "yard": "yard",
    "yards": "yard", "acre": "acre", "acres": "acre", "hectare": "hectare", "hectares": "hectare",
    "ha": "hectare", "km2": "square kilometre", "sq": "square", "mw": "megawatt", "megawatt": "megawatt",
    "megawatts": "megawatt", "gw": "gigawatt", "gigawatt": "gigawatt", "gigawatts": "gigawatt",
    "kw": "kilowatt", "kilowatts": "kilowatt", "kwh": "kilowatt hour", "mwh": "megawatt hour",
    "gwh": "gigawatt hour", "twh": "terawatt hour", "watts": "watt", "watt": "watt", "volts": "volt",
    "knots": "knot", "mph": "mile per hour", "kph": "kilometre per hour", "points": "point", "point": "point",
    "bps": "basis point", "degrees": "degree", "degree": "degree", "°": "degree", "°c": "degree Celsius",
    "°f": "degree Fahrenheit", "calories": "calorie", "kcal": "kilocalorie", "bcm": "billion cubic metres",
    "tcf": "trillion cubic feet", "gb": "gigabyte", "mb": "megabyte", "tb": "terabyte", "teu": "TEU",
    "teus": "TEU", "mbps": "megabit per second", "ghz": "gigahertz", "mhz": "megahertz", "hz": "hertz",
}
_MEASURE_PHRASES = {
    ("square", "kilometres"): "square kilometre", ("square", "kilometers"): "square kilometre",
    ("square", "km"): "square kilometre", ("sq", "km"): "square kilometre", ("square", "miles"): "square mile",
    ("square", "metres"): "square metre", ("square", "meters"): "square metre", ("square", "feet"): "square foot",
    ("cubic", "metres"): "cubic metre", ("cubic", "meters"): "cubic metre", ("cubic", "feet"): "cubic foot",
    ("basis", "points"): "basis point", ("basis", "point"): "basis point",
    ("barrels", "per", "day"): "barrel per day", ("barrels", "a", "day"): "barrel per day",
    ("degrees", "celsius"): "degree Celsius", ("degrees", "fahrenheit"): "degree Fahrenheit",
    ("km", "/", "h"): "kilometre per hour", ("metric", "tons"): "tonne", ("metric", "tonnes"): "tonne",
    ("light", "years"): "light year",
}
# the words a phrase of each table can start (or, for _BEFORE, end) with: a cheap first test
_FIRST_WORDS = {id(t): frozenset(k[0] for k in t) for t in (_AFTER, _PERCENT)}
_LAST_WORDS = {id(_BEFORE): frozenset(k[-1] for k in _BEFORE)}
# units only read as measures when the number is glued to them ("29km"), not spaced ("5 t")
_GLUED_ONLY = {"t", "g", "l", "mt", "ha", "sq", "mm", "gb", "mb", "tb", "pp", "pts"}

# --- bounds and changes -------------------------------------------------------------------------
BOUNDS_BEFORE = {
    "more_than": ("more than", "over", "above", "in excess of", "upwards of", "greater than", "exceeding",
                  "just over", "well over", "higher than", "larger than", "beyond"),
    "less_than": ("less than", "fewer than", "under", "below", "just under", "lower than", "smaller than",
                  "well under", "short of"),
    "at_least": ("at least", "no fewer than", "no less than", "a minimum of", "not less than", "not fewer than",
                 "a minimum", "minimum of"),
    "at_most": ("up to", "at most", "no more than", "a maximum of", "not more than", "as many as", "as much as",
                "as high as", "maximum of"),
    "about": ("about", "around", "nearly", "almost", "approximately", "approx", "some", "roughly",
              "an estimated", "estimated", "close to", "circa", "approximate", "more or less", "just about",
              "an approximate", "about some", "upward of", "or so"),
}
BOUNDS_AFTER = {("or", "more"): "at_least", ("or", "so"): "about", ("plus",): "more_than", ("+",): "more_than",
                ("or", "less"): "at_most", ("or", "fewer"): "at_most", ("-", "plus"): "more_than",
                ("odd",): "about", ("-", "odd"): "about"}
_BOUND_KEYS = sorted(((_keys(p), b) for b, ps in BOUNDS_BEFORE.items() for p in ps), key=lambda x: -len(x[0]))
_BOUND_LONGEST = max(len(k) for k in [k for k, _ in _BOUND_KEYS] + list(BOUNDS_AFTER))
# _BOUND_KEYS by length, longest first, each a dict (the first bound listed for a phrase wins)
_BOUNDS_BY_LENGTH: list[tuple[int, dict[tuple[str, ...], str]]] = []
for _key, _b in _BOUND_KEYS:
    if not _BOUNDS_BY_LENGTH or _BOUNDS_BY_LENGTH[-1][0] != len(_key):
        _BOUNDS_BY_LENGTH.append((len(_key), {}))
    _BOUNDS_BY_LENGTH[-1][1].setdefault(_key, _b)
_BOUND_LAST_WORDS = frozenset(k[-1] for k, _ in _BOUND_KEYS)
_AFTER_LONGEST = max(len(k) for k in BOUNDS_AFTER)

UP_WORDS = frozenset(
    "up rose rise rises rising risen increase increased increases increasing grew grow grows growing grown "
    "climbed climb climbs climbing jumped jump jumps jumping surged surge surges surging soared soar soars "
    "soaring gained gain gains gaining added adds expanded expand expands advanced advance advances "
    "rebounded rebound spiked swelled swell raised raise raises hiked hike boosted boost higher "
    "accelerated increment skyrocketed rocketed leapt leaped doubled tripled".split()
)
DOWN_WORDS = frozenset(
    "down fell fall falls falling fallen dropped drop drops dropping declined decline declines declining "
    "decreased decrease decreases decreasing slid slide slides sliding dipped dip dips dipping plunged "
    "plunge plunges plunging plummeted plummet tumbled tumble tumbles sank sink sinks sunk shrank shrink "
    "shrinks shrunk slumped slump slumps lost lose loses losing cut cuts reduced reduce reduces contracted "
    "contract contracts eased ease eases slipped slip slips retreated retreat lower lowered shed sheds "
    "slashed slash trimmed trim fell-off halved".split()
)
UP_NOUNS = frozenset("increase rise gain jump growth hike surge rally climb boost upturn expansion".split())
DOWN_NOUNS = frozenset("decrease decline drop fall cut reduction loss slump contraction dip plunge downturn "
                       "slide reduction".split())
_SKIP_BEFORE_CHANGE = frozenset("by a an another further some nearly almost about only just".split())

SAY_LEMMAS = frozenset(
    "say tell announce report state add note estimate show indicate reveal claim disclose confirm "
    "write according predict forecast project calculate find put".split()
)
SUPERLATIVES = frozenset(
    "largest biggest highest lowest smallest richest poorest busiest strongest weakest deadliest worst best "
    "greatest leading fastest slowest oldest youngest longest shortest heaviest wealthiest most least "
    "populous top-selling largest-ever costliest cheapest tallest widest deepest hottest coldest safest".split()
)
MONTHS = frozenset(
    "january february march april may june july august september october november december jan feb mar apr "
    "jun jul aug sep sept oct nov dec".split()
)
_CLOCK_AFTER = {("a", ".", "m", "."), ("p", ".", "m", "."), ("am",), ("pm",), ("a", ".", "m"), ("p", ".", "m"),
                ("o", "'", "clock"), ("o", "’", "clock"), ("gmt",), ("utc",), ("hrs",), ("est",), ("et",)}
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\S+\.(?:com|org|net|gov|html?)\S*", re.IGNORECASE)
# Every _URL match contains "://", "@" or one of these; _URL itself backtracks over every word, and
# most articles have no address at all.
_URL_HINT = re.compile(r"www\.|\.(?:com|org|net|gov|htm)", re.IGNORECASE)


def _may_have_url(text: str) -> bool:
    return "@" in text or "://" in text or _URL_HINT.search(text) is not None
_FUNCTION_TITLES = frozenset("the a an in on at of for and but or by to from with as since about over under "
                             "after before during some more less than nearly almost around only just".split())


@dataclass(slots=True)
class _Core:
    """A number with what makes it a quantity, in lexeme indices [first, last)."""

    first: int
    last: int
    value: float
    kind: str
    unit: str | None
    number: Number


# --- helpers over lexemes -----------------------------------------------------------------------
def _seq(lx: list[Lexeme], i: int, n: int) -> tuple[str, ...]:
    return tuple([x.low for x in lx[i:i + n]]) if i >= 0 and i + n <= len(lx) else ()


def _match_after(lx: list[Lexeme], i: int, table: dict) -> tuple[str, int] | None:
    """Longest table phrase starting at lexeme i: (value, end)."""
    if not 0 <= i < len(lx) or lx[i].low not in _FIRST_WORDS[id(table)]:
        return None  # the common case, and no phrase of any length can start here
    for n in range(min(_MAX_CUR, len(lx) - i), 0, -1):
        key = _seq(lx, i, n)
        if key in table:
            return table[key], i + n
    return None


def _match_before(lx: list[Lexeme], i: int, table: dict) -> tuple[str, int] | None:
    """Longest table phrase ending just before lexeme i: (value, start)."""
    if not 0 < i <= len(lx) or lx[i - 1].low not in _LAST_WORDS[id(table)]:
        return None
    for n in range(min(_MAX_CUR, i), 0, -1):
        key = _seq(lx, i - n, n)
        if key in table and _prefix_ok(lx, i - n, n):
            return table[key], i - n
    return None


def _prefix_ok(lx: list[Lexeme], start: int, n: int) -> bool:
    """A one-letter prefix ("A$", "C$", "S$") must be glued to the symbol and be a word of its own:
    "a $5 bill" and "it's $5" are dollars. Spaced "c $" is kept for tokenised text."""
    first = lx[start]
    if n < 2 or first.kind != "word" or len(first.text) != 1:
        return True
    if start > 0 and lx[start - 1].text in "'’" and first.glued:
        return False
    return lx[start + 1].glued or first.low == "c"


def _is_word(lx: list[Lexeme], i: int) -> bool:
    return 0 <= i < len(lx) and lx[i].kind == "word"


# --- what a number is ---------------------------------------------------------------------------
def _money(lx: list[Lexeme], num: Number, floor: int = 0) -> _Core | None:
    """Currency before ("$ 75 million", "US$", "USD 200") or after ("420 million finnish markka", "10 €").

    `floor` is the first lexeme not taken by an earlier figure ("10 $ 30 $" is two amounts)."""
    first, last, value = num.first, num.last, num.value
    code = None
    before = _match_before(lx, first, _BEFORE)
    if before and before[1] >= floor:
        code, start = before
        # a currency word before digits only, and not the end of an earlier amount ("50 dollar 40 rmb")
        if lx[start].kind == "word" and not num.digits:
            code = None
        else:
            first = start
    scaled_code = lx[first - 1].low if first > 0 and lx[first - 1].kind == "word" else ""
    m = _SCALED_CODE.match(scaled_code) if code is None and num.digits else None
    if m:
        code, value, first = m.group(2).upper(), value * _SCALED_CODE_MULT[m.group(1)], first - 1
    if code is not None:
        after = _match_after(lx, last, _AFTER)
        if after and after[0] == code and lx[last].kind == "word" and not _opens_next_amount(lx, last, after[1]):
            last = after[1]  # "$10 dollars"
        elif _is_word(lx, last) and lx[last].low in _SCALE_WORDS_AFTER_CODE and not num.scaled:
            value, last = value * _SCALE_WORDS_AFTER_CODE[lx[last].low], last + 1
        return _Core(first, last, value, "money", code, num)
    k = last + 1 if last < len(lx) and lx[last].text in "-‐" and lx[last].glued else last
    after = _match_after(lx, k, _AFTER)
    if after and not _opens_next_amount(lx, k, after[1]):
        code, end = after
        if _is_word(lx, end) and lx[end].low in _SCALE_WORDS_AFTER_CODE and not num.scaled:
            value, end = value * _SCALE_WORDS_AFTER_CODE[lx[end].low], end + 1  # "75 USD million"
        return _Core(first, end, value, "money", code, num)
    last = k
    if _is_word(lx, last):
        m = _SCALED_CODE.match(lx[last].low)
        if m:
            return _Core(first, last + 1, value * _SCALED_CODE_MULT[m.group(1)], "money", m.group(2).upper(), num)
        minor = MINOR_UNITS.get(lx[last].low)
        if minor and not (lx[last].low == "p" and not lx[last].glued):
            return _Core(first, last + 1, value * minor[1], "money", minor[0], num)
    elif last < len(lx) and lx[last].text == "¢":
        return _Core(first, last + 1, value * 0.01, "money", "USD", num)
    return None


def _opens_next_amount(lx: list[Lexeme], start: int, end: int) -> bool:
    """A symbol or code between two numbers belongs to the second when glued to it ("1 $10",
    "3 USD50") or when the second carries its own currency name ("1 $ 10 dollars")."""
    if end >= len(lx) or lx[end].kind != "num":
        return False
    if lx[end].glued and not lx[start].glued:
        return True
    nxt = _match_after(lx, end + 1, _AFTER)
    # "1 $ 10 dollars": a bare symbol before an amount that names its currency; but "10 $ 30 $"
    return nxt is not None and lx[start].kind != "word" and lx[end + 1].kind == "word"


_SCALE_WORDS_AFTER_CODE = {"million": 1e6, "billion": 1e9, "trillion": 1e12, "thousand": 1e3, "mn": 1e6,
                           "bn": 1e9, "m": 1e6, "k": 1e3}


def _minor_tail(lx: list[Lexeme], core: _Core, numbers_at: dict[int, Number]) -> None:
    """"3 dollars 50 cents", "fourteen dollars and sixty cents", "15 dollars 50": add the cents."""
    if core.kind != "money" or core.number.scaled or not float(core.value).is_integer():
        return
    j = core.last
    if _is_word(lx, j) and lx[j].low == "and":
        j += 1
    nxt = numbers_at.get(j)
    if nxt is None or nxt.form != "cardinal" or not (0 < nxt.value < 100) or not float(nxt.value).is_integer():
        return
    end = nxt.last
    minor = MINOR_UNITS.get(lx[end].low) if _is_word(lx, end) else None
    if minor and (minor[1] == 0.01 or minor[0] == core.unit) and nxt.value * minor[1] < 1:
        core.value += nxt.value * minor[1]
        core.last = end + 1
        if minor[1] > 0.01:  # "three kuai and two mao four": the bare digit after mao is fen
            last = numbers_at.get(end + 1)
            if last is not None and last.form == "cardinal" and last.value in _DIGIT_VALUES and _ends_phrase(lx, last.last):
                core.value += last.value * minor[1] / 10
                core.last = last.last
        return
    if minor or not _ends_phrase(lx, end):
        return
    core.value += nxt.value / 100
    core.last = end


_DIGIT_VALUES = frozenset(float(v) for v in range(1, 10))


def _ends_phrase(lx: list[Lexeme], i: int) -> bool:
    """Nothing after lexeme i-1 that could be counted by the number before it: the end, a punctuation
    mark, "and" ("two dollars and three and ..."), or "more"/"less"."""
    if i >= len(lx):
        return True
    if lx[i].kind in ("word", "num"):
        return lx[i].low in ("and", "more", "less")
    return lx[i].text not in "$€£¥%"


def _percent(lx: list[Lexeme], num: Number) -> _Core | None:
    """"26.3 percent", "5%", "2 percentage points"; and the spoken inversion "per cent of thirty-five"
    when nothing names what the number counts."""
    hit = _match_after(lx, num.last, _PERCENT)
    if hit:
        unit, end = hit
        return _Core(num.first, end, num.value, "percent", unit, num)
    i = num.first
    if i >= 2 and lx[i - 1].low == "of" and lx[i - 2].kind == "word":
        for n in (2, 1):
            key = _seq(lx, i - 1 - n, n)
            if key in _PERCENT and key != ("%",) and (i - 1 - n == 0 or lx[i - 2 - n].kind != "num"):
                if num.last >= len(lx) or lx[num.last].kind == "sym":
                    return _Core(i - 1 - n, num.last, num.value, "percent", _PERCENT[key], num)
    return None


def _measure(lx: list[Lexeme], num: Number) -> _Core | None:
    i = num.last
    for n in (3, 2):
        key = _seq(lx, i, n)
        if key in _MEASURE_PHRASES:
            return _Core(num.first, i + n, num.value, "measure", _MEASURE_PHRASES[key], num)
    if i < len(lx) and (lx[i].kind == "word" or lx[i].text == "°"):
        low = lx[i].low
        if lx[i].text == "°" and _is_word(lx, i + 1) and lx[i + 1].low in ("c", "f"):
            return _Core(num.first, i + 2, num.value, "measure", MEASURES["°" + lx[i + 1].low], num)
        if low in MEASURES and (low not in _GLUED_ONLY or lx[i].glued):
            if low in ("point", "points") and num.form != "cardinal":
                return None
            return _Core(num.first, i + 1, num.value, "measure", MEASURES[low], num)
    return None


_PLURAL_UNIT_NOUNS = ("NNS", "NNPS")
_LENGTH_ADJECTIVES = frozenset("tall high long wide deep thick away below above".split())


class _Tokens:
    """Character offsets to spaCy tokens."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.starts = doccache.column(doc, "idx")
        self.words = doccache.column(doc, "text")
        self.parsed = doc.has_annotation("DEP")
        self.tagged = doc.has_annotation("TAG")
        self._times: _Times | None = None

    def times(self) -> _Times:
        """doc._.times indexed, built on first use (many articles have figures but no parse)."""
        if self._times is None:
            self._times = _Times(self.doc._.times or ())
        return self._times

    def at(self, char: int) -> Token | None:
        """The token containing char, or the first one after it."""
        i = bisect_left(self.starts, char + 1) - 1
        if i >= 0 and self.starts[i] + len(self.words[i]) > char:
            return self.doc[i]
        i += 1
        return self.doc[i] if i < len(self.doc) else None

    def span(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand")


def _date_like(lx: list[Lexeme], num: Number, toks: _Tokens) -> bool:
    """A number that is part of a date or a clock time: years, days of months, "5 p.m."."""
    f, l = num.first, num.last
    lexeme = lx[f]
    prev = lx[f - 1].low if f > 0 else ""
    prev2 = lx[f - 2].low if f > 1 else ""
    nxt = lx[l].low if l < len(lx) else ""
    is_day = num.value == int(num.value) and 1 <= num.value <= 31 and (num.digits or num.form == "ordinal")
    if is_day and (prev in MONTHS or (prev == "." and prev2 in MONTHS)):
        return True
    if is_day and (nxt in MONTHS or (nxt == "of" and l + 1 < len(lx) and lx[l + 1].low in MONTHS)):
        if nxt != "may" or lx[l].text[0] == "M" or num.digits:
            return True
    for n in (4, 3, 2, 1):
        if _seq(lx, l, n) in _CLOCK_AFTER and 0 <= num.value <= 24:
            return True
    if num.digits and num.form == "cardinal" and lexeme.kind == "num" and l == f + 1 and re.fullmatch(r"\d{4}", lexeme.text):
        if 1000 <= num.value <= 2199:
            if prev in MONTHS or prev == "," and prev2.isdigit():
                return True
            if l < len(lx) and lx[l].glued and lx[l].low in ("s", "'s", "’s"):
                return True
            tok = toks.at(lx[l].start) if l < len(lx) else None
            if tok is not None and toks.tagged and tok.tag_ in _PLURAL_UNIT_NOUNS and tok.idx == lx[l].start:
                return False  # "2000 troops"
            if nxt in ("people", "percent", "per", "%") or nxt in MEASURES:
                return False
            return True
    if num.digits and lexeme.kind == "num" and l < len(lx) and lx[l].glued and lx[l].low == "s":
        return True  # "1990s", "80s"
    return False


def _identifier(lx: list[Lexeme], num: Number, toks: _Tokens, text: str) -> bool:
    """Numbers that are parts of names and codes: "G20", "COVID-19", "Boeing 747", "11a"."""
    f, l = num.first, num.last
    if not num.digits:
        return False
    first = lx[f]
    if f > 0 and first.glued and lx[f - 1].kind == "word":
        return True
    if f > 1 and first.glued and lx[f - 1].text in "-‐‑" and lx[f - 1].glued and lx[f - 2].kind == "word":
        return True
    if f > 0 and first.glued and lx[f - 1].text in ("#", "№"):
        return True
    if l < len(lx) and lx[l].glued and lx[l].kind == "num":
        return True
    if l < len(lx) and lx[l].glued and lx[l].kind == "word" and num.form == "cardinal":
        low = lx[l].low
        if low not in MEASURES and (low,) not in _AFTER and low not in MINOR_UNITS \
                and (low,) not in _PERCENT and not _SCALED_CODE.match(low) and low not in ("m", "s"):
            return True
    if toks.tagged and f > 0 and lx[f - 1].kind == "word" and not first.glued and num.form == "cardinal":
        prev = toks.at(lx[f - 1].start)
        if prev is not None and prev.is_title and not prev.is_sent_start and prev.lower_ not in _FUNCTION_TITLES \
                and prev.lower_ not in MONTHS and (prev.lower_,) not in _BEFORE and prev.pos_ in ("PROPN", "NOUN"):
            if not num.scaled and re.fullmatch(r"\d+", first.text):
                return True  # "Boeing 747", "Article 5", "Resolution 2231"
    return False


def _bound(lx: list[Lexeme], core: _Core) -> tuple[str, int, int]:
    """(bound, first, last): the bound phrase before or after the figure widens its span."""
    first = core.first
    if first > 0 and lx[first - 1].low in _BOUND_LAST_WORDS:
        for n, table in _BOUNDS_BY_LENGTH:
            if first >= n:
                key = _seq(lx, first - n, n)
                bound = table.get(key)
                if bound is not None:
                    if key == ("under",) and first >= 2 and lx[first - 2].low in ("down", "up"):
                        continue
                    return bound, first - n, core.last
    # the phrases of each length after the figure, made once for all the keys
    after = [_seq(lx, core.last, n) for n in range(_AFTER_LONGEST + 1)]
    after_next = [_seq(lx, core.last + 1, n) for n in range(_AFTER_LONGEST + 1)]
    for key, bound in BOUNDS_AFTER.items():
        n = len(key)
        if key[0] == "or" and _is_word(lx, core.last) and after_next[n] == key:
            return bound, core.first, core.last + 1 + n  # "1,000 people or more"
        if after[n] == key:
            if key in (("+",), ("plus",)) and core.last + n < len(lx) and lx[core.last + n].kind == "num":
                continue  # "5 + 3" is arithmetic
            if key == ("+",) and not lx[core.last].glued:
                continue
            return bound, core.first, core.last + n
    return "exact", core.first, core.last


def _change(lx: list[Lexeme], first: int, last: int, root: Token | None) -> str | None:
    """"up 26.3 percent", "rose by 5%", "a 5% increase", "an increase of 5%"."""
    if first > 0 and lx[first - 1].text == "+" and lx[first].glued:
        return "up"  # "+5%"
    i = first - 1
    steps = 0
    while i >= 0 and steps < 3 and lx[i].kind == "word" and (lx[i].low in _SKIP_BEFORE_CHANGE or lx[i].low.endswith("ly")):
        i -= 1
        steps += 1
    if i >= 0 and lx[i].kind == "word":
        w = lx[i].low
        if w in UP_WORDS and not (w == "up" and _seq(lx, i + 1, 1) == ("to",)):
            return "up"
        if w in DOWN_WORDS:
            return "down"
        if w == "of" and i > 0 and lx[i - 1].low in UP_NOUNS:
            return "up"
        if w == "of" and i > 0 and lx[i - 1].low in DOWN_NOUNS:
            return "down"
    j = last + 1 if last < len(lx) and lx[last].text == "-" else last
    if _is_word(lx, j):
        w = lx[j].low.rstrip("s")
        if w in UP_NOUNS:
            return "up"
        if w in DOWN_NOUNS:
            return "down"
    if root is not None and root.dep_ == "pobj" and root.head.lower_ == "by":
        verb = root.head.head
        if verb.lemma_.lower() in UP_WORDS or verb.lower_ in UP_WORDS:
            return "up"
        if verb.lemma_.lower() in DOWN_WORDS or verb.lower_ in DOWN_WORDS:
            return "down"
    return None


# --- dependency attachments ---------------------------------------------------------------------
_NOUN_MOD_DEPS = {"compound", "nmod", "amod", "nummod", "quantmod", "poss"}
_SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}


def _governor(tok: Token) -> Token:
    """The verb (or root) a token hangs from (walked over the cached columns, not Token objects)."""
    doc = tok.doc
    pos, head = doccache.column(doc, "pos"), doccache.column(doc, "head")
    i = tok.i
    seen = 0
    while pos[i] not in ("VERB", "AUX") and head[i] != i and seen < 30:
        i = head[i]
        seen += 1
    return tok if i == tok.i else doc[i]


def _phrase(tok: Token, full: bool = False) -> Span:
    """A noun phrase for tok: its premodifiers and "of" complement, without leading determiners."""
    doc = tok.doc
    if full:
        start, end = tok.left_edge.i, tok.right_edge.i + 1
    else:
        start, end = tok.left_edge.i, tok.i + 1
        for child in tok.rights:
            if child.dep_ in ("prep",) and child.lower_ == "of" or child.dep_ in ("compound", "conj", "cc", "appos"):
                end = max(end, child.right_edge.i + 1)
            else:
                break
    while start < end - 1 and doc[start].dep_ in ("det", "poss", "case", "punct", "predet") or (
        start < end - 1 and doc[start].pos_ == "PRON" and doc[start].dep_ == "poss"
    ):
        start += 1
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    if end - start > 12:
        start = max(start, tok.i - 6)
        end = min(end, tok.i + 1)
    return doc[start:end]


def _verb_phrase(verb: Token) -> str:
    """The verb with its object: what a figure that is itself the subject takes part in."""
    objs = [c for c in verb.rights if c.dep_ in ("dobj", "attr", "acomp", "oprd")]
    if objs:
        return verb.doc[verb.i:objs[0].i + 1].text
    return verb.text


def _subject(anchor: Token, span: Span) -> str | None:
    """What the figure measures: the noun it modifies, else the subject of its clause."""
    head = anchor.head
    if anchor.dep_ in _NOUN_MOD_DEPS and head.i != anchor.i and head.pos_ in ("NOUN", "PROPN") and not (
        span.start <= head.i < span.end
    ):
        phrase = _phrase(head)
        if phrase.start <= max(span.start, anchor.i) < phrase.end:  # "a $48.2 million contract" -> "contract"
            phrase = phrase.doc[max(span.end, anchor.i + 1, phrase.start):phrase.end]
            while len(phrase) > 1 and (phrase[0].is_punct or phrase[0].dep_ in ("quantmod", "nummod", "case")):
                phrase = phrase[1:]
        return phrase.text or None
    verb = _governor(anchor)
    for _ in range(4):
        subj = [c for c in verb.children if c.dep_ in _SUBJ_DEPS]
        if subj:
            s = subj[0]
            if s.left_edge.i <= anchor.i <= s.right_edge.i:
                return _verb_phrase(verb)  # the figure is the subject itself: "2,000 troops were killed"
            if s.pos_ == "PRON" and s.lower_ in ("it", "this", "that", "which") and verb.dep_ == "relcl":
                return _phrase(verb.head).text
            if s.dep_ == "expl":
                break
            return _phrase(s, full=len(list(s.subtree)) <= 6).text
        if verb.dep_ in ("conj", "xcomp", "advcl", "acl", "relcl", "ccomp", "pcomp") and verb.head.i != verb.i:
            if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
                return _phrase(verb.head).text
            verb = _governor(verb.head) if verb.head.pos_ not in ("VERB", "AUX") else verb.head
            continue
        break
    return verb.text if verb.pos_ in ("VERB", "AUX") else None


def _time_for(doc: Doc, toks: _Tokens, anchor: Token, start: int, end: int) -> str | None:
    """The TIMEX3 value of the time governing the figure: same clause first, then the sentence."""
    sent = anchor.sent
    verb = _governor(anchor)
    best = None
    # ties go to the time listed first in doc._.times, hence the position in the key
    for order, t in toks.times().starting_in(sent.start_char, sent.end_char):
        if t.start < end and start < t.end:
            continue
        tok = toks.at(t.start)
        tspan = toks.span(t.start, t.end)
        troot = tspan.root if tspan is not None else tok
        same = troot is not None and toks.parsed and _governor(troot) == verb
        key = (0 if same else 1, min(abs(t.start - end), abs(start - t.end)), order)
        if best is None or key < best[0]:
            best = (key, t.value)
    return best[1] if best else None


def _source_for(doc: Doc, toks: _Tokens, anchor: Token) -> str | None:
    """The actor the figure is attributed to: "according to X", "X said", "X estimated"."""
    sent = anchor.sent
    lower, lemma, pos = doccache.column(doc, "lower"), doccache.column(doc, "lemma"), doccache.column(doc, "pos")
    candidates: list[Span] = []
    for i in range(sent.start, sent.end):
        if lower[i] == "according" and i + 1 < len(doc) and lower[i + 1] == "to":
            objs = [c for c in doc[i + 1].children if c.dep_ == "pobj"]
            if objs:
                candidates.append(doc[objs[0].left_edge.i:objs[0].right_edge.i + 1])
            else:
                nxt = doc[i + 2:min(len(doc), i + 8)]
                candidates.append(nxt)
    verbs = [a for a in anchor.ancestors if a.lemma_.lower() in SAY_LEMMAS]
    verbs += [doc[i] for i in range(sent.start, sent.end)
              if lemma[i].lower() in SAY_LEMMAS and pos[i] in ("VERB",) and doc[i] not in verbs]
    for v in verbs:
        subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            s = subj[0]
            candidates.append(doc[s.left_edge.i:s.right_edge.i + 1])
        agents = [c for c in v.children if c.dep_ == "agent"]
        for ag in agents:
            for c in ag.children:
                if c.dep_ == "pobj":
                    candidates.append(doc[c.left_edge.i:c.right_edge.i + 1])
    for span in candidates:
        actor = actor_for_span(doc, span.start_char, span.end_char)
        if actor is not None:
            return actor.id
    return None


def _unit_noun(toks: _Tokens, lx: list[Lexeme], last: int, root: Token | None) -> Token | None:
    """The counted noun: "40 times" -> times, "2,000 troops" -> troops, "14 consecutive years" -> years."""
    if root is not None and toks.parsed and root.dep_ in ("nummod", "quantmod", "compound", "amod") and root.head.pos_ in ("NOUN", "PROPN") and root.head.i > root.i:
        return root.head
    if last < len(lx):
        tok = toks.at(lx[last].start)
        if tok is not None and tok.idx == lx[last].start and tok.pos_ == "NOUN":
            return tok
    return None


# --- the whole ----------------------------------------------------------------------------------
def extract_quantities(doc: Doc) -> list[Quantity]:
    """All figures in doc, sorted by start; see the module docstring."""
    text = doccache.text(doc)
    lx = lex(text)
    numbers = find_numbers(lx)
    if not numbers:
        return []
    toks = _Tokens(doc)
    spans = [(m.start(), m.end()) for m in _URL.finditer(text)] if _may_have_url(text) else []
    spans += [(t.start, t.end) for t in (doc._.times or ())]
    masked = _Spans(spans)
    numbers_at = {n.first: n for n in numbers}
    out: list[Quantity] = []
    consumed_until = -1
    for num in numbers:
        if num.first < consumed_until:
            continue
        core = _classify(lx, num, toks, text, masked, numbers_at, max(consumed_until, 0))
        if core is None:
            continue
        consumed_until = core.last
        q = _attach(doc, toks, lx, core, text)
        if q is not None and q.value is not None and math.isfinite(q.value):  # "1e400 dollars" is no figure
            out.append(q)
    out.sort(key=lambda q: (q.start, q.end))
    return out


def _classify(lx, num: Number, toks: _Tokens, text: str, masked: _Spans, numbers_at, floor: int) -> _Core | None:
    s, e = lx[num.first].start, lx[num.last - 1].end
    near = masked.overlapping(s, e)
    if any(not _number_holds(lx, num, s, e, a, b) for a, b in near):
        if _in_url(text, s, e):
            return None
        # "three quarters of them" is a share; "the first three quarters of 2011" a period
        period = num.first > 0 and lx[num.first - 1].low in _PERIOD_BEFORE
        share = num.value < 1 and _seq(lx, num.last, 1) == ("of",) and not any(
            b > e or (a < s and period) for a, b in near)
        if not share:
            return _money(lx, num, floor) or _percent(lx, num)  # inside a date or time: only money and percent stay
    core = _numbered_rank(lx, num)
    if core is not None:
        return core
    if _identifier(lx, num, toks, text):
        if _money_before(lx, num) is None:
            return None
    core = _money(lx, num, floor) if num.form != "ordinal" else None
    if core is not None:
        _minor_tail(lx, core, numbers_at)
        return core
    if num.bare_m:
        nxt = lx[num.last] if num.last < len(lx) else None
        tok = toks.at(nxt.start) if nxt is not None and toks.tagged else None
        plural = tok is not None and tok.tag_ in _PLURAL_UNIT_NOUNS
        decimal = "." in lx[num.first].text or "," in lx[num.first].text
        if not plural and (not decimal or (nxt is not None and nxt.low in _LENGTH_ADJECTIVES)):
            return None  # "1m" alone, "1.8m tall": metres
    core = _percent(lx, num) if num.form != "ordinal" else None
    if core is not None:
        return core
    if _date_like(lx, num, toks):
        return None
    if num.form == "ordinal":
        return _ordinal(lx, num, toks)
    core = _measure(lx, num)
    if core is not None:
        return core
    if not _keep_count(lx, num, toks):
        return None
    return _Core(num.first, num.last, num.value, "count", None, num)


class _Spans:
    """Character spans (dates, times, addresses) sorted by start, so finding the ones a number
    overlaps costs a bisection, not a pass over every span of the article."""

    __slots__ = ("starts", "spans", "longest")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        self.longest = max((b - a for a, b in self.spans), default=0)

    def overlapping(self, s: int, e: int) -> list[tuple[int, int]]:
        """The spans [a, b) with a < e and s < b."""
        lo = bisect_left(self.starts, s - self.longest)
        hi = bisect_left(self.starts, e)
        return [(a, b) for a, b in self.spans[lo:hi] if b > s]


_LINKS = frozenset({"and", "over"})
# Words before "two quarters", "half" in a time that make it a stretch of the calendar, not a share.
_PERIOD_BEFORE = frozenset("first second third fourth last past next previous coming final latter opening "
                           "recent consecutive straight".split())


def _number_holds(lx: list[Lexeme], num: Number, s: int, e: int, a: int, b: int) -> bool:
    """A time inside a number joined by "and" or "over" is a piece the time grammar read alone:
    "seven and a quarter" is 7.25 (not "a quarter" of a year), "three billion and one quarter
    million", "600 over 4". It must not reach past the number ("three and a half years" is a time);
    when it covers all of it, the number must end in a fraction ("two hundred and one quarter")."""
    if not (s <= a and b <= e):
        return False
    links = [k for k in range(num.first + 1, num.last - 1) if lx[k].low in _LINKS]
    if not links:
        return False
    if (a, b) != (s, e):
        return any(lx[k].start < a or lx[k].end > b for k in links)
    return lx[num.last - 1].low in DENOMINATORS and lx[num.last - 1].low.startswith(("half", "quarter"))


def _in_url(text: str, s: int, e: int) -> bool:
    a, b = max(0, s - 300), min(len(text), e + 300)
    if not _may_have_url(text[a:b]):
        return False
    return any(m.start() <= s and e <= m.end() for m in _URL.finditer(text, a, b))


def _money_before(lx: list[Lexeme], num: Number):
    if num.first > 0 and lx[num.first - 1].kind == "word":
        low = lx[num.first - 1].low
        if (low,) in _BEFORE or _SCALED_CODE.match(low):
            return low
    return None


def _keep_count(lx: list[Lexeme], num: Number, toks: _Tokens) -> bool:
    """Drop the pronoun "one" ("the one you mentioned") and "half" inside compounds ("half-time")."""
    if num.last - num.first == 1 and lx[num.first].low == "one" and toks.tagged:
        tok = toks.at(lx[num.first].start)
        if tok is not None and tok.pos_ in ("NOUN", "PRON"):
            return False
    if lx[num.first].low == "half" and num.last - num.first == 1:
        if num.last < len(lx) and lx[num.last].text == "-" and lx[num.last].glued:
            return False
    return True


def _ordinal(lx: list[Lexeme], num: Number, toks: _Tokens) -> _Core | None:
    """An ordinal, or a rank when a superlative follows ("eighth-largest", "the second biggest")."""
    f, l = num.first, num.last
    w = lx[f].low
    if w == "second" and toks.tagged:
        tok = toks.at(lx[f].start)
        if tok is not None and tok.pos_ == "NOUN" and tok.tag_ == "NN":
            return None  # "a second" of time
    j = l + 1 if l < len(lx) and lx[l].text == "-" else l
    if _seq(lx, j, 2) in (("to", "last"), ("from", "last")) or _seq(lx, j, 1) == ("last",):
        return None
    if _is_word(lx, j):
        nxt = lx[j].low
        tok = toks.at(lx[j].start) if toks.tagged else None
        if nxt in SUPERLATIVES or (tok is not None and tok.tag_ == "JJS"):
            unit = nxt
            if nxt in ("most", "least") and _is_word(lx, j + 1):
                unit = f"{nxt} {lx[j + 1].low}"
            return _Core(f, l, num.value, "rank", unit, num)
    if f > 0 and lx[f - 1].low in ("ranked", "ranks", "rank", "ranking", "placed", "finished"):
        return _Core(f, l, num.value, "rank", None, num)
    return _Core(f, l, num.value, "ordinal", None, num)


def _numbered_rank(lx: list[Lexeme], num: Number) -> _Core | None:
    """"No. 2", "number one": a position in a ranking."""
    f = num.first
    if num.form != "cardinal" or not float(num.value).is_integer():
        return None
    if f >= 2 and lx[f - 1].text == "." and lx[f - 1].glued and lx[f - 2].text in ("No", "no"):
        return _Core(f - 2, num.last, num.value, "rank", None, num)
    if f >= 1 and lx[f - 1].text == "№":
        return _Core(f - 1, num.last, num.value, "rank", None, num)
    if f >= 1 and lx[f - 1].low == "number" and not num.digits:
        return _Core(f - 1, num.last, num.value, "rank", None, num)
    return None


def _attach(doc: Doc, toks: _Tokens, lx: list[Lexeme], core: _Core, text: str) -> Quantity | None:
    bound, first, last = ("exact", core.first, core.last)
    if core.kind in ("money", "percent", "count", "measure"):
        bound, first, last = _bound(lx, core)
    start, end = lx[first].start, lx[last - 1].end
    cstart, cend = lx[core.first].start, lx[core.last - 1].end
    unit = core.unit
    change = subject = time = source = None
    span = toks.span(cstart, cend)
    root = span.root if span is not None and toks.parsed else None
    if core.kind == "count" and toks.tagged:
        noun = _unit_noun(toks, lx, core.last, root)
        if noun is not None:
            unit = noun.lemma_.lower() if noun.lemma_ else noun.lower_
    if core.kind in ("money", "percent", "count", "measure"):
        change = _change(lx, first, last, root)
    if root is not None:
        anchor = root
        if core.kind == "count":
            noun = _unit_noun(toks, lx, core.last, root)
            if noun is not None:
                anchor = noun
        if core.kind in ("rank", "ordinal") and root.head.pos_ in ("NOUN", "PROPN", "ADJ"):
            anchor = root
        subject = _subject(anchor, span)
        time = _time_for(doc, toks, anchor, start, end)
        source = _source_for(doc, toks, anchor)
    elif doc._.times:
        time = toks.times().nearest(start, end)
    value = float(f"{core.value:.12g}")  # 8.2 * 1e6 is 8199999.999999999 in binary floating point
    return Quantity(start, end, text[start:end], core.kind, value, unit, bound, change, subject, time, source)


class _Times:
    """The article's dated DATE/TIME expressions, indexed by start and by end, so the time of each
    figure is found by bisection rather than by a pass over every time of a long article. Each
    keeps its position in doc._.times: of two equally good times the one listed first wins."""

    def __init__(self, times) -> None:
        usable = [(k, t) for k, t in enumerate(times) if t.value is not None and t.type in ("DATE", "TIME")]
        self.by_start = sorted(usable, key=lambda p: (p[1].start, p[0]))
        self.starts = [t.start for _, t in self.by_start]
        self.by_end = sorted(usable, key=lambda p: (p[1].end, p[0]))
        self.ends = [t.end for _, t in self.by_end]

    def starting_in(self, lo: int, hi: int) -> list:
        """(position, time) of the times starting in [lo, hi)."""
        return self.by_start[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]

    def nearest(self, start: int, end: int) -> str | None:
        """Without a parse: the value of the nearest time not overlapping [start, end)."""
        best = None  # (distance, position, value)
        k = bisect_left(self.starts, end)  # the first time starting at or after the figure's end
        if k < len(self.starts):
            dist = self.starts[k] - end
            for order, t in self.by_start[k:bisect_right(self.starts, self.starts[k])]:
                if best is None or (dist, order) < best[:2]:
                    best = (dist, order, t.value)
        k = bisect_right(self.ends, start)  # the times ending at or before the figure's start
        if k:
            dist = start - self.ends[k - 1]
            for order, t in self.by_end[bisect_left(self.ends, self.ends[k - 1]):k]:
                if best is None or (dist, order) < best[:2]:
                    best = (dist, order, t.value)
        return best[2] if best else None


class QuantitiesStage(Stage):
    name = "communique_quantities"

    def run(self, doc: Doc) -> None:
        doc._.quantities = extract_quantities(doc)


@Language.factory("communique_quantities", assigns=["doc._.quantities"], default_config={})
def make_quantities(nlp: Language, name: str) -> QuantitiesStage:
    return QuantitiesStage()
