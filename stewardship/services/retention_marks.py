"""Removing expired register marks and weekly attendance counts: the records retention
finds by the million (a school year of a city's pupils is tens of millions of marks), so
they go by ranges of their own two-column index ((date, person) for marks, (person,
week) for weekly counts), each range deleted in its own short transaction.

Each range is found from where the last one ended, walking the index forwards: a range
is never looked for again from the start of the index, where the rows already deleted
leave entries until the table is vacuumed, nor picked out as a list of ids, which the
planner answered with a scan of the whole table once the list was long (measured: 6 to
8 seconds for each batch of 50,000 marks in a table of 8 million, docs/retention.md).
The few marks no pupil holds go first, through their own small index. Page reads are
never blocked: a delete takes only row locks, which no read waits for, and no
transaction lasts longer than one range."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction
from django.db.models import Model, Q

from chronology.models import AttendanceMark, AttendanceWeek

BATCH = 50_000

HeldNow = Callable[[], frozenset[int] | None]
"""The people legal holds cover now, read inside each batch's transaction so that a hold
set while a run is under way keeps what the rest of the run would have removed; None
once the whole feed is held."""


@dataclass(frozen=True)
class _Ranges:
    """A table deleted by ranges of the index on (first, second), for the rows `where`
    (with `person_id` never null) picks."""

    table: str
    first: str
    second: str
    where: str
    start: tuple

    def next_bound(self, params: dict, *, after: bool = False) -> tuple | None:
        """The key `batch` rows on from the start (or the first key after it)."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {self.first}, {self.second} FROM {self.table} WHERE {self.where} "  # nosec B608  # names are this module's constants; values bound
                f"AND ({self.first}, {self.second}) {'>' if after else '>='} (%(from_1)s, %(from_2)s) "
                f"ORDER BY {self.first}, {self.second} OFFSET %(batch)s LIMIT 1",
                params,
            )
            return cursor.fetchone()

    def delete(self, params: dict, held_now: HeldNow, *, bounded: bool) -> int | None:
        upper = f"AND ({self.first}, {self.second}) < (%(to_1)s, %(to_2)s)" if bounded else ""
        return _in_batch(
            f"DELETE FROM {self.table} WHERE {self.where} "  # nosec B608  # names are this module's constants; values bound
            f"AND ({self.first}, {self.second}) >= (%(from_1)s, %(from_2)s) {upper} "
            "AND person_id <> ALL(%(held)s::bigint[])",
            params,
            held_now,
        )

    def delete_all(self, params: dict, held_now: HeldNow) -> int:
        removed, start = 0, self.start
        while True:
            at = params | {"from_1": start[0], "from_2": start[1], "batch": BATCH}
            bound = self.next_bound(at)
            if bound == start:  # a whole batch of rows on one key: the range ends after it
                bound = self.next_bound(at | {"batch": 0}, after=True)
            if bound is None:
                return removed + (self.delete(at, held_now, bounded=False) or 0)
            gone = self.delete(at | {"to_1": bound[0], "to_2": bound[1]}, held_now, bounded=True)
            if gone is None:
                return removed
            removed += gone
            start = bound


MARKS = _Ranges(
    "chronology_attendancemark",
    "date",
    "person_id",
    "date < %(cutoff)s AND person_id IS NOT NULL",
    (date.min, 0),
)
WEEKS = _Ranges("chronology_attendanceweek", "person_id", "week", "week < %(cutoff)s", (0, date.min))
_UNLINKED_MARKS = """
DELETE FROM chronology_attendancemark WHERE id IN (
    SELECT id FROM chronology_attendancemark WHERE person_id IS NULL AND date < %(cutoff)s LIMIT %(batch)s
)
"""


def _in_batch(sql: str, params: dict, held_now: HeldNow) -> int | None:
    """Runs one batch's delete in its own transaction, with the people held at that
    moment; None, deleting nothing, once the whole feed is held."""
    with transaction.atomic(), connection.cursor() as cursor:
        held = held_now()
        if held is None:
            return None
        cursor.execute(sql, params | {"held": sorted(held)})
        return cursor.rowcount


def _by_one_statement(model: type[Model], expired: Q, held_now: HeldNow) -> int:
    """The embedded SQLite of `make demo` (a few hundred thousand marks, one user) has no
    readers to keep unblocked, nor the PostgreSQL row comparisons the ranges use."""
    with transaction.atomic():
        held = held_now()
        if held is None:
            return 0
        due = model.objects.filter(expired).exclude(person_id__in=held)
        return due._raw_delete(due.db)


def delete_expired_marks(*, cutoff: date, held_now: HeldNow) -> int:
    """Deletes the marks dated before `cutoff` of everyone but the held people, and the
    unlinked ones (no pupil holds their UPN, so no hold can cover them); returns how many."""
    if connection.vendor != "postgresql":
        return _by_one_statement(AttendanceMark, Q(date__lt=cutoff), held_now)
    removed = 0
    while gone := _in_batch(_UNLINKED_MARKS, {"cutoff": cutoff, "batch": BATCH}, held_now):
        removed += gone
    return removed + MARKS.delete_all({"cutoff": cutoff}, held_now)


def delete_expired_weeks(*, before: date, held_now: HeldNow) -> int:
    """Deletes the weekly counts of weeks starting before `before`, but the held people's."""
    if connection.vendor != "postgresql":
        return _by_one_statement(AttendanceWeek, Q(week__lt=before), held_now)
    return WEEKS.delete_all({"cutoff": before}, held_now)
