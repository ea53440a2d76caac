"""The documentation keeps up with the code: every command, record field, exit code and example."""
from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

from communique import errors, record
from communique.cli import cli
from communique.knowledge.tables import load_knowledge

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SCHEMA_DOC = (ROOT / "docs" / "record-schema.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme():
    for name in cli.commands:
        assert f"communique {name}" in README, name


def test_every_record_field_is_in_the_schema_doc():
    for cls in (record.Article, record.Actor, record.Time, record.Quantity, record.Quote, record.Event):
        for f in fields(cls):
            assert f"`{f.name}`" in SCHEMA_DOC, f"{cls.__name__}.{f.name}"


def test_every_exit_code_is_in_the_readme():
    codes = {cls.exit_code for cls in vars(errors).values()
             if isinstance(cls, type) and issubclass(cls, errors.CommuniqueError)}
    for code in codes | {130}:
        assert re.search(rf"`{code}` ", README), code


def test_the_actor_table_example_loads(tmp_path):
    example = re.search(r"```\n(name\tkind.*?)```", SCHEMA_DOC, re.S).group(1)
    table = tmp_path / "example.tsv"
    table.write_text(example, encoding="utf-8")
    knowledge = load_knowledge((str(table),))
    assert any(o.name == "Ada Quill" and o.office == "foreign minister" for o in knowledge.offices)
    assert any(o.name == "Pacific Islands Forum" and o.code == "IGOPIF" for o in knowledge.organizations)


def test_the_readme_excerpt_offsets_point_at_the_sample_text():
    from importlib import resources

    from communique.readers import iter_articles

    sample = resources.files("communique") / "samples" / "seed-article.txt"
    with resources.as_file(sample) as path:
        [article] = iter_articles([str(path)])
    for start, end, text in re.findall(r'"start": (\d+), "end": (\d+), "text": "([^"]+)"', README):
        assert article.text[int(start):int(end)] == text
