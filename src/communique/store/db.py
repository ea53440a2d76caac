"""The DuckDB store: open (creating or migrating the schema), idempotent batched writes, reads.

DuckDB allows one writing process per file, so a Store is meant to be owned by one writer; a
second process gets a StoreError naming the problem instead of a DuckDB traceback.
"""
from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

import duckdb
import pyarrow as pa

from communique.errors import StoreError
from communique.record import Actor, Record
from communique.store import rows
from communique.store.schema import (
    ACTORS, ARTICLES, CHILD_TABLES, MENTIONS, META_TABLE, MIGRATIONS, STORE_VERSION, TABLES, Column, Table,
    create_sql, quote,
)

STATS_KEYS = ("articles", "actors", "mentions", "times", "quantities", "quotes", "events")
_IDS_VIEW = "_communique_batch_ids"


@dataclass(frozen=True, slots=True)
class WriteResult:
    """Articles written and articles skipped because their id was already stored (or repeated)."""

    written: int
    skipped: int


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _open_error(path: str, exc: duckdb.Error) -> StoreError:
    message = str(exc)
    if "not a valid DuckDB database" in message:
        return StoreError(f"cannot open store {path}: not a DuckDB database")
    if "Could not set lock" in message or "Conflicting lock" in message:
        return StoreError(
            f"cannot open store {path}: in use by another process (DuckDB allows one writer at a time)"
        )
    return StoreError(f"cannot open store {path}: {_first_line(exc)}")


