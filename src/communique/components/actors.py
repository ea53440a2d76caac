"""communique_actors: who the article is about — countries, organisations, people — with every mention.

Countries come from the gazetteer (names, aliases, adjectives, capitals as metonyms), organisations
from the IGO table, seats of power and the parser's ORG entities, people from PERSON entities and the
table of office-holders. People get `role` and `country` from the words around them (titles,
appositives, "his Russian counterpart") and, failing that, from the office they held on the
article's date. Short names ("Xi") join the full name's actor.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..knowledge.tables import Knowledge, Office, load_knowledge
from ..record import Actor, Mention
from . import doccache
from .base import Stage

# entity labels inside which a country word is part of another name ("Bank of China", "South China Sea")
_NAME_LABELS = {"PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "LOC", "GPE"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
_DETERMINERS = {"the", "The"}
_PRONOUN_OWNERS = {"his", "her", "their", "its"}
_STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG"}
_PRIORITY = {"country": 0, "igo": 1, "seat": 2, "person": 3, "adjective": 4, "capital": 5, "city": 6}
# a name right after these prepositions is where something happens ("in Tarvena", "through Molsk")
_LOC_PREPS = frozenset({"in", "near", "outside", "around", "across", "into", "throughout", "through", "via",
                        "towards", "toward", "inside"})
# "the city of Tarvena", "the towns of Molsk and Verin": what a place name is "of"
_PLACE_NOUNS = frozenset({"city", "cities", "town", "towns", "village", "villages", "port", "island", "islands",
                          "province", "provinces", "region", "district", "suburb", "suburbs", "county", "prefecture",
                          "municipality", "capital", "state", "area", "outskirts"})
# "Tarvena province", "Molsk port", "Verin towns": a place noun right after a name makes it a place
_PLACE_AFTER = frozenset({"province", "port", "town", "towns", "village", "villages", "region", "district",
                          "island", "prefecture", "county", "airport", "harbour", "harbor", "residents",
                          "station"})
# "a stake in Halden", "confidence in Marlow": an "in" that is no place
_STAKES = frozenset({"stake", "share", "interest", "investment", "holding", "role", "part", "confidence", "faith",
                     "trust", "belief", "change", "rise", "fall", "increase", "decrease"})
# "Brask Partners, a shipping company": nouns in apposition that no person is called
_FIRM_NOUNS = frozenset({"operator", "utility", "company", "firm", "consultancy", "brokerage", "conglomerate", "subsidiary", "affiliate",
                         "corporation", "insurer", "retailer", "bank"})
# "the Forward Union party", "the Red Oak organisation": a name before these is an organisation's
_ORG_AFTER = frozenset({"party", "organisation", "organization", "movement", "company", "firm", "group",
                        "newspaper", "daily", "weekly"})
# the last word of a place's name ("Sydney Harbour", "Ho Chi Minh City", "Ben Nevis" has none)
_PLACE_ENDINGS = frozenset({"Harbour", "Harbor", "River", "Island", "Islands", "Bay", "Lake", "Mountain",
                            "Mountains", "Valley", "Street", "Square", "Airport", "City", "Province", "District",
                            "Strait", "Peninsula", "Sea", "Gulf", "Coast", "Desert", "Plateau", "Road", "Avenue",
                            "Bridge", "Canal", "Heights", "Hills", "Beach", "Prefecture", "County"})
# "the brokerage firm Garrow", "the weekly Nova Vremya": a name after these nouns is an organisation's
_ORG_NOUNS = frozenset({"mouthpiece", "firm", "company", "consultancy", "weekly", "daily", "newspaper", "paper", "magazine",
                        "bank", "brokerage", "agency", "carrier", "airline", "maker", "manufacturer", "producer",
                        "giant", "conglomerate", "chain", "insurer", "retailer", "broadcaster", "network",
                        "publisher", "subsidiary", "affiliate", "group", "party", "institute",
                        "tabloid", "journal", "monthly"})
# weekdays the parser glues to a one-word place ("flew to Halden Saturday"); months end real names
# ("Black September"), and a weekday after "on" or "of" is part of one ("Mail on Sunday")
_TRAILING_DAYS = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"})
_NAME_LINKS = frozenset({"on", "of", "the"})
_FINITE = frozenset({"VBZ", "VBP", "VBD", "MD"})
# "western Cambodia", "north-eastern Oltia": a part of the country, its place ("North Korea" is a name)
_COMPASS = frozenset({"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
                      "southeastern", "southwestern", "north-eastern", "north-western", "south-eastern",
                      "south-western", "far", "upper", "lower"})
# "the Bush administration", "the Molnar government": the body an office-holder heads, of the holder's country
_LEADER_BODIES = frozenset({"administration", "government", "cabinet", "regime", "presidency"})
# last words of a news organisation's name, and words after a name that make it one ("Ansa news agency")
_MEDIA_WORDS = frozenset({"press", "news", "newswire", "newswires", "radio", "television", "tv", "broadcasting",
                          "daily", "herald", "tribune", "gazette", "journal", "shimbun", "times", "post"})
# nouns before or after a name that make it a news organisation's ("the mouthpiece Nhan Dan", "Ansa news agency")
_MEDIA_NOUNS = frozenset({"news", "newspaper", "daily", "weekly", "monthly", "mouthpiece", "tabloid", "broadcaster",
                          "magazine", "newsweekly", "radio", "television"})
# a role word after these is a lesser office of that kind ("deputy governor", "vice minister")
_ROLE_PREFIXES = frozenset({"deputy", "assistant", "junior"})
# words near a news outlet's bare acronym that show it is the outlet: its kind, and the verbs of
# reporting and being quoted ("the agency MENA", "INA reported", "told SPA", "quoted by PNA")
# ("MENA" subject of "told" is no outlet: "PNA told reporters" is the Palestinian authority)
_MEDIA_CUES_BEFORE = frozenset({"agency", "news", "newswire", "told", "tell", "tells", "telling", "according",
                                "citing", "cited", "quoted", "quoting", "dispatch", "broadcaster", "interview",
                                "spoke", "speaking", "talking", "questions", "contacted", "interviewed"})
_MEDIA_CUES_AFTER = frozenset({"agency", "news", "newswire", "reported", "reports", "reporting", "quoted",
                               "quoting", "cited", "dispatch", "carried", "broadcast", "correspondent"})
# nouns of one who works or sits in a body, and so has the country of the body he is "of", "at" or
# "with" ("an official at the US consulate"); a fan, critic or opponent of it has not
_MEMBER_NOUNS = frozenset({"official", "member", "editor", "employee", "staff", "staffer", "spokesman",
                           "spokeswoman", "spokesperson", "diplomat", "envoy", "ambassador", "minister",
                           "adviser", "advisor", "director", "head", "chief", "officer", "executive", "aide",
                           "delegate", "representative", "correspondent", "reporter", "worker", "agent",
                           "lawmaker", "legislator", "deputy", "secretary", "chairman", "president",
                           "commander", "manager", "researcher", "analyst", "economist", "lawyer", "negotiator"})
# titles any body has (a firm's president, a party's leader, a union's spokesman): held in a body,
# they take its sector; the table's GOV is only right for a state's holder
_GENERIC_ROLES = frozenset({"president", "vice president", "chairman", "spokesperson", "official", "leader",
                            "secretary", "secretary-general", "chief", "envoy", "special envoy", "director-general",
                            "commissioner", "high representative"})
# of those, the ones a person holds inside an international body, which then codes him ("UN envoy",
# "IAEA chief"); a president or chairman of one is mostly a state's leader in the rotating chair
# ("AU chairman Obasanjo"), and an ambassador or minister named with it is a state's ("UN Ambassador")
_IGO_ROLES = frozenset({"spokesperson", "official", "chief", "envoy", "special envoy", "secretary-general",
                        "director-general", "commissioner", "high representative"})
# common nouns that name the kind of body a title is held in ("the company's president", "the party
# chief") and the modifiers that say it of a group ("the rebel group", "a militant movement")
_BODY_NOUNS = {"company": "BUS", "firm": "BUS", "corporation": "BUS", "conglomerate": "BUS", "bank": "BUS",
               "airline": "BUS", "carrier": "BUS", "party": "PTY", "newspaper": "MED", "daily": "MED",
               "broadcaster": "MED", "university": "EDU", "union": "LAB", "church": "REL", "police": "COP",
               "army": "MIL", "navy": "MIL"}
_BODY_MODIFIERS = {"rebel": "REB", "militant": "REB", "guerrilla": "REB", "insurgent": "REB", "separatist": "REB",
                   "opposition": "OPP"}


@dataclass(frozen=True, slots=True)
class _Target:
    """What a gazetteer surface form stands for."""

    kind: str  # country | igo | seat | person | adjective | capital | city
    key: str  # ISO3, IGO code, seat name or a person's canonical name
    sector: str | None = None
    cued: bool = False  # an ambiguous alias ("MENA", "SPA"): a name only with a cue near or its full name before


@dataclass
class _Draft:
    """An actor while the article is read; frozen into an Actor at the end."""

    key: str
    name: str
    kind: str
    country: str | None = None
    role: str | None = None
    sector: str | None = None
    code: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token spans
    seq: int = 0  # creation order among the article's drafts: ties go to the earliest
    _seen: set[tuple[int, int]] = field(default_factory=set, repr=False)  # mentions, for a constant-time test

    def add(self, start: int, end: int) -> None:
        if (start, end) not in self._seen:
            self._seen.add((start, end))
            self.mentions.append((start, end))

    def discard(self, start: int, end: int) -> None:
        if (start, end) in self._seen:
            self._seen.discard((start, end))
            self.mentions.remove((start, end))


_IZE = re.compile(r"(?<=[a-z]{2})i([sz])(ations?)\b")


def _spellings(name: str) -> set[str]:
    """The name as the tables write it and in the other of British and American spelling
    ("Organisation" for "Organization"): wire copy uses both, the tables one."""
    other = _IZE.sub(lambda m: "i" + ("s" if m.group(1) == "z" else "z") + m.group(2), name)
    return {name, other}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def _typo_of(word: str, name: str) -> bool:
    """Whether `word` differs from the similar `name` as a slip of the keys does ("Brtain", "Japnese",
    "Dominican Repulbic": one slip a word), not as another word does: a longer or shorter form of it
    ("Indiana" and "Indian", "Malaga" and "Malagasy"), another inflection (a surname "Danes" and "Dans"), a
    different word inside a longer name ("Central Asian"), another place ("Portland", "Bolivar")."""
    if word.startswith(name):  # "Zaireans", "Turkish-" are the name; "Indiana" is another
        rest = word[len(name):]
        return rest == "s" or not rest.isalpha()
    if name.startswith(word):
        return False
    if word.endswith("es") and name.endswith("s") and word[:-2] == name[:-1]:
        return False
    words, names = word.split(), name.split()
    if len(words) != len(names):
        return True
    return all(_slips(w, n) <= 1 for w, n in zip(words, names))


def _slips(a: str, b: str) -> int:
    """Keystroke slips between two words: letters added, dropped, changed or swapped with the next
    (optimal string alignment distance). "Japnese" is one from "Japanese"; "Portland" two from "Poland"."""
    if a == b:
        return 0
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _dropped(a: str, b: str) -> bool:
    """Whether `a` is `b` with one letter left out ("ethiopa", "ethiopia")."""
    if len(a) != len(b) - 1:
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


def _swapped(a: str, b: str) -> bool:
    """Whether `a` is `b` with two neighbouring letters swapped ("frnace", "france")."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _dateline_place(dateline: str | None) -> str | None:
    """"TARVENA, Oltia, May 3 (AFP)" -> "tarvena": the leading capitalised words, where the story was filed."""
    if not dateline:
        return None
    words = []
    for w in dateline.split():
        w = w.strip(" ,.:;()-–—")
        if not w or not w.isupper() or not w.isalpha():
            break
        words.append(w)
    return " ".join(words).casefold() or None


