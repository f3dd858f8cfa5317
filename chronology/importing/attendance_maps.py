"""The verdicts on an attendance file's distinct values: each distinct URN, UPN, date,
session and code is checked once, by the parsers every feed uses, and the verdicts go
into small temporary tables the set-based import joins the rows to. UPNs pupils hold
are matched in the database instead (see _load_upn_map). A file of a
million rows has only ~100,000 distinct UPNs and a handful of dates and codes."""

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

MAPS = ("urn", "upn", "date", "session", "code")
UPN_RAW = "attendance_upn_raw"
SPACE = " \t\r\n\f\v"
_URN = re.compile(r"\d{6}")


def load_value_maps(distinct: dict[str, list[str]]) -> None:
    """Creates attendance_map_<column> (raw value -> checked value, and the school or
    pupil it names) for each column in MAPS; a raw value that fails its check is left out."""
    schools = dict(School.objects.values_list("urn", "pk"))
    maps = {
        "urn": ("urn text, school_id bigint", [
            (raw, urn, schools.get(urn)) for raw in distinct["urn"] if _URN.fullmatch(urn := raw.strip())
        ]),
        "date": ("date date", [(raw, day) for raw in distinct["date"] if (day := _plausible_day(raw))]),
        "session": ("session text", [
            (raw, s) for raw in distinct["session"] if (s := raw.strip().upper()) in SESSIONS
        ]),
        "code": ("code text, meaning text", [
            (raw, c, ATTENDANCE_CODES[c].value) for raw in distinct["code"]
            if (c := raw.strip().upper()) in ATTENDANCE_CODES
        ]),
    }  # fmt: skip
    for name, (columns, rows) in maps.items():
        _create(f"attendance_map_{name}", f"raw text PRIMARY KEY, {columns}", rows)
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


def _create(table: str, columns: str, rows: list[tuple]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {table} ({columns})")
    _load(table, rows)


def _load(table: str, rows: list[tuple]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY {table} FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL (raw))", buffer)
        cursor.execute(f"ANALYZE {table}")


def _checked(parse: Callable[[str], object], raw: str) -> object | None:
    value = raw.strip()
    if not value:
        return None
    try:
        return parse(value)
    except BadValue:
        return None
