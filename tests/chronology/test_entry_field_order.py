"""The chronology makes its event entries with positional arguments, for speed (a long
chronology makes thousands): a field added to or moved in TimelineEntry must be added
there too, or events would show one field's value as another's."""

import datetime
from types import SimpleNamespace

from accounts.access import DetailLevel
from accounts.roles import Role
from chronology.timeline.entries import TimelineEntry
from chronology.timeline.events import _entries

D = datetime.date(2025, 3, 7)
AT = datetime.datetime(2025, 3, 7, 9, 30, tzinfo=datetime.UTC)


def test_an_event_row_becomes_the_entry_made_by_name():
    feed = SimpleNamespace(code="social_care", name="Children's social care")
    reading = SimpleNamespace(
        person=SimpleNamespace(pk=1),
        role=Role.DSL,
        provenance=True,
        feeds={4: feed},
        level=lambda sensitivity, family: DetailLevel.FULL,
        about=lambda person_id: "Brother",
    )
    row = (12, D, "social_care", "partner", 2, 4, 99, AT, 0.9, None)

    [entry] = _entries(reading, [row])

    assert entry == TimelineEntry(
        key="event:12",
        occurred_on=D,
        order=(D, 3, AT.timestamp(), 12),
        category="social_care",
        category_label="Social care",
        level=DetailLevel.FULL,
        about="Brother",
        is_family=True,
        person_id=2,
        source_code="social_care",
        source_label="Children's social care",
        probable_match=True,
        confidence=0.9,
        reportable_event_id=12,
        event_id=12,
        runs_until=datetime.date.max,
    )
