"""The knowledge tables as typed values: countries, IGOs, offices with dated terms, roles, sectors.

The tables are TSV files in `knowledge/data/` (facts, editable by hand); users extend them with
`--actors FILE` in the generic actor format documented in docs/record-schema.md. Loaded once per
process and cached: the tables are read on every pipeline build, never per article.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import KnowledgeError

USER_COLUMNS = ("name", "kind", "country", "code", "aliases", "role", "start", "end")
USER_KINDS = ("country", "person", "organization", "group")


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    seats: tuple[tuple[str, str], ...] = ()  # (name, sector): "Kremlin" -> GOV


@dataclass(frozen=True, slots=True)
class Organization:
    code: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None  # None for an IGO
    kind: str = "organization"
    ambiguous: tuple[str, ...] = ()  # aliases that name it only with a cue near them ("MENA?" in a table)


@dataclass(frozen=True, slots=True)
class Office:
    country: str  # ISO3 or an IGO code
    office: str
    name: str
    aliases: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None  # None while in office

    def held_on(self, day: date | None) -> bool:
        if day is None:
            return False
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Role:
    term: str
    role: str
    sector: str | None


@dataclass(frozen=True)
class Knowledge:
    countries: tuple[Country, ...]
    organizations: tuple[Organization, ...]
    offices: tuple[Office, ...]
    roles: dict[str, Role]
    sectors: dict[str, str]
    not_actors: frozenset[str] = frozenset()
    cities: dict[str, str] = field(default_factory=dict)  # dateline city -> ISO3
    by_iso3: dict[str, Country] = field(default_factory=dict)

    offices_by_name: dict[str, tuple[Office, ...]] = field(default_factory=dict)
    holders_by_word: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_iso3.update({c.iso3: c for c in self.countries})
        by_name: dict[str, list[Office]] = {}
        by_word: dict[str, set[str]] = {}
        for o in self.offices:
            for n in {o.name.casefold(), *(a.casefold() for a in o.aliases)}:
                by_name.setdefault(n, []).append(o)
            for w in o.name.split():
                by_word.setdefault(w, set()).add(o.name)
        self.offices_by_name.update({k: tuple(v) for k, v in by_name.items()})
        self.holders_by_word.update({k: tuple(sorted(v)) for k, v in by_word.items()})

    def offices_of(self, name: str) -> tuple[Office, ...]:
        """Every term of the person whose canonical name or alias is `name`."""
        return self.offices_by_name.get(name.casefold(), ())

    def holders_named(self, word: str) -> tuple[str, ...]:
        """Canonical names of office-holders with `word` among their names ("Putin")."""
        return self.holders_by_word.get(word, ())


def _rows(text: str, source: str, width: int) -> list[list[str]]:
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) > width:
            raise KnowledgeError(f"{source}:{number}: {len(cells)} columns, expected at most {width}")
        rows.append(cells + [""] * (width - len(cells)))
    return rows


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split("|") if p.strip())


def _day(cell: str, source: str) -> date | None:
    cell = cell.strip()
    if not cell:
        return None
    try:
        return date.fromisoformat(cell)
    except ValueError:
        raise KnowledgeError(f"{source}: bad date {cell!r}, expected YYYY-MM-DD") from None


def _builtin(name: str) -> str:
    return (resources.files("communique.knowledge") / "data" / name).read_text(encoding="utf-8")


def _countries(text: str) -> list[Country]:
    out = []
    for iso3, name, aliases, adjectives, capitals, seats in _rows(text, "countries.tsv", 6):
        pairs = tuple(tuple(s.rsplit(":", 1)) for s in _split(seats))
        if any(len(p) != 2 for p in pairs):
            raise KnowledgeError(f"countries.tsv: {iso3}: a seat of power is written NAME:SECTOR, got {seats!r}")
        out.append(Country(iso3.strip(), name.strip(), _split(aliases), _split(adjectives), _split(capitals), pairs))
    return out


def _user_table(path: Path) -> tuple[list[Country], list[Organization], list[Office]]:
    """A user's actor file: TSV with a header naming USER_COLUMNS (any order, name and kind required)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"cannot read actor table {path}: {exc.__class__.__name__}") from None
    return _actor_rows(text, str(path))


