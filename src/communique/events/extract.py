"""Who did what to whom: CAMEO events read off the dependency parse, one pure function over a Doc.

A trigger is a verb or noun of the lexicon (events.lexicon). Its source is the subject of its clause
(climbing control verbs, conjunctions and participles; the "by" agent of a passive; the possessor of
a noun), its targets the arguments the lexicon names. The verbs that govern it decide what was done:
"threatened to", "vowed to", "refused to", "urged X to" turn the act into a threat, an intent, a
refusal, an appeal (events.coding); "may" and "if" make it hypothetical, "not" negated. Reported
speech needs nothing special: "X said Y attacked Z" gives Y -> Z because "attacked" has its own
subject; the statement itself is an event only where its verb is in the lexicon (praise, criticise,
deny, appeal, promise). Common nouns ("police", "the rebels") are unnamed parties (events.parties),
placed by the one country their sentence names, else the one the article is about; pronouns go to
the nearest fitting subject before them.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..components import doccache
from ..knowledge.cameo import cameo, plover_for
from ..record import Actor, Event, Quote, Span, Time
from . import coding
from .lexicon import Pattern, best_pattern, event_lexicon
from .parties import domestic, foreign, is_party, party, party_noun, party_token, private_people

# verbs whose xcomp act is promised / threatened / refused / asked for, or only considered
INTENT_HEADS = frozenset({"vow", "pledge", "promise", "agree", "offer", "plan", "intend", "decide", "commit",
                          "prepare", "aim", "seek", "want", "wish", "hope", "propose", "expect", "undertake",
                          "resolve", "volunteer", "announce", "swear", "guarantee", "promise"})
INTENT_ADJS = frozenset({"ready", "willing", "prepared", "determined", "eager", "keen", "committed", "set", "poised"})
THREAT_HEADS = frozenset({"threaten", "warn"})
REFUSE_HEADS = frozenset({"refuse", "decline", "reject", "oppose", "resist"})
DEMAND_HEADS = frozenset({"demand", "press", "pressure", "push", "insist", "require"})
CAUSATIVE_HEADS = frozenset({"order", "force", "compel", "make", "instruct", "direct", "command"})
APPEAL_HEADS = frozenset({"urge", "call", "ask", "appeal", "request", "invite", "encourage", "implore", "plead", "beg"})
HYPO_HEADS = frozenset({"consider", "mull", "weigh", "contemplate", "study", "discuss", "debate", "may", "might",
                        "could", "try", "attempt"})
PREDICT_HEADS = frozenset({"likely", "unlikely", "predict", "forecast", "tip", "rumour", "rumor", "suppose"})
SCHEDULE_HEADS = frozenset({"schedule", "slate", "due", "set"})  # "was scheduled to meet": a plan, coded as its intent
FAIL_HEADS = frozenset({"fail", "neglect", "avoid", "stop", "cease"})
TRANSPARENT = frozenset({"continue", "begin", "start", "resume", "keep", "go", "have", "need", "help", "get",
                         "manage", "work", "move", "act"})
OBJECT_CONTROL = DEMAND_HEADS | APPEAL_HEADS | CAUSATIVE_HEADS | frozenset({"persuade", "allow", "convince", "help", "tell"})
BACKGROUND_PREPS = frozenset({"during", "after", "before", "since", "following", "amid", "amidst", "despite", "until",
                              "ahead", "like", "unlike", "over"})
LEMMA_FIXES = {"stag": "stage"}  # the small English model's lemmatiser slips ("staged" -> "stag")
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would"})
HYPO_AUX = frozenset({"may", "might", "could", "can"})
MUST_AUX = frozenset({"must", "should", "ought"})
SPEECH = frozenset({"say", "tell", "state", "declare", "announce", "add", "insist", "reiterate", "stress", "conclude",
                    "write", "argue", "note", "warn", "repeat", "emphasize", "emphasise", "claim"})
LIGHT_VERBS = frozenset({"hold", "have", "launch", "carry", "conduct", "stage", "mount", "begin", "start", "continue",
                         "make", "pay", "organize", "organise", "resume", "open", "wage", "lead", "announce",
                         "undertake", "join", "end", "complete", "send", "issue", "lodge", "file", "impose", "call",
                         "step", "intensify", "escalate", "renew", "pursue", "unleash", "deliver", "express"})
CLAUSE_BOUNDARY = frozenset({"ROOT", "ccomp", "parataxis"})
SYMMETRIC_ROOTS = ("03", "04", "05", "06")
RECIPROCAL_VERBS = frozenset({"trade", "exchange", "swap"})  # "India and Pakistan traded accusations": both ways
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "i", "me", "my"})
GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "we", "our", "us"})
SUBJ = ("nsubj", "nsubjpass", "csubj")
STATEMENT_NOUNS = frozenset({"statement", "declaration", "resolution", "communique", "letter", "message", "appeal",
                             "ultimatum", "decree", "note", "memorandum", "petition", "report"})
ACTOR_DEPS = frozenset({"compound", "amod", "poss", "nmod", "appos", "prep", "pobj", "det", "nummod", "case", "npadvmod"})
ACTOR_PREPS = frozenset({"of", "from", "in", "throughout", "across"})
BOMB_WORDS = frozenset({"bomb", "bomber", "bombing", "explosion", "blast", "device", "explosive", "grenade"})
_DATE_VALUE = re.compile(r"^\d{4}")


@dataclass
class _Candidate:
    token: Token
    pattern: Pattern


class _QuoteIndex:
    """The quotes with a speaker whose words or speaker's span hold a character offset, in article
    order. Built once per article: a pronoun's look-up bisects the offsets where the set of quotes
    holding a point changes instead of scanning every quote of a long article."""

    def __init__(self, quotes: tuple[Quote, ...]) -> None:
        spans = []
        for n, q in enumerate(quotes):
            if q.speaker is None:
                continue
            if q.start < q.end:
                spans.append((q.start, q.end, n))
            if q.speaker_start is not None and q.speaker_end and q.speaker_start < q.speaker_end:
                spans.append((q.speaker_start, q.speaker_end, n))
        self.quotes = quotes
        self.bounds = sorted({p for s, e, _ in spans for p in (s, e)})
        held: list[set[int]] = [set() for _ in self.bounds]  # quotes holding [bounds[k], bounds[k + 1])
        for s, e, n in spans:
            for k in range(bisect_right(self.bounds, s) - 1, bisect_right(self.bounds, e) - 1):
                held[k].add(n)
        self.held = [tuple(sorted(h)) for h in held]

    def at(self, offset: int) -> tuple[Quote, ...]:
        k = bisect_right(self.bounds, offset) - 1
        if k < 0 or not self.held[k]:
            return ()
        return tuple(self.quotes[n] for n in self.held[k])


@dataclass
class _Context:
    doc: Doc
    quotes: tuple[Quote, ...]
    by_token: dict[int, Actor] = field(default_factory=dict)  # token index -> actor mentioned there
    proxies: dict[str, Actor | None] = field(default_factory=dict)  # unplaced actor id -> the actor placing it
    home: Actor | None = None  # the country of the dateline, when the article names it
    actors: dict[str, Actor] = field(default_factory=dict)  # actor id -> actor
    quote_index: _QuoteIndex | None = None
    sent_starts: list[int] = field(default_factory=list)  # the first token of each sentence, ascending
    # (start, end) of a sentence -> (token, country, named for or against it) of each country mention
    sent_countries: dict[tuple[int, int], list[tuple[int, Actor, bool]]] = field(default_factory=dict)
    # pronoun token index -> the actor it resolved to: "Their forces ... Their forces ..." chains back
    # through every earlier "their"; sentences come in order, so each step is a look-up, not a re-walk
    pronouns: dict[int, tuple[Actor | None, int]] = field(default_factory=dict)  # -> (actor, depth found at)


def _sent_start(ctx: _Context, i: int) -> int:
    """The first token of token i's sentence (tok.sent.start without walking the sentence)."""
    if not ctx.sent_starts:
        return ctx.doc[i].sent.start
    return ctx.sent_starts[bisect_right(ctx.sent_starts, i) - 1]


def _sent_span(ctx: _Context, i: int) -> SpacySpan:
    """Token i's sentence (tok.sent), found by bisection rather than by walking its tokens."""
    if not ctx.sent_starts:
        return ctx.doc[i].sent
    k = bisect_right(ctx.sent_starts, i) - 1
    end = ctx.sent_starts[k + 1] if k + 1 < len(ctx.sent_starts) else len(ctx.doc)
    return ctx.doc[ctx.sent_starts[k]:end]


def _country_mentions(ctx: _Context, sent: SpacySpan) -> list[tuple[int, Actor, bool]]:
    """Each country named in a sentence, in order: (token, actor, whether the phrase is for or
    against it). Read once per sentence, however many parties and actors are placed by it."""
    key = (sent.start, sent.end)
    got = ctx.sent_countries.get(key)
    if got is None:
        got = []
        for i in range(sent.start, sent.end):
            a = ctx.by_token.get(i)
            if a is not None and a.kind == "country":
                got.append((i, a, _against_or_for(ctx.doc[i])))
        ctx.sent_countries[key] = got
    return got


def extract_events(doc: Doc) -> list[Event]:
    """Every event of the Doc, the same (source, target, code, date) merged with a mention count.
    What every event or pronoun looks up (actors by id, quotes by offset, sentence starts) is
    indexed once here, so the work per event does not grow with the article."""
    ctx = _Context(doc, tuple(doc._.quotes or ()))
    ctx.by_token = _actor_tokens(doc)
    ctx.home = _home_country(doc)
    ctx.actors = {a.id: a for a in doc._.actors or ()}
    ctx.quote_index = _QuoteIndex(ctx.quotes)
    sents = list(doc.sents)
    ctx.sent_starts = [s.start for s in sents]
    times = [t for t in doc._.times or () if t.type in ("DATE", "TIME") and t.value and _DATE_VALUE.match(t.value)]
    times.sort(key=lambda t: t.start)
    raw: list[Event] = []
    i = 0
    for sent in sents:  # each sentence sees only its own times: linear in a long article
        while i < len(times) and times[i].start < sent.start_char:
            i += 1
        j = i
        while j < len(times) and times[j].start < sent.end_char:
            j += 1
        raw.extend(_sentence_events(ctx, sent, times[i:j]))
    return merge(raw)


def _home_country(doc: Doc) -> Actor | None:
    """The country an article is about: the one named most often, the dateline's on a tie."""
    countries = [a for a in doc._.actors or () if a.kind == "country" and a.country]
    if not countries:
        return None
    countries.sort(key=lambda a: (len(a.mentions), a.country == doc._.dateline_country), reverse=True)
    best = countries[0]
    if len(countries) > 1 and len(countries[1].mentions) == len(best.mentions) and best.country != doc._.dateline_country:
        return None
    return best


def merge(events: Iterable[Event]) -> list[Event]:
    """One event per (source, target, code, date), counting its mentions; the first report is kept."""
    out: dict[tuple, Event] = {}
    counts: dict[tuple, int] = {}
    for ev in events:
        key = (ev.source, ev.target, ev.cameo, ev.date, ev.negated, ev.hypothetical)
        if key not in out:
            out[key] = ev
            counts[key] = 0
        counts[key] += ev.mentions
    result = []
    for key, ev in out.items():
        if counts[key] != ev.mentions:
            ev = replace(ev, mentions=counts[key])
        result.append(ev)
    return result


