"""Approximate English school terms, so that demo register marks fall on school days and
the attendance trigger points (counted over school weeks) behave as they would on real
data. Dates follow the usual pattern of an English local authority's term dates."""

from datetime import date, timedelta
from functools import lru_cache


def academic_year_of(day: date) -> int:
    """The calendar year in which the day's academic year began (September)."""
    return day.year if day.month >= 9 else day.year - 1


def _monday_on_or_before(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _week(monday: date) -> set[date]:
    return {monday + timedelta(days=i) for i in range(5)}


def _span(first: date, last: date) -> set[date]:
    return {first + timedelta(days=i) for i in range((last - first).days + 1)}


def term_start(year: int) -> date:
    """First day for pupils: the Wednesday after the first Monday of September (two
    training days come first)."""
    first = date(year, 9, 1)
    monday = first + timedelta(days=(7 - first.weekday()) % 7)
    return monday + timedelta(days=2)


@lru_cache(maxsize=16)
def _holidays(year: int) -> frozenset[date]:
    spring = year + 1
    days: set[date] = set()
    days |= _week(_monday_on_or_before(date(year, 10, 31)))
    christmas_start = _monday_on_or_before(date(year, 12, 22))
    days |= _span(christmas_start, _monday_on_or_before(date(spring, 1, 7)) - timedelta(days=1))
    days |= _week(_monday_on_or_before(date(spring, 2, 17)))
    easter_start = _monday_on_or_before(date(spring, 4, 4))
    days |= _week(easter_start) | _week(easter_start + timedelta(days=7))
    days |= _week(_monday_on_or_before(date(spring, 5, 31)))
    days |= _span(_monday_on_or_before(date(spring, 7, 24)), date(spring, 8, 31))
    return frozenset(days)


def is_school_day(day: date) -> bool:
    if day.weekday() >= 5:
        return False
    year = academic_year_of(day)
    return day >= term_start(year) and day not in _holidays(year)


def school_days_before(as_of: date, *, weeks: int) -> list[date]:
    """School days on or before `as_of` in its last `weeks` school weeks (a week with at
    least one school day), oldest first. Crosses holidays and the summer break."""
    days: list[date] = []
    mondays: set[date] = set()
    day = as_of
    limit = as_of - timedelta(days=7 * weeks + 200)
    while day > limit:
        if is_school_day(day):
            monday = _monday_on_or_before(day)
            if monday not in mondays and len(mondays) == weeks:
                break
            mondays.add(monday)
            days.append(day)
        day -= timedelta(days=1)
    return sorted(days)
