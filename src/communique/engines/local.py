"""Run the pipeline in this process or in a pool of worker processes, keeping input order.

Docs never cross a process boundary: each worker loads the model once and sends back Records
(plain frozen dataclasses). Only a few chunks are in flight at a time, so a million-line input
streams through in constant memory. A worker that cannot load its model reports the error with
the first chunk instead of dying, so the CLI prints one line rather than hanging.
"""
from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..errors import CommuniqueError
from ..record import Article, Record

# one BLAS thread per worker: with more, two processes on two cores are no faster than one
_WORKER_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


class _Worker:
    """The state of one worker process: its pipeline, or the error that kept it from loading."""

    nlp = None
    error: CommuniqueError | None = None
    batch_size = 32


def _start_worker(model: str | None, tables: tuple[str, ...], batch_size: int, plover_scheme: str | None) -> None:
    for key, value in _WORKER_ENV.items():
        os.environ.setdefault(key, value)
    from ..pipeline import load_nlp  # imported here, after the thread settings, in the worker

    _Worker.batch_size = batch_size
    try:
        _Worker.nlp = load_nlp(model, tables, plover_scheme)
    except CommuniqueError as exc:
        _Worker.error = exc


def _work(chunk: list[Article]) -> list:
    from ..pipeline import extract

    if _Worker.error is not None:
        raise _Worker.error
    return list(extract(_Worker.nlp, chunk, _Worker.batch_size))


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
    plover_scheme: str | None = None,
) -> Iterator[Record]:
    """One Record or pipeline.Skipped per article, in input order."""
    from ..pipeline import extract, load_nlp

    tables = tuple(actor_tables)
    if processes <= 1:
        yield from extract(load_nlp(model, tables, plover_scheme), articles, batch_size)
        return
    ctx = multiprocessing.get_context("spawn")
    in_flight: deque[Future] = deque()
    with ProcessPoolExecutor(processes, mp_context=ctx, initializer=_start_worker,
                             initargs=(model, tables, batch_size, plover_scheme)) as pool:
        try:
            for chunk in _chunks(articles, batch_size * 2):
                in_flight.append(pool.submit(_work, chunk))
                if len(in_flight) >= processes * 2:
                    yield from in_flight.popleft().result()
            while in_flight:
                yield from in_flight.popleft().result()
        except BrokenProcessPool:
            raise CommuniqueError("a worker process died (out of memory?); run with fewer processes") from None
        finally:
            for future in in_flight:
                future.cancel()
