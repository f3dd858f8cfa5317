"""Later rows of an attendance file repeating an earlier row's source_record_id: an
identical repeat counts as unchanged, a different one is rejected (FEEDS.md section 1).

Most files repeat no id, and a hashed pass over a million ids to say so was about a
tenth of the import's own work; the marks' unique index checks every id anyway as the
rows are stored. So a file whose ids are all new (none stored: an upsert would settle a
repeat of a stored id as an update), whose rows all belong to known pupils and whose
sessions each appear once and are free is stored at once, in a savepoint, without
looking for repeats. A repeat then breaks the unique index, the savepoint is rolled
back and the file goes the careful way: repeats settled first, then the session checks
(which would otherwise read an identical repeat as a session given twice), then the
upsert. Either way the same rows are stored and the same ones rejected, for the same
reasons."""

from collections.abc import Callable

from django.db import IntegrityError, connection, transaction

from chronology.importing.attendance import IdsAlreadyStored

UNIQUE_ID = "attendance_mark_source_record"
"""The marks' unique constraint on source_record_id (AttendanceMark.Meta)."""


def stored_unless_repeated(store: Callable[[], None]) -> bool:
    """Runs `store` (an upsert of new ids only) in a savepoint; False, with nothing
    written, when some id is already stored or the rows repeat one."""
    try:
        with transaction.atomic():
            store()
    except IdsAlreadyStored:
        return False
    except IntegrityError as error:
        if getattr(getattr(error.__cause__, "diag", None), "constraint_name", None) != UNIQUE_ID:
            raise
        return False
    return True


def repeats_in(table: str) -> list[tuple[int, str, bool]]:
    """(n, source_record_id, whether identical to the id's first row) of each row that
    repeats an earlier row's id, in file order. One hashed pass answers "any repeats?";
    only a file with some pays for the window."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {table} GROUP BY source_record_id HAVING count(*) > 1 LIMIT 1"  # nosec B608  # our tables and columns; no values
        )
        if not cursor.fetchone():
            return []
        cursor.execute(
            f"""
            SELECT n, source_record_id, same FROM (
                SELECT n, source_record_id, row_number() OVER w AS k,
                       (school_id, upn, date, session, code)
                       IS NOT DISTINCT FROM first_value((school_id, upn, date, session, code)) OVER w AS same
                FROM {table} WINDOW w AS (PARTITION BY source_record_id ORDER BY n)
            ) ranked WHERE k > 1 ORDER BY n
            """  # nosec B608  # our tables and columns; no values
        )
        return cursor.fetchall()