# ------------------------------------------------------------------ actors

def _actor_tokens(doc: Doc) -> dict[int, Actor]:
    """Each token covered by an actor mention -> that actor (the longer mention wins)."""
    out: dict[int, tuple[int, Actor]] = {}
    for actor in doc._.actors or ():
        for m in actor.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                prev = out.get(t.i)
                if prev is None or prev[0] < m.end - m.start:
                    out[t.i] = (m.end - m.start, actor)
    return {i: a for i, (_, a) in out.items()}


def _actor_of(ctx: _Context, tok: Token, depth: int = 0) -> Actor | None:
    """The actor a noun phrase names: its head's mention, else the nearest one among its modifiers
    ("Israeli soldiers", "soldiers from Gondor", "Russia's foreign minister"); never one inside a
    relative clause or a "to"/"with" phrase ("China's ambassador to Russia" is Chinese). `depth` counts
    the pronoun steps that led here, so a chain of "their X" subjects stays bounded."""
    hit = ctx.by_token.get(tok.i)
    if hit is not None and _self_bound(ctx, tok, hit):  # "X reprimanded Y, accusing him": not X
        return _resolve_pronoun(ctx, tok, depth)
    if hit is not None and _placed(hit):
        return hit
    if hit is None and (tok.lower_ in PERSON_PRONOUNS or tok.lower_ in GROUP_PRONOUNS):
        return _resolve_pronoun(ctx, tok, depth)
    # a person or group the tables do not place ("King Harald of Norway", "Ana Ruiz, Chile's
    # leading activist", "Iraqi Kurds") is coded by the country or body its phrase names
    placed = _modifier_actor(ctx, tok)
    if hit is not None:
        return placed if placed is not None and _placed(placed) and placed.id != hit.id else hit
    if placed is None and lemma(tok) in HOMELAND_NOUNS:  # "his country has reached an understanding"
        poss = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in GROUP_PRONOUNS | PERSON_PRONOUNS), None)
        if poss is not None:
            return _resolve_pronoun(ctx, poss, depth)
    if placed is None and party_noun(tok) and not _named_otherwise(ctx, tok):
        # "their forces": the party of whoever the pronoun is; "the rebels": an unnamed party placed later
        poss = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in GROUP_PRONOUNS | PERSON_PRONOUNS), None)
        owner = _resolve_pronoun(ctx, poss, depth) if poss is not None else None
        if owner is None:  # "Eriadori and Calenardhon leaders": a name among its premodifiers, however parsed
            owner = next((a for i in range(tok.i - 1, tok.left_edge.i - 1, -1)
                          if (a := ctx.by_token.get(i)) is not None and not _against_or_for(ctx.doc[i])), None)
        return owner if owner is not None else party(tok)
    return placed


HOMELAND_NOUNS = frozenset({"country", "nation", "homeland", "state"})


OBJECT_PRONOUNS = frozenset({"him", "her", "them", "it"})
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})


def _bound_tokens(tok: Token) -> set[int]:
    """Tokens an object pronoun cannot refer to: its own clause's subject (that would be "himself")."""
    if tok.dep_ in ("dobj", "dative") and tok.lower_ in OBJECT_PRONOUNS:
        subj, _ = _subject(tok.head)
        if subj is not None:
            return {t.i for t in subj.subtree}
    return set()


def _self_bound(ctx: _Context, tok: Token, actor: Actor) -> bool:
    return any(ctx.by_token.get(i) is actor for i in _bound_tokens(tok))


def _named_otherwise(ctx: _Context, tok: Token) -> bool:
    """"Tibet's spiritual leader, the Dalai Lama": a noun whose possessor or apposition is a name
    the tables do not know stands for that name, not for an unnamed party of some country."""
    return any((c.dep_ == "appos" and c.pos_ == "PROPN" or c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN"))
               and c.i not in ctx.by_token and lemma(c) not in HOMELAND_NOUNS and not party_noun(c) for c in tok.children)


def _placed(actor: Actor) -> bool:
    return bool(actor.country or actor.code)


def _proxy(ctx: _Context, actor: Actor | None, sent: SpacySpan | None = None,
           other_side: frozenset[str] = frozenset(), avoid: frozenset[str] = frozenset()) -> Actor | None:
    """An actor the tables do not place, coded by the country or body named with it anywhere in the
    article ("King Harald of Norway", "the UN secretary-general"), else by the one country the
    sentence names ("Ruritania's cabinet told the radio station Voz Libre to ...": a local station);
    itself when none is. An unnamed party ("soldiers") takes the one country the sentence names,
    else the dateline's, never one of `avoid` (ISO3 codes of the other side); None when neither."""
    if is_party(actor):
        return _place_party(ctx, actor, sent, avoid)
    if actor is None or _placed(actor):
        return actor
    found = _named_proxy(ctx, actor)
    if found is None and sent is not None and actor.kind in ("person", "organization", "group"):
        found = _sentence_country(ctx, sent, actor)
        if found is not None and found.id in other_side:  # "the envoy arrived in Lima": Peru is where he went
            found = None
    return found or actor


def _place_party(ctx: _Context, actor: Actor, sent: SpacySpan | None, avoid: frozenset[str]) -> Actor | None:
    """"Police arrested protesters in Cairo": an unnamed party is of the country its sentence is
    about, else of the country the story was filed from."""
    tok = ctx.doc[party_token(actor)]
    if sent is None:
        sent = _sent_span(ctx, tok.i)
    if foreign(tok):
        return None  # "foreign diplomats", "governments around the world": of no one country here
    mentions = _country_mentions(ctx, sent)
    countries: dict[str, Actor] = {}
    for _, a, stance in mentions:
        if not stance:
            countries[a.id] = a
    found = next(iter(countries.values())) if len(countries) == 1 else None
    if not countries:  # a sentence naming no country is about the one the article is about
        found = ctx.home
    elif len(countries) > 1 and avoid:  # "soldiers abducted Rwandan children from a village in Zaire": where it happened
        rest = [a for a in countries.values() if a.country not in avoid]
        if len(rest) == 1 and any(_place_mention(ctx.doc[i]) for i, a, _ in mentions if a is rest[0]):
            found = rest[0]
    return found if found is not None and found.country not in avoid else None


PLACE_MENTION_PREPS = frozenset({"in", "at", "near", "from", "across", "throughout", "inside", "outside"})


def _place_mention(tok: Token) -> bool:
    """Whether a country is named as a place ("in eastern Zaire", "a village near Kabul")."""
    t = tok
    for _ in range(3):
        if t.dep_ == "pobj":
            return t.head.lower_ in PLACE_MENTION_PREPS
        if t.dep_ not in ("compound", "amod", "nmod", "poss"):
            return False
        t = t.head
    return False


def _sentence_country(ctx: _Context, sent: SpacySpan, actor: Actor) -> Actor | None:
    """The country a sentence is about, when it names exactly one (by name, adjective or capital)
    apart from the actor's own words."""
    countries: dict[str, Actor] = {}
    for _, a, stance in _country_mentions(ctx, sent):  # the sentence's mentions only, not the article's
        if a.id != actor.id and not stance:
            countries[a.id] = a
    return next(iter(countries.values())) if len(countries) == 1 else None


def _named_proxy(ctx: _Context, actor: Actor) -> Actor | None:
    if actor.id not in ctx.proxies:
        found = None
        for m in actor.mentions:
            span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            cand = _modifier_actor(ctx, span.root)
            if cand is None and span.root.dep_ == "appos":  # "Ana Ruiz, Chile's leading activist": the head names her
                cand = _modifier_actor(ctx, span.root.head)
            if cand is not None and _placed(cand):
                found = cand
                break
        ctx.proxies[actor.id] = found
    return ctx.proxies[actor.id]


def _modifier_actor(ctx: _Context, tok: Token) -> Actor | None:
    """The nearest actor among a phrase's modifiers, placed ones first."""
    own = ctx.by_token.get(tok.i)  # the head's own mention runs over several tokens
    frontier = [tok]
    seen = {tok.i}
    while frontier:
        nxt, found = [], []
        for t in frontier:
            for c in t.children:
                if c.i in seen or (c.dep_ not in ACTOR_DEPS and not _based(c)) or _against_or_for(c):
                    continue
                if c.dep_ == "prep" and c.lower_ not in ACTOR_PREPS:
                    continue
                seen.add(c.i)
                a = ctx.by_token.get(c.i)
                if a is not None and a is not own:
                    found.append((not _placed(a), c.dep_ != "appos", a.kind == "country", c.i, a))
                nxt.append(c)
        if found:  # the apposition names the phrase itself; a person or body is more precise than a country
            best = min(found, key=lambda f: f[:4])
            if not _placed(best[4]):  # "hundreds of Syrian Kurds": the Kurds' own modifier places them
                deeper = _modifier_actor(ctx, ctx.doc[best[3]])
                if deeper is not None and _placed(deeper):
                    return deeper
            return best[4]
        frontier = nxt
    return None


def _based(tok: Token) -> bool:
    """"a radio station based in Quito": where a body sits places it."""
    return tok.dep_ == "acl" and tok.lemma_.lower() == "base"


STANCE_PREFIXES = frozenset({"anti", "pro", "non"})


def _against_or_for(tok: Token) -> bool:
    """"anti-Russia activists", "pro-Moscow rebels": the country named is what the phrase is for
    or against, not whose it is."""
    i = tok.i
    doc = tok.doc
    if i >= 2 and doc[i - 1].text in ("-", "–") and doc[i - 2].lower_ in STANCE_PREFIXES:
        return True
    return tok.lower_.split("-", 1)[0] in STANCE_PREFIXES and "-" in tok.text


def _actors_of(ctx: _Context, tok: Token) -> list[Actor]:
    """The actor of a phrase and of its conjuncts ("China and Russia")."""
    out = []
    for t in [tok, *_conjuncts(tok)]:
        a = _actor_of(ctx, t)
        if a is not None and all(a.id != b.id for b in out):
            out.append(a)
            if ctx.by_token.get(t.i) is None:  # "Indian and Japanese destroyers": each coordinated modifier
                for m in t.children:
                    if m.dep_ in ("amod", "compound") and ctx.by_token.get(m.i) is a:
                        for c in _conjuncts(m, ("ADJ", "PROPN", "NOUN")):
                            b = ctx.by_token.get(c.i)
                            if b is not None and all(b.id != x.id for x in out):
                                out.append(b)
    return out


def _conjuncts(tok: Token, pos: tuple[str, ...] = ("NOUN", "PROPN", "PRON")) -> list[Token]:
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ == "conj" and c.pos_ in pos:
                out.append(c)
                stack.append(c)
    return out


MAX_PRONOUN_CHAIN = 8


def _resolve_pronoun(ctx: _Context, tok: Token, depth: int = 0) -> Actor | None:
    """A pronoun is the speaker of the quote it sits in or cues ("he said", "Modi said he wants"),
    else the nearest earlier actor of a fitting kind. Memoised per token in the article's context,
    and a chain deeper than MAX_PRONOUN_CHAIN is given up, so long articles stay linear."""
    known = ctx.pronouns.get(tok.i)
    if known is not None and known[1] <= depth:  # found with at least the look-back this call may make
        return known[0]
    if depth > MAX_PRONOUN_CHAIN:
        return None
    found = _find_antecedent(ctx, tok, depth)
    ctx.pronouns[tok.i] = (found, depth)
    return found


def _find_antecedent(ctx: _Context, tok: Token, depth: int) -> Actor | None:
    start = tok.idx
    people = tok.lower_ in PERSON_PRONOUNS
    actors = ctx.actors
    for q in ctx.quote_index.at(start) if ctx.quote_index is not None else ctx.quotes:
        if q.speaker is None:
            continue
        inside = q.start <= start < q.end
        if inside and tok.lower_ not in FIRST_PERSON and (q.kind == "direct" or tok.lower_ in OBJECT_PRONOUNS):
            inside = False  # "he" in a speaker's own words, "accusing him of": someone else
        is_speaker = q.speaker_start is not None and q.speaker_start <= start < (q.speaker_end or start)
        if inside or is_speaker:
            a = actors.get(q.speaker)
            if a is not None and (a.kind == "person") == people:
                return a
    # "In his letter to Lula, Modi said": a pronoun before its clause's subject points forward to it
    root = _clause_root(tok)
    for c in root.children:
        if c.dep_ == "nsubj" and c.i > tok.i:
            a = ctx.by_token.get(c.i)
            if a is not None and (a.kind == "person") == people:
                return a
    # in its own sentence the nearest actor that fits, a subject first; before it, the nearest
    # earlier subject that fits ("The guerrillas entered the compound. They seized ..."), else the
    # nearest actor that fits
    doc = ctx.doc
    plural = tok.lower_ in ("they", "them", "their")
    # an object pronoun is not its own clause's subject ("Talabani reprimanded Jaafari, accusing him"):
    # that would be "himself"
    bound = _bound_tokens(tok)
    own: Actor | None = None
    fallback: Actor | None = None
    deps = doccache.column(doc, "dep")
    first = _sent_start(ctx, tok.i)
    for i in range(tok.i - 1, max(-1, tok.i - 80), -1):
        same = i >= first  # the tokens before the pronoun are in its sentence from its first on
        if not same and own is not None:
            return own
        a = ctx.by_token.get(i)
        if a is None:
            if not same and deps[i] in ("nsubj", "nsubjpass"):
                t = doc[i]
                if plural and t.tag_ == "NNS" and party_noun(t):
                    return _actor_of(ctx, t, depth + 1)  # "the rebels ... they": placed as an unnamed party
                if depth < 3 and (t.lower_ in PERSON_PRONOUNS) == people and t.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
                    found = _resolve_pronoun(ctx, t, depth + 1)  # "He ... he ...": the chain's first name
                    if found is not None:
                        return found
            continue
        fits = a.kind == "person" if people else a.kind in ("country", "organization", "group")
        if not fits or (a.code or "").endswith("MED") or i in bound:  # "told AFP": the agency reports, it is rarely "they"
            continue
        if _subject_mention(doc[i], a, ctx):
            return a
        if same and own is None:
            own = a
        if fallback is None:
            fallback = a
    return own or fallback


def _subject_mention(t: Token, actor: Actor, ctx: _Context) -> bool:
    """Whether `t` lies in a mention of `actor` that is a clause's subject (or heads a phrase that is)."""
    for _ in range(4):
        if t.dep_ in ("nsubj", "nsubjpass"):
            return True
        if t.dep_ not in ("compound", "amod", "poss", "appos", "nmod", "flat") or t.head.i == t.i:
            return False
        t = t.head
    return False


# ------------------------------------------------------------------ clause structure

def _subject(tok: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """The token naming who acts in `tok`'s clause, and whether it is a passive subject."""
    if depth > 8:
        return None, False
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass") and tok.dep_ == "relcl" and c.lower_ in RELATIVE_PRONOUNS:
            c = tok.head  # "the police, who arrested him": the noun the clause is about
            if tok.head.dep_ == "appos" and tok.head.head.pos_ in ("NOUN", "PROPN"):
                c = tok.head.head
            return c, any(g.dep_ == "nsubjpass" for g in tok.children)
        if c.dep_ == "nsubj":
            # "A businessman charged with exporting ... pleaded": a participle with no auxiliary is
            # no finite verb; its "subject" is the one it was done to
            return c, tok.tag_ == "VBN" and not any(a.dep_ in ("aux", "auxpass") for a in tok.children)
        if c.dep_ == "nsubjpass":
            return c, True
    head = tok.head
    if head.i == tok.i:
        return None, False
    if tok.dep_ == "xcomp":
        if head.lemma_ in OBJECT_CONTROL:
            for c in head.children:
                if c.dep_ in ("dobj", "dative"):
                    return c, False
        if head.pos_ == "ADJ":  # "ready to work": the subject of "is"
            return _subject(head.head, depth + 1)
        return _subject(head, depth + 1)
    if tok.dep_ in ("conj", "advcl", "acomp", "pcomp"):
        subj, passive = _subject(head, depth + 1)
        if passive and tok.dep_ == "conj" and tok.tag_ != "VBN":
            passive = False  # "was indicted ... and will resign": the shared subject resigns
        if not passive and tok.dep_ == "conj" and any(c.dep_ == "auxpass" for c in tok.children):
            passive = True  # "were among the hostages and were soon released": the subject was released
        return subj, passive
    if (tok.dep_ == "acl" and tok.tag_ == "VBN" and not _prep_objects(tok, ("on", "upon"))
            and tok.sent.root.pos_ in ("VERB", "AUX")):  # a verbless "sentence" is a misread main verb
        return tok.head, True  # "a shipowner accused of smuggling fuel": the one accused
    if tok.dep_ in ("acl", "relcl"):
        # "the first country to recognize X": the copula's subject; "soldiers who fired": the noun
        if head.dep_ == "attr":
            return _subject(head.head, depth + 1)
        if head.dep_ == "dobj" and lemma(head) in STATEMENT_NOUNS:
            return _subject(head.head, depth + 1)  # "X published a note demanding ...": X demands
        return head, False
    return None, False


RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})


