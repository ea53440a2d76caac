"""Parquet export of any store table, written by DuckDB's own COPY (streaming, columnar, fast)."""
from __future__ import annotations

import duckdb

from communique.errors import UsageError
from communique.exports.atomic import atomic_path
from communique.exports.source import copy_table


def export_parquet(con: duckdb.DuckDBPyConnection, table: str, out) -> int:
    """Write `table` to the Parquet file `out` (atomically); returns the rows written."""
    if out is None or hasattr(out, "write"):
        raise UsageError("parquet is a binary file format: give --out FILE")
    with atomic_path(out) as tmp:
        return copy_table(con, table, tmp, "FORMAT parquet, COMPRESSION zstd", "parquet")
