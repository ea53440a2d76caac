"""The rows of one store table in a stable order (article, then item index): the input of every export."""
from __future__ import annotations

import os

import duckdb

from communique.errors import StoreError
from communique.store.schema import TABLES, quote

TABLE_NAMES: tuple[str, ...] = tuple(t.name for t in TABLES)
_BY_NAME = {t.name: t for t in TABLES}


def table_query(name: str) -> str:
    """SELECT of every column of `name`, ordered by its key (id for articles, article_id + ordinals)."""
    table = _BY_NAME.get(name)
    if table is None:
        raise StoreError(f"no table {name!r} in the store (tables: {', '.join(TABLE_NAMES)})")
    cols = ", ".join(quote(c.name) for c in table.columns)
    order = ["id"] if not table.keys else ["article_id", *table.order_by]
    return f"SELECT {cols} FROM {quote(table.name)} ORDER BY {', '.join(quote(c) for c in order)}"


def sql_string(value: str) -> str:
    """A SQL string literal (COPY takes its file name as a literal, not a parameter)."""
    return "'" + value.replace("'", "''") + "'"


def first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def store_error(action: str, exc: duckdb.Error) -> StoreError:
    return StoreError(f"cannot {action}: {first_line(exc)}")


def copy_table(con: duckdb.DuckDBPyConnection, table: str, path: str | os.PathLike, options: str, fmt: str) -> int:
    """DuckDB's own COPY of `table` (in export order) to `path`; returns the rows written."""
    try:
        row = con.execute(f"COPY ({table_query(table)}) TO {sql_string(os.fspath(path))} ({options})").fetchone()
    except duckdb.Error as exc:
        raise store_error(f"export {table} to {fmt}", exc) from None
    return int(row[0]) if row else 0
