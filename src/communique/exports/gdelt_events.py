"""Events in GDELT 2.0's event table layout: 61 tab-separated columns, no header, codebook order.

What we fill and how (everything else is left empty, as GDELT leaves fields it cannot code):

- GLOBALEVENTID: the first 8 bytes of BLAKE2b(article id, TAB, event index) as a big-endian
  integer, shifted right one bit so it fits a signed 64-bit column. Stable across runs, machines
  and Python versions (unlike `hash()`), and the same event always gets the same id.
- SQLDATE / MonthYear / Year / FractionDate: the event's date when it names a day (YYYY-MM-DD,
  optionally with a time), else the article's date, else the day the article was ingested.
  FractionDate is GDELT's year + (month * 30 + day) / 365, to 4 decimals.
- Actor1/Actor2: the source and target actors (looked up by actor id in the article's actors):
  Code, Name, CountryCode (ISO3, as GDELT's CAMEO country codes), and the code's 3-letter parts
  after the country split into KnownGroupCode (first part that is not a generic CAMEO type, e.g.
  UNO of IGOUNO) and Type1-3Code (generic types: GOV of CHNGOV, IGO of IGOUNO).
- IsRootEvent: 1 when the event's sentence starts in the article's first paragraph (text up to the
  first blank line; up to the first line break when the text has no blank line).
- EventCode / EventBaseCode / EventRootCode: the CAMEO code as a string (leading zeros kept), its
  first 3 and first 2 digits. QuadClass, GoldsteinScale as stored.
- NumMentions: the event's `mentions`; NumSources and NumArticles: 1 (one article per record).
- AvgTone: left empty; we compute no tone yet, and 0 would claim a neutral one.
- Actor1Geo/Actor2Geo: Geo_Type 0 and nothing else (we do not locate actors).
- ActionGeo: the event's location when that actor is a country: Geo_Type 1, FullName the country's
  name, CountryCode/ADM1Code/FeatureID its FIPS 10-4 code (GDELT's convention for country-level
  matches; empty when we have no FIPS code); Lat/Long empty (we carry no centroids). Else Geo_Type 0.
- DATEADDED: the article's ingest time (UTC), YYYYMMDDHHMMSS. SOURCEURL: the article's url, else its id.

Rows come in (article id, event index) order, fetched from DuckDB in chunks: a store of millions
of events is streamed, never loaded whole.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from typing import Iterator

import duckdb

from communique.errors import StoreError
from communique.exports.atomic import binary_sink
from communique.exports.source import store_error

COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                             "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    *(f"Actor2{f}" for f in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                             "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{f}" for who in ("Actor1", "Actor2", "Action")
      for f in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)
assert len(COLUMNS) == 61 and COLUMNS[26] == "EventCode" and COLUMNS[29] == "QuadClass"

# Generic CAMEO actor type codes (domestic roles and international types); PTY is ours (parties).
CAMEO_TYPES = frozenset(
    "COP GOV INS JUD MIL OPP PTY REB SEP SPY UAF AGR BUS CRM CVL DEV EDU ELI ENV HLH HRI LAB LEG MED "
    "REF MOD RAD IGO IMG INT MNC NGM NGO UIS SET".split()
)
CHUNK_ROWS = 10_000
GEO_TYPE_COUNTRY = "1"
_NO_GEO = ("0", "", "", "", "", "", "", "")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:$|T)")
_UNSAFE = re.compile(r"[\t\r\n]+")

# First paragraph: text up to the first blank line, else up to the first line break, else all of it.
_PARAGRAPH_END = r"""length(coalesce(
    nullif(regexp_extract(text, '^([\s\S]*?\S)[ \t\r]*\n[ \t\r]*\n', 1), ''),
    nullif(regexp_extract(text, '^([\s\S]*?\S)[ \t\r]*\n', 1), ''),
    text))"""

# Three streams, each sorted by article id, merged in Python: DuckDB streams a sorted scan of one
# table in modest memory, where a join of events with articles and actors (then sorted) was 3x bigger.
EVENTS_SQL = """SELECT article_id, event_index, cameo, quad_class, goldstein, date, mentions, sentence_start,
       source, target, location FROM events ORDER BY article_id, event_index"""
ARTICLES_SQL = f"""SELECT id, date, ingested_at, url, {_PARAGRAPH_END} FROM articles
WHERE id IN (SELECT article_id FROM events) ORDER BY id"""
ACTORS_SQL = """SELECT article_id, actor_id, kind, name, country, code FROM actors
WHERE article_id IN (SELECT article_id FROM events) ORDER BY article_id, actor_index"""


@dataclass(frozen=True, slots=True)
class EventFacts:
    """What one GDELT row is made of: an event joined with its article and actors."""

    article_id: str
    event_index: int
    cameo: str
    quad_class: int | None
    goldstein: float | None
    date: str | None
    mentions: int | None
    sentence_start: int | None
    article_date: date | None
    ingested_at: datetime | None
    url: str | None
    paragraph_end: int | None
    source_code: str | None = None
    source_name: str | None = None
    source_country: str | None = None
    target_code: str | None = None
    target_name: str | None = None
    target_country: str | None = None
    location_kind: str | None = None
    location_name: str | None = None
    location_country: str | None = None


@lru_cache(maxsize=1)
def fips_codes() -> dict[str, str]:
    """ISO3 -> FIPS 10-4 country code (knowledge/data/fips.tsv)."""
    text = (resources.files("communique.knowledge") / "data" / "fips.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            iso3, fips = line.split("\t")[:2]
            out[iso3.strip()] = fips.strip()
    return out


def global_event_id(article_id: str, event_index: int) -> int:
    """A positive 63-bit integer fixed by (article id, event index): stable across runs and machines."""
    digest = hashlib.blake2b(f"{article_id}\t{event_index}".encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def event_day(facts: EventFacts) -> date | None:
    """The event's own day when its date names one, else the article's date, else the ingest day."""
    if facts.date:
        m = _DAY.match(facts.date)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                pass
    if facts.article_date is not None:
        return facts.article_date
    return facts.ingested_at.date() if facts.ingested_at is not None else None


def fraction_date(day: date) -> str:
    """GDELT's FractionDate: year + (month * 30 + day) / 365, to 4 decimals."""
    return f"{day.year + (day.month * 30 + day.day) / 365:.4f}"


