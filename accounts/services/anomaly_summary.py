"""Working out the access log's pattern counts once per closed UTC hour, into the summary
IG's anomalies page reads (accounts.models.anomaly_summary).

An hour is summarised once it has ended. An entry takes its time when it is written and
shows once its transaction commits, so a long transaction can add an entry to an hour
already summarised, with an id lower than others already counted: ids cannot say what is
new. Each hour's summary therefore keeps how many entries the hour had, taken before its
counts, and an hour whose count has changed since is worked out again: a later entry
raises it, and entries removed under the log's retention lower it (the hour is then
worked out again from what is left, and the counts of the entries removed go with them).
The frequent run checks the recent hours, where late commits land; the nightly run
checks every hour summarised."""

from collections import Counter
from datetime import UTC, datetime, timedelta

from django.db import connection, transaction
from django.db.models import Count, Min
from django.db.models.functions import TruncHour
from django.utils import timezone

from accounts.models import AccessLogEntry, AccessLogSubject, AnomalyActorHour, AnomalySummaryHour
from accounts.selectors_anomaly_patterns import OPENED, in_ranges
from accounts.working_time import (
    as_ranges,
    hour_start,
    hours_between,
    is_outside,
    local_day,
    local_midnight,
    working_time,
)

SUMMARY_LOCK_ID = 0x5AFE_A707
KEEP_UP_DAYS = 32
"""How far back the frequent run keeps the summary whole: the anomalies page's default
period (30 days and today) and a little more. Older periods are summarised by the
command's backfill, and worked out from the log until they are."""
RECHECK = timedelta(days=2)
"""How far back the frequent run looks for entries committed late. No transaction of
the portal's lasts anywhere near this long; the nightly check looks at every hour."""


def anomaly_summary_refresh(
    *, now: datetime | None = None, days: int = KEEP_UP_DAYS, check_all: bool = False
) -> int | None:
    """Summarises every closed hour of the last `days` days not yet summarised, any hour
    summarised under other working time, and any whose entries have changed in the last
    RECHECK (with `check_all`, in every hour summarised). Returns how many hours needed
    it (the rest of each such hour's local day is worked out with it), or None if
    another run holds the summary."""
    closed = hour_start(now or timezone.now())
    keep_from = closed - timedelta(days=days)
    check_from = None if check_all else closed - RECHECK
    with transaction.atomic():
        if not _lock():
            return None
        rows = AnomalySummaryHour.objects.filter(hour__lt=closed)
        if check_from is not None:
            rows = rows.filter(hour__gte=min(keep_from, check_from))
        stored = {
            hour: (entries, worked)
            for hour, entries, worked in rows.values_list("hour", "entries", "working_time")
        }
        current = working_time()
        stale = {h for h in hours_between(keep_from, closed) if h not in stored}
        stale |= {h for h, (_, worked) in stored.items() if worked != current}
        check_from = min(stored, default=closed) if check_from is None else check_from
        counts = _entry_counts(check_from, closed)
        stale |= {h for h, (entries, _) in stored.items() if h >= check_from and counts.get(h, 0) != entries}
        for day, first in _first_stale_hour_by_day(stale).items():
            _summarise(first, min(local_midnight(day + timedelta(days=1)), closed))
        return len(stale)


def _lock() -> bool:
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [SUMMARY_LOCK_ID])
        return cursor.fetchone()[0]


def _entry_counts(since: datetime, until: datetime) -> dict[datetime, int]:
    rows = (
        AccessLogEntry.objects.filter(at__gte=since, at__lt=until)
        .annotate(hour=TruncHour("at", tzinfo=UTC))
        .order_by()
        .values("hour")
        .annotate(n=Count("id"))
    )
    return {r["hour"]: r["n"] for r in rows}


def _first_stale_hour_by_day(stale: set[datetime]) -> dict:
    """An hour's out-of-hours count depends on the earlier hours of its local day, so a
    day is worked out again from its first stale hour to its end."""
    first: dict = {}
    for hour in sorted(stale):
        first.setdefault(local_day(hour), hour)
    return first


def _summarise(since: datetime, until: datetime) -> None:
    """Replaces the summary of the hours [since, until), all of one local day. The
    entries are counted first: an entry committed between the count and the grouping
    leaves the count short, so the next check works the hour out again; never the other
    way round."""
    counts = _entry_counts(since, until)
    actor_rows = (
        AccessLogEntry.objects.filter(at__gte=since, at__lt=until, actor__isnull=False)
        .annotate(hour=TruncHour("at", tzinfo=UTC))
        .order_by()
        .values("hour", "actor_id", "actor_label")
        .annotate(entries=Count("id"))
    )
    opened = {
        (r["hour"], r["entry__actor_id"], r["entry__actor_label"]): (r["entries"], r["people"])
        for r in AccessLogSubject.objects.filter(
            entry__at__gte=since, entry__at__lt=until, entry__actor__isnull=False, entry__kind__in=OPENED
        )
        .annotate(hour=TruncHour("entry__at", tzinfo=UTC))
        .values("hour", "entry__actor_id", "entry__actor_label")
        .annotate(entries=Count("entry", distinct=True), people=Count("person", distinct=True))
    }
    outside = _outside_firsts(since, until)
    now = timezone.now()
    worked = working_time()
    AnomalySummaryHour.objects.filter(hour__gte=since, hour__lt=until).delete()
    AnomalySummaryHour.objects.bulk_create(
        AnomalySummaryHour(hour=h, entries=counts.get(h, 0), working_time=worked, summarised_at=now)
        for h in hours_between(since, until)
    )
    rows = []
    for r in actor_rows:
        key = (r["hour"], r["actor_id"], r["actor_label"])
        opened_entries, opened_people = opened.get(key, (0, 0))
        rows.append(
            AnomalyActorHour(
                hour_id=r["hour"],
                actor_id=r["actor_id"],
                actor_label=r["actor_label"],
                entries=r["entries"],
                opened_entries=opened_entries,
                opened_people=opened_people,
                outside_people=outside[key],
            )
        )
    AnomalyActorHour.objects.bulk_create(rows)


def _outside_firsts(since: datetime, until: datetime) -> Counter:
    """For each hour of [since, until) outside working time, how many people each actor
    named then and in no earlier hour outside working time of the same local day (the
    day's earlier hours read from the log, before `since` too)."""
    day_start = local_midnight(local_day(since))
    ranges = as_ranges(h for h in hours_between(day_start, until) if is_outside(h))
    if not ranges:
        return Counter()
    firsts = (
        AccessLogSubject.objects.filter(in_ranges("entry__at", ranges), entry__actor__isnull=False)
        .values("entry__actor_id", "entry__actor_label", "person_id")
        .annotate(first=Min(TruncHour("entry__at", tzinfo=UTC)))
    )
    # An aggregate of a truncation comes back without its zone: the truncation is in UTC.
    found = ((r["first"].replace(tzinfo=UTC), r["entry__actor_id"], r["entry__actor_label"]) for r in firsts)
    return Counter(row for row in found if row[0] >= since)
