"""Working time as the out-of-hours check reads it (ACCESS_WORKING_HOURS and _DAYS, in
local time), by whole UTC hours. London's offsets from UTC are whole hours, so every
entry of one UTC hour has the same local hour, weekday and date: an hour is inside or
outside working time as a whole, and belongs to one local day."""

from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

HOUR = timedelta(hours=1)


def hour_start(at: datetime) -> datetime:
    return at.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def hours_between(since: datetime, until: datetime) -> Iterator[datetime]:
    """The UTC hours that lie wholly within [since, until)."""
    hour = hour_start(since)
    if hour < since:
        hour += HOUR
    while hour + HOUR <= until:
        yield hour
        hour += HOUR


def local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def local_day(hour: datetime) -> date:
    return timezone.localtime(hour).date()


def is_outside(hour: datetime) -> bool:
    return outside_test()(hour)


def outside_test() -> Callable[[datetime], bool]:
    """is_outside with the settings and the time zone read once, for a month's hours."""
    start, end = settings.ACCESS_WORKING_HOURS
    days = frozenset(settings.ACCESS_WORKING_DAYS)
    zone = timezone.get_current_timezone()

    def outside(hour: datetime) -> bool:
        local = hour.astimezone(zone)
        return not start <= local.hour < end or local.isoweekday() not in days

    return outside


def working_time() -> str:
    """What the out-of-hours counts depend on, so that counts worked out under other
    settings are never read as if they were current."""
    start, end = settings.ACCESS_WORKING_HOURS
    days = ",".join(str(d) for d in settings.ACCESS_WORKING_DAYS)
    return f"{start}-{end} on {days} in {settings.TIME_ZONE}"


def as_ranges(hours: Iterable[datetime]) -> list[tuple[datetime, datetime]]:
    """Hours as the fewest [start, end) ranges, for index range scans."""
    ranges: list[tuple[datetime, datetime]] = []
    for hour in sorted(hours):
        if ranges and ranges[-1][1] == hour:
            ranges[-1] = (ranges[-1][0], hour + HOUR)
        else:
            ranges.append((hour, hour + HOUR))
    return ranges


def gaps(since: datetime, until: datetime, covered: set[datetime]) -> list[tuple[datetime, datetime]]:
    """[since, until) less the covered hours, as ranges (the partial hours at either end
    included)."""
    found: list[tuple[datetime, datetime]] = []
    start = since
    for hour in sorted(h for h in covered if since <= h and h + HOUR <= until):
        if start < hour:
            found.append((start, hour))
        start = hour + HOUR
    if start < until:
        found.append((start, until))
    return found


def outside_hours_by_day(
    since: datetime, until: datetime
) -> Iterator[tuple[datetime, datetime, list[datetime]]]:
    """Each local day touching [since, until): its start, its end and its whole hours
    outside working time (not cut to the period: the caller decides what to do with a
    day the period only partly covers)."""
    is_outside = outside_test()
    day = local_day(since)
    while local_midnight(day) < until:
        day_start, day_end = local_midnight(day), local_midnight(day + timedelta(days=1))
        yield day_start, day_end, [hour for hour in hours_between(day_start, day_end) if is_outside(hour)]
        day += timedelta(days=1)


def clipped_ranges(
    hours: Iterable[datetime], since: datetime, until: datetime
) -> list[tuple[datetime, datetime]]:
    """The hours as ranges cut to [since, until), the empty ones left out."""
    ranges = [(max(start, since), min(end, until)) for start, end in as_ranges(hours)]
    return [(start, end) for start, end in ranges if start < end]
