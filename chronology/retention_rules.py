"""What "past retention" means, in one place: the nightly retention job removes what it
describes, and the importer leaves out the rows it describes, so that a re-sent old file
cannot bring back what the job removed (docs/retention.md).

A record is past retention when the date its retention counts from (its event date: for
an episode its end, for a school spell or household membership its end) is before its
feed's cut-off, today minus the feed's retention period. The cut-off day itself is kept.
A record with no such date yet (an episode still open, a pupil still on roll) is never
past retention. Legal holds stop it for a person, family or feed: they belong to the
stewardship app, built on the chronology, which tells this module who they cover by
registering its reader (register_holds_reader), as the layers above register their
import listeners; the chronology never imports them."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from chronology.models import Feed


@dataclass(frozen=True)
class Holds:
    """Which people, families and feeds legal holds cover on a day."""

    feeds: frozenset[int]
    people: frozenset[int]
    """Held people, and every member of a held family."""
    families: frozenset[int]
    count: int

    @property
    def any_records(self) -> bool:
        return bool(self.people or self.families)


HoldsReader = Callable[[date], Holds]
_holds_readers: list[HoldsReader] = []


def register_holds_reader(reader: HoldsReader) -> None:
    """Called once by the app that keeps legal holds (stewardship, in its ready())."""
    if reader not in _holds_readers:
        _holds_readers.append(reader)


def holds_in_force(day: date) -> Holds:
    """The holds of `day`. Fails rather than assume none: an import that believed no
    hold was in force would leave out rows a hold keeps."""
    if len(_holds_readers) != 1:
        raise RuntimeError(f"expected one legal-hold reader to be registered, found {len(_holds_readers)}")
    return _holds_readers[0](day)


EVENT_DATES: dict[str, tuple[str, str | None]] = {
    "attendance": ("date", None),
    "suspensions": ("start_date", None),
    "police_incidents": ("occurred_at", None),
    "police_intelligence": ("recorded_on", None),
    "youth_justice": ("outcome_date", None),
    "missing_episodes": ("reported_at", "returned_at"),
    "social_care": ("start_date", "end_date"),
    "early_help": ("start_date", "end_date"),
    "health": ("event_date", None),
    "domestic_abuse": ("notified_at", None),
    "housing_benefits": ("event_date", None),
}
"""A row's event date (and end, for an episode: it counts from the end, so an episode still
open, with no end yet, is current and kept) in its values."""
DATED_BY_FIRST: dict[str, str] = {"domestic_abuse": "incident_date"}
"""A column that dates a row's event ahead of its EVENT_DATES column when the row gives
it: a domestic-abuse notification's chronology event is dated by its incident
(chronology.importing.events), so its row counts from the same day as its event."""
ENDED_SPELLS: dict[str, tuple[str, frozenset[str]]] = {
    "school_census": ("leaving_date", frozenset({"urn", "entry_date", "leaving_date", "year_group"})),
    "households": ("to_date", frozenset({"family_id", "relationship", "from_date", "to_date"})),
}
"""Rows of the identity feeds describe a school spell or household membership the
chronology still shows: once it ended past retention the row is anonymised, keeping only
these values."""


def cutoff_for(feed: Feed, today: date) -> date:
    """The first event date the feed keeps."""
    return today - relativedelta(months=feed.retention_months)


def has_retention_date(feed_code: str) -> bool:
    """Whether the feed's rows carry a date retention counts from (the schools file does not:
    a school is no one's record)."""
    return feed_code in EVENT_DATES or feed_code in ENDED_SPELLS


def row_day(feed_code: str, values: Mapping[str, Any]) -> date | None:
    """The date a row's retention counts from, read from its parsed values; None when it
    is never due (an open episode, a spell not ended, a feed without such a date)."""
    if feed_code in ENDED_SPELLS:
        value = values.get(ENDED_SPELLS[feed_code][0])
    elif feed_code in EVENT_DATES:
        start, end = EVENT_DATES[feed_code]
        first = DATED_BY_FIRST.get(feed_code)
        value = values.get(end) if end else (first and values.get(first)) or values.get(start)
    else:
        return None
    if isinstance(value, datetime):
        # As the job compares stored date-times: by their date in local (London) time.
        return timezone.localtime(value).date()
    return value


def is_past(day: date | None, cutoff: date) -> bool:
    """Dated before the cut-off; the job's queries use the same `< cutoff`."""
    return day is not None and day < cutoff
