"""Record linkage: certain on exact identifiers, cautious on everything else."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import ChangeLogEntry
from chronology.models import AttendanceMark, AttendanceWeek, Event, LinkReview, SourceRecord
from chronology.services.linkage import review_decide, split_records
from schools.models import Enrolment, FamilyMember, Person
from tests.chronology.conftest import UPN1, UPN2, with_blank_columns
from tests.factories import PersonFactory

POLICE = (
    "source_record_id,upn,nhs_number,local_person_id,forename,surname,date_of_birth,postcode,"
    "occurred_at,role,offence_group,summary"
)


def police_row(srid="P1", upn="", nhs="", local="", forename="", surname="", dob="", postcode=""):
    identity = f"{upn},{nhs},{local},{forename},{surname},{dob},{postcode}"
    return f"{POLICE}\n{srid},{identity},2025-03-14T16:30,arrested,robbery,\n"


@pytest.fixture
def ada(school):
    return PersonFactory(
        upn=UPN1,
        nhs_number="9434765919",
        local_person_id="LP1",
        forename="Ada",
        surname="Lovelace",
        date_of_birth="2012-03-04",
        postcode="NB1 2AB",
    )


@pytest.mark.parametrize(
    "identifiers",
    [{"upn": UPN1.lower()}, {"nhs": "943 476 5919"}, {"local": "LP1"}],
)
def test_an_exact_valid_identifier_links_with_certainty(ada, run_import, identifiers):
    run = run_import("police_incidents", police_row(**identifiers, forename="Someone", surname="Else"))
    assert run.rows_imported == 1
    record = SourceRecord.objects.get()
    assert (record.person, record.link_confidence) == (ada, 1.0)
    assert Event.objects.get().person == ada


def test_names_birth_date_and_postcode_all_the_same_link_confidently(ada, run_import):
    run_import(
        "police_incidents",
        police_row(forename="ADA", surname="lovelace", dob="04/03/2012", postcode="nb12ab"),
    )
    record = SourceRecord.objects.get()
    assert (record.person, record.link_method) == (ada, "names_dob_postcode")
    assert record.link_confidence == 1.0


@pytest.mark.parametrize(
    ("forename", "surname", "dob", "postcode"),
    [
        ("Ada", "Lovelase", "2012-03-04", "NB1 2AB"),  # typo in surname
        ("Ada", "Lovelace", "2012-04-03", "NB1 2AB"),  # day and month swapped
        ("Ada", "Lovelace", "2012-03-04", ""),  # nothing to corroborate
    ],
)
def test_near_misses_wait_in_the_review_queue(ada, run_import, forename, surname, dob, postcode):
    run = run_import(
        "police_incidents", police_row(forename=forename, surname=surname, dob=dob, postcode=postcode)
    )
    assert (run.rows_imported, run.rows_queued) == (0, 1)
    review = LinkReview.objects.get()
    assert [c["person_id"] for c in review.candidates] == [ada.pk]
    assert 0.75 <= review.candidates[0]["score"] < 1
    assert not Event.objects.exists()


def test_same_name_and_birthday_at_another_postcode_is_never_merged(ada, run_import):
    run = run_import(
        "police_incidents",
        police_row(forename="Ada", surname="Lovelace", dob="2012-03-04", postcode="NB7 9XY"),
    )
    assert run.rows_queued == 1
    assert SourceRecord.objects.get().person is None

    census = (
        "source_record_id,urn,upn,forename,surname,date_of_birth,postcode\n"
        f"C1,100001,{UPN2},Ada,Lovelace,2012-03-04,NB7 9XY\n"
    )
    run = run_import("school_census", with_blank_columns("school_census", census))
    assert run.rows_imported == 1
    assert Person.objects.filter(forename="Ada", surname="Lovelace").count() == 2, (
        "a different UPN is another child"
    )


def test_two_equally_good_candidates_are_not_chosen_between(ada, run_import):
    PersonFactory(
        upn=None, forename="Ada", surname="Lovelace", date_of_birth="2012-03-04", postcode="NB1 2AB"
    )
    run_import(
        "police_incidents",
        police_row(forename="Ada", surname="Lovelace", dob="2012-03-04", postcode="NB1 2AB"),
    )
    review = LinkReview.objects.get()
    assert review.reason == "More than one person matches equally well"
    assert len(review.candidates) == 2


def test_identifiers_that_point_at_different_people_wait_for_review(ada, run_import):
    other = PersonFactory(upn=UPN2)
    run_import("police_incidents", police_row(upn=UPN2, nhs="9434765919"))
    review = LinkReview.objects.get()
    assert {c["person_id"] for c in review.candidates} == {ada.pk, other.pk}


def test_only_identity_feeds_create_people(register, run_import):
    run = run_import("police_incidents", police_row(forename="New", surname="Child", dob="2011-01-01"))
    assert (run.rows_queued, Person.objects.count()) == (1, 0)
    assert LinkReview.objects.get().reason == "No matching person"


def test_a_data_officer_links_a_queued_row_and_the_decision_is_logged(ada, run_import, officer):
    run_import(
        "police_incidents",
        police_row(forename="Ada", surname="Lovelase", dob="2012-03-04", postcode="NB1 2AB"),
    )
    review = LinkReview.objects.get()
    review_decide(by=officer, review=review, action="linked", person=ada, note="Same school, surname typo")
    review.refresh_from_db()
    assert (review.status, review.decided_by, review.person) == ("linked", officer, ada)
    event = Event.objects.get()
    assert (event.person, event.link_confidence) == (ada, 1.0)
    assert ChangeLogEntry.objects.filter(object_pk=str(review.pk), actor=officer).exists()
    with pytest.raises(ValidationError):
        review_decide(by=officer, review=review, action="rejected")


def test_a_data_officer_creates_a_new_person_or_rejects(register, run_import, officer):
    run_import(
        "police_incidents",
        police_row("P1", forename="New", surname="Child", dob="2011-01-01")
        + "P2,,,,Other,Child,2011-02-02,,2025-03-14T16:30,arrested,robbery,\n",
    )
    first, second = LinkReview.objects.order_by("source_record__source_record_id")
    review_decide(by=officer, review=first, action="new_person", note="Not known to us")
    assert Event.objects.get().person.surname == "Child"
    review_decide(by=officer, review=second, action="rejected", note="Cannot tell who this is")
    assert Event.objects.count() == 1
    assert LinkReview.objects.filter(status="open").count() == 0


def test_splitting_a_wrongly_linked_census_row_removes_the_access_it_gave(
    school, run_import, officer, django_capture_on_commit_callbacks
):
    """A census row linked (by a reviewer's mistake) to another child: the split takes
    the enrolment, the UPN, the attendance marks and the events away from that child and
    gives back the details the row wrote over."""
    wrong = PersonFactory(
        upn=None,
        local_person_id="LPW",
        forename="Ada",
        surname="Lovelace",
        date_of_birth="2012-03-04",
        postcode="NB1 2AB",
    )
    run_import(
        "school_census",
        with_blank_columns(
            "school_census",
            "source_record_id,urn,upn,forename,surname,date_of_birth,postcode\n"
            f"C1,100001,{UPN1},Ada,Lovelase,2012-03-04,NB1 2AB\n",
        ),
    )
    review_decide(
        by=officer, review=LinkReview.objects.get(), action="linked", person=wrong, note="looks right"
    )
    run_import(
        "attendance", f"source_record_id,urn,upn,date,session,code\nA1,100001,{UPN1},2025-03-03,AM,/\n"
    )
    run_import(
        "households",
        with_blank_columns(
            "households", "source_record_id,family_id,local_person_id,relationship\nH1,FAM1,LPW,child\n"
        ),
    )
    wrong.refresh_from_db()
    assert (wrong.upn, wrong.surname) == (UPN1, "Lovelase"), "the census row wrote its spelling over"
    assert Enrolment.objects.filter(person=wrong, leaving_date=None).exists()
    census = SourceRecord.objects.get(source_record_id="C1")

    reviews = split_records(by=officer, person=wrong, source_record_ids=[census.pk])

    wrong.refresh_from_db()
    assert wrong.upn is None
    assert wrong.surname == "Lovelace", "the details the wrong row wrote over are put back"
    assert not Enrolment.objects.filter(person=wrong).exists(), "the school no longer sees this child"
    assert AttendanceMark.objects.get().person is None
    assert not AttendanceWeek.objects.filter(person=wrong).exists()
    assert FamilyMember.objects.filter(person=wrong).exists(), "rows not split stay"
    assert (reviews[0].origin, reviews[0].split_from, reviews[0].created_by) == ("split", wrong, officer)

    with django_capture_on_commit_callbacks(execute=True):
        review_decide(by=officer, review=reviews[0], action="new_person", note="a different Ada")
    ada = Person.objects.get(upn=UPN1)
    assert ada != wrong
    assert Enrolment.objects.get(leaving_date=None).person == ada
    assert AttendanceMark.objects.get().person == ada
    assert AttendanceWeek.objects.get().person == ada


def test_splitting_an_event_row_takes_the_event_out_of_the_chronology(ada, run_import, officer):
    run_import("police_incidents", police_row(upn=UPN1))
    record = SourceRecord.objects.get()
    split_records(by=officer, person=ada, source_record_ids=[record.pk])
    assert not Event.objects.exists()
    assert LinkReview.objects.get().status == "open"
    with pytest.raises(ValidationError):
        split_records(by=officer, person=ada, source_record_ids=[record.pk])


def test_splitting_a_wrong_school_move_gives_the_first_school_its_pupil_back(school, run_import, officer):
    from schools.models import School

    School.objects.create(urn="100002", laestab="8014002", name="Hillside High", phase="secondary")
    header = "source_record_id,urn,upn,former_upn,forename,surname,date_of_birth,entry_date"
    for row in (
        f"C1,100001,{UPN1},,Ada,Lovelace,2012-03-04,2023-09-01",
        f"C2,100002,{UPN2},{UPN1},Ada,Lovelace,2012-03-04,2025-01-06",
    ):
        run_import("school_census", with_blank_columns("school_census", f"{header}\n{row}\n"))
    ada = Person.objects.get(upn=UPN2)
    assert Enrolment.objects.get(person=ada, leaving_date=None).school.urn == "100002"

    split_records(
        by=officer, person=ada, source_record_ids=[SourceRecord.objects.get(source_record_id="C2").pk]
    )

    assert Enrolment.objects.get(person=ada, leaving_date=None).school.urn == "100001"


def test_one_decision_settles_every_queued_mark_of_an_unknown_pupil(school, run_import, officer):
    rows = "".join(
        f"A{n},100001,{UPN1},2025-03-0{3 + n // 2},{'AM' if n % 2 == 0 else 'PM'},/\n" for n in range(6)
    )
    assert run_import("attendance", "source_record_id,urn,upn,date,session,code\n" + rows).rows_queued == 6
    pupil = PersonFactory(upn=None, forename="Ada", surname="Lovelace")

    review_decide(
        by=officer, review=LinkReview.objects.first(), action="linked", person=pupil, note="new joiner"
    )

    assert LinkReview.objects.filter(status="open").count() == 0
    assert AttendanceMark.objects.filter(person=pupil).count() == 6
    assert AttendanceWeek.objects.get(person=pupil).present == 6
    pupil.refresh_from_db()
    assert pupil.upn == UPN1
    later = run_import(
        "attendance", f"source_record_id,urn,upn,date,session,code\nA9,100001,{UPN1},2025-03-10,AM,/\n"
    )
    assert later.rows_imported == 1


def test_a_split_keeps_a_later_correction_of_what_the_wrong_row_wrote(school, run_import, officer):
    wrong = PersonFactory(
        upn=None, forename="Ada", surname="Lovelace", date_of_birth="2012-03-04", postcode=""
    )
    header = "source_record_id,urn,upn,forename,surname,date_of_birth,postcode"
    run_import(
        "school_census",
        with_blank_columns("school_census", f"{header}\nC1,100001,{UPN1},Adah,Lovelase,2012-04-03,NB1 2AB\n"),
    )
    review_decide(by=officer, review=LinkReview.objects.get(), action="linked", person=wrong, note="")
    wrong.refresh_from_db()
    assert (wrong.forename, wrong.surname, str(wrong.date_of_birth)) == ("Adah", "Lovelase", "2012-04-03")
    Person.objects.filter(pk=wrong.pk).update(forename="Ada-May")

    split_records(by=officer, person=wrong, source_record_ids=[SourceRecord.objects.get().pk])

    wrong.refresh_from_db()
    assert (wrong.forename, wrong.surname, str(wrong.date_of_birth)) == ("Ada-May", "Lovelace", "2012-03-04")
    assert wrong.postcode == "", "a detail the person did not have before is cleared"