def _agent(tok: Token) -> Token | None:
    """The "by" agent of a passive, also where the parser hung it on the reason given ("was detained
    for questioning by the commission", "was condemned for bringing ruin by the Taliban")."""
    for c in tok.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    if tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("for", "over"):
                for g in c.children:
                    if g.dep_ == "pcomp" and g.tag_ == "VBG":
                        by = [p for b in g.children if b.dep_ == "prep" and b.lower_ == "by"
                              for p in b.children if p.dep_ == "pobj" and p.pos_ in ("PROPN", "NOUN")]
                        if by:
                            return by[0]
    return None


def _prep_objects(tok: Token, preps: Iterable[str]) -> list[Token]:
    want = set(preps)
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in want:
            objs = [p for p in c.children if p.dep_ == "pobj"]
            out.extend(objs or _stranded_object(c))
        elif c.dep_ == "prt" and c.lower_ in want:  # "called on X": on parsed as a particle
            out.extend(p for p in tok.children if p.dep_ == "dobj")
    return out


def _stranded_object(prep: Token) -> list[Token]:
    """"held talks with Swedish delegates to discuss ...": the parser read the object as the subject
    of the verb after it and left the preposition without one; the phrase right after it is it."""
    doc = prep.doc
    for j in range(prep.i + 1, min(prep.i + 8, len(doc))):
        t = doc[j]
        if t.dep_ in ("nsubj", "nsubjpass") and t.left_edge.i == prep.i + 1 and t.head.i > t.i:
            return [t]
    return []


def _clause_root(tok: Token) -> Token:
    """The finite clause a token belongs to: adverbial and infinitival clauses belong to their head."""
    t = tok
    for _ in range(40):
        if t.dep_ in CLAUSE_BOUNDARY or t.head.i == t.i:
            return t
        if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJ for c in t.children):
            return t
        t = t.head
    return t


def lemma(tok: Token) -> str:
    lem = tok.lemma_.lower()
    return LEMMA_FIXES.get(lem, lem)


def _dependents(tok: Token) -> frozenset[str]:
    """Lemmas a pattern's word groups are matched against."""
    words = set()
    for c in tok.children:
        if c.dep_ in ("dobj", "prt", "prep", "nsubjpass", "compound", "amod", "dative", "attr", "acomp", "oprd",
                      "npadvmod", "nmod", "pobj", "agent"):
            words.add(c.lemma_.lower())
            words.add(c.lower_)
            if c.dep_ in ("dobj", "nsubjpass", "prep", "attr", "npadvmod"):
                for g in c.children:
                    if g.dep_ in ("compound", "amod", "pobj", "prep", "dobj", "conj"):
                        words.add(g.lemma_.lower())
                        if g.dep_ == "pobj" or g.dep_ == "prep":
                            for h in g.children:
                                if h.dep_ in ("compound", "amod", "pobj"):
                                    words.add(h.lemma_.lower())
    return frozenset(words)


def _candidates(sent: SpacySpan) -> list[_Candidate]:
    lex = event_lexicon()
    doc = sent.doc
    tags, deps = doccache.column(doc, "pos"), doccache.column(doc, "dep")
    lemmas, lowers = doccache.column(doc, "lemma"), doccache.column(doc, "lower")
    out = []
    for i in range(sent.start, sent.end):  # filtered on cached columns: Token objects only for lexicon words
        if tags[i] == "VERB" or (tags[i] == "AUX" and deps[i] != "aux"):
            if deps[i] in ("amod", "compound", "nsubj", "dobj", "pobj"):
                continue  # "an EU-drafted plan", "the banned party", "the wounded": descriptions
            pos = "V"
        elif tags[i] in ("NOUN", "PROPN"):
            pos = "N"
        else:
            continue
        lem = lemmas[i].lower()
        patterns = lex.get((LEMMA_FIXES.get(lem, lem), pos))  # lemma(tok), read off the column
        if patterns is None and pos == "N":
            patterns = lex.get((lowers[i], pos))
        if not patterns:
            continue
        tok = doc[i]
        if pos == "N" and tok.dep_ == "pobj" and tok.head.lower_ in BACKGROUND_PREPS:
            continue  # "during a summit", "after the attack": the setting, not the act reported
        p = best_pattern(patterns, _dependents(tok))
        if p is not None:
            out.append(_Candidate(tok, p))
    return out


MUST_PATTERN = Pattern("must", "V", (), (), "100")
SHOULD_PATTERN = Pattern("should", "V", (), (), "020")
SELF = frozenset({"i", "we"})


def _obligations(sent: SpacySpan) -> list[_Candidate]:
    """"X said Y must V": X demands of Y, "Y should V" an appeal, whatever V is (a lexicon verb
    refines the code). Not when negated ("should not make a difference") or said of oneself."""
    lex = event_lexicon()
    doc = sent.doc
    deps = doccache.column(doc, "dep")
    out = []
    for tok in (doc[i] for i in range(sent.start, sent.end) if deps[i] == "ccomp"):
        if tok.dep_ != "ccomp" or lemma(tok.head) not in SPEECH or (lemma(tok), "V") in lex or _negated(tok):
            continue
        modals = {c.lower_ for c in tok.children if c.dep_ == "aux"}
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.lower_ in SELF:
            continue
        if "must" in modals:
            out.append(_Candidate(tok, MUST_PATTERN))
        elif modals & {"should", "ought"}:
            out.append(_Candidate(tok, SHOULD_PATTERN))
    return out


# ------------------------------------------------------------------ one sentence

