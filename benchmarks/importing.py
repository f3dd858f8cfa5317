"""Import throughput: a register file of existing pupils' marks, imported by the real
importer (with no import listener: the work others queue on commit runs later, in its
own Celery task), next to a COPY of the same rows, already resolved to their pupils,
into the marks table with its indexes: issue 18 states the goal against what storing
the rows costs the database. The marks are dated in the school year before the city's,
so every row is new; they are removed afterwards so the city can be reused by the next
run."""

import csv
import io
import statistics
import time
from datetime import timedelta
from pathlib import Path
from unittest import mock

from django.db import connection, transaction

from accounts.models import User
from benchmarks.timing import Measure
from chronology.importing import touched
from chronology.importing.attendance import MARK_COLUMNS
from chronology.importing.attendance_weeks import monday
from chronology.importing.codes import ATTENDANCE_CODES
from chronology.models import AttendanceMark, AttendanceWeek, Event, FeedRun, RejectedRow
from chronology.services.imports import import_feed_file
from portal.demo.calendar import school_days_before
from portal.demo.scale.build import ScaleCity
from portal.demo.spec import FEED_COLUMNS
from portal.demo.users import DEMO_DOMAIN

GOAL_SHARE_OF_COPY_INTO_MARKS = 0.5
"""Importing may take at most twice as long as storing the same rows (issue 18)."""


