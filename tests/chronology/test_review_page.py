"""A review row's page: finding someone the import did not propose, linking the row to
them, and what cannot be created from a row."""

import pytest
from django.urls import reverse

from accounts.models import AccessLogEntry, ChangeLogEntry
from accounts.roles import Role
from chronology.models import AttendanceMark, Event, LinkReview, SourceRecord
from chronology.services.linkage import review_decide, split_records
from schools.models import Person
from tests.chronology.conftest import UPN1, blank_columns_filled
from tests.error_summary import assert_error_links_land
from tests.factories import PersonFactory, UserFactory

POLICE = "source_record_id,forename,surname,date_of_birth,postcode,occurred_at,role,offence_group\n"
NO_NEW_PERSON = "A new person cannot be created from this row: it does not have a forename, surname"


@pytest.fixture
def run_import(run_import):
    return blank_columns_filled(run_import)


@pytest.fixture
def officer(client, password):
    user = UserFactory(role=Role.DATA_OFFICER)
    client.login(email=user.email, password=password)
    return user


def test_a_split_row_is_linked_to_the_right_person_found_by_the_search(register, run_import, client, officer):
    """The row was linked to the wrong Ada; the right one is recorded under her other
    surname, so the import never proposed her."""
    wrong = PersonFactory(forename="Ada", surname="Lovelace", date_of_birth="2012-03-04", postcode="NB1 2AB")
    right = PersonFactory(forename="Ada", surname="Byron", date_of_birth="2012-03-04", postcode="NB4 7QT")
    run_import(
        "police_incidents", POLICE + "P1,Ada,Lovelase,2012-03-04,NB1 2AB,2025-03-14T16:30,arrested,robbery\n"
    )
    review_decide(by=officer, review=LinkReview.objects.get(), action="linked", person=wrong, note="typo")
    record = SourceRecord.objects.get()
    (review,) = split_records(by=officer, person=wrong, source_record_ids=[record.pk])
    assert review.candidates == []

    url = reverse("chronology:review", args=[review.pk])
    search = {"forename": "ada", "surname": "BYRON", "date_of_birth": "2012-03-04"}
    html = client.post(url, {**search, "find": "1"}).content.decode()
    assert "Found by your search" in html
    assert f"Person {right.pk}" in html
    assert "Link to this person" in html
    assert "NB4 7QT" in html
    entry = AccessLogEntry.objects.get(actor=officer, kind="search")
    assert (entry.route, entry.detail) == ("chronology:review", {"found": True})
    assert list(entry.subjects.values_list("person_id", flat=True)) == [right.pk]

    response = client.post(
        url, {**search, "action": "linked", "person": right.pk, "note": "Byron is her other surname"}
    )

    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.status, review.person, review.decided_by) == ("linked", right, officer)
    assert SourceRecord.objects.get().person == right
    assert Event.objects.get().person == right
    assert ChangeLogEntry.objects.filter(object_pk=str(review.pk), actor=officer).exists()


def test_a_search_that_finds_nobody_says_so_and_is_logged(register, run_import, client, officer):
    run_import("police_incidents", POLICE + "P1,New,Child,2011-01-01,,2025-03-14T16:30,arrested,robbery\n")
    url = reverse("chronology:review", args=[LinkReview.objects.get().pk])
    html = client.post(url, {"identifier": UPN1, "find": "1"}).content.decode()
    assert "Nobody matches." in html
    assert AccessLogEntry.objects.get(actor=officer, kind="search").detail == {"found": False}
    html = client.post(url, {"forename": "New", "surname": "Child", "find": "1"}).content.decode()
    assert "or a forename, surname and date of birth." in html
    assert "govuk-error-summary" in html


def test_a_row_cannot_be_linked_to_a_person_who_does_not_exist(register, run_import, client, officer):
    run_import("police_incidents", POLICE + "P1,New,Child,2011-01-01,,2025-03-14T16:30,arrested,robbery\n")
    url = reverse("chronology:review", args=[LinkReview.objects.get().pk])
    html = client.post(url, {"action": "linked", "person": 999999, "note": "x"}).content.decode()
    assert "That person cannot be found: search for them again." in html
    assert_error_links_land(html)
    undecided = client.post(url, {"note": "x"}).content.decode()
    assert_error_links_land(undecided, radios=("action",))
    assert LinkReview.objects.get().status == "open"


