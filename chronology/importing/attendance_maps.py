"""The verdicts on an attendance file's distinct values: each distinct URN, UPN, date,
session and code is checked once, by the parsers every feed uses, and the verdicts go
into small temporary tables the set-based import joins the rows to. A file of a
million rows has only ~100,000 distinct UPNs and a handful of dates and codes."""

import csv
import io
import re
from collections.abc import Callable

from django.db import connection

from chronology.importing.codes import ATTENDANCE_CODES, SESSIONS
from chronology.importing.values import BadValue, parse_date, parse_upn
from schools.models import Person, School

MAPS = ("urn", "upn", "date", "session", "code")
_URN = re.compile(r"\d{6}")


def load_value_maps(distinct: dict[str, list[str]]) -> None:
    """Creates attendance_map_<column> (raw value -> checked value, and the school or
    pupil it names) for each column in MAPS; a raw value that fails its check is left out."""
    upns = {raw: _checked(parse_upn, raw) for raw in distinct["upn"]}
    schools = dict(School.objects.values_list("urn", "pk"))
    maps = {
        "urn": ("urn text, school_id bigint", [
            (raw, urn, schools.get(urn)) for raw in distinct["urn"] if _URN.fullmatch(urn := raw.strip())
        ]),
        "upn": ("upn text, person_id bigint", [(raw, upn, None) for raw, upn in upns.items() if upn]),
        "date": ("date date", [(raw, day) for raw in distinct["date"] if (day := _checked(parse_date, raw))]),
        "session": ("session text", [
            (raw, s) for raw in distinct["session"] if (s := raw.strip().upper()) in SESSIONS
        ]),
        "code": ("code text, meaning text", [
            (raw, c, ATTENDANCE_CODES[c].value) for raw in distinct["code"]
            if (c := raw.strip().upper()) in ATTENDANCE_CODES
        ]),
    }  # fmt: skip
    with connection.cursor() as cursor:
        for name, (columns, rows) in maps.items():
            table = f"attendance_map_{name}"
            cursor.execute(f"CREATE TEMPORARY TABLE {table} (raw text PRIMARY KEY, {columns})")
            buffer = io.StringIO()
            csv.writer(buffer).writerows(rows)
            buffer.seek(0)
            cursor.copy_expert(f"COPY {table} FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL (raw))", buffer)
            cursor.execute(f"ANALYZE {table}")
        # As attendance.people_by_upn: a pupil's current UPN wins over a former one.
        for column in ("former_upn", "upn"):
            cursor.execute(
                f"UPDATE attendance_map_upn m SET person_id = p.id FROM {Person._meta.db_table} p "  # noqa: S608
                f"WHERE p.{column} = m.upn"
            )


def _checked(parse: Callable[[str], object], raw: str) -> object | None:
    value = raw.strip()
    if not value:
        return None
    try:
        return parse(value)
    except BadValue:
        return None
