"""JSON Lines export of any store table: one object per row, dates and timestamps in ISO 8601.

Rows are fetched from a DuckDB cursor in chunks, so a table of millions of rows is never in memory.
"""
from __future__ import annotations

import json
from datetime import date, datetime, time

import duckdb

from communique.exports.atomic import binary_sink
from communique.exports.source import store_error, table_query

CHUNK_ROWS = 10_000


def _iso(value):
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def export_jsonl(con: duckdb.DuckDBPyConnection, table: str, out) -> int:
    """Write `table` as JSON Lines to the file `out` (atomically) or to a binary stream; returns rows."""
    count = 0
    with binary_sink(out) as sink:
        try:
            cursor = con.execute(table_query(table))
            names = [d[0] for d in cursor.description]
            while chunk := cursor.fetchmany(CHUNK_ROWS):
                lines = [json.dumps(dict(zip(names, row)), ensure_ascii=False, default=_iso) for row in chunk]
                sink.write(("\n".join(lines) + "\n").encode("utf-8"))
                count += len(chunk)
        except duckdb.Error as exc:
            raise store_error(f"export {table} to jsonl", exc) from None
    return count
