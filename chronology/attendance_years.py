"""Pupils' school year to date, summed from their weekly counts: one grouped query for
any number of pupils, used by the threshold check after an import and by the
young-person page."""

from collections.abc import Collection
from datetime import date, timedelta

from django.db.models import F, Max, Sum

from chronology.models import AttendanceWeek, YearToDate
from chronology.models.attendance import school_year_start

FRIDAY = timedelta(days=4)


def years_to_date(*, person_ids: Collection[int], year_start: date) -> dict[int, YearToDate]:
    """Pupils with no week in that year are left out. A week belongs to the year its
    Friday falls in, so the week term starts in counts even when its Monday is in August."""
    first_monday = year_start - FRIDAY
    next_first_monday = date(year_start.year + 1, 9, 1) - FRIDAY
    rows = (
        AttendanceWeek.objects.filter(
            person_id__in=person_ids, week__gte=first_monday, week__lt=next_first_monday
        )
        .values("person_id")
        .annotate(
            attended=Sum(F("present") + F("attending")),
            absent=Sum(F("authorised") + F("unauthorised")),
            unauthorised_total=Sum("unauthorised"),
            last_week=Max("week"),
        )
    )
    return {
        row["person_id"]: YearToDate(
            year_start=year_start,
            attended=row["attended"],
            possible=row["attended"] + row["absent"],
            unauthorised=row["unauthorised_total"],
            last_week=row["last_week"],
        )
        for row in rows
    }


def year_to_date(*, person_id: int, on: date) -> YearToDate | None:
    """The school year containing `on`, or None when no mark is recorded in it."""
    return years_to_date(person_ids=[person_id], year_start=school_year_start(on)).get(person_id)


def week_school_year(week: date) -> date:
    return school_year_start(week + FRIDAY)
