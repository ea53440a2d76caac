"""CAMEO event codes (QuadClass, Goldstein, name) and the CAMEO -> PLOVER table, as typed values.

Both are facts read from TSV files in `knowledge/data/` once per process. Codes stay strings:
their leading zeros matter ("054" is not "54").
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import KnowledgeError


PLOVER_SCHEMES = ("0.5b1", "2021")  # the names of the 2016 gold standard, or the 2021 draft's (POLECAT's)
# cameo2plover.tsv (the published 2021 table) names its types in 2021 terms; plover_schemes.tsv renames
# them for other drafts.
TABLE_PLOVER_SCHEME = "2021"
# Records name types as the PLOVER gold standard does (0.5b1), so a figure scored on it measures the
# coding, not the naming. The 2021 names are one option away, and each event's CAMEO code gives either.
DEFAULT_PLOVER_SCHEME = "0.5b1"


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    quad_class: int  # 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
    goldstein: float
    name: str


@dataclass(frozen=True, slots=True)
class Plover:
    type: str
    mode: str | None
    context: str | None


def _rows(name: str) -> list[list[str]]:
    text = (resources.files("communique.knowledge") / "data" / name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return [ln.split("\t") for ln in lines[1:]]  # the first line left is the column header


@lru_cache(maxsize=1)
def cameo_codes() -> dict[str, CameoCode]:
    """Every CAMEO event code by its string."""
    out = {}
    for row in _rows("cameo.tsv"):
        if len(row) < 4:
            raise KnowledgeError(f"cameo.tsv: bad row {row!r}")
        code, quad, gold, name = row[:4]
        out[code] = CameoCode(code, int(quad), float(gold), name)
    return out


@lru_cache(maxsize=1)
def plover_table() -> dict[str, Plover]:
    out = {}
    for row in _rows("cameo2plover.tsv"):
        row = (row + ["", "", ""])[:4]
        code, typ, mode, context = row
        out[code] = Plover(typ, mode or None, context or None)
    return out


def cameo(code: str) -> CameoCode | None:
    return cameo_codes().get(code)


@lru_cache(maxsize=1)
def plover_renames() -> dict[str, dict[str, str]]:
    """Per other PLOVER scheme, the type names that differ from the 2021 table, by CAMEO prefix."""
    out: dict[str, dict[str, str]] = {scheme: {} for scheme in PLOVER_SCHEMES}
    for row in _rows("plover_schemes.tsv"):
        if len(row) < 3 or row[0] not in out or row[0] == TABLE_PLOVER_SCHEME:
            raise KnowledgeError(f"plover_schemes.tsv: bad row {row!r}")
        out[row[0]][row[1]] = row[2]
    return out


def plover_for(code: str, scheme: str = TABLE_PLOVER_SCHEME) -> tuple[str | None, str | None, str | None]:
    """(type, mode, context) for a CAMEO code, falling back from 4 to 3 to 2 digits; Nones when the
    table has no type (CAMEO 01 statements and 02 appeals have none). `scheme` names the PLOVER
    draft whose type names to use (PLOVER_SCHEMES); by default the table's own, 2021."""
    table = plover_table()
    for key in (code, code[:3], code[:2]):
        hit = table.get(key)
        if hit:
            renames = plover_renames()[scheme] if scheme != TABLE_PLOVER_SCHEME else {}
            for prefix in (code[:4], code[:3], code[:2]):
                if prefix in renames:
                    return renames[prefix], hit.mode, hit.context
            return hit.type, hit.mode, hit.context
    return None, None, None
