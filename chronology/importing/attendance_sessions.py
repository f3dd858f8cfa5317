"""A pupil's session holds one register mark (FEEDS.md 3.2: one row per pupil per
session). A row giving a session that an earlier row of the same file, or a mark stored
under another source_record_id, already gives would count the session twice in the
pupil's rates and thresholds, so it is rejected, naming the mark that holds the session;
that mark stands. (A source that re-keys its marks therefore has the new ids rejected
until the old marks are corrected: a loud refusal rather than doubled absence.)"""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.db import connection

from chronology.importing.attendance import monday_sql
from chronology.importing.codes import SESSIONS
from chronology.marks import marks_on
from chronology.models import AttendanceMark

Session = tuple[int, date, str]
"""(person id, date, AM or PM)"""


def taken_reason(*, upn: str, day: date, session: str, holder: str, in_file: bool) -> str:
    where = "an earlier row of this file" if in_file else "a mark already imported"
    return (
        f"UPN {upn} already has a mark for the {session} session of {day:%-d %b %Y}, from {where} "
        f"(source_record_id {holder}): a session holds one mark"
    )


def taken_in_batch(batch: Sequence[tuple[str, Session]]) -> dict[int, tuple[str, bool]]:
    """The row-by-row path's check, one batch at a time (the batches before it are stored
    by then, so the stored marks answer for them): for each position in batch
    (source_record_id, session) whose session is taken, the source_record_id holding it
    and whether that is a row of this batch."""
    stored = _stored([session for _, session in batch])
    taken: dict[int, tuple[str, bool]] = {}
    first: dict[Session, str] = {}
    for position, (srid, session) in enumerate(batch):
        holder = stored.get(session)
        if holder is not None and holder != srid:
            taken[position] = (holder, False)
        elif (earlier := first.setdefault(session, srid)) != srid:
            taken[position] = (earlier, True)
    return taken


def _stored(sessions: Iterable[Session]) -> dict[Session, str]:
    people, days = set(), set()
    for person_id, day, _ in sessions:
        people.add(person_id)
        days.add(day)
    if not people:
        return {}
    rows = marks_on(person_ids=sorted(people), days=days).values_list(
        "person_id", "date", "session", "source_record_id"
    )
    return {(p, d, s): srid for p, d, s, srid in rows}


_MONDAY = monday_sql("date")
_SESSIONS = "ARRAY[" + ", ".join(f"'{s}'" for s in SESSIONS) + "]"
_BIT = f"{len(SESSIONS)} * (date - {_MONDAY}) + array_position({_SESSIONS}, session) - 1"
_ANY_TWICE = f"""
    SELECT 1 FROM {{table}} WHERE person_id IS NOT NULL GROUP BY person_id, {_MONDAY}
    HAVING count(*) > bit_count(bit_or(1::bigint << ({_BIT}))::bit(64)) LIMIT 1
"""  # nosec B608  # our tables and columns; no values
"""Whether any pupil's session appears twice, asked per pupil-week: each of a week's 14
sessions (7 days, SESSIONS each; the staged rows hold only those) is a bit of a bigint,
and a week with fewer bits set than rows gives one twice. A weekly file makes one group
per pupil where grouping by session made one per mark: a million groups took about
twice as long to build (load 3.5)."""
assert 7 * len(SESSIONS) <= 63


def taken_in_staged_rows(table: str, days: list[date]) -> list[tuple[Any, ...]]:
    """The set-based path's check over its staged rows (n, source_record_id, person_id,
    date, session): (n, holder, in_file) for each row whose session is taken. One hashed
    pass tells whether the file gives any session twice (_ANY_TWICE; the window runs
    only then); the stored marks are read for the file's days only, by the (date,
    person) index, so a file of new weeks finds none at once."""
    found = []
    with connection.cursor() as cursor:
        cursor.execute(_ANY_TWICE.format(table=table))
        if cursor.fetchone():
            cursor.execute(
                f"""
                SELECT n, holder, true FROM (
                    SELECT n, source_record_id, first_value(source_record_id) OVER w AS holder,
                           row_number() OVER w AS k
                    FROM {table} WHERE person_id IS NOT NULL
                    WINDOW w AS (PARTITION BY person_id, date, session ORDER BY n)
                ) ranked WHERE k > 1
                """  # nosec B608  # our tables and columns; values bound
            )
            found += cursor.fetchall()
        cursor.execute(
            f"""
            WITH stored AS MATERIALIZED (
                SELECT person_id, date, session, source_record_id FROM {AttendanceMark._meta.db_table}
                WHERE date = ANY(%s)
            )
            SELECT s.n, m.source_record_id, false FROM {table} s
            JOIN stored m ON m.person_id = s.person_id AND m.date = s.date AND m.session = s.session
            WHERE m.source_record_id <> s.source_record_id
            """,  # nosec B608  # our tables and columns; values bound
            [days],
        )
        in_file = {n for n, _, _ in found}
        found += [row for row in cursor.fetchall() if row[0] not in in_file]
    return sorted(found)
