"""Marked chronology events when a pupil's school-year absence crosses a DfE threshold
(persistent at 10%, severe at 50%; FEEDS.md 3.2), or falls back below one. Checked
after every attendance import for the pupils and school years it touched. The events
are the state: the latest one in a year says which band the pupil was last reported
in, so a band is announced once when it changes and never again while it holds."""

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date

from django.db import connection
from django.utils import timezone

from chronology.attendance_years import FRIDAY, week_school_year, years_to_date
from chronology.models import Band, Event, Feed, FeedRun, Sensitivity, YearToDate
from chronology.models.attendance import PERSISTENT_ABSENCE, SEVERE_ABSENCE
from portal.db_copy import copy_rows

THRESHOLD_CATEGORY = "attendance_threshold"
BAND_LINES = (round(100 * PERSISTENT_ABSENCE), round(100 * SEVERE_ABSENCE))
"""The bands' thresholds as whole percents (10 and 50)."""
_CHUNK = 5000


def refresh_thresholds(*, feed: Feed, run: FeedRun, weeks_by_person: Mapping[int, Iterable[date]]) -> int:
    """Returns how many threshold events were written."""
    people_by_year: dict[date, list[int]] = defaultdict(list)
    for person_id, weeks in weeks_by_person.items():
        for year in {week_school_year(w) for w in weeks}:
            people_by_year[year].append(person_id)
    written = 0
    for year, people in sorted(people_by_year.items()):
        people.sort()
        for start in range(0, len(people), _CHUNK):
            written += _check(feed, run, year, people[start : start + _CHUNK])
    return written


def _check(feed: Feed, run: FeedRun, year: date, people: list[int]) -> int:
    announced = _announced_bands(people, year)
    totals = years_to_date(person_ids=people, year_start=year)
    return announce(feed=feed, run=run, years=[(p, ytd, announced.get(p)) for p, ytd in totals.items()])


def announce(*, feed: Feed, run: FeedRun, years: Iterable[tuple[int, YearToDate, str | None]]) -> int:
    """Writes an event for each (pupil, school year to date, band last announced) whose
    band has changed; returns how many. The first import of a year can announce tens of
    thousands, so on PostgreSQL they are COPYed rather than built as models."""
    sensitivity = feed.default_sensitivity or Sensitivity.EDUCATION
    now = timezone.now()
    rows = []
    for person_id, ytd, announced in years:
        band, before = ytd.band, Band(announced) if announced else None
        if band is None or band == before or (before is None and band == Band.NONE):
            continue
        rows.append({
            "person_id": person_id,
            "feed_id": feed.pk,
            "category": THRESHOLD_CATEGORY,
            "occurred_on": ytd.last_week + FRIDAY,
            "summary": threshold_summary(ytd, band=band, before=before),
            "details": {
                "band": band.value,
                "previous_band": before.value if before else None,
                "school_year": ytd.year_start.isoformat(),
                "attended": ytd.attended,
                "possible": ytd.possible,
                "absent": ytd.absent,
                "unauthorised": ytd.unauthorised,
            },
            "sensitivity": sensitivity,
            "feed_run_id": run.pk,
            "link_confidence": 1.0,
            "created_at": now,
            "updated_at": now,
        })  # fmt: skip
    if rows and connection.vendor == "postgresql":
        copy_rows(Event._meta.db_table, list(rows[0]), (tuple(row.values()) for row in rows))
    else:
        Event.objects.bulk_create([Event(**row) for row in rows], batch_size=1000)
    return len(rows)


def _announced_bands(people: list[int], year: date) -> dict[int, str]:
    """Each pupil's band as of the latest threshold event of that school year (an event
    is dated on the Friday of a week of that year, so its date says which year)."""
    rows = (
        Event.objects.filter(
            person_id__in=people,
            category=THRESHOLD_CATEGORY,
            occurred_on__gte=year,
            occurred_on__lt=date(year.year + 1, 9, 1),
        )
        .order_by("person_id", "occurred_on", "id")
        .values_list("person_id", "details__band")
    )
    return dict(rows)


def percent(part: int, whole: int) -> int:
    """Rounded half up, as the set-based SQL rounds (Python's round() rounds half to even)."""
    return (200 * part + whole) // (2 * whole)


def missed_percent(absent: int, possible: int) -> str:
    """A whole percent, unless rounding would carry it up to a band's threshold: a pupil
    who missed 9.6% read "No longer persistently absent: missed 10%". Then one decimal,
    cut rather than rounded, so it stays on its side of the line."""
    whole = percent(absent, possible)
    if any(100 * absent < line * possible and whole >= line for line in BAND_LINES):
        return f"{math.floor(1000 * absent / possible) / 10}"
    return str(whole)


def threshold_summary(ytd: YearToDate, *, band: Band, before: Band | None) -> str:
    missed = (
        f"missed {missed_percent(ytd.absent, ytd.possible)}% of possible sessions this school year "
        f"({ytd.absent} of {ytd.possible}, {ytd.unauthorised} unauthorised) "
        f"up to the week of {ytd.last_week.day} {ytd.last_week:%b %Y}"
    )
    if band == Band.SEVERE:
        return f"Became severely absent: {missed}"
    if band == Band.PERSISTENT:
        if before == Band.SEVERE:
            return f"No longer severely absent but still persistently absent: {missed}"
        return f"Became persistently absent: {missed}"
    return f"No longer persistently absent: {missed}"
