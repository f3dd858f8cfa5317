"""A retention run that removes a million expired register marks (issue 18), timed, while
a second thread reads pages on its own connection: their timings during the run next to
the same reads just before it, and whether any of them waited for a lock the run held.

The marks are added for the city's own pupils, dated before the attendance feed's
retention period with their weekly counts, inside PostgreSQL; the city's own records are
all inside every feed's period (a dry run checks that only the added marks are due, and
the measure refuses to run otherwise), so the run removes exactly what was added and
the city is as it was afterwards: the run's reports are removed and the tables vacuumed."""

import os
import threading
import time
from datetime import date, timedelta

from django.db import connection, connections

from benchmarks.pages import client_for
from benchmarks.timing import Measure, percentile
from chronology.importing.attendance_weeks import monday
from chronology.importing.codes import ATTENDANCE_CODES
from chronology.models import Feed, FeedRun
from portal.demo.calendar import school_days_before
from portal.demo.scale.build import ScaleCity
from stewardship.models import RetentionRun
from stewardship.services.retention import apply_retention, cutoff_for

GOAL_SECONDS = 60
GOAL_MARKS = 1_000_000
PREFIX = "RETENTION-BENCH-"
POLL_SECONDS = 0.05

_MARKS_SQL = """
INSERT INTO chronology_attendancemark (source_record_id, person_id, school_id, upn, date, session,
    code, meaning, feed_run_id)
SELECT %(prefix)s || p.id || '-' || to_char(d.day, 'YYYYMMDD') || s.session, p.id, p.school_id, p.upn,
       d.day, s.session, CASE WHEN r.ill THEN 'I' ELSE s.code END,
       CASE WHEN r.ill THEN %(ill)s ELSE %(present)s END, %(run)s
FROM unnest(%(days)s::date[]) AS d(day)
CROSS JOIN (VALUES ('AM', '/'), ('PM', '\\')) AS s(session, code)
CROSS JOIN (
    SELECT p.id, p.upn, e.school_id FROM schools_enrolment e JOIN schools_person p ON p.id = e.person_id
    WHERE e.leaving_date IS NULL
) p
CROSS JOIN LATERAL (SELECT random() < 0.05 AS ill) r
LIMIT %(marks)s
"""

_WEEKS_SQL = """
INSERT INTO chronology_attendanceweek (person_id, week, present, attending, authorised, unauthorised,
    not_possible, administrative)
SELECT person_id, date_trunc('week', date)::date, count(*) FILTER (WHERE meaning = %(present)s), 0,
       count(*) FILTER (WHERE meaning = %(ill)s), 0, 0, 0
FROM chronology_attendancemark WHERE date < %(cutoff)s AND source_record_id LIKE %(like)s
GROUP BY 1, 2
"""

_ACTIVITY_SQL = """
SELECT pid, wait_event_type, CASE WHEN wait_event_type = 'Lock' THEN pg_blocking_pids(pid) END,
       extract(epoch FROM clock_timestamp() - xact_start)
FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
"""


def _backend_pid() -> int:
    connection.ensure_connection()
    return connection.connection.info.backend_pid


def _expired_days(marks: int, cutoff: date) -> list[date]:
    """Enough school days for `marks` marks of every pupil on roll, the last a week before
    the attendance feed's cut-off."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM schools_enrolment WHERE leaving_date IS NULL")
        pupils = cursor.fetchone()[0]
    days_needed = -(-marks // (2 * pupils))
    return school_days_before(cutoff - timedelta(days=7), weeks=days_needed // 5 + 2)[-days_needed:]


def _add_expired_marks(marks: int, cutoff: date, days: list[date]) -> tuple[int, int]:
    with connection.cursor() as cursor:
        run = FeedRun.objects.filter(feed__code=Feed.Code.ATTENDANCE).order_by("pk").values_list("pk")
        meanings = {"present": ATTENDANCE_CODES["/"].value, "ill": ATTENDANCE_CODES["I"].value}
        cursor.execute(
            _MARKS_SQL, {"prefix": PREFIX, "days": days, "run": run[0][0], "marks": marks, **meanings}
        )
        added = cursor.rowcount
        cursor.execute(_WEEKS_SQL, {"cutoff": cutoff, "like": f"{PREFIX}%", **meanings})
        weeks = cursor.rowcount
        for table in ("chronology_attendancemark", "chronology_attendanceweek"):
            cursor.execute(f"VACUUM (ANALYZE) {table}")
    return added, weeks


def _remove_leftovers(cutoff: date, days: list[date]) -> None:
    """What a run that failed half-way left of the added marks, and the reports."""
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM chronology_attendancemark WHERE date < %s AND source_record_id LIKE %s",
            [cutoff, f"{PREFIX}%"],
        )
        cursor.execute(
            "DELETE FROM chronology_attendanceweek WHERE week = ANY(%s::date[])",
            [sorted({monday(day) for day in days})],
        )


class _Reader(threading.Thread):
    """Reads the pages in turn on its own database connection, until told to stop or for
    a number of rounds, timing each."""

    def __init__(self, pages: list[tuple[str, str, str]], *, rounds: int | None = None) -> None:
        super().__init__(daemon=True)
        self.pages, self.rounds = pages, rounds
        self.stop, self.started = threading.Event(), threading.Event()
        self.samples: dict[str, list[float]] = {key: [] for key, _, _ in pages}
        self.pid: int | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            clients = {who: client_for(who) for _, who, _ in self.pages}
            self.pid = _backend_pid()
            done = 0
            while not self.stop.is_set() and (self.rounds is None or done < self.rounds):
                for key, who, url in self.pages:
                    started = time.perf_counter()
                    response = clients[who].get(url)
                    self.samples[key].append((time.perf_counter() - started) * 1000)
                    if response.status_code != 200:
                        raise RuntimeError(f"{url} answered {response.status_code}")
                done += 1
                self.started.set()
        except BaseException as error:  # noqa: BLE001 - reported by the measure's thread
            self.error = error
        finally:
            self.started.set()
            connections.close_all()


class _LockWatch(threading.Thread):
    """Samples pg_stat_activity: backends waiting for a lock the run's connection holds,
    lock waits of the readers, and how long the run's open transaction had lasted."""

    def __init__(self, run_pid: int, reader: _Reader) -> None:
        super().__init__(daemon=True)
        self.run_pid, self.reader = run_pid, reader
        self.stop = threading.Event()
        self.samples = self.blocked_by_run = self.reader_lock_waits = 0
        self.longest_transaction = 0.0

    def run(self) -> None:
        try:
            with connection.cursor() as cursor:
                while not self.stop.is_set():
                    cursor.execute(_ACTIVITY_SQL)
                    for pid, wait, blockers, age in cursor.fetchall():
                        if pid == self.run_pid and age is not None:
                            self.longest_transaction = max(self.longest_transaction, float(age))
                        if blockers and self.run_pid in blockers:
                            self.blocked_by_run += 1
                        if pid == self.reader.pid and wait == "Lock":
                            self.reader_lock_waits += 1
                    self.samples += 1
                    time.sleep(POLL_SECONDS)
        finally:
            connections.close_all()


