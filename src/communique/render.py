"""Readable summaries of a Record for the terminal (rich tables): the `table` format and the demo."""
from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from .record import Record


def _short(text: str | None, width: int = 90) -> Text:
    """Article words as plain text: "[bold]" in a quote is the article's, not markup."""
    text = " ".join((text or "").split())
    return Text(text if len(text) <= width else text[: width - 1] + "…")


def _fmt_value(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"


def _cells(*values) -> list[Text]:
    """Every cell as plain Text, so brackets in an article are never read as rich markup."""
    return [v if isinstance(v, Text) else Text(str(v)) for v in values]


def record_view(record: Record) -> Group:
    """Header line plus one table per non-empty section."""
    a = record.article
    names = {actor.id: actor.name for actor in record.actors}
    head = Text.assemble(
        ("article ", "bold"), a.id[:16], "  ", (a.date or "no date", "cyan"), "  ", a.dateline or "",
        "  ", _short(a.title, 60) if a.title else "",
    )
    parts: list = [head]

    t = Table(title="Actors", title_justify="left", expand=False)
    for col in ("name", "kind", "country", "role", "code", "mentions"):
        t.add_column(col)
    for actor in record.actors:
        t.add_row(*_cells(actor.name, actor.kind, actor.country or "", actor.role or "", actor.code or "", str(len(actor.mentions))))
    if record.actors:
        parts.append(t)

    t = Table(title="Times", title_justify="left")
    for col in ("text", "type", "value", "at"):
        t.add_column(col)
    for tm in record.times:
        t.add_row(*_cells(tm.text, tm.type, tm.value or "", str(tm.start)))
    if record.times:
        parts.append(t)

    t = Table(title="Figures", title_justify="left")
    for col in ("text", "kind", "value", "unit", "bound", "change", "subject", "time", "source"):
        t.add_column(col)
    for q in record.quantities:
        t.add_row(*_cells(q.text, q.kind, _fmt_value(q.value), q.unit or "", q.bound if q.bound != "exact" else "",
                  q.change or "", _short(q.subject, 30), q.time or "", names.get(q.source, "")))
    if record.quantities:
        parts.append(t)

    t = Table(title="Quotes", title_justify="left")
    for col in ("speaker", "cue", "kind", "content"):
        t.add_column(col)
    for q in record.quotes:
        t.add_row(*_cells(names.get(q.speaker, q.speaker_text or ""), q.cue or "", q.kind, _short(q.text, 80)))
    if record.quotes:
        parts.append(t)

    t = Table(title="Events", title_justify="left")
    for col in ("source", "event", "target", "cameo", "plover", "quad", "goldstein", "date", "flags"):
        t.add_column(col)
    for e in record.events:
        flags = ", ".join(f for f, on in (("negated", e.negated), ("hypothetical", e.hypothetical)) if on)
        t.add_row(*_cells(names.get(e.source, ""), _short(e.trigger.text, 30), names.get(e.target, ""), e.cameo,
                          e.plover or "", str(e.quad_class), f"{e.goldstein:+.1f}", e.date or "", flags))
    if record.events:
        parts.append(t)
    return Group(*parts)


def make_console() -> Console:
    """A console for records: wide enough for the tables even when output is piped or logged."""
    console = Console()
    if not console.is_terminal:
        console = Console(width=140)
    return console


def print_record(record: Record, console: Console) -> None:
    console.print(record_view(record))
    console.print()
