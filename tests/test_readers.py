"""Readers: every source kind to Articles, bad items reported with their place, never dropped silently."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from communique.errors import SourceError, UsageError
from communique.readers import Problem, iter_articles, text_id
from communique.readers.common import normalise_date, normalise_text
from communique.readers.feed import html_to_text
from communique.readers.sniff import sniff

SHARED = Path(__file__).resolve().parents[2] / "shared"

HTML_PAGE = """<!doctype html>
<html><head><title>Talks resume in Geneva</title>
<link rel="canonical" href="https://example.org/news/talks">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<meta property="og:site_name" content="Example News">
</head><body><nav>Home | World | Business</nav>
<article><h1>Talks resume in Geneva</h1>
<p>Negotiators from both countries met on Tuesday for the first time in two years, officials said.</p>
<p>The foreign minister said the talks would continue next week and that 40 percent of the issues
had been settled, a figure the other side disputed.</p>
</article><footer>Copyright 2024 Example News</footer></body></html>
"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>World Wire</title><link>https://wire.example/</link>
<item><title>Ministers meet &amp; agree</title><link>https://wire.example/a</link>
<guid>urn:wire:a</guid><pubDate>Tue, 05 Mar 2024 23:30:00 -0500</pubDate>
<description>&lt;p&gt;Ministers met in &lt;b&gt;Paris&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;They agreed.&lt;/p&gt;</description></item>
<item><title>No body here</title><guid>urn:wire:empty</guid></item>
<item><title>Second story</title><link>https://wire.example/b</link>
<description>Prices rose 3 percent.</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:desk</id>
<updated>2024-03-07T00:00:00Z</updated>
<entry><title>Summit opens</title><id>tag:desk.example,2024:1</id>
<link href="https://desk.example/1"/><updated>2024-03-06T01:00:00Z</updated>
<published>2024-03-05T20:00:00-05:00</published>
<content type="html">&lt;p&gt;Leaders gathered.&lt;/p&gt;&lt;script&gt;evil()&lt;/script&gt;</content>
<summary>short</summary></entry>
</feed>
"""


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def read(sources, **kwargs):
    problems: list[Problem] = []
    articles = list(iter_articles([str(s) for s in sources], on_problem=problems.append, **kwargs))
    return articles, problems


# -- plain text ---------------------------------------------------------------------------------


def test_text_with_header_on_same_line(tmp_path):
    path = write(tmp_path / "a.txt", " date 2024-10-07 BEIJING: As last week marked it.\n\nSecond para.\n")
    [article], problems = read([path])
    assert problems == []
    assert article.date == "2024-10-07"
    assert article.dateline == "BEIJING"
    assert article.text == "As last week marked it.\n\nSecond para."
    assert article.id == text_id(article.text)


def test_text_header_place_with_spaces_and_own_line(tmp_path):
    path = write(tmp_path / "a.txt", "date 1997-04-01 KUALA LUMPUR:\nShares fell.")
    [article], _ = read([path])
    assert (article.date, article.dateline, article.text) == ("1997-04-01", "KUALA LUMPUR", "Shares fell.")


def test_text_without_header_kept_exactly_but_trimmed(tmp_path):
    body = "The date 2024-10-07 is not a header here:  spacing   kept.\n\n  Indented line."
    path = write(tmp_path / "b.txt", "\n\n" + body + "\n\n")
    [article], _ = read([path])
    assert article.text == body
    assert article.date is None and article.dateline is None


def test_seed_article_header(tmp_path):
    seed = SHARED / "seed" / "article.txt"
    if not seed.exists():
        pytest.skip(f"shared seed article not found at {seed}")
    [article], _ = read([seed])
    assert article.date == "2024-10-07"
    assert article.dateline == "BEIJING"
    assert article.text.startswith("As last week marked")


def test_empty_text_file_is_reported(tmp_path):
    path = write(tmp_path / "empty.txt", "  \n")
    articles, problems = read([path])
    assert articles == []
    assert len(problems) == 1 and "empty" in problems[0].message


def test_undecodable_named_file_is_a_source_error(tmp_path):
    path = write(tmp_path / "bad.txt", b"caf\xe9 \xff\xfe broken")
    with pytest.raises(SourceError, match="not valid UTF-8"):
        list(iter_articles([str(path)]))


def test_binary_file_is_a_source_error(tmp_path):
    path = write(tmp_path / "blob.txt", b"\x00\x01\x02binary")
    with pytest.raises(SourceError, match="binary"):
        list(iter_articles([str(path)]))


# -- JSONL --------------------------------------------------------------------------------------


def test_jsonl_bad_lines_reported_with_line_numbers(tmp_path):
    lines = [
        json.dumps({"id": "one", "date": "2024-01-02", "text": "First story.", "title": "T1",
                    "url": "https://x/1", "source": "Wire", "dateline": "PARIS"}),
        "{not json",
        "",
        json.dumps(["a", "list"]),
        json.dumps({"id": "notext", "date": "2024-01-02"}),
        json.dumps({"id": "blank", "text": "   "}),
        json.dumps({"id": "baddate", "date": "2024-02-30", "text": "x"}),
        json.dumps({"id": "two", "date": "2024-01-03T18:45:00+02:00", "text": "  Second story.\n"}),
    ]
    path = write(tmp_path / "s.jsonl", "\n".join(lines) + "\n")
    articles, problems = read([path])
    assert [a.id for a in articles] == ["one", "two"]
    first = articles[0]
    assert (first.date, first.title, first.url, first.source, first.dateline) == (
        "2024-01-02", "T1", "https://x/1", "Wire", "PARIS")
    assert articles[1].date == "2024-01-03"
    assert articles[1].text == "  Second story.\n"  # kept exactly: gold offsets index it
    assert [p.line_number for p in problems] == [2, 4, 5, 6, 7]
    assert all(p.source == str(path) for p in problems)
    assert "invalid JSON" in problems[0].message
    assert "bad date" in problems[4].message


def test_jsonl_without_id_gets_text_hash_and_numeric_id_kept(tmp_path):
    path = write(tmp_path / "s.ndjson", '{"text": "Hello  world"}\n{"id": 17, "text": "x"}\n')
    articles, _ = read([path])
    assert articles[0].id == text_id("Hello world")
    assert articles[1].id == "17"


def test_jsonl_is_streamed(tmp_path, monkeypatch):
    """Lines are pulled lazily: the first article arrives long before the file is read to its end."""
    path = write(tmp_path / "big.jsonl", "".join(json.dumps({"id": str(i), "text": f"t{i}"}) + "\n"
                                                 for i in range(20000)))
    opened = []
    real_open = Path.open

    def spy(self, *args, **kwargs):
        handle = real_open(self, *args, **kwargs)
        opened.append(handle)
        return handle

    monkeypatch.setattr(Path, "open", spy)
    it = iter_articles([str(path)])
    assert next(it).id == "0"
    assert len(opened) == 1 and opened[0].tell() < path.stat().st_size // 4
    assert sum(1 for _ in it) == 19999


def test_jsonl_bad_utf8_line_is_reported(tmp_path):
    path = write(tmp_path / "s.jsonl", b'{"id":"a","text":"ok"}\n{"id":"b","text":"\xff"}\n{"id":"c","text":"ok2"}\n')
    articles, problems = read([path])
    assert [a.id for a in articles] == ["a", "c"]
    assert problems[0].line_number == 2


# -- HTML and feeds -----------------------------------------------------------------------------


def test_html_main_text_and_metadata(tmp_path):
    path = write(tmp_path / "page.html", HTML_PAGE)
    [article], problems = read([path])
    assert problems == []
    assert article.title == "Talks resume in Geneva"
    assert article.url == "https://example.org/news/talks"
    assert article.date == "2024-03-05"
    assert "Negotiators from both countries" in article.text
    assert "40 percent" in article.text
    assert "Copyright" not in article.text and "Home | World" not in article.text
    assert not article.text.startswith("Talks resume")  # headline lives in title


def test_rss_entries(tmp_path):
    path = write(tmp_path / "wire.rss", RSS)
    articles, problems = read([path])
    assert [a.id for a in articles] == ["urn:wire:a", text_id("Prices rose 3 percent.")]
    a = articles[0]
    assert a.title == "Ministers meet & agree"
    assert a.url == "https://wire.example/a"
    assert a.source == "World Wire"
    assert a.date == "2024-03-05"  # the calendar day as published, not shifted to UTC
    assert a.text == "Ministers met in Paris.\n\nThey agreed."
    assert len(problems) == 1 and "urn:wire:empty" in problems[0].message


def test_atom_entry_prefers_content(tmp_path):
    path = write(tmp_path / "desk.atom", ATOM)
    [a], _ = read([path])
    assert a.id == "tag:desk.example,2024:1"
    assert a.text == "Leaders gathered."
    assert a.date == "2024-03-05"
    assert a.source == "Atom Desk"
    assert a.url == "https://desk.example/1"


def test_xml_that_is_not_a_feed_is_a_source_error(tmp_path):
    path = write(tmp_path / "data.xml", "<?xml version='1.0'?><catalog><item>x</item></catalog>")
    with pytest.raises(SourceError, match="not an RSS or Atom feed"):
        list(iter_articles([str(path)]))


def test_unknown_extension_is_sniffed(tmp_path):
    path = write(tmp_path / "feed.download", RSS)
    articles, _ = read([path])
    assert len(articles) == 2 and articles[0].source == "World Wire"


def test_html_to_text_keeps_paragraphs_and_breaks():
    assert html_to_text("<div><p>One <i>two</i></p><p>Three<br>four</p></div>") == "One two\n\nThree\nfour"
    assert html_to_text("plain & simple") == "plain & simple"


# -- directories, stdin, sources ----------------------------------------------------------------


def test_directory_recursive_sorted_known_only(tmp_path):
    root = tmp_path / "in"
    write(root / "b.txt", "Story B.")
    write(root / "a" / "z.jsonl", '{"id": "z1", "text": "Story Z."}\n')
    write(root / "a" / "page.htm", HTML_PAGE)
    write(root / "notes.md", "# not read")
    write(root / ".hidden.txt", "not read")
    write(root / "c.xml", "<catalog/>")  # unreadable inside a directory: a problem, the rest goes on
    articles, problems = read([root])
    assert [a.text[:8] for a in articles] == ["Negotiat", "Story Z.", "Story B."]
    assert len(problems) == 1 and problems[0].source.endswith("c.xml")


def test_missing_path_is_a_usage_error_before_reading(tmp_path):
    good = write(tmp_path / "a.txt", "x")
    with pytest.raises(UsageError, match=r"no such file: .*missing\.txt"):
        iter_articles([str(good), str(tmp_path / "missing.txt")])


def test_bad_date_override_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="bad date"):
        iter_articles([str(write(tmp_path / "a.txt", "x"))], date="yesterday")


def test_date_override_applies_to_every_article(tmp_path):
    txt = write(tmp_path / "a.txt", "date 2024-10-07 BEIJING: Body.")
    jl = write(tmp_path / "b.jsonl", '{"id": "j", "date": "2001-01-01", "text": "x"}\n')
    articles, _ = read([txt, jl], date="2020-05-06T08:00:00Z")
    assert [a.date for a in articles] == ["2020-05-06", "2020-05-06"]
    assert articles[0].dateline == "BEIJING"


@pytest.mark.parametrize(
    "content, expected",
    [
        ('\n{"id": "s1", "text": "From stdin."}\n{bad\n{"id": "s2", "text": "Again."}\n', ["s1", "s2"]),
        (HTML_PAGE, ["html"]),
        (RSS, ["urn:wire:a", "hash"]),
        ("Just some words.\n", ["hash"]),
    ],
    ids=["jsonl", "html", "rss", "text"],
)
def test_stdin_is_sniffed(monkeypatch, content, expected):
    monkeypatch.setattr("sys.stdin", io.StringIO(content))
    problems: list[Problem] = []
    articles = list(iter_articles(["-"], on_problem=problems.append))
    ids = [a.id if not (len(a.id) == 64 and a.id.isalnum()) else "hash" for a in articles]
    if expected == ["html"]:
        assert len(articles) == 1 and articles[0].title == "Talks resume in Geneva"
    else:
        assert ids == expected
    if expected == ["s1", "s2"]:
        assert [(p.source, p.line_number) for p in problems] == [("<stdin>", 3)]


def test_stdin_binary_buffer_used_when_present(monkeypatch):
    class FakeStdin(io.StringIO):
        buffer = io.BytesIO('{"id": "b1", "text": "caf\u00e9"}\n'.encode())

    monkeypatch.setattr("sys.stdin", FakeStdin(""))
    [a] = list(iter_articles(["-"]))
    assert (a.id, a.text) == ("b1", "caf\u00e9")


# -- ids, dates, sniffing ----------------------------------------------------------------------


def test_text_id_stable_under_whitespace_and_normalisation():
    base = text_id("Xi met Putin in Moscow.")
    assert text_id("  Xi  met\nPutin\tin   Moscow. \n") == base
    assert text_id("Cafe\u0301 talks") == text_id("Caf\u00e9 talks")  # NFD vs NFC
    assert text_id("Xi met Putin in Moscow!") != base
    assert normalise_text(" a \n\n b ") == "a b"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-10-07", "2024-10-07"),
        ("2024-10-07T23:59:00-05:00", "2024-10-07"),
        ("2024-10-07 08:00", "2024-10-07"),
        ("20241007", "2024-10-07"),
        ("Mon, 07 Oct 2024 10:00:00 GMT", "2024-10-07"),
        (None, None),
        ("", None),
    ],
)
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected


@pytest.mark.parametrize("value", ["2024-13-01", "next week", "2024-10-07x", 20241007])
def test_normalise_date_rejects(value):
    with pytest.raises(ValueError):
        normalise_date(value)


@pytest.mark.parametrize(
    "head, kind",
    [
        (b'  {"a": 1}', "jsonl"),
        (b"<!DOCTYPE html><html>", "html"),
        (b'<?xml version="1.0"?>\n<!-- c -->\n<rss version="2.0">', "feed"),
        (b'\xef\xbb\xbf<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b"<rdf:RDF>", "feed"),
        (b"Plain words < and >", "text"),
    ],
)
def test_sniff(head, kind):
    assert sniff(head) == kind


def test_shared_corpus_reads_without_problems():
    corpus = SHARED / "corpora" / "wire_stories.jsonl"
    if not corpus.exists():
        pytest.skip(f"shared corpus not found at {corpus}")
    articles, problems = read([corpus])
    assert problems == []
    assert len(articles) > 1000
    assert all(a.id and a.text for a in articles)


def test_stdin_pretty_printed_json_article_is_read_whole(monkeypatch):
    import io

    from communique.readers import iter_articles

    doc = '{\n  "id": "p1",\n  "date": "2024-10-07",\n  "text": "China and Russia met."\n}\n'
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(doc.encode())))
    articles = list(iter_articles(["-"]))
    assert [(a.id, a.date, a.text) for a in articles] == [("p1", "2024-10-07", "China and Russia met.")]
