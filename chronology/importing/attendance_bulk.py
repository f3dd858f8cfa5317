"""The attendance feed on PostgreSQL, set-based, because it is the high-volume feed (a
city sends ~38 million marks a year). The file is COPYed as text into a staging table;
each distinct URN, UPN and (date, session, code) is checked once in Python with the
same parsers every feed uses; joins then do the per-row work inside the database, and
one statement upserts the marks.

Valid rows past the feed's retention period are left out by one statement over the
staged rows (importing/retention.py), before anything else looks at them. Rows that
fail a check are explained by the generic row checker (line, column, reason).
Rows whose UPN belongs to nobody, and rows an earlier import queued, go through the
row-by-row handler, which queues or settles them. A file COPY cannot read (not UTF-8,
ragged or badly quoted rows, blank lines) is left to the row-by-row importer, which names
the line; nothing has been written by then."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import psycopg2
from django.db import DatabaseError, connection, transaction

from chronology.importing.attendance import upsert_from
from chronology.importing.attendance_handler import AttendanceHandler
from chronology.importing.attendance_maps import MAPS, MARK_PARTS, SPACE, UPN_RAW, load_value_maps
from chronology.importing.attendance_repeats import repeats_in, stored_unless_repeated
from chronology.importing.attendance_sessions import taken_in_staged_rows, taken_reason
from chronology.importing.copy_progress import CountingReader
from chronology.importing.csvfile import Header, read_rows
from chronology.importing.rows import ParsedRow, Rejection
from chronology.importing.specs import SOURCE_RECORD_ID_MAX
from chronology.models import SourceRecord
from portal.csv_safety import FORMULA_STARTS, restore_cell

if TYPE_CHECKING:
    from chronology.importing.runner import FeedImport

RAW, ROWS = "attendance_raw", "attendance_rows"
_NEUTRALISED = "^'(?=[" + "".join(sorted(FORMULA_STARTS, key="-".__eq__)) + "])"
"""The apostrophe the rejected-rows download puts before a formula-like cell, taken off
the source_record_id as csvfile.read_rows takes it off every cell (restore_cell)."""
_NUMBERS_CACHED = 100_000
"""Row numbers taken from the staging table's sequence a hundred thousand at a time (one
session, so still 1, 2, 3 ...): one at a time cost about a fifth of the COPY."""
READ_SHARE, CHECKED_SHARE = 0.5, 0.6
"""Progress: reading the file is about half the work, checking the rows a tenth more."""
_VALID = (
    "upn IS NOT NULL AND date IS NOT NULL "
    f"AND source_record_id <> '' AND length(source_record_id) <= {SOURCE_RECORD_ID_MAX}"
)
"""With school_id IS NULL (a URN that is bad or no school's), what sends a row to the
generic checker. A row's date, session and code are matched together: all three good,
or all NULL."""


class SetBasedAttendance:
    def __init__(self, job: FeedImport, header: Header) -> None:
        self.job, self.header = job, header
        self.handler = AttendanceHandler(job)
        self.column = {name: f"c{position}" for name, position in header.positions.items()}
        self.total = 0
        self._simple_lines = True
        self._lines: dict[int, int] | None = None

    def run(self) -> bool:
        """False (nothing written) when COPY cannot read the whole file."""
        if not self._stage():
            return False
        self.job.rows_read = self.total
        self._map_values()
        self._classify()
        left_out = self.job.retention.leave_out_staged(ROWS, f"{_VALID} AND school_id IS NOT NULL")
        self.job.counts.past_retention += left_out
        by_handler = self._set_aside()
        self.job.on_progress(int(CHECKED_SHARE * self.total), self.total)
        if by_handler or self._taken_sessions() or not stored_unless_repeated(self._store_new):
            by_handler = self._settle_repeats(by_handler)
            self._reject_taken_sessions()
            self._upsert()
        self.job.on_progress(self.total - len(by_handler), self.total)
        self._process_in_python(by_handler)
        self.job.save_rejections()
        self.handler.finish()
        self._drop()
        self.job.on_progress(self.total, self.total)
        return True

    def _execute(self, sql: str, params: Iterable[object] = ()) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, list(params))
            return cursor.fetchall() if cursor.description else []

    def _drop(self) -> None:
        maps = ", ".join(f"attendance_map_{m}" for m in MAPS)
        self._execute(f"DROP TABLE IF EXISTS {RAW}, {ROWS}, {UPN_RAW}, {maps}")

    def _stage(self) -> bool:
        self._drop()
        self._execute("SET LOCAL work_mem = '256MB'")
        cells = ", ".join(f"c{i} text" for i in range(len(self.header.cells)))
        numbered = f"n bigint GENERATED ALWAYS AS IDENTITY (CACHE {_NUMBERS_CACHED})"
        self._execute(f"CREATE TEMPORARY TABLE {RAW} ({numbered}, {cells})")
        columns = ", ".join(f"c{i}" for i in range(len(self.header.cells)))
        estimate = self._estimate_rows()
        self.job.on_progress(0, estimate)
        with self.job.path.open("rb") as handle:
            reader = CountingReader(
                handle, lambda lines: self.job.on_progress(int(READ_SHARE * min(lines, estimate)), estimate)
            )
            try:
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.copy_expert(
                        f"COPY {RAW} ({columns}) FROM STDIN WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')",
                        reader,
                    )
                    self.total = cursor.rowcount
            except (DatabaseError, psycopg2.Error):
                self._drop()
                return False
        self._simple_lines = reader.physical_lines == self.total + 1
        if not self._simple_lines and len(self._line_numbers()) != self.total:
            self._drop()
            return False
        self.job.on_progress(int(READ_SHARE * self.total), self.total)
        return True

    def _estimate_rows(self) -> int:
        with self.job.path.open("rb") as handle:
            return max(sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b"")) - 1, 1)

    def _map_values(self) -> None:
        """One pass finds every distinct raw URN, UPN and (date, session, code); each is
        checked once and the verdicts are loaded into small map tables for the joins."""
        urn, upn, *mark = (self._raw(c) for c in ("urn", "upn", *MARK_PARTS))
        distinct: dict[str, list] = {m: [] for m in MAPS}
        for row in self._execute(
            f"SELECT {urn}, {upn}, {', '.join(mark)} FROM {RAW} "  # nosec B608  # our tables and columns; no values
            f"GROUP BY GROUPING SETS (({urn}), ({upn}), ({', '.join(mark)}))"
        ):
            if row[0] is not None:
                distinct["urn"].append(row[0])
            elif row[1] is not None:
                distinct["upn"].append(row[1])
            else:
                distinct["mark"].append(row[2:])
        load_value_maps(distinct)

    def _raw(self, column: str, table: str = "") -> str:
        """A staged cell, '' for an empty one (COPY reads an unquoted empty cell as NULL)."""
        return f"coalesce({table}{self.column[column]}, '')"

    def _classify(self) -> None:
        """The rows in the file's order: only the insert needs them in source_record_id
        order (attendance.upsert_from sorts them there); sorting here as well cost a second
        sort of a million rows."""
        marked = " AND ".join(f"mark_map.raw_{c} = {self._raw(c, 'r.')}" for c in MARK_PARTS)
        srid = self._raw("source_record_id", "r.")
        self._execute(
            f"""
            CREATE TEMPORARY TABLE {ROWS} AS
            SELECT r.n,
                   btrim(CASE WHEN left({srid}, 1) = '''' THEN regexp_replace({srid}, %s, '')
                              ELSE {srid} END, %s) AS source_record_id,
                   urn_map.school_id, upn_map.upn, upn_map.person_id,
                   mark_map.date, mark_map.session, mark_map.code, mark_map.meaning
            FROM {RAW} r
            LEFT JOIN attendance_map_urn urn_map ON urn_map.raw = {self._raw("urn", "r.")}
            LEFT JOIN attendance_map_upn upn_map ON upn_map.raw = {self._raw("upn", "r.")}
            LEFT JOIN attendance_map_mark mark_map ON {marked}
            """,  # nosec B608  # our tables and columns; values bound
            [_NEUTRALISED, SPACE],
        )

    def _set_aside(self) -> list[int]:
        """One pass over the rows finds those the set-based path does not take. Rows with
        a bad value are explained by the generic checker (line, column, reason); rows it
        accepts after all (a URN no school holds), rows whose UPN no pupil holds, and rows
        an earlier import queued (deciding them settles the review) are returned for the
        row-by-row handler, which reports, queues or settles them as every other feed does."""
        queued = ""
        if self.handler.queued_before:
            queued = (
                f" OR source_record_id IN (SELECT source_record_id FROM {SourceRecord._meta.db_table} "
                f"WHERE feed_id = {int(self.job.feed.pk)})"  # nosec B608  # our tables and columns; values bound
            )
        rows = self._execute(
            f"SELECT n, NOT ({_VALID}) OR school_id IS NULL FROM {ROWS} "  # nosec B608  # our tables and columns; values bound
            f"WHERE NOT ({_VALID}) OR school_id IS NULL OR person_id IS NULL{queued} ORDER BY n"
        )
        invalid = [n for n, bad in rows if bad]
        for_handler = [n for n, bad in rows if not bad]
        if not invalid:
            return for_handler
        self._execute(f"DELETE FROM {ROWS} WHERE n = ANY(%s)", [invalid])  # nosec B608  # our tables and columns; values bound
        cells = self._cells(invalid)
        accepted = []
        for n in invalid:
            row = self.handler.parse(self.header, self._line(n), cells[n])
            if isinstance(row, Rejection):
                self.job.reject(row.line, row.cells, row.column, row.reason)
            else:
                accepted.append(n)
        return accepted + for_handler

    def _settle_repeats(self, by_handler: list[int]) -> list[int]:
        """Takes the rows repeating an earlier row's id out of the staged rows (see
        attendance_repeats), then the handler's rows; returns the handler's rows left."""
        rows = repeats_in(ROWS)
        cells = self._cells([n for n, _, same in rows if not same])
        for n, srid, same in rows:
            if same:
                self.job.counts.unchanged += 1
            else:
                reason = f"source_record_id {srid} appears earlier in this file with different content"
                self.job.reject(self._line(n), cells[n], "source_record_id", reason)
        repeated = {n for n, _, _ in rows}
        by_handler = sorted(n for n in by_handler if n not in repeated)
        gone = sorted(repeated.union(by_handler))
        if gone:
            self._execute(f"DELETE FROM {ROWS} WHERE n = ANY(%s)", [gone])  # nosec B608  # our tables and columns; values bound
        return by_handler

    def _taken_sessions(self) -> list[tuple]:
        days = [day for (day,) in self._execute("SELECT DISTINCT date FROM attendance_map_mark")]
        return taken_in_staged_rows(ROWS, days)

    def _reject_taken_sessions(self) -> None:
        taken = self._taken_sessions()
        if not taken:
            return
        numbers = [n for n, _, _ in taken]
        staged = {
            row[0]: row[1:]
            for row in self._execute(
                f"SELECT n, upn, date, session FROM {ROWS} WHERE n = ANY(%s)",  # nosec B608  # our tables and columns; values bound
                [numbers],  # noqa: S608
            )
        }
        cells = self._cells(numbers)
        for n, holder, in_file in taken:
            upn, day, session = staged[n]
            reason = taken_reason(upn=upn, day=day, session=session, holder=holder, in_file=in_file)
            self.job.reject(self._line(n), cells[n], "session", reason)
        self._execute(f"DELETE FROM {ROWS} WHERE n = ANY(%s)", [numbers])  # nosec B608  # our tables and columns; values bound

    def _store_new(self) -> None:
        self._upsert(new_ids_only=True)

    def _upsert(self, *, new_ids_only: bool = False) -> None:
        source = (
            "(SELECT source_record_id, person_id, school_id, upn, date, session, code, meaning, "
            f"%s::bigint AS feed_run_id FROM {ROWS})"  # nosec B608  # our tables and columns; values bound
        )
        written, rows = upsert_from(source, [self.job.run.pk], new_ids_only=new_ids_only)
        self.job.counts.imported += written
        self.job.counts.unchanged += rows - written
        self.job.counts.certain += rows

    def _process_in_python(self, numbers: list[int]) -> None:
        if not numbers:
            return
        cells = self._cells(numbers)
        for start in range(0, len(numbers), self.handler.batch_size):
            parsed = []
            for n in numbers[start : start + self.handler.batch_size]:
                row = self.handler.parse(self.header, self._line(n), cells[n])
                if isinstance(row, ParsedRow):
                    if not self.job.left_out(row, self.handler):
                        parsed.append(row)
                else:
                    self.job.reject(row.line, row.cells, row.column, row.reason)
            self.handler.process(parsed)

    def _cells(self, numbers: list[int]) -> dict[int, list[str]]:
        columns = ", ".join(f"coalesce(c{i}, '')" for i in range(len(self.header.cells)))
        rows = self._execute(f"SELECT n, {columns} FROM {RAW} WHERE n = ANY(%s)", [numbers])  # nosec B608  # our tables and columns; values bound
        return {row[0]: [restore_cell(cell) for cell in row[1:]] for row in rows}

    def _line(self, n: int) -> int:
        """The line where data row n starts: n + 1 unless a quoted cell spans lines."""
        return n + 1 if self._simple_lines else self._line_numbers()[n]

    def _line_numbers(self) -> dict[int, int]:
        if self._lines is None:
            _, rows = read_rows(self.job.path, self.job.spec)
            self._lines = {number: line for number, (line, _) in enumerate(rows, start=1)}
        return self._lines
