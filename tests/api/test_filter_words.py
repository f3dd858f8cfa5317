"""A filter or query value the API cannot take is refused in the portal's own words,
naming what it takes: Django's and DRF's defaults ("Select a valid choice…", "Ensure
this value is less than or equal to 999999999999999999.", '"sideways" is not a valid
choice.') spoke of a select the API has not got, and "Date has wrong format" was said of
2026-02-31, whose format is right and whose day does not exist."""

import pytest

from accounts.roles import Role
from interventions.models import InterventionStatus
from tests.api.conftest import client_for
from tests.factories import EnrolmentFactory, SchoolFactory
from tests.factories.access import school_staff, user_with_role

pytestmark = pytest.mark.django_db
STATUSES = ", ".join(InterventionStatus.values)


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ({"status": "sideways"}, f"Not a status: use one of {STATUSES}."),
        (
            {"young_person": "99999999999999999999"},
            "Not a young person id: give a whole number from 1 to 999999999999999999.",
        ),
        ({"young_person": "-3"}, "Not a young person id: give a whole number from 1 to 999999999999999999."),
        ({"programme": "999999"}, "Not the id of a programme this list may be filtered by."),
        ({"review_due_by": "2026-02-31"}, "The date must be a real date: there is no 2026-02-31."),
        ({"review_due_by": "tomorrow"}, "Give the date as YYYY-MM-DD, e.g. 2026-01-31."),
    ],
)
def test_the_intervention_list_refuses_a_filter_in_its_own_words(query, words):
    answer = client_for(user_with_role(Role.TASKFORCE)).get("/api/v1/interventions/", query)
    assert answer.status_code == 400
    assert answer.json()["errors"] == {next(iter(query)): [words]}


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ({"order": "sideways"}, "Not an order: use one of newest, oldest."),
        ({"date_from": "2026-02-31"}, "The date must be a real date: there is no 2026-02-31."),
        ({"date_to": "tomorrow"}, "Give the date as YYYY-MM-DD, e.g. 2026-01-31."),
    ],
)
def test_the_chronology_refuses_a_query_in_its_own_words(query, words):
    school = SchoolFactory()
    pupil = EnrolmentFactory(school=school).person
    answer = client_for(school_staff(Role.DSL, school)).get(
        f"/api/v1/young-people/{pupil.pk}/chronology/", query
    )
    assert answer.status_code == 400
    assert answer.json()["errors"] == {next(iter(query)): [words]}


def test_a_body_choice_is_refused_in_the_same_words():
    from tests.factories.interventions import allocate

    intervention = allocate()
    answer = client_for(intervention.worker).post(
        f"/api/v1/interventions/{intervention.pk}/sessions/",
        {"date": "2026-01-05", "kind": "sideways", "attendance": [{"status": "attended"}]},
        format="json",
    )
    assert answer.status_code == 400
    assert answer.json()["errors"] == {"kind": ["Not a kind: use one of group, individual."]}
