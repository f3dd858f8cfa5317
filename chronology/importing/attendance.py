"""Storing attendance marks, the high-volume feed. Marks carry their own
source_record_id (no SourceRecord each). On PostgreSQL a batch is copied into a
temporary staging table and upserted by one statement that also reports which
(pupil, week) pairs changed; elsewhere (the SQLite demo) the ORM does the same work."""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Q

from chronology.importing.codes import ATTENDANCE_CODES
from chronology.models import AttendanceMark
from schools.models import Person

MARK_COLUMNS = (
    "source_record_id",
    "person_id",
    "school_id",
    "upn",
    "date",
    "session",
    "code",
    "meaning",
    "feed_run_id",
)
COMPARED = ("person_id", "school_id", "date", "session", "code")
_STAGING = "attendance_staging"


def mark_tuple(values: dict[str, Any], person_id: int | None, school_id: int, run_id: int) -> tuple:
    """A mark in MARK_COLUMNS order."""
    code = values["code"]
    return (
        values["source_record_id"],
        person_id,
        school_id,
        values["upn"],
        values["date"],
        values["session"],
        code,
        ATTENDANCE_CODES[code].value,
        run_id,
    )


def people_by_upn(upns: Iterable[str]) -> dict[str, int]:
    wanted = set(upns)
    found: dict[str, int] = {}
    rows = Person.objects.filter(Q(upn__in=wanted) | Q(former_upn__in=wanted)).values_list(
        "id", "upn", "former_upn"
    )
    for pid, upn, former in rows:
        if former in wanted:
            found.setdefault(former, pid)
        if upn in wanted:
            found[upn] = pid
    return found


def upsert_marks(marks: list[tuple]) -> tuple[int, set[tuple[int, date]]]:
    """Insert new marks and update changed ones; unchanged marks are not touched.
    Returns how many were written and the (person, day) pairs whose week changed (on
    PostgreSQL none: the changes are recorded for refresh_weeks, see upsert_from)."""
    if not marks:
        return 0, set()
    if connection.vendor == "postgresql":
        return _upsert_by_copy(marks)
    return _upsert_by_orm(marks)


def _upsert_by_copy(marks: list[tuple]) -> tuple[int, set[tuple[int, date]]]:
    columns = ", ".join(MARK_COLUMNS)
    buffer = io.StringIO()
    csv.writer(buffer).writerows(marks)
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {_STAGING} "
            "(source_record_id text, person_id bigint, school_id bigint, upn text, date date, "
            "session text, code text, meaning text, feed_run_id bigint) ON COMMIT DROP"
        )
        cursor.execute(f"TRUNCATE {_STAGING}")
        cursor.copy_expert(f"COPY {_STAGING} ({columns}) FROM STDIN WITH (FORMAT csv)", buffer)
    written, _ = upsert_from(_STAGING)
    return written, set()


DELTAS = "attendance_deltas"


def monday_sql(column: str) -> str:
    """SQL for the Monday of the week of a date column, in integer arithmetic (1 January
    1900 was a Monday). date_trunc('week') goes through a timestamp with time zone, which
    over a million marks cost about a fifth of the statement."""
    return f"({column} - mod(mod({column} - DATE '1900-01-01', 7) + 7, 7))"


class IdsAlreadyStored(Exception):
    """upsert_from(new_ids_only=True) found a source_record_id of the rows already stored;
    nothing has been written."""


def upsert_from(source: str, params: Sequence[object] = (), *, new_ids_only: bool = False) -> tuple[int, int]:
    """Upsert the marks a relation (a table name or a parenthesised SELECT with the
    MARK_COLUMNS) holds, leaving unchanged marks alone. Returns how many marks it wrote
    and how many the relation holds; what each write does to a pupil's week (+1 for the
    new mark's meaning, -1 for the old one's) goes to the temporary DELTAS table, which
    the import's attendance_weeks.refresh_weeks applies in the same transaction, so the
    weeks are counted without reading the marks again.

    New marks are inserted in source_record_id order: the unique index then takes them
    in one pass instead of at random, and the (date, person) index still takes them at
    the file's few dates. When no source_record_id is known yet, the usual weekly file,
    a plain INSERT writes them (ON CONFLICT's speculative insertion cost a third more).
    Whether any is known is asked first of the ids' range, one index descent, which
    answers for a file of new ids that sort after or apart from the stored ones (the
    sequential ids school systems usually export); only when the range holds marks is
    each id probed. A concurrent writer of the same id (imports of a feed are
    serialised) would fail the import whole, which can be run again. With `new_ids_only`
    rows some of whose ids are stored are not written (IdsAlreadyStored): their caller has
    not settled the ids the rows repeat among themselves, which only the plain INSERT's
    unique index would catch."""
    table = AttendanceMark._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {DELTAS} "
            "(person_id bigint, week date, meaning text, delta int) ON COMMIT DROP"
        )
        cursor.execute(_RANGE.format(source=source), [*params])
        rows, low, high = cursor.fetchone()
        if not rows:
            return 0, 0
        cursor.execute(_ANY_IN_RANGE.format(table=table), [low, high])
        known = cursor.fetchone()[0]
        if known:
            cursor.execute(_ANY_KNOWN.format(table=table, source=source), [*params])
            known = cursor.fetchone()[0]
        if known and new_ids_only:
            raise IdsAlreadyStored
        if not known:
            cursor.execute(_INSERT_ALL.format(table=table, source=source), [*params])
            inserted = cursor.rowcount
            cursor.execute(_NEW_DELTAS.format(source=source), [*params])
            return inserted, rows
        cursor.execute(_INSERT_NEW.format(table=table, source=source, weekly=_WEEKLY), [*params])
        inserted = cursor.fetchone()[0]
        if inserted == rows:
            return inserted, rows
        cursor.execute(_UPDATE_EXISTING.format(table=table, source=source, weekly=_WEEKLY), [*params])
        return inserted + cursor.fetchone()[0], rows


