"""The registry through which other capabilities add entries to the chronology. The
chronology must not import the apps built on it (trigger points, referrals and
interventions), so each of them registers a source here when Django starts (in its
AppConfig.ready), as the taskforce caseload does in accounts.access.

A source is asked for the rows of a set of people (the young person and, when the
viewer asks for family context, their relatives) and returns facts with a sensitivity.
The chronology then decides, through accounts.access, what the viewer sees of each:
rows of a tier the viewer may not see are dropped (and count towards the single
"restricted information exists" line), rows seen as category and date lose their
summary, reference and link before they reach a template, a CSV or a serializer. A
source may narrow its rows further for the viewer (its own need-to-know rules) but
never needs to redact them itself. See docs/chronology.md, "Adding a source"."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class SourceQuery:
    """What the chronology asks a source for."""

    viewer: object
    """The signed-in user the rows are for (already allowed to open the young person)."""
    person_ids: frozenset[int]
    """The young person and the relatives whose rows may appear; rows about anyone else
    are ignored. A relative's rows outside the days they lived together are dropped by
    the chronology, so a source need not know about households."""
    start: date | None = None
    end: date | None = None
    """The viewer's date filter, both inclusive; a source may ignore it (the chronology
    filters again), but should use it to read less."""


@dataclass(frozen=True)
class SourceRow:
    """One fact of a capability, about one person on one day."""

    person_id: int
    occurred_on: date
    category: str
    """A code, such as "trigger_point_raised"; its label comes from the source's
    `categories`, or is made from the code."""
    summary: str
    """The full text. Only viewers who see the row's sensitivity in full ever get it."""
    sensitivity: str
    """A chronology.models.Sensitivity value: a flag takes the highest sensitivity of its
    evidence; a referral or an intervention is usually partner."""
    key: str
    """Unique within the source and stable between requests (the row's primary key), so
    that pages and exports agree and ties are broken the same way every time."""
    reference: str = ""
    """The capability's own reference for the entry (a referral number)."""
    url: str = ""
    """A link to the capability's own page for the entry, shown only in full detail; that
    page applies its own access rules."""
    name: str = ""
    """What the row is about, for viewers who see it only as category and date, where the
    access rules let them know it: DESIGN.md section 5 names a trigger point to anyone
    who may see its tier at least as category and date. Nothing else of the summary."""
    occurred_at: datetime | None = None
    """When on the day it happened, where the capability knows: a day's rows are ordered
    by it, so that a trigger point cleared the day it was raised reads after the raising.
    Give `occurred_on` as the local (Europe/London) day of this moment, not its UTC day."""


RowsFor = Callable[[SourceQuery], Iterable[SourceRow]]


@dataclass(frozen=True)
class TimelineSource:
    code: str
    """Stable, used in filter URLs (?source=trigger_points); must not clash with a feed code."""
    label: str
    """Shown as the entry's source, as a feed's name is for events."""
    rows: RowsFor
    categories: dict[str, str] = field(default_factory=dict)
    """Category code -> label, for the filter and for the rows."""


_SOURCES: dict[str, TimelineSource] = {}


def register_timeline_source(
    *, code: str, label: str, rows: RowsFor, categories: dict[str, str] | None = None
) -> TimelineSource:
    """Add a capability's entries to every chronology. Call once, from AppConfig.ready();
    registering the same code again replaces the source (Django may call ready() twice in
    tests), so the last definition wins."""
    if not code or not code.replace("_", "").isalnum():
        raise ImproperlyConfigured(f"A timeline source code must be letters, digits and _, not {code!r}.")
    source = TimelineSource(code=code, label=label, rows=rows, categories=dict(categories or {}))
    _SOURCES[code] = source
    return source


def unregister_timeline_source(code: str) -> None:
    """For tests that register a source of their own."""
    _SOURCES.pop(code, None)


def timeline_sources() -> list[TimelineSource]:
    return sorted(_SOURCES.values(), key=lambda s: s.label)
