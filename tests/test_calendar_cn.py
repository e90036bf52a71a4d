"""The Chinese calendar against published dates: festivals, observed days, solar and lunar birthdays."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.calendar_cn import (
    DEFAULT_OBSERVED, Festival, birthdays_between, festivals_between, lunar_birthday, lunar_date_text,
    lunar_festival, solar_birthday, to_lunar,
)

D = datetime.date

# Published calendar dates (国务院放假安排 and printed 万年历), not values computed by the library.
SPRING_FESTIVAL = {
    2020: D(2020, 1, 25), 2021: D(2021, 2, 12), 2022: D(2022, 2, 1), 2023: D(2023, 1, 22),
    2024: D(2024, 2, 10), 2025: D(2025, 1, 29), 2026: D(2026, 2, 17), 2027: D(2027, 2, 6),
    2028: D(2028, 1, 26),
    # Years where some other libraries are a day out.
    1933: D(1933, 1, 26), 1954: D(1954, 2, 3), 1978: D(1978, 2, 7),
}
MID_AUTUMN = {
    2020: D(2020, 10, 1), 2021: D(2021, 9, 21), 2022: D(2022, 9, 10), 2023: D(2023, 9, 29),
    2024: D(2024, 9, 17), 2025: D(2025, 10, 6), 2026: D(2026, 9, 25), 2027: D(2027, 9, 15),
}
DOUBLE_NINTH = {
    2020: D(2020, 10, 25), 2021: D(2021, 10, 14), 2022: D(2022, 10, 4), 2023: D(2023, 10, 23),
    2024: D(2024, 10, 11), 2025: D(2025, 10, 29), 2026: D(2026, 10, 18), 2027: D(2027, 10, 8),
}
PUBLISHED = ([("spring_festival", y, d) for y, d in SPRING_FESTIVAL.items()]
             + [("mid_autumn", y, d) for y, d in MID_AUTUMN.items()]
             + [("double_ninth", y, d) for y, d in DOUBLE_NINTH.items()])


@pytest.mark.parametrize(("key", "year", "expected"), PUBLISHED)
def test_lunar_festivals_match_published_dates(key, year, expected):
    assert lunar_festival(key, year) == expected


def test_an_unknown_festival_is_refused():
    with pytest.raises(ValueError, match="dragon_boat"):
        lunar_festival("dragon_boat", 2026)


def test_festivals_across_the_year_end_include_the_next_spring_festival():
    found = festivals_between(D(2026, 12, 20), D(2027, 2, 10))
    assert found == [Festival("spring_festival", "春节", D(2027, 2, 6))]


def test_a_whole_year_has_the_lunar_festivals_and_the_observed_days_in_date_order():
    found = festivals_between(D(2026, 1, 1), D(2026, 12, 31))
    assert [(f.key, f.name, f.day) for f in found] == [
        ("spring_festival", "春节", D(2026, 2, 17)),
        ("party_day", "建党节", D(2026, 7, 1)),
        ("mid_autumn", "中秋节", D(2026, 9, 25)),
        ("national_day", "国庆节", D(2026, 10, 1)),
        ("double_ninth", "重阳节", D(2026, 10, 18)),
    ]


def test_the_window_is_inclusive_at_both_ends_and_may_be_one_day():
    assert [f.key for f in festivals_between(D(2020, 10, 1), D(2020, 10, 1))] == ["mid_autumn", "national_day"]
    assert festivals_between(D(2026, 10, 2), D(2026, 10, 17)) == []
    assert festivals_between(D(2026, 10, 2), D(2026, 10, 1)) == []


def test_observed_days_come_from_the_settings():
    observed = [{"key": "elders_day", "name": "敬老日", "month": 12, "day": 31}]
    found = festivals_between(D(2025, 12, 1), D(2026, 1, 31), observed)
    assert found == [Festival("elders_day", "敬老日", D(2025, 12, 31))]
    assert DEFAULT_OBSERVED[0]["name"] == "建党节"


@pytest.mark.parametrize("entry", [
    {"key": "bad", "name": "坏日子", "month": 2, "day": 30},
    {"key": "bad", "name": "坏日子", "month": 13, "day": 1},
    {"key": "bad", "name": "坏日子", "month": 2, "day": 29},  # not a day every year
    {"key": "bad", "name": "坏日子", "month": "七", "day": 1},
    {"key": "bad", "name": "坏日子", "month": 7},
])
def test_an_invalid_observed_day_is_refused_by_name(entry):
    with pytest.raises(ValueError, match="坏日子"):
        festivals_between(D(2026, 1, 1), D(2026, 12, 31), [entry])
    with pytest.raises(ValueError, match="坏日子"):  # even when the window could not contain it
        festivals_between(D(2026, 3, 1), D(2026, 3, 2), [entry])


@pytest.mark.parametrize(("birth", "year", "expected"), [
    (D(1948, 2, 29), 2025, D(2025, 2, 28)),
    (D(1948, 2, 29), 2028, D(2028, 2, 29)),
    (D(1950, 12, 31), 2026, D(2026, 12, 31)),
])
def test_solar_birthday(birth, year, expected):
    assert solar_birthday(birth, year) == expected


def test_a_leap_month_birth_is_kept_in_the_ordinary_month():
    # 2020-06-01 was 闰四月初十 (2020 had a leap fourth month); 2026 四月初十 is 2026-05-26
    # (四月初一 2026-05-17, 端午 五月初五 2026-06-19).
    assert to_lunar(D(2020, 6, 1)) == (2020, 4, 10, True)
    assert lunar_birthday(4, 10, True, 2026) == D(2026, 5, 26)
    assert lunar_birthday(4, 10, False, 2026) == D(2026, 5, 26)
    # In the leap year itself the ordinary 四月 comes first: 四月初十 2020 was 2020-05-02.
    assert lunar_birthday(4, 10, True, 2020) == D(2020, 5, 2)


def test_a_birth_on_the_thirtieth_is_kept_on_the_twenty_ninth_of_a_short_month():
    # 2024-02-09 was 除夕, 腊月三十 of lunar 2023. Lunar 2026's 腊月 has 29 days: 除夕 2027 is 腊月廿九,
    # 2027-02-05 (one of the five years 2025-2029 without a 年三十); lunar 2029's 腊月 has 30 again
    # (除夕 2030-02-02, 春节 2030-02-03).
    assert to_lunar(D(2024, 2, 9)) == (2023, 12, 30, False)
    assert lunar_birthday(12, 30, False, 2023) == D(2024, 2, 9)
    assert lunar_birthday(12, 30, False, 2026) == D(2027, 2, 5)
    assert lunar_birthday(12, 30, False, 2029) == D(2030, 2, 2)


def test_a_birthday_in_the_twelfth_month_falls_in_the_next_gregorian_year():
    assert lunar_birthday(12, 1, False, 2026) == D(2027, 1, 8)  # 春节 2027-02-06, less a 29-day 腊月
    assert lunar_birthday(11, 15, False, 2025) == D(2026, 1, 3)


def test_lunar_birthdays_between_across_the_year_end():
    assert birthdays_between(D(2026, 12, 20), D(2027, 2, 10), lunar=(12, 30, False)) == [D(2027, 2, 5)]
    assert birthdays_between(D(2026, 12, 20), D(2027, 2, 10), lunar=(1, 1, False)) == [D(2027, 2, 6)]
    assert birthdays_between(D(2026, 12, 20), D(2027, 2, 5), lunar=(1, 1, False)) == []


def test_a_gregorian_year_can_hold_two_lunar_birthdays_or_none():
    # 腊月初一 of lunar 2026 is 2027-01-08 and of lunar 2027 is 2027-12-28 (春节 2028-01-26, 29-day 腊月).
    assert birthdays_between(D(2027, 1, 1), D(2027, 12, 31), lunar=(12, 1, False)) == [D(2027, 1, 8), D(2027, 12, 28)]
    assert birthdays_between(D(2028, 1, 1), D(2028, 12, 31), lunar=(12, 1, False)) == []


def test_solar_birthdays_between():
    birth = D(1940, 1, 5)
    assert birthdays_between(D(2026, 12, 20), D(2027, 1, 10), birth=birth) == [D(2027, 1, 5)]
    assert birthdays_between(D(2025, 1, 1), D(2026, 12, 31), birth=birth) == [D(2025, 1, 5), D(2026, 1, 5)]
    assert birthdays_between(D(2025, 2, 1), D(2025, 3, 1), birth=D(1948, 2, 29)) == [D(2025, 2, 28)]


def test_lunar_wins_over_solar_when_both_are_given():
    found = birthdays_between(D(2026, 1, 1), D(2026, 12, 31), birth=D(1950, 6, 1), lunar=(8, 15, False))
    assert found == [D(2026, 9, 25)]


def test_no_birthday_before_the_birth():
    assert birthdays_between(D(2026, 1, 1), D(2026, 12, 31), birth=D(2026, 3, 1)) == [D(2026, 3, 1)]
    assert birthdays_between(D(2025, 1, 1), D(2025, 12, 31), birth=D(2026, 3, 1)) == []


def test_zero_length_and_reversed_windows():
    assert birthdays_between(D(2026, 9, 25), D(2026, 9, 25), lunar=(8, 15, False)) == [D(2026, 9, 25)]
    assert birthdays_between(D(2026, 9, 24), D(2026, 9, 24), lunar=(8, 15, False)) == []
    assert birthdays_between(D(2027, 1, 5), D(2027, 1, 5), birth=D(1940, 1, 5)) == [D(2027, 1, 5)]
    assert birthdays_between(D(2026, 9, 26), D(2026, 9, 25), lunar=(8, 15, False)) == []


@pytest.mark.parametrize(("month", "day"), [(0, 1), (13, 1), (1, 0), (1, 31), (-4, 1)])
def test_invalid_lunar_dates_are_refused(month, day):
    with pytest.raises(ValueError):
        lunar_birthday(month, day, False, 2026)
    with pytest.raises(ValueError):
        birthdays_between(D(2026, 1, 1), D(2026, 12, 31), lunar=(month, day, False))
    with pytest.raises(ValueError):
        lunar_date_text(month, day, False)


def test_a_birthday_needs_a_date():
    with pytest.raises(ValueError):
        birthdays_between(D(2026, 1, 1), D(2026, 12, 31))


@pytest.mark.parametrize(("month", "day", "leap", "text"), [
    (1, 1, False, "正月初一"), (4, 30, True, "闰四月三十"), (12, 29, False, "腊月廿九"),
    (10, 3, False, "十月初三"), (11, 15, False, "冬月十五"), (2, 10, False, "二月初十"),
    (3, 11, False, "三月十一"), (8, 20, False, "八月二十"), (9, 21, False, "九月廿一"), (6, 19, True, "闰六月十九"),
])
def test_lunar_date_text(month, day, leap, text):
    assert lunar_date_text(month, day, leap) == text


@pytest.mark.parametrize(("day", "expected"), [
    (D(2026, 9, 25), (2026, 8, 15, False)),
    (D(2026, 2, 17), (2026, 1, 1, False)),
    (D(2026, 2, 16), (2025, 12, 29, False)),  # 除夕 2026 is 腊月廿九
    (D(2023, 3, 22), (2023, 2, 1, True)),  # 2023 had a leap second month
    (D(2024, 2, 9), (2023, 12, 30, False)),
])
def test_to_lunar(day, expected):
    assert to_lunar(day) == expected


dates = st.dates(min_value=D(1901, 1, 1), max_value=D(2099, 12, 31))


@settings(max_examples=300, deadline=None)
@given(dates)
def test_a_lunar_birthday_comes_back_to_the_day_it_was_read_from(day):
    year, month, lunar_day, leap = to_lunar(day)
    found = lunar_birthday(month, lunar_day, leap, year)
    if leap:
        # The ordinary month of the same number, same lunar year, same day unless that month is short.
        assert to_lunar(found) in ((year, month, lunar_day, False), (year, month, 29, False))
        assert found < day
    else:
        assert found == day


@settings(max_examples=300, deadline=None)
@given(st.integers(1901, 2099), st.integers(1, 12), st.integers(1, 30), st.booleans())
def test_a_lunar_birthday_is_always_in_its_lunar_year_and_ordinary_month(year, month, day, leap):
    found = to_lunar(lunar_birthday(month, day, leap, year))
    assert found[:2] == (year, month) and found[3] is False
    assert found[2] == day or (day == 30 and found[2] == 29)
    assert birthdays_between(D(year, 1, 1), D(year + 1, 12, 31), lunar=(month, day, leap)).count(
        lunar_birthday(month, day, leap, year)) == 1
