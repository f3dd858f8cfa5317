"""Weekly attendance: each pupil's marks counted per week into AttendanceWeek (only the
weeks an import touched), shown in the chronology as one line per week rather than one
per session; then the school-year thresholds are checked."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from django.db import connection
from django.db.models import Count
from django.db.models.functions import TruncWeek

from chronology.importing import attendance_weeks_sql, touched
from chronology.importing.attendance_thresholds import percent, refresh_thresholds
from chronology.marks import marks_on, week_days
from chronology.models import AttendanceWeek, Feed, FeedRun, Meaning
from chronology.models.attendance import ABSENT, ATTENDED, POSSIBLE

_CHUNK = 2000


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_summary(week: AttendanceWeek) -> str:
    """The chronology's line for a pupil's week, written when the page is shown: one
    event row per pupil per week would be 4 million rows a year for the chronology's
    table to carry, and 100,000 more for every weekly import to write."""
    counts = {m: getattr(week, m) for m in Meaning.values}
    attended = sum(counts[m] for m in ATTENDED)
    possible = sum(counts[m] for m in POSSIBLE)
    absent = sum(counts[m] for m in ABSENT)
    label = f"Week of {week.week.day} {week.week:%b %Y}"
    if not possible:
        return f"{label}: no possible sessions"
    summary = f"{label}: attended {attended} of {possible} possible sessions ({percent(attended, possible)}%)"
    if absent:
        summary += f"; {absent} absent, {counts[Meaning.UNAUTHORISED]} unauthorised"
    return summary


def refresh_weeks(*, feed: Feed, run: FeedRun, pairs: Iterable[tuple[int, date]]) -> None:
    """Recount each (person, week) given (any day of the week), then the thresholds of
    the school years those weeks fall in. Set-based on PostgreSQL (attendance_weeks_sql)."""
    weeks_by_person: dict[int, set[date]] = defaultdict(set)
    for person_id, day in pairs:
        if person_id is not None:
            weeks_by_person[person_id].add(monday(day))
    if connection.vendor == "postgresql":
        attendance_weeks_sql.refresh_weeks(feed=feed, run=run, weeks_by_person=weeks_by_person)
    else:
        refresh_weeks_by_orm(feed=feed, run=run, weeks_by_person=weeks_by_person)


def refresh_weeks_by_orm(*, feed: Feed, run: FeedRun, weeks_by_person: dict[int, set[date]]) -> None:
    """The same work through the ORM, for the SQLite demo (and a test that compares)."""
    people = sorted(weeks_by_person)
    weeks = set().union(*weeks_by_person.values())
    touched.note(people=people, days=(min(weeks), max(weeks) + timedelta(days=6)) if weeks else None)
    for start in range(0, len(people), _CHUNK):
        chunk = {p: weeks_by_person[p] for p in people[start : start + _CHUNK]}
        counts = _recount(chunk)
        _store_weeks(chunk, counts)
    refresh_thresholds(feed=feed, run=run, weeks_by_person=weeks_by_person)


def _recount(chunk: dict[int, set[date]]) -> dict[tuple[int, date], dict[str, int]]:
    weeks = set().union(*chunk.values())
    counts: dict[tuple[int, date], dict[str, int]] = defaultdict(dict)
    rows = (
        marks_on(person_ids=chunk, days=[day for week in weeks for day in week_days(week)])
        .annotate(week=TruncWeek("date"))
        .values_list("person_id", "week", "meaning")
        .annotate(n=Count("id"))
    )
    for person_id, week, meaning, n in rows:
        week = week.date() if hasattr(week, "date") else week
        if week in chunk[person_id]:
            counts[(person_id, week)][meaning] = n
    return counts


def _store_weeks(chunk: dict[int, set[date]], counts: dict[tuple[int, date], dict[str, int]]) -> None:
    fields = [m.value for m in Meaning]
    AttendanceWeek.objects.bulk_create(
        [
            AttendanceWeek(person_id=person_id, week=week, **{m: n.get(m, 0) for m in fields})
            for (person_id, week), n in counts.items()
        ],
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["person", "week"],
        update_fields=fields,
    )
    emptied = [(p, w) for p, weeks in chunk.items() for w in weeks if (p, w) not in counts]
    for person_id, week in emptied:
        AttendanceWeek.objects.filter(person_id=person_id, week=week).delete()