def _actor_rows(text: str, path: str) -> tuple[list[Country], list[Organization], list[Office]]:
    reader = csv.DictReader(io.StringIO("\n".join(l for l in text.splitlines() if not l.startswith("#"))), delimiter="\t")
    header = reader.fieldnames or []
    if "name" not in header or "kind" not in header:
        raise KnowledgeError(f"actor table {path}: the header must name at least 'name' and 'kind' (columns: {', '.join(USER_COLUMNS)})")
    countries, orgs, offices = [], [], []
    for number, row in enumerate(reader, 2):
        get = lambda key: (row.get(key) or "").strip()  # noqa: E731
        name, kind = get("name"), get("kind").lower()
        if not name or kind not in USER_KINDS:
            raise KnowledgeError(f"{path}:{number}: needs a name and a kind among {', '.join(USER_KINDS)}")
        where = f"{path}:{number}"
        if kind == "country":
            iso3 = get("country") or get("code")
            if len(iso3) != 3:
                raise KnowledgeError(f"{where}: a country needs its ISO 3166-1 alpha-3 code in 'country'")
            countries.append(Country(iso3.upper(), name, _split(get("aliases"))))
        elif kind == "person":
            offices.append(Office(get("country").upper(), get("role") or "", name, _split(get("aliases")),
                                  _day(get("start"), where), _day(get("end"), where)))
        else:
            code = get("code") or (get("country").upper() if get("country") else "")
            aliases = _split(get("aliases"))
            ambiguous = tuple(a.rstrip("?") for a in aliases if a.endswith("?"))
            orgs.append(Organization(code, name, tuple(a.rstrip("?") for a in aliases), get("country").upper() or None,
                                     kind, ambiguous))
    return countries, orgs, offices


def _merge_countries(base: list[Country], extra: list[Country]) -> list[Country]:
    by_code = {c.iso3: c for c in base}
    for c in extra:
        old = by_code.get(c.iso3)
        if old:  # a user row for a known country adds names to it
            by_code[c.iso3] = Country(old.iso3, old.name, old.aliases + (c.name,) + c.aliases, old.adjectives, old.capitals, old.seats)
        else:
            by_code[c.iso3] = c
    return list(by_code.values())


@lru_cache(maxsize=8)
def load_knowledge(extra_tables: tuple[str, ...] = ()) -> Knowledge:
    """The built-in tables plus the user's, merged. Cached per set of user files."""
    countries = _countries(_builtin("countries.tsv"))
    orgs = [Organization(code.strip(), name.strip(), _split(aliases))
            for code, name, aliases in _rows(_builtin("igos.tsv"), "igos.tsv", 3)]
    offices = [Office(c.strip(), o.strip(), n.strip(), _split(a), _day(s, "offices.tsv"), _day(e, "offices.tsv"))
               for c, o, n, a, s, e in _rows(_builtin("offices.tsv"), "offices.tsv", 6)]
    roles = {t.strip().lower(): Role(t.strip().lower(), r.strip(), s.strip() or None)
             for t, r, s in _rows(_builtin("roles.tsv"), "roles.tsv", 3)}
    sectors: dict[str, str] = {}
    for word, sector in _rows(_builtin("sectors.tsv"), "sectors.tsv", 2):
        sectors.setdefault(word.strip().lower(), sector.strip())
    _, national, _ = _actor_rows(_builtin("organizations.tsv"), "organizations.tsv")
    orgs += national
    not_actors = frozenset(l.strip() for l in _builtin("not_actors.txt").splitlines() if l.strip() and not l.startswith("#"))
    cities = {c.strip(): iso.strip() for c, iso in _rows(_builtin("cities.tsv"), "cities.tsv", 2)}
    for table in extra_tables:
        path = Path(table)
        if not path.is_file():
            raise KnowledgeError(f"no such actor table: {table}")
        more_countries, more_orgs, more_offices = _user_table(path)
        countries = _merge_countries(countries, more_countries)
        orgs += more_orgs
        offices += more_offices
    return Knowledge(tuple(countries), tuple(orgs), tuple(offices), roles, sectors, not_actors, cities)