class Store:
    """A communique DuckDB database. Use as a context manager; `:memory:` works for tests."""

    def __init__(self, path: str | os.PathLike, *, read_only: bool = False) -> None:
        self.path = os.fspath(path)
        self.read_only = read_only
        if self.path != ":memory:" and not read_only:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con: duckdb.DuckDBPyConnection | None = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise _open_error(self.path, exc) from None
        try:
            self._prepare()
        except BaseException:
            self.close()
            raise

    # -- lifecycle ------------------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The open DuckDB connection, for queries the Store does not offer."""
        if self._con is None:
            raise StoreError(f"store {self.path} is closed")
        return self._con

    def _existing_tables(self) -> set[str]:
        rows_ = self.connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        ).fetchall()
        return {r[0] for r in rows_}

    def _prepare(self) -> None:
        """Create the schema in a new database, check (and migrate) the version of an old one."""
        con = self.connection
        try:
            tables = self._existing_tables()
            if META_TABLE not in tables:
                clash = sorted(tables & {t.name for t in TABLES})
                if clash:
                    raise StoreError(
                        f"cannot open store {self.path}: it has tables ({', '.join(clash)}) "
                        "but is not a communique store"
                    )
                if self.read_only:
                    raise StoreError(f"cannot open store {self.path}: not a communique store (no schema)")
                con.begin()
                con.execute(f"CREATE TABLE {quote(META_TABLE)} (key VARCHAR PRIMARY KEY, value VARCHAR)")
                con.execute(f"INSERT INTO {quote(META_TABLE)} VALUES ('store_version', ?)", [str(STORE_VERSION)])
                for table in TABLES:
                    con.execute(create_sql(table))
                con.commit()
                return
            version = self.store_version()
            if version > STORE_VERSION:
                raise StoreError(
                    f"cannot open store {self.path}: written by a newer communique "
                    f"(store version {version}, this one reads up to {STORE_VERSION})"
                )
            if version < STORE_VERSION:
                self._migrate(version)
            if self.read_only:
                self._shadow_new_columns()
            else:
                self._add_new_columns()
        except duckdb.Error as exc:
            raise StoreError(f"cannot prepare store {self.path}: {_first_line(exc)}") from None

    def _missing_columns(self) -> list[tuple[Table, Column]]:
        """Columns of the record's fields that the store's own tables lack (made by an older communique)."""
        rows = self.connection.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_catalog = current_database() AND table_schema = current_schema()"
        ).fetchall()
        have: dict[str, set[str]] = {}
        for table_name, column in rows:
            have.setdefault(table_name, set()).add(column)
        return [(t, c) for t in TABLES for c in t.columns if c.name not in have.get(t.name, set())]

    def _shadow_new_columns(self) -> None:
        """A read-only store made before a field was added reads as if it had the column, NULL: a
        temporary view of the same name (it lives in this connection only) adds it to each such table."""
        con = self.connection
        database = con.execute("SELECT current_database()").fetchone()[0]
        by_table: dict[str, list[Column]] = {}
        for t, c in self._missing_columns():
            by_table.setdefault(t.name, []).append(c)
        for name, columns in by_table.items():
            extra = ", ".join(f"CAST(NULL AS {c.sql_type}) AS {quote(c.name)}" for c in columns)
            con.execute(f"CREATE TEMP VIEW {quote(name)} AS SELECT *, {extra} "
                        f"FROM {quote(database)}.main.{quote(name)}")

    def _add_new_columns(self) -> None:
        """A field added to the record since the store was made becomes a NULL column in old rows:
        additive changes need no version bump; renames and removals do (MIGRATIONS)."""
        con = self.connection
        missing = self._missing_columns()
        if not missing:
            return
        con.begin()
        try:
            for t, c in missing:
                con.execute(f"ALTER TABLE {quote(t.name)} ADD COLUMN {quote(c.name)} {c.sql_type}")
            con.commit()
        except BaseException:
            con.rollback()
            raise

    def store_version(self) -> int:
        row = self.connection.execute(
            f"SELECT value FROM {quote(META_TABLE)} WHERE key = 'store_version'"
        ).fetchone()
        try:
            return int(row[0]) if row else 0
        except ValueError:
            raise StoreError(f"store {self.path}: unreadable store version {row[0]!r}") from None

    def _migrate(self, version: int) -> None:
        if self.read_only:
            raise StoreError(f"store {self.path} needs migrating from version {version}; open it writable once")
        con = self.connection
        while version < STORE_VERSION:
            step = MIGRATIONS.get(version)
            if step is None:
                raise StoreError(f"store {self.path}: no migration from store version {version}")
            con.begin()
            try:
                step(con)
                version += 1
                con.execute(f"UPDATE {quote(META_TABLE)} SET value = ? WHERE key = 'store_version'", [str(version)])
                con.commit()
            except BaseException:
                con.rollback()
                raise

    # -- writing --------------------------------------------------------------------------------

    def write(self, records: Iterable[Record], batch_size: int = 500) -> WriteResult:
        """Store records whose article id is new; each batch is one transaction (all or nothing)."""
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        written = skipped = 0
        iterator = iter(records)
        while batch := list(itertools.islice(iterator, batch_size)):
            w, s = self._write_batch(batch)
            written += w
            skipped += s
        return WriteResult(written, skipped)

    def _write_batch(self, batch: list[Record]) -> tuple[int, int]:
        unique: dict[str, Record] = {}
        for record in batch:
            article_id = record.article.id
            if not isinstance(article_id, str) or not article_id:
                raise StoreError("cannot store a record whose article has no id")
            unique.setdefault(article_id, record)  # the first of repeated ids wins
        con = self.connection
        con.begin()
        try:
            ids = pa.table({"id": pa.array(list(unique), type=pa.string())})
            con.register(_IDS_VIEW, ids)
            try:
                existing = {r[0] for r in con.execute(
                    f"SELECT id FROM {quote(ARTICLES.name)} WHERE id IN (SELECT id FROM {_IDS_VIEW})"
                ).fetchall()}
            finally:
                con.unregister(_IDS_VIEW)
            fresh = [r for i, r in unique.items() if i not in existing]
            if fresh:
                ingested_at = datetime.now(timezone.utc).replace(tzinfo=None)
                for name, table in rows.to_arrow(fresh, ingested_at).items():
                    if table.num_rows:
                        self._insert(name, table)
            con.commit()
        except BaseException as exc:
            con.rollback()
            if isinstance(exc, duckdb.Error):
                raise StoreError(f"cannot write to store {self.path}: {_first_line(exc)}") from None
            raise
        return len(fresh), len(batch) - len(fresh)

    def _insert(self, name: str, table: pa.Table) -> None:
        """Bulk insert of one Arrow table (a registered view, read by DuckDB in one scan)."""
        view = f"_communique_batch_{name}"
        cols = ", ".join(quote(c) for c in table.column_names)
        con = self.connection
        con.register(view, table)
        try:
            con.execute(f"INSERT INTO {quote(name)} ({cols}) SELECT {cols} FROM {view}")
        finally:
            con.unregister(view)

    # -- reading --------------------------------------------------------------------------------

    def stats(self) -> dict[str, int]:
        """Row counts of each table."""
        return {
            key: self.connection.execute(f"SELECT count(*) FROM {quote(key)}").fetchone()[0]
            for key in STATS_KEYS
        }

    def article_ids(self) -> Iterator[str]:
        """Every stored article id, in id order."""
        cursor = self.connection.execute(f"SELECT id FROM {quote(ARTICLES.name)} ORDER BY id")
        while chunk := cursor.fetchmany(10_000):
            for (article_id,) in chunk:
                yield article_id

    def __contains__(self, article_id: str) -> bool:
        return self.connection.execute(
            f"SELECT 1 FROM {quote(ARTICLES.name)} WHERE id = ?", [article_id]
        ).fetchone() is not None

    def read_record(self, article_id: str) -> Record | None:
        """The stored record for an article id, rebuilt from all tables; None if absent."""
        con = self.connection
        names = ", ".join(quote(c.name) for c in ARTICLES.columns)
        row = con.execute(f"SELECT {names} FROM {quote(ARTICLES.name)} WHERE id = ?", [article_id]).fetchone()
        if row is None:
            return None
        article, schema_version = rows.article_from_row(row)
        mentions: dict[int, list] = {}
        for values in self._child_rows(MENTIONS, article_id, extra=("actor_index",)):
            mentions.setdefault(values[0], []).append(rows.mention_from_row(values[1:]))
        items: dict[str, tuple] = {}
        for field, table in CHILD_TABLES.items():
            extra = ("actor_index",) if table is ACTORS else ()
            built = []
            for values in self._child_rows(table, article_id, extra=extra):
                if table is ACTORS:
                    actor: Actor = rows.build(Actor, table.data, values[1:])
                    built.append(_with_mentions(actor, mentions.get(values[0], [])))
                else:
                    built.append(rows.build(table.item, table.data, values))
            items[field] = tuple(built)
        kwargs = {"schema_version": schema_version} if schema_version is not None else {}
        return Record(article=article, **items, **kwargs)

    def _child_rows(self, table, article_id: str, extra: tuple[str, ...] = ()) -> list[tuple]:
        cols = ", ".join(quote(c) for c in (*extra, *(c.name for c in table.data)))
        order = ", ".join(quote(c) for c in table.order_by)
        return self.connection.execute(
            f"SELECT {cols} FROM {quote(table.name)} WHERE article_id = ? ORDER BY {order}", [article_id]
        ).fetchall()


def _with_mentions(actor: Actor, mentions: list) -> Actor:
    return replace(actor, mentions=tuple(mentions))
