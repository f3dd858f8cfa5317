"""Plausibility checks: values that parse but cannot be true (a pupil born in 2099, a
police incident next week, a register mark on a Sunday). Each rejects its row with a
reason, like any bad value, so that the source can correct it; none guesses a fix.
"Today" is the day of the import in Europe/London."""

from collections.abc import Callable
from datetime import date, datetime

from django.utils import timezone

from chronology.importing.values import LONDON

RowCheck = Callable[[dict], tuple[str, str] | None]
CENSUS_AGES = (2, 25)
"""The ages a pupil on the school census can have, from nursery to the end of special
educational provision (an education, health and care plan can run to 25)."""


def as_day(value: date | datetime) -> date:
    return value.astimezone(LONDON).date() if isinstance(value, datetime) else value


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def is_school_weekday(day: date) -> bool:
    return day.weekday() < 5


def census_age() -> RowCheck:
    def check(row: dict) -> tuple[str, str] | None:
        born, today = row.get("date_of_birth"), timezone.localdate()
        if born is None:
            return None
        if born > today:
            return "date_of_birth", f"date_of_birth {born:%Y-%m-%d} is in the future"
        low, high = CENSUS_AGES
        if not low <= (age := age_on(born, today)) <= high:
            reason = f"date_of_birth {born:%Y-%m-%d} gives an age of {age}"
            return "date_of_birth", f"{reason}; a pupil on the census is {low} to {high}"
        return None

    return check


def not_in_future(column: str) -> RowCheck:
    def check(row: dict) -> tuple[str, str] | None:
        if (value := row.get(column)) is not None and as_day(value) > timezone.localdate():
            return column, f"{column} {as_day(value):%Y-%m-%d} is in the future"
        return None

    return check


def not_before_birth(column: str) -> RowCheck:
    def check(row: dict) -> tuple[str, str] | None:
        born, value = row.get("date_of_birth"), row.get(column)
        if born is not None and value is not None and as_day(value) < born:
            return column, f"{column} {as_day(value):%Y-%m-%d} is before date_of_birth {born:%Y-%m-%d}"
        return None

    return check


def on_a_weekday(column: str) -> RowCheck:
    def check(row: dict) -> tuple[str, str] | None:
        if (day := row.get(column)) is not None and not is_school_weekday(day):
            return column, f"{column} {day:%Y-%m-%d} is a {day:%A}: register marks are for weekdays"
        return None

    return check


def event_date(column: str, *, person_level: bool = True) -> tuple[RowCheck, ...]:
    """An event's date: not in the future and, where the row is about a person whose date
    of birth it gives, not before they were born. A family-level row's event may predate
    the child it names (an eviction before they were born), so only the first applies."""
    return (not_in_future(column), not_before_birth(column)) if person_level else (not_in_future(column),)
