"""Feed events of the young person, their relatives and their household, first without
their text (read later, for the entries shown, by hydrate)."""

from dataclasses import replace
from datetime import date

from django.db.models import Q, QuerySet

from accounts.access import PROVENANCE_ROLES, DetailLevel
from accounts.roles import Role
from chronology.models import Event
from chronology.timeline.context import Reading
from chronology.timeline.entries import RANK, TimelineEntry, category_label
from chronology.timeline.filters import TimelineFilter

LINK_REPORT_ROLES = frozenset({Role.DSL, Role.TASKFORCE})
"""Who may report an entry's link as doubtful (it goes to the data officers' queue)."""

_COLUMNS = ("pk", "occurred_on", "category", "sensitivity", "person_id", "feed_id", "source_record_id")


def _at(reading: Reading, level: DetailLevel) -> Q:
    """Events the viewer sees at exactly this level (a relative's at partner or above)."""
    mine = Q(person_id=reading.person.pk)
    return (mine & Q(sensitivity__in=reading.tiers(level, family=False))) | (
        ~mine & Q(sensitivity__in=reading.tiers(level, family=True))
    )


def _shown(reading: Reading) -> QuerySet[Event]:
    about = Event.objects.filter(reading.household.events_about(reading.person))
    return about.filter(_at(reading, DetailLevel.FULL) | _at(reading, DetailLevel.CATEGORY_AND_DATE))


def event_count(reading: Reading) -> int:
    """Events of an unfiltered chronology, counted without reading them."""
    return _shown(reading).count()


def event_entries(
    reading: Reading, filters: TimelineFilter, *, newest: int | None = None
) -> list[TimelineEntry]:
    """`newest`: only that many, newest first in the timeline's own order."""
    about = Event.objects.filter(reading.household.events_about(reading.person))
    reading.hidden = reading.hidden or about.filter(_at(reading, DetailLevel.HIDDEN)).exists()
    shown = _shown(reading)
    if filters.start:
        shown = shown.filter(occurred_on__gte=filters.start)
    if filters.end:
        shown = shown.filter(occurred_on__lte=filters.end)
    if not filters.with_family:
        shown = shown.filter(person_id=reading.person.pk)
    if filters.q:
        in_full = shown.filter(_at(reading, DetailLevel.FULL), summary__icontains=filters.q)
        reading.found |= frozenset(f"event:{pk}" for pk in in_full.values_list("pk", flat=True))
    if newest is not None:
        shown = shown.order_by("-occurred_on", "-pk")[:newest]
    return [_entry(reading, *row) for row in shown.values_list(*_COLUMNS, "link_confidence")]


def _entry(
    reading: Reading,
    pk: int,
    day: date,
    category: str,
    sensitivity: str,
    person_id: int | None,
    feed_id: int,
    source_record_id: int | None,
    confidence: float | None,
) -> TimelineEntry:
    family = person_id != reading.person.pk
    level = reading.level(sensitivity, family=family)
    full = level == DetailLevel.FULL
    feed = reading.feeds[feed_id]
    reportable = full and source_record_id and person_id and reading.role in LINK_REPORT_ROLES
    return TimelineEntry(
        key=f"event:{pk}",
        occurred_on=day,
        order=(day, RANK["event"], pk),
        category=category,
        category_label=category_label(category),
        level=level,
        about=reading.about(person_id),
        is_family=family,
        person_id=person_id,
        source_code=feed.code if full else None,
        source_label=feed.name if full else None,
        probable_match=confidence is not None and confidence < 1,
        confidence=confidence if full and reading.provenance else None,
        reportable_event_id=pk if reportable else None,
        event_id=pk if full else None,
    )


def hydrate(viewer: object, entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """The summaries and provenance of the given entries' events, in one query, read
    only for events the viewer sees in full (only those carry an event_id)."""
    ids = [e.event_id for e in entries if e.event_id]
    if not ids:
        return entries
    rows = Event.objects.filter(pk__in=ids).values(
        "pk",
        "summary",
        "source_record__source_record_id",
        "feed_run__finished_at",
        "feed_run__created_at",
        "feed_run__original_filename",
    )
    details = {row["pk"]: row for row in rows}
    provenance = getattr(viewer, "role", None) in PROVENANCE_ROLES
    hydrated = []
    for entry in entries:
        row = details.get(entry.event_id)
        if row is None:
            hydrated.append(entry)
            continue
        run_at = row["feed_run__finished_at"] or row["feed_run__created_at"]
        hydrated.append(
            replace(
                entry,
                summary=row["summary"],
                reference=row["source_record__source_record_id"],
                imported_on=run_at.date() if run_at and provenance else None,
                imported_file=row["feed_run__original_filename"] if provenance else None,
            )
        )
    return hydrated