def _code_parts(code: str) -> list[str]:
    """3-letter parts of a CAMEO code; a short tail joins the part before it (IGOBUSBRICS -> BRICS)."""
    parts = [code[i:i + 3] for i in range(0, len(code), 3)]
    if len(parts) > 1 and len(parts[-1]) < 3:
        parts[-2:] = [parts[-2] + parts[-1]]
    return parts


@lru_cache(maxsize=1 << 16)  # the same few thousand actors recur across millions of events
def actor_fields(code: str | None, name: str | None, country: str | None) -> tuple[str, ...]:
    """Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1/2Code, Type1/2/3Code."""
    code = (code or "").strip().upper()
    parts = _code_parts(code) if code else []
    if parts and (parts[0] == country or (country is None and parts[0] in fips_codes())):
        country = country or parts[0]
        parts = parts[1:]
    types = [p for p in parts if p in CAMEO_TYPES][:3]
    group = next((p for p in parts if p not in CAMEO_TYPES), "")
    types += [""] * (3 - len(types))
    return (code, _clean(name), country or "", group, "", "", "", *types)


@lru_cache(maxsize=1 << 12)
def action_geo(kind: str | None, name: str | None, iso3: str | None) -> tuple[str, ...]:
    """Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID of a country location."""
    if kind != "country" or not (name or iso3):
        return _NO_GEO
    fips = fips_codes().get(iso3 or "", "")
    return (GEO_TYPE_COUNTRY, _clean(name), fips, fips, "", "", "", fips)


def _clean(value: str | None) -> str:
    """No tab or line break may reach a TSV field."""
    return _UNSAFE.sub(" ", value).strip() if value else ""


@lru_cache(maxsize=1 << 14)
def _day_fields(day: date | None) -> tuple[str, str, str, str]:
    """SQLDATE, MonthYear, Year, FractionDate."""
    if day is None:
        return ("", "", "", "")
    return (f"{day.year:04d}{day.month:02d}{day.day:02d}", f"{day.year:04d}{day.month:02d}", str(day.year),
            fraction_date(day))


