"""The office-holder table (knowledge/data/offices.tsv): well-formed rows, consistent terms, spot checks."""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from importlib import resources

import pytest

from communique.knowledge.tables import load_knowledge

TEXT = (resources.files("communique.knowledge") / "data" / "offices.tsv").read_text(encoding="utf-8")
SLACK = timedelta(days=5)  # handovers recorded a few days apart in different sources


def _rows():
    rows = []
    for number, line in enumerate(TEXT.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        rows.append((number, line.split("\t")))
    return rows


ROWS = _rows()


def _codes():
    data = resources.files("communique.knowledge") / "data"
    codes = set()
    for name in ("countries.tsv", "igos.tsv"):
        for line in (data / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                codes.add(line.split("\t")[0].strip())
    return codes


def _day(cell):
    return date.fromisoformat(cell) if cell else None


def test_table_is_not_empty():
    assert len(ROWS) > 500


def test_every_row_has_six_well_formed_fields():
    codes = _codes()
    for number, cells in ROWS:
        assert len(cells) == 6, f"line {number}: {len(cells)} fields"
        country, office, name, aliases, start, end = cells
        assert country in codes, f"line {number}: unknown country or IGO code {country!r}"
        assert office and office == office.strip() and office == office.lower(), f"line {number}: office {office!r}"
        assert name and name == name.strip(), f"line {number}: name {name!r}"
        assert all(a.strip() and a.strip() != name for a in aliases.split("|") if aliases), f"line {number}: aliases {aliases!r}"
        assert start, f"line {number}: no start date"
        begin, finish = _day(start), _day(end)
        assert date(1940, 1, 1) < begin < date(2027, 1, 1), f"line {number}: start {start}"
        if finish is not None:
            assert begin < finish <= date(2027, 1, 1), f"line {number}: term {start}..{end}"


def test_approximate_comments_name_the_next_row():
    lines = TEXT.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("# approximate:"):
            who = line.split(":", 1)[1].strip()
            assert i + 1 < len(lines) and lines[i + 1].split("\t")[2] == who, f"line {i + 1}: {line!r}"


def _provisional(office):
    return any(word in office for word in ("acting", "interim", "caretaker"))


def test_no_two_holders_of_one_office_overlap():
    terms = defaultdict(list)
    for number, (country, office, name, _aliases, start, end) in ROWS:
        if not _provisional(office):
            terms[(country, office)].append((_day(start), _day(end) or date.max, name, number))
    for key, spans in terms.items():
        spans.sort()
        for (s1, e1, n1, l1), (s2, e2, n2, l2) in zip(spans, spans[1:]):
            overlap = min(e1, e2) - s2 if e1 != date.max else date.max - s2
            assert overlap <= SLACK, f"{key}: {n1} (line {l1}) and {n2} (line {l2}) overlap"


def test_same_person_has_same_aliases_and_no_double_terms():
    """A name within a country is one person: its terms of one office never overlap, and no alias of
    one holder is another holder's name."""
    by_country = defaultdict(lambda: defaultdict(set))  # country -> surface form -> canonical names
    spans = defaultdict(list)
    for number, (country, office, name, aliases, start, end) in ROWS:
        for form in (name, *[a.strip() for a in aliases.split("|") if a.strip()]):
            by_country[country][form.casefold()].add(name)
        spans[(country, office, name)].append((_day(start), _day(end) or date.max, number))
    for country, forms in by_country.items():
        for form, names in forms.items():
            assert len(names) == 1, f"{country}: {form!r} names {sorted(names)}"
    for key, terms in spans.items():
        terms.sort()
        for (s1, e1, l1), (s2, _e2, l2) in zip(terms, terms[1:]):
            assert e1 <= s2, f"{key}: lines {l1} and {l2} overlap"


def test_loader_reads_every_row():
    assert len(load_knowledge().offices) >= len(ROWS)


SPOT_CHECKS = [
    ("Jiang Zemin", "1997-04-01", "president", "CHN"),
    ("Tony Blair", "2003-03-20", "prime minister", "GBR"),
    ("Kofi Annan", "2001-09-11", "secretary-general", "IGOUNO"),
    ("Vladimir Putin", "2024-10-07", "president", "RUS"),
    ("Vladimir Putin", "1999-09-15", "prime minister", "RUS"),
    ("Yevgeny Primakov", "1997-06-01", "foreign minister", "RUS"),
    ("Evgeny Primakov", "1999-01-10", "prime minister", "RUS"),
    ("Zhu Rongji", "2000-01-01", "premier", "CHN"),
    ("Madeleine Albright", "1999-03-24", "secretary of state", "USA"),
    ("Donald Rumsfeld", "2003-03-20", "secretary of defense", "USA"),
    ("Javier Solana", "1999-03-24", "secretary-general", "IGOWSTNAT"),
    ("Javier Solana", "2003-01-01", "high representative", "IGOEUREEC"),
    ("Jacques Chirac", "1998-07-12", "president", "FRA"),
    ("Gerhard Schroeder", "2002-09-22", "chancellor", "DEU"),
    ("Kim Dae-jung", "2000-06-13", "president", "KOR"),
    ("Kim Jong-il", "2000-06-13", "leader", "PRK"),
    ("Atal Bihari Vajpayee", "1999-02-20", "prime minister", "IND"),
    ("Ehud Barak", "2000-07-11", "prime minister", "ISR"),
    ("Mohammad Khatami", "1998-09-21", "president", "IRN"),
    ("Hosni Mubarak", "2005-09-07", "president", "EGY"),
    ("Slobodan Milosevic", "1999-04-01", "president", "SRB"),
    ("Thaksin Shinawatra", "2004-01-01", "prime minister", "THA"),
    ("Ursula von der Leyen", "2024-01-01", "president", "IGOEUREECCOM"),
    ("Keir Starmer", "2025-01-01", "prime minister", "GBR"),
]


@pytest.mark.parametrize(("name", "day", "office", "country"), SPOT_CHECKS)
def test_spot_checks(name, day, office, country):
    held = [o for o in load_knowledge().offices_of(name) if o.held_on(date.fromisoformat(day))]
    assert (office, country) in {(o.office, o.country) for o in held}, f"{name} on {day}: {held}"


def test_terms_end_and_begin():
    kb = load_knowledge()
    assert not [o for o in kb.offices_of("Tony Blair") if o.held_on(date(2007, 6, 28))]
    assert not [o for o in kb.offices_of("Boris Yeltsin") if o.held_on(date(2000, 1, 1))]
    annan = [o for o in kb.offices_of("Kofi Annan") if o.office == "secretary-general"]
    assert annan and all(o.held_on(date(2006, 12, 31)) for o in annan)
    assert not [o for o in kb.offices_of("Kofi Annan") if o.held_on(date(2007, 1, 1))]
