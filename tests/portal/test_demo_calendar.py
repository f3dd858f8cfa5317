from datetime import date

from portal.demo.calendar import is_school_day, school_days_before, term_start


def test_weekends_and_holidays_are_not_school_days():
    assert not is_school_day(date(2026, 3, 7))  # Saturday
    assert not is_school_day(date(2025, 12, 25))
    assert not is_school_day(date(2026, 2, 17))  # February half-term
    assert not is_school_day(date(2026, 8, 10))  # summer
    assert is_school_day(date(2026, 3, 10))


def test_the_year_starts_on_a_wednesday_in_early_september():
    start = term_start(2025)
    assert start.weekday() == 2
    assert date(2025, 9, 1) < start <= date(2025, 9, 10)
    assert not is_school_day(date(2025, 9, 1))


def test_the_last_school_weeks_skip_half_term():
    days = school_days_before(date(2026, 3, 3), weeks=3)
    weeks = {d.isocalendar()[1] for d in days}
    assert len(weeks) == 3
    assert days[-1] == date(2026, 3, 3)
    assert not any(date(2026, 2, 16) <= d <= date(2026, 2, 20) for d in days)


def test_the_window_reaches_back_across_the_summer():
    days = school_days_before(date(2026, 9, 11), weeks=2)
    assert days[0] == date(2026, 7, 13)
    assert days[-1] == date(2026, 9, 11)
    assert days[-3] == date(2026, 9, 9)
