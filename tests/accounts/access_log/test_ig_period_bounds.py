"""A period at either end of the calendar: the log's search turns a day into local
midnights, which the first and last days of the calendar do not have. IG's pages say
so beside the field and the API answers 400, never a server error."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.forms_access_log import BOUNDS_MESSAGE
from accounts.roles import Role
from tests.api.conftest import client_for as api_client_for
from tests.factories import AccessLogEntryFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

FAR_OFF = [
    {"date_from": "0001-01-01"},
    {"date_to": "9999-12-31"},
    {"date_from": "0001-01-01", "date_to": "9999-12-31"},
    {"date_from": "9999-12-31", "date_to": "9999-12-31"},
]


@pytest.fixture
def ig():
    seer = UserFactory(role=Role.DSL)
    AccessLogEntryFactory(actor=seer, persons=[PersonFactory()])
    return UserFactory(role=Role.IG_OFFICER), seer


@pytest.mark.parametrize("period", FAR_OFF)
@pytest.mark.parametrize("page", ["entries", "user_history", "anomalies"])
def test_ig_pages_say_a_far_off_day_is_out_of_range(ig, page, period):
    officer, seer = ig
    client = Client()
    client.force_login(officer)
    args = [seer.pk] if page == "user_history" else []

    response = client.get(reverse(f"access_log:{page}", args=args), period)

    assert response.status_code == 200
    assert BOUNDS_MESSAGE in response.content.decode()


@pytest.mark.parametrize("period", FAR_OFF)
def test_the_api_answers_400_for_a_far_off_day(ig, period):
    response = api_client_for(ig[0]).get("/api/v1/access-log/", period)

    assert response.status_code == 400
    assert set(response.json()["errors"]) <= {"date_from", "date_to"}


def test_the_first_and_last_days_allowed_still_search(ig):
    officer, seer = ig
    found = api_client_for(officer).get(
        "/api/v1/access-log/", {"date_from": "2000-01-01", "date_to": "2999-12-31"}
    )

    assert found.status_code == 200
    assert found.json()["count"] >= 1


@pytest.mark.parametrize(
    "key",
    [
        "volume:1:9999123123",
        "volume:1:0001010100",
        "out_of_hours:1:9999-12-31",
        "out_of_hours:1:0001-01-01",
        "out_of_hours:1:1066-10-14",
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_anomaly_key_naming_a_far_off_hour_or_day_is_not_found(ig, key, method):
    client = Client()
    client.force_login(ig[0])

    response = getattr(client, method)(reverse("access_log:anomaly_review", args=[key]), {"note": "Checked"})

    assert response.status_code == 404


@pytest.mark.parametrize("page", ["user_history", "anomalies"])
def test_a_period_ending_before_it_starts_is_refused_not_searched_as_empty(ig, page):
    officer, seer = ig
    client = Client()
    client.force_login(officer)
    args = [seer.pk] if page == "user_history" else []

    response = client.get(
        reverse(f"access_log:{page}", args=args), {"date_from": "2026-03-10", "date_to": "2026-03-01"}
    )

    assert response.status_code == 200
    assert "The end date must be the same as or after the start date." in response.content.decode()
