"""The two pattern anomalies: a user opening more than ACCESS_ANOMALY_RECORDS_PER_HOUR
people in one UTC hour ("volume"), and access outside working time ("out of hours"),
one anomaly per user and local day. System actors (tasks, commands) are left out: they
are scheduled, not people browsing.

Found by grouping the log's entries, which at city scale takes seconds a month, so each
closed hour is worked out once into a summary (accounts.services.anomaly_summary), and
the anomalies are read from it for every hour it holds and worked out from the log for
the rest: the hours not closed yet, and any the summary has not reached (a fresh install,
a task that has not run). Both ways give the same anomalies, with the same keys, so a
review recorded against one still matches."""

from collections import defaultdict
from datetime import UTC, date, datetime

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, TruncDate, TruncHour

from accounts.access_memo import remembered
from accounts.anomaly import Anomaly
from accounts.models import AccessLogEntry, AccessLogSubject, AnomalyActorHour, AnomalySummaryHour
from accounts.working_time import (
    HOUR,
    clipped_ranges,
    gaps,
    local_day,
    local_midnight,
    outside_hours_by_day,
    working_time,
)

OPENED = (AccessLogEntry.Kind.VIEW, AccessLogEntry.Kind.EXPORT)
"""What the volume check counts: records opened or taken away. Every name on a list or
in search results is in the log too, but one page of a school's list names 50 children:
counted, a head teacher's first look at their list was an anomaly, and IG's queue filled
with people doing their jobs."""


def in_ranges(field: str, ranges: list[tuple[datetime, datetime]]) -> Q:
    found = Q()
    for start, end in ranges:
        found |= Q(**{f"{field}__gte": start, f"{field}__lt": end})
    return found


def volume_key(actor_id: int, hour: datetime) -> str:
    return f"volume:{actor_id}:{hour.astimezone(UTC):%Y%m%d%H}"


def out_of_hours_key(actor_id: int, day: date) -> str:
    return f"out_of_hours:{actor_id}:{day:%Y-%m-%d}"


def summarised(since: datetime, until: datetime) -> dict[datetime, str]:
    """The summarised hours wholly within [since, until), each with the working time its
    out-of-hours counts were worked out for. Read once per request: both patterns ask."""
    return remembered(("anomaly summary", since, until), lambda: _summarised(since, until))


def _summarised(since: datetime, until: datetime) -> dict[datetime, str]:
    rows = AnomalySummaryHour.objects.filter(hour__gte=since, hour__lt=until)
    return {hour: worked for hour, worked in rows.values_list("hour", "working_time") if hour + HOUR <= until}


def summary_rows(since: datetime, until: datetime, **filters: object) -> QuerySet:
    """By a range of hours, the caller keeping those it wants: a month's hours as a list
    of parameters cost more to send than the rows."""
    return AnomalyActorHour.objects.filter(hour_id__gte=since, hour_id__lt=until, **filters)


def volume(since: datetime, until: datetime) -> list[Anomaly]:
    """Hours are truncated in UTC: London's offsets are whole hours, so each UTC hour is
    one real local hour, whereas truncated in local time the hour from 01:00 that
    happens twice when the clocks go back would be one hour of two hours' records, and
    its key (a UTC hour) would find only half of them again."""
    threshold = settings.ACCESS_ANOMALY_RECORDS_PER_HOUR
    covered = summarised(since, until)
    rows = summary_rows(since, until, opened_people__gt=threshold).values_list(
        "actor_id", "actor_label", "hour_id", "opened_entries", "opened_people"
    )
    found = [row for row in rows if row[2] in covered]
    found += volume_from_log(gaps(since, until, set(covered)), threshold)
    return [
        Anomaly(
            key=volume_key(actor_id, hour),
            kind="volume",
            label=f"More than {threshold} people in an hour",
            actor_id=actor_id,
            actor_label=actor_label,
            at=hour,
            entry_count=entries,
            records=records,
        )
        for actor_id, actor_label, hour, entries, records in found
    ]


