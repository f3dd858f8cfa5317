"""Markers where a feed has no data, so that absence of evidence is not read as evidence
of absence (issue 20, item 6): term-time weeks of the young person's enrolment with no
register data, and feeds whose data has stopped arriving. Neither says anything about
the young person that their attendance, which every record role sees, does not."""

from datetime import date, timedelta

from django.db.models import Max, Min
from django.utils import timezone

from accounts.access import DetailLevel, sensitivity_level
from chronology.models import AttendanceMark, Feed, FeedRun
from chronology.timeline.context import Reading
from chronology.timeline.entries import ATTENDANCE_WEEK, NO_DATA, RANK, TimelineEntry, category_label
from portal.sentences import counted

GAP_WEEKS = 3
"""Consecutive term-time weeks without register data that make a gap: a half-term or
the Easter holiday alone is not one."""

OVERDUE_CADENCES = 2
"""A feed is overdue when its last import is older than this many refresh cadences."""


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _holiday(monday: date) -> bool:
    """The summer and Christmas holidays, whatever the local calendar: weeks starting
    22 July to 31 August, or 22 December to 1 January."""
    md = (monday.month, monday.day)
    return (7, 22) <= md <= (8, 31) or md >= (12, 22) or md <= (1, 1)


def _gap(*, key: str, day: date, summary: str, feed: Feed) -> TimelineEntry:
    return TimelineEntry(
        key=key,
        occurred_on=day,
        order=(day, RANK["gap"], key),
        category=NO_DATA,
        category_label=category_label(NO_DATA),
        level=DetailLevel.FULL,
        about="Data received",
        is_family=False,
        person_id=None,
        summary=summary,
        source_code=feed.code,
        source_label=feed.name,
        is_gap=True,
    )


def gap_entries(reading: Reading, entries: list[TimelineEntry]) -> list[TimelineEntry]:
    user, feeds = reading.user, reading.feeds
    today = timezone.localdate()
    last_runs = dict(
        FeedRun.objects.filter(status=FeedRun.Status.COMPLETED)
        .values_list("feed_id")
        .annotate(last=Max("finished_at"))
        .values_list("feed_id", "last")
    )
    gaps = _attendance_gaps(reading, entries, last_runs, today)
    for feed in feeds.values():
        if sensitivity_level(user, feed.default_sensitivity) == DetailLevel.HIDDEN:
            continue
        last = last_runs.get(feed.pk)
        if last is None:
            continue
        last = timezone.localtime(last).date()
        if (today - last).days > OVERDUE_CADENCES * feed.cadence_days:
            gaps.append(
                _gap(
                    key=f"gap:overdue:{feed.code}",
                    day=last,
                    summary=f"No {feed.name} data received since {_day(last)}: the feed is overdue "
                    f"(expected every {counted(feed.cadence_days, 'day')}). Later events may exist but are "
                    "not shown.",
                    feed=feed,
                )
            )
    return gaps


def _attendance_gaps(
    reading: Reading, entries: list[TimelineEntry], last_runs: dict, today: date
) -> list[TimelineEntry]:
    feed = reading.feed(Feed.Code.ATTENDANCE)
    if feed is None or sensitivity_level(reading.user, feed.default_sensitivity) != DetailLevel.FULL:
        return []
    last_run = last_runs.get(feed.pk)
    if last_run is None:
        return []
    weeks = {e.occurred_on for e in entries if e.category == ATTENDANCE_WEEK}
    received_until = min(timezone.localtime(last_run).date(), today)
    held_from = _registers_held_from()
    gaps = []
    for enrolment in reading.enrolments:
        start, end = enrolment.entry_date, enrolment.leaving_date
        first = start or (min(weeks) if weeks else None)
        if first is None:
            continue
        if held_from is not None:
            first = max(first, held_from)
        last = min(end or received_until, received_until)
        gaps += _missing_runs(feed, first - timedelta(days=first.weekday()), last, weeks)
    return gaps


def _registers_held_from() -> date | None:
    """The first day of register data the portal holds for anyone: before it (before the
    feed's history began, or what retention has since removed) no pupil's register is
    missing, the portal simply never held it. One probe of the marks' (date, person)
    index."""
    return AttendanceMark.objects.aggregate(first=Min("date"))["first"]


def _missing_runs(feed: Feed, first_monday: date, last_day: date, weeks: set[date]) -> list[TimelineEntry]:
    gaps, run = [], []
    monday = first_monday
    while monday + timedelta(days=4) <= last_day:
        if _holiday(monday):
            monday += timedelta(days=7)
            continue
        if monday in weeks:
            gaps += _closed(feed, run)
            run = []
        else:
            run.append(monday)
        monday += timedelta(days=7)
    return gaps + _closed(feed, run)


def _closed(feed: Feed, run: list[date]) -> list[TimelineEntry]:
    if len(run) < GAP_WEEKS:
        return []
    start, end = run[0], run[-1] + timedelta(days=4)
    return [
        _gap(
            key=f"gap:register:{start.isoformat()}",
            day=start,
            summary=f"No attendance data for {len(run)} term-time weeks, {_day(start)} to {_day(end)}, "
            "while on a school roll: the register may not have been sent.",
            feed=feed,
        )
    ]
