#!/usr/bin/env python3
"""Seconds each communique stage takes on ever longer articles, and how fast that grows.

    .venv/bin/python benchmarks/scaling.py [--sizes 10,100,250,500,1000] [--input FILE.jsonl]
                                           [--stages communique_quantities,...] [--profile STAGE]
                                           [--repeat 2]

About 2 minutes on 2 cores, most of it the model parsing the 1 MB article (exit status 2 and a
message when the corpus is absent).

Why: a stage that is quadratic in article length is invisible on wire stories (2 KB) and takes
minutes on a 1 MB document. One article of the largest size (KB of text) is built by joining
whole stories of the corpus (default ../shared/corpora/wire_stories.jsonl; any JSON Lines file with
a "text" field through --input) and parsed once by the model's own pipes; each smaller size is a
prefix of it ending at a story's end (a copy of that part of the parsed Doc). On each, every
communique stage is run by itself, in pipeline order, and timed. Prints a table (characters,
seconds per stage, seconds per 100 KB) and each stage's growth exponent: the least-squares slope
of log(seconds) on log(characters) — about 1 is linear, 2 quadratic.

Seconds are CPU seconds of this process (a shared machine's other jobs do not count), the least
of --repeat runs, each on a fresh copy of the parsed Doc (no per-Doc cache carried over). Small
timings are still noisy, so trust the exponent over the sizes of 100 KB and up. --profile STAGE
prints that stage's hottest functions at the largest size.
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import math
import os
import pstats
import sys
import time
from bisect import bisect_left
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(var, "1")

from spacy.tokens import Doc  # noqa: E402

from communique.pipeline import COMPONENTS, load_nlp  # noqa: E402
from communique.record import Article  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "wire_stories.jsonl"
SEPARATOR = "\n\n"


def read_stories(path: Path) -> list[tuple[str, str | None]]:
    """(text, date) of each story with a non-empty text, in file order."""
    stories = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            obj = json.loads(line)
            text = obj.get("text")
            if isinstance(text, str) and text.strip():
                stories.append((text.strip(), obj.get("date")))
    return stories


def build_article(stories: list[tuple[str, str | None]], chars: int) -> tuple[Article, list[int]]:
    """Whole stories joined until the next would pass `chars` (the corpus is reused if too short),
    and the offset where each story ends."""
    parts: list[str] = []
    ends: list[int] = []
    total = 0
    i = 0
    while True:
        text = stories[i % len(stories)][0]
        extra = len(text) + (len(SEPARATOR) if parts else 0)
        if parts and total + extra > chars:
            break
        parts.append(text)
        total += extra
        ends.append(total)
        i += 1
    date = stories[0][1] or "2000-01-01"
    text = SEPARATOR.join(parts)[:chars]
    return Article(id=f"scaling-{chars}", text=text, date=str(date)[:10]), [min(e, len(text)) for e in ends]


def prefix_doc(doc: Doc, chars: int, ends: list[int], date: str) -> Doc:
    """A copy of the parsed doc up to the end of the last story within `chars` characters."""
    cut = max((e for e in ends if e <= chars), default=ends[0])
    starts = [t.idx for t in doc]
    n = bisect_left(starts, cut)  # the first token at or after the cut: the separator
    part = doc[:n].as_doc() if n < len(doc) else doc
    part._.article_date = date
    return part


def slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of log y on log x; nan when fewer than two usable points."""
    pts = [(math.log(x), math.log(y)) for x, y in zip(xs, ys) if x > 0 and y > 0]
    if len(pts) < 2:
        return float("nan")
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    sxx = sum((p[0] - mx) ** 2 for p in pts)
    return sum((p[0] - mx) * (p[1] - my) for p in pts) / sxx if sxx else float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", default=None, help="JSON Lines file with a text field (default: the wire corpus)")
    ap.add_argument("--sizes", default="10,100,250,500,1000",
                    help="article sizes in KB (1 KB = 1000 characters)")
    ap.add_argument("--stages", default=",".join(COMPONENTS), help="stages to time, in pipeline order")
    ap.add_argument("--profile", default=None, help="print the hottest functions of this stage at the largest size")
    ap.add_argument("--repeat", type=int, default=2, help="runs per size; the fastest of each stage is kept")
    ap.add_argument("--model", default=None)
    args = ap.parse_args()

    path = Path(args.input) if args.input else CORPUS
    if not path.exists():
        print(f"skipped: corpus not found at {path} (this benchmark reads ../shared, or pass --input FILE)",
              file=sys.stderr)
        return 2
    stories = read_stories(path)
    if not stories:
        print(f"no stories with a text field in {path}", file=sys.stderr)
        return 2
    sizes = [int(float(s) * 1000) for s in args.sizes.split(",") if s.strip()]
    stages = [s for s in args.stages.split(",") if s.strip()]
    unknown = [s for s in stages + ([args.profile] if args.profile else []) if s not in COMPONENTS]
    if unknown:
        print(f"unknown stage(s): {', '.join(unknown)}; known: {', '.join(COMPONENTS)}", file=sys.stderr)
        return 2

    nlp = load_nlp(args.model)
    nlp.max_length = max(sizes) + 1000
    own = [name for name in nlp.pipe_names if name not in COMPONENTS]
    # run in pipeline order; stages not timed still run (later stages read their output)
    ordered = [name for name in nlp.pipe_names if name in COMPONENTS]

    warm = nlp(nlp.make_doc(build_article(stories, 5000)[0].text))  # first-call costs are not growth
    del warm
    article, ends = build_article(stories, max(sizes))
    whole = nlp.make_doc(article.text)
    whole._.article_date = article.date
    t0 = time.perf_counter()
    with nlp.select_pipes(enable=own):
        whole = nlp(whole)
    parse = time.perf_counter() - t0
    print(f"  {len(article.text):,} characters parsed in {parse:.1f} s", file=sys.stderr, flush=True)
    rows = []
    for chars in sorted(sizes):
        seconds: dict[str, float] = {}
        for run in range(max(1, args.repeat)):
            doc = prefix_doc(whole, chars, ends, article.date)
            for name in ordered:
                pipe = nlp.get_pipe(name)
                profiler = cProfile.Profile() if (
                    name == args.profile and chars == max(sizes) and run == 0) else None
                gc.collect()  # garbage left by the stage before is not this one's cost
                t0 = time.process_time()
                if profiler:
                    profiler.enable()
                pipe(doc)
                if profiler:
                    profiler.disable()
                took = time.process_time() - t0
                seconds[name] = min(took, seconds.get(name, took))
                if doc._.failures:
                    print(f"{len(doc.text):,} chars: {name} failed: {doc._.failures}", file=sys.stderr)
                    doc._.failures = None
                if profiler:
                    out = io.StringIO()
                    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(30)
                    print(out.getvalue(), file=sys.stderr)
        rows.append((len(doc.text), len(doc), seconds))
        print(f"  {len(doc.text):>9,} chars: "
              + ", ".join(f"{n.removeprefix('communique_')} {seconds[n]:.2f} s" for n in stages),
              file=sys.stderr, flush=True)

    short = {n: n.removeprefix("communique_") for n in stages}
    head = f"{'chars':>10} {'tokens':>8} " + " ".join(f"{short[n]:>10}" for n in stages) + f" {'all':>8}"
    print(f"model parse of the whole {len(article.text):,} characters: {parse:.1f} s "
          f"({parse * 100_000 / len(article.text):.2f} s per 100 KB)\n")
    print("CPU seconds per stage")
    print(head)
    for chars, tokens, seconds in rows:
        print(f"{chars:>10,} {tokens:>8,} " + " ".join(f"{seconds[n]:>10.3f}" for n in stages)
              + f" {sum(seconds[n] for n in stages):>8.3f}")
    print("\nCPU seconds per 100 KB of text")
    print(head)
    for chars, tokens, seconds in rows:
        per = 100_000 / chars
        print(f"{chars:>10,} {tokens:>8,} " + " ".join(f"{seconds[n] * per:>10.3f}" for n in stages)
              + f" {sum(seconds[n] for n in stages) * per:>8.3f}")
    xs = [r[0] for r in rows]
    print("\ngrowth exponent (log-log slope; 1 = linear, 2 = quadratic)")
    big = [i for i, r in enumerate(rows) if r[0] >= 100_000]
    print(f"{'stage':>12} {'all sizes':>10} {'>=100 KB':>10}")
    for label, ys in [(short[n], [r[2][n] for r in rows]) for n in stages] + [
            ("all", [sum(r[2][n] for n in stages) for r in rows])]:
        tail = slope([xs[i] for i in big], [ys[i] for i in big]) if len(big) >= 2 else float("nan")
        print(f"{label:>12} {slope(xs, ys):>10.2f} {tail:>10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
