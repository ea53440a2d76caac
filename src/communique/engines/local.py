"""Run the pipeline in this process or in a pool of worker processes, keeping input order.

Docs never cross a process boundary: each worker loads the model once and sends back Records
(plain frozen dataclasses), so memory stays flat and any spaCy model works.
"""
from __future__ import annotations

import itertools
import multiprocessing
import os
from collections.abc import Iterable, Iterator, Sequence

from ..pipeline import Skipped, extract, load_nlp
from ..record import Article, Record

_worker_nlp = None
_worker_batch = 32


def _start_worker(model: str | None, tables: tuple[str, ...], batch_size: int) -> None:
    global _worker_nlp, _worker_batch
    _worker_nlp = load_nlp(model, tables)
    _worker_batch = batch_size


def _work(chunk: list[Article]) -> list[Record | Skipped]:
    return list(extract(_worker_nlp, chunk, _worker_batch))


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def run_local(
    articles: Iterable[Article],
    model: str | None = None,
    actor_tables: Sequence[str] = (),
    processes: int = 1,
    batch_size: int = 32,
) -> Iterator[Record | Skipped]:
    """One Record or Skipped per article, in input order."""
    tables = tuple(actor_tables)
    if processes <= 1:
        yield from extract(load_nlp(model, tables), articles, batch_size)
        return
    # one BLAS thread per worker: with more, two processes on two cores are no faster than one
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(processes, initializer=_start_worker, initargs=(model, tables, batch_size)) as pool:
        for results in pool.imap(_work, _chunks(articles, batch_size * 2)):
            yield from results
