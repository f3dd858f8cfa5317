"""Feed events of the young person, their relatives and their household, first without
their text (read later, for the entries shown, by hydrate)."""

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.access import PROVENANCE_ROLES, DetailLevel
from accounts.roles import Role
from chronology.models import Event, Feed, LinkDoubt, Sensitivity
from chronology.timeline.context import Reading
from chronology.timeline.entries import RANK, TimelineEntry, category_label
from chronology.timeline.filters import TimelineFilter

LINK_REPORT_ROLES = frozenset({Role.DSL, Role.TASKFORCE})
"""Who may report an entry's link as doubtful (it goes to the data officers' queue)."""

UNTIMED = float("-inf")
"""An event whose feed gives only its day is read as the day's earliest: a police
incident at 18:00 comes after one at 09:00 whatever order the files sent them in."""

EPISODE_FEEDS = (Feed.Code.SOCIAL_CARE, Feed.Code.EARLY_HELP, Feed.Code.MISSING_EPISODES)
"""Feeds whose events are episodes, with a start and an end (empty while still open)."""

_COLUMNS = ("pk", "occurred_on", "category", "sensitivity", "person_id", "feed_id", "source_record_id")


def _at(reading: Reading, level: DetailLevel) -> Q:
    """Events the viewer sees at exactly this level (a relative's at partner or above)."""
    mine = Q(person_id=reading.person.pk)
    return (mine & Q(sensitivity__in=reading.tiers(level, family=False))) | (
        ~mine & Q(sensitivity__in=reading.tiers(level, family=True))
    )


def _about(reading: Reading) -> QuerySet[Event]:
    """The events that belong in the chronology. A relative's attendance events (their
    threshold crossings, like their weeks) are routine, not family context: attendance
    is shown to a pupil's own school only (docs/access.md)."""
    about = Event.objects.filter(reading.household.events_about(reading.person))
    attendance = reading.feed(Feed.Code.ATTENDANCE)
    if attendance is None:
        return about
    return about.exclude(Q(feed_id=attendance.pk) & ~Q(person_id=reading.person.pk))


def _on_or_after(reading: Reading, start: date) -> Q:
    """Events dated from `start`, and the episodes still running then that the viewer sees
    in full: a child-protection plan begun in January belongs in March's chronology while
    it lasts. Only in full, as only full detail shows an episode's end."""
    episode_feeds = [feed.pk for code in EPISODE_FEEDS if (feed := reading.feed(code)) is not None]
    running = Q(feed_id__in=episode_feeds) & (Q(ended_on__isnull=True) | Q(ended_on__gte=start))
    return Q(occurred_on__gte=start) | (_at(reading, DetailLevel.FULL) & running)


def _shown(reading: Reading) -> QuerySet[Event]:
    about = _about(reading)
    return about.filter(_at(reading, DetailLevel.FULL) | _at(reading, DetailLevel.CATEGORY_AND_DATE))


def event_count(reading: Reading) -> int:
    """Events of an unfiltered chronology, counted without reading them."""
    return _shown(reading).count()


def event_entries(
    reading: Reading, filters: TimelineFilter, *, newest: int | None = None
) -> list[TimelineEntry]:
    """`newest`: only that many, newest first in the timeline's own order."""
    reading.hidden = reading.hidden or _about(reading).filter(_at(reading, DetailLevel.HIDDEN)).exists()
    shown = _shown(reading)
    if filters.start:
        shown = shown.filter(_on_or_after(reading, filters.start))
    if filters.end:
        shown = shown.filter(occurred_on__lte=filters.end)
    if not filters.with_family:
        shown = shown.filter(person_id=reading.person.pk)
    if filters.q:
        in_full = shown.filter(_at(reading, DetailLevel.FULL), summary__icontains=filters.q)
        reading.found |= frozenset(f"event:{pk}" for pk in in_full.values_list("pk", flat=True))
    if newest is not None:
        shown = shown.order_by("-occurred_on", F("occurred_at").desc(nulls_last=True), "-pk")[:newest]
    return _entries(reading, shown.values_list(*_COLUMNS, "occurred_at", "link_confidence", "ended_on"))


def _entries(reading: Reading, rows: Iterable[tuple]) -> list[TimelineEntry]:
    """An entry per event row. What an entry takes from its sensitivity, feed, category
    or person is worked out once per distinct value, not per row: the longest
    chronologies have thousands of rows but a handful of each, and the per-row lookups
    through the request's user and person were most of the page's Python. Entries are
    made with positional arguments, in TimelineEntry's field order (a test holds the
    order): by keyword, making them took twice as long."""
    me = reading.person.pk
    may_report = reading.role in LINK_REPORT_ROLES
    provenance = reading.provenance
    rank = RANK["event"]
    levels = {
        (sensitivity, family): reading.level(sensitivity, family=family)
        for sensitivity in Sensitivity.values
        for family in (False, True)
    }
    labels: dict[str, str] = {}
    abouts: dict[int | None, str] = {}
    entries = []
    for pk, day, category, sensitivity, person_id, feed_id, source_record_id, at, confidence, ended in rows:
        family = person_id != me
        level = levels[(sensitivity, family)]
        full = level == DetailLevel.FULL
        feed = reading.feeds[feed_id]
        label = labels.get(category)
        if label is None:
            label = labels[category] = category_label(category)
        about = abouts.get(person_id)
        if about is None:
            about = abouts[person_id] = reading.about(person_id)
        reportable = full and source_record_id and person_id and may_report
        entries.append(
            TimelineEntry(
                f"event:{pk}",  # key
                day,  # occurred_on
                (day, rank, at.timestamp() if at else UNTIMED, pk),  # order
                category,
                label,  # category_label
                level,
                about,
                family,  # is_family
                person_id,
                None,  # summary, read by hydrate
                None,  # name
                feed.code if full else None,  # source_code
                feed.name if full else None,  # source_label
                None,  # reference
                None,  # url
                None,  # ended_on
                None,  # imported_on
                None,  # imported_file
                confidence is not None and confidence < 1,  # probable_match
                confidence if full and provenance else None,  # confidence
                pk if reportable else None,  # reportable_event_id
                pk if full else None,  # event_id
                None,  # doubted_on
                False,  # is_gap
                (ended or date.max) if full and feed.code in EPISODE_FEEDS else None,  # runs_until
            )
        )
    return entries


def hydrate(viewer: object, entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """The summaries and provenance of the given entries' events, and whether a report of
    their link waits for a data officer, in one query, read only for events the viewer
    sees in full (only those carry an event_id)."""
    ids = [e.event_id for e in entries if e.event_id]
    if not ids:
        return entries
    open_doubts = LinkDoubt.objects.filter(
        source_record_id=OuterRef("source_record_id"), status=LinkDoubt.Status.OPEN
    ).order_by("reported_at")
    rows = (
        Event.objects.filter(pk__in=ids)
        .annotate(doubted_at=Subquery(open_doubts.values("reported_at")[:1]))
        .values(
            "pk",
            "doubted_at",
            "summary",
            "ended_on",
            "source_record__source_record_id",
            "feed_run__finished_at",
            "feed_run__created_at",
            "feed_run__original_filename",
        )
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
                ended_on=row["ended_on"],
                reference=row["source_record__source_record_id"],
                imported_on=timezone.localtime(run_at).date() if run_at and provenance else None,
                imported_file=row["feed_run__original_filename"] if provenance else None,
                doubted_on=timezone.localtime(row["doubted_at"]).date() if row["doubted_at"] else None,
            )
        )
    return hydrated