@dataclass
class _Frame:
    code: str
    negated: bool = False
    hypothetical: bool = False
    actor_tok: Token | None = None  # whose subject is the source
    target_tok: Token | None = None  # a governing verb's object ("urged Bree to ...")
    speaker: Actor | None = None  # "X said Y must ...": the demand is X's
    causer: bool = False  # "X ordered Y to ...": X is the source, Y the target
    anchor: Token | None = None  # the top of the act's own clause chain (light verb, governing verb)
    condition_tok: Token | None = None  # the subject of the "if"/"unless" clause the act hangs on


def _sentence_events(ctx: _Context, sent: SpacySpan, times: list[Time]) -> list[Event]:
    cands = _candidates(sent) + _obligations(sent)
    if not cands:
        return []
    by_tok = {c.token.i: c for c in cands}
    absorbed: set[int] = set()
    frames: dict[int, _Frame] = {}
    for c in cands:
        frames[c.token.i] = _frame(ctx, c, by_tok, absorbed)
    for c in cands:
        gov = _topic_of(c.token, by_tok)
        if gov is not None:
            # an act named inside another act's argument is its topic ("condemned the attack",
            # "turned down a request to join the summit"), not a second report; a verb of violence
            # takes the more precise code of the weapon named ("killed in a mortar strike")
            absorbed.add(c.token.i)
            if frames[gov].code == "190" and c.pattern.code[:2] in ("18", "19", "20"):
                frames[gov].code = c.pattern.code
            elif (frames[gov].code[:2] == "02" and by_tok[gov].pattern.code[:2] == "02"
                  and coding.hostile(frames[c.token.i].code) and _aimed_at_named(ctx, c.token)
                  and not _stopped(c.token)):
                frames[gov].code = coding.RALLY_OPPOSITION  # "called for sanctions against Peru"
            continue
        purpose = _protest_purpose(c.token, by_tok, frames)
        if purpose is not None and frames[c.token.i].code[:2] in ("02", "10", "14"):
            absorbed.add(c.token.i)  # "rallied calling for autonomy": one protest
    by_rank: dict[int, list[Event]] = {}
    for c in cands:
        if c.token.i in absorbed:
            continue
        frame = frames[c.token.i]
        if frame.code == "190" and c.pattern.pos == "V":
            frame.code = _weapon_code(c.token) or frame.code
        if (frame.code[:3] == "143" and c.pattern.pos == "V" and lemma(c.token) == "strike"
                and any(d.dep_ == "dobj" for d in c.token.children)):
            frame.code = "190"  # a strike with an object is an attack ("jets struck rebel positions"), not a walkout
        if frame.code == "190" and c.pattern.pos == "V":
            frame.code = _weapon_code(c.token) or frame.code
        if frame.code == "042" and c.pattern.pos == "V":
            frame.code = _deployment_code(frame.actor_tok or c.token) or frame.code
        if frame.code[:2] == "02" and c.pattern.code[:2] == "02" and c.pattern.pos == "V":
            opposed = _opposed(ctx, c.token)
            if opposed is not None:  # "called on Arabs to unite against Israel": opposition rallied against Israel
                frame.code, frame.target_tok = coding.RALLY_OPPOSITION, opposed
        if frame.code == "190" and _civilian_target(c.token, c.pattern) and not _military_attacker(c.token):
            frame.code = "180"  # "militiamen attacked a refugee camp": violence against non-combatants
        found = _events_for(ctx, sent, c, frame, times)
        if found:
            by_rank.setdefault(_embedding(frame.anchor or c.token, by_tok), []).extend(found)
    # the main act of the sentence is reported; acts told in its relative, adverbial or noun
    # clauses ("a plan that would impose tariffs", "as police broke up the rally") are background
    return by_rank[min(by_rank)] if by_rank else []


# the ways down from an appeal to what it asks for: its clause ("to unite"), its "for" object, their conjuncts
APPEAL_PATH = frozenset({"xcomp", "ccomp", "conj", "prep", "pobj", "dobj", "advcl", "prt"})
# asking to stop, end or avoid something against X is an appeal for calm, not opposition to X
APPEAL_STOPS = frozenset({"stop", "end", "halt", "cease", "refrain", "avoid", "prevent", "abandon", "drop", "lift",
                          "protect", "protection", "defend", "defence", "defense", "safeguard"})


def _opposed(ctx: _Context, tok: Token) -> Token | None:
    """The party an appeal rallies people against ("called on Arabs to mobilise against Israel",
    "appealed for action against the junta"): the named object of an "against" inside what is asked
    for, a few links down. None when nothing is against anyone named, or the appeal asks to stop it."""
    frontier = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp", "advcl", "prep", "dobj")]
    for _ in range(4):
        nxt = []
        for t in frontier:
            if lemma(t) in APPEAL_STOPS:
                continue
            if t.dep_ == "prep" and t.lower_ == "against":
                for o in t.children:
                    if o.dep_ == "pobj" and _actors_of(ctx, o):
                        return o
                continue
            nxt.extend(c for c in t.children if c.dep_ in APPEAL_PATH)
        frontier = nxt
        if not frontier:
            break
    return None


def _aimed_at_named(ctx: _Context, tok: Token) -> bool:
    """Whether an act names someone it is done to: its object, a "on"/"against" object, or a named
    party attached to its object ("sanctions on Iraq", "violations in Burma"); not "fight terror"."""
    heads = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    heads += _prep_objects(tok, ("on", "against", "of"))
    for h in list(heads):
        heads += _prep_objects(h, ("on", "against", "in", "of", "by"))
        heads += [c for c in h.children if c.dep_ in ("compound", "amod", "poss")]
    return any(not is_party(a) for h in heads for a in _actors_of(ctx, h))


def _stopped(tok: Token) -> bool:
    """"the end of the occupation", "a halt to attacks": an act named only as something to stop."""
    t = tok
    for _ in range(2):
        if t.dep_ not in ("pobj", "dobj", "prep") or t.head.i == t.i:
            return False
        t = t.head
        if lemma(t) in APPEAL_STOPS:
            return True
    return False


ATTACK_VERBS = frozenset({"attack", "raid", "ambush", "storm", "assault"})
CONVENTIONAL_WEAPONS = frozenset({"artillery", "tank", "mortar", "shell", "shelling", "rocket", "aircraft", "airstrike",
                                  "helicopter", "plane", "jet", "warplane", "missile", "drone", "gunship"})


def _military_attacker(tok: Token) -> bool:
    """An army or its heavy weapons as the attacker: military force (19), whoever is hit."""
    verb = tok.head if tok.pos_ != "VERB" and tok.dep_ in ("dobj", "nsubjpass") else tok  # "troops stepped up attacks"
    subj, passive = _subject(verb)
    doers = [_agent(verb)] if passive else [subj]
    if verb is not tok:
        doers += [c for c in tok.children if c.dep_ in ("compound", "amod", "poss")] + _prep_objects(tok, ("by",))
    words: set[str] = set()
    for d in doers:
        if d is not None:
            words.add(lemma(d))
            words.update(lemma(c) for c in d.children if c.dep_ in ("compound", "amod", "acl"))
    words.update(lemma(o) for o in _prep_objects(verb, ("with", "by")))
    return bool(words & (MILITARY_NOUNS | CONVENTIONAL_WEAPONS))


# who is attacked when the attack is on non-combatants: people and the places they gather or live
CIVILIAN_WORDS = frozenset({"civilian", "refugee", "villager", "resident", "worshipper", "worshiper", "pilgrim",
                            "tourist", "passenger", "student", "schoolchild", "child", "woman", "wedding", "funeral",
                            "market", "mosque", "church", "temple", "synagogue", "school", "hospital", "village",
                            "displaced", "shopper", "congregation", "farmer", "family"})
COMBATANT_WORDS = frozenset({"military", "army", "rebel", "militant", "guerrilla", "insurgent", "police", "troop",
                             "soldier", "base", "position", "outpost", "checkpoint", "convoy", "barracks", "garrison",
                             "training", "militia", "fighter"})


def _civilian_target(tok: Token, pat: Pattern) -> bool:
    """Whether an attack is aimed at non-combatants ("attacked a refugee camp", "a raid on a village
    market"): what CAMEO codes as unconventional violence (18), not military force (19)."""
    if pat.pos == "V":
        heads = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]  # "a camp was attacked": its subject
        if heads and heads[0].dep_ == "nsubjpass" and _agent(tok) is None and lemma(tok) not in ATTACK_VERBS:
            return False  # "pilgrims were wounded in the blaze": hurt, maybe by no one
    else:
        heads = _prep_objects(tok, ("on", "against"))
    if not heads:
        return False
    words = set()
    for h in heads[:1]:
        words.add(lemma(h))
        words.update(lemma(c) for c in h.children if c.dep_ in ("compound", "amod", "nmod"))
        words.update(lemma(o) for o in _prep_objects(h, ("for", "of")))  # "a camp for refugees"
    return bool(words & CIVILIAN_WORDS) and not words & COMBATANT_WORDS


FREE_LINKS = frozenset({"conj", "ccomp", "parataxis", "xcomp", "prep", "ROOT"})


def _own_subject(tok: Token) -> bool:
    return any(c.dep_ in SUBJ for c in tok.children)


def _embedding(anchor: Token, by_tok: dict[int, _Candidate]) -> int:
    """How deeply an act's clause is embedded under the sentence's main verb: each relative,
    adverbial or participial clause, noun argument or prepositional object is one level; coordinated
    and reported clauses are not, unless the verb above is itself an act ("demanded that X ease", "was
    indicted and will resign")."""
    depth = 0
    t = anchor
    for _ in range(40):
        head = t.head
        if head.i == t.i:
            break
        if t.dep_ in FREE_LINKS:
            if t.dep_ != "prep" and head.i in by_tok and not (t.dep_ == "conj" and _own_subject(t)):
                depth += 1  # a second predicate of the same actor elaborates the first; a clause of its own does not
        elif not (t.dep_ in ("dobj", "nsubjpass") and lemma(head) in LIGHT_VERBS):
            depth += 1
        t = head
    return depth


TOPIC_DEPS = frozenset({"dobj", "pobj", "prep", "pcomp", "acl", "compound", "attr", "appos", "npadvmod", "nmod",
                        "poss", "nsubjpass", "amod", "conj", "cc", "dative", "oprd"})


def _topic_of(tok: Token, by_tok: dict[int, _Candidate]) -> int | None:
    """The trigger whose argument phrase contains `tok`, within the same clause, if any."""
    t = tok
    if tok.pos_ == "VERB" and tok.dep_ not in ("acl", "pcomp"):
        return None
    if tok.dep_ == "acl" and _complement(tok):
        return None  # "its demand that Russia free ...": the demanded act, coded as the demand
    for _ in range(8):
        if t.dep_ not in TOPIC_DEPS or t.head.i == t.i:
            return None
        if t.dep_ == "conj" and t.pos_ == "VERB":
            return None
        t = t.head
        if t.i in by_tok:
            return t.i
    return None


def _protest_purpose(tok: Token, by_tok: dict[int, _Candidate], frames: dict[int, _Frame]) -> int | None:
    """The protest a participle or purpose clause belongs to ("blocked roads demanding ...")."""
    if tok.dep_ not in ("advcl", "xcomp", "conj"):
        return None
    head = tok.head
    hosts = [head] + [c for c in head.children if c.dep_ == "dobj"]  # "held a sit-in to demand"
    for h in hosts:
        if h.i in by_tok and h.i != tok.i and frames[h.i].code[:2] == "14":
            return h.i
    return None


