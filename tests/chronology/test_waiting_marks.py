"""Attendance marks for a UPN nobody holds wait; once a census row (or a decision) gives
a pupil that UPN they link by themselves, as the next register file would link them."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import OperationalError, connection, connections, transaction
from django.test import Client
from django.urls import reverse

from accounts.models import AccessLogEntry
from accounts.roles import Role
from chronology.importing.locks import LOCK_NAMESPACE
from chronology.models import AttendanceMark, AttendanceWeek, Feed, LinkReview, SourceRecord
from chronology.services.linkage import review_decide, split_records
from schools.models import Person
from tests.chronology.conftest import UPN1, UPN2, postgresql_only, with_blank_columns
from tests.factories import FeedRunFactory, PersonFactory
from tests.factories.access import user_with_role

HEADER = "source_record_id,urn,upn,date,session,code\n"
WEEK = "".join(
    f"A{n},100001,{UPN1},2025-03-0{3 + n // 2},{'AM' if n % 2 == 0 else 'PM'},{'/' if n else 'O'}\n"
    for n in range(6)
)


def census(srid="C1", upn=UPN1, forename="Ada", surname="Lovelace", former="") -> str:
    header = "source_record_id,urn,upn,former_upn,forename,surname,date_of_birth"
    row = f"{srid},100001,{upn},{former},{forename},{surname},2012-03-04"
    return with_blank_columns("school_census", f"{header}\n{row}\n")


@pytest.fixture
def ada_with_a_morning_mark(school, run_import):
    """Ada, known by UPN2, has her AM mark of 3 March; two marks under UPN1 wait."""
    ada = PersonFactory(
        upn=UPN2, former_upn="", forename="Ada", surname="Lovelace", date_of_birth="2012-03-04"
    )
    run_import("attendance", f"{HEADER}B1,100001,{UPN2},2025-03-03,AM,/\n")
    run_import("attendance", f"{HEADER}A1,100001,{UPN1},2025-03-03,AM,O\nA2,100001,{UPN1},2025-03-03,PM,/\n")
    return ada


def test_a_census_that_brings_the_pupil_links_their_waiting_marks(school, run_import, attendance_path):
    assert run_import("attendance", HEADER + WEEK).rows_queued == 6

    run = run_import("school_census", census())

    ada = Person.objects.get(upn=UPN1)
    assert (run.rows_read, run.rows_imported, run.marks_linked) == (1, 1, 6)
    assert AttendanceMark.objects.filter(person=ada).count() == 6
    week = AttendanceWeek.objects.get(person=ada)
    assert (week.present, week.unauthorised) == (5, 1)
    methods = SourceRecord.objects.filter(feed__code="attendance").values_list("link_method", flat=True)
    assert set(methods) == {"upn"}
    reviews = LinkReview.objects.filter(source_record__feed__code="attendance")
    assert set(reviews.values_list("status", "person")) == {("linked", ada.pk)}
    assert reviews.first().decided_by is None
    because = f"School census import run {run.pk} ({run.original_filename})"
    assert reviews.first().note == f"Linked by UPN once {because} gave the pupil this UPN"
    again = run_import("attendance", HEADER + WEEK)
    assert (again.rows_imported, again.rows_unchanged, again.rows_queued) == (0, 6, 0)
    assert AttendanceMark.objects.count() == 6


def test_the_run_page_says_how_many_marks_were_linked(school, run_import, client):
    run_import("attendance", HEADER + WEEK)
    run = run_import("school_census", census())
    client.force_login(user_with_role(Role.DATA_OFFICER))

    html = client.get(reverse("chronology:run", args=[run.pk])).content.decode()

    assert "6 waiting attendance marks linked: rows of this file gave pupils the UPNs" in html
    assert 'Rows read</dt><dd class="govuk-summary-list__value">1 = 1 imported' in html


def test_the_command_prints_the_marks_it_linked(school, run_import, write_csv, capsys):
    run_import("attendance", HEADER + WEEK)

    call_command("import_feed", "school_census", str(write_csv(census())))

    out = capsys.readouterr().out
    assert "linked 6 waiting attendance marks to the pupils this file gave their UPN" in out


def test_marks_wait_while_nobody_holds_their_upn(school, run_import):
    run_import("attendance", HEADER + WEEK)

    run = run_import("school_census", census(upn=UPN2, forename="Grace", surname="Hopper"))

    assert run.marks_linked == 0
    assert LinkReview.objects.filter(status="open").count() == 6
    assert not AttendanceMark.objects.exists()


def test_a_waiting_mark_for_a_session_the_pupil_has_stays_in_the_queue_saying_why(
    ada_with_a_morning_mark, run_import
):
    """Ada's school gives her a new UPN; a mark under it, for a session her old UPN
    already holds, would count the session twice."""
    ada = ada_with_a_morning_mark

    run = run_import("school_census", census(upn=UPN1, former=UPN2))

    ada.refresh_from_db()
    assert (ada.upn, ada.former_upn, run.marks_linked) == (UPN1, UPN2, 1)
    assert sorted(AttendanceMark.objects.filter(person=ada).values_list("source_record_id", flat=True)) == [
        "A2",
        "B1",
    ]
    waiting = LinkReview.objects.get(status="open")
    assert waiting.source_record.source_record_id == "A1"
    assert waiting.reason == (
        f"Not linked to person {ada.pk}: they already have a mark for the AM session of 3 Mar 2025 "
        "(source_record_id B1), and a session holds one mark"
    )


def _queue_names(officer) -> tuple[str, set[int]]:
    client = Client()
    client.force_login(officer)
    html = client.get(reverse("chronology:review_queue")).content.decode()
    entry = AccessLogEntry.objects.filter(actor=officer, route="chronology:review_queue").latest("id")
    return html, set(entry.subjects.values_list("person_id", flat=True))


def test_the_review_queue_log_names_the_pupil_a_waiting_marks_reason_names(
    ada_with_a_morning_mark, run_import, officer
):
    ada = ada_with_a_morning_mark
    run_import("school_census", census(upn=UPN1, former=UPN2))

    html, named = _queue_names(officer)

    assert f"Not linked to person {ada.pk}" in html
    assert named == {ada.pk}


def test_the_review_queue_log_names_the_person_a_waiting_row_was_split_from(school, run_import, officer):
    run_import("attendance", f"{HEADER}A1,100001,{UPN1},2025-03-03,AM,/\n")
    grace = PersonFactory(upn=None, forename="Grace", surname="Hopper")
    review_decide(by=officer, review=LinkReview.objects.get(), action="linked", person=grace, note="")
    split_records(by=officer, person=grace, source_record_ids=[SourceRecord.objects.get().pk])

    html, named = _queue_names(officer)

    assert f"Split from person {grace.pk}" in html
    assert named == {grace.pk}, "and the recent decision that linked the row to her"


def test_a_row_split_off_a_pupil_waits_for_a_data_officer(school, run_import, officer):
    run_import("attendance", f"{HEADER}A1,100001,{UPN1},2025-03-03,AM,/\n")
    grace = PersonFactory(upn=None, forename="Grace", surname="Hopper")
    review_decide(by=officer, review=LinkReview.objects.get(), action="linked", person=grace, note="")
    split_records(by=officer, person=grace, source_record_ids=[SourceRecord.objects.get().pk])

    run = run_import("school_census", census())

    assert run.marks_linked == 0
    split = LinkReview.objects.get(status="open")
    assert split.origin == "split"
    assert not AttendanceMark.objects.filter(person__isnull=False).exists()


def test_marks_a_split_left_without_a_pupil_follow_their_upn_to_a_new_holder(school, run_import, officer):
    """Grace's school used an old UPN for her (it became her former UPN); splitting the
    mark that brought it takes the UPN and its marks from her. When a census gives that
    UPN to Ada, its marks go to Ada."""
    grace = PersonFactory(upn=UPN2, forename="Grace", surname="Hopper")
    run_import("attendance", f"{HEADER}A1,100001,{UPN1},2025-03-03,AM,/\n")
    review_decide(by=officer, review=LinkReview.objects.get(), action="linked", person=grace, note="old UPN")
    run_import("attendance", f"{HEADER}A2,100001,{UPN1},2025-03-03,PM,/\n")
    split_records(
        by=officer, person=grace, source_record_ids=[SourceRecord.objects.get(source_record_id="A1").pk]
    )
    assert AttendanceMark.objects.get(source_record_id="A2").person is None

    run = run_import("school_census", census())

    ada = Person.objects.get(upn=UPN1)
    assert run.marks_linked == 1
    assert AttendanceMark.objects.get(source_record_id="A2").person == ada
    assert AttendanceWeek.objects.get(person=ada).present == 1


def test_a_decision_that_gives_a_pupil_the_upn_links_their_waiting_marks(
    school, run_import, officer, django_capture_on_commit_callbacks
):
    """A census row that did not link with certainty (a near-miss) waits beside the
    marks; creating the pupil from it links the marks too, once the decision commits."""
    PersonFactory(upn=None, forename="Ada", surname="Lovelace", date_of_birth="2012-04-03", postcode="")
    run_import("attendance", HEADER + WEEK)
    run_import("school_census", census())
    row = LinkReview.objects.get(source_record__feed__code="school_census")

    with django_capture_on_commit_callbacks(execute=True):
        review_decide(by=officer, review=row, action="new_person", note="a different child")

    ada = Person.objects.get(upn=UPN1)
    assert AttendanceMark.objects.filter(person=ada).count() == 6
    assert not LinkReview.objects.filter(status="open").exists()
    note = LinkReview.objects.filter(source_record__feed__code="attendance").first().note
    assert note == f"Linked by UPN once review {row.pk} gave the pupil this UPN"


@postgresql_only
def test_linking_waits_for_a_running_attendance_import(school, run_import):
    """Linking writes marks, so a census import waits for the attendance feed's lock
    (here held by another session, as a running register import would hold it); with
    no marks waiting it does not wait at all."""
    attendance = Feed.objects.get(code="attendance")
    importer = connections.create_connection("default")
    try:
        with importer.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", [LOCK_NAMESPACE, attendance.pk])
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '100ms'")
        nothing_waits = run_import("school_census", census(srid="C0", upn=UPN2, forename="Grace"))
        assert nothing_waits.status == "completed"
        mark = {"source_record_id": "A1", "urn": "100001", "upn": UPN1, "date": "2025-03-03", "session": "AM"}
        record = SourceRecord.objects.create(
            feed=attendance,
            source_record_id="A1",
            values={**mark, "code": "/"},
            last_run=FeedRunFactory(feed=attendance),
        )
        LinkReview.objects.create(source_record=record, reason=f"No pupil has UPN {UPN1}")
        with pytest.raises(OperationalError, match="lock timeout"), transaction.atomic():
            run_import("school_census", census())
    finally:
        importer.close()
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = 0")
    assert not Person.objects.filter(upn=UPN1).exists()


def test_a_mark_is_not_linked_by_hand_to_a_pupil_whose_session_it_holds(ada_with_a_morning_mark, officer):
    review = LinkReview.objects.get(source_record__source_record_id="A1")

    with pytest.raises(ValidationError, match="They already have a mark for the AM session of 3 Mar 2025"):
        review_decide(by=officer, review=review, action="linked", person=ada_with_a_morning_mark)

    assert LinkReview.objects.filter(status="open").count() == 2
    assert AttendanceMark.objects.filter(person=ada_with_a_morning_mark).count() == 1


def test_one_decision_settles_the_pupils_other_marks_but_not_a_session_they_hold(
    ada_with_a_morning_mark, officer
):
    ada = ada_with_a_morning_mark
    review = LinkReview.objects.get(source_record__source_record_id="A2")

    review_decide(by=officer, review=review, action="linked", person=ada, note="her new UPN")

    assert sorted(AttendanceMark.objects.filter(person=ada).values_list("source_record_id", flat=True)) == [
        "A2",
        "B1",
    ]
    left = LinkReview.objects.get(status="open")
    assert left.source_record.source_record_id == "A1"
    assert left.reason.startswith(f"Not linked to person {ada.pk}: they already have a mark for the AM")
    assert AttendanceWeek.objects.get(person=ada).present == 2
