"""Parquet export of any store table, written by DuckDB's own COPY (streaming, columnar, fast)."""
from __future__ import annotations

import os

import duckdb

from communique.errors import UsageError
from communique.exports.atomic import atomic_path
from communique.exports.source import sql_string, store_error, table_query


def export_parquet(con: duckdb.DuckDBPyConnection, table: str, out) -> int:
    """Write `table` to the Parquet file `out` (atomically); returns the rows written."""
    if out is None or hasattr(out, "write"):
        raise UsageError("parquet is a binary file format: give --out FILE")
    with atomic_path(out) as tmp:
        try:
            row = con.execute(
                f"COPY ({table_query(table)}) TO {sql_string(os.fspath(tmp))} (FORMAT parquet, COMPRESSION zstd)"
            ).fetchone()
        except duckdb.Error as exc:
            raise store_error(f"export {table} to parquet", exc) from None
    return int(row[0]) if row else 0
