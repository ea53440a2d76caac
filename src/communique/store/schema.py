"""The store's tables, derived from the record dataclasses so a new record field is a new column.

Every child table carries `article_id` and an ordinal (`actor_index`, `time_index`, ...) so a
record read back keeps its items in the order the pipeline produced them. Nested spans are
flattened (`trigger_start`, `trigger_end`, ...). The store has its own version, kept in
`communique_meta`, separate from the record schema version kept per article.
"""
from __future__ import annotations

import types
import typing
from dataclasses import dataclass, fields, is_dataclass

import pyarrow as pa

from communique.record import Actor, Article, Event, Mention, Quantity, Quote, Time

STORE_VERSION = 1
META_TABLE = "communique_meta"

_SCALARS: dict[type, tuple[str, pa.DataType]] = {
    str: ("VARCHAR", pa.string()),
    int: ("BIGINT", pa.int64()),
    float: ("DOUBLE", pa.float64()),
    bool: ("BOOLEAN", pa.bool_()),
}


@dataclass(frozen=True)
class Column:
    """One column: its SQL and Arrow types and the attribute path it comes from in the item."""

    name: str
    sql_type: str
    arrow_type: pa.DataType
    path: tuple[str, ...] = ()  # () for columns the writer fills itself (article_id, ordinals)


@dataclass(frozen=True)
class Table:
    """A table: the item class it stores, its key columns, its data columns."""

    name: str
    item: type | None
    keys: tuple[Column, ...]
    data: tuple[Column, ...]
    order_by: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[Column, ...]:
        return self.keys + self.data


def quote(name: str) -> str:
    """Quote an identifier: `start` and `end` are SQL keywords."""
    return '"' + name.replace('"', '""') + '"'


def _base(hint) -> type:
    """`X | None` -> X."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        members = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(members) == 1:
            return members[0]
    return hint


def item_columns(cls: type, *, rename: dict[str, str] | None = None, exclude: tuple[str, ...] = (),
                 prefix: str = "", path: tuple[str, ...] = ()) -> tuple[Column, ...]:
    """Columns for a dataclass's fields; nested dataclasses flattened as `<field>_<subfield>`."""
    rename = rename or {}
    hints = typing.get_type_hints(cls)
    out: list[Column] = []
    for f in fields(cls):
        if f.name in exclude:
            continue
        base = _base(hints[f.name])
        name = prefix + rename.get(f.name, f.name)
        if is_dataclass(base):
            out.extend(item_columns(base, prefix=f"{name}_", path=path + (f.name,)))
        elif base in _SCALARS:
            sql_type, arrow_type = _SCALARS[base]
            out.append(Column(name, sql_type, arrow_type, path + (f.name,)))
        else:
            raise TypeError(f"no column type for {cls.__name__}.{f.name}: {hints[f.name]!r}")
    return tuple(out)


def _key(name: str, sql_type: str = "VARCHAR", arrow_type: pa.DataType = pa.string()) -> Column:
    return Column(name, sql_type, arrow_type)


def _ordinal(name: str) -> Column:
    return Column(name, "INTEGER", pa.int32())


ARTICLE_ID = _key("article_id")


def _article_columns() -> tuple[Column, ...]:
    cols = []
    for col in item_columns(Article):
        if col.name == "date":
            col = Column("date", "DATE", pa.date32(), col.path)
        cols.append(col)
    # the record's schema version and the time of ingestion (UTC) are per-article facts too
    cols.append(Column("schema_version", "VARCHAR", pa.string()))
    cols.append(Column("ingested_at", "TIMESTAMP", pa.timestamp("us")))
    return tuple(cols)


ARTICLES = Table("articles", Article, (), _article_columns())
ACTORS = Table(
    "actors", Actor, (ARTICLE_ID, _ordinal("actor_index")),
    item_columns(Actor, rename={"id": "actor_id"}, exclude=("mentions",)), ("actor_index",),
)
MENTIONS = Table(
    "mentions", Mention, (ARTICLE_ID, _ordinal("actor_index"), _ordinal("mention_index"), _key("actor_id")),
    item_columns(Mention), ("actor_index", "mention_index"),
)
TIMES = Table("times", Time, (ARTICLE_ID, _ordinal("time_index")), item_columns(Time), ("time_index",))
QUANTITIES = Table(
    "quantities", Quantity, (ARTICLE_ID, _ordinal("quantity_index")), item_columns(Quantity), ("quantity_index",),
)
QUOTES = Table("quotes", Quote, (ARTICLE_ID, _ordinal("quote_index")), item_columns(Quote), ("quote_index",))
EVENTS = Table("events", Event, (ARTICLE_ID, _ordinal("event_index")), item_columns(Event), ("event_index",))

TABLES: tuple[Table, ...] = (ARTICLES, ACTORS, MENTIONS, TIMES, QUANTITIES, QUOTES, EVENTS)
# record field -> child table holding it, in Record field order
CHILD_TABLES: dict[str, Table] = {
    "actors": ACTORS, "times": TIMES, "quantities": QUANTITIES, "quotes": QUOTES, "events": EVENTS,
}


def create_sql(table: Table) -> str:
    cols = [f"{quote(c.name)} {c.sql_type}" for c in table.columns]
    if table is ARTICLES:
        cols[0] += " PRIMARY KEY"
    return f"CREATE TABLE IF NOT EXISTS {quote(table.name)} ({', '.join(cols)})"


def arrow_schema(table: Table) -> pa.Schema:
    return pa.schema([pa.field(c.name, c.arrow_type) for c in table.columns])


# Migrations from version N to N+1, each a function of the open connection. None needed yet:
# add one here (and bump STORE_VERSION) when a table changes shape.
MIGRATIONS: dict[int, typing.Callable[[typing.Any], None]] = {}
