"""The number grammar on its own: values, forms and offsets of number phrases (no model needed)."""
import pytest

from communique.numbers import lex, numbers_in, parse_number


@pytest.mark.parametrize(
    "text, value",
    [
        ("1,234,567", 1234567),
        ("12,34,567.89", 1234567.89),
        ("1.111,11", 1111.11),
        ("7 654 321", 7654321),
        ("35\u202f000", 35000),
        (".08", 0.08),
        ("4.800", 4.8),
        ("1e10", 1e10),
        ("2.4x10^5", 2.4e5),
        ("312.5 billion", 312.5e9),
        ("1.5m", 1.5e6),
        ("10k", 1e4),
        ("2.5 bn", 2.5e9),
        ("3 mln", 3e6),
        ("sixteen", 16),
        ("sixty-three", 63),
        ("sixty - three", 63),
        ("two hundred and seventy-four", 274),
        ("three million two hundred", 3000200),
        ("three hundred and five thousand", 305000),
        ("five thousand and six hundred", 5600),
        ("thirty-two trillion and four hundred", 32000000000400),
        ("eighty-four hundred", 8400),
        ("7 thousand 6 hundred and 45", 7645),
        ("four lakh crore", 4e12),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("4 dozens", 48),
        ("a hundred", 100),
        ("half million", 500000),
        ("eight and a half million", 8.5e6),
        ("6 million and a half", 6.5e6),
        ("two million and a half thousand", 2000500),
        ("four hundred point zero seven", 400.07),
        ("nought point twelve", 0.12),
        ("minus seven point two", -7.2),
        ("negative one", -1),
        ("zero", 0),
        ("hundred thousand", 1e5),
        ("hundred million", 1e8),
        ("three-and-a-half", 3.5),
        ("one-and-a-quarter million", 1.25e6),
        ("three billion and one quarter million", 3000250000),
        ("nine billion and one quarter", 9.25e9),
        ("7 million and a quarter", 7.25e6),
    ],
)
def test_cardinals(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text, value",
    [
        ("two-thirds", 2 / 3),
        ("two thirds", 2 / 3),
        ("a half", 0.5),
        ("one fifth", 0.2),
        ("three quarters", 0.75),
        ("seventeen fifths", 3.4),
        ("five thirty-seconds", 5 / 32),
        ("one and a half", 1.5),
        ("two hundred and one quarter", 200.25),
        ("four million and two fifths", 4.4e6),
        ("three quarters of a million", 750000),
        ("3/4", 0.75),
        ("3 1/2", 3.5),
        ("¾", 0.75),
        ("one in three", 1 / 3),
        ("three out of four hundred", 0.0075),
        ("two hundred forty sevenths", 200 / 47),
        ("two hundred forty-sevenths", 200 / 47),
        ("two hundred and forty sevenths", 240 / 7),
        ("two hundred forty three sevenths", 243 / 7),
        ("thirty sevenths", 30 / 7),
        ("600 over 4", 150),
    ],
)
def test_fractions(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text, value",
    [("75th", 75), ("21st", 21), ("eighth", 8), ("twenty-first", 21), ("one hundred thirty-second", 132),
     ("three hundredth", 300), ("nineth", 9)],
)
def test_ordinals(text, value):
    (n,) = numbers_in(text)
    assert n.form == "ordinal" and n.value == value and n.text == text


def test_offsets_point_into_text():
    text = "Trade reached $312.5 billion, up 14.8 percent, more than 25 times."
    found = numbers_in(text)
    assert [n.text for n in found] == ["312.5 billion", "14.8", "25"]
    assert all(text[n.start:n.end] == n.text for n in found)


@pytest.mark.parametrize(
    "text, values",
    [
        ("4 hundred and 7 hundred", [400, 700]),
        ("20 and 30", [20, 30]),
        ("22,24,26,31", [22, 24, 26, 31]),
        ("7, 654, 321", [7, 654, 321]),
        ("five-nought-nine", [5, 0, 9]),
        ("$300 million and 40 percent", [300e6, 40]),
        ("The score was 9 in 4", [9, 4]),
    ],
)
def test_separate_numbers(text, values):
    assert [n.value for n in numbers_in(text)] == pytest.approx(values)


@pytest.mark.parametrize(
    "text, values",
    [
        ("a few hundred thousand", []),  # vague: no "one" to leave out
        ("several hundred million", []),
        ("five seconds later", [5]),  # "seconds" is no denominator on its own
        ("rock-and-roll 3-and-4", [3, 4]),  # "-and-" joins only a fraction
        ("three-and-a-half-month lows", [3.5]),
    ],
)
def test_edges_of_the_grammar(text, values):
    found = numbers_in(text)
    assert [n.value for n in found] == pytest.approx(values)
    assert all(text[n.start:n.end] == n.text and not n.text.endswith("-") for n in found)


@pytest.mark.parametrize("text", ["6/23/2019", "2024-10-07", "192.168.1.2", "10:30", "hundreds of", "a first"])
def test_not_numbers(text):
    assert [n.form for n in numbers_in(text) if n.form != "ordinal"] == []


def test_pronoun_one_is_left_to_the_caller():
    # "one" is a number word here; the quantities component drops the pronoun with the tagger
    assert [n.value for n in numbers_in("the one")] == [1]


def test_codes_lex_as_one_piece():
    assert [x.kind for x in lex("on 6/23/2019 at 11:45")] == ["word", "code", "word", "code"]


def test_negative_digits_only_after_space():
    assert [n.value for n in numbers_in("it fell to -5")] == [-5]
    assert [n.value for n in numbers_in("ages 10-20")] == [10, 20]