def write_register_file(city: ScaleCity, path: Path, rows: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.urn, p.upn FROM schools_enrolment e JOIN schools_person p ON p.id = e.person_id "
            "JOIN schools_school s ON s.id = e.school_id WHERE e.leaving_date IS NULL ORDER BY p.id"
        )
        pupils = cursor.fetchall()
        cursor.execute("SELECT min(date) FROM chronology_attendancemark")
        first = cursor.fetchone()[0] or city.as_of
    days_needed = -(-rows // (2 * len(pupils)))
    days = school_days_before(first - timedelta(days=1), weeks=days_needed // 5 + 2)[-days_needed:]
    written = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(FEED_COLUMNS["attendance"])
        for day in days:
            for session in ("AM", "PM"):
                for urn, upn in pupils:
                    if written == rows:
                        return written
                    code = "/" if session == "AM" else "\\"
                    writer.writerow(
                        (f"BENCH-{upn}-{day:%Y%m%d}{session}", urn, upn, day.isoformat(), session, code)
                    )
                    written += 1
    return written


def _copy_file(cursor, table: str, path: Path) -> None:
    """The baseline: the file COPYed as it is into a new temporary table."""
    cursor.execute(
        f"CREATE TEMP TABLE {table} (source_record_id text, urn text, upn text, date date, "
        "session text, code text)"
    )
    with path.open(encoding="utf-8") as handle:
        cursor.copy_expert(f"COPY {table} FROM STDIN WITH (FORMAT csv, HEADER true)", handle)


def _copy_seconds(path: Path) -> float:
    with connection.cursor() as cursor:
        started = time.perf_counter()
        _copy_file(cursor, "bench_copy", path)
        seconds = time.perf_counter() - started
        cursor.execute("DROP TABLE bench_copy")
    return seconds


class _RollBack(Exception):
    pass


def _resolved_rows(path: Path) -> str:
    """The file's rows as the marks table stores them (pupil, school and meaning looked
    up in Python, outside any timing), as CSV for the baseline's COPY; feed_run_id is
    filled in per run."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.upn, p.id, e.school_id FROM schools_enrolment e "
            "JOIN schools_person p ON p.id = e.person_id WHERE e.leaving_date IS NULL"
        )
        pupils = {upn: (person, school) for upn, person, school in cursor.fetchall()}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        next(rows)
        for srid, _urn, upn, day, session, code in rows:
            person, school = pupils[upn]
            writer.writerow((srid, person, school, upn, day, session, code, ATTENDANCE_CODES[code].value))
    return buffer.getvalue()


def _copy_into_marks_seconds(resolved: str, run: FeedRun) -> float:
    """The goal's baseline: the same rows, already resolved to their pupils, COPYed in
    the file's order straight into the marks table with its indexes (then rolled back),
    i.e. what storing them costs the database alone, before any checking, linkage or
    summaries. The rolled-back rows are vacuumed away, as the import's are (_forget)."""
    buffer = io.StringIO(resolved.replace("\n", f",{run.pk}\n"))
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            started = time.perf_counter()
            cursor.copy_expert(
                f"COPY chronology_attendancemark ({', '.join(MARK_COLUMNS)}) FROM STDIN WITH (FORMAT csv)",
                buffer,
            )
            seconds = time.perf_counter() - started
            raise _RollBack
    except _RollBack:
        pass
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM {AttendanceMark._meta.db_table}")
    return seconds


def _forget(run: FeedRun) -> None:
    """Removes what the measured run wrote, so the next bench run imports new rows again.
    Vacuumed too: a unique index still holding the deleted marks' entries makes the next
    run check each new mark against a dead one (measured at about a third slower)."""
    marks = AttendanceMark.objects.filter(feed_run=run)
    weeks = {monday(day) for day in marks.values_list("date", flat=True).distinct()}
    marks.delete()
    AttendanceWeek.objects.filter(week__in=weeks).delete()
    Event.objects.filter(feed_run=run).delete()
    RejectedRow.objects.filter(run=run).delete()
    with connection.cursor() as cursor:
        for model in (AttendanceMark, AttendanceWeek, Event):
            cursor.execute(f"VACUUM (ANALYZE) {model._meta.db_table}")


def import_measure(city: ScaleCity, *, rows: int, work_dir: Path, runs: int = 1) -> Measure:
    """Each run imports the file and, right after it is removed again, COPYs the same
    resolved rows into the marks table (the two share the host's state at that moment).
    The ratio is the median of the runs' ratios: on a shared host a COPY beside one
    import varied by up to half. A raw COPY of the file into a scratch table (the
    goal's baseline before issue 18) is kept as context."""
    path = work_dir / "bench-attendance.csv"
    written = write_register_file(city, path, rows)
    resolved = _resolved_rows(path)
    officer = User.objects.get(email=f"data.officer@{DEMO_DOMAIN}")
    timings = []
    for _ in range(runs):
        file_copy_seconds = _copy_seconds(path)
        started = time.perf_counter()
        with mock.patch.object(touched, "IMPORT_LISTENERS", []):
            run = import_feed_file(feed_code="attendance", path=path, by=officer)
        seconds = time.perf_counter() - started
        imported, rejected, status = run.rows_imported, run.rows_rejected, run.status
        _forget(run)
        timings.append((seconds, _copy_into_marks_seconds(resolved, run), file_copy_seconds))
    path.unlink()
    seconds = statistics.median(s for s, _, _ in timings)
    into_marks = statistics.median(c for _, c, _ in timings)
    file_copy = statistics.median(f for _, _, f in timings)
    share = statistics.median(c / s for s, c, _ in timings)
    return Measure(
        key="attendance_import",
        title=f"Import of {written:,} attendance marks (importer vs COPY of the resolved rows into marks)",
        p50_ms=round(seconds * 1000, 1),
        p95_ms=round(max(s for s, _, _ in timings) * 1000, 1),
        runs=runs,
        goal=f"import rate >= {GOAL_SHARE_OF_COPY_INTO_MARKS:.2f} of the rate of COPY into the marks table",
        met=share >= GOAL_SHARE_OF_COPY_INTO_MARKS and imported == written,
        baseline={
            "what": "COPY of the same rows, resolved to their pupils, into the marks table with its indexes",
            "seconds": round(into_marks, 2),
            "rows_per_s": round(written / into_marks),
        },  # fmt: skip
        ratio=round(share, 3),
        extra={
            "rows": written,
            "rows_per_s": round(written / seconds),
            "status": status,
            "imported": imported,
            "rejected": rejected,
            "ratio_per_run": [round(c / s, 3) for s, c, _ in timings],
            "file_copy_rows_per_s": round(written / file_copy),
            "share_of_file_copy": round(statistics.median(f / s for s, _, f in timings), 3),
        },  # fmt: skip
    )
