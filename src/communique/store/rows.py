"""Records to Arrow tables (one per store table) and table rows back to records.

Columnar on the way in because DuckDB ingests Arrow in bulk ~100x faster than row inserts;
driven by the column paths in `schema`, so no table is written by hand.
"""
from __future__ import annotations

import functools
import typing
from datetime import date as _date, datetime
from dataclasses import is_dataclass
from typing import Any, Sequence

import pyarrow as pa

from communique.errors import StoreError
from communique.record import Actor, Article, Mention, Record
from communique.store.schema import (
    ACTORS, ARTICLES, CHILD_TABLES, MENTIONS, TABLES, Column, Table, _base, arrow_schema,
)

_BY_NAME = {t.name: t for t in TABLES}


def _get(item: Any, path: tuple[str, ...]) -> Any:
    for name in path:
        if item is None:
            return None
        item = getattr(item, name)
    return item


def _article_date(article: Article) -> _date | None:
    if article.date is None:
        return None
    try:
        return _date.fromisoformat(article.date)
    except (TypeError, ValueError):
        raise StoreError(f"article {article.id}: date {article.date!r} is not YYYY-MM-DD") from None


def _arrow(table: Table, columns: dict[str, list]) -> pa.Table:
    arrays = []
    for col in table.columns:
        try:
            arrays.append(pa.array(columns[col.name], type=col.arrow_type))
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError) as exc:
            raise StoreError(f"cannot store {table.name}.{col.name}: {exc}") from None
    return pa.Table.from_arrays(arrays, schema=arrow_schema(table))


def to_arrow(records: Sequence[Record], ingested_at: datetime) -> dict[str, pa.Table]:
    """One Arrow table per store table for these records (empty tables included)."""
    cols: dict[str, dict[str, list]] = {t.name: {c.name: [] for c in t.columns} for t in TABLES}
    art = cols[ARTICLES.name]
    for record in records:
        a = record.article
        for col in ARTICLES.data:
            if col.name == "date":
                art["date"].append(_article_date(a))
            elif col.name == "schema_version":
                art["schema_version"].append(record.schema_version)
            elif col.name == "ingested_at":
                art["ingested_at"].append(ingested_at)
            else:
                art[col.name].append(_get(a, col.path))
        for field, table in CHILD_TABLES.items():
            out = cols[table.name]
            index_name = table.keys[1].name
            for i, item in enumerate(getattr(record, field)):
                out["article_id"].append(a.id)
                out[index_name].append(i)
                for col in table.data:
                    out[col.name].append(_get(item, col.path))
                if table is ACTORS:
                    _add_mentions(cols[MENTIONS.name], a.id, i, item)
    return {name: _arrow(_BY_NAME[name], columns) for name, columns in cols.items()}


def _add_mentions(out: dict[str, list], article_id: str, actor_index: int, actor: Actor) -> None:
    for j, mention in enumerate(actor.mentions):
        out["article_id"].append(article_id)
        out["actor_index"].append(actor_index)
        out["mention_index"].append(j)
        out["actor_id"].append(actor.id)
        for col in MENTIONS.data:
            out[col.name].append(_get(mention, col.path))


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def build(cls: type, columns: Sequence[Column], values: Sequence[Any]) -> Any:
    """Rebuild a dataclass from flattened column values (the inverse of the column paths)."""
    flat: dict[str, Any] = {}
    nested: dict[str, list[tuple[Column, Any]]] = {}
    for col, value in zip(columns, values):
        if len(col.path) == 1:
            flat[col.path[0]] = value
        elif col.path:
            nested.setdefault(col.path[0], []).append((Column(col.name, col.sql_type, col.arrow_type, col.path[1:]), value))
    hints = _hints(cls)
    for name, items in nested.items():
        sub = _base(hints[name])
        optional = sub is not hints[name]
        if optional and all(v is None for _, v in items):
            flat[name] = None
        elif is_dataclass(sub):
            flat[name] = build(sub, [c for c, _ in items], [v for _, v in items])
    return cls(**flat)


def article_from_row(values: Sequence[Any]) -> tuple[Article, str]:
    """Article and its record schema version from an `articles` row."""
    row = dict(zip((c.name for c in ARTICLES.columns), values))
    if isinstance(row["date"], _date):
        row["date"] = row["date"].isoformat()
    data_cols = [c for c in ARTICLES.columns if c.path]
    article = build(Article, data_cols, [row[c.name] for c in data_cols])
    return article, row["schema_version"]


def mention_from_row(values: Sequence[Any]) -> Mention:
    return build(Mention, MENTIONS.data, values)
