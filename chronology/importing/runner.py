"""One import, start to finish, inside the caller's transaction: read and check the
file, check each row, link it, apply it, and count every row exactly once
(rows read = imported + unchanged + queued for review + rejected + past retention). The
rows past retention are left out (importing/retention.py). The rows read are
counted where the file is read, apart from the outcomes, so that a row the importer
lost without a word fails the import instead of going unnoticed."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from django.db import connection
from django.utils import timezone

from chronology.importing.attendance_bulk import SetBasedAttendance
from chronology.importing.csvfile import FileRejected, Header, count_rows, read_rows
from chronology.importing.handlers import Handler, handler_for
from chronology.importing.retention import RetentionFilter
from chronology.importing.rows import ParsedRow, Rejection
from chronology.importing.specs import SPECS
from chronology.models import Feed, FeedRun, RejectedRow

ProgressCallback = Callable[[int, int], None]


@dataclass
class Counts:
    imported: int = 0
    unchanged: int = 0
    queued: int = 0
    rejected: int = 0
    past_retention: int = 0
    """Valid rows left out: past the feed's retention period, and no legal hold covers them."""
    certain: int = 0
    """Of the rows above, those linked to a person (or household) with certainty."""
    marks_linked: int = 0
    """Not rows of the file: waiting attendance marks its rows gave a pupil for."""

    @property
    def read(self) -> int:
        return self.imported + self.unchanged + self.queued + self.rejected + self.past_retention


class RowsDoNotAddUp(Exception):
    """The outcomes do not account for every row read: a fault of the importer, not of
    the file, so nothing from the file may be kept."""


def _batched(items: Iterator, size: int) -> Iterator[list]:
    while batch := list(islice(items, size)):
        yield batch


class FeedImport:
    def __init__(self, *, run: FeedRun, path: Path, on_progress: ProgressCallback | None = None) -> None:
        self.run = run
        self.feed = run.feed
        self.spec = SPECS[self.feed.code]
        self.path = path
        self.on_progress = on_progress or (lambda done, total: None)
        self.counts = Counts()
        self.retention = RetentionFilter.for_feed(self.feed, timezone.localdate())
        self.rows_read = 0
        self._seen: dict[int, int] = {}
        self._rejections: list[RejectedRow] = []

    def execute(self) -> Counts:
        """The counts, once they are shown to account for every row read."""
        if not (
            self.feed.code == Feed.Code.ATTENDANCE and connection.vendor == "postgresql" and self._set_based()
        ):
            self._row_by_row()
        if self.counts.read != self.rows_read:
            c = self.counts
            past = f" + {c.past_retention} past retention" if c.past_retention else ""
            raise RowsDoNotAddUp(
                f"rows read do not add up: {self.rows_read} rows read from the file, but "
                f"{c.imported} imported + {c.unchanged} unchanged + {c.queued} queued for review "
                f"+ {c.rejected} rejected{past} = {c.read}."
            )
        return self.counts

    def record_header(self, header: Header) -> None:
        self.run.header = header.cells
        self.run.unknown_columns = header.unknown
        self.run.unsupplied_columns = header.unsupplied

    def _row_by_row(self) -> None:
        total = count_rows(self.path)
        self.on_progress(0, total)
        header, rows = read_rows(self.path, self.spec)
        self.record_header(header)
        handler = handler_for(self)
        for batch in _batched(rows, handler.batch_size):
            self.rows_read += len(batch)
            handler.process(list(self._checked(batch, header, handler)))
            self.save_rejections()
            self.on_progress(self.rows_read, total)
        handler.finish()

    def _set_based(self) -> bool:
        """The attendance fast path; a file it cannot take (a rejected header, or rows COPY
        cannot read) goes the row-by-row way, which reports the problem in file order."""
        try:
            header, _ = read_rows(self.path, self.spec)
        except FileRejected:
            return False
        self.record_header(header)
        return SetBasedAttendance(self, header).run()

    def _checked(self, batch: Iterable[tuple[int, list[str]]], header, handler) -> Iterator[ParsedRow]:
        for line, cells in batch:
            row = handler.parse(header, line, cells)
            if isinstance(row, Rejection):
                self.reject(row.line, row.cells, row.column, row.reason)
                continue
            if self.left_out(row, handler):
                continue
            key, digest = hash(row.key), row.digest
            previous = self._seen.get(key)
            if previous is None:
                self._seen[key] = digest
                yield row
            elif previous == digest:
                self.counts.unchanged += 1
            else:
                self.reject(
                    line,
                    cells,
                    self.spec.key,
                    f"{self.spec.key} {row.key} appears earlier in this file with different content",
                )

    def left_out(self, row: ParsedRow, handler: Handler) -> bool:
        """Whether a valid row is left out as past retention (counted, nothing kept). Only
        a row past retention, while a hold covers some person or family, is linked to see
        whether the hold covers it; a usual import pays one date comparison a row."""
        if not self.retention.is_past(row):
            return False
        if self.retention.holds_records and handler.held(row, self.retention):
            return False
        self.counts.past_retention += 1
        return True

    def save_rejections(self) -> None:
        RejectedRow.objects.bulk_create(self._rejections, batch_size=1000)
        self._rejections.clear()

    def reject(self, line: int, cells: list[str], column: str, reason: str) -> None:
        self.counts.rejected += 1
        self._rejections.append(
            RejectedRow(run=self.run, line_number=line, column=column[:100], reason=reason, values=cells)
        )