def _percentiles(samples: dict[str, list[float]]) -> dict[str, dict]:
    return {
        key: {
            "reads": len(v),
            "p50_ms": round(percentile(v, 0.5), 1),
            "p95_ms": round(percentile(v, 0.95), 1),
        }
        for key, v in samples.items()
        if v
    }


def _checked_dry_run(added: int, weeks: int) -> float:
    """Refuses to go on if anything but the added marks and weeks is due: the city's own
    records are never removed by the bench."""
    started = time.perf_counter()
    dry = apply_retention(by=None, dry_run=True)
    seconds = time.perf_counter() - started
    expected = {"attendance": {"register marks deleted": added, "weekly attendance counts deleted": weeks}}
    if dry.removed != expected:
        raise RuntimeError(f"Retention would remove more than the bench added: {dry.removed}")
    return seconds


def retention_measure(city: ScaleCity, *, marks: int = GOAL_MARKS, reps: int) -> Measure:
    attendance = Feed.objects.get(code=Feed.Code.ATTENDANCE)
    cutoff = cutoff_for(attendance, date.today())
    reports = set(RetentionRun.objects.values_list("pk", flat=True))
    pages = [
        ("young_person_page", "head.teacher", f"/young-people/{city.outliers[0]}/"),
        ("feed_health", "data.officer", "/feed-health/"),
    ]
    days = _expired_days(marks, cutoff)
    try:
        added, weeks = _add_expired_marks(marks, cutoff, days)
        dry_seconds = _checked_dry_run(added, weeks)
        before = _Reader(pages, rounds=max(reps, 5))
        before.start()
        before.join()
        during = _Reader(pages)
        watch = _LockWatch(_backend_pid(), during)
        during.start()
        during.started.wait()
        watch.start()
        load_before = os.getloadavg()
        started = time.perf_counter()
        run = apply_retention(by=None, dry_run=False)
        seconds = time.perf_counter() - started
        load_after = os.getloadavg()
        during.stop.set()
        watch.stop.set()
        during.join()
        watch.join()
        for reader in (before, during):
            if reader.error:
                raise reader.error
    finally:
        _remove_leftovers(cutoff, days)
        RetentionRun.objects.exclude(pk__in=reports).delete()
        with connection.cursor() as cursor:
            for table in ("chronology_attendancemark", "chronology_attendanceweek"):
                cursor.execute(f"VACUUM (ANALYZE) {table}")
    removed = run.removed.get("attendance", {})
    gone = removed.get("register marks deleted", 0)
    read_before, read_during = _percentiles(before.samples), _percentiles(during.samples)
    slower = [read_during[k]["p95_ms"] / read_before[k]["p95_ms"] for k in read_during if k in read_before]
    allowed = GOAL_SECONDS * added / GOAL_MARKS
    return Measure(
        key="retention_run",
        title=f"Retention run removing {gone:,} expired register marks, with page reads alongside",
        p50_ms=round(seconds * 1000, 1),
        p95_ms=round(seconds * 1000, 1),
        runs=1,
        goal=f"<= {GOAL_SECONDS} s per {GOAL_MARKS:,} marks; no page read waits for a lock the run holds",
        met=seconds <= allowed and gone == added and not (watch.blocked_by_run or watch.reader_lock_waits),
        baseline={
            "what": "the young-person page read just before the run (both pages: reads)",
            "p50_ms": read_before["young_person_page"]["p50_ms"],
            "p95_ms": read_before["young_person_page"]["p95_ms"],
            "reads": read_before,
        },
        ratio=round(max(slower), 2) if slower else None,
        extra={
            "marks_added": added,
            "weeks_added": weeks,
            "removed": removed,
            "marks_per_s": round(gone / seconds) if seconds else None,
            "dry_run_seconds": round(dry_seconds, 2),
            "reads_during": read_during,
            "lock_samples": watch.samples,
            "reads_blocked_by_run": watch.blocked_by_run,
            "reader_lock_waits": watch.reader_lock_waits,
            "longest_run_transaction_s": round(watch.longest_transaction, 2),
            "load_average_before_after": [round(load_before[0], 2), round(load_after[0], 2)],
        },
    )
