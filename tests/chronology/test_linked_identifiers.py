"""A linked row gives its person the identifiers they lack, so that later rows carrying
only one of them link with certainty; a split takes them away again."""

import pytest

from chronology.models import AttendanceMark, Event, LinkReview, SourceRecord
from chronology.services.linkage import review_decide, split_records
from schools.models import FamilyMember, Person
from tests.chronology.conftest import UPN1, UPN2, blank_columns_filled
from tests.factories import PersonFactory

NHS, OTHER_NHS = "9434765919", "4010232137"
CENSUS = "source_record_id,urn,upn,forename,surname,date_of_birth,postcode"
HOUSEHOLDS = "source_record_id,family_id,upn,nhs_number,local_person_id,relationship"
HEALTH = (
    "source_record_id,nhs_number,local_person_id,forename,surname,date_of_birth,postcode,"
    "event_date,event_type"
)


@pytest.fixture
def run_import(run_import):
    return blank_columns_filled(run_import)


@pytest.fixture
def ada(school, run_import):
    run_import("school_census", f"{CENSUS}\nC1,100001,{UPN1},Ada,Lovelace,2012-03-04,NB1 2AB\n")
    return Person.objects.get(upn=UPN1)


def health_row(srid: str, *, nhs: str = "", local: str = "", names: str = ",,,") -> str:
    return f"{HEALTH}\n{srid},{nhs},{local},{names},2025-02-01,camhs_referral\n"


@pytest.mark.parametrize("identifier", [{"nhs": NHS}, {"local": "LP1"}])
def test_a_health_row_links_by_an_identifier_a_household_row_brought(ada, run_import, identifier):
    households = run_import("households", f"{HOUSEHOLDS}\nH1,FAM1,{UPN1},{NHS},LP1,child\n")
    assert households.rows_imported == 1

    health = run_import("health", health_row("HE1", **identifier))

    assert (health.rows_imported, health.rows_queued) == (1, 0)
    record = SourceRecord.objects.get(source_record_id="HE1")
    assert (record.person, record.link_confidence) == (ada, 1.0)
    assert Event.objects.get(source_record=record).person == ada


def test_a_later_row_of_the_same_file_links_by_an_identifier_an_earlier_row_brought(ada, run_import):
    run = run_import("households", f"{HOUSEHOLDS}\nH1,FAM1,{UPN1},{NHS},,child\nH2,FAM2,,{NHS},,child\n")
    assert (run.rows_imported, run.rows_queued) == (2, 0)
    assert set(FamilyMember.objects.values_list("family__family_id", "person")) == {
        ("FAM1", ada.pk),
        ("FAM2", ada.pk),
    }


def test_linking_a_queued_row_records_its_nhs_number_so_the_next_one_links(ada, run_import, officer):
    run_import("health", health_row("HE1", nhs=NHS, names="Ada,Lovelase,2012-03-04,NB1 2AB"))
    review = LinkReview.objects.get()

    review_decide(by=officer, review=review, action="linked", person=ada, note="surname typo")

    ada.refresh_from_db()
    assert ada.nhs_number == NHS
    later = run_import("health", health_row("HE2", nhs=NHS))
    assert (later.rows_imported, later.rows_queued) == (1, 0)
    assert SourceRecord.objects.get(source_record_id="HE2").person == ada


def test_splitting_the_household_row_takes_away_the_identifiers_it_brought(ada, run_import, officer):
    run_import("households", f"{HOUSEHOLDS}\nH1,FAM1,{UPN1},{NHS},LP1,child\n")
    ada.refresh_from_db()
    assert (ada.nhs_number, ada.local_person_id) == (NHS, "LP1")

    split_records(
        by=officer, person=ada, source_record_ids=[SourceRecord.objects.get(source_record_id="H1").pk]
    )

    ada.refresh_from_db()
    assert (ada.upn, ada.nhs_number, ada.local_person_id) == (UPN1, None, None)
    assert not FamilyMember.objects.exists()
    queued = run_import("health", health_row("HE1", nhs=NHS))
    assert queued.rows_queued == 1, "the NHS number is no longer known to be Ada's"


def test_a_different_nhs_number_is_never_written_over_and_the_row_waits(ada, run_import):
    Person.objects.filter(pk=ada.pk).update(nhs_number=NHS)

    run = run_import("households", f"{HOUSEHOLDS}\nH1,FAM1,{UPN1},{OTHER_NHS},,child\n")

    assert (run.rows_imported, run.rows_queued) == (0, 1)
    review = LinkReview.objects.get()
    assert review.reason == "The person with this UPN has a different NHS number"
    assert review.candidates == [
        {"person_id": ada.pk, "score": 1.0, "reasons": ["upn same", "nhs_number different"]}
    ]
    ada.refresh_from_db()
    assert ada.nhs_number == NHS
    assert not FamilyMember.objects.exists()


def test_a_decision_does_not_give_a_person_an_nhs_number_someone_else_holds(ada, run_import, officer):
    other = PersonFactory(upn=None, nhs_number=NHS, forename="Grace", surname="Hopper")
    run_import("health", health_row("HE1", local="LP9", names="Ada,Lovelase,2012-03-04,NB1 2AB"))
    review_decide(by=officer, review=LinkReview.objects.get(), action="linked", person=ada, note="typo")
    run_import("health", health_row("HE2", nhs=NHS, local="LP9"))
    review = LinkReview.objects.get(status="open")
    assert review.reason == "The row's identifiers belong to different people"

    review_decide(by=officer, review=review, action="linked", person=ada, note="checked with the GP")

    ada.refresh_from_db()
    assert (ada.nhs_number, ada.local_person_id) == (None, "LP9")
    assert Person.objects.get(nhs_number=NHS) == other


def test_a_mark_decided_for_a_pupil_with_another_upn_records_it_as_her_former_upn(ada, run_import, officer):
    header = "source_record_id,urn,upn,date,session,code\n"
    run_import("attendance", f"{header}A1,100001,{UPN2},2025-03-03,AM,/\n")

    review_decide(by=officer, review=LinkReview.objects.get(), action="linked", person=ada, note="old UPN")

    ada.refresh_from_db()
    assert (ada.upn, ada.former_upn) == (UPN1, UPN2)
    assert run_import("attendance", f"{header}A2,100001,{UPN2},2025-03-03,PM,/\n").rows_imported == 1
    split_records(
        by=officer, person=ada, source_record_ids=[SourceRecord.objects.get(source_record_id="A1").pk]
    )
    ada.refresh_from_db()
    assert (ada.upn, ada.former_upn) == (UPN1, "")
    assert not AttendanceMark.objects.filter(person=ada).exists()