def volume_from_log(ranges: list[tuple[datetime, datetime]], threshold: int) -> list[tuple]:
    if not ranges:
        return []
    rows = (
        AccessLogSubject.objects.filter(
            in_ranges("entry__at", ranges), entry__actor__isnull=False, entry__kind__in=OPENED
        )
        .annotate(hour=TruncHour("entry__at", tzinfo=UTC))
        .values("entry__actor_id", "entry__actor_label", "hour")
        .annotate(records=Count("person", distinct=True), entries=Count("entry", distinct=True))
        .filter(records__gt=threshold)
    )
    return [
        (r["entry__actor_id"], r["entry__actor_label"], r["hour"], r["entries"], r["records"]) for r in rows
    ]


Ranges = list[tuple[datetime, datetime]]


def _outside_hours_split(since: datetime, until: datetime) -> tuple[list[datetime], Ranges]:
    """The hours outside working time in [since, until): those read from the summary, and
    the ranges worked out from the log. A local day is read from the summary when it lies
    wholly within the period and every one of its hours outside working time is
    summarised under today's working time; any other day's hours outside working time
    are worked out from the log. A day is never part one and part the other: a person
    named in two of its hours is one person, and the summary holds counts, not who."""
    covered = summarised(since, until)
    current = working_time()
    from_summary: list[datetime] = []
    from_log: list[datetime] = []
    for day_start, day_end, outside in outside_hours_by_day(since, until):
        whole = since <= day_start and day_end <= until
        if whole and all(covered.get(h) == current for h in outside):
            from_summary += outside
        else:
            from_log += outside
    return from_summary, clipped_ranges(from_log, since, until)


def out_of_hours(since: datetime, until: datetime) -> list[Anomaly]:
    """One anomaly per user (and actor label) and local day with access outside working
    time, from the summary and the log as `_outside_hours_split` divides the period."""
    from_summary, from_log = _outside_hours_split(since, until)
    found = _out_of_hours_from_summary(from_summary)
    found.update(out_of_hours_from_log(from_log))
    return [
        Anomaly(
            key=out_of_hours_key(actor_id, day),
            kind="out_of_hours",
            label="Access outside working hours",
            actor_id=actor_id,
            actor_label=actor_label,
            at=local_midnight(day),
            entry_count=entries,
            records=records,
            day=day,
        )
        for (actor_id, actor_label, day), (entries, records) in found.items()
    ]


def _out_of_hours_from_summary(hours: list[datetime]) -> dict[tuple, tuple[int, int]]:
    if not hours:
        return {}
    day_of = {hour: local_day(hour) for hour in hours}
    days: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    rows = summary_rows(min(hours), max(hours) + HOUR).values_list(
        "actor_id", "actor_label", "hour_id", "entries", "outside_people"
    )
    for actor_id, actor_label, hour, entries, people in rows:
        if hour not in day_of:
            continue
        day = days[(actor_id, actor_label, day_of[hour])]
        day[0] += entries
        day[1] += people
    return {key: (entries, people) for key, (entries, people) in days.items()}


def out_of_hours_from_log(ranges: list[tuple[datetime, datetime]]) -> dict[tuple, tuple[int, int]]:
    if not ranges:
        return {}
    rows = (
        entries_outside(ranges)
        .values("actor_id", "actor_label", "day")
        .annotate(entries=Count("id", distinct=True), records=Count("subjects__person", distinct=True))
    )
    found: dict[tuple, tuple[int, int]] = {}
    for r in rows:
        day: date = r["day"]
        found[(r["actor_id"], r["actor_label"], day)] = (r["entries"], r["records"])
    return found


def entries_outside(ranges: list[tuple[datetime, datetime]]) -> QuerySet:
    """Users' entries within the ranges and outside working time, each with its local `day`."""
    entries = AccessLogEntry.objects.filter(in_ranges("at", ranges), actor__isnull=False)
    return outside_working_time(entries, "at")


def outside_working_time(rows: QuerySet, field: str) -> QuerySet:
    """The rows whose time `field` falls outside working time, each with its local `day`."""
    start, end = settings.ACCESS_WORKING_HOURS
    outside = Q(local_hour__lt=start) | Q(local_hour__gte=end) | ~Q(weekday__in=settings.ACCESS_WORKING_DAYS)
    return rows.annotate(
        local_hour=ExtractHour(field), weekday=ExtractIsoWeekDay(field), day=TruncDate(field)
    ).filter(outside)
