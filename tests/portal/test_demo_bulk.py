"""The scale path's building blocks: chunked feed streams and COPY into PostgreSQL."""

import csv
import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from django.db import NotSupportedError, connection

from portal.db_copy import copy_rows
from portal.demo.bulk import feed_chunks
from portal.demo.city import CityConfig
from portal.demo.generate import generate_city
from portal.demo.writer import write_feed_files

CONFIG = CityConfig(seed=3, as_of=date(2026, 3, 10), pupils=60, schools=2, attendance_weeks=1)


@pytest.fixture
def scratch_table(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE demo_copy (label text, day date, details jsonb, flag boolean, n integer)"
        )
        yield "demo_copy"
        cursor.execute("DROP TABLE demo_copy")


def test_feed_chunks_are_the_rows_of_the_feed_file(tmp_path):
    """CONFIG's one school week is a single weekly file."""
    feeds = generate_city(CONFIG)
    write_feed_files(feeds, tmp_path)
    with (tmp_path / "attendance-to-2026-03-10.csv").open(encoding="utf-8", newline="") as handle:
        from_file = list(csv.DictReader(handle))
    chunks = list(feed_chunks(feeds, "attendance", size=100))
    assert {len(c) for c in chunks[:-1]} == {100}
    assert [row for chunk in chunks for row in chunk] == from_file


@pytest.mark.django_db
def test_copy_rows_loads_awkward_values_exactly_across_chunks(scratch_table):
    rows = [
        ("tab\there", date(2026, 3, 10), {"codes": ["PP", "VA"]}, True, 1),
        ("new\nline and back\\slash", None, None, False, 2),
        ("", date(2025, 9, 3), [], None, None),
        ("Zoë O'Brien", date(2024, 1, 31), {}, True, 4),
        ("last", date(2024, 2, 1), {"a": 1}, False, 5),
    ]
    assert copy_rows(scratch_table, ["label", "day", "details", "flag", "n"], iter(rows), chunk_rows=2) == 5
    with connection.cursor() as cursor:
        cursor.execute("SELECT label, day, details::text, flag, n FROM demo_copy")
        loaded = [
            (label, day, details and json.loads(details), flag, n) for label, day, details, flag, n in cursor
        ]
    assert sorted(loaded, key=lambda r: r[0]) == sorted(rows, key=lambda r: r[0])


@pytest.mark.django_db
def test_copy_rows_writes_shared_and_equal_timestamps_as_given(django_db_setup, django_db_blocker):
    """A timestamp object shared by many rows, and equal instants given in other zones,
    are each written as they are (the text of a shared object is reused)."""
    noon = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    same_instant = noon.astimezone(timezone(timedelta(hours=1)))
    naive = noon.replace(tzinfo=None)
    rows = [("a", noon, 1.5), ("b", noon, 1.5), ("c", same_instant, 2.0), ("d", naive, 1.5)]
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE demo_stamps (label text, at text, share float)")
        copy_rows("demo_stamps", ["label", "at", "share"], rows)
        cursor.execute("SELECT label, at, share FROM demo_stamps ORDER BY label")
        loaded = cursor.fetchall()
        cursor.execute("DROP TABLE demo_stamps")
    assert loaded == [
        ("a", "2026-03-10T12:00:00+00:00", 1.5),
        ("b", "2026-03-10T12:00:00+00:00", 1.5),
        ("c", "2026-03-10T13:00:00+01:00", 2.0),
        ("d", "2026-03-10T12:00:00", 1.5),
    ]


@pytest.mark.django_db
def test_copy_rows_refuses_a_row_of_the_wrong_width(scratch_table):
    with pytest.raises(ValueError, match="Row 1 has 2 values for 5 columns"):
        copy_rows(scratch_table, ["label", "day", "details", "flag", "n"], [("a", None)])


@pytest.mark.django_db
def test_copy_rows_refuses_databases_other_than_postgresql(monkeypatch):
    monkeypatch.setattr(connection, "vendor", "sqlite")
    with pytest.raises(NotSupportedError, match="needs PostgreSQL"):
        copy_rows("anything", ["a"], [("x",)])