def test_an_attendance_row_is_linked_to_the_pupil_not_made_a_person(school, run_import, client, officer):
    """An attendance mark carries only a UPN: the page does not offer a new person, the
    service refuses one, and the pupil is found by another identifier instead."""
    pupil = PersonFactory(upn=None, local_person_id="LP42", forename="Ada", surname="Lovelace")
    run_import(
        "attendance", f"source_record_id,urn,upn,date,session,code\nA1,100001,{UPN1},2025-03-03,AM,/\n"
    )
    url = reverse("chronology:review", args=[LinkReview.objects.get().pk])

    html = client.get(url).content.decode()
    assert 'value="new_person"' not in html
    assert "an attendance mark carries only a UPN" in html

    html = client.post(url, {"action": "new_person", "note": "new pupil"}).content.decode()
    assert NO_NEW_PERSON in html
    assert "govuk-error-summary" in html
    assert (LinkReview.objects.get().status, Person.objects.count()) == ("open", 1)

    assert f"Person {pupil.pk}" in client.post(url, {"identifier": "LP42", "find": "1"}).content.decode()
    response = client.post(url, {"action": "linked", "person": pupil.pk, "note": "joined in March"})
    assert response.status_code == 302
    pupil.refresh_from_db()
    assert pupil.upn == UPN1
    assert AttendanceMark.objects.get().person == pupil


def test_a_row_of_another_feed_without_names_is_not_told_to_wait_for_the_census(
    school, run_import, client, officer
):
    """A suspension for a UPN nobody holds was told that "the marks then link to them by
    UPN by themselves", which only register marks do."""
    run_import(
        "suspensions",
        f"source_record_id,urn,upn,category,start_date,sessions,reasons\nS9,100001,{UPN1},SUSP,2025-02-10,2,PP\n",
    )
    html = client.get(reverse("chronology:review", args=[LinkReview.objects.get().pk])).content.decode()
    assert NO_NEW_PERSON in html
    assert "attendance mark" not in html
    assert "Link it to the person it is about, or reject it and ask" in html


def test_a_rejected_row_names_nobody_even_with_a_person_chosen(register, run_import, client, officer):
    someone = PersonFactory()
    run_import("police_incidents", POLICE + "P1,New,Child,2011-01-01,,2025-03-14T16:30,arrested,robbery\n")
    review = LinkReview.objects.get()
    url = reverse("chronology:review", args=[review.pk])
    client.post(url, {"action": "rejected", "person": someone.pk, "note": "cannot tell who"})
    review.refresh_from_db()
    assert (review.status, review.person) == ("rejected", None)


def test_a_decision_sent_after_a_colleagues_says_so_and_shows_the_note_back(
    register, run_import, client, officer
):
    ada = PersonFactory(forename="Ada", surname="Lovelace", date_of_birth="2012-03-04", postcode="NB1 2AB")
    run_import(
        "police_incidents", POLICE + "P1,Ada,Lovelase,2012-03-04,NB1 2AB,2025-03-14T16:30,arrested,robbery\n"
    )
    review = LinkReview.objects.get()
    colleague = UserFactory(role=Role.DATA_OFFICER)
    review_decide(by=colleague, review=review, action="rejected", note="Not ours")

    response = client.post(
        reverse("chronology:review", args=[review.pk]),
        {"action": "linked", "person": ada.pk, "note": "Lovelase is a typo of Lovelace"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "This was decided before your decision arrived, so yours was not recorded." in page
    assert "Lovelase is a typo of Lovelace</textarea>" in page
    assert LinkReview.objects.get().status == LinkReview.Status.REJECTED


def test_the_run_page_says_its_queued_rows_were_queued(register, run_import, client, officer):
    """It said one row "could not be linked … and wait in the review queue": wrong in
    number, and untrue once a data officer had decided it."""
    run = run_import(
        "police_incidents", POLICE + "P1,New,Child,2011-01-01,,2025-03-14T16:30,arrested,robbery\n"
    )
    text = " ".join(client.get(reverse("chronology:run", args=[run.pk])).content.decode().split())
    assert "1 row could not be linked to a person with confidence and was queued for a data officer" in text


def test_a_complete_run_with_rejected_rows_says_so_at_the_top(register, run_import, client, officer):
    """A big green "Import complete" above 3 rejected rows of 7 read as all well."""
    run = run_import("police_incidents", POLICE + "P1,New,Child,2011-01-01,,not-a-date,arrested,robbery\n")
    text = " ".join(client.get(reverse("chronology:run", args=[run.pk])).content.decode().split())
    assert 'Import complete</h2><div class="govuk-panel__body">but 1 row rejected: see why below' in text