WEAPON_CODES = (
    (frozenset({"mine", "minefield", "landmine"}), "190"),  # a military weapon: no bombing (183)
    (frozenset({"suicide"}), "1831"), (frozenset({"car"}), "1832"), (frozenset({"roadside"}), "1833"),
    (BOMB_WORDS, "183"),
    (frozenset({"gunfire", "gunman", "gunmen", "sniper", "gunbattle", "gunfight", "rifle", "bullet"}), "193"),
    (frozenset({"artillery", "tank", "mortar", "shell", "shelling", "rocket"}), "194"),
    (frozenset({"aircraft", "airstrike", "helicopter", "plane", "jet", "warplane", "missile", "drone"}), "195"),
)


MILITARY_NOUNS = frozenset({"troop", "troops", "soldier", "force", "peacekeeper", "army", "warship", "battalion",
                            "brigade", "unit", "marine", "paratrooper", "deployment", "contingent", "tank", "navy"})
PEACE_WORDS = frozenset({"peacekeeping", "peacekeeper", "peace", "monitor", "observer"})


def _force_sent(code: str, subj: Token) -> bool:
    """Whether a passive deployment names the force deployed as its subject."""
    return code.startswith(("15", "074")) and lemma(subj) in MILITARY_NOUNS | ARMED_NOUNS


def _deployment_code(verb: Token) -> str | None:
    """"UN peacekeepers arrived in Haiti" is a deployment, not a visit: forces that go
    somewhere are sent (074 for peacekeepers, else a show of force, 154)."""
    subj, _ = _subject(verb)
    if subj is None:
        return None
    words = {lemma(t) for t in subj.subtree if t.i - subj.i < 8}
    if not words & MILITARY_NOUNS:
        return None
    return "074" if words & PEACE_WORDS else "154"


def _weapon_code(tok: Token) -> str | None:
    """"gunmen shot dead", "killed in a mortar explosion": the weapon names the kind of attack."""
    words: set[str] = set()
    for c in tok.children:
        if c.dep_ in ("nsubj", "agent", "prep") and (c.dep_ != "prep" or c.lower_ in ("in", "by", "with")):
            heads = [c] if c.dep_ == "nsubj" else [p for p in c.children if p.dep_ == "pobj"]
            for h in heads:
                words.add(lemma(h))
                words.update(lemma(g) for g in h.children if g.dep_ in ("compound", "amod"))
    if not words:
        return None
    for vocab, code in WEAPON_CODES:
        if words & vocab:
            return code
    return None


def _frame(ctx: _Context, cand: _Candidate, by_tok: dict[int, _Candidate], absorbed: set[int]) -> _Frame:
    """Code and flags of a trigger after the verbs that govern it have had their say."""
    tok = cand.token
    frame = _Frame(cand.pattern.code)
    clause = tok
    if cand.pattern.pos == "N":
        if tok.dep_ in ("dobj", "nsubjpass") and lemma(tok.head) in LIGHT_VERBS:
            clause = tok.head
        else:
            frame.actor_tok = None
    frame.negated = _negated(clause)
    aux = _aux(clause)
    # climb through governing verbs: "threatened to", "vowed to continue", "ready to", "urged X to"
    t = clause
    governed = False
    for _ in range(6):
        if not _complement(t):
            break
        head = t.head
        lem = lemma(head)
        if lem in TRANSPARENT:
            t = head
            aux |= _aux(head)
            frame.negated |= _negated(head)
            continue
        governed = True
        neg = _negated(head)
        if head.i in by_tok:
            absorbed.add(head.i)
        if lem in THREAT_HEADS:
            frame.code = coding.threat(frame.code)
        elif lem in REFUSE_HEADS:
            coop = coding.cooperative(frame.code)  # "refused to release" is a rejection, "refused to attack" a negated attack
            frame.code = coding.reject(frame.code) if coop else frame.code
            frame.negated = not coop or frame.negated
        elif lem in DEMAND_HEADS:
            frame.code = coding.demand(frame.code)
            frame.target_tok = _object(head) or _clause_subject(t)
        elif lem in APPEAL_HEADS:
            if coding.hostile(frame.code) and _aimed_at_named(ctx, tok):  # "urged the UN to impose sanctions on Iraq"
                frame.code = coding.RALLY_OPPOSITION
            else:
                frame.code = coding.appeal(frame.code)
                frame.target_tok = _object(head) or _clause_subject(t)
        elif lem in PREDICT_HEADS or (lem == "expect" and _passive(head)):
            frame.hypothetical = True  # "was expected to hold", "is likely to attack": others' forecast
        elif lem in INTENT_HEADS or lem in SCHEDULE_HEADS or (head.pos_ == "ADJ" and lem in INTENT_ADJS):
            if neg or frame.negated or _negated(head.head if head.pos_ == "ADJ" else head):
                coop = coding.cooperative(frame.code)
                frame.code = coding.reject(frame.code) if coop else frame.code
                frame.negated = not coop
                neg = False
            else:
                frame.code = coding.intent(frame.code)
        elif lem in CAUSATIVE_HEADS:  # "ordered the station to suspend its broadcasts": the order is the act
            frame.target_tok = _object(head)
            frame.causer = True
        elif lem in HYPO_HEADS:
            frame.hypothetical = True
        elif lem in FAIL_HEADS:
            frame.negated = True
        else:
            governed = False
            break
        frame.actor_tok = head.head if head.pos_ == "ADJ" else head
        if head.pos_ == "NOUN" and head.dep_ == "dobj":  # "Norway reiterated its demand that ...": Norway asks
            frame.actor_tok = head.head
        aux = _aux(frame.actor_tok)
        frame.negated |= neg
        break
    frame.anchor = frame.actor_tok if governed else t
    if not governed:
        speaker = _must_speaker(ctx, clause, aux)
        if speaker is not None:
            frame.code = coding.demand(frame.code) if "must" in aux else coding.appeal(frame.code)
            frame.speaker = speaker
        elif _unrealised_plan(clause):
            frame.hypothetical = True
        elif aux & FUTURE_AUX or _going_to(clause):
            if frame.negated and coding.cooperative(frame.code):
                frame.code = coding.reject(frame.code)
                frame.negated = False
            elif not frame.negated:
                frame.code = coding.intent(frame.code)
        elif aux & HYPO_AUX:
            frame.hypothetical = True
    if (_conditional(clause) or _forecast(clause) or _averted(clause) or _not_yet(clause)
            or (cand.pattern.pos == "N" and _planned(tok))
            or (clause.dep_ == "acl" and lemma(clause.head) in PLAN_NOUNS)):  # "an invitation to visit Israel"
        frame.hypothetical = True
    cond = _condition(frame.anchor)
    if cond is not None:  # "will withdraw its troops unless X holds elections": an ultimatum to X
        mark, frame.condition_tok = cond
        if mark == "unless" and frame.code.startswith("03") and not frame.negated:
            frame.code = coding.threat(cand.pattern.code)
    return frame


def _conditional(clause: Token) -> bool:
    """Whether the act sits in an "if"/"unless"/"whether" clause, its own or one it is embedded in
    ("if the coalition loses the vote on deploying troops": none are deployed)."""
    t = clause
    for _ in range(12):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in t.children):
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


FORECAST_ADJS = PREDICT_HEADS | frozenset({"possible", "probable", "expected", "feared", "unclear", "doubtful",
                                            "uncertain", "conceivable"})


def _forecast(clause: Token) -> bool:
    """"it was unlikely Spanish soldiers would be deployed": a clause that is only judged possible."""
    if clause.dep_ != "ccomp":
        return False
    head = clause.head
    return any(c.dep_ == "acomp" and lemma(c) in FORECAST_ADJS for c in head.children) or (
        lemma(head) in ("expect", "fear", "predict", "forecast") and _passive(head))


def _not_yet(clause: Token) -> bool:
    """"before the judges have ruled": a present-tense "before"/"until" clause has not happened."""
    if not any(c.dep_ == "mark" and c.lower_ in ("before", "until", "till") for c in clause.children):
        return False
    tags = [clause.tag_] + [a.tag_ for a in clause.children if a.dep_ in ("aux", "auxpass")]
    return any(t in ("VBP", "VBZ") for t in tags) and not any(t in ("VBD", "MD") for t in tags)


def _averted(tok: Token) -> bool:
    """"warned its citizens against visiting", "barred from entering": an act kept from happening."""
    return tok.dep_ == "pcomp" and tok.head.lower_ in ("against", "from", "without") and tok.tag_ == "VBG"


PLAN_VERBS = frozenset({"arrange", "plan", "prepare", "schedule", "postpone", "cancel", "propose", "consider",
                        "discuss", "seek", "request", "want", "expect", "await", "delay", "defer", "suggest",
                        "envisage", "envision", "mull", "organise", "organize", "reschedule", "plan"})
PLAN_NOUNS = frozenset({"plan", "proposal", "prospect", "possibility", "chance", "organisation", "organization",
                        "preparation", "idea", "request", "invitation", "offer", "hope", "prospects", "date",
                        "schedule", "timetable", "postponement", "cancellation", "resumption"})


def _planned(tok: Token) -> bool:
    """"Spain is arranging the minister's visit", "the planning of meetings with Chile", "hopes of
    renewed talks": an act named only as something planned, sought or possible."""
    if tok.dep_ in ("dobj", "nsubjpass") and lemma(tok.head) in PLAN_VERBS:
        return True
    t = tok
    for _ in range(3):  # up a chain of "of"/"for" phrases
        if t.dep_ != "pobj" or t.head.lower_ not in ("of", "for", "on"):
            return False
        noun = t.head.head
        if lemma(noun) in PLAN_NOUNS:
            return True
        t = noun
    return False


def _passive(tok: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


def _condition(anchor: Token) -> tuple[str, Token | None] | None:
    """The "if"/"unless" clause an act is made to hang on, and that clause's subject."""
    for t in anchor.subtree:
        if t.dep_ != "advcl" or t.i == anchor.i:
            continue
        mark = next((c.lower_ for c in t.children if c.dep_ == "mark" and c.lower_ in ("if", "unless")), None)
        if mark is not None:
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return mark, subj
    return None


GOVERNING_HEADS = (THREAT_HEADS | REFUSE_HEADS | DEMAND_HEADS | APPEAL_HEADS | INTENT_HEADS | HYPO_HEADS | FAIL_HEADS
                   | PREDICT_HEADS | SCHEDULE_HEADS)


def _complement(t: Token) -> bool:
    """Whether `t` is the act a verb above it governs: its infinitive complement ("vowed to
    fight"), the same parsed as an adverbial clause ("have sworn to fight on", with no object that would
    make it a purpose), or a "must"/"should" or subjunctive clause of a demand ("demanded that X
    must withdraw", "demanded that X withdraw")."""
    if t.dep_ == "xcomp":
        return True
    head = t.head
    if t.dep_ == "advcl" and lemma(head) in GOVERNING_HEADS:
        return (any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
                and not any(c.dep_ in ("dobj", "dative") for c in head.children))
    if t.dep_ not in ("ccomp", "acl") or lemma(t.head) not in DEMAND_HEADS | APPEAL_HEADS:
        return False
    if t.dep_ == "acl" and not any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children):
        return False  # "a demand to free": the infinitive is an xcomp-like purpose, handled as a topic
    # "demanded that X must withdraw", and the subjunctive "demanded that Russia withdraw" (base form)
    return any(a.lower_ in MUST_AUX or a.lower_ == "should" for a in t.children) or (
        t.tag_ == "VB" and not any(c.dep_ in ("aux", "auxpass") for c in t.children))


