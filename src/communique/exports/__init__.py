"""Exports from the DuckDB store: GDELT 2.0 event rows, JSON Lines, CSV, Parquet.

One module per format; each takes an open connection, a table name and a target (a path, written
atomically, or a binary stream) and returns the number of rows written.
"""
from __future__ import annotations

import os
from typing import BinaryIO, Callable

import duckdb

from communique.errors import UsageError
from communique.exports.csv import export_csv
from communique.exports.gdelt_events import export_gdelt_events
from communique.exports.jsonl import export_jsonl
from communique.exports.parquet import export_parquet
from communique.exports.source import TABLE_NAMES

Exporter = Callable[[duckdb.DuckDBPyConnection, str, "str | os.PathLike | BinaryIO"], int]

EXPORTERS: dict[str, Exporter] = {
    "gdelt-events": export_gdelt_events,
    "jsonl": export_jsonl,
    "csv": export_csv,
    "parquet": export_parquet,
}
FORMATS: tuple[str, ...] = tuple(EXPORTERS)
BINARY_FORMATS = frozenset({"parquet"})  # never to a terminal or pipe
EVENTS_ONLY = frozenset({"gdelt-events"})


def export(con: duckdb.DuckDBPyConnection, fmt: str, table: str, out: str | os.PathLike | BinaryIO) -> int:
    """Export `table` in format `fmt` to `out`; returns the rows written."""
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise UsageError(f"unknown export format {fmt!r} (formats: {', '.join(FORMATS)})")
    if table not in TABLE_NAMES:
        raise UsageError(f"unknown table {table!r} (tables: {', '.join(TABLE_NAMES)})")
    if fmt in EVENTS_ONLY and table != "events":
        raise UsageError(f"{fmt} exports the events table only, not {table}")
    return exporter(con, table, out)


__all__ = ["BINARY_FORMATS", "EXPORTERS", "FORMATS", "TABLE_NAMES", "export"]
