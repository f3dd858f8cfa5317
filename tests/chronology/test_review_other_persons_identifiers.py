"""A row's possible match is scored when the row is queued. Before a data officer decides,
the person proposed may be given an NHS number or local person id of their own (a later
row of the same households file, say) that differs from the row's: they are then a
different person, whom the importer would never propose. The demo city's queued
households row (Stanley Murphy, born 2009, against his brother born 2010) was linked
this way to the wrong child."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from chronology.models import Event, LinkReview, SourceRecord
from chronology.services.linkage import review_decide
from tests.chronology.conftest import blank_columns_filled
from tests.factories import PersonFactory, UserFactory

ROW_NHS, OTHER_NHS = "9434765919", "9434765927"
POLICE = (
    "source_record_id,nhs_number,forename,surname,date_of_birth,postcode,occurred_at,role,offence_group\n"
)


@pytest.fixture
def run_import(run_import):
    return blank_columns_filled(run_import)


@pytest.fixture
def officer(client, password):
    user = UserFactory(role=Role.DATA_OFFICER)
    client.login(email=user.email, password=password)
    return user


@pytest.fixture
def brother(register, run_import):
    """Queued against the row as a possible match (same names and postcode, another
    birthday), then given an NHS number of his own."""
    brother = PersonFactory(
        forename="Stanley", surname="Murphy", date_of_birth="2010-12-27", postcode="NB7 2BW"
    )
    run_import(
        "police_incidents",
        POLICE + f"P1,{ROW_NHS},Stanley,Murphy,2009-03-12,NB7 2BW,2025-03-14T16:30,witness,robbery\n",
    )
    review = LinkReview.objects.get()
    assert [c["person_id"] for c in review.candidates] == [brother.pk]
    brother.nhs_number = OTHER_NHS
    brother.save()
    return brother


def test_a_row_is_not_linked_to_someone_holding_another_nhs_number(brother, client, officer):
    review = LinkReview.objects.get()
    url = reverse("chronology:review", args=[review.pk])

    response = client.post(url, {"action": "linked", "person": brother.pk, "note": "Same family"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert f"Person {brother.pk} holds a different NHS number from this row" in html
    review.refresh_from_db()
    assert review.status == LinkReview.Status.OPEN
    assert SourceRecord.objects.get().person is None
    assert not Event.objects.filter(person=brother).exists()


def test_the_page_says_the_proposed_person_is_someone_else_and_offers_no_link(brother, client, officer):
    html = client.get(reverse("chronology:review", args=[LinkReview.objects.get().pk])).content.decode()

    assert f"Person {brother.pk}: confidence 0.75" in html
    assert "Now holds a different NHS number from this row's: not the person this row is about." in html
    assert f'name="person" type="radio" value="{brother.pk}"' not in html
    assert "Person to link to" not in html, "no choice to offer until the data officer searches"


def test_a_shared_identifier_still_leaves_the_decision_to_the_data_officer(register, run_import, officer):
    """The importer queues a row whose NHS number belongs to a person holding another
    local person id: that evidence points both ways, and the data officer decides."""
    pupil = PersonFactory(nhs_number=ROW_NHS, local_person_id="NB0000001")
    run_import(
        "police_incidents",
        "source_record_id,nhs_number,local_person_id,occurred_at,role,offence_group\n"
        f"P1,{ROW_NHS},NB0000002,2025-03-14T16:30,witness,robbery\n",
    )
    review = LinkReview.objects.get()

    review_decide(by=officer, review=review, action="linked", person=pupil, note="Checked with the police")

    assert SourceRecord.objects.get().person == pupil
