"""How a statement about an act becomes its own CAMEO code.

CAMEO codes what was said, not the act talked about: "vowed to lift sanctions" is an intent to
yield (0354), "threatened to impose sanctions" a threat (1312), "refused to release" a refusal
(1243), "demanded the release" a demand (1053), "urged talks" an appeal (026). These functions map
the embedded act's code to the code of the statement, following the codebook's parallel
sub-categories. Pure functions over code strings.
"""
from __future__ import annotations

from ..knowledge.cameo import cameo


def quad(code: str) -> int:
    c = cameo(code)
    return c.quad_class if c else 0


def cooperative(code: str) -> bool:
    return quad(code) in (1, 2)


def _first(code: str, table: tuple[tuple[str, str], ...], default: str) -> str:
    """The value of the longest prefix of `code` listed in `table`, else `default`."""
    best, best_len = default, 0
    for prefix, value in table:
        if code.startswith(prefix) and len(prefix) > best_len:
            best, best_len = value, len(prefix)
    return best


_INTENT = (
    ("03", "030"), ("04", "036"), ("045", "039"), ("05", "032"), ("057", "030"),
    ("06", "031"), ("061", "0311"), ("062", "0312"), ("063", "0313"), ("064", "0314"),
    ("07", "033"), ("071", "0331"), ("072", "0332"), ("073", "0333"), ("074", "0334"),
    ("08", "035"), ("081", "0351"), ("082", "0352"), ("083", "034"), ("0831", "0341"), ("0832", "0342"),
    ("0833", "0343"), ("0834", "0344"), ("084", "0353"), ("085", "0354"), ("086", "0355"), ("087", "0356"),
)
_THREAT = (
    ("09", "130"), ("10", "130"), ("11", "130"), ("12", "130"), ("14", "133"), ("15", "138"),
    ("16", "131"), ("161", "1313"), ("162", "1311"), ("163", "1312"), ("164", "134"), ("165", "135"), ("166", "136"),
    ("17", "130"), ("171", "131"), ("172", "132"), ("1721", "1321"), ("1722", "1322"), ("1723", "1323"),
    ("1724", "1324"), ("173", "132"), ("174", "132"), ("175", "137"),
    ("18", "1383"), ("19", "1384"), ("191", "1381"), ("192", "1382"), ("20", "1385"),
)
_REJECT = (
    ("03", "120"), ("04", "125"), ("045", "126"), ("05", "120"), ("057", "127"),
    ("06", "121"), ("061", "1211"), ("062", "1212"),
    ("07", "122"), ("071", "1221"), ("072", "1222"), ("073", "1223"), ("074", "1224"),
    ("08", "124"), ("081", "1241"), ("082", "1242"), ("083", "123"), ("0831", "1231"), ("0832", "1232"),
    ("0833", "1233"), ("0834", "1234"), ("084", "1243"), ("085", "1244"), ("086", "1245"), ("087", "1246"),
)
_DEMAND = (
    ("04", "108"), ("045", "105"), ("05", "102"),
    ("06", "100"), ("061", "1011"), ("062", "1012"), ("063", "1013"), ("064", "1014"),
    ("07", "103"), ("071", "1031"), ("072", "1032"), ("073", "1033"), ("074", "1034"),
    ("08", "100"), ("081", "1051"), ("082", "1052"), ("083", "104"), ("0831", "1041"), ("0832", "1042"),
    ("0833", "1043"), ("0834", "1044"), ("084", "1053"), ("085", "1054"), ("086", "1055"), ("087", "1056"),
    ("0871", "107"),
)
_APPEAL = (
    ("04", "026"), ("045", "028"), ("05", "022"),
    ("06", "021"), ("061", "0211"), ("062", "0212"), ("063", "0213"), ("064", "0214"),
    ("07", "023"), ("071", "0231"), ("072", "0232"), ("073", "0233"), ("074", "0234"),
    ("08", "025"), ("081", "0251"), ("082", "0252"), ("083", "024"), ("0831", "0241"), ("0832", "0242"),
    ("0833", "0243"), ("0834", "0244"), ("084", "0253"), ("085", "0254"), ("086", "0255"), ("087", "0256"),
)


def intent(code: str) -> str:
    """A promise of the act: cooperative acts become 03x, material conflict (14-20) a threat (13x);
    promised verbal conflict ("will investigate", "will criticise") stays the act it names."""
    if code.startswith(("13", "03", "01", "02")):
        return code  # "will urge", "will say": a future statement is the statement, not a promise
    if not cooperative(code):
        return threat(code) if quad(code) == 4 else code
    return _first(code, _INTENT, "030")


def _recode(code: str, root: str, table, default: str) -> str:
    """The act under a framing verb: a code already of the frame's root stays, else its parallel."""
    return code if code.startswith(root) else _first(code, table, default)


def threat(code: str) -> str:
    return _recode(code, "13", _THREAT, "130")


def reject(code: str) -> str:
    """Refusing (or promising not) to do a cooperative act."""
    return _recode(code, "12", _REJECT, "120")


def demand(code: str) -> str:
    return _recode(code, "10", _DEMAND, "100")


# asking others to act against a third party: CAMEO's "rally opposition against" (113), whatever the act
RALLY_OPPOSITION = "113"
HOSTILE_ROOTS = ("11", "14", "16", "17", "18", "19", "20")


def hostile(code: str) -> bool:
    """An act done against someone (criticism, protest, sanctions, force), which appeals do not soften."""
    return code.startswith(HOSTILE_ROOTS)


def appeal(code: str) -> str:
    return _recode(code, "02", _APPEAL, "020")
