import csv
import io
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection, connections

from accounts.roles import Role
from chronology.importing.locks import RUN_LOCK_NAMESPACE
from chronology.importing.runner import FeedImport
from chronology.importing.specs import SPECS
from chronology.services.imports import import_feed_file
from chronology.services.register import install_demonstration_register
from tests.factories import (
    FamilyFactory,
    FamilyMemberFactory,
    PersonFactory,
    SchoolFactory,
    UserFactory,
    valid_upn,
)


@pytest.fixture
def register(db):
    install_demonstration_register(by=None)


@pytest.fixture
def school(register):
    return SchoolFactory(urn="100001", name="Northbridge Academy")


@pytest.fixture(params=["set_based", "row_by_row"])
def attendance_path(request, monkeypatch):
    """Attendance goes set-based on PostgreSQL, row by row elsewhere (and for a file
    COPY cannot read): tests that take this fixture must pass both ways."""
    if request.param == "row_by_row":
        monkeypatch.setattr(FeedImport, "_set_based", lambda self: False)
    return request.param


@pytest.fixture
def officer(db):
    return UserFactory(role=Role.DATA_OFFICER)


@pytest.fixture
def write_csv(tmp_path):
    """Write an inline CSV fixture (dedented) and return its path."""
    counter = iter(range(1_000_000))

    def write(text: str, *, name: str | None = None, raw: bytes | None = None) -> Path:
        path = tmp_path / (name or f"feed{next(counter)}.csv")
        path.write_bytes(raw if raw is not None else textwrap.dedent(text).lstrip().encode())
        return path

    return write


@pytest.fixture
def run_import(write_csv):
    def run(feed_code: str, text: str = "", **kwargs):
        return import_feed_file(feed_code=feed_code, path=write_csv(text, **kwargs), by=None)

    return run


UPN1, UPN2, UPN3 = valid_upn(1), valid_upn(2), valid_upn(3)


@pytest.fixture
def city(school):
    """Who tests/chronology/good_rows.py is about: Ada, and a family with a member for the family feeds."""
    ada = PersonFactory(upn=UPN1, forename="Ada", surname="Lovelace", date_of_birth="2012-03-04")
    FamilyMemberFactory(family=FamilyFactory(family_id="FAM9"), person=ada)


def with_blank_columns(feed_code: str, text: str) -> str:
    """The CSV with every required column its header lacks added at the end, every cell
    empty: for tests about something other than those columns."""
    header, *rows = csv.reader(io.StringIO(textwrap.dedent(text).lstrip()))
    names = {name.strip().lower() for name in header}
    missing = [c.name for c in SPECS[feed_code].columns if c.column_required and c.name not in names]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*header, *missing])
    writer.writerows([*row, *[""] * len(missing)] for row in rows)
    return out.getvalue()


def blank_columns_filled(run):
    """run_import for tests about something other than columns: the required columns a
    test's file leaves out are sent empty."""

    def fill(feed_code: str, text: str = "", **kwargs):
        return run(feed_code, with_blank_columns(feed_code, text) if text else text, **kwargs)

    return fill


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="lost imports are told by PostgreSQL advisory locks; the SQLite demo takes none for lost",
)


@contextmanager
def run_lock_held_elsewhere(run) -> Iterator[None]:
    """The run's lock, held by another session as a live import of it would (PostgreSQL)."""
    importer = connections.create_connection("default")
    try:
        with importer.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", [RUN_LOCK_NAMESPACE, run.pk])
        yield
    finally:
        importer.close()
