"""The DuckDB store: round trips, idempotent writes, all-or-nothing batches, clear open errors."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from communique.errors import StoreError
from communique.record import Actor, Article, Event, Mention, Quantity, Quote, Record, Span, Time
from communique.store import STATS_KEYS, Store, WriteResult
from communique.store import db as store_db


def full_record(article_id: str = "a1") -> Record:
    text = "Xi met Putin in Moscow on Tuesday. Trade rose about 5 percent, Xi said."
    return Record(
        article=Article(id=article_id, date="2024-10-07", text=text, dateline="BEIJING",
                        title="Xi and Putin", url="https://example.org/x", source="Wire"),
        actors=(
            Actor("CHN_XI", "Xi Jinping", "person", "CHN", "president", "CHNGOV",
                  (Mention(0, 2, "Xi"), Mention(65, 67, "Xi"))),
            Actor("RUS_PUTIN", "Vladimir Putin", "person", "RUS", "president", "RUSGOV", (Mention(7, 12, "Putin"),)),
            Actor("RUS", "Russia", "country", "RUS"),  # no mentions, no role
        ),
        times=(Time(26, 33, "Tuesday", "DATE", "2024-10-08"), Time(0, 0, "", "DURATION", None)),
        quantities=(
            Quantity(46, 62, "about 5 percent", "percent", 5.0, "percent", "about", "up", "trade", "2024-W41", "CHN_XI"),
            Quantity(0, 1, "1", "count", None),
        ),
        quotes=(Quote(35, 62, "Trade rose about 5 percent", "indirect", "said", 68, 72, "CHN_XI", "Xi", 65, 67),),
        events=(
            Event("CHN", "RUS", "036", "CONSULT", 1, 4.0, "2024-10-07", Span(3, 6, "met"),
                  Span(0, 34, text[:34]), negated=False, hypothetical=True, location="Moscow",
                  confidence=0.75, mentions=2),
        ),
    )


def bare(article_id: str, text: str = "Some text.") -> Record:
    return Record(article=Article(id=article_id, date=None, text=text))


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "c.duckdb") as s:
        yield s


def test_round_trip_full_record(store):
    record = full_record()
    assert store.write([record]) == WriteResult(written=1, skipped=0)
    assert store.read_record("a1") == record
    assert store.read_record("missing") is None


def test_round_trip_minimal_record_and_reopen(tmp_path):
    path = tmp_path / "c.duckdb"
    with Store(path) as s:
        s.write([bare("m1")])
    with Store(path, read_only=True) as s:
        assert s.read_record("m1") == bare("m1")
        assert "m1" in s and "m2" not in s


def test_stats_keys_and_counts(store):
    assert store.stats() == dict.fromkeys(STATS_KEYS, 0)
    store.write([full_record("a1"), full_record("a2")])
    assert store.stats() == {"articles": 2, "actors": 6, "mentions": 6, "times": 4, "quantities": 4,
                             "quotes": 2, "events": 2}
    assert list(store.stats()) == ["articles", "actors", "mentions", "times", "quantities", "quotes", "events"]


def test_reingest_is_idempotent(store):
    store.write([full_record("a1")])
    before = store.stats()
    changed = Record(article=Article(id="a1", date="2030-01-01", text="Other"))
    assert store.write([full_record("a1"), changed]) == WriteResult(written=0, skipped=2)
    assert store.stats() == before
    assert store.read_record("a1") == full_record("a1")  # first write kept, nothing replaced


def test_same_id_twice_in_one_batch(store):
    result = store.write([full_record("a1"), bare("b"), full_record("a1")])
    assert result == WriteResult(written=2, skipped=1)
    assert store.stats()["articles"] == 2
    assert store.stats()["actors"] == 3


def test_batches_and_generators(store):
    records = (bare(f"id{i}", f"text {i}") for i in range(1234))
    assert store.write(records, batch_size=100) == WriteResult(1234, 0)
    assert store.stats()["articles"] == 1234
    assert sorted(store.article_ids()) == sorted(f"id{i}" for i in range(1234))


def test_failure_mid_batch_leaves_nothing_of_that_batch(store, monkeypatch):
    store.write([full_record("kept")])
    real_insert = Store._insert
    calls = []

    def failing_insert(self, name, table):
        calls.append(name)
        if name == "quantities":  # articles, actors, mentions and times already inserted
            raise RuntimeError("disk on fire")
        real_insert(self, name, table)

    monkeypatch.setattr(Store, "_insert", failing_insert)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.write([full_record("lost1"), full_record("lost2")])
    assert "articles" in calls and "actors" in calls
    monkeypatch.setattr(Store, "_insert", real_insert)
    assert store.stats() == {"articles": 1, "actors": 3, "mentions": 3, "times": 2, "quantities": 2,
                             "quotes": 1, "events": 1}
    assert store.read_record("lost1") is None
    # the store is still usable after the rollback
    assert store.write([full_record("lost1")]) == WriteResult(1, 0)


def test_earlier_batches_survive_a_later_failure(store, monkeypatch):
    real = store_db.rows.to_arrow
    seen = []

    def flaky(records, ingested_at):
        seen.append(len(records))
        if len(seen) == 2:
            raise RuntimeError("boom")
        return real(records, ingested_at)

    monkeypatch.setattr(store_db.rows, "to_arrow", flaky)
    with pytest.raises(RuntimeError):
        store.write([bare(f"x{i}", str(i)) for i in range(5)], batch_size=2)
    monkeypatch.setattr(store_db.rows, "to_arrow", real)
    assert sorted(store.article_ids()) == ["x0", "x1"]


def test_bad_article_date_is_a_store_error_and_rolls_back(store):
    bad = Record(article=Article(id="d", date="07/10/2024", text="x"))
    with pytest.raises(StoreError, match="not YYYY-MM-DD"):
        store.write([bare("ok"), bad])
    assert store.stats()["articles"] == 0


def test_not_a_duckdb_file(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("this is not a database\n" * 100)
    with pytest.raises(StoreError, match="not a DuckDB database") as info:
        Store(path)
    assert "\n" not in str(info.value)


def test_foreign_duckdb_with_clashing_table(tmp_path):
    import duckdb

    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE articles (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a communique store"):
        Store(path)


def test_newer_store_version_refused(tmp_path):
    path = tmp_path / "c.duckdb"
    with Store(path) as s:
        s.connection.execute("UPDATE communique_meta SET value = '99' WHERE key = 'store_version'")
    with pytest.raises(StoreError, match="newer communique"):
        Store(path)


def test_locked_by_another_process(tmp_path):
    path = tmp_path / "c.duckdb"
    with Store(path):
        code = textwrap.dedent(f"""
            from communique.errors import StoreError
            from communique.store import Store
            try:
                Store({str(path)!r})
            except StoreError as exc:
                print(exc)
        """)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "in use by another process" in out.stdout, out.stderr


def test_schema_has_keyword_columns_and_events_table(store):
    cols = {r[0] for r in store.connection.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'").fetchall()}
    assert {"article_id", "event_index", "trigger_start", "trigger_end", "trigger_text",
            "sentence_start", "sentence_end", "sentence_text", "cameo", "quad_class", "goldstein"} <= cols
    types = dict(store.connection.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'events'").fetchall())
    assert types["cameo"] == "VARCHAR"
    art_types = dict(store.connection.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'articles'").fetchall())
    assert art_types["date"] == "DATE"
    assert store.connection.execute('SELECT "start", "end" FROM mentions').fetchall() == []


def test_a_store_made_before_a_record_field_was_added_reads_read_only(tmp_path):
    """Exports and stats open the store read-only: an older store there cannot gain the column."""
    import duckdb

    from communique.exports import export
    from communique.record import Article, Record
    from communique.store import Store

    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.write([Record(Article("a1", "2024-10-07", "Text.", dateline_country="CHN"))])
    con = duckdb.connect(str(path))
    con.execute('ALTER TABLE articles DROP COLUMN dateline_country')  # as a store from before the field
    con.execute('ALTER TABLE events DROP COLUMN plover_scheme')
    con.close()
    with Store(path, read_only=True) as store:
        record = store.read_record("a1")
        assert record.article.id == "a1" and record.article.dateline_country is None
        out = tmp_path / "articles.csv"
        export(store.connection, "csv", "articles", out)
        assert "dateline_country" in out.read_text().splitlines()[0]
        assert export(store.connection, "gdelt-events", "events", tmp_path / "events.tsv") == 0
    con = duckdb.connect(str(path), read_only=True)  # the file itself is untouched
    columns = {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'articles'").fetchall()}
    assert "dateline_country" not in columns
    con.close()


def test_a_store_made_before_a_record_field_was_added_gets_the_column(tmp_path):
    import duckdb

    from communique.record import Article, Record
    from communique.store import Store

    path = tmp_path / "old.duckdb"
    with Store(path):
        pass
    con = duckdb.connect(str(path))
    con.execute('ALTER TABLE articles DROP COLUMN dateline_country')  # as a store from before the field
    con.close()
    with Store(path) as store:
        store.write([Record(Article("a1", "2024-10-07", "Text.", dateline_country="CHN"))])
        assert store.read_record("a1").article.dateline_country == "CHN"