def _article_day(doc: Doc) -> date | None:
    try:
        return date.fromisoformat(doc._.article_date) if doc._.article_date else None
    except (TypeError, ValueError):
        return None


class Gazetteer:
    """Surface forms of countries, IGOs, seats and office-holders, matched case-sensitively."""

    def __init__(self, nlp: Language, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        # the words and names the model was shipped with ("Cameron", "Columbia", "alegria"), taken before
        # any article adds its own: a misspelling is none of them
        self.known_words = frozenset(nlp.vocab.strings)
        self.targets: dict[str, list[_Target]] = {}
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        forms: dict[str, _Target] = {}

        def put(surface: str, target: _Target) -> None:
            old = forms.get(surface)
            if old is None or _PRIORITY[target.kind] < _PRIORITY[old.kind]:
                forms[surface] = target

        for c in knowledge.countries:
            for s in (c.name, *c.aliases):
                put(s, _Target("country", c.iso3))
                if s.startswith("The "):
                    put(s[4:], _Target("country", c.iso3))
            for s in c.adjectives:
                put(s, _Target("adjective", c.iso3))
            for s in c.capitals:
                put(s, _Target("capital", c.iso3))
            for s, sector in c.seats:
                for v in _spellings(s):
                    put(v, _Target("seat", f"{c.iso3}:{s}", sector))
        for city, iso3 in knowledge.cities.items():
            if iso3 in knowledge.by_iso3:
                put(city, _Target("city", iso3))
        for o in knowledge.organizations:
            for s in (o.name, *o.aliases):
                cued = s in o.ambiguous  # letters that also name something else ("MENA", "PNA")
                for v in _spellings(s):
                    put(v, _Target("igo", o.name, cued=cued))
        for o in knowledge.offices:
            for s in (o.name, *o.aliases):
                put(s, _Target("person", o.name))
        self.by_key: dict[str, _Target] = {}
        for surface, target in forms.items():
            key = f"G{len(self.by_key)}"
            self.by_key[key] = target
            self.matcher.add(key, [nlp.make_doc(surface)])
        self.orgs = {o.name: o for o in knowledge.organizations}
        self.spelling_country: dict[str, str] = {}  # casefolded name or adjective -> ISO3, for misspellings
        for c in knowledge.countries:
            for name in (c.name, *c.aliases, *c.adjectives):
                if len(name) >= 5:
                    self.spelling_country.setdefault(name.casefold(), c.iso3)
        self.spellings: dict[str, list[str]] = {}
        self._near: dict[str, str | None] = {}  # near_country's answers
        self._strict: dict[str, str | None] = {}  # strict_near_country's answers
        for name in self.spelling_country:
            self.spellings.setdefault(name[:1], []).append(name)
        self.places = {c.casefold(): iso3 for c, iso3 in knowledge.cities.items()}  # for datelines
        for c in knowledge.countries:
            for name in (*c.capitals, c.name, *c.aliases):
                self.places.setdefault(name.casefold(), c.iso3)
        self.seats = {f"{c.iso3}:{s}": (c.iso3, s, sec) for c in knowledge.countries for s, sec in c.seats}
        # words that alone are no name: sector words and the words of titles ("Defence", "Ministry")
        self.title_words = set(knowledge.sectors) | {w for t in knowledge.roles for w in t.split()}
        self.max_role_words = max(len(t.split()) for t in knowledge.roles)

    def near_country(self, text: str) -> str | None:
        """The country whose name or adjective `text` misspells (similarity >= 0.85, same first letter).
        Remembered per name: the same place names recur from article to article, and difflib is slow."""
        key = text.casefold()
        if key in self._near:
            return self._near[key]
        found = difflib.get_close_matches(key, self.spellings.get(key[:1], ()), n=1, cutoff=0.85)
        if not found:  # "Frnace": two letters swapped, which difflib scores low in a short name
            found = [n for n in self.spellings.get(key[:1], ()) if _swapped(key, n)][:1]
        if len(self._near) >= 100_000:
            self._near.clear()
        got = self._near[key] = self.spelling_country[found[0]] if found and _typo_of(key, found[0]) else None
        return got

    def strict_near_country(self, text: str) -> str | None:
        """The country whose name (7+ letters) `text` misspells by two neighbouring letters swapped or
        one letter dropped ("Ethiopa"): the only slips trusted in a word the parser did not call a
        place, since a changed or added letter makes names ("Columbia", "Frances", "Germain")."""
        key = text.casefold()
        if key in self._strict:
            return self._strict[key]
        found = [n for n in self.spellings.get(key[:1], ())
                 if len(n) >= 7 and " " not in n and (_swapped(key, n) or _dropped(key, n))]
        if len(self._strict) >= 100_000:
            self._strict.clear()
        got = self._strict[key] = self.spelling_country[found[0]] if len(found) == 1 else None
        return got

    def dateline_country(self, dateline: str | None) -> str | None:
        """"KUALA LUMPUR, May 9 (AFP)" -> MYS: the longest run of leading words that names a place."""
        if not dateline:
            return None
        words = dateline.split()[:4]
        for n in range(len(words), 0, -1):
            place = " ".join(words[:n]).strip(" ,.:;()-–—").casefold()
            if place in self.places:
                return self.places[place]
        return None

    def matches(self, doc: Doc) -> list[tuple[int, int, _Target]]:
        """Non-overlapping matches, longest first, then by target priority."""
        found = [(s, e, self.by_key[doc.vocab.strings[m]]) for m, s, e in self.matcher(doc)]
        found.sort(key=lambda x: (-(x[1] - x[0]), _PRIORITY[x[2].kind], x[0]))
        taken = set()
        kept = []
        for s, e, t in found:
            if taken.isdisjoint(range(s, e)):
                kept.append((s, e, t))
                taken.update(range(s, e))
        return sorted(kept)


class ActorReader:
    """Reads the actors of one Doc; holds only per-article state."""

    def __init__(self, gaz: Gazetteer, doc: Doc) -> None:
        self.gaz = gaz
        self.kb = gaz.knowledge
        self.doc = doc
        self.day = _article_day(doc)
        self.home = gaz.dateline_country(doc._.dateline)  # where the story was filed
        doc._.dateline_country = self.home
        self.drafts: dict[str, _Draft] = {}
        self.token_owner: dict[int, str] = {}  # token index -> draft key, for every mention token
        self.inner_countries: dict[int, str] = {}  # token index -> ISO3 of a country word inside another name
        self.aliases: dict[str, str] = {}  # "XNA" -> draft key, from "Xinhua News Agency (XNA)"
        self.describing: set[str] = set()  # people whose role is being read, against mutual recursion
        self._columns: tuple | None = None  # the token columns _trim reads
        self._places: dict[str, bool] = {}  # entity text -> whether the article uses it as a place's name
        self._by_word: dict[str, list[int]] | None = None  # token text -> its positions, for _occurrences
        self.person_words: dict[str, int] = {}  # word -> how many PERSON entity names hold it
        self.dateline_place = _dateline_place(doc._.dateline)
        # drafts by their name, by each word of it and by each tail after a space of it ("Foreign
        # Ministry" of "Chinese Foreign Ministry"), so that matching a new name against the drafts
        # costs what its matches do, not a pass over every draft (thousands in a long document).
        # Entries may be stale (a draft deleted or renamed): _indexed checks them against the drafts.
        self._by_name: dict[str, list[_Draft]] = {}
        self._by_name_word: dict[str, list[_Draft]] = {}
        self._by_tail: dict[str, list[_Draft]] = {}
        self._countries: list[_Draft] = []
        self._made = 0

    # ------------------------------------------------------------------ bookkeeping
    def draft(self, key: str, name: str, kind: str, **attrs) -> _Draft:
        d = self.drafts.get(key)
        if d is None:
            d = self.drafts[key] = _Draft(key, name, kind, seq=self._made, **attrs)
            self._made += 1
            self._index_name(d)
            if kind == "country":
                self._countries.append(d)
        return d

    def _index_name(self, d: _Draft) -> None:
        """File d under its current name (again after a rename: the old entries are left stale)."""
        name = d.name
        self._by_name.setdefault(name, []).append(d)
        for w in set(name.split()):
            self._by_name_word.setdefault(w, []).append(d)
        at = name.find(" ")
        while at >= 0:
            self._by_tail.setdefault(name[at + 1:], []).append(d)
            at = name.find(" ", at + 1)

    def _indexed(self, *groups: list[_Draft]) -> list[_Draft]:
        """The live drafts among index entries, once each, in the drafts' own (creation) order."""
        seen: dict[int, _Draft] = {}
        for group in groups:
            for d in group:
                if self.drafts.get(d.key) is d:
                    seen[d.seq] = d
        return [seen[k] for k in sorted(seen)]

    def mention(self, d: _Draft, start: int, end: int) -> None:
        d.add(start, end)
        for i in range(start, end):
            self.token_owner[i] = d.key

    def free(self, start: int, end: int) -> bool:
        return all(i not in self.token_owner for i in range(start, end))

    # ------------------------------------------------------------------ the passes
    def read(self) -> list[Actor]:
        doc = self.doc
        ents = list(doc.ents)
        ent_of = {i: e for e in ents for i in range(e.start, e.end)}
        self.person_words = {}
        for name in {e.text for e in ents if e.label_ == "PERSON"}:
            for w in set(name.split()):
                self.person_words[w] = self.person_words.get(w, 0) + 1
        self.gazetteer_pass(ent_of)
        self.misspelling_pass(ent_of)
        self.organization_pass(ents)
        self.person_pass(ents)
        self.group_pass(ents)
        self.abbreviation_pass()
        return self.freeze()

    def gazetteer_pass(self, ent_of: dict[int, Span]) -> None:
        for s, e, t in self.gaz.matches(self.doc):
            ent = ent_of.get(s)
            if ent is not None and t.kind != "igo" and self._inside_longer_name(ent, s, e, t):
                if t.kind == "country" and self._part_of_country(ent, s, e):
                    pass  # "Western Cambodia": the country's place
                else:
                    if t.kind in ("country", "adjective") or t.kind in ("capital", "city") and ent.label_ in (
                            "ORG", "FAC"):  # "Baghdad University": a body of the city's country
                        self.inner_countries.update((i, t.key) for i in range(s, e))
                    continue
            if t.kind == "city":
                continue  # a town is no actor; it only places the bodies named after it
            if t.cued and not self._ambiguous_alias_holds(s, e, t):
                continue  # "the MENA region", "ACP countries": the letters name something else
            if t.kind in ("country", "adjective", "capital"):
                c = self.kb.by_iso3[t.key]
                d = self.draft(f"country:{c.iso3}", c.name, "country", country=c.iso3, code=c.iso3)
            elif t.kind == "igo":
                o = self.gaz.orgs[t.key]
                key = o.code if o.code.startswith("IGO") else _slug(o.name)
                d = self.draft(f"org:{key}", o.name, o.kind, country=o.country, code=o.code or None)
            elif t.kind == "seat":
                iso3, name, sector = self.gaz.seats[t.key]
                d = self.draft(f"org:{_slug(name)}", name, "organization", country=iso3, sector=sector,
                               code=iso3 + (sector or ""))
            else:  # an office-holder named in full
                d = self.person_draft(t.key)
            self.mention(d, s, e)

    def _ambiguous_alias_holds(self, s: int, e: int, t: _Target) -> bool:
        """Whether an ambiguous alias at s..e names its body: the full name came earlier in the
        article, or, for a news outlet, a media cue is near it in the sentence ("the news agency SPA",
        "told MENA", "quoted by PNA", "INA reported", "according to APS")."""
        o = self.gaz.orgs[t.key]
        key = f"org:{o.code if o.code.startswith('IGO') else _slug(o.name)}"
        d = self.drafts.get(key)
        if d is not None and d.mentions and min(d.mentions)[0] < s:
            return True
        if not (o.code or "").endswith("MED"):
            return False
        doc = self.doc
        if doc[e - 1].dep_ == "compound" and doc[e - 1].head.i >= e and doc[e - 1].head.lower_ not in _MEDIA_CUES_AFTER:
            return False  # "told PNA officials": the letters name the officials' body, not an outlet
        sent = doc[s].sent
        lo, hi = max(sent.start, s - 4), min(sent.end, e + 4)
        if e < len(doc) and doc[e].text == "-":
            return False  # "SPA-guerrillas": a compound's first part
        words = doccache.column(doc, "lower")
        return any(words[i] in _MEDIA_CUES_BEFORE for i in range(lo, s)) or any(
            words[i] in _MEDIA_CUES_AFTER for i in range(e, hi))

    def _inside_longer_name(self, ent: Span, s: int, e: int, t: _Target) -> bool:
        """A gazetteer word that is only part of a longer name ("Bank of China", "Michael Jordan")."""
        start = ent.start + (1 if ent[0].text in _DETERMINERS else 0)
        end = ent.end - (1 if ent[-1].text in _POSSESSIVE else 0)
        if (start, end) == (s, e):
            # the whole entity: a lone capital the parser reads as a person is a person (a woman named "Victoria");
            # a demonym is one only when it modifies nothing ("Kenyan opposition" is Kenya's)
            if ent.label_ != "PERSON":
                return False
            if t.kind == "adjective":
                return self.doc[s].dep_ not in ("amod", "compound") and self.doc[s].pos_ != "ADJ"
            return t.kind == "capital"
        if t.kind == "person":
            return False
        return ent.label_ in _NAME_LABELS

    def _part_of_country(self, ent: Span, s: int, e: int) -> bool:
        """"Western Cambodia", "the north-eastern Oltia": compass words and a country's name, the whole
        entity, are a region of that country."""
        words = self.doc[ent.start:s]
        return ent.end == e and len(words) > 0 and all(
            t.lower_ in _COMPASS or t.lower_ == "the" or t.text == "-" for t in words) and any(
            t.lower_ in _COMPASS for t in words) and ent.label_ in ("LOC", "GPE", "NORP")

    def organization_pass(self, ents: list[Span]) -> None:
        for ent in ents:
            if ent.label_ not in ("ORG", "NORP", "GPE", "FAC"):
                continue
            span = self._trim(ent)
            if span is None or not self.free(span.start, span.end):
                continue
            if ent.label_ in ("GPE", "NORP") and self._misspelt_country(span):
                continue
            if ent.label_ == "ORG" and len(span) == 1 and self._misspelt_actor_word(span[0]):
                continue
            if ent.label_ == "ORG" and not self._abbreviation(span) and not self._place_name(span, "ORG"):
                self._organization(span)

    def misspelling_pass(self, ent_of: dict[int, Span]) -> None:
        """"Ethiopa signed the accord": a capitalised word the parser left untagged that misspells a
        country, where a country can stand."""
        doc = self.doc
        words, pos = doccache.column(doc, "text"), doccache.column(doc, "pos")
        for i, w in enumerate(words):
            if len(w) >= 6 and w[:1].isupper() and w[1:].islower() and i not in ent_of \
                    and i not in self.token_owner and pos[i] in ("PROPN", "NOUN", "ADJ", "VERB", "X"):
                self._misspelt_actor_word(doc[i])

    def _misspelt_actor_word(self, tok: Token) -> bool:
        """A lone word (untagged, or a one-word ORG) taken for a misspelt country only on strict
        evidence, since most such words are names and words ("Cameron", "Columbia", "Frances"): a
        swapped or dropped letter of a long name (Gazetteer.strict_near_country), in an actor's or
        place's position (subject of a finite verb, object of in/to/from/with), not part of a longer
        name, not a word the model knows, and not a name the article or the office table gives a person."""
        doc, i = self.doc, tok.i
        text = tok.text
        if self.person_words.get(text) or self.kb.holders_named(text) or text in self.gaz.known_words \
                or text.lower() in self.gaz.known_words:
            return False  # a real word or name, or one the article gives a person
        if i + 1 < len(doc) and doc[i + 1].text[:1].isupper():
            return False  # "Germain Holdings", "Alegria Santos"
        if i > 0 and not tok.is_sent_start and doc[i - 1].text[:1].isupper() and doc[i - 1].is_alpha:
            return False  # "David Cameron", "Mr Alegria"
        if not self._actor_position(tok):
            return False
        iso3 = self.gaz.strict_near_country(text)
        if iso3 is None:
            return False
        c = self.kb.by_iso3[iso3]
        self.mention(self.draft(f"country:{iso3}", c.name, "country", country=iso3, code=iso3), i, i + 1)
        return True

    @staticmethod
    def _actor_position(tok: Token) -> bool:
        """Subject of a finite verb ("Ethiopa signed"), or object of in/to/from/with."""
        if tok.dep_ in ("nsubj", "nsubjpass"):
            verb = tok.head
            return verb.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
                c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in verb.children)
        return tok.dep_ == "pobj" and tok.head.lower_ in ("in", "to", "from", "with")

    def _misspelt_country(self, span: Span) -> bool:
        """"Ethiopa", "Afghanstan": a place or people name one or two letters off a country's."""
        text = span.text
        if len(text) < 5 or not text[:1].isupper() or self.person_words.get(text, 0):
            return False  # a surname like a country's name is the person the parser names in full
        iso3 = self.gaz.near_country(text)
        if iso3 is None:
            return False
        c = self.kb.by_iso3[iso3]
        self.mention(self.draft(f"country:{iso3}", c.name, "country", country=iso3, code=iso3), span.start, span.end)
        return True

    def _place_name(self, span: Span, label: str) -> bool:
        """Whether the parser's PERSON or ORG `span` names a place: the town of the dateline, a name
        ending in "Harbour" or "City" (PERSON only: "Manchester City" is a club), or a name the article
        uses as a place somewhere ("in Tarvena", "the city of Molsk", "Molsk-based", "Verin
        province"). After "in" or "to" only a known town or a PERSON counts: companies are "in" deals."""
        text = span.text
        key = f"{label}:{text}"
        got = self._places.get(key)
        if got is None:
            got = self._places[key] = self._names_a_place(span, label)
        return got

    def _names_a_place(self, span: Span, label: str) -> bool:
        doc = self.doc
        text = span.text
        if text.casefold() == self.dateline_place:
            return True
        words = text.split()
        if label == "PERSON" and len(words) > 1 and words[-1] in _PLACE_ENDINGS:
            return True
        if label == "PERSON" and (any(self.person_words.get(w, 0) > (w in words) for w in words)
                                  or self._titled(span)):
            return False  # "Park Min-ho" beside "Park Ji-woo", "mayor Ivan Sorokin": a person
        known = text.casefold() in self.gaz.places
        n = len(doc)
        for first, last in self._occurrences(span):
            o = doc[first:last]
            nxt = doc[o.end] if o.end < n else None
            if nxt is not None:
                if nxt.text in _POSSESSIVE:
                    continue
                if nxt.lower_ in _PLACE_AFTER or nxt.lower_ == "-based" or (
                        nxt.text == "-" and o.end + 1 < n and doc[o.end + 1].lower_ == "based"):
                    return True
            tok = o.root
            while tok.dep_ == "conj" and tok.head is not tok:
                tok = tok.head
            prep = tok.head if tok.dep_ == "pobj" else (doc[o.start - 1] if o.start > 0 else None)
            if prep is None:
                continue
            if prep.lower_ == "of" and prep.head.lower_ in _PLACE_NOUNS and prep.head.i < prep.i:
                return True
            if prep.lower_ in _LOC_PREPS and (label == "PERSON" or known) and prep.head.lemma_ not in _STAKES:
                return True
            if known and (prep.lower_ in ("to", "from", "at") or tok.dep_ == "compound"):
                return True
        return False

    def _titled(self, span: Span) -> bool:
        """Whether the name of `span` somewhere follows a title ("mayor Ivan Sorokin", "General ...")."""
        return any(first > 0 and self._role_ending_at(first - 1)[0] for first, _ in self._occurrences(span))

    def _occurrences(self, span: Span) -> list[tuple[int, int]]:
        """Token spans where the words of `span` recur in the article, as whole words with the same
        spacing. Found through an index of the Doc's tokens by their text, built once per article, so
        that looking up every name costs what its occurrences do, not a scan of the text each."""
        if self._by_word is None:
            by_word: dict[str, list[int]] = {}
            for i, w in enumerate(doccache.column(self.doc, "text")):
                by_word.setdefault(w, []).append(i)
            self._by_word = by_word
        words, idx, body = (doccache.column(self.doc, "text"), doccache.column(self.doc, "idx"),
                            doccache.text(self.doc))
        size, n = span.end - span.start, len(words)
        text = span.text
        found = []
        for i in self._by_word.get(words[span.start], ()):
            j = i + size
            if j > n:
                break
            start, end = idx[i], idx[j - 1] + len(words[j - 1])
            if body[start:end] != text:
                continue
            if start > 0 and (body[start - 1].isalnum() or body[start - 1] == "_") \
                    or end < len(body) and (body[end].isalnum() or body[end] == "_"):
                continue  # not a whole word
            found.append((i, j))
        return found

    def _abbreviation(self, span: Span) -> bool:
        """An abbreviation in brackets after a name, or one defined so earlier, joins that actor."""
        doc = self.doc
        text = span.text
        if len(span) != 1 or not text.isupper():
            return False
        key = self.aliases.get(text)
        if key is None and 0 < span.start - 1 and span.end < len(doc) and doc[span.start - 1].text == "(" \
                and doc[span.end].text == ")":
            key = self.token_owner.get(span.start - 2)
            if key:
                self.aliases[text] = key
        if key is None:
            return False
        self.mention(self.drafts[key], span.start, span.end)
        return True

    def _organization(self, span: Span, country: str | None = None) -> None:
        name = span.text
        if country is None:
            inside = {self.inner_countries[i] for i in range(span.start, span.end) if i in self.inner_countries}
            country = inside.pop() if len(inside) == 1 else self._possessor_country(span)
        words = name.split()
        if country is None and len(words) > 1 and words[-1] in _LEADER_BODIES:
            country = self._holder_country(" ".join(words[:-1]))  # the parser's "Bush administration"
        sector = self._sector(name)
        if words[-1] in _LEADER_BODIES:
            sector = "GOV"
        elif sector != "MED" and (words[-1].casefold() in _MEDIA_WORDS or self._called_media(span)):
            sector = "MED"  # "Jiji Press", "Ansa news agency", "the mouthpiece Nhan Dan"
        key = f"org:{_slug(name)}"
        # "the Foreign Ministry" after "the Chinese Foreign Ministry" is the same body
        tail = " " + name
        # the drafts named with a tail of this name, or whose name has this name as a tail; the
        # shorter of the two names must hold a space, so a one-word name has none
        heads = [self._by_name.get(name[at + 1:], ()) for at in range(len(name)) if name[at] == " "]
        for d in self._indexed(self._by_tail.get(name, ()), *heads) if " " in name else ():
            if d.kind == "organization" and d.key != key and (d.name.endswith(tail) or name.endswith(" " + d.name)) \
                    and " " in min(d.name, name, key=len):
                if len(name) > len(d.name):
                    d.name = name
                    self._index_name(d)
                country = country or d.country
                key = d.key
                break
        d = self.draft(key, name, "organization")
        d.country = d.country or country
        d.sector = d.sector or sector
        if d.country is None and d.sector in _STATE_SECTORS and self.home and self._home_leads():
            d.country = self.home
        self.mention(d, span.start, span.end)

    def _called_media(self, span: Span) -> bool:
        """A media noun right before or after the name: "the daily Nova Vremya", "Ansa news agency"."""
        doc = self.doc
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        if before is not None and (
                before.lower_ in _MEDIA_NOUNS or before.pos_ == "NOUN" and before.lower_ == "agency" and span.start > 1
                and doc[span.start - 2].lower_ in ("news", "press")):
            return True
        return after is not None and after.text.islower() and after.lower_ in _MEDIA_NOUNS

    def _home_leads(self) -> bool:
        """Whether no other country is named more often than the dateline's (a country named once is
        no rival): a London story about Fiji's "Board of Review" is no British one."""
        counts = {d.country: len(d.mentions) for d in self._indexed(self._countries) if d.kind == "country"}
        return max(counts.values(), default=0) <= max(counts.get(self.home, 0), 1)

    def _possessor_country(self, span: Span) -> str | None:
        """"China's Foreign Ministry": the country named just before the organisation."""
        doc = self.doc
        i = span.start - 1
        if i >= 0 and doc[i].text in _POSSESSIVE:
            i -= 1
        owner = self.token_owner.get(i) if i >= 0 else None
        if owner and owner.startswith("country:"):
            return self.drafts[owner].country
        # "the Italian energy group Agip", "the Kenyan daily Taifa Leo": a nationality before the
        # common nouns that say what kind of body the name is
        j = span.start - 1
        if j < 0 or doc[j].lower_ not in _ORG_NOUNS | _MEDIA_NOUNS | _FIRM_NOUNS or (
                doc[j].pos_ != "NOUN" and doc[j].lower_ not in _MEDIA_NOUNS):
            return None
        j -= 1
        while j >= 0 and j > span.start - 4 and doc[j].is_lower and doc[j].is_alpha and doc[j].pos_ in ("NOUN", "ADJ"):
            j -= 1
        owner = self.token_owner.get(j) if j >= 0 else None
        if owner and owner.startswith("country:") and doc[j].pos_ in ("ADJ", "PROPN") and \
                self.kb.by_iso3.get(self.drafts[owner].country) is not None and doc[j].text != self.drafts[owner].name:
            return self.drafts[owner].country
        return None

    def _sector(self, name: str) -> str | None:
        words = name.casefold().replace("’", "'").split()
        for n in range(len(words), 0, -1):  # from the name's end: "Xinhua News Agency" -> news agency
            for size in (2, 1):
                if n - size < 0:
                    continue
                phrase = " ".join(words[n - size:n])
                if phrase in self.kb.sectors:
                    return self.kb.sectors[phrase]
        return None

    def _trim(self, ent: Span) -> Span | None:
        """The entity without a leading "the", a trailing possessive, edge spaces and brackets; None
        for what is no name at all (a table row run together, a time zone, a lone "Ministry")."""
        doc = self.doc
        if self._columns is None:  # read once per article: _trim runs for every entity, in several passes
            self._columns = (doccache.column(doc, "text"), doccache.column(doc, "lower"),
                             doccache.column(doc, "is_space"), doccache.column(doc, "is_punct"),
                             doccache.column(doc, "idx"), doccache.text(doc))
        words, lower, space, punct, idx, text = self._columns
        start, end = ent.start, ent.end
        while start < end and (space[start] or punct[start] or lower[start] == "the"):
            start += 1
        while end > start and (space[end - 1] or words[end - 1] in _POSSESSIVE
                               or punct[end - 1] and words[end - 1] not in ".)"):
            end -= 1
        if end - start == 2 and words[end - 1] in _TRAILING_DAYS and ent.label_ != "PERSON" \
                and lower[start] not in _NAME_LINKS and words[start][:1].isupper() \
                and (start == 0 or lower[start - 1] not in _NAME_LINKS):
            end -= 1  # "Halden Saturday": the day the parser glued to a one-word place is no part of it
        if end <= start:
            return None
        text = text[idx[start]:idx[end - 1] + len(words[end - 1])]  # doc[start:end].text
        if "\n" in text or "  " in text or text in self.kb.not_actors or text.count("(") != text.count(")"):
            return None
        if not any(ch.isupper() for ch in text):
            return None  # "affiliates", "mosques": names are written with capitals
        if end - start == 1 and lower[start] in self.gaz.title_words:
            return None  # a lone "Ministry", "Defence", "Bishop"
        return doc[start:end]

    # ------------------------------------------------------------------ people
    def person_draft(self, canonical: str) -> _Draft:
        return self.draft(f"person:{_slug(canonical)}", canonical, "person")

    def person_pass(self, ents: list[Span]) -> None:
        doc = self.doc
        for ent in ents:
            if ent.label_ != "PERSON":
                continue
            span = self._trim(ent)
            if span is None:
                continue
            start = span.start
            while start < span.end - 1 and doc[start].lower_ in self.kb.roles:
                start += 1  # "President Xi Jinping" tagged whole: the title is not the name
            if not self.free(start, span.end):
                continue
            if self._people_of_a_nation(span):
                continue
            if self._leader_body(doc[start:span.end]):
                continue
            if start == span.start and self._place_name(span, "PERSON"):
                continue
            if start == span.start and self._organization_named(span):
                continue
            self.person_mention(start, span.end)
        self.surname_pass()
        self._organizations_named_like_people()
        for d in list(self.drafts.values()):
            if d.kind == "person":
                self.describe_person(d)

    def _leader_body(self, span: Span) -> bool:
        """"the Bush administration", "the Molnar government": a name before the body its holder heads
        is that body, an organisation of the holder's country (from the office table), in government."""
        doc = self.doc
        after = doc[span.end] if span.end < len(doc) else None
        if after is None or after.lower_ not in _LEADER_BODIES or not after.text.islower():
            return False
        self._organization(doc[span.start:span.end + 1], self._holder_country(span.text))
        return True

    def _holder_country(self, name: str) -> str | None:
        """The one country whose office-holders are called `name` ("Bush": two presidents, one country)."""
        terms = self.kb.offices_of(name)
        if not terms and " " not in name:
            terms = [o for holder in self.kb.holders_named(name) for o in self.kb.offices_of(holder)]
        found = {o.country for o in terms if o.country in self.kb.by_iso3}
        return found.pop() if len(found) == 1 else None

    def _organization_named(self, span: Span) -> bool:
        """A PERSON entity that names an organisation: after a noun for one ("the brokerage firm Garrow",
        "the weekly Nova Vremya"), before one ("the Forward Union party"), beside one ("Brask Partners, a
        shipping company") or the short form of a party the article names in full ("Forward
        Union" beside "the Forward Union Party"). Joins that party or becomes an organisation."""
        doc = self.doc
        full = self.drafts.get(f"org:{_slug(span.text + ' Party')}")
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        if full is None and before is not None and self._subject_of_own_clause(span, before):
            return False
        if full is None and not (
                before is not None and before.lower_ in _ORG_NOUNS and (
                    before.pos_ == "NOUN" or before.lower_ in _MEDIA_NOUNS)  # "the official daily Al-Bayan"
                or after is not None and after.lower_ in _ORG_AFTER and after.text.islower()
                or any(c.dep_ == "appos" and c.lemma_.lower() in _FIRM_NOUNS for c in span.root.children)):
            return False
        if full is not None:
            self.mention(full, span.start, span.end)
        else:
            self._organization(span)
        return True

    def _subject_of_own_clause(self, span: Span, before: Token) -> bool:
        """"The group John Smith leads protested": a name after a noun that is the subject of a verb
        of its own (a relative clause) is no name of that noun's."""
        root = span.root
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ == "relcl" and before.i < root.head.i:
            return True
        # the parser often hangs such a name on the noun as an apposition: a finite verb right after
        # the name and another right after that verb ("leads protested") is a clause without its object
        doc, n = self.doc, len(self.doc)
        if span.end + 1 >= n:
            return False
        verb, nxt = doc[span.end], doc[span.end + 1]
        return (verb.tag_ in _FINITE and verb.pos_ in ("VERB", "AUX") and verb.lemma_ not in ("be", "have", "do")
                and (nxt.tag_ in _FINITE or nxt.tag_ == "VBN"))

    def _organizations_named_like_people(self) -> None:
        """"Kaya said": a one-word ORG of the parser that is a word of exactly one person's full name
        in the article ("Demir Kaya"), or that full name itself, is that person — when every use of it
        comes after the full name. A one-word name used before the person's full name is a company
        introduced first ("Ford cut jobs ... Chairman Bill Ford"): it stays an organisation, and so do
        the lone uses of that word the parser tagged as a person before the full name."""
        owners: dict[str, set[str]] = {}
        for d in self.drafts.values():
            if d.kind == "person" and " " in d.name and d.mentions:
                owners.setdefault(d.name, set()).add(d.key)
                for w in d.name.split():
                    if w[:1].isupper() and len(w) > 1:
                        owners.setdefault(w, set()).add(d.key)
        if not owners:
            return
        for d in list(self.drafts.values()):
            if d.kind != "organization" or d.code or d.sector or not d.key.startswith("org:"):
                continue
            keys = owners.get(d.name)
            if not keys or len(keys) != 1 or (" " not in d.name and d.name.isupper()):
                continue
            person = self.drafts[next(iter(keys))]
            if " " not in d.name:
                full = min((s for s, e in person.mentions if e - s > 1), default=None)
                if full is None or min(s for s, _ in d.mentions) < full:
                    self._give_back_lone_uses(person, d, full)
                    continue
            del self.drafts[d.key]
            for m in d.mentions:
                self.mention(person, *m)

    def _give_back_lone_uses(self, person: _Draft, org: _Draft, full: int | None) -> None:
        """The person's one-word mentions that spell the organisation's name and come before the full
        name ("Dell said" tagged a person, before "Michael Dell") are the organisation's."""
        words = doccache.column(self.doc, "text")
        for s, e in list(person.mentions):
            if e - s == 1 and words[s] == org.name and (full is None or s < full):
                person.discard(s, e)
                self.mention(org, s, e)

    def _people_of_a_nation(self, span: Span) -> bool:
        """"Bosnian Croats", "Rwandan Tutsi farmers": a nationality and a people, tagged by the parser as
        one person's name, are a group of that country. A person named after a nationality ("German
        Brandt said") stays a person: the rest must be plural or describe a plural noun."""
        iso3 = self.inner_countries.get(span.start)
        if iso3 is None:
            return False
        rest = span.start
        while rest < span.end and self.inner_countries.get(rest) == iso3:
            rest += 1
        if rest == span.end:
            return False
        last = self.doc[span.end - 1]
        head = last.head
        if last.tag_ not in ("NNS", "NNPS") and not (
                last.dep_ in ("compound", "amod") and head.i >= span.end and head.tag_ == "NNS"):
            return False
        d = self.draft(f"group:{_slug(span.text)}", span.text, "group", country=iso3, code=iso3)
        self.mention(d, span.start, span.end)
        return True

    def person_mention(self, start: int, end: int) -> None:
        doc = self.doc
        text = doc[start:end].text
        words = [t.text for t in doc[start:end] if t.is_alpha]
        if not words:
            return
        offices = self.kb.offices_of(text)
        if offices:
            self.mention(self.person_draft(offices[0].name), start, end)
            return
        if len(words) == 1:
            d = self._person_by_part(words[0])
            if d is not None:
                self.mention(d, start, end)
                return
        d = self.person_draft(text)
        # an earlier lone "Putin" is the same person as a later "Vladimir Putin"
        for other in self._indexed(*(self._by_name.get(w, ()) for w in set(words))):
            if other.kind == "person" and other is not d and " " not in other.name and other.name in words:
                for m in other.mentions:
                    self.mention(d, *m)
                del self.drafts[other.key]
        self.mention(d, start, end)

    def _person_by_part(self, word: str) -> _Draft | None:
        """The full-name person a lone name refers to: one already in the article, else an
        office-holder of the article's date bearing that name."""
        owners = [d for d in self._indexed(self._by_name_word.get(word, ()))
                  if d.kind == "person" and word in d.name.split() and d.name != word]
        if owners:
            return max(owners, key=lambda d: max(m[0] for m in d.mentions) if d.mentions else -1)
        held = {name for name in self.kb.holders_named(word)
                if any(o.held_on(self.day) for o in self.kb.offices_of(name))}
        if len(held) == 1:
            return self.person_draft(held.pop())
        return None

    def surname_pass(self) -> None:
        """Name parts of known people that the parser did not tag ("Xi said" missed as PERSON)."""
        parts: dict[str, _Draft] = {}
        for d in self.drafts.values():
            if d.kind == "person" and d.mentions:
                for w in d.name.split():
                    if w[:1].isupper() and len(w) > 1 and w.isalpha():
                        parts[w] = d if w not in parts or parts[w] is d else None
        pos = doccache.column(self.doc, "pos")
        for i, word in enumerate(doccache.column(self.doc, "text")):
            d = parts.get(word)
            if d is not None and i not in self.token_owner and pos[i] in ("PROPN", "NOUN", "X"):
                self.mention(d, i, i + 1)

    def describe_person(self, d: _Draft) -> None:
        """Role and country from the words around each mention, else from the office table."""
        self.describing.add(d.key)
        body = (None, None)  # the body the role is held in: (an organisation's draft, a sector)
        for start, end in sorted(d.mentions):
            role, country, title_body = self._title_before(start)
            if country is None:  # "Cardinal Sfeir, head of Lebanon's Maronites": the title has no country
                appos_role, appos_country, appos_body = self._apposition(start, end)
                country = country or appos_country
                if role is None:
                    role, title_body = appos_role, appos_body
            if d.role is None and role is not None:
                body = title_body
            if country is None:
                country = self._of_country(end) or self._member_of_nationals(start, end)
            if role == "counterpart":
                role = self._counterpart_role(start, d)
            d.role = d.role or role
            d.country = d.country or country
            if d.role and d.country:
                break
        held = [o for o in self.kb.offices_of(d.name) if o.held_on(self.day)]
        office = None
        if held:
            office = held[0].office
            d.role = d.role or office
            d.country = d.country or self._country_of_office(held[0])
            if held[0].country.startswith("IGO") and (d.role == office or d.role in _IGO_ROLES):
                d.code = d.code or held[0].country  # Kofi Annan, secretary-general: IGOUNO
        elif d.country is None:
            terms = self.kb.offices_of(d.name)
            if terms:
                d.country = self._country_of_office(terms[0])
        base = (d.role or "").lower()
        first, _, rest = base.partition(" ")
        if first in _ROLE_PREFIXES and rest:
            base = rest  # a deputy governor is in the governor's sector
        role = self.kb.roles.get(base)
        d.sector = role.sector if role else None
        in_body = role is not None and base in _GENERIC_ROLES and self._held_in(d, base, role.sector, *body)
        if d.country is None and (d.sector in _STATE_SECTORS or in_body) and self.home and self._home_leads() \
                and not (d.code or "").startswith("IGO"):
            # "Interior Minister Besharati said" in a story filed from Tehran about Iran: a state
            # office named without its country is, far more often than not, the dateline country's
            d.country = self.home
        if office is not None and d.role == office and d.sector != "MIL":
            d.sector = "GOV"  # a state office from the table ("chief executive" of Hong Kong) is government

    def _held_in(self, d: _Draft, base: str, sector: str | None, org: _Draft | None, noun_sector: str | None) -> bool:
        """A generic title held in a body takes the body's code or sector: "UN envoy X" is the UN's
        (IGOUNO), "Acme Corp chairman X" a businessman, "the party chief X" a party man. A body of
        unknown kind ("Treasury", "Federal Reserve") leaves the title's own sector. True when the
        sector was changed to a body's."""
        if org is not None and (org.code or "").startswith("IGO"):
            if base in _IGO_ROLES:
                d.code = d.code or org.code
                d.country = org.country
            return False
        if sector != "GOV":
            return False  # a title of its own kind ("rebel leader", "chief executive") keeps it
        body_sector = org.sector if org is not None and org.sector else noun_sector
        if body_sector:
            d.sector = body_sector
            return True
        return False

    def _body_of(self, tok: Token) -> tuple[_Draft | None, str | None]:
        """The body a noun names: an organisation the reader found there, else its kind ("the rebel
        group", "the company")."""
        owner = self.token_owner.get(tok.i)
        org = self.drafts[owner] if owner and owner.startswith("org:") else None
        sector = None
        for c in tok.children:  # "the rebel group", and "the militant group HAMAS" parsed with HAMAS as head
            if c.dep_ in ("amod", "compound") and c.i < tok.i:
                sector = sector or _BODY_MODIFIERS.get(c.lower_)
                if c.dep_ == "compound" and c.pos_ == "NOUN" and self.token_owner.get(c.i) is None:
                    sector = sector or next((_BODY_MODIFIERS[m.lower_] for m in c.children
                                             if m.dep_ in ("amod", "compound") and m.lower_ in _BODY_MODIFIERS),
                                            None)
        if sector is None and owner is None and tok.pos_ == "NOUN":
            sector = _BODY_NOUNS.get(tok.lemma_.lower())
        if org is None and sector is None:
            for c in tok.children:  # "the militant group HAMAS": the name in apposition
                if c.dep_ == "appos":
                    return self._body_of(c)
        return org, sector

    def _noun_body(self, noun: Token) -> tuple[_Draft | None, str | None]:
        """The body a role noun is held in: "president of Acme Corp", "spokesman for the rebel
        group", "the IAEA chief", "the company's president"."""
        for c in noun.children:
            if c.dep_ in ("poss", "compound", "nmod") and c.i < noun.i:
                org, sector = self._body_of(c)
                if org is not None or sector is not None:
                    return org, sector
            if c.dep_ == "prep" and c.lower_ in ("of", "for", "at") and c.i > noun.i:
                for obj in c.children:
                    if obj.dep_ == "pobj":
                        org, sector = self._body_of(obj)
                        if org is not None or sector is not None:
                            return org, sector
        return None, None

    def _country_of_office(self, office: Office) -> str | None:
        return office.country if office.country in self.kb.by_iso3 else None

    def _title_before(self, start: int) -> tuple[str | None, str | None]:
        """"Russian President Vladimir Putin", "his Chinese counterpart Xi Jinping"."""
        doc = self.doc
        role = country = None
        org = sector = None  # the body the title is held in: "Acme Corp chairman X", "the party chief X"
        i = start - 1
        sent_start = doc[start].sent.start if doc.has_annotation("SENT_START") else 0
        while i >= sent_start:
            term, size = self._role_ending_at(i)
            if term:
                found = self.kb.roles[term].role
                before = i - size
                if before >= sent_start and doc[before].lower_ in _ROLE_PREFIXES \
                        and not found.startswith(doc[before].lower_):
                    found = f"{doc[before].lower_} {found}"  # "deputy governor", "Deputy Foreign Minister"
                    size += 1
                role = role or found
                i -= size
                continue
            owner = self.token_owner.get(i)
            if owner and (owner.startswith("country:") or owner.startswith("org:")):
                # "Chinese Foreign Ministry spokesman Lin Haobo": the body's country is his
                country = country or self.drafts[owner].country
                if role is not None and org is None and sector is None and owner.startswith("org:"):
                    org = self.drafts[owner]
                i -= 1
                continue
            tok = doc[i]
            if owner is None and (tok.text in _POSSESSIVE or tok.is_title and tok.pos_ in ("PROPN", "ADJ")
                                  or tok.dep_ in ("compound", "amod") and tok.pos_ in ("NOUN", "ADJ", "PROPN")):
                if role is not None and org is None and sector is None and tok.pos_ == "NOUN":
                    sector = _BODY_NOUNS.get(tok.lemma_.lower()) or _BODY_MODIFIERS.get(tok.lower_)
                i -= 1
                continue
            if owner is None and role is not None and org is None and sector is None and tok.pos_ == "NOUN" \
                    and tok.lemma_.lower() in _BODY_NOUNS and i + 1 < start and doc[i + 1].text in _POSSESSIVE:
                sector = _BODY_NOUNS[tok.lemma_.lower()]  # "the company's president X"
                break
            break
        return role, country, (org, sector)

    def _of_country(self, end: int) -> str | None:
        """"King Hassan of Morocco" (an office-holder): a country named right after the person with "of"."""
        doc = self.doc
        if end + 1 < len(doc) and doc[end].lower_ == "of":
            owner = self.token_owner.get(end + 1)
            if owner and owner.startswith("country:"):
                return self.drafts[owner].country
        return None

    def _member_of_nationals(self, start: int, end: int) -> str | None:
        """"24 Japanese nationals, including Ambassador Aoki": one of a group of a nationality."""
        head = self.doc[start:end].root
        prep = head.head
        if head.dep_ != "pobj" or prep.lower_ not in ("including", "among") or prep.head is prep:
            return None
        group = prep.head
        return self._country_near(group) if group.pos_ == "NOUN" and group.tag_ == "NNS" else None

    def _role_ending_at(self, i: int) -> tuple[str | None, int]:
        lower, lemma = doccache.column(self.doc, "lower"), doccache.column(self.doc, "lemma")
        for size in range(min(self.gaz.max_role_words, i + 1), 0, -1):
            term = " ".join(lower[i - size + 1:i + 1]).replace(" - ", "-")
            if term in self.kb.roles:
                return term, size
            if size == 1 and lemma[i].lower() in self.kb.roles:
                return lemma[i].lower(), 1
        return None, 0

    def _apposition(self, start: int, end: int) -> tuple[str | None, str | None, tuple]:
        """"Li Wenbo, China's ambassador to Brazil," and "the Russian president, Vladimir Putin"."""
        head = self.doc[start:end].root
        phrases = [c for c in head.children if c.dep_ == "appos"]
        if head.dep_ == "appos":
            phrases.append(head.head)
        for noun in phrases:
            term = self._role_of_noun(noun)
            if term:
                return self.kb.roles[term].role, self._country_near(noun), self._noun_body(noun)
        for noun in phrases:  # "X, a Swedish businessman": no office, but a nationality
            if noun.pos_ == "NOUN":
                country = self._country_near(noun)
                if country:
                    return None, country, (None, None)
        return None, None, (None, None)

    def _role_of_noun(self, noun: Token) -> str | None:
        compounds = [c.lower_ for c in noun.children if c.dep_ == "compound" and c.i < noun.i]
        for term in (" ".join(compounds[-1:] + [noun.lower_]), noun.lower_, noun.lemma_.lower()):
            if term in self.kb.roles:
                return term
        return None

    def _country_near(self, noun: Token) -> str | None:
        """The country a role noun belongs to: its possessor, adjective or "of X" — not "to X"."""
        for c in noun.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < noun.i:
                owner = self.token_owner.get(c.i)
                if owner and owner.startswith("country:"):
                    return self.drafts[owner].country
            if c.dep_ == "prep" and c.lower_ == "of":
                for obj in c.children:
                    owner = self.token_owner.get(obj.i)
                    if owner and owner.startswith("country:"):
                        return self.drafts[owner].country
            if c.dep_ == "prep" and c.lower_ in ("of", "at", "with", "for") and c.i > noun.i and (
                    noun.lemma_.lower() in _MEMBER_NOUNS or self._role_of_noun(noun)):
                # "editor of The Times of Oltia", "an official at the US consulate": the body's country,
                # for one who works or sits in it; "a critic of the Iranian government" is no Iranian
                for obj in c.children:
                    if obj.dep_ != "pobj":
                        continue
                    owner = self.token_owner.get(obj.i)
                    if owner and owner.startswith("org:") and self.drafts[owner].country:
                        return self.drafts[owner].country
                    for mod in obj.children:
                        owner = self.token_owner.get(mod.i)
                        if mod.i < obj.i and mod.dep_ in ("amod", "compound", "poss", "nmod") and owner \
                                and owner.startswith("country:"):
                            return self.drafts[owner].country
        return None

    def _counterpart_role(self, start: int, d: _Draft) -> str | None:
        """"his Russian counterpart": the role of the person whose counterpart this is."""
        doc = self.doc
        sent = doc[start].sent
        for tok in reversed(doc[sent.start:start]):
            owner = self.token_owner.get(tok.i)
            if owner and owner != d.key and owner.startswith("person:"):
                other = self.drafts[owner]
                if other.role is None and owner not in self.describing:  # two counterparts of each other
                    self.describe_person(other)
                return other.role
        return None

    # ------------------------------------------------------------------ groups and abbreviations
    def group_pass(self, ents: list[Span]) -> None:
        for ent in ents:
            if ent.label_ != "NORP":
                continue
            span = self._trim(ent)
            if span is None or not self.free(span.start, span.end):
                continue
            root = span.root
            if root.tag_ not in ("NNS", "NNPS") or root.dep_ in ("amod", "compound"):
                continue  # "Moslem clerics", a town the parser took for a people: not a people acting
            d = self.draft(f"group:{_slug(span.text)}", span.text, "group")
            self.mention(d, span.start, span.end)

    def abbreviation_pass(self) -> None:
        """"the Xinhua News Agency (XNA)": the bracketed abbreviation joins the actor before it,
        and every later use of it is a mention."""
        doc = self.doc
        aliases = self.aliases
        words, upper = doccache.column(doc, "text"), doccache.column(doc, "is_upper")
        for i in range(1, len(words) - 1):
            if words[i - 1] == "(" and words[i + 1] == ")" and upper[i] and len(words[i]) >= 2:
                owner = self.token_owner.get(i - 2)
                if owner and i not in self.token_owner:
                    aliases[words[i]] = owner
        if not aliases:
            return
        for i, word in enumerate(words):
            key = aliases.get(word)
            if key and i not in self.token_owner:
                self.mention(self.drafts[key], i, i + 1)

    # ------------------------------------------------------------------ output
    def freeze(self) -> list[Actor]:
        doc = self.doc
        text, idx, words = doccache.text(doc), doccache.column(doc, "idx"), doccache.column(doc, "text")
        actors = []
        for d in self.drafts.values():
            if not d.mentions:
                continue
            mentions = []
            for s, e in sorted(d.mentions):
                start, end = idx[s], idx[e - 1] + len(words[e - 1])
                # text[start:end] is doc[s:e].text for a non-empty span
                mentions.append(Mention(start, end, text[start:end] if e > s else doc[s:e].text))
            mentions = tuple(mentions)
            code = d.code
            if code is None and d.country:
                code = d.country + (d.sector or "")
            actors.append(Actor(d.key, d.name, d.kind, d.country, d.role, code, mentions))
        actors.sort(key=lambda a: a.mentions[0].start)
        return actors


class ActorRecognizer(Stage):
    name = "communique_actors"

    def __init__(self, nlp: Language, tables: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.gazetteer = Gazetteer(nlp, load_knowledge(tuple(tables)))

    def run(self, doc: Doc) -> None:
        doc._.actors = ActorReader(self.gazetteer, doc).read()


@Language.factory(
    "communique_actors",
    assigns=["doc._.actors"],
    requires=["doc.ents", "token.dep"],
    default_config={"tables": []},
)
def make_actors(nlp: Language, name: str, tables: list[str]) -> ActorRecognizer:
    return ActorRecognizer(nlp, tuple(tables))