def _clause_subject(clause: Token) -> Token | None:
    """"demanded that Russia withdraw": the one asked is the subject of the demanded clause."""
    if clause.dep_ not in ("ccomp", "acl"):
        return None
    return next((c for c in clause.children if c.dep_ == "nsubj"), None)


def _object(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("dobj", "dative"):
            return c
    objs = _prep_objects(tok, ("on", "upon"))
    return objs[0] if objs else None


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never",) for c in tok.children)


def _aux(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def _going_to(tok: Token) -> bool:
    """"is going to attack", "is to visit", "was to meet": a future or a plan without "will"."""
    h = tok.head
    if tok.dep_ != "xcomp" or not any(a.lower_ == "to" for a in tok.children if a.dep_ == "aux"):
        return False
    if h.lemma_ == "be":
        return not any(c.dep_ in ("attr", "acomp") for c in h.children)  # "the aim is to": a goal, said of no actor
    return h.lemma_ == "go" and any(a.lemma_ == "be" for a in h.children if a.dep_ == "aux")


def _unrealised_plan(tok: Token) -> bool:
    """"was to have flown": a plan that did not happen (a perfect infinitive under "be")."""
    return (_going_to(tok) and tok.head.lemma_ == "be"
            and any(a.lemma_ == "have" for a in tok.children if a.dep_ == "aux"))


def _must_speaker(ctx: _Context, clause: Token, aux: set[str]) -> Actor | None:
    """"X said Y must free ...": a demand by X of Y."""
    if not aux & MUST_AUX or clause.dep_ != "ccomp" or clause.head.lemma_ not in SPEECH:
        return None
    subj, _ = _subject(clause.head)
    return _actor_of(ctx, subj) if subj is not None else None


# ------------------------------------------------------------------ events of one trigger

def _other_sense(ctx: _Context, tok: Token, pat) -> bool:
    """Hosting (04x), recognising (054) and allowing (080) are done to actors: "received a letter",
    "recognized the need", "allowed investors to hold" use the verb in another sense, and report no
    such act."""
    if pat.pos != "V" or pat.groups or pat.args != ("dobj",) or not (pat.code[:2] == "04" or pat.code in ("054", "080")):
        return False
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]  # "people were allowed to vote"
    allowed = [g for c in tok.children if c.dep_ == "ccomp" for g in c.children if g.dep_ == "nsubj"]
    if any(_people(g) for g in allowed):  # "allow refugees to return": people let act
        return False
    objects += allowed
    named = [t for o in objects for t in (o, *o.children) if t is o or t.dep_ in ("compound", "amod", "poss", "appos")]
    return bool(objects) and not any(t.i in ctx.by_token for t in named)


THAT_SENSE = frozenset({"warn", "agree", "concede", "accept", "acknowledge", "admit", "commit", "demonstrate",
                        "show", "recognize", "recognise", "warning"})
REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves", "oneself", "myself", "ourselves", "yourself"})
ILLNESS_WORDS = frozenset({"heart", "panic", "asthma", "anxiety", "epileptic", "allergic"})
MARCH_VERBS = frozenset({"demonstrate", "march", "rally", "parade"})
ARMED_NOUNS = MILITARY_NOUNS | frozenset({"rebel", "fighter", "guerrilla", "guerilla", "militia", "militiaman",
                                          "column", "insurgent", "militant"})
# what a verb of violence is done to when it is not done to anyone: "killed off a plan", "fighting corruption"
ABSTRACT_OBJECTS = frozenset({
    "plan", "motion", "bill", "proposal", "deal", "idea", "corruption", "poverty", "crime", "inflation",
    "disease", "drug", "hope", "chance", "project", "measure", "initiative", "reform", "resolution", "law", "rumour",
    "rumor", "deficit", "unemployment", "price", "tax", "scheme", "agreement", "accord",
    "legislation", "amendment", "programme", "program", "recession", "epidemic", "illiteracy", "smuggling",
    "trafficking", "racism", "prejudice", "bureaucracy", "flood", "virus", "cancer", "aids",
    "malaria", "hunger", "famine", "fatigue", "temptation", "urge", "instinct", "boredom", "tradition", "trend",
    "stereotype", "perception", "competition", "ban", "treaty", "merger", "campaign", "election", "race", "contest",
    "lawsuit", "case", "round", "birdie", "eagle", "bogey", "par", "goal", "penalty", "putt"})
HUMAN_NOUNS = frozenset({"member", "government", "country", "state", "party", "official", "leader", "minister",
                         "people", "majority", "delegation", "nation", "group", "council", "parliament", "army",
                         "force", "soldier", "police", "rebel", "union", "worker", "voter", "activist", "critic",
                         "opposition", "president", "administration", "authority", "court", "committee", "body",
                         "ally", "neighbour", "neighbor", "side", "power", "commission", "agency", "bank", "firm",
                         "company", "investor", "diplomat", "movement", "organisation", "organization", "regime",
                         "troop", "militant", "protester", "demonstrator", "student", "supporter", "lawmaker",
                         "legislator", "deputy", "senator", "bloc", "coalition", "cabinet", "ministry", "farmer",
                         "citizen", "civilian", "resident", "villager", "journalist", "reporter", "newspaper",
                         "prisoner", "detainee", "dissident", "opponent", "refugee", "immigrant", "national",
                         "man", "woman", "child", "community", "minority", "tribe", "clan", "family", "guard",
                         "officer", "policeman", "militia", "fighter", "guerrilla", "separatist", "insurgent"})
PRIVATE_TRAVELLERS = frozenset({"pilgrim", "worshipper", "worshiper", "tourist", "refugee", "passenger", "bus",
                                "fan", "migrant", "holidaymaker", "traveller", "traveler", "visitor", "displaced",
                                "evacuee", "immigrant", "student", "family", "child", "faithful", "spectator",
                                "plane", "flight", "ship", "train", "delegate", "vessel", "boat", "ferry", "truck",
                                "cargo", "convoy", "shipment", "freighter", "tanker", "liner", "airliner"})
SETTING_PREPS = frozenset({"at", "in", "near", "atop", "up"})  # "near the summit of a mountain": a place
SETTING_MODIFIERS = frozenset({"annual", "general", "stockholder", "stockholders", "shareholder", "shareholders",
                               "board", "cabinet", "party", "weekly", "monthly", "plenary", "closing", "opening"})
AUDIENCE_VERBS = frozenset({"tell", "address", "brief", "open", "close", "chair", "attend", "inform"})


TIE_WORDS = frozenset({"tie", "relation"})


def _not_an_act(tok: Token, pat: Pattern) -> bool:
    """A trigger word used in a sense that reports no act between actors: a statement of opinion
    ("agreed that", "warned that a failure could ..."), a protest verb with an object ("demonstrated
    a calm attitude"), armed men marching, violence done to a thing or to oneself ("killed off a
    plan", "killed himself"), a comparison ("like fighting Goliath"), a meeting that is the setting or
    audience of what is reported ("told a closed-door meeting", "in the February meeting")."""
    lem = lemma(tok)
    root = pat.code[:2]
    dobjs = [c for c in tok.children if c.dep_ in ("dobj", "dative")]
    if pat.needs_arg and not _slot_filled(tok, pat.args):
        return True
    if pat.pos == "N" and any(c.dep_ in ("compound", "amod") and c.lower_ in ILLNESS_WORDS for c in tok.children):
        return True  # "died of a heart attack"
    if any(c.lower_ in REFLEXIVES for c in dobjs):
        return True
    if lem in THAT_SENSE and not dobjs and _opinion_clause(tok) and not _parties(tok):
        return True
    if pat.pos == "V" and root == "14" and lem in MARCH_VERBS:
        if any(c.dep_ == "dobj" for c in tok.children):
            return True
        subj, _ = _subject(tok)
        if subj is not None and lemma(subj) in ARMED_NOUNS:
            return True
    if pat.pos == "V" and root in ("18", "19", "20") and any(c.pos_ == "NUM" for c in dobjs):
        return True  # "shot a 64": a score
    if (pat.pos == "V" and root in ("18", "19", "20") and any(lemma(c) in ABSTRACT_OBJECTS for c in dobjs)
            and not any(c.dep_ == "prt" and c.lower_ in ("over", "with", "about") for c in tok.children)):
        return True
    if _compared(tok):
        return True
    if pat.pos == "V" and root in ("01", "02", "03", "04", "05") and _thing_agent(tok):
        return True
    if pat.pos == "V" and pat.code == "050" and any(g & TIE_WORDS for g in pat.groups):
        subj, passive = _subject(tok)  # "the new flights will boost ties": a thing improves them, no party acts
        if (subj is not None and not passive and subj.head.i == tok.i and subj.pos_ == "NOUN" and not _people(subj)
                and not any(c.dep_ == "appos" for c in subj.children)):
            return True
    if pat.pos == "V" and pat.code[:3] in ("042", "043"):
        subj, passive = _subject(tok)
        heads = [subj] + _prep_objects(subj, ("of",)) if subj is not None else []  # "hundreds of buses"
        if any(lemma(h) in PRIVATE_TRAVELLERS or _crowd(h) for h in heads):
            return True  # "tourists started arriving", "4,000 migrants have arrived": travel, not a visit
    if pat.pos == "N" and root == "14" and lem == "demonstration" and _prep_objects(tok, ("of",)):
        return True  # "a clear demonstration of Chile's resolve": a display
    if pat.code[:3] in ("040", "046"):
        if pat.pos == "V":  # "the panel meeting in Vienna": a session
            return tok.dep_ == "acl" and tok.tag_ == "VBG" and not dobjs and not _prep_objects(tok, ("with",))
        partner = bool(_prep_objects(tok, ("with", "between")))
        if tok.dep_ == "pobj" and tok.head.lower_ in SETTING_PREPS and not partner:
            return True
        if tok.dep_ in ("dobj", "dative") and lemma(tok.head) in AUDIENCE_VERBS and not partner:
            return True
        if not partner and any(c.dep_ in ("amod", "compound") and lemma(c) in SETTING_MODIFIERS for c in tok.children):
            return True
    return False


def _parties(tok: Token) -> bool:
    """"X and Y agree that ...", "X agrees with Y that ...": two sides reaching one view is an agreement."""
    if _prep_objects(tok, ("with",)):
        return True
    subj, _ = _subject(tok)
    return subj is not None and bool(_conjuncts(subj))


def _opinion_clause(tok: Token) -> bool:
    """A "that" clause says what the subject thinks, not what it does; a warning that the speaker
    itself will act ("warned that it would retaliate") stays a threat."""
    for c in tok.children:
        if c.dep_ in ("ccomp", "acl") and c.pos_ in ("VERB", "AUX") and (
                c.dep_ == "ccomp" or any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)):
            if lemma(tok) in ("warn", "warning"):
                subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
                future = any(a.dep_ == "aux" and a.lower_ in FUTURE_AUX for a in c.children)
                if future and subj is not None and subj.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
                    return False
            return True
    return False


