"""Household-level rows (domestic-abuse notifications, housing and benefits) are shown
in someone's chronology or wait in the review queue: none is counted imported and then
shown nowhere, and the child a notification names is never silently dropped."""

import pytest

from accounts.roles import Role
from chronology.importing.queue import AWAITING_MEMBERS
from chronology.models import Event, LinkReview
from chronology.services.linkage import review_decide
from schools.models import Person
from tests.chronology.conftest import UPN1, blank_columns_filled
from tests.factories import PersonFactory, UserFactory

NOTIFICATIONS = "source_record_id,family_id,upn,forename,surname,date_of_birth,notified_at,incident_date\n"
HOUSEHOLDS = "source_record_id,family_id,local_person_id,forename,surname,date_of_birth,relationship\n"


@pytest.fixture
def run_import(run_import):
    return blank_columns_filled(run_import)


def _notification(srid: str, family_id: str, identity: str = ",,,") -> str:
    return f"{srid},{family_id},{identity},2025-03-02T08:00:00,2025-03-01\n"


def _counted(run) -> tuple[int, int, int, int]:
    """Every row of the file counted once: imported, unchanged, queued, rejected."""
    return run.rows_imported, run.rows_unchanged, run.rows_queued, run.rows_rejected


@pytest.fixture
def household(register, run_import):
    run_import("households", HOUSEHOLDS + "H1,FAM1,LP1,Ada,Lovelace,2012-03-04,child\n")


def test_a_notification_for_a_household_with_nobody_in_it_waits_until_it_has_members(register, run_import):
    run = run_import("domestic_abuse", NOTIFICATIONS + _notification("D1", "FAM7"))

    assert _counted(run) == (0, 0, 1, 0)
    assert LinkReview.objects.get(status="open").reason == AWAITING_MEMBERS
    assert not Event.objects.exists()

    run_import("households", HOUSEHOLDS + "H1,FAM7,LP7,Grace,Hopper,2013-12-09,child\n")

    event = Event.objects.get()
    assert (event.family.family_id, event.person, event.category) == (
        "FAM7",
        None,
        "domestic_abuse_notification",
    )
    review = LinkReview.objects.get(source_record=event.source_record)
    assert (review.status, review.note) == (
        "linked",
        "Attached to its household once the household had members",
    )


def test_a_notification_for_a_household_with_members_is_the_households(household, run_import):
    run = run_import("domestic_abuse", NOTIFICATIONS + _notification("D1", "FAM1"))

    assert _counted(run) == (1, 0, 0, 0)
    assert Event.objects.get().family.family_id == "FAM1"


def test_a_notification_naming_a_child_nobody_matches_waits_for_review(household, run_import):
    run = run_import(
        "domestic_abuse",
        NOTIFICATIONS
        + _notification("D1", "FAM1", ",Ada,Lovelase,2012-03-04")
        + _notification("D2", "FAM1", ",Nobody,Known,2010-01-01"),
    )

    assert _counted(run) == (0, 0, 2, 0)
    reasons = dict(LinkReview.objects.values_list("source_record__source_record_id", "reason"))
    assert reasons == {
        "D1": "The person this household row names could not be linked: "
        "Possible match: names, date of birth or postcode differ",
        "D2": "The person this household row names could not be linked: No matching person",
    }
    assert not Event.objects.exists()


def test_a_data_officer_links_the_named_child_and_the_notification_reaches_them(household, run_import):
    run_import("domestic_abuse", NOTIFICATIONS + _notification("D1", "FAM1", ",Ada,Lovelase,2012-03-04"))
    review = LinkReview.objects.get()
    ada = review.candidates[0]["person_id"]

    review_decide(
        by=UserFactory(role=Role.DATA_OFFICER),
        review=review,
        action="linked",
        person=Person.objects.get(pk=ada),
        note="Surname typo",
    )

    event = Event.objects.get()
    assert (event.person_id, event.family.family_id) == (ada, "FAM1")


def test_a_notification_naming_a_linked_child_is_theirs_and_the_households(household, run_import):
    PersonFactory(upn=UPN1, forename="Ada", surname="Lovelace", date_of_birth="2012-03-04")
    run = run_import("domestic_abuse", NOTIFICATIONS + _notification("D1", "FAM8", f"{UPN1},,,"))

    assert _counted(run) == (1, 0, 0, 0)
    event = Event.objects.get()
    assert (event.person.upn, event.family.family_id) == (UPN1, "FAM8")


def test_deciding_a_households_row_releases_the_notifications_waiting_for_that_household(
    register, run_import
):
    mother = PersonFactory(forename="Mary", surname="Lovelace", date_of_birth="1980-01-01", postcode="")
    run_import("households", HOUSEHOLDS + "H5,FAM5,,Mary,Lovelase,1980-01-01,parent\n")
    run_import("domestic_abuse", NOTIFICATIONS + _notification("D1", "FAM5"))
    household_review = LinkReview.objects.get(source_record__source_record_id="H5")
    assert not Event.objects.exists()

    review_decide(
        by=UserFactory(role=Role.DATA_OFFICER),
        review=household_review,
        action="linked",
        person=mother,
        note="Surname typo",
    )

    assert Event.objects.get().family.family_id == "FAM5"
    assert not LinkReview.objects.filter(status="open").exists()
