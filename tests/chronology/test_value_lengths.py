"""A value too long for the database column it is stored in rejects its row, with line,
column and reason, instead of failing the whole import (FEEDS.md section 1)."""

import csv
import io

import pytest

from chronology.importing import codes
from chronology.importing.specs import SPECS
from chronology.models import AttendanceMark, Event
from schools.models import Enrolment, FamilyMember, Person, School
from tests.chronology.conftest import UPN1
from tests.factories import PersonFactory

VALID_ROWS = {
    "schools": {
        "urn": "100002", "laestab": "8014002", "name": "Hillside High", "phase": "secondary", "status": "open"
    },
    "school_census": {
        "source_record_id": "C1", "urn": "100001", "upn": UPN1, "forename": "Ada", "surname": "Lovelace",
        "date_of_birth": "2012-03-04",
    },
    "police_incidents": {
        "source_record_id": "P1", "local_person_id": "LP1", "forename": "Ada", "surname": "Lovelace",
        "occurred_at": "2025-03-14T16:30", "role": "victim", "offence_group": "theft",
    },
    "households": {
        "source_record_id": "H1", "family_id": "FAM1", "local_person_id": "LP1", "forename": "Ada",
        "surname": "Lovelace", "date_of_birth": "2012-03-04", "relationship": "child",
    },
    "early_help": {"source_record_id": "E1", "upn": UPN1, "family_id": "FAM1", "start_date": "2025-01-06"},
    "domestic_abuse": {"source_record_id": "D1", "family_id": "FAM1", "notified_at": "2025-03-02T08:00:00"},
    "housing_benefits": {
        "source_record_id": "B1", "family_id": "FAM1", "event_date": "2025-01-15",
        "event_type": "temporary_accommodation",
    },
}  # fmt: skip


def feed_file(feed: str, rows: list[dict[str, str]]) -> str:
    """Every column of the feed, in FEEDS.md order; cells the row does not name are empty."""
    names = SPECS[feed].names
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    writer.writerows([row.get(name, "") for name in names] for row in rows)
    return out.getvalue()


@pytest.mark.parametrize(
    ("feed", "column", "limit"),
    [
        ("schools", "name", 200),
        ("school_census", "source_record_id", 100),
        ("school_census", "forename", 100),
        ("school_census", "surname", 100),
        ("police_incidents", "local_person_id", 64),
        ("police_incidents", "forename", 100),
        ("police_incidents", "surname", 100),
        ("households", "family_id", 64),
        ("households", "local_person_id", 64),
        ("households", "forename", 100),
        ("households", "surname", 100),
        ("early_help", "family_id", 64),
        ("domestic_abuse", "family_id", 64),
        ("housing_benefits", "family_id", 64),
    ],
)
def test_a_value_longer_than_its_column_rejects_only_its_row(school, run_import, feed, column, limit):
    PersonFactory(upn=UPN1)
    fits = {**VALID_ROWS[feed], column: "x" * limit}
    too_long = {**VALID_ROWS[feed], column: "y" * (limit + 1)}
    if feed != "schools":
        too_long["source_record_id"] = "SECOND" if column != "source_record_id" else too_long[column]
    else:
        too_long["urn"] = "100003"

    run = run_import(feed, feed_file(feed, [fits, too_long]))

    assert run.status == "completed"
    assert (run.rows_read, run.rows_rejected, run.rows_imported + run.rows_queued) == (2, 1, 1)
    assert list(run.rejected_rows.values_list("line_number", "column", "reason")) == [
        (3, column, f"{column}: longer than {limit} characters (this has {limit + 1})")
    ]


def test_the_longest_values_that_fit_are_stored_whole(school, run_import):
    run_import("schools", feed_file("schools", [{**VALID_ROWS["schools"], "name": "N" * 200}]))
    census = {**VALID_ROWS["school_census"], "forename": "F" * 100, "surname": "S" * 100}
    run_import("school_census", feed_file("school_census", [census]))
    household = {**VALID_ROWS["households"], "family_id": "H" * 64, "local_person_id": "L" * 64}
    run_import("households", feed_file("households", [{**household, "forename": "Mary"}]))

    assert School.objects.get(urn="100002").name == "N" * 200
    assert Person.objects.get(upn=UPN1).surname == "S" * 100
    assert Enrolment.objects.get().person.forename == "F" * 100
    member = FamilyMember.objects.get()
    assert (member.family.family_id, member.person.local_person_id) == ("H" * 64, "L" * 64)


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("source_record_id", "A" * 101, "source_record_id: longer than 100 characters (this has 101)"),
        ("urn", "1000011", "urn: '1000011' is not a URN: a URN is 6 digits"),
        ("upn", UPN1 + "0", "upn: UPN must be 13 characters; this has 14"),
        ("session", "AMPM", "session: 'AMPM' is not a valid code; use one of: AM, PM"),
        ("code", "///", "code: '///' is not a DfE attendance code"),
    ],
)
def test_an_overlong_attendance_value_rejects_only_its_row(
    school, run_import, attendance_path, column, value, reason
):
    PersonFactory(upn=UPN1)
    good = {
        "source_record_id": "A1",
        "urn": "100001",
        "upn": UPN1,
        "date": "2025-03-03",
        "session": "AM",
        "code": "/",
    }
    bad = {**good, "source_record_id": "A2", "session": "PM", column: value}

    run = run_import("attendance", feed_file("attendance", [good, bad]))

    assert (run.status, run.rows_read, run.rows_imported, run.rows_rejected) == ("completed", 2, 1, 1)
    [(line, rejected_column, rejected_reason)] = run.rejected_rows.values_list(
        "line_number", "column", "reason"
    )
    assert (line, rejected_column) == (3, column)
    assert rejected_reason.startswith(reason)
    assert list(AttendanceMark.objects.values_list("source_record_id", flat=True)) == ["A1"]


@pytest.mark.parametrize(
    ("model", "field", "values"),
    [
        (Person, "sex", codes.SEX),
        (Person, "ethnicity", codes.ETHNICITY),
        (Enrolment, "year_group", codes.YEAR_GROUPS),
        (Enrolment, "sen_provision", codes.SEN_PROVISION),
        (Enrolment, "sen_primary_need", codes.SEN_NEEDS),
        (School, "phase", codes.PHASES),
        (School, "status", codes.SCHOOL_STATUSES),
        (FamilyMember, "relationship", codes.RELATIONSHIPS),
        (AttendanceMark, "session", codes.SESSIONS),
        (AttendanceMark, "code", codes.ATTENDANCE_CODES),
        (Event, "category", [f"social_care_{t}" for t in codes.EPISODE_TYPES]),
        (Event, "category", [f"health_{t}" for t in codes.HEALTH_EVENTS]),
        (Event, "category", [f"housing_{t}" for t in codes.HOUSING_EVENTS]),
    ],
)
def test_every_code_a_feed_may_send_fits_the_field_it_is_stored_in(model, field, values):
    assert max(len(v) for v in values) <= model._meta.get_field(field).max_length
