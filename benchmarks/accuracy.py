#!/usr/bin/env python3
"""Score communique on the shared gold sets in one process, and list the errors by category.

    .venv/bin/python benchmarks/accuracy.py [SET ...] [--shared ../shared] [--errors N] [--json OUT]

SETs: timeml recognizers polnear plover plover-2021 petrarch (default: all). The inputs and the scores come from
the shared scorer (`../shared/eval/gold.py`, loaded from disk, the same code `eval/run.sh` runs); the
model is loaded once for every set. After each set's figures comes a count of its errors by category,
largest first, with a few examples each, so a round of work can start from the largest class.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SETS = {
    "timeml": "gold/time/tbaq",
    "recognizers": "gold/numbers/recognizers",
    "polnear": "gold/quotes/polnear/dev",
    "plover": "gold/events/plover_gsr_dev.jsonl",
    "plover-2021": "gold/events/plover_gsr_dev.jsonl",
    "petrarch": "gold/events/petrarch2_unit_tests.xml",
}
# The PLOVER gold standard is coded in the 0.5b1 draft's type names (its `version` field says so), the
# names records carry by default. "plover" scores the records as `eval/run.sh plover` does;
# "plover-2021" scores them renamed as `--plover-scheme 2021` would.
RENAMED = {"plover-2021": ("plover", "2021")}


@dataclass
class Errors:
    """Errors of one set by category, with up to `keep` examples each."""

    keep: int = 3
    counts: Counter = field(default_factory=Counter)
    examples: dict = field(default_factory=lambda: defaultdict(list))

    def add(self, category: str, example: str) -> None:
        self.counts[category] += 1
        if len(self.examples[category]) < self.keep:
            self.examples[category].append(example)

    def as_dict(self) -> dict:
        return {c: {"count": n, "examples": self.examples[c]} for c, n in self.counts.most_common()}


def load_scorer(shared: Path):
    path = shared / "eval" / "gold.py"
    spec = importlib.util.spec_from_file_location("communique_gold_scorer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_records(nlp, inputs: list[dict]) -> tuple[dict[str, dict], list[str]]:
    """Records by article id, and the reasons of the articles the pipeline skipped (never silent)."""
    from communique.pipeline import Skipped, extract
    from communique.record import Article

    articles = [Article(str(i["id"]), i.get("date"), i["text"]) for i in inputs]
    out, skipped = {}, []
    for result in extract(nlp, articles):
        if isinstance(result, Skipped):
            skipped.append(f"{result.article_id}: {result.reason}")
        else:
            out[result.article.id] = result.to_dict()
    return out, skipped


def _overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _time_shape(text: str) -> str:
    """A coarse class of a time expression, to group its errors."""
    t = text.lower()
    for name, pattern in (
        ("weekday", r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"),
        ("relative day", r"today|yesterday|tomorrow|tonight"),
        ("month", r"january|february|march|april|may|june|july|august|september|october|november|december"),
        ("quarter/half", r"quarter|half"),
        ("ago/later", r"ago|earlier|later"),
        ("relative unit", r"\b(last|next|this|past|coming|previous)\b"),
        ("duration", r"\b(years?|months?|weeks?|days?|hours?|minutes?|decades?)\b"),
        ("year", r"\b\d{4}\b"),
        ("reference", r"now|current|recent|former|future|once|soon"),
    ):
        if re.search(pattern, t):
            return name
    return "other"


def timeml_errors(gold_mod, path: Path, records: dict, errors: Errors) -> None:
    for d in gold_mod.timeml_docs(path):
        preds = records.get(d["id"], {}).get("times", [])
        text = d["text"]
        for g in d["gold"]:
            span = (g["start"], g["end"])
            hits = [p for p in preds if _overlaps(span, (p["start"], p["end"]))]
            shape = _time_shape(text[g["start"]:g["end"]])
            if not hits:
                errors.add(f"missed: {shape}", text[g["start"]:g["end"]])
                continue
            p = hits[0]
            if (p["start"], p["end"]) != span:
                errors.add(f"span: {shape}", f"gold {text[g['start']:g['end']]!r} got {p['text']!r}")
            if str(p.get("value")) != str(g["value"]):
                errors.add(f"value: {shape}", f"{text[g['start']:g['end']]!r} gold {g['value']} got {p.get('value')}")
        for p in preds:
            if not any(_overlaps((p["start"], p["end"]), (g["start"], g["end"])) for g in d["gold"]):
                errors.add(f"spurious: {_time_shape(p['text'])}", p["text"])


def recognizers_errors(gold_mod, path: Path, records: dict, errors: Errors) -> None:
    for case in gold_mod.recognizer_cases(path):
        kinds = gold_mod.KINDS_SCORED[case["kind"]]
        preds = [q for q in records.get(case["id"], {}).get("quantities", [])
                 if q.get("value") is not None and (kinds is None or q.get("kind") in kinds)]
        for g in case["gold"]:
            ok = any(abs(float(p["value"]) - g["value"]) <= 1e-6 * max(1.0, abs(g["value"])) for p in preds)
            if not ok:
                near = [p for p in preds if g["span"] and _overlaps(g["span"], (p["start"], p["end"]))]
                category = "wrong value" if near else "missed"
                got = f" got {near[0]['value']}" if near else ""
                errors.add(f"{case['kind']}: {category}", f"{g['text']!r} = {g['value']}{got}")
        golds = [g["value"] for g in case["gold"]]
        for p in preds:
            if not any(abs(float(p["value"]) - v) <= 1e-6 * max(1.0, abs(v)) for v in golds):
                errors.add(f"{case['kind']}: spurious", f"{p['text']!r} = {p['value']} in {case['text'][:60]!r}")


def polnear_errors(gold_mod, path: Path, records: dict, errors: Errors) -> None:
    for d in gold_mod.polnear_docs(path):
        preds = records.get(d["id"], {}).get("quotes", [])
        text = d["text"]
        for g in d["gold"]:
            hits = [p for p in preds if any(_overlaps(s, (p["start"], p["end"])) for s in g["content"])]
            content = text[g["content"][0][0]:g["content"][0][1]][:70]
            if not hits:
                cue = text[g["cue"][0][0]:g["cue"][0][1]] if g.get("cue") else "no cue"
                errors.add(f"missed (cue {cue.lower()!r})" if len(cue) < 20 else "missed", content)
            elif g.get("source") and not any(
                p.get("speaker_start") is not None
                and any(_overlaps(s, (p["speaker_start"], p["speaker_end"])) for s in g["source"]) for p in hits
            ):
                errors.add("speaker wrong or missing", f"{content!r} gold speaker "
                           f"{text[g['source'][0][0]:g['source'][0][1]]!r} got {hits[0].get('speaker_text')!r}")
        for p in preds:
            if not any(any(_overlaps(s, (p["start"], p["end"])) for s in g["content"]) for g in d["gold"]):
                errors.add(f"spurious (cue {str(p.get('cue')).lower()!r})", p["text"][:70])


def plover_errors(gold_mod, path: Path, records: dict, errors: Errors) -> None:
    table = gold_mod.cameo_to_plover()
    for g in gold_mod.plover_gold(path):
        events = records.get(g["id"], {}).get("events", [])
        types = {gold_mod.plover_type(ev, table) for ev in events}
        if g["event"] not in types:
            errors.add(f"missed {g['event']}", f"{g['text'][:90]!r} got {sorted(map(str, types))}")
        for t in types - {g["event"]}:
            errors.add(f"extra {t}", g["text"][:90])


def petrarch_errors(gold_mod, path: Path, records: dict, errors: Errors) -> None:
    for g in gold_mod.petrarch_gold(path):
        if not g["text"]:
            continue
        rec = records.get(g["id"], {})
        gold = Counter(c[2] for c in g["codes"])
        pred = Counter(str(ev.get("cameo")) for ev in rec.get("events", []))
        if gold and not rec.get("actors"):
            errors.add("no actor found", g["text"][:90])
            continue
        for code in (gold - pred).elements():
            errors.add(f"missed root {code[:2]}", f"{g['text'][:80]!r} gold {code} got {sorted(pred)}")
        for code in (pred - gold).elements():
            errors.add(f"extra root {code[:2]}", f"{g['text'][:80]!r} gold {sorted(gold)} got {code}")


ERRORS = {"timeml": timeml_errors, "recognizers": recognizers_errors, "polnear": polnear_errors,
          "plover": plover_errors, "petrarch": petrarch_errors}


def renamed(records: dict[str, dict], scheme: str) -> dict[str, dict]:
    """The records with their events' PLOVER types in `scheme`, as the events stage would name them."""
    from communique.knowledge.cameo import plover_for

    for record in records.values():
        for event in record.get("events", []):
            event["plover"], event["plover_scheme"] = plover_for(event["cameo"], scheme)[0], scheme
    return records


