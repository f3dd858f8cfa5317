"""How many of the two pattern anomalies (more people in an hour than the threshold,
access outside working time) IG has not reviewed over a period, for IG's home page. The
anomalies page builds each one, with its review, to list them: at city scale a month
holds thousands, about a fifth of a second, which a page wanting only how many need not
spend. Here the summarised hours are counted in the database, and only the hours the
summary does not hold yet are worked out from the log, so each count is the number of
that kind the anomalies page lists (tests/portal/test_home_ig.py compares them). Each is
counted apart for one reviewer: those about the reviewer's own access, which another IG
officer must review, and the rest."""

from datetime import UTC, datetime

from django.conf import settings
from django.db import connection
from django.db.models import CharField, Count, DateTimeField, Exists, Func, OuterRef, Q, QuerySet, Value
from django.db.models.functions import (
    Cast,
    Concat,
    ExtractDay,
    ExtractHour,
    ExtractMonth,
    ExtractYear,
    LPad,
)

from accounts.models import AnomalyReview
from accounts.selectors_anomaly_patterns import (
    entries_outside,
    out_of_hours_key,
    outside_working_time,
    summarised,
    summary_rows,
    volume_from_log,
    volume_key,
)
from accounts.working_time import HOUR, clipped_ranges, gaps, outside_hours_by_day

Split = tuple[int, int]
"""How many (the reviewer can review, are about the reviewer's own access)."""


def unreviewed_volume(since: datetime, until: datetime, reviewer_id: int) -> Split:
    """A summarised hour counts when it lies wholly within the period, as the anomalies
    page reads it; the rest of the period is worked out from the log."""
    threshold = settings.ACCESS_ANOMALY_RECORDS_PER_HOUR
    covered = summarised(since, until)
    in_summary = (
        summary_rows(since, until, opened_people__gt=threshold)
        .filter(hour_id__lte=until - HOUR)
        .annotate(key=_key("volume", _utc_hour_digits("hour_id")))
    )
    from_log = volume_from_log(gaps(since, until, set(covered)), threshold)
    others, own = _unreviewed(in_summary, reviewer_id)
    more, more_own = _unreviewed_keys([(row[0], volume_key(row[0], row[2])) for row in from_log], reviewer_id)
    return others + more, own + more_own


def unreviewed_out_of_hours(since: datetime, until: datetime, reviewer_id: int) -> Split:
    """One anomaly is a user's (and actor label's) local day with any access outside
    working time. The anomalies page counts each day's people too, so reads a day from
    one source only; whether there is a day needs no people, so here a day is read from
    its summarised hours and the log's for the rest, together: today, whose evening is
    not summarised yet, is then read from the log only for the hours since the summary's
    last run, not from midnight. Which hours are outside working time is decided here from
    each summarised hour itself, under today's working time, so the summary's own
    out-of-hours counts, kept for the people, are not needed. A month holds hundreds of
    these anomalies, not thousands, so their keys are matched against the reviews here."""
    summarised_hours = summary_rows(since, until).filter(hour_id__lte=until - HOUR)
    in_summary = outside_working_time(summarised_hours.annotate(at=_as_datetime("hour_id")), "at")
    found = set(in_summary.values_list(*DAY).distinct())
    rest = _outside_hours_not_summarised(since, until)
    if rest:
        found |= set(entries_outside(rest).order_by().values_list(*DAY).distinct())
    keys = [(actor_id, out_of_hours_key(actor_id, day)) for actor_id, _label, day in found]
    return _unreviewed_keys(keys, reviewer_id)


DAY = ("actor_id", "actor_label", "day")


def _outside_hours_not_summarised(since: datetime, until: datetime) -> list[tuple[datetime, datetime]]:
    """The hours outside working time in [since, until) that the summary does not hold,
    as ranges for the log (partial hours at either end included)."""
    covered = summarised(since, until)
    rest = [
        hour
        for _start, _end, outside in outside_hours_by_day(since, until)
        for hour in outside
        if not (since <= hour and hour + HOUR <= until and hour in covered)
    ]
    return clipped_ranges(rest, since, until)


def _unreviewed(rows: QuerySet, reviewer_id: int) -> Split:
    """Both counts in one query."""
    counts = rows.exclude(Exists(AnomalyReview.objects.filter(key=OuterRef("key")))).aggregate(
        every=Count("pk"), own=Count("pk", filter=Q(actor_id=reviewer_id))
    )
    return counts["every"] - counts["own"], counts["own"]


def _unreviewed_keys(keys: list[tuple[int, str]], reviewer_id: int) -> Split:
    """keys: (actor id, anomaly key) pairs."""
    if not keys:
        return 0, 0
    asked = [key for _, key in keys]
    reviewed = set(AnomalyReview.objects.filter(key__in=asked).values_list("key", flat=True))
    actors = [actor_id for actor_id, key in keys if key not in reviewed]
    own = actors.count(reviewer_id)
    return len(actors) - own, own


def _as_datetime(field: str) -> Cast:
    """The summary's hour as a time: the actor rows hold it as their hour's key."""
    return Cast(field, DateTimeField())


def _key(kind: str, when: Func) -> Concat:
    """The anomaly's key as accounts.selectors_anomaly_patterns writes it."""
    return Concat(
        Value(f"{kind}:"), Cast("actor_id", CharField()), Value(":"), when, output_field=CharField()
    )


def _utc_hour_digits(field: str) -> Func:
    """YYYYMMDDHH of the UTC hour, as the volume key's strftime writes it: PostgreSQL's
    to_char makes it in one call, a tenth of the time of the portable parts put together,
    which SQLite (the demo's database) uses."""
    hour = _as_datetime(field)
    if connection.vendor == "postgresql":
        return Func(
            hour,
            template="to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYYMMDDHH24')",
            output_field=CharField(),
        )
    parts = [
        (ExtractYear(hour, tzinfo=UTC), 4),
        (ExtractMonth(hour, tzinfo=UTC), 2),
        (ExtractDay(hour, tzinfo=UTC), 2),
        (ExtractHour(hour, tzinfo=UTC), 2),
    ]
    return Concat(
        *(LPad(Cast(part, CharField()), width, Value("0")) for part, width in parts), output_field=CharField()
    )
