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

    def section(title: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """A table of plain-text cells, shown only when the section has rows."""
        if rows:
            t = Table(title=title, title_justify="left")
            for col in columns:
                t.add_column(col)
            for row in rows:
                t.add_row(*_cells(*row))
            parts.append(t)

    section("Actors", ("name", "kind", "country", "role", "code", "mentions"),
            [(x.name, x.kind, x.country or "", x.role or "", x.code or "", len(x.mentions)) for x in record.actors])
    section("Times", ("text", "type", "value", "at"),
            [(tm.text, tm.type, tm.value or "", tm.start) for tm in record.times])
    section("Figures", ("text", "kind", "value", "unit", "bound", "change", "subject", "time", "source"),
            [(q.text, q.kind, _fmt_value(q.value), q.unit or "", q.bound if q.bound != "exact" else "",
              q.change or "", _short(q.subject, 30), q.time or "", names.get(q.source, "")) for q in record.quantities])
    section("Quotes", ("speaker", "cue", "kind", "content"),
            [(names.get(q.speaker, q.speaker_text or ""), q.cue or "", q.kind, _short(q.text, 80)) for q in record.quotes])
    section("Events", ("source", "event", "target", "cameo", "plover", "quad", "goldstein", "date", "flags"),
            [(names.get(e.source, ""), _short(e.trigger.text, 30), names.get(e.target, ""), e.cameo, e.plover or "",
              e.quad_class, f"{e.goldstein:+.1f}", e.date or "",
              ", ".join(f for f, on in (("negated", e.negated), ("hypothetical", e.hypothetical)) if on))
             for e in record.events])
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
