"""A young person's feed events and register weeks as one viewer sees them, read through
the one chronology selector (chronology.timeline.timeline_for), for the access layer's
tests of detail levels and household periods. School moves, gap markers and other
capabilities' entries are left out: those tests are about events."""

from dataclasses import dataclass
from datetime import date

from accounts.access import DetailLevel
from chronology.timeline import timeline_for


@dataclass(frozen=True)
class Row:
    occurred_on: date
    category: str
    summary: str | None
    level: DetailLevel
    is_family_event: bool
    about: str
    source: str | None


@dataclass(frozen=True)
class Seen:
    rows: list[Row]
    restricted_notice: str | None


def chronology_seen(user: object, person: object) -> Seen:
    timeline = timeline_for(user, person)
    events = [e for e in timeline.entries if e.key.startswith(("event:", "week:"))]
    rows = [
        Row(e.occurred_on, e.category_label, e.summary, e.level, e.is_family, e.about, e.source_label)
        for e in timeline.hydrate(events)
    ]
    return Seen(rows=rows, restricted_notice=timeline.restricted_notice)
