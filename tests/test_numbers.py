"""The number grammar on its own: values, forms and offsets of number phrases (no model needed)."""
import pytest

from communique.numbers import lex, numbers_in, parse_number


@pytest.mark.parametrize(
    "text, value",
    [
        ("1,234,567", 1234567),
        ("12,34,567.89", 1234567.89),
        ("1.111,11", 1111.11),
        ("1 234 567", 1234567),
        ("40\u202f000", 40000),
        (".08", 0.08),
        ("4.800", 4.8),
        ("1e10", 1e10),
        ("1.3x10^6", 1.3e6),
        ("240.1 billion", 240.1e9),
        ("1.5m", 1.5e6),
        ("10k", 1e4),
        ("2.5 bn", 2.5e9),
        ("3 mln", 3e6),
        ("sixteen", 16),
        ("fifty-two", 52),
        ("fifty - two", 52),
        ("one hundred and sixty-one", 161),
        ("three million two hundred", 3000200),
        ("two hundred and two thousand", 202000),
        ("two thousand and two hundred", 2200),
        ("twenty-one trillion and three hundred", 21000000000300),
        ("ninety-five hundred", 9500),
        ("4 thousand 3 hundred and 21", 4321),
        ("three lakh crore", 3e12),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("3 dozens", 36),
        ("a hundred", 100),
        ("half million", 500000),
        ("five and a half million", 5.5e6),
        ("3 million and a half", 3.5e6),
        ("one billion and a half million", 1000500000),
        ("two hundred point zero three", 200.03),
        ("nought point eleven", 0.11),
        ("minus five point five", -5.5),
        ("negative one", -1),
        ("zero", 0),
        ("hundred thousand", 1e5),
        ("hundred million", 1e8),
        ("three-and-a-half", 3.5),
        ("one-and-a-quarter million", 1.25e6),
        ("one billion and three quarters million", 1000750000),
        ("five billion and three quarters", 5.75e9),
        ("3 million and a quarter", 3.25e6),
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
        ("twenty-three fifths", 4.6),
        ("three twenty-firsts", 3 / 21),
        ("one and a half", 1.5),
        ("one hundred and three quarters", 100.75),
        ("two million and three fifths", 2.6e6),
        ("two thirds of a million", 2e6 / 3),
        ("3/4", 0.75),
        ("2 1/4", 2.25),
        ("¾", 0.75),
        ("one in three", 1 / 3),
        ("two out of five hundred", 0.004),
        ("one hundred thirty fifths", 100 / 35),
        ("one hundred thirty-fifths", 100 / 35),
        ("one hundred and thirty fifths", 26),
        ("one hundred thirty two fifths", 26.4),
        ("twenty fifths", 4),
        ("2000 over 3", 2000 / 3),
    ],
)
def test_fractions(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text, value",
    [("75th", 75), ("21st", 21), ("eighth", 8), ("twenty-first", 21), ("one hundred twenty-fifth", 125),
     ("two hundredth", 200), ("nineth", 9)],
)
def test_ordinals(text, value):
    (n,) = numbers_in(text)
    assert n.form == "ordinal" and n.value == value and n.text == text


def test_offsets_point_into_text():
    text = "Trade reached $240.1 billion, up 26.3 percent, more than 40 times."
    found = numbers_in(text)
    assert [n.text for n in found] == ["240.1 billion", "26.3", "40"]
    assert all(text[n.start:n.end] == n.text for n in found)


@pytest.mark.parametrize(
    "text, values",
    [
        ("3 hundred and 2 hundred", [300, 200]),
        ("20 and 30", [20, 30]),
        ("22,24,26,31", [22, 24, 26, 31]),
        ("1, 234, 567", [1, 234, 567]),
        ("three-nought-four", [3, 0, 4]),
        ("$300 million and 40 percent", [300e6, 40]),
        ("The result is 8 in 5", [8, 5]),
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
        ("two-and-a-half-year highs", [2.5]),
    ],
)
def test_edges_of_the_grammar(text, values):
    found = numbers_in(text)
    assert [n.value for n in found] == pytest.approx(values)
    assert all(text[n.start:n.end] == n.text and not n.text.endswith("-") for n in found)


@pytest.mark.parametrize("text", ["5/17/2018", "2024-10-07", "192.168.1.2", "10:30", "hundreds of", "a first"])
def test_not_numbers(text):
    assert [n.form for n in numbers_in(text) if n.form != "ordinal"] == []


def test_pronoun_one_is_left_to_the_caller():
    # "one" is a number word here; the quantities component drops the pronoun with the tagger
    assert [n.value for n in numbers_in("the one")] == [1]


def test_codes_lex_as_one_piece():
    assert [x.kind for x in lex("on 5/17/2018 at 10:30")] == ["word", "code", "word", "code"]


def test_negative_digits_only_after_space():
    assert [n.value for n in numbers_in("it fell to -5")] == [-5]
    assert [n.value for n in numbers_in("ages 10-20")] == [10, 20]
