"""Weekly attendance: each pupil's marks counted per week into AttendanceWeek and shown
in the chronology as one summary event per week (recounted only for the weeks an import
touched), not one per session; then the school-year thresholds are checked."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from django.db import connection
from django.db.models import Count
from django.db.models.functions import TruncWeek

from chronology.importing import attendance_weeks_sql
from chronology.importing.attendance_thresholds import percent, refresh_thresholds
from chronology.models import AttendanceMark, AttendanceWeek, Event, Feed, FeedRun, Meaning, Sensitivity
from chronology.models.attendance import ABSENT, ATTENDED, POSSIBLE

WEEK_CATEGORY = "attendance_week"
_CHUNK = 2000


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_summary(week: date, counts: dict[str, int]) -> tuple[str, dict]:
    attended = sum(counts.get(m, 0) for m in ATTENDED)
    possible = sum(counts.get(m, 0) for m in POSSIBLE)
    absent = sum(counts.get(m, 0) for m in ABSENT)
    details = {m.value: counts.get(m, 0) for m in Meaning}
    details.update(attended=attended, possible=possible, absent=absent)
    if not possible:
        return f"Week of {week.day} {week:%b %Y}: no possible sessions", details
    rate = percent(attended, possible)
    details["rate"] = rate
    unauthorised = counts.get(Meaning.UNAUTHORISED, 0)
    summary = (
        f"Week of {week.day} {week:%b %Y}: attended {attended} of {possible} possible sessions ({rate}%)"
    )
    if absent:
        summary += f"; {absent} absent, {unauthorised} unauthorised"
    return summary, details


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
    for start in range(0, len(people), _CHUNK):
        chunk = {p: weeks_by_person[p] for p in people[start : start + _CHUNK]}
        counts = _recount(chunk)
        _store_weeks(chunk, counts)
        _write_events(feed, run, chunk, counts)
    refresh_thresholds(feed=feed, run=run, weeks_by_person=weeks_by_person)


def _recount(chunk: dict[int, set[date]]) -> dict[tuple[int, date], dict[str, int]]:
    weeks = set().union(*chunk.values())
    first, last = min(weeks), max(weeks) + timedelta(days=7)
    counts: dict[tuple[int, date], dict[str, int]] = defaultdict(dict)
    rows = (
        AttendanceMark.objects.filter(person_id__in=chunk, date__gte=first, date__lt=last)
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


def _write_events(
    feed: Feed, run: FeedRun, chunk: dict[int, set[date]], counts: dict[tuple[int, date], dict[str, int]]
) -> None:
    weeks = set().union(*chunk.values())
    existing = {
        (e.person_id, e.occurred_on): e
        for e in Event.objects.filter(
            person_id__in=chunk, feed=feed, category=WEEK_CATEGORY, occurred_on__in=weeks
        )
    }
    to_create, to_update, to_delete = [], [], []
    for person_id, person_weeks in chunk.items():
        for week in person_weeks:
            event = existing.get((person_id, week))
            if (person_id, week) not in counts:
                if event:
                    to_delete.append(event.pk)
                continue
            summary, details = week_summary(week, counts[(person_id, week)])
            if event is None:
                to_create.append(
                    Event(
                        person_id=person_id,
                        feed=feed,
                        category=WEEK_CATEGORY,
                        occurred_on=week,
                        ended_on=week + timedelta(days=4),
                        summary=summary,
                        details=details,
                        sensitivity=feed.default_sensitivity or Sensitivity.EDUCATION,
                        feed_run=run,
                        link_confidence=1.0,
                    )
                )
            elif event.details != details:
                event.summary, event.details, event.feed_run = summary, details, run
                to_update.append(event)
    Event.objects.bulk_create(to_create, batch_size=1000)
    Event.objects.bulk_update(to_update, ["summary", "details", "feed_run"], batch_size=1000)
    Event.objects.filter(pk__in=to_delete).delete()
