"""Reading pupils' register marks. The marks are indexed by (date, person), so that an
import, a week of marks for every pupil, fills one end of the index; a pupil's marks are
therefore read by listing the days wanted, one index descent each, which stays as cheap
however many pupils the city holds (a date range would scan every pupil's marks in it)."""

from collections.abc import Collection
from datetime import date, timedelta

from django.db.models import QuerySet

from chronology.models import AttendanceMark, AttendanceWeek

WEEK = 7


def days_between(start: date, end: date) -> list[date]:
    """Every day from start to end inclusive."""
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def week_days(week: date) -> list[date]:
    return days_between(week, week + timedelta(days=WEEK - 1))


def marks_on(*, person_ids: Collection[int], days: Collection[date]) -> QuerySet[AttendanceMark]:
    return AttendanceMark.objects.filter(date__in=sorted(set(days)), person_id__in=person_ids)


def all_marks_of(*, person_id: int) -> QuerySet[AttendanceMark]:
    """A pupil's marks on every day of the weeks counted for them (every mark a pupil
    holds is counted in its week)."""
    weeks = AttendanceWeek.objects.filter(person_id=person_id).values_list("week", flat=True)
    return marks_on(person_ids=[person_id], days=[day for week in weeks for day in week_days(week)])
