"""A linked row gives its person the identifiers they lack, so that later rows carrying
only one of them link with certainty; a split takes them away again."""

import pytest

from chronology.models import LinkReview
from schools.models import FamilyMember, Person
from tests.chronology.conftest import UPN1

NHS, OTHER_NHS = "9434765919", "4010232137"
CENSUS = "source_record_id,urn,upn,forename,surname,date_of_birth,postcode"
HOUSEHOLDS = "source_record_id,family_id,upn,nhs_number,local_person_id,relationship"
HEALTH = (
    "source_record_id,nhs_number,local_person_id,forename,surname,date_of_birth,postcode,"
    "event_date,event_type"
)


@pytest.fixture
def ada(school, run_import):
    run_import("school_census", f"{CENSUS}\nC1,100001,{UPN1},Ada,Lovelace,2012-03-04,NB1 2AB\n")
    return Person.objects.get(upn=UPN1)


def health_row(srid: str, *, nhs: str = "", local: str = "", names: str = ",,,") -> str:
    return f"{HEALTH}\n{srid},{nhs},{local},{names},2025-02-01,camhs_referral\n"


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
