"""CSV export of any store table (header row, comma-separated), written by DuckDB's own COPY.

To a file: COPY into a temporary file beside it, then rename. To a stream (stdout): COPY into a
temporary file, then copy its bytes, so both paths write exactly the same CSV dialect.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import duckdb

from communique.exports.atomic import atomic_path
from communique.exports.source import copy_table

_CHUNK = 1 << 20


def _copy(con: duckdb.DuckDBPyConnection, table: str, path: Path) -> int:
    return copy_table(con, table, path, "FORMAT csv, HEADER true, DELIMITER ','", "csv")


def export_csv(con: duckdb.DuckDBPyConnection, table: str, out) -> int:
    """Write `table` as CSV to the file `out` (atomically) or to a binary stream; returns rows written."""
    if hasattr(out, "write"):
        with tempfile.TemporaryDirectory(prefix="communique-export-") as tmpdir:
            path = Path(tmpdir) / f"{table}.csv"
            count = _copy(con, table, path)
            with open(path, "rb") as f:
                shutil.copyfileobj(f, out, _CHUNK)
            out.flush()
        return count
    with atomic_path(out) as tmp:
        return _copy(con, table, tmp)
