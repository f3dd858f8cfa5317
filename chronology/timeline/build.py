"""The chronology selector: every entry about a young person and their family, merged,
ordered and cut to the viewer's detail level through accounts.access.

Built in two steps so that a page costs the same however long the chronology is: first
the dates, categories and sensitivities of every entry (no text), which are ordered,
filtered, counted and paginated; then `hydrate` reads the summaries and provenance of
the entries actually shown, and only of those the viewer sees in full."""

from collections import Counter
from dataclasses import dataclass

from accounts.access import DETAIL_BY_ROLE, RESTRICTED_NOTICE, DetailLevel, can_view, household_of
from chronology.models import Feed, Sensitivity
from chronology.timeline.context import Reading
from chronology.timeline.education import school_move_entries, week_entries
from chronology.timeline.entries import TimelineEntry
from chronology.timeline.events import event_count, event_entries, hydrate
from chronology.timeline.filters import TimelineFilter
from chronology.timeline.gaps import gap_entries
from chronology.timeline.registered import registered_entries
from schools.models import Person


@dataclass(frozen=True)
class CategoryCount:
    code: str
    label: str
    count: int
    """Entries of the category under the current filter, other than the category filter itself."""


@dataclass(frozen=True)
class Timeline:
    viewer: object
    person: Person
    filter: TimelineFilter
    entries: list[TimelineEntry]
    """Filtered and ordered; events' text not read yet (see hydrate)."""
    restricted_notice: str | None
    """The single head-teacher line, whatever the filter: no count, no dates."""
    categories: list[CategoryCount]
    sources: list[tuple[str, str]]
    """(code, label) of the feeds and capabilities the viewer sees entries of in full."""
    hidden_tiers: list[str]
    """The sensitivity codes the viewer sees less than in full ("partner", "restricted")."""
    total: int
    """Entries under the filter in all: len(entries), unless only the newest were read."""

    def hydrate(self, entries: list[TimelineEntry]) -> list[TimelineEntry]:
        return hydrate(self.viewer, entries)

    def people_shown(self, entries: list[TimelineEntry]) -> list[int]:
        """Every person these entries are about, the young person first, for the access log."""
        return list(dict.fromkeys([self.person.pk, *(e.person_id for e in entries if e.person_id)]))


def timeline_for(
    user: object, person: Person, filters: TimelineFilter | None = None, *, newest: int | None = None
) -> Timeline:
    """The young person's chronology as the user may see it. A fixed number of queries,
    however many entries there are; of what the user may not see, nothing is read but
    whether it exists (for the restricted line).

    `newest` reads only the newest entries (and the total), for a summary such as the
    young-person page's, without the category counts and sources the chronology page
    filters by: exact, because the newest N entries can hold no event older than the
    newest N events, and every other source is read in full."""
    filters = filters or TimelineFilter()
    levels = DETAIL_BY_ROLE.get(getattr(user, "role", None))
    if levels is None or not can_view(user, person):
        return Timeline(user, person, filters, [], None, [], [], [], 0)
    if newest is not None and not filters.is_default:
        raise ValueError("Only the unfiltered chronology can be read newest first in part.")
    feeds = {
        feed.pk: feed for feed in Feed.objects.only("code", "name", "default_sensitivity", "cadence_days")
    }
    reading = Reading(user=user, person=person, household=household_of(person), feeds=feeds)
    visible = event_entries(reading, filters, newest=newest)
    visible += week_entries(reading) + school_move_entries(reading) + registered_entries(reading)
    visible += gap_entries(reading, visible)
    if filters.matches_all():
        shown = list(visible)
    else:
        shown = [e for e in visible if filters.matches(e, found=reading.found)]
    shown.sort(key=lambda e: e.order, reverse=not filters.oldest_first)
    if newest is not None:
        events_read = sum(1 for e in shown if e.key.startswith("event:"))
        total = len(shown) - events_read + event_count(reading)
        return Timeline(
            viewer=user,
            person=person,
            filter=filters,
            entries=shown[:newest],
            restricted_notice=RESTRICTED_NOTICE if reading.hidden else None,
            categories=[],
            sources=[],
            hidden_tiers=[Sensitivity(s).value for s, level in levels.items() if level < DetailLevel.FULL],
            total=total,
        )
    return Timeline(
        viewer=user,
        person=person,
        filter=filters,
        entries=shown,
        restricted_notice=RESTRICTED_NOTICE if reading.hidden else None,
        categories=_counts(visible, filters, reading.found),
        sources=sorted(
            {(e.source_code, e.source_label) for e in visible if e.source_code}, key=lambda s: s[1]
        ),
        hidden_tiers=[Sensitivity(s).value for s, level in levels.items() if level < DetailLevel.FULL],
        total=len(shown),
    )


def _counts(
    visible: list[TimelineEntry], filters: TimelineFilter, found: frozenset[str]
) -> list[CategoryCount]:
    labels = {e.category: e.category_label for e in visible if not e.is_gap}
    kept = visible
    if not filters.matches_all(ignore_category=True):
        kept = [e for e in visible if filters.matches(e, found=found, ignore_category=True)]
    counted = Counter(e.category for e in kept if not e.is_gap)
    return sorted(
        (CategoryCount(code, label, counted[code]) for code, label in labels.items()), key=lambda c: c.label
    )
