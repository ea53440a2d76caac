#!/usr/bin/env python3
"""Words per second of communique's extraction beside bare spaCy, same model, same stories, same run.

    .venv/bin/python benchmarks/speed.py [--stories 400] [--corpus ../shared/corpora/wire_stories.jsonl]

"Bare spaCy" is the model's own pipeline (tagger, parser, NER...) over the texts with nlp.pipe; ours is
the full pipeline (that plus actors, times, quantities, quotes) and the conversion to Records. Each is
timed twice, alternating, after a warm-up, and the faster pass is kept, so both see the same machine
state. Words are whitespace-separated tokens of the texts. Prints a JSON line and a summary.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import spacy  # noqa: E402

from communique.pipeline import Skipped, extract, load_nlp, model_name  # noqa: E402
from communique.readers import iter_articles  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "wire_stories.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stories", type=int, default=400)
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--model", default=None)
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()
    if not Path(args.corpus).exists():
        print(f"corpus not found: {args.corpus} (the benchmark reads ../shared)", file=sys.stderr)
        return 2
    articles = list(itertools.islice(iter_articles([args.corpus]), args.stories))
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)

    bare = spacy.load(model_name(args.model))
    ours = load_nlp(args.model)
    list(bare.pipe(texts[:20]))  # warm-up: first-call costs are not throughput
    list(extract(ours, articles[:20]))

    def time_bare() -> float:
        t0 = time.perf_counter()
        for _ in bare.pipe(texts, batch_size=args.batch_size):
            pass
        return time.perf_counter() - t0

    def time_ours() -> tuple[float, int]:
        t0 = time.perf_counter()
        n = sum(1 for r in extract(ours, articles, args.batch_size) if not isinstance(r, Skipped))
        return time.perf_counter() - t0, n

    bare_s, ours_s, records = [], [], 0
    for _ in range(2):
        bare_s.append(time_bare())
        seconds, records = time_ours()
        ours_s.append(seconds)
    result = {
        "stories": len(articles),
        "records": records,
        "words": words,
        "model": model_name(args.model),
        "bare_spacy_words_per_s": round(words / min(bare_s), 1),
        "communique_words_per_s": round(words / min(ours_s), 1),
        "ratio": round(min(bare_s) / min(ours_s), 3),
        "bare_spacy_s": round(min(bare_s), 2),
        "communique_s": round(min(ours_s), 2),
    }
    print(json.dumps(result))
    print(f"{result['stories']} stories, {words:,} words: bare spaCy {result['bare_spacy_words_per_s']:,.0f} words/s, "
          f"communique {result['communique_words_per_s']:,.0f} words/s ({result['ratio']:.0%} of bare spaCy's speed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
