"""Common-noun parties: "soldiers", "the rebels", "protesters", "police" act and are acted on in
most news sentences without being named. The actor tables do not list them, so an event would lose
that side. Such a noun stands for an unnamed party of some country; the event extractor places it
later, once it knows which countries the sentence names and which side each is on.

A party is carried as a stand-in Actor whose id starts with PARTY_PREFIX; it never leaves the
extractor (a party that cannot be placed is dropped, leaving that side empty).
"""
from __future__ import annotations

from spacy.tokens import Token

from ..record import Actor

PARTY_PREFIX = "~party:"

# lemmas of nouns that name people acting as a side (a body, a force, a crowd, its victims)
PARTY_NOUNS = frozenset({
    "police", "policeman", "policemen", "soldier", "troop", "army", "force", "military", "rebel", "militant",
    "insurgent", "guerrilla", "guerilla", "gunman", "gunmen", "fighter", "militia", "militiaman", "militiamen",
    "separatist", "protester", "protestor", "demonstrator", "rioter", "striker", "student", "worker", "farmer",
    "villager", "civilian", "resident", "official", "authority", "government", "administration", "regime",
    "leader", "minister", "officer", "guard", "prisoner", "inmate", "detainee", "teacher", "activist",
    "opposition", "lawmaker", "legislator", "parliament", "court", "judge", "prosecutor", "investigator",
    "diplomat", "envoy", "delegation", "negotiator", "journalist", "crowd", "mob", "assailant", "attacker",
    "kidnapper", "hijacker", "captor", "bomber", "sniper", "extremist", "fundamentalist", "islamist",
    "terrorist", "dissident", "opponent", "settler", "hostage", "people", "man", "woman", "child", "youth",
    "commando", "paratrooper", "marine", "peacekeeper", "mediator", "spokesman", "spokeswoman", "cabinet",
    "ministry", "agency", "union", "coalition", "gang", "smuggler", "trafficker", "pirate", "poacher",
    "member", "supporter", "gendarme", "gendarmerie",
})
# a body that does not exist yet is no party to anything ("ruled out a transition government")
UNREAL = frozenset({"new", "future", "transition", "transitional", "interim", "possible", "proposed", "hypothetical",
                    "caretaker", "unity", "former", "ex"})
# bodies that act within their own country: police arrest their own nationals, soldiers may not
DOMESTIC_BODIES = frozenset({"police", "policeman", "policemen", "court", "judge", "prosecutor", "investigator",
                             "authority", "government", "administration", "ministry", "parliament", "cabinet",
                             "regime", "official", "guard", "opposition", "gendarme", "gendarmerie"})
# private people: a party only to protests and to what is done to them
PRIVATE_PEOPLE = frozenset({"people", "man", "woman", "child", "youth", "resident", "villager", "civilian", "worker",
                            "farmer", "student", "teacher", "prisoner", "inmate", "hostage", "detainee", "member",
                            "supporter", "settler"})


def party_noun(tok: Token) -> bool:
    """A common noun naming an unnamed party ("the soldiers", "protesters"), not a name or pronoun."""
    return (tok.pos_ == "NOUN" and (tok.lemma_.lower() in PARTY_NOUNS or tok.lower_ in PARTY_NOUNS)
            and not any(c.dep_ in ("amod", "compound") and c.lower_ in UNREAL for c in tok.children))


def party(tok: Token) -> Actor:
    return Actor(id=f"{PARTY_PREFIX}{tok.i}", name=tok.text, kind="group")


def is_party(actor: Actor | None) -> bool:
    return actor is not None and actor.id.startswith(PARTY_PREFIX)


def party_token(actor: Actor) -> int:
    return int(actor.id[len(PARTY_PREFIX):])


def domestic(tok: Token) -> bool:
    """Whether the noun heading a side is a body that acts at home ("Egyptian police")."""
    return tok.lemma_.lower() in DOMESTIC_BODIES or tok.lower_ in DOMESTIC_BODIES


def private_people(tok: Token) -> bool:
    return tok.lemma_.lower() in PRIVATE_PEOPLE or tok.lower_ in PRIVATE_PEOPLE


FOREIGN_WORDS = frozenset({"foreign", "international", "world", "western", "overseas", "other", "global", "regional",
                           "neighbouring", "neighboring", "outside"})


def foreign(tok: Token) -> bool:
    """A party said to be from abroad or from many countries ("foreign troops", "governments around the world")."""
    for c in tok.children:
        if c.dep_ in ("amod", "compound") and c.lower_ in FOREIGN_WORDS:
            return True
        if c.dep_ == "prep" and c.lower_ in ("around", "across", "from", "of"):
            if any(g.lower_ in FOREIGN_WORDS or g.lower_ == "abroad" for g in c.subtree):
                return True
        if c.dep_ == "advmod" and c.lower_ == "abroad":
            return True
    return False
