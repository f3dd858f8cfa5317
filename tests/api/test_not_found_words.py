"""A 404 says what was not found: every scoped one said "No young person found.", also
for a referral or an intervention, so an integrator looked for the wrong record."""

import pytest

from accounts.roles import Role
from tests.api.conftest import client_for
from tests.factories.access import user_with_role
from tests.factories.interventions import allocate, record_session

pytestmark = pytest.mark.django_db


def test_each_404_names_what_was_not_found():
    intervention = allocate()
    session = record_session(intervention)
    stranger = client_for(user_with_role(Role.INTERVENTION_WORKER))
    officer = client_for(user_with_role(Role.TASKFORCE))
    theirs = f"/api/v1/interventions/{intervention.pk}/"
    answers = {
        "/api/v1/referrals/999999/": (officer, "No referral found."),
        theirs: (stranger, "No intervention found."),
        f"{theirs}sessions/{session.pk}/": (stranger, "No intervention found."),
        "/api/v1/interventions/999999/": (officer, "No intervention found."),
        "/api/v1/young-people/999999/": (officer, "No young person found."),
    }
    for path, (client, words) in answers.items():
        answer = client.get(path)
        assert (answer.status_code, answer.json()) == (404, {"detail": words}), path


@pytest.mark.parametrize("pk", ["0", "-1", "-4", "99999999999999999999", "1000000000000000000"])
def test_any_id_that_finds_nothing_answers_the_same_404(pk):
    """A negative or huge id did not match the path at all, and answered the bare "Not
    found." where 0 or an unused id said what was not found."""
    officer = client_for(user_with_role(Role.TASKFORCE))
    data_officer = client_for(user_with_role(Role.DATA_OFFICER))
    answers = {
        f"/api/v1/young-people/{pk}/": (officer, "No young person found."),
        f"/api/v1/referrals/{pk}/": (officer, "No referral found."),
        f"/api/v1/interventions/{pk}/": (officer, "No intervention found."),
        f"/api/v1/feed-runs/{pk}/": (data_officer, "No import run found."),
    }
    for path, (client, words) in answers.items():
        answer = client.get(path)
        assert (answer.status_code, answer.json()) == (404, {"detail": words}), path