def _slot_filled(tok: Token, args: tuple[str, ...]) -> bool:
    """Whether any argument slot of the pattern has a dependent, actor or not."""
    for arg in args:
        if arg in ("dobj", "dative"):
            if any(c.dep_ in (arg, "nsubjpass") for c in tok.children):
                return True
        elif _prep_objects(tok, (arg,)):
            return True
    return False


CROWD_WORDS = frozenset({"hundreds", "thousands", "dozens", "scores", "tens", "millions"})


def _people(tok: Token) -> bool:
    """A noun naming people or a body of them ("soldiers", "extremists", "the government", "Senate")."""
    lem = lemma(tok)
    return (lem in HUMAN_NOUNS or lem in ARMED_NOUNS or tok.pos_ == "PROPN"
            or lem.endswith(("ist", "ian", "ary")))  # extremist, politician, missionary


def _crowd(tok: Token) -> bool:
    """"4,000 migrants", "thousands of people": a crowd of private people, not a delegation."""
    if tok.lower_ in CROWD_WORDS:
        return True
    for c in tok.children:
        if c.dep_ == "nummod":
            digits = c.text.replace(",", "")
            if c.lower_ in CROWD_WORDS or (digits.isdigit() and int(digits) >= 100):
                return True
    return False


def _thing_agent(tok: Token) -> bool:
    """"the yen is supported by a narrowing yield gap": a passive whose "by" names a thing, not a doer."""
    agent = _agent(tok)
    return (agent is not None and agent.pos_ == "NOUN" and lemma(agent) not in HUMAN_NOUNS
            and not any(c.dep_ in ("compound", "amod", "poss") and c.pos_ == "PROPN" for c in agent.children))


def _compared(tok: Token) -> bool:
    t = tok
    for _ in range(4):
        if t.dep_ in ("pcomp", "pobj") and t.head.lower_ in ("like", "unlike"):
            return True
        if t.dep_ in CLAUSE_BOUNDARY or t.head.i == t.i:
            return False
        t = t.head
    return False


def _private(actor: Actor | None) -> bool:
    """A person the tables neither place nor give an office: no one codes acts between such people."""
    return actor is None or (actor.kind == "person" and not actor.country and not actor.code and not actor.role)


def _events_for(ctx: _Context, sent: SpacySpan, cand: _Candidate, frame: _Frame, times: list[Time]) -> list[Event]:
    tok, pat = cand.token, cand.pattern
    if _other_sense(ctx, tok, pat) or _not_an_act(tok, pat):
        return []
    sources, targets, used = _roles(ctx, cand, frame)
    if frame.speaker is not None:  # "X said Y must ...": Y is asked, X asks
        targets = sources or targets
        sources = [frame.speaker]
        used = set()
    location = _location(ctx, tok)
    if not sources and location is not None and frame.code.startswith("14") and not frame.hypothetical:
        sources = [location]  # "protests in Cairo": people of the place protest
    # a visitor or a host is not of the country visited ("the envoy arrived in Lima"); elsewhere one
    # country on both sides is a domestic event ("Ruritania's cabinet ordered the station Voz Libre ...")
    visited = {a.id for a in targets if a is not None} if frame.code[:2] == "04" else set()
    visited |= {location.id} if location else set()
    # an unnamed party is not of its opponent's country ("troops shelled Grozny", "governments around
    # the world praised Fujimori") unless it or its opponent is a body that acts at home ("police
    # arrested protesters"); private people are parties only to protests and to what is done to them
    sources = [a for a in sources if a is not None and not (is_party(a) and _private_party(ctx, a, frame.code, True))]
    targets = [a for a in targets if a is not None and not (is_party(a) and _private_party(ctx, a, frame.code, False))]
    named_targets = any(not is_party(a) for a in targets)
    source_home = bool(used) and all(domestic(ctx.doc[i]) for i in used)
    target_isos = frozenset(a.country for a in targets if not is_party(a) and a.country and a.kind == "country")
    sources = _unique([p for a in sources
                       if (p := _proxy(ctx, a, sent, frozenset(visited),
                                       frozenset() if _at_home(ctx, a) else target_isos)) is not None])
    if len(sources) > 1:  # "he and fellow ministers": the unnamed ones add no side of their own
        named_countries = {a.country for a in sources if a.kind != "country"}
        sources = [a for a in sources if not (a.kind == "country" and a.country in named_countries)] or sources
    source_isos = frozenset(a.country for a in sources if a.country)
    targets = _unique([p for a in targets
                       if (p := _proxy(ctx, a, sent, avoid=frozenset() if source_home or _at_home(ctx, a)
                                       else source_isos)) is not None])
    if not sources and not named_targets and (location is None or coding.quad(frame.code) not in (2, 4)):
        return []  # "the fire killed 40 people": no one acts on anyone named
    if sources and all(_private(a) for a in sources) and all(_private(a) for a in targets):
        return []  # "she recalled meeting her future husband there": private lives
    if (pat.pos == "V" and pat.code[:3] in ("040", "046") and not targets and len(sources) < 2
            and not frame.hypothetical):
        return []  # "was talking tough at the rally": a meeting needs someone met
    if location is not None and not targets and coding.quad(frame.code) in (2, 4) and frame.code[:2] != "06":
        targets = [location]  # "reinforced its garrison in Chad", "killed in Kabul": done to the place
    pairs: list[tuple[Actor | None, Actor | None]] = []
    done_to = any(c.dep_ == "nsubjpass" for c in tok.children) and _agent(tok) is not None
    if (not targets and len(sources) > 1 and not done_to
            and (frame.code.startswith(SYMMETRIC_ROOTS) or lemma(tok) in RECIPROCAL_VERBS)):
        pairs = [(a, b) for a in sources for b in sources if a.id != b.id]
    else:
        for s in sources or [None]:
            for t in targets or [None]:
                # one country on both sides is a domestic event ("Algerian police arrested Algerian
                # militants"); one person or body on both sides is a misread pronoun
                if s is not None and t is not None and s.id == t.id and s.kind != "country":
                    if len(targets) > 1:
                        continue  # "talks between A and B": A meets B, not no one
                    t = None
                pairs.append((s, t))
    code = frame.code
    if code == "174" and targets and all(a.kind == "organization" for a in targets):
        code = "166"  # an agency or mission forced out is expelled as a body, not deported as people
    info = cameo(code)
    while info is None and len(code) > 2:  # a combination the codebook lacks: fall back to the parent
        code = code[:-1]
        info = cameo(code)
    if info is None:
        return []
    ptype, pmode, pctx = plover_for(code)
    date = _date(ctx, tok, times)
    trigger = _trigger_span(ctx.doc, tok)
    sentence = Span(sent.start_char, sent.end_char, sent.text)
    out = []
    seen = set()
    for s, t in pairs:
        key = (s.id if s else None, t.id if t else None)
        if key in seen:
            continue
        seen.add(key)
        conf = 0.35 + (0.25 if s else 0) + (0.2 if t else 0) + (0.1 if pat.pos == "V" else 0)
        if frame.hypothetical:
            conf -= 0.1
        out.append(Event(
            source=key[0], target=key[1], cameo=code, plover=ptype, quad_class=info.quad_class,
            goldstein=info.goldstein, date=date, trigger=trigger, sentence=sentence,
            negated=frame.negated, hypothetical=frame.hypothetical,
            location=location.id if location else None, confidence=round(min(conf, 0.95), 2),
            plover_mode=pmode, plover_context=pctx,
        ))
    return out


# what private people (not a body, force or crowd) are party to: they protest, demand, refuse; they
# are released, coerced, attacked. "Each worker signs a contract" is no event between sides.
PRIVATE_SOURCE_ROOTS = ("10", "12", "14")
PRIVATE_TARGET_ROOTS = ("08", "15", "16", "17", "18", "19", "20")


def _private_party(ctx: _Context, actor: Actor, code: str, as_source: bool) -> bool:
    """Whether an unnamed party of private people takes no part in an act of this code."""
    if not private_people(ctx.doc[party_token(actor)]):
        return False
    return not code.startswith(PRIVATE_SOURCE_ROOTS if as_source else PRIVATE_TARGET_ROOTS)


def _at_home(ctx: _Context, actor: Actor) -> bool:
    """An unnamed party that is, or belongs to, a body acting at home ("leaders of the opposition")."""
    if not is_party(actor):
        return False
    tok = ctx.doc[party_token(actor)]
    return domestic(tok) or any(domestic(p) or any(domestic(c) for c in p.children if c.dep_ == "compound")
                                for p in _prep_objects(tok, ("of",)))


def _unique(actors: list[Actor]) -> list[Actor]:
    out: list[Actor] = []
    for a in actors:
        if all(a.id != b.id for b in out):
            out.append(a)
    return out


