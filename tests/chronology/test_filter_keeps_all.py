"""A filter that keeps every entry says so, so that an unfiltered chronology is not asked
of each of its entries; it must never say so of a filter that drops one."""

import datetime

import pytest

from accounts.access import DetailLevel
from chronology.timeline import TimelineFilter
from chronology.timeline.entries import TimelineEntry

D = datetime.date


def _entry(**fields: object) -> TimelineEntry:
    return TimelineEntry(
        **{
            "key": "event:1",
            "occurred_on": D(2025, 3, 7),
            "order": (),
            "category": "police_incident",
            "category_label": "Police incident",
            "level": DetailLevel.FULL,
            "about": "Brother",
            "is_family": True,
            "person_id": 2,
            "summary": "Stop and search",
            "source_code": "police_incidents",
            "source_label": "Police incidents",
        }
        | fields
    )


ENTRIES = [_entry(), _entry(is_gap=True, category="no_data"), _entry(is_family=False, source_code=None)]


@pytest.mark.parametrize(
    "filters",
    [
        TimelineFilter(),
        TimelineFilter(oldest_first=True),
        TimelineFilter(categories=frozenset({"suspension"})),
        TimelineFilter(sources=frozenset({"suspensions"})),
        TimelineFilter(start=D(2025, 4, 1)),
        TimelineFilter(end=D(2025, 1, 1)),
        TimelineFilter(with_family=False),
        TimelineFilter(q="nothing like it"),
    ],
)
@pytest.mark.parametrize("ignore_category", [False, True])
def test_a_filter_keeps_all_only_when_it_keeps_every_entry(filters, ignore_category):
    kept = [e for e in ENTRIES if filters.matches(e, ignore_category=ignore_category)]
    if filters.matches_all(ignore_category=ignore_category):
        assert kept == ENTRIES
    else:
        assert kept != ENTRIES


def test_the_unfiltered_chronology_keeps_all():
    assert TimelineFilter().matches_all()
    assert TimelineFilter(categories=frozenset({"suspension"})).matches_all(ignore_category=True)
