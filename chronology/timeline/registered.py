"""Entries of other capabilities (trigger points, referrals, interventions), through the
registry in chronology.timeline_sources, cut to the viewer's level like any event."""

import re
from datetime import date

from accounts.access import DetailLevel
from chronology.timeline.context import Reading
from chronology.timeline.entries import RANK, TimelineEntry, category_label
from chronology.timeline_sources import SourceQuery, SourceRow, TimelineSource, timeline_sources

Period = tuple[date | None, date | None]


def registered_entries(reading: Reading) -> list[TimelineEntry]:
    """For the young person and the relatives they lived with, each relative's rows only
    for the days they lived together. Sources are asked for everything, not the date
    filter's days, so that the restricted line never depends on the filter."""
    periods: dict[int, list[Period]] = {}
    for relative in reading.household.relatives:
        if relative.together is not None:
            periods.setdefault(relative.membership.person_id, []).append(relative.together)
    query = SourceQuery(viewer=reading.user, person_ids=frozenset({reading.person.pk, *periods}))
    entries = []
    for source in timeline_sources():
        for row in source.rows(query):
            family = row.person_id != reading.person.pk
            if family and not any(_within(row.occurred_on, p) for p in periods.get(row.person_id, [])):
                continue
            level = reading.level(row.sensitivity, family=family)
            if level == DetailLevel.HIDDEN:
                reading.hidden = True
                continue
            entries.append(_entry(reading, source, row, level, family))
    return entries


def _entry(reading: Reading, source: TimelineSource, row: SourceRow, level: DetailLevel, family: bool):
    full = level == DetailLevel.FULL
    return TimelineEntry(
        key=f"{source.code}:{row.key}",
        occurred_on=row.occurred_on,
        order=(row.occurred_on, RANK["source"], _moment(row), source.code, _natural(row.key)),
        category=row.category,
        category_label=category_label(row.category, source.categories),
        level=level,
        about=reading.about(row.person_id),
        is_family=family,
        person_id=row.person_id,
        summary=row.summary if full else None,
        name=None if full else (row.name or None),
        source_code=source.code if full else None,
        source_label=source.label if full else None,
        reference=(row.reference or None) if full else None,
        url=(row.url or None) if full else None,
    )


def _moment(row: SourceRow) -> float:
    """Rows without a time come first in the day, as the earliest."""
    return row.occurred_at.timestamp() if row.occurred_at else float("-inf")


def _natural(key: str) -> tuple:
    """Keys are mostly primary keys: "10" is recorded after "9", not before it. Digits and
    text alternate from a text part, so two keys always compare part by part."""
    parts = re.split(r"(\d+)", key)
    return tuple(int(part) if i % 2 else part for i, part in enumerate(parts))


def _within(day: date, period: Period) -> bool:
    start, end = period
    return (start is None or day >= start) and (end is None or day <= end)
