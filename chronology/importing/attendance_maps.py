"""The verdicts on an attendance file's distinct values: each distinct URN, UPN, date,
session and code is checked once, by the parsers every feed uses, and the verdicts go
into small temporary tables the set-based import joins the rows to. UPNs pupils hold
are matched in the database instead (see _load_upn_map). A file of a
million rows has only ~100,000 distinct UPNs and a handful of dates and codes.

The date, session and code are judged together, as the (date, session, code) triples
the file holds (a few hundred even for a term's file): one map and one join for the
three instead of three. Over a million rows, finding the distinct values took about a
third less time and the join a tenth less (docs/benchmark-findings.md). A row with any
of the three bad matches no triple, and the generic checker names the bad cell."""

import csv
import io
import re
from collections.abc import Callable
from datetime import date

from django.db import connection
from django.utils import timezone

from chronology.importing.codes import ATTENDANCE_CODES, SESSIONS
from chronology.importing.plausibility import is_school_weekday
from chronology.importing.values import BadValue, parse_date, parse_upn
from schools.models import Person, School

MAPS = ("urn", "upn", "mark")
MARK_PARTS = ("date", "session", "code")
"""The columns the "mark" map is keyed on, together."""
UPN_RAW = "attendance_upn_raw"
SPACE = " \t\r\n\f\v"
_URN = re.compile(r"\d{6}")


def load_value_maps(distinct: dict[str, list]) -> None:
    """Creates attendance_map_<name> (raw value -> checked value, and the school or pupil
    it names) for each name in MAPS; a raw value that fails its check is left out. The
    "mark" map is keyed on the raw (date, session, code) triples; only triples whose
    three values all pass are kept."""
    schools = dict(School.objects.values_list("urn", "pk"))
    urns = [(raw, schools.get(urn)) for raw in distinct["urn"] if _URN.fullmatch(urn := raw.strip())]
    _create("attendance_map_urn", "raw text PRIMARY KEY, school_id bigint", urns)
    days: dict[str, date | None] = {}
    marks = []
    for raw_day, raw_session, raw_code in distinct["mark"]:
        if raw_day not in days:
            days[raw_day] = _plausible_day(raw_day)
        session, code = raw_session.strip().upper(), raw_code.strip().upper()
        if (day := days[raw_day]) and session in SESSIONS and code in ATTENDANCE_CODES:
            marks.append((raw_day, raw_session, raw_code, day, session, code, ATTENDANCE_CODES[code].value))
    raws = ", ".join(f"raw_{part}" for part in MARK_PARTS)
    columns = ", ".join(f"raw_{part} text" for part in MARK_PARTS)
    columns += f", date date, session text, code text, meaning text, PRIMARY KEY ({raws})"
    _create("attendance_map_mark", columns, marks, raws)
    _load_upn_map(distinct["upn"])


def _load_upn_map(raws: list[str]) -> None:
    """A UPN a pupil holds (or held: former_upn, unless another pupil holds it now, as
    attendance.people_by_upn) was checked when it was recorded, so the database matches
    those; only the rest, a few in a usual file, are checked here."""
    _create(UPN_RAW, "raw text", [(raw,) for raw in raws])
    people = Person._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            CREATE TEMPORARY TABLE attendance_map_upn AS
            SELECT d.raw, d.upn, coalesce(held.id, former.id) AS person_id FROM (
                SELECT raw, upper(btrim(raw, %s)) AS upn FROM {UPN_RAW}
            ) d
            LEFT JOIN {people} held ON held.upn = d.upn
            LEFT JOIN LATERAL (
                SELECT p.id FROM {people} p WHERE held.id IS NULL AND p.former_upn = d.upn
                ORDER BY p.id LIMIT 1
            ) former ON true
            """,  # nosec B608  # our tables and columns; values bound
            [SPACE],
        )
        cursor.execute("DELETE FROM attendance_map_upn WHERE person_id IS NULL RETURNING raw")
        unmatched = [raw for (raw,) in cursor.fetchall()]
    checked = [(raw, upn, None) for raw in unmatched if (upn := _checked(parse_upn, raw))]
    _load("attendance_map_upn", checked)


def _plausible_day(raw: str) -> date | None:
    """A date a register mark can have (plausibility.py); a row with any other goes to the
    generic checker, which says why."""
    day = _checked(parse_date, raw)
    return day if day and is_school_weekday(day) and day <= timezone.localdate() else None


def _create(table: str, columns: str, rows: list[tuple], raws: str = "raw") -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {table} ({columns})")
    _load(table, rows, raws)


def _load(table: str, rows: list[tuple], raws: str = "raw") -> None:
    """The raw columns are never NULL (an empty cell is matched as ''): FORCE_NOT_NULL
    reads them so."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY {table} FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL ({raws}))", buffer)
        cursor.execute(f"ANALYZE {table}")


def _checked(parse: Callable[[str], object], raw: str) -> object | None:
    value = raw.strip()
    if not value:
        return None
    try:
        return parse(value)
    except BadValue:
        return None
