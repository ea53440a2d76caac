"""Exports from the store: GDELT 2.0 event rows, and jsonl/csv/parquet round trips of every table."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from communique import cli
from communique.errors import UsageError
from communique.exports import FORMATS, TABLE_NAMES, export
from communique.exports import gdelt_events, jsonl
from communique.exports.gdelt_events import COLUMNS, actor_fields, fraction_date, global_event_id
from communique.record import Actor, Article, Event, Mention, Quantity, Quote, Record, Span, Time
from communique.store import Store

COL = {name: i for i, name in enumerate(COLUMNS)}

TEXT1 = ("China and Russia signed a pact in Moscow on Saturday.\n\n"
         "Xi Jinping later urged the UN to help. A bomb killed ten people.")
TEXT2 = "The BRICS group met on Sunday.\nIsrael fired missiles."


def event(source, target, cameo, quad, goldstein, date, sentence: tuple[int, int], text: str, **kw) -> Event:
    start, end = sentence
    return Event(source, target, cameo, None, quad, goldstein, date, Span(start, start + 1, text[start]),
                 Span(start, end, text[start:end]), **kw)


def records() -> list[Record]:
    p2 = TEXT1.index("Xi Jinping")
    p3 = TEXT1.index("A bomb")
    r1 = Record(
        article=Article(id="a1", date="2024-10-07", text=TEXT1, url="https://example.org/pact"),
        actors=(
            Actor("country:CHN", "China", "country", "CHN", None, "CHN", (Mention(0, 5, "China"),)),
            Actor("country:RUS", "Russia", "country", "RUS", None, "RUS", (Mention(10, 16, "Russia"),)),
            Actor("person:xi", "Xi\tJinping", "person", "CHN", "president", "CHNGOV", (Mention(p2, p2 + 10, "Xi Jinping"),)),
            Actor("org:IGOUNO", "United Nations", "organization", None, None, "IGOUNO", ()),
        ),
        times=(Time(41, 52, "on Saturday", "DATE", "2024-10-05"),),
        quantities=(Quantity(p3 + 14, p3 + 17, "ten", "count", 10.0, "people"),),
        quotes=(Quote(p2 + 23, p2 + 37, "the UN to help", "indirect", "urged", p2 + 17, p2 + 22, "person:xi"),),
        events=(
            event("country:CHN", "country:RUS", "054", 1, 3.5, "2024-10-05", (0, 53), TEXT1,
                  location="country:RUS", mentions=2),
            event("person:xi", "org:IGOUNO", "0211", 1, 3.4, None, (p2, p3 - 1), TEXT1),
            event("nobody", None, "190", 4, -10.0, "2024-10-08T10:00", (p3, len(TEXT1)), TEXT1,
                  location="person:xi"),
        ),
    )
    p22 = TEXT2.index("Israel")
    r2 = Record(
        article=Article(id="a2", date="2023-01-15", text=TEXT2),
        actors=(
            Actor("org:IGOBUSBRICS", "BRICS", "organization", None, None, "IGOBUSBRICS", (Mention(4, 9, "BRICS"),)),
            Actor("country:ISR", "Israel", "country", "ISR", None, "ISR", (Mention(p22, p22 + 6, "Israel"),)),
            Actor("country:PSE", "Palestine", "country", "PSE", None, "PSE", ()),
        ),
        events=(
            event("org:IGOBUSBRICS", None, "010", 1, 0.0, "2023-W02", (0, p22 - 1), TEXT2, mentions=3),
            event("country:ISR", None, "195", 4, -10.0, "2023", (p22, len(TEXT2)), TEXT2, location="country:PSE"),
        ),
    )
    return [r1, r2]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("exports") / "store.duckdb"
    with Store(path) as store:
        store.write(records())
    return path


@pytest.fixture
def con(db):
    with Store(db, read_only=True) as store:
        yield store.connection


def gdelt_rows(con, tmp_path, name="events.tsv") -> list[list[str]]:
    out = tmp_path / name
    export(con, "gdelt-events", "events", out)
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""  # every row ends with a newline, none is blank
    return [line.split("\t") for line in lines[:-1]]


# -- GDELT event rows --------------------------------------------------------------------------------

def test_layout_matches_the_codebook():
    assert len(COLUMNS) == 61 and len(set(COLUMNS)) == 61
    assert (COLUMNS[0], COLUMNS[1], COLUMNS[26], COLUMNS[29], COLUMNS[30], COLUMNS[59], COLUMNS[60]) == (
        "GLOBALEVENTID", "SQLDATE", "EventCode", "QuadClass", "GoldsteinScale", "DATEADDED", "SOURCEURL")
    assert COLUMNS[25] == "IsRootEvent" and COLUMNS[34] == "AvgTone" and COLUMNS[51] == "ActionGeo_Type"


def test_every_row_has_61_columns_in_store_order(con, tmp_path):
    rows = gdelt_rows(con, tmp_path)
    assert len(rows) == 5
    assert all(len(r) == 61 for r in rows)
    assert [r[COL["EventCode"]] for r in rows] == ["054", "0211", "190", "010", "195"]


def test_event_codes_keep_leading_zeros(con, tmp_path):
    rows = gdelt_rows(con, tmp_path)
    codes = [(r[26], r[27], r[28]) for r in rows]
    assert codes[0] == ("054", "054", "05")
    assert codes[1] == ("0211", "021", "02")
    assert codes[3] == ("010", "010", "01")


def test_quad_class_and_goldstein_are_valid(con, tmp_path):
    for r in gdelt_rows(con, tmp_path):
        assert r[COL["QuadClass"]] in {"1", "2", "3", "4"}
        assert -10.0 <= float(r[COL["GoldsteinScale"]]) <= 10.0
        root = int(r[COL["EventRootCode"]])
        assert int(r[COL["QuadClass"]]) == (1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4)


def test_dates_from_the_event_when_it_names_a_day_else_the_article(con, tmp_path):
    rows = gdelt_rows(con, tmp_path)
    assert [r[COL["SQLDATE"]] for r in rows] == ["20241005", "20241007", "20241008", "20230115", "20230115"]
    first = rows[0]
    assert (first[COL["MonthYear"]], first[COL["Year"]], first[COL["FractionDate"]]) == ("202410", "2024", "2024.8356")


def test_fraction_date_formula():
    from datetime import date

    assert fraction_date(date(2024, 10, 5)) == f"{2024 + (10 * 30 + 5) / 365:.4f}" == "2024.8356"
    assert fraction_date(date(2023, 1, 15)) == "2023.1233"


def test_global_event_id_is_stable_and_unique(con, tmp_path):
    first = [r[0] for r in gdelt_rows(con, tmp_path, "one.tsv")]
    second = [r[0] for r in gdelt_rows(con, tmp_path, "two.tsv")]
    assert first == second
    assert len(set(first)) == len(first)
    assert all(0 < int(x) < 2**63 for x in first)
    assert first[0] == str(global_event_id("a1", 0))
    # a fixed value: changing the derivation would silently renumber every exported event
    assert global_event_id("a1", 0) == int.from_bytes(
        __import__("hashlib").blake2b(b"a1\t0", digest_size=8).digest(), "big") >> 1
    assert global_event_id("a1", 0) != global_event_id("a1", 1) != global_event_id("a10", 0)


def test_actor_fields(con, tmp_path):
    rows = gdelt_rows(con, tmp_path)
    a1 = slice(COL["Actor1Code"], COL["Actor1Type3Code"] + 1)
    a2 = slice(COL["Actor2Code"], COL["Actor2Type3Code"] + 1)
    assert rows[0][a1] == ["CHN", "China", "CHN", "", "", "", "", "", "", ""]
    assert rows[0][a2] == ["RUS", "Russia", "RUS", "", "", "", "", "", "", ""]
    # a name with a tab cannot break the row; GOV of CHNGOV is the type
    assert rows[1][a1] == ["CHNGOV", "Xi Jinping", "CHN", "", "", "", "", "GOV", "", ""]
    assert rows[1][a2] == ["IGOUNO", "United Nations", "", "UNO", "", "", "", "IGO", "", ""]
    assert rows[2][a1] == [""] * 10  # the source is no actor of the article
    assert rows[3][a1] == ["IGOBUSBRICS", "BRICS", "", "BRICS", "", "", "", "IGO", "BUS", ""]


def test_actor_fields_country_from_code_when_actor_has_none():
    assert actor_fields("USAMIL", "US military", None)[2:10] == ("USA", "", "", "", "", "MIL", "", "")


def test_root_event_is_in_the_first_paragraph(con, tmp_path):
    rows = gdelt_rows(con, tmp_path)
    # a1: blank line ends the first paragraph; a2 has no blank line, so its first line break does
    assert [r[COL["IsRootEvent"]] for r in rows] == ["1", "0", "0", "1", "0"]


def test_counts_tone_and_action_geography(con, tmp_path):
    rows = gdelt_rows(con, tmp_path)
    assert [r[COL["NumMentions"]] for r in rows] == ["2", "1", "1", "3", "1"]
    assert all(r[COL["NumSources"]] == r[COL["NumArticles"]] == "1" for r in rows)
    assert all(r[COL["AvgTone"]] == "" for r in rows)
    geo = slice(COL["ActionGeo_Type"], COL["ActionGeo_FeatureID"] + 1)
    assert rows[0][geo] == ["1", "Russia", "RS", "RS", "", "", "", "RS"]  # FIPS, not ISO
    assert rows[1][geo] == ["0", "", "", "", "", "", "", ""]  # no location
    assert rows[2][geo] == ["0", "", "", "", "", "", "", ""]  # location is a person, not a place
    assert rows[4][geo] == ["1", "Palestine", "", "", "", "", "", ""]  # no single FIPS code
    for r in rows:
        assert r[COL["Actor1Geo_Type"]] == r[COL["Actor2Geo_Type"]] == "0"


def test_date_added_and_source_url(con, tmp_path):
    rows = gdelt_rows(con, tmp_path)
    ingested = dict(con.execute("SELECT id, strftime(ingested_at, '%Y%m%d%H%M%S') FROM articles").fetchall())
    assert [r[COL["DATEADDED"]] for r in rows] == [ingested["a1"]] * 3 + [ingested["a2"]] * 2
    assert [r[COL["SOURCEURL"]] for r in rows] == ["https://example.org/pact"] * 3 + ["a2"] * 2


def test_streamed_in_chunks_gives_the_same_rows(con, tmp_path, monkeypatch):
    whole = gdelt_rows(con, tmp_path, "whole.tsv")
    monkeypatch.setattr(gdelt_events, "CHUNK_ROWS", 2)
    assert gdelt_rows(con, tmp_path, "chunked.tsv") == whole


def test_gdelt_only_for_events(con, tmp_path):
    with pytest.raises(UsageError, match="events table only"):
        export(con, "gdelt-events", "actors", tmp_path / "x.tsv")
    assert not (tmp_path / "x.tsv").exists()


# -- jsonl, csv, parquet -----------------------------------------------------------------------------

def read_back(fmt: str, path: Path) -> list[dict]:
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    reader = "read_parquet(?)" if fmt == "parquet" else "read_csv(?, header = true, all_varchar = true)"
    cur = duckdb.connect().execute(f"SELECT * FROM {reader}", [str(path)])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
@pytest.mark.parametrize("table", TABLE_NAMES)
def test_round_trip_counts_every_table(con, tmp_path, fmt, table):
    out = tmp_path / f"{table}.{fmt}"
    written = export(con, fmt, table, out)
    expected = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    assert expected > 0
    rows = read_back(fmt, out)
    assert written == len(rows) == expected
    columns = [r[0] for r in con.execute(f'SELECT * FROM "{table}" LIMIT 0').description]
    assert list(rows[0]) == columns
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left beside it


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_store_exports_no_rows(tmp_path, fmt):
    with Store(tmp_path / "empty.duckdb") as store:
        out = tmp_path / "out"
        assert export(store.connection, fmt, "events", out) == 0
    if fmt == "csv":
        assert out.read_text().startswith("article_id,event_index,")
    elif fmt == "parquet":
        assert read_back(fmt, out) == []
    else:
        assert out.read_bytes() == b""


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_cameo_codes_stay_strings(con, tmp_path, fmt):
    out = tmp_path / f"events.{fmt}"
    export(con, fmt, "events", out)
    assert [r["cameo"] for r in read_back(fmt, out)] == ["054", "0211", "190", "010", "195"]


def test_jsonl_dates_are_iso(con, tmp_path):
    out = tmp_path / "articles.jsonl"
    export(con, "jsonl", "articles", out)
    rows = read_back("jsonl", out)
    assert [r["date"] for r in rows] == ["2024-10-07", "2023-01-15"]
    assert all("T" in r["ingested_at"] for r in rows)
    assert [r["id"] for r in rows] == ["a1", "a2"]


def test_rows_in_article_then_index_order(con, tmp_path):
    out = tmp_path / "mentions.jsonl"
    export(con, "jsonl", "mentions", out)
    keys = [(r["article_id"], r["actor_index"], r["mention_index"]) for r in read_back("jsonl", out)]
    assert keys == sorted(keys) and len(keys) == 5


# -- atomic writes -----------------------------------------------------------------------------------

def test_failed_gdelt_export_leaves_no_file(con, tmp_path, monkeypatch):
    real = gdelt_events.gdelt_row
    calls = []

    def failing(facts):
        calls.append(facts)
        if len(calls) == 4:
            raise RuntimeError("disk on fire")
        return real(facts)

    monkeypatch.setattr(gdelt_events, "CHUNK_ROWS", 1)  # rows already written when it fails
    monkeypatch.setattr(gdelt_events, "gdelt_row", failing)
    out = tmp_path / "events.tsv"
    with pytest.raises(RuntimeError, match="disk on fire"):
        export(con, "gdelt-events", "events", out)
    assert len(calls) == 4
    assert list(tmp_path.iterdir()) == []


def test_failed_export_keeps_the_previous_file(con, tmp_path, monkeypatch):
    out = tmp_path / "events.jsonl"
    out.write_text("previous\n")
    monkeypatch.setattr(jsonl, "CHUNK_ROWS", 1)
    real_dumps = json.dumps
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise ValueError("cannot encode")
        return real_dumps(*args, **kwargs)

    monkeypatch.setattr(jsonl.json, "dumps", failing)
    with pytest.raises(ValueError):
        export(con, "jsonl", "events", out)
    assert out.read_text() == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["events.jsonl"]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_failed_copy_leaves_no_file(con, tmp_path, monkeypatch, fmt):
    from communique.errors import StoreError
    from communique.exports import source

    monkeypatch.setattr(source, "table_query", lambda table: "SELECT 1/0 FROM no_such_table")
    with pytest.raises(StoreError, match="cannot export events"):
        export(con, fmt, "events", tmp_path / f"events.{fmt}")
    assert list(tmp_path.iterdir()) == []


# -- command line ------------------------------------------------------------------------------------

def run(*args):
    return CliRunner().invoke(cli.cli, list(args), catch_exceptions=False)


def test_cli_choices_match_the_library():
    assert set(cli._EXPORT_FORMATS) == set(FORMATS)
    assert set(cli._EXPORT_TABLES) == set(TABLE_NAMES)


def test_cli_gdelt_to_stdout(db):
    result = run("export", "--db", str(db), "--format", "gdelt-events")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 5 and all(len(line.split("\t")) == 61 for line in lines)
    assert "exported 5 events row(s)" in result.stderr


def test_cli_csv_to_stdout_and_parquet_to_file(db, tmp_path):
    result = run("export", "--db", str(db), "--format", "csv", "--table", "actors", "--out", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("article_id,actor_index,actor_id")
    assert len(result.stdout.splitlines()) == 1 + 7
    out = tmp_path / "sub" / "quotes.parquet"
    result = run("export", "--db", str(db), "--format", "parquet", "--table", "articles", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert read_back("parquet", out)[0]["id"] == "a1"


@pytest.mark.parametrize("args, message", [
    (["--db", "{missing}", "--format", "jsonl"], "no such store"),
    (["--db", "{db}", "--format", "parquet"], "cannot go to stdout"),
    (["--db", "{db}", "--format", "parquet", "--out", "-"], "cannot go to stdout"),
    (["--db", "{db}", "--format", "gdelt-events", "--table", "actors"], "events table only"),
    (["--db", "{db}", "--format", "csv", "--out", "{tmp}"], "is a directory"),
    (["--db", "{db}", "--format", "jsonl", "--out", "{tmp}/blocked/x.jsonl"], "cannot write"),
])
def test_cli_errors_are_one_line_with_exit_code_2(db, tmp_path, args, message):
    (tmp_path / "blocked").write_text("a file where a directory should be")
    args = [a.format(db=db, missing=tmp_path / "nope.duckdb", tmp=tmp_path) for a in args]
    result = run("export", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert not (tmp_path / "nope.duckdb").exists()


def test_cli_unknown_table_is_a_choice_error(db):
    result = run("export", "--db", str(db), "--format", "csv", "--table", "communique_meta")
    assert result.exit_code == 2
    assert "Invalid value for '--table'" in result.stderr


def test_cli_not_a_store_is_a_store_error(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("not a database\n" * 50)
    result = run("export", "--db", str(path), "--format", "jsonl")
    assert result.exit_code == 5
    assert result.stderr.count("\n") == 1 and "not a DuckDB database" in result.stderr
