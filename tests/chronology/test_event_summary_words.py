"""An imported event's summary names its category as the chronology's labels do and a
child-protection category in words: DSLs read "Social care: cp plan (NEG)" and
"Health: camhs referral" beside the label "CAMHS referral"."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from chronology.models import Event
from tests.chronology.conftest import UPN1
from tests.csv_download import csv_dicts
from tests.factories import EnrolmentFactory, FamilyFactory, FamilyMemberFactory, PersonFactory
from tests.factories.access import school_staff

pytestmark = pytest.mark.django_db
IDENTITY = "upn,forename,surname,date_of_birth,postcode"
ADA = f"{UPN1},Ada,Lovelace,2012-03-04,NB1 2AB"


@pytest.fixture
def ada(school):
    person = PersonFactory(
        upn=UPN1, forename="Ada", surname="Lovelace", date_of_birth="2012-03-04", postcode="NB1 2AB"
    )
    EnrolmentFactory(person=person, school=school)
    return person


@pytest.mark.parametrize(
    ("category", "words"),
    [("NEG", "child-protection plan (neglect)"), ("MUL", "child-protection plan (multiple categories)")],
)
def test_a_child_protection_plan_reads_in_words_in_the_chronology_csv(
    client, ada, run_import, category, words
):
    header = f"source_record_id,{IDENTITY},episode_type,start_date,end_date,cp_category,assessment_factors"
    run_import("social_care", f"{header}\nSC1,{ADA},cp_plan,2024-11-01,,{category},3A\n")
    client.force_login(school_staff(Role.DSL, ada.enrolments.get().school))
    response = client.get(reverse("chronology:timeline_csv", args=[ada.pk]))
    rows = csv_dicts(response)
    assert [r["What happened"] for r in rows if r["Category"] == "Child-protection plan"] == [
        f"Social care: {words}"
    ]


@pytest.mark.parametrize(
    ("event_type", "summary"),
    [
        ("camhs_referral", "Health: CAMHS referral (self harm)"),
        ("ae_attendance", "Health: A&E attendance (self harm)"),
    ],
)
def test_a_health_event_names_its_category_as_the_label_does(ada, run_import, event_type, summary):
    header = f"source_record_id,{IDENTITY},event_date,event_type,reason"
    run_import("health", f"{header}\nH1,{ADA},2025-02-20,{event_type},self_harm\n")
    assert Event.objects.get(person=ada).summary == summary


def test_police_intelligence_markers_read_in_words(ada, run_import):
    """It read "Police intelligence: CCE, COUNTY_LINES"."""
    header = f"source_record_id,{IDENTITY},recorded_on,markers,grading,summary"
    run_import("police_intelligence", f"{header}\nI1,{ADA},2025-03-01,CCE;county_lines;MISSING_RISK,B2,\n")
    assert Event.objects.get(person=ada).summary == (
        "Police intelligence: child criminal exploitation, county lines, risk of going missing"
    )


@pytest.mark.parametrize(
    ("event_type", "summary"),
    [
        ("universal_credit_claim", "Household: Universal Credit claim"),
        ("rent_arrears", "Household: rent arrears"),
    ],
)
def test_a_household_event_keeps_its_labels_capitals(register, run_import, event_type, summary):
    """It read "Household: universal credit claim"."""
    FamilyMemberFactory(family=FamilyFactory(family_id="FAM9"))
    run_import(
        "housing_benefits",
        f"source_record_id,family_id,event_date,event_type\nHB1,FAM9,2025-01-15,{event_type}\n",
    )
    assert Event.objects.get().summary == summary


def test_an_assessments_factors_read_in_words_with_their_codes(ada, run_import):
    """tp11 is raised by an assessment recording going missing or exploitation (10A, 24A,
    ...), but its evidence read "Social care: children's social care assessment": the DSL
    could not see which factor raised it."""
    header = f"source_record_id,{IDENTITY},episode_type,start_date,end_date,cp_category,assessment_factors"
    run_import("social_care", f"{header}\nSC2,{ADA},assessment,2025-11-01,,,10A;3B;18C;24A\n")
    assert Event.objects.get(person=ada).summary == (
        "Social care: children's social care assessment; factors: going missing (10A), "
        "domestic violence: parent (3B), physical abuse: adult on child (18C), "
        "child criminal exploitation (24A)"
    )
