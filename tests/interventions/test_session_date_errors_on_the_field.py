"""A session's date refused by the service (in the future, or before the intervention
started) is shown on the date field, with the error summary linking to it, on each page
that records or corrects a session; and the summary sits at the top of the page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from interventions.models import Session
from tests.factories.interventions import allocate, record_session
from tests.portal.page_structure import page_structure

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
START = datetime.date(2026, 1, 5)


def _date_error(html: str, message: str) -> None:
    page = page_structure(html)
    assert not page.error_problems()
    assert page.summary_links == ["id_date_0"]  # the day: the whole date is refused
    errors = [" ".join(m["words"].split()) for m in page.error_messages]
    assert errors == [f"Error: {message}"]


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (lambda: TODAY() + datetime.timedelta(days=1), "A session cannot be recorded before it happens"),
        (
            lambda: START - datetime.timedelta(days=1),
            "The session date is before the intervention started on 5 Jan 2026",
        ),
    ],
)
def test_an_individual_sessions_date_error_is_on_the_date_field(client, day, message):
    intervention = allocate(start=START)
    client.force_login(intervention.worker)
    url = reverse("interventions:session", args=[intervention.pk])
    response = client.post(url, {"date": day().isoformat(), "status": "attended"})
    assert response.status_code == 200
    _date_error(response.content.decode(), message)


def test_a_group_sessions_date_error_is_on_the_date_field_and_the_summary_on_top(client):
    intervention = allocate(kind="group", start=START)
    client.force_login(intervention.worker)
    url = reverse("interventions:group_session") + f"?programme={intervention.programme_id}"
    day = START - datetime.timedelta(days=1)
    response = client.post(url, {"date": day.isoformat(), f"status_{intervention.pk}": "attended"})
    html = response.content.decode()
    _date_error(html, "The session date is before the intervention started on 5 Jan 2026")
    assert html.index("govuk-error-summary") < html.index("<h1")
    assert not Session.objects.exists()


def test_a_group_pages_missing_programme_summary_is_on_top(client):
    intervention = allocate(kind="group")
    client.force_login(intervention.worker)
    html = client.get(reverse("interventions:group_session"), {"programme": ""}).content.decode()
    assert html.index("govuk-error-summary") < html.index("<h1")


def test_a_corrections_date_error_is_on_the_date_field(client):
    intervention = allocate(start=START)
    session = record_session(intervention)
    client.force_login(intervention.worker)
    url = reverse("interventions:session_detail", args=[intervention.pk, session.pk])
    day = START - datetime.timedelta(days=1)
    response = client.post(
        url,
        {
            "version": 1,
            "date": day.isoformat(),
            "kind": "individual",
            f"status_{intervention.pk}": "attended",
            "reason": "Wrong date",
        },
    )
    _date_error(
        response.content.decode(), "The session date is before the intervention started on 5 Jan 2026"
    )


def test_a_withdrawals_missing_reason_answers_its_question(client):
    intervention = allocate()
    session = record_session(intervention)
    client.force_login(intervention.worker)
    url = reverse("interventions:session_withdraw", args=[intervention.pk, session.pk])
    html = client.post(url, {"version": 1, "reason": ""}).content.decode()
    assert "Why was this session recorded in error?" in html
    page = page_structure(html)
    assert not page.error_problems()
    assert page.summary_links == ["id_reason"]
    assert [" ".join(m["words"].split()) for m in page.error_messages] == [
        "Error: Enter why the session was recorded in error"
    ]
