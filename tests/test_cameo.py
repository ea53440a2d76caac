"""The CAMEO and CAMEO->PLOVER tables, the verb lexicon, and how statements recode acts."""
from __future__ import annotations

from pathlib import Path

import pytest

from communique.errors import KnowledgeError
from communique.events import coding
from communique.events.lexicon import best_pattern, event_lexicon, parse
from communique.knowledge.cameo import cameo, cameo_codes, plover_for

SHARED = Path(__file__).resolve().parents[2] / "shared"


def test_codes_are_strings_with_their_facts():
    assert len(cameo_codes()) >= 300
    c = cameo("054")
    assert (c.code, c.quad_class, c.goldstein, c.name) == ("054", 1, 6.0, "Grant diplomatic recognition")
    assert cameo("54") is None  # the leading zero is part of the code
    assert cameo("190").quad_class == 4 and cameo("190").goldstein == -10.0


def test_quad_class_follows_the_root_code():
    for code, c in cameo_codes().items():
        root = int(code[:2])
        want = 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
        assert c.quad_class == want, code


def test_plover_falls_back_from_four_to_three_to_two_digits():
    assert plover_for("0841") == ("RETREAT", "release", "legal")
    assert plover_for("084")[0] == "RETREAT"  # its own row, not the 08 (CONCEDE) parent
    assert plover_for("081")[0] == "CONCEDE"
    assert plover_for("1712") == ("ASSAULT", "seize", "human_security")
    assert plover_for("163")[0] == "COERCE"
    assert plover_for("010") == (None, None, None)  # statements have no PLOVER type
    assert plover_for("0212") == (None, None, None)


def test_earlier_plover_scheme_renames_by_cameo_prefix_and_keeps_mode():
    assert plover_for("090", "0.5b1")[0] == "INVESTIGATE"
    assert plover_for("1013", "0.5b1") == ("DEMAND",) + plover_for("1013")[1:]
    assert plover_for("112", "0.5b1")[0] == "DISAPPROVE"
    assert plover_for("192", "0.5b1")[0] == "FIGHT"  # 2021 puts occupying territory under COERCE
    assert plover_for("183", "0.5b1") == plover_for("183")  # unconventional violence: ASSAULT in both
    assert plover_for("042", "0.5b1") == plover_for("042")
    assert plover_for("010", "0.5b1") == (None, None, None)


def test_plover_table_matches_the_published_one():
    published = SHARED / "gold" / "events" / "CAMEO2PLOVER-2021.txt"
    if not published.exists():
        pytest.skip("../shared/gold/events/CAMEO2PLOVER-2021.txt is absent")
    import re

    seen = set()
    for line in published.read_text().splitlines():
        m = re.match(r"\s*(\d{2,4}):\s*([A-Z_]+)", line)
        if m and m.group(1) not in seen:
            seen.add(m.group(1))
            assert plover_for(m.group(1))[0] == m.group(2), m.group(1)


def test_every_lexicon_code_exists_and_phrases_win_over_bare_lemmas():
    lex = event_lexicon()
    assert all(p.code in cameo_codes() for ps in lex.values() for p in ps)
    impose = lex[("impose", "V")]
    assert best_pattern(impose, frozenset({"sanction", "on"})).code == "163"
    assert best_pattern(impose, frozenset({"curfew"})).code == "1723"
    assert best_pattern(impose, frozenset({"tax"})) is None  # "impose" alone is no act
    assert best_pattern(lex[("attack", "V")], frozenset()).code == "190"


def test_lexicon_rows_are_checked():
    with pytest.raises(KnowledgeError, match="not a CAMEO event code"):
        parse("trigger\tpos\targs\tcode\nzap\tV\tdobj\t999\n")
    with pytest.raises(KnowledgeError, match="pos must be"):
        parse("trigger\tpos\targs\tcode\nzap\tX\tdobj\t190\n")
    with pytest.raises(KnowledgeError, match="4 tab-separated"):
        parse("trigger\tpos\targs\tcode\nzap\tV\n")


@pytest.mark.parametrize("fn, code, want", [
    (coding.intent, "163", "1312"),  # promising sanctions is a threat
    (coding.intent, "085", "0354"),  # promising to lift sanctions
    (coding.intent, "040", "036"),
    (coding.intent, "0841", "0353"),
    (coding.threat, "190", "1384"),
    (coding.threat, "1722", "1322"),
    (coding.reject, "0841", "1243"),  # refusing to release
    (coding.reject, "040", "125"),
    (coding.demand, "0841", "1053"),
    (coding.demand, "087", "1056"),
    (coding.appeal, "040", "026"),
    (coding.appeal, "073", "0233"),
])
def test_statements_recode_the_act(fn, code, want):
    assert fn(code) == want
    assert cameo(want) is not None