@lru_cache(maxsize=1 << 10)
def _date_added(ingested_at: datetime | None) -> str:
    return ingested_at.strftime("%Y%m%d%H%M%S") if ingested_at else ""


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def gdelt_row(f: EventFacts) -> tuple[str, ...]:
    """The 61 fields of one event, as strings, in GDELT 2.0's codebook order."""
    cameo = (f.cameo or "").strip()
    root = int(f.sentence_start is not None and f.paragraph_end is not None and f.sentence_start < f.paragraph_end)
    row = (
        str(global_event_id(f.article_id, f.event_index)),
        *_day_fields(event_day(f)),
        *actor_fields(f.source_code, f.source_name, f.source_country),
        *actor_fields(f.target_code, f.target_name, f.target_country),
        str(root),
        cameo, cameo[:3], cameo[:2],
        "" if f.quad_class is None else str(f.quad_class),
        _number(f.goldstein),
        str(f.mentions if f.mentions is not None else 1), "1", "1",
        "",  # AvgTone: not computed
        *_NO_GEO, *_NO_GEO,
        *action_geo(f.location_kind, f.location_name, f.location_country),
        _date_added(f.ingested_at),
        _clean(f.url) or _clean(f.article_id),
    )
    return row


def _stream(con: duckdb.DuckDBPyConnection, sql: str, cursors: list) -> Iterator[tuple]:
    """Rows of `sql` on a cursor of its own (so several results stream at once), fetched in chunks."""
    cursor = con.cursor()
    cursors.append(cursor)
    cursor.execute(sql)
    while chunk := cursor.fetchmany(CHUNK_ROWS):
        yield from chunk


def _groups(rows: Iterator[tuple]) -> Iterator[tuple[str, list[tuple]]]:
    """(article id, its rows) from rows sorted by article id (their first value)."""
    key, group = None, []
    for row in rows:
        if row[0] != key:
            if group:
                yield key, group
            key, group = row[0], []
        group.append(row)
    if group:
        yield key, group


def iter_facts(con: duckdb.DuckDBPyConnection) -> Iterator[EventFacts]:
    """Every stored event with its article and actors, in (article id, event index) order.

    Article ids sort the same in DuckDB (bytes of UTF-8) and Python (code points), so the three
    sorted streams are merged by comparing ids.
    """
    cursors: list = []
    try:
        events = _stream(con, EVENTS_SQL, cursors)
        articles = _stream(con, ARTICLES_SQL, cursors)
        actor_groups = _groups(_stream(con, ACTORS_SQL, cursors))
        group = next(actor_groups, None)
        article_id = article = None
        actors: dict[str, tuple] = {}
        for e in events:
            if e[0] != article_id:
                article_id = e[0]
                article = next(articles, None)
                if article is None or article[0] != article_id:
                    raise StoreError(f"store changed during the export (article {article_id})")
                while group is not None and group[0] < article_id:
                    group = next(actor_groups, None)
                actors = {}
                if group is not None and group[0] == article_id:
                    for row in group[1]:
                        actors.setdefault(row[1], row)  # the first actor of a repeated id wins
            source, target, location = actors.get(e[8]), actors.get(e[9]), actors.get(e[10])
            yield EventFacts(
                *e[:8], *article[1:],
                *(source[5], source[3], source[4]) if source else (None, None, None),
                *(target[5], target[3], target[4]) if target else (None, None, None),
                *(location[2], location[3], location[4]) if location else (None, None, None),
            )
    except duckdb.Error as exc:
        raise store_error("read events for the gdelt export", exc) from None
    finally:
        for cursor in cursors:
            cursor.close()


def export_gdelt_events(con: duckdb.DuckDBPyConnection, table: str, out) -> int:
    """Write every event as a GDELT 2.0 event row to the file `out` (atomically) or a binary stream."""
    count = 0
    with binary_sink(out) as sink:
        lines: list[str] = []
        for facts in iter_facts(con):
            lines.append("\t".join(gdelt_row(facts)))
            if len(lines) >= CHUNK_ROWS:
                sink.write(("\n".join(lines) + "\n").encode("utf-8"))
                count += len(lines)
                lines.clear()
        if lines:
            sink.write(("\n".join(lines) + "\n").encode("utf-8"))
            count += len(lines)
    return count
