"""Builds (or finds already built) a scale city in the current PostgreSQL database."""

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date

from django.db import connection, transaction

from accounts.models import User
from accounts.roles import Role
from chronology.importing.attendance_weeks_sql import announce_every_year
from chronology.models import Feed, FeedRun
from chronology.services.register import install_demonstration_register
from portal.demo.calendar import school_days_before
from portal.demo.scale import CITY_VERSION, activity
from portal.demo.scale.indexes import bare_tables, reset_sequences
from portal.demo.scale.people import build_people
from portal.demo.users import assign_demo_schools, create_demo_users
from schools.models import School

MARKER_TABLE = "demo_scale_city"
SCHOOL_WEEKS = 39
ACCESS_LOG_PER_YOUNG_PERSON = 100
OUTLIERS = 3
BULK_TABLES = (
    "chronology_attendancemark",
    "chronology_attendanceweek",
    "chronology_event",
    "chronology_sourcerecord",
    "accounts_accesslogentry",
    "accounts_accesslogsubject",
)


@dataclass(frozen=True)
class ScaleCity:
    young_people: int
    seed: int
    as_of: date
    build_seconds: float
    database_bytes: int
    rows: dict
    outliers: list
    largest_school_id: int
    version: int = 1


def _marker() -> ScaleCity | None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT to_regclass('{MARKER_TABLE}') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return None
        cursor.execute(f"SELECT city FROM {MARKER_TABLE}")  # nosec B608  # table names from code
        row = cursor.fetchone()
    if row is None:
        return None
    city = json.loads(row[0]) if isinstance(row[0], str) else dict(row[0])
    city["as_of"] = date.fromisoformat(city["as_of"])
    return ScaleCity(**city)


def existing_scale_city(*, young_people: int, seed: int) -> ScaleCity | None:
    city = _marker()
    same = city and (city.young_people, city.seed, city.version) == (young_people, seed, CITY_VERSION)
    if same and School.objects.exists():
        return city
    return None


def build_scale_city(
    *, young_people: int, seed: int, as_of: date, say: Callable[[str], None] = lambda _: None
) -> ScaleCity:
    """Needs an empty, migrated PostgreSQL database (the caller drops a bench database
    whose city is of another scale); returns the marker it records."""
    if connection.vendor != "postgresql":
        raise ValueError("A scale city needs PostgreSQL (COPY and server-side generation).")
    found = existing_scale_city(young_people=young_people, seed=seed)
    if found:
        return found
    if School.objects.exists():
        raise ValueError("The database already holds schools: build a scale city in an empty database.")
    started = time.monotonic()

    def step(label: str) -> None:
        say(f"[{time.monotonic() - started:7.1f}s] {label}")

    users = create_demo_users()
    admin = users[Role.ADMINISTRATOR]
    install_demonstration_register(by=admin)
    feeds = {f.code: (f.pk, f.default_sensitivity) for f in Feed.objects.all()}
    runs = {
        code: FeedRun.objects.create(
            feed_id=pk, file=f"scale/{code}.csv", original_filename=f"{code}.csv", checksum="",
            status=FeedRun.Status.COMPLETED, started_by=users[Role.DATA_OFFICER],
        ).pk
        for code, (pk, _) in feeds.items()
    }  # fmt: skip
    step("people")
    with transaction.atomic():
        people = build_people(young_people=young_people, seed=seed, as_of=as_of)
        reset_sequences(("schools_school", "schools_family", "schools_person"))
    schools = sorted(people.schools, key=lambda s: (-s.pupils, s.id))
    largest = next(s for s in schools if s.phase == "secondary")
    primary = next(s for s in schools if s.phase == "primary")
    assign_demo_schools(
        by=admin, first=School.objects.get(pk=largest.id), second=School.objects.get(pk=primary.id)
    )
    outliers = people.pupils_by_school[largest.id][:OUTLIERS]
    days = school_days_before(as_of, weeks=SCHOOL_WEEKS)
    actors = list(User.objects.values_list("id", "email"))
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
    with transaction.atomic(), bare_tables(BULK_TABLES):
        step(f"attendance marks: {len(days)} school days")
        activity.attendance(days=days, runs=runs)
        step("weekly counts")
        activity.weekly_counts()
        step("feed events")
        activity.feed_events(as_of=as_of, feeds=feeds, runs=runs, outliers=outliers)
        step("access log")
        activity.access_log(
            entries=young_people * ACCESS_LOG_PER_YOUNG_PERSON, as_of=as_of, actors=actors, outliers=outliers
        )
        step("indexes and constraints")
    reset_sequences(BULK_TABLES)
    step("attendance thresholds")
    with transaction.atomic():
        attendance = Feed.objects.get(code=Feed.Code.ATTENDANCE)
        announce_every_year(feed=attendance, run=FeedRun.objects.get(pk=runs[attendance.code]))
    step("vacuum and analyse")
    rows = {}
    with connection.cursor() as cursor:
        # As autovacuum would have by the time anyone measured a real city: without a
        # visibility map every count reads each row from the table, not the index.
        cursor.execute("VACUUM (ANALYZE)")
        for table in ("schools_person", "schools_enrolment", "schools_family", *BULK_TABLES):
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # nosec B608  # table names from code
            rows[table] = cursor.fetchone()[0]
        cursor.execute("SELECT pg_database_size(current_database())")
        size = cursor.fetchone()[0]
    city = ScaleCity(
        young_people=young_people,
        seed=seed,
        as_of=as_of,
        build_seconds=round(time.monotonic() - started, 1),
        database_bytes=size,
        rows=rows,
        outliers=outliers,
        largest_school_id=largest.id,
        version=CITY_VERSION,
    )
    _record(city)
    step("done")
    return city


def _record(city: ScaleCity) -> None:
    data = asdict(city)
    data["as_of"] = city.as_of.isoformat()
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (city jsonb NOT NULL)")
        cursor.execute(f"DELETE FROM {MARKER_TABLE}")  # nosec B608  # table names from code
        cursor.execute(f"INSERT INTO {MARKER_TABLE} VALUES (%s::jsonb)", [json.dumps(data)])  # nosec B608  # table names from code