def _roles(ctx: _Context, cand: _Candidate, frame: _Frame) -> tuple[list[Actor], list[Actor], set[int]]:
    """Sources, targets (unnamed parties among them, placed later), and the tokens naming the source."""
    tok, pat = cand.token, cand.pattern
    sources: list[Actor] = []
    targets: list[Actor] = []
    used: set[int] = set()  # tokens whose phrase named the source
    if pat.pos == "N":
        for c in tok.children:
            if c.dep_ == "poss" or (c.dep_ in ("compound", "amod") and c.i in ctx.by_token):
                sources = _actors_of(ctx, c)
                used.add(c.i)
                break
        if (not sources and tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN"
                and _act_noun(tok.head.head)):
            owner = tok.head.head  # "Washington's adoption of sanctions": who adopted them imposes them
            for c in owner.children:
                if c.dep_ == "poss" or (c.dep_ in ("compound", "amod") and c.i in ctx.by_token):
                    sources = _actors_of(ctx, c)
                    used.add(c.i)
                    break
            if not sources:
                owner_by = _prep_objects(owner, ("by",))
                if owner_by:
                    sources = _actors_of(ctx, owner_by[0])
                    used.add(owner_by[0].i)
        by = _prep_objects(tok, ("by",))
        if not by and not sources:  # "the sanctions imposed by the US on Myanmar"
            by = [a for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN" and (a := _agent(c)) is not None][:1]
        if not by and not sources and pat.code[:2] in SAID_ROOTS and "from" not in pat.args:
            by = _prep_objects(tok, ("from",))  # "sparked criticism from China": China criticised
        if by:
            sources = _actors_of(ctx, by[0])
            used.add(by[0].i)
        verb = tok.head if tok.dep_ in ("dobj", "nsubjpass") and lemma(tok.head) in LIGHT_VERBS else None
        if verb is None and tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "VERB":
            verb = tok.head.head  # "remained on alert", "went on strike": the verb's subject acts
        undergone = verb is not None and tok.dep_ == "pobj" and tok.head.lower_ == "under"
        if undergone:  # "came under attack", "was put under investigation": the subject suffers the act
            subj, _ = _subject(verb)
            if subj is not None:
                targets = _actors_of(ctx, subj)
        if not sources and verb is not None and not undergone:
            subj, passive = _subject(frame.actor_tok or verb)
            if subj is not None and not passive:
                sources = _actors_of(ctx, subj)
                used.add(subj.i)
        between = _prep_objects(tok, ("between",)) if not sources else []
        if between and pat.code[:2] in ("03", "04") and pat.code != "045" and len(_actors_of(ctx, between[0])) > 1:
            sources = _actors_of(ctx, between[0])  # "talks between both premiers": both sides meet
            used.add(between[0].i)
        hosts = [tok] + ([verb] if verb is not None else [])
    else:
        subj, passive = _subject(frame.actor_tok or tok)
        agent = _agent(tok)
        if passive and frame.actor_tok is None and agent is None and subj is not None and _force_sent(frame.code, subj):
            passive = False  # "35,000 Syrian soldiers are stationed in Lebanon": the force's country sends it
        if passive and frame.actor_tok is None:
            if agent is not None:
                sources = _actors_of(ctx, agent)
                used.add(agent.i)
            if subj is not None and "dobj" in pat.args:
                targets = _actors_of(ctx, subj)
        elif subj is not None:
            sources = _actors_of(ctx, subj)
            used.add(subj.i)
        hosts = [tok] + [c for c in tok.children if c.dep_ == "dobj"]  # "lodged a protest with X"
    for i in list(used):
        used.update(c.i for c in _conjuncts(ctx.doc[i]))
    if pat.pos == "N" and not targets and tok.dep_ == "dobj" and lemma(tok.head) in DRAW_VERBS:
        subj, passive = _subject(tok.head)  # "Chile sparked criticism from Peru": Chile is criticised
        if subj is not None and not passive and subj.i not in used:
            targets = _actors_of(ctx, subj)
    if frame.target_tok is not None:  # "urged X to ...", "ordered X to ...": X is the one acted on
        named = _actors_of(ctx, frame.target_tok)
        if named:
            return sources, named, used
    if not targets:
        targets = _named_targets(ctx, hosts, pat.args)
    if not targets or all(is_party(a) for a in targets):
        # the country a source is placed by is no target of its own ("the minister accused ... his
        # country's progress"); an unnamed party yields to an actor named as near ("accused Angolan troops")
        sent = _sent_span(ctx, tok.i)
        source_ids = {a.id for a in sources} | {p.id for a in sources if (p := _proxy(ctx, a, sent)) is not None}
        near = _nearest_object_actor(ctx, tok, used, source_ids)
        if not targets or (near and not is_party(near[0])):
            targets = near
    if not targets and coding.quad(frame.code) == 4:  # "fired shells to drive back the rebels": whom it was aimed at
        targets = [a for c in [tok, *hosts[1:]] for p in c.children if _purpose(p)
                   for o in p.children if o.dep_ == "dobj" and o.pos_ != "PRON" for a in _actors_of(ctx, o)][:2]
    if not targets and frame.code.startswith(("10", "02")) and pat.pos == "V":
        targets = _addressee_clause(ctx, tok)  # "demanded that Peru explain its plans": Peru is asked
    if not targets and frame.code.startswith("14"):
        targets = _protest_target(ctx, [tok, *hosts[1:], frame.anchor or tok], used, {a.id for a in sources})
    if not targets and frame.code.startswith("13") and frame.condition_tok is not None:
        targets = _actors_of(ctx, frame.condition_tok)  # "threatened to walk out if the US deploys": the US
    return sources, targets, used


ACT_NOUN_ENDINGS = ("tion", "sion", "ment", "ance", "ence", "al", "ure")
ACT_NOUNS = frozenset({"use", "decision", "move", "threat", "step", "call", "bid", "effort", "campaign"})


def _act_noun(tok: Token) -> bool:
    """A noun naming a doing ("adoption", "imposition", "withdrawal", "decision"), whose possessor is the doer."""
    lem = lemma(tok)
    return lem in ACT_NOUNS or lem.endswith(ACT_NOUN_ENDINGS)


DRAW_VERBS = frozenset({"spark", "draw", "provoke", "trigger", "attract", "face", "incur", "earn", "prompt", "win",
                        "receive", "meet"})
SAID_ROOTS = frozenset({"01", "02", "05", "10", "11", "12", "13"})


def _addressee_clause(ctx: _Context, tok: Token) -> list[Actor]:
    """The subject of the "that" clause of a demand or appeal is the one asked to act."""
    for c in tok.children:
        if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX"):
            subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.lower_ not in SELF:
                return _actors_of(ctx, subj)
    return []


PROTEST_PURPOSE_NOUNS = frozenset({"protest", "opposition", "defiance", "solidarity", "response", "support"})


def _protest_target(ctx: _Context, hosts: list[Token], used: set[int], source_ids: set[str]) -> list[Actor]:
    """Whom a protest is against: the object of its purpose ("struck to protest X's decision",
    "marched demanding reforms by X's government", "a sit-in in protest at X's refusal")."""
    for host in hosts:
        for c in host.children:
            start = None
            if c.dep_ in ("advcl", "xcomp", "acl") and c.pos_ == "VERB":
                start = c
            elif c.dep_ == "prep" and c.lower_ in ("in", "against"):
                start = c
            if start is not None:
                found = _nearest_object_actor(ctx, start, used, source_ids)
                if found:
                    return found
    return []


def _named_targets(ctx: _Context, hosts: list[Token], args: tuple[str, ...]) -> list[Actor]:
    """Targets where the lexicon says they sit, the first slot that names an actor; a slot naming
    only unnamed parties ("withdrew inspectors from Iraq") yields to a later slot naming one."""
    parties: list[Actor] = []
    for arg in args:
        for host in hosts:
            if arg in ("dobj", "dative"):
                toks = [c for c in host.children if c.dep_ == arg] or (_counted_object(host) if arg == "dobj" else [])
            else:
                toks = _prep_objects(host, (arg,))
            found: list[Actor] = []
            for t in toks:
                found.extend(a for a in _actors_of(ctx, t) if all(a.id != b.id for b in found))
            if any(not is_party(a) for a in found):
                return found
            parties = parties or found
    return parties


PLACE_PREPS = frozenset({"in", "at", "near", "by", "inside", "outside"})
OBJECT_DEPS = frozenset({"dobj", "dative", "prep", "pobj", "xcomp", "compound", "amod", "poss", "appos", "nmod",
                         "acl", "pcomp", "conj", "attr", "oprd", "npadvmod"})


def _setting_noun(t: Token) -> bool:
    """"his record in government", "a cabinet meeting": a party noun naming a setting or a kind, no one acted on."""
    return t.dep_ in ("compound", "amod") or (t.dep_ == "pobj" and t.head.lower_ in ("in", "at", "during", "under", "within"))


def _purpose(t: Token) -> bool:
    """"fired shells to drive back the rebels": an infinitive of purpose says whom the act was aimed at."""
    return t.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)


def _second_predicate(t: Token) -> bool:
    return t.dep_ == "conj" and t.pos_ in ("VERB", "AUX")


def _nearest_object_actor(ctx: _Context, tok: Token, used: set[int], source_ids: set[str]) -> list[Actor]:
    """Fallback target: the nearest actor in the trigger's object phrases and infinitive complement
    ("threatened to halt gas supplies to X", "rejected calls by Belarus"), never in its subject,
    a clause of its own, or a background phrase ("after", "during"). A coordinated verb's objects
    are searched only when the act's own phrases name no one: "broke an accord with X and thanked
    Y" is done to X, "signed a pact with and sent an envoy to X" to X."""
    seen = {tok.i, *used}
    later: list[Token] = []
    frontier = [c for c in tok.children if c.dep_ in OBJECT_DEPS and c.i not in used]
    # an unnamed party yields to an actor named as near ("withdrew inspectors and workers from Iraq")
    fallback: tuple[int, Actor] | None = None
    for _ in range(2):
        for depth in range(6):
            if fallback is not None and depth > fallback[0] + 1:
                return [fallback[1]]
            nxt = []
            for t in frontier:
                if t.i in seen:
                    continue
                if _second_predicate(t):
                    later.append(t)
                    continue
                seen.add(t.i)
                if t.dep_ == "prep" and (t.lower_ in BACKGROUND_PREPS or (depth == 0 and t.lower_ in PLACE_PREPS)):
                    continue  # the trigger's own "in X" is where it happened, its "by X" who did it
                a = ctx.by_token.get(t.i)
                if a is None and party_noun(t) and not _setting_noun(t):  # "to drive back rebels": an unnamed party, or the one its phrase names
                    a = _actor_of(ctx, t)
                    if a is not None and not is_party(a) and a.id in source_ids:
                        a = None
                if is_party(a):
                    fallback = fallback or (depth, a)
                elif a is not None and (a.id not in source_ids or _domestic_party(ctx, t, a, used)):
                    return [a]
                nxt.extend(c for c in t.children if c.dep_ in OBJECT_DEPS)
            frontier = nxt
            if not frontier:
                break
        if fallback is not None:
            return [fallback[1]]
        frontier = [c for v in later for c in v.children if c.dep_ in OBJECT_DEPS]
        seen.update(v.i for v in later)
        later = []
    return [fallback[1]] if fallback is not None else []


def _domestic_party(ctx: _Context, tok: Token, actor: Actor, used: set[int]) -> bool:
    """A country on both sides is a domestic event when one side is a body of it named by its
    adjective or name ("Peru is investigating abuses by Peruvian soldiers", "Peruvian farmers
    demanded autonomy from Peru"), not the country itself twice."""
    if actor.kind != "country":
        return False
    if tok.dep_ in ("amod", "compound", "poss", "nmod") and ctx.by_token.get(tok.head.i) is None:
        # the target is a body of the country ("Ecuadorian police"), not a thing of it ("China's progress")
        return _people(tok.head)
    # the source is a body of it: its phrase's head is no mention of the country
    return bool(used) and all(ctx.by_token.get(u) is not actor for u in used)


def _location(ctx: _Context, tok: Token) -> Actor | None:
    """A country or capital named with "in X" on the trigger, or further down a chain of "in"/"of"
    phrases ("killed in a blast in a suburb of Kabul", "in the town of Herat")."""
    frontier = _prep_objects(tok, ("in",))
    for _ in range(3):
        nxt = []
        for p in frontier:
            a = ctx.by_token.get(p.i)
            if a is not None:
                if a.kind == "country":
                    return a
                continue
            nxt.extend(_prep_objects(p, ("in", "of")))
        frontier = nxt
    return None


def _date(ctx: _Context, tok: Token, times: list[Time]) -> str | None:
    """The date said in the trigger's own clause, nearest first; else the article's date."""
    doc = ctx.doc
    root = _clause_root(tok)
    best, best_dist = None, None
    for t in times:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or _sent_start(ctx, span.start) != _sent_start(ctx, tok.i):
            continue
        head = span.root
        if _clause_root(head) != root:
            continue
        dist = abs(head.i - tok.i)
        if best_dist is None or dist < best_dist:
            best, best_dist = t.value, dist
    return best or doc._.article_date


def _counted_object(tok: Token) -> list[Token]:
    """"abducted up to 12 miners": the parser takes "up" for a particle and the object for its "to"."""
    return [p for c in tok.children if c.dep_ == "prt" and c.lower_ == "up"
            for g in c.children if g.dep_ == "prep" and g.lower_ == "to"
            for p in g.children if p.dep_ == "pobj"]


def _trigger_span(doc: Doc, tok: Token) -> Span:
    """The trigger word with its particle ("crack down", "pull out")."""
    last = tok
    for c in tok.children:
        if c.dep_ == "prt" and c.i == tok.i + 1 and not _counted_object(tok):
            last = c
    words = doc[tok.i:last.i + 1]  # not doc.text: spaCy rebuilds that from every token on each call
    return Span(tok.idx, last.idx + len(last.text), words.text)
