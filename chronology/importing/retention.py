"""Rows past their feed's retention period are left out of an import, so that a re-sent
old file cannot bring back what the nightly retention job removed (or bring in what it
would remove that night). "Past retention" and the legal holds are the job's own
(chronology.retention_rules): a row the job would keep is imported,
one it would remove is not, and none of its values are kept anywhere, not even as a
rejected row; the run counts them and says why.

A row is checked first: a row with a bad value is rejected whatever its date. A valid
row past retention is then left out unless a hold covers it as the job's holds do: a
hold on its feed, on the person it links to, or on its family (a family
hold covers every member). A row that would wait in the review queue is linked to no one,
and the job removes those whatever the holds, so it is left out too."""

from dataclasses import dataclass
from datetime import date

from django.db import connection

from chronology.importing.rows import ParsedRow
from chronology.models import Feed
from chronology.retention_rules import Holds, cutoff_for, has_retention_date, holds_in_force, is_past, row_day
from schools.models import Family


@dataclass(frozen=True)
class RetentionFilter:
    feed_code: str
    cutoff: date
    applies: bool
    """Whether any row of the feed can be left out: not under a hold on the whole feed,
    nor for the schools file, whose rows carry no date retention counts from."""
    holds: Holds
    held_family_ids: frozenset[str]
    """The council's household ids (`family_id` in a row) of the held families."""

    @classmethod
    def for_feed(cls, feed: Feed, today: date) -> "RetentionFilter":
        holds = holds_in_force(today)
        families = Family.objects.filter(pk__in=holds.families).values_list("family_id", flat=True)
        applies = has_retention_date(feed.code) and feed.pk not in holds.feeds
        return cls(feed.code, cutoff_for(feed, today), applies, holds, frozenset(families))

    @property
    def holds_records(self) -> bool:
        """Whether a hold on a person or family could cover some row."""
        return self.holds.any_records

    def is_past(self, row: ParsedRow) -> bool:
        return self.applies and is_past(row_day(self.feed_code, row.values), self.cutoff)

    def held_family(self, row: ParsedRow) -> bool:
        return row.values.get("family_id") in self.held_family_ids

    def held_person(self, person_id: int | None) -> bool:
        return person_id is not None and person_id in self.holds.people

    def leave_out_staged(self, table: str, where: str) -> int:
        """The set-based attendance path: deletes the staged rows (of `table`, with `date`
        and `person_id` columns) that `where` finds valid and that are past retention and
        not held; returns how many. One statement over the staged rows, and none at all
        when the file's dates (a few hundred, in the small map table) are all kept."""
        if not self.applies or not _any_before("attendance_map_mark", self.cutoff):
            return 0
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {table} WHERE date < %s AND ({where}) "  # nosec B608  # our tables and columns; values bound
                "AND (person_id IS NULL OR person_id <> ALL(%s::bigint[]))",
                [self.cutoff, sorted(self.holds.people)],
            )
            return cursor.rowcount


def _any_before(table: str, cutoff: date) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {table} WHERE date < %s LIMIT 1", [cutoff])  # nosec B608  # our table; values bound
        return cursor.fetchone() is not None