_COLUMNS = ", ".join(MARK_COLUMNS)
_RANGE = "SELECT count(*), min(source_record_id), max(source_record_id) FROM {source} s"  # nosec B608  # our tables and columns; values bound
_ANY_IN_RANGE = "SELECT EXISTS (SELECT 1 FROM {table} WHERE source_record_id BETWEEN %s AND %s)"  # nosec B608  # our tables and columns; values bound
_ANY_KNOWN = """
    SELECT EXISTS (SELECT 1 FROM {source} s CROSS JOIN LATERAL (
        SELECT 1 FROM {table} m WHERE m.source_record_id = s.source_record_id LIMIT 1
    ) known)
"""
"""LATERAL with LIMIT keeps this one index probe per row; as a semi-join the planner may
hash every mark in the city."""
_IN_INDEX_ORDER = 'ORDER BY s.source_record_id COLLATE "C"'
"""Byte order, which is the unique index's order in a C or C.UTF-8 database and close to
it in others (the order only saves work): sorting a million ids took about a third less
than in the database's collation, whose comparisons are calls into the C library."""
_INSERT_ALL = f"""
    INSERT INTO {{table}} ({_COLUMNS}) SELECT {_COLUMNS} FROM {{source}} s {_IN_INDEX_ORDER}
"""  # nosec B608  # our tables and columns; values bound
_NEW_DELTAS = f"""
    INSERT INTO {DELTAS} (person_id, week, meaning, delta)
    SELECT person_id, {monday_sql("date")}, meaning, count(*) FROM {{source}} s
    WHERE person_id IS NOT NULL GROUP BY 1, 2, 3
"""  # nosec B608  # our tables and columns; values bound
_WEEKLY = f"INSERT INTO {DELTAS} (person_id, week, meaning, delta) SELECT person_id, " + (
    f"{monday_sql('date')}, meaning, sum(delta) FROM changes WHERE person_id IS NOT NULL GROUP BY 1, 2, 3"
)
_INSERT_NEW = f"""
    WITH changes AS (
        INSERT INTO {{table}} ({_COLUMNS}) SELECT {_COLUMNS} FROM {{source}} s
        {_IN_INDEX_ORDER}
        ON CONFLICT (source_record_id) DO NOTHING
        RETURNING person_id, date, meaning, 1 AS delta
    ), recorded AS ({{weekly}})
    SELECT count(*) FROM changes
"""  # nosec B608  # our tables and columns; values bound
"""Only when the insert skipped some rows are they looked up (one index probe each,
LATERAL so that the planner cannot choose to scan every mark) and updated."""
_OLD = ", ".join(f"m.{c}" for c in COMPARED)
_NEW = ", ".join(f"s.{c}" for c in COMPARED)
_UPDATE_EXISTING = f"""
    WITH existing AS (
        SELECT s.*, m.id AS mark_id, m.person_id AS old_person, m.date AS old_date, m.meaning AS old_meaning
        FROM {{source}} s CROSS JOIN LATERAL (
            SELECT id, meaning, feed_run_id, {", ".join(COMPARED)} FROM {{table}}
            WHERE source_record_id = s.source_record_id
        ) m
        WHERE m.feed_run_id IS DISTINCT FROM s.feed_run_id
          AND ({_OLD}) IS DISTINCT FROM ({_NEW})
    ), updated AS (
        UPDATE {{table}} t SET {", ".join(f"{c} = e.{c}" for c in MARK_COLUMNS[1:])}
        FROM existing e WHERE t.id = e.mark_id
        RETURNING t.person_id, t.date, t.meaning
    ), changes AS (
        SELECT person_id, date, meaning, 1 AS delta FROM updated
        UNION ALL SELECT old_person, old_date, old_meaning, -1 FROM existing
    ), recorded AS ({{weekly}})
    SELECT count(*) FROM updated
"""  # nosec B608  # our tables and columns; values bound
"""Rows the insert skipped are marks an earlier run wrote (one run never sends a
source_record_id twice: repeats in a file are settled before the upsert)."""


def _upsert_by_orm(marks: list[tuple]) -> tuple[int, set[tuple[int, date]]]:
    existing = {
        row[0]: row[1:]
        for row in AttendanceMark.objects.filter(source_record_id__in=[m[0] for m in marks]).values_list(
            "source_record_id", "id", *COMPARED
        )
    }
    to_create, to_update, weeks = [], [], set()
    for values in marks:
        mark = AttendanceMark(**dict(zip(MARK_COLUMNS, values, strict=True)))
        old = existing.get(mark.source_record_id)
        if old is not None and old[1:] == (
            mark.person_id,
            mark.school_id,
            mark.date,
            mark.session,
            mark.code,
        ):
            continue
        if old is None:
            to_create.append(mark)
        else:
            mark.pk = old[0]
            to_update.append(mark)
            if old[1] is not None:
                weeks.add((old[1], old[3]))
        weeks.add((mark.person_id, mark.date))
    AttendanceMark.objects.bulk_create(to_create, batch_size=1000)
    AttendanceMark.objects.bulk_update(
        to_update, [c.removesuffix("_id") for c in MARK_COLUMNS[1:]], batch_size=1000
    )
    return len(to_create) + len(to_update), weeks
