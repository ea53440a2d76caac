"""The verb-pattern lexicon (knowledge/data/event_verbs.tsv) as a dict keyed by (lemma, part of speech).

Looking a trigger up is one dict hit per token; the few patterns of a lemma are tried most specific
first, so "impose sanctions" (163) wins over a bare "impose" and "strike" with "hunger" over "strike".
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import KnowledgeError
from ..knowledge.cameo import cameo_codes

POS = ("V", "N")


@dataclass(frozen=True, slots=True)
class Pattern:
    lemma: str
    pos: str  # V or N
    groups: tuple[frozenset[str], ...]  # each group: one of these words must be a dependent of the trigger
    args: tuple[str, ...]  # where targets sit: "dobj", "dative" or preposition lemmas
    code: str
    needs_arg: bool = False  # args marked "!": without a dependent in one of its slots the word means something else


def parse(text: str, source: str = "event_verbs.tsv") -> dict[tuple[str, str], tuple[Pattern, ...]]:
    """Patterns by (lemma, pos), most specific first. Raises KnowledgeError on a bad row or code."""
    codes = cameo_codes()
    table: dict[tuple[str, str], list[Pattern]] = {}
    header_seen = False
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            header_seen = True
            if cols[0] == "trigger":
                continue
        if len(cols) != 4:
            raise KnowledgeError(f"{source}:{n}: expected 4 tab-separated columns, got {len(cols)}")
        trigger, pos, args, code = (c.strip() for c in cols)
        if pos not in POS:
            raise KnowledgeError(f"{source}:{n}: pos must be V or N, got {pos!r}")
        if code not in codes:
            raise KnowledgeError(f"{source}:{n}: {code!r} is not a CAMEO event code")
        words = trigger.split()
        lemma = words[0].lower()
        groups = tuple(frozenset(w.lstrip("+").lower().split("|")) for w in words[1:])
        needs = args.endswith("!")
        arg_list = tuple(a for a in args.rstrip("!").split(",") if a and a != "-")
        table.setdefault((lemma, pos), []).append(Pattern(lemma, pos, groups, arg_list, code, needs))
    return {k: tuple(sorted(v, key=lambda p: -len(p.groups))) for k, v in table.items()}


@lru_cache(maxsize=1)
def event_lexicon() -> dict[tuple[str, str], tuple[Pattern, ...]]:
    text = (resources.files("communique.knowledge") / "data" / "event_verbs.tsv").read_text(encoding="utf-8")
    return parse(text)


def best_pattern(patterns: tuple[Pattern, ...], dependents: frozenset[str]) -> Pattern | None:
    """The most specific pattern whose every word group meets the trigger's dependents' lemmas."""
    for p in patterns:
        if all(g & dependents for g in p.groups):
            return p
    return None
