"""Census rows and enrolments: a school move ends the old enrolment, an older row never
ends a newer one, and splitting a row gives back the enrolment and UPN it took over."""

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from chronology.models import SourceRecord
from chronology.services.linkage import split_records
from schools.models import Enrolment, Person, School
from tests.chronology.conftest import UPN1, UPN2, blank_columns_filled
from tests.factories.access import school_staff

HEADER = (
    "source_record_id,urn,upn,former_upn,forename,surname,date_of_birth,year_group,entry_date,leaving_date"
)


@pytest.fixture
def run_import(run_import):
    return blank_columns_filled(run_import)


@pytest.fixture
def hillside(school):
    return School.objects.create(urn="100002", laestab="8014002", name="Hillside High", phase="secondary")


def census(*rows: str) -> str:
    return HEADER + "\n" + "".join(f"{row}\n" for row in rows)


def enrolments(person: Person) -> list[tuple[str, str, str | None]]:
    return [
        (e.school.urn, str(e.entry_date), e.leaving_date and str(e.leaving_date))
        for e in person.enrolments.order_by("entry_date")
    ]


def test_splitting_a_row_that_took_over_an_enrolment_gives_the_pupil_back_to_her_school(
    school, run_import, officer, client, password
):
    c1 = census(f"C1,100001,{UPN1},,Ada,Lovelace,2012-03-04,8,2023-09-01,")
    run_import("school_census", c1)
    ada = Person.objects.get(upn=UPN1)
    # Another pupil's row, whose former UPN was mistyped as Ada's.
    run_import("school_census", census(f"C2,100001,{UPN2},{UPN1},Grace,Hopper,2012-05-06,9,2024-09-02,"))
    ada.refresh_from_db()
    assert (ada.upn, ada.former_upn, ada.forename) == (UPN2, UPN1, "Grace")
    client.force_login(officer)
    found = client.get(reverse("chronology:find_person"), {"identifier": UPN1})
    assert found["Location"] == reverse("chronology:person_records", args=[ada.pk]), "found by former UPN"

    split_records(
        by=officer, person=ada, source_record_ids=[SourceRecord.objects.get(source_record_id="C2").pk]
    )

    ada.refresh_from_db()
    assert (ada.upn, ada.former_upn, ada.forename) == (UPN1, "", "Ada")
    enrolment = Enrolment.objects.get(person=ada)
    assert (enrolment.school, enrolment.leaving_date, enrolment.year_group) == (school, None, "8")
    assert enrolment.source_record.source_record_id == "C1"
    assert run_import("school_census", c1).rows_unchanged == 1
    head = school_staff(Role.HEAD_TEACHER, school)
    head_client = Client()
    head_client.login(email=head.email, password=password)
    assert head_client.get(reverse("young_person_detail", args=[ada.pk])).status_code == 200


def test_a_row_at_another_school_with_a_leaving_date_still_ends_the_old_enrolment(
    hillside, run_import, officer
):
    run_import("school_census", census(f"C1,100001,{UPN1},,Ada,Lovelace,2012-03-04,8,2023-09-01,"))
    run_import("school_census", census(f"C9,100002,{UPN1},,Ada,Lovelace,2012-03-04,9,2025-01-06,2025-03-31"))
    ada = Person.objects.get(upn=UPN1)
    assert enrolments(ada) == [
        ("100001", "2023-09-01", "2025-01-06"),
        ("100002", "2025-01-06", "2025-03-31"),
    ]

    split_records(
        by=officer, person=ada, source_record_ids=[SourceRecord.objects.get(source_record_id="C9").pk]
    )

    assert enrolments(ada) == [("100001", "2023-09-01", None)]


def test_a_correction_to_a_row_from_the_previous_school_does_not_end_the_new_enrolment(hillside, run_import):
    run_import("school_census", census(f"C1,100001,{UPN1},,Ada,Lovelace,2012-03-04,8,2023-09-01,"))
    run_import("school_census", census(f"C9,100002,{UPN1},,Ada,Lovelace,2012-03-04,9,2025-01-06,"))
    School.objects.create(urn="100003", laestab="8014003", name="Brookside Primary", phase="primary")

    run = run_import(
        "school_census",
        census(
            f"C1,100001,{UPN1},,Ada,Lovelace,2012-03-04,7,2023-09-01,",
            f"C0,100003,{UPN1},,Ada,Lovelace,2012-03-04,6,2019-09-02,",
        ),
    )

    assert run.rows_imported == 2
    ada = Person.objects.get(upn=UPN1)
    assert enrolments(ada) == [
        ("100003", "2019-09-02", "2023-09-01"),
        ("100001", "2023-09-01", "2025-01-06"),
        ("100002", "2025-01-06", None),
    ]
    assert Enrolment.objects.get(school__urn="100001").year_group == "7"
    assert not [e for e in ada.enrolments.all() if e.leaving_date and e.leaving_date < e.entry_date]


def test_a_move_without_an_entry_date_ends_the_old_enrolment_on_the_london_day(
    hillside, run_import, monkeypatch
):
    run_import("school_census", census(f"C1,100001,{UPN1},,Ada,Lovelace,2012-03-04,8,2023-09-01,"))
    # 00:30 on 3 June in London is still 2 June in UTC, the machine's clock.
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 6, 2, 23, 30, tzinfo=UTC))
    run_import("school_census", census(f"C9,100002,{UPN1},,Ada,Lovelace,2012-03-04,9,,"))
    ada = Person.objects.get(upn=UPN1)
    assert ("100001", "2023-09-01", "2026-06-03") in enrolments(ada)
