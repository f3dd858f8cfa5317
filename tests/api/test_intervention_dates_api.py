"""A review or a closure through the API with a date the intervention cannot take (a far
past or far future day a client sent) is a problem with what was sent: 400 with the
reason, as docs/api.md says, and nothing changes. Only the record's state (closed
already) or someone else's change is a 409 Conflict."""

from datetime import date, timedelta

import pytest

from accounts.roles import Role
from interventions.models import Intervention, InterventionStatus
from tests.api.conftest import client_for
from tests.factories.access import user_with_role
from tests.factories.interventions import allocate

pytestmark = pytest.mark.django_db
TODAY = date.today


def _url(intervention: Intervention, action: str) -> str:
    return f"/api/v1/interventions/{intervention.pk}/{action}/"


def _close(intervention: Intervention, closed_on: str) -> dict:
    return {
        "version": intervention.version,
        "closed_on": closed_on,
        "reason": "completed",
        "outcome_summary": "Attendance up.",
    }


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_closing_date_outside_the_intervention_is_400_and_closes_nothing(day):
    intervention = allocate()
    response = client_for(intervention.worker).post(
        _url(intervention, "close"), _close(intervention, day), format="json"
    )

    assert response.status_code == 400
    assert "The closing date must be between" in str(response.json()["errors"])
    intervention.refresh_from_db()
    assert intervention.status != InterventionStatus.CLOSED


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_next_review_date_outside_the_year_is_400(day):
    intervention = allocate()
    body = {"version": intervention.version, "note": "Going well", "next_review_date": day}

    response = client_for(intervention.worker).post(_url(intervention, "review"), body, format="json")

    assert response.status_code == 400
    assert "next review date" in str(response.json()["errors"])
    assert Intervention.objects.get(pk=intervention.pk).version == intervention.version


def test_closing_or_reviewing_a_closed_intervention_is_still_a_conflict():
    intervention = allocate()
    officer = client_for(user_with_role(Role.TASKFORCE))
    first = officer.post(
        _url(intervention, "close"), _close(intervention, TODAY().isoformat()), format="json"
    )
    assert first.status_code == 200
    version = first.json()["version"]
    again = {**_close(intervention, TODAY().isoformat()), "version": version}
    review = {"version": version, "note": "n", "next_review_date": (TODAY() + timedelta(days=30)).isoformat()}

    assert officer.post(_url(intervention, "close"), again, format="json").status_code == 409
    assert officer.post(_url(intervention, "review"), review, format="json").status_code == 409


def test_reviews_due_by_a_day_leave_out_closed_interventions():
    """A closed intervention has no review to do: listed as due, it sent the worker's
    reminder system chasing a review nobody may record (a review of a closed one is 409)."""
    still_open, closed = allocate(), allocate()
    Intervention.objects.filter(pk=closed.pk).update(status=InterventionStatus.CLOSED, closed_on=TODAY())
    due = client_for(user_with_role(Role.TASKFORCE)).get(
        "/api/v1/interventions/", {"review_due_by": (TODAY() + timedelta(days=60)).isoformat()}
    )
    assert [i["id"] for i in due.json()["results"]] == [still_open.pk]
