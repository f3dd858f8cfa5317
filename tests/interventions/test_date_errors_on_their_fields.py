"""A review, allocation or closure date the portal refuses is said at its own field (the
field marked, the error summary linking to it), together with every other error in the
form at once; and a next review date in the past (an intervention overdue the moment its
review is recorded) or a first review date already past is refused."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from interventions.models import Intervention, InterventionStatus, ReferralStatus
from tests.factories.access import user_with_role
from tests.factories.interventions import allocate, make_referral, programme
from tests.page_text import page_text
from tests.portal.page_structure import page_structure

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def _errors(response) -> tuple[list[str], list[str]]:
    """The messages at the fields and where the summary's links go, after checking every
    link lands on a control and every message is tied to its field."""
    page = page_structure(response.content.decode())
    assert not page.error_problems()
    words = [" ".join(m["words"].split()).removeprefix("Error: ") for m in page.error_messages]
    return words, page.summary_links


def _review(client, intervention: Intervention, **data: str):
    client.force_login(intervention.worker)
    url = reverse("interventions:review", args=[intervention.pk])
    return client.post(url, {"version": intervention.version, **data})


def test_a_next_review_date_before_today_is_refused_at_the_field(client):
    # Due 8 days ago: a next date after that one but before today was taken, and the
    # intervention read "Overdue" the moment the review was recorded.
    intervention = allocate(start=TODAY() - datetime.timedelta(days=50))
    past = TODAY() - DAY

    response = _review(client, intervention, note="Engaging well", next_review_date=past.isoformat())

    assert response.status_code == 200
    assert _errors(response) == (["The next review date must be after today"], ["id_next_review_date_0"])
    intervention.refresh_from_db()
    assert intervention.review_date == TODAY() - datetime.timedelta(days=8)


def test_a_next_review_date_of_today_is_refused_and_tomorrow_taken(client):
    intervention = allocate(start=TODAY() - datetime.timedelta(days=50))

    refused = _review(client, intervention, note="Engaging well", next_review_date=TODAY().isoformat())
    taken = _review(client, intervention, note="Engaging well", next_review_date=(TODAY() + DAY).isoformat())

    assert _errors(refused)[0] == ["The next review date must be after today"]
    assert taken.status_code == 302
    intervention.refresh_from_db()
    assert intervention.review_date == TODAY() + DAY


def test_an_early_reviews_next_date_must_be_after_the_date_it_was_due(client):
    intervention = allocate(start=TODAY() - datetime.timedelta(days=30))  # due in 12 days

    soon = TODAY() + datetime.timedelta(days=5)

    response = _review(client, intervention, note="Engaging well", next_review_date=soon.isoformat())

    assert _errors(response) == (
        ["The next review date must be after this review's date"],
        ["id_next_review_date_0"],
    )


def test_every_error_of_the_review_form_shows_at_once(client):
    intervention = allocate(start=TODAY() - datetime.timedelta(days=50))
    years_away = TODAY() + datetime.timedelta(days=400)

    response = _review(client, intervention, note="", next_review_date=years_away.isoformat())

    assert _errors(response) == (
        ["Enter what the review found", "The next review date must be within a year"],
        ["id_note", "id_next_review_date_0"],
    )


def _allocate(client, taskforce, **data: str):
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    url = reverse("referrals:allocate", args=[referral.pk])
    return client.post(url, {"planned_sessions": "8", **data})


def test_a_first_review_date_already_past_is_refused_at_the_field(officer, taskforce):
    start = TODAY() - datetime.timedelta(days=60)

    response = _allocate(
        officer,
        taskforce,
        start_date=start.isoformat(),
        review_date=(TODAY() - DAY).isoformat(),
    )

    words, links = _errors(response)
    assert "The review date must be today or later" in words
    assert "id_review_date_0" in links
    assert not Intervention.objects.exists()


def test_a_start_date_out_of_range_is_at_its_field_with_the_other_errors(officer, taskforce):
    response = _allocate(
        officer,
        taskforce,
        provider="",
        start_date=(TODAY() - datetime.timedelta(days=6 * 366)).isoformat(),
        review_date=(TODAY() + DAY).isoformat(),
    )

    words, links = _errors(response)
    assert "Enter the provider" in words
    assert "The start date must be within the last 5 years or the next year" in words
    assert "id_start_date_0" in links


def test_a_review_date_years_after_the_start_is_at_its_field(officer, taskforce):
    response = _allocate(
        officer,
        taskforce,
        start_date=TODAY().isoformat(),
        review_date=(TODAY() + datetime.timedelta(days=400)).isoformat(),
    )

    words, links = _errors(response)
    assert "The review date must be within a year of the start date" in words
    assert "id_review_date_0" in links


def test_a_long_running_intervention_may_be_allocated_with_a_review_ahead(client, taskforce):
    """A start years back is allowed (past work recorded late): its review is due from today."""
    start = TODAY() - datetime.timedelta(days=800)
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    client.force_login(taskforce)
    response = client.post(
        reverse("referrals:allocate", args=[referral.pk]),
        {
            "programme": programme("one_to_one").pk,
            "provider": "Youth service",
            "worker": user_with_role(Role.INTERVENTION_WORKER).pk,
            "start_date": start.isoformat(),
            "planned_sessions": "8",
            "review_date": (TODAY() + datetime.timedelta(days=30)).isoformat(),
        },
    )

    assert response.status_code == 302
    assert Intervention.objects.get().start_date == start


def _close(client, intervention: Intervention, **data: str):
    client.force_login(intervention.worker)
    url = reverse("interventions:close", args=[intervention.pk])
    return client.post(url, {"version": intervention.version, "reason": "completed", **data})


def test_a_closing_date_in_the_future_is_at_its_field_with_the_other_errors(client):
    intervention = allocate()

    response = _close(client, intervention, outcome_summary="", closed_on=(TODAY() + DAY).isoformat())

    words, links = _errors(response)
    assert words == ["The closing date must be between the start date and today", "Enter the outcome summary"]
    assert links == ["id_closed_on_0", "id_outcome_summary"]
    intervention.refresh_from_db()
    assert intervention.status == InterventionStatus.ACTIVE


def test_a_closing_date_before_the_start_is_at_its_field(client):
    intervention = allocate()

    response = _close(
        client,
        intervention,
        outcome_summary="Done",
        closed_on=(intervention.start_date - DAY).isoformat(),
    )

    assert _errors(response) == (
        ["The closing date must be between the start date and today"],
        ["id_closed_on_0"],
    )


def test_a_group_session_with_no_date_and_no_one_marked_says_both_at_once(client):
    intervention = allocate(kind="group")
    client.force_login(intervention.worker)
    url = reverse("interventions:group_session") + f"?programme={intervention.programme_id}"

    response = client.post(url, {"date": "", f"status_{intervention.pk}": ""})

    page = page_structure(response.content.decode())
    summary = " ".join(page_text(response).split())
    assert "Record attendance for at least one young person" in summary
    assert "id_date_0" in page.summary_links
