"""Date rules: each phrase type resolved against a publication date (Sunday 2021-08-01), no model needed."""

from __future__ import annotations

from datetime import date

import pytest

from legation.dates.rules import find_expressions, part_of_month, resolve_text, weekday_date

PUB = date(2021, 8, 1)  # a Sunday
PAST, FUTURE, UNKNOWN = False, True, None


@pytest.mark.parametrize(
    ("text", "future", "expected"),
    [
        # explicit dates
        ("The treaty was signed on 2021-07-14 in the capital.", PAST, ("2021-07-14", "day", None)),
        ("Envoys met on July 20 to discuss the border.", PAST, ("2021-07-20", "day", None)),
        ("Envoys met on Aug. 3, 2019 to discuss trade.", PAST, ("2019-08-03", "day", None)),
        ("The summit opened on 3 August 2021.", UNKNOWN, ("2021-08-03", "day", None)),
        ("Talks resume on the 12th of September.", FUTURE, ("2021-09-12", "day", None)),
        ("Ministers gathered on December 28 for a vote.", PAST, ("2020-12-28", "day", None)),
        ("Ministers will gather on January 5 for a vote.", FUTURE, ("2022-01-05", "day", None)),
        # days relative to publication
        ("Rebels shelled the town yesterday.", PAST, ("2021-07-31", "day", None)),
        ("The cabinet meets today.", UNKNOWN, ("2021-08-01", "day", None)),
        ("Voters go to the polls tomorrow.", FUTURE, ("2021-08-02", "day", None)),
        ("Sirens sounded last night across the city.", PAST, ("2021-07-31", "day", None)),
        ("The envoy left the day before yesterday.", PAST, ("2021-07-30", "day", None)),
        # weekdays
        ("The ministry announced the plan on Thursday.", PAST, ("2021-07-29", "day", None)),
        ("The ministry will announce the plan on Thursday.", FUTURE, ("2021-08-05", "day", None)),
        ("Police raided the office on Sunday.", PAST, ("2021-08-01", "day", None)),
        ("Police raided the office last Sunday.", PAST, ("2021-07-25", "day", None)),
        ("The court rules next Sunday.", FUTURE, ("2021-08-08", "day", None)),
        # weeks, months, years relative to publication
        ("Troops crossed the river last week.", PAST, ("2021-07-19", "week", "2021-07-25")),
        ("Inspectors arrive next week.", FUTURE, ("2021-08-02", "week", "2021-08-08")),
        ("Exports fell last month.", PAST, ("2021-07-01", "month", "2021-07-31")),
        ("A new round of talks opens next month.", FUTURE, ("2021-09-01", "month", "2021-09-30")),
        ("The election was held last year.", PAST, ("2020-01-01", "year", "2020-12-31")),
        ("Protesters marched over the last weekend.", PAST, ("2021-07-24", "span", "2021-07-25")),
        ("Fighting flared earlier this month.", PAST, ("2021-08-01", "span", "2021-08-01")),
        ("The deal collapsed two weeks ago.", PAST, ("2021-07-12", "week", "2021-07-18")),
        ("The deal collapsed three days ago.", PAST, ("2021-07-29", "day", None)),
        # parts of months
        ("Drills run during the first half of August.", FUTURE, ("2021-08-01", "span", "2021-08-15")),
        ("Drills run during the second half of August.", FUTURE, ("2021-08-16", "span", "2021-08-31")),
        ("The fleet sails in mid-August.", FUTURE, ("2021-08-11", "span", "2021-08-20")),
        ("The fleet sailed in early July.", PAST, ("2021-07-01", "span", "2021-07-10")),
        ("The fleet sailed in late July.", PAST, ("2021-07-21", "span", "2021-07-31")),
        ("Delegates meet at the beginning of October.", FUTURE, ("2021-10-01", "span", "2021-10-10")),
        ("Delegates met at the end of June.", PAST, ("2021-06-21", "span", "2021-06-30")),
        (
            "Exercises run at the start and in the middle of September.",
            FUTURE,
            ("2021-09-01", "span", "2021-09-20"),
        ),
        ("Parliament reconvenes early next month.", FUTURE, ("2021-09-01", "span", "2021-09-10")),
        ("The strike ended late last month.", PAST, ("2021-07-21", "span", "2021-07-31")),
        # months named alone
        ("Border guards clashed in March.", PAST, ("2021-03-01", "month", "2021-03-31")),
        ("Border guards will patrol jointly in March.", FUTURE, ("2022-03-01", "month", "2022-03-31")),
        ("The blockade began in October.", PAST, ("2020-10-01", "month", "2020-10-31")),
        ("The blockade began in May 2019.", PAST, ("2019-05-01", "month", "2019-05-31")),
        # years
        ("Navies drilled together in Ocean-2019 off the coast.", PAST, ("2019-01-01", "year", "2019-12-31")),
        ("The two armies last fought in 1999.", PAST, ("1999-01-01", "year", "1999-12-31")),
    ],
)
def test_phrase_resolves(text: str, future: bool | None, expected: tuple) -> None:
    got = resolve_text(text, PUB, future)
    assert got is not None
    start, precision, end = got
    assert (start.isoformat(), precision, end.isoformat() if end else None) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Officials may travel to the region.",  # the modal verb, not the month
        "The march through the square was peaceful.",  # lower-case month word
        "He said the 10,000 troops were ready.",
        "The committee met again.",
    ],
)
def test_no_date_phrase_found(text: str) -> None:
    assert resolve_text(text, PUB, PAST) is None


def test_overlapping_phrases_keep_the_longest() -> None:
    exprs = find_expressions("Troops leave in the first half of August.")
    assert [e.rule for e in exprs] == ["part-month"]


def test_most_precise_phrase_wins() -> None:
    got = resolve_text("In August, on Thursday, the envoys met.", PUB, PAST)
    assert got is not None and got[1] == "day"


@pytest.mark.parametrize(
    ("part", "expected"),
    [
        ("early", (1, 10)),
        ("mid", (11, 20)),
        ("late", (21, 28)),
        ("first half", (1, 15)),
        ("second half", (16, 28)),
    ],
)
def test_part_of_february_ends_on_its_last_day(part: str, expected: tuple[int, int]) -> None:
    start, end = part_of_month(2021, 2, part)
    assert (start.day, end.day) == expected


def test_weekday_on_publication_day_counts_for_a_past_event() -> None:
    assert weekday_date(6, PUB, False, None) == PUB


def test_next_weekday_on_publication_day_is_a_week_ahead() -> None:
    assert weekday_date(6, PUB, True, "next") == date(2021, 8, 8)