def score_set(nlp, gold_mod, name: str, shared: Path, keep: int = 3) -> dict:
    """Figures (as the shared scorer gives them) and categorised errors for one set."""
    path = shared / SETS[name]
    scorer, scheme = RENAMED.get(name, (name, None))
    make_inputs, score = gold_mod.SETS[scorer]
    records, skipped = run_records(nlp, list(make_inputs(path)))
    if scheme:
        records = renamed(records, scheme)
    metrics, summary = score(path, records)
    if scheme:
        summary = summary.replace(f"{scorer}:", f"{name}:", 1)
    errors = Errors(keep)
    ERRORS[scorer](gold_mod, path, records, errors)
    for reason in skipped:
        errors.add("article skipped by the pipeline", reason)
    return {"set": name, "summary": summary, "metrics": metrics, "errors": errors.as_dict(), "skipped": skipped}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*", help=f"any of {', '.join(SETS)} (default: all)")
    ap.add_argument("--shared", default=str(SHARED))
    ap.add_argument("--errors", type=int, default=8, help="error categories to list per set")
    ap.add_argument("--examples", type=int, default=2)
    ap.add_argument("--json", help="write every figure and error category here")
    args = ap.parse_args()
    unknown = [s for s in args.sets if s not in SETS]
    if unknown:
        print(f"unknown set(s): {', '.join(unknown)}; choose from {', '.join(SETS)}", file=sys.stderr)
        return 2
    shared = Path(args.shared)
    if not (shared / "eval" / "gold.py").is_file():
        print(f"no scorer at {shared}/eval/gold.py: the gold sets live in ../shared", file=sys.stderr)
        return 2
    from communique.knowledge.cameo import DEFAULT_PLOVER_SCHEME
    from communique.pipeline import load_nlp

    nlp = load_nlp(plover_scheme=DEFAULT_PLOVER_SCHEME)  # the default names, not COMMUNIQUE_PLOVER_SCHEME; "plover-2021" renames
    gold_mod = load_scorer(shared)
    results = []
    for name in args.sets or list(SETS):
        result = score_set(nlp, gold_mod, name, shared, args.examples)
        results.append(result)
        print(result["summary"])
        for category, info in list(result["errors"].items())[: args.errors]:
            print(f"  {info['count']:5d}  {category}")
            for example in info["examples"]:
                print(f"         {example}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
