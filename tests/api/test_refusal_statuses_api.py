"""Which status a service's refusal answers through the API, as docs/api.md promises: a
problem with what was sent is a 400 with the reason, on every endpoint, since the same
request would be refused again; 409 Conflict only when the record's state forbids the
change now (a stale version, a closed intervention, a referral already sent or still a
draft), when reading it again and deciding again is the way on. Nothing is changed."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from rest_framework import exceptions

from accounts.roles import Role
from interventions.api.common import CaseApiView
from interventions.models import Intervention, ReferralStatus
from interventions.services.errors import ConcurrentChange, Invalid, InvalidTransition, NotAllowed
from interventions.services.referrals import ReferralInvalid
from tests.api.conftest import client_for
from tests.api.referrals import url
from tests.factories.access import user_with_role
from tests.factories.interventions import allocate, make_referral, programme, record_session

pytestmark = pytest.mark.django_db
TODAY = date.today


def _url(intervention: Intervention, action: str) -> str:
    return f"/api/v1/interventions/{intervention.pk}/{action}/"


def _close(version: int) -> dict:
    return {
        "version": version,
        "closed_on": TODAY().isoformat(),
        "reason": "completed",
        "outcome_summary": "Done.",
    }


def _unchanged(intervention: Intervention) -> bool:
    return Intervention.objects.get(pk=intervention.pk).version == intervention.version


@pytest.mark.parametrize(
    ("refusal", "status"),
    [
        (Invalid("Enter the information to add."), 400),
        (ReferralInvalid({"reason": "Enter why"}), 400),
        (InvalidTransition("This referral has already been sent."), 409),
        (ConcurrentChange("Someone else changed this referral"), 409),
        (NotAllowed("Only the taskforce"), 403),
    ],
)
def test_each_kind_of_refusal_answers_one_status_on_every_endpoint(refusal, status):
    answer = CaseApiView()._in_http(refusal)
    assert isinstance(answer, exceptions.APIException)
    assert answer.status_code == status


def test_change_worker_naming_someone_who_may_not_lead_is_400():
    """Neither a DSL, nor someone the worker list offers (an intervention worker's group)
    whose role is read as another (a DSL's group too): the service refuses the second,
    which answered 409 before."""
    intervention = allocate()
    officer = client_for(user_with_role(Role.TASKFORCE))
    both = user_with_role(Role.INTERVENTION_WORKER)
    both.groups.add(Group.objects.get(name=Role.DSL))
    answers = [
        officer.post(
            _url(intervention, "change-worker"),
            {"version": intervention.version, "worker": who.pk},
            format="json",
        )
        for who in (user_with_role(Role.DSL), both)
    ]
    assert [a.status_code for a in answers] == [400, 400]
    assert "worker" in answers[0].json()["errors"]
    assert answers[1].json()["errors"] == {
        "non_field_errors": ["The lead worker must be a taskforce officer or an intervention worker"]
    }
    assert _unchanged(intervention)


def test_change_worker_naming_the_current_lead_worker_is_400():
    intervention = allocate()
    body = {"version": intervention.version, "worker": intervention.worker_id}
    response = client_for(user_with_role(Role.TASKFORCE)).post(
        _url(intervention, "change-worker"), body, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"non_field_errors": ["That is already the lead worker"]}
    assert _unchanged(intervention)


def test_an_empty_review_note_is_400():
    intervention = allocate()
    body = {
        "version": intervention.version,
        "note": "   ",
        "next_review_date": (TODAY() + timedelta(days=30)).isoformat(),
    }
    response = client_for(intervention.worker).post(_url(intervention, "review"), body, format="json")
    assert response.status_code == 400
    assert "note" in response.json()["errors"]
    assert _unchanged(intervention)


def test_adding_empty_information_is_400_and_to_a_draft_409():
    sent, draft = make_referral(), make_referral(status=ReferralStatus.DRAFT)
    empty = client_for(sent.referred_by).post(url(sent, "add-information"), {"note": "  "}, format="json")
    assert empty.status_code == 400
    assert "note" in empty.json()["errors"]
    to_draft = client_for(draft.referred_by).post(
        url(draft, "add-information"), {"note": "More"}, format="json"
    )
    assert (to_draft.status_code, to_draft.json()["detail"]) == (
        409,
        "This referral is still a draft: change it instead.",
    )
    assert sent.entries.count() == 2  # created and sent, nothing added


def test_sending_a_referral_already_sent_is_409_even_with_its_current_version():
    referral = make_referral()
    response = client_for(referral.referred_by).post(
        url(referral, "send"), {"version": referral.version}, format="json"
    )
    assert (response.status_code, response.json()["detail"]) == (409, "This referral has already been sent.")


def test_a_stale_version_is_409():
    intervention = allocate()
    officer = client_for(user_with_role(Role.TASKFORCE))
    review = {
        "version": intervention.version,
        "note": "Going well",
        "next_review_date": (TODAY() + timedelta(days=30)).isoformat(),
    }
    assert officer.post(_url(intervention, "review"), review, format="json").status_code == 200
    stale = client_for(intervention.worker).post(
        _url(intervention, "close"), _close(intervention.version), format="json"
    )
    assert stale.status_code == 409
    assert stale.json()["detail"].startswith("Someone else changed this intervention")


def test_closing_or_changing_the_worker_of_a_closed_intervention_is_409():
    intervention = allocate()
    officer = client_for(user_with_role(Role.TASKFORCE))
    closed = officer.post(_url(intervention, "close"), _close(intervention.version), format="json")
    version = closed.json()["version"]
    again = officer.post(_url(intervention, "close"), _close(version), format="json")
    assert (again.status_code, again.json()["detail"]) == (409, "This intervention has already been closed.")
    other = {"version": version, "worker": user_with_role(Role.INTERVENTION_WORKER).pk}
    moved = officer.post(_url(intervention, "change-worker"), other, format="json")
    assert moved.status_code == 409
    assert "has ended" in moved.json()["detail"]


def test_a_session_correction_that_changes_nothing_is_400():
    intervention = allocate()
    session = record_session(intervention)
    body = {
        "version": session.version,
        "reason": "Checking",
        "attendance": [{"status": "attended", "note": ""}],
    }
    response = client_for(intervention.worker).patch(
        f"{_url(intervention, 'sessions')}{session.pk}/", body, format="json"
    )
    assert response.status_code == 400
    assert "Nothing was changed" in str(response.json()["errors"])


def test_allocating_on_a_referral_not_accepted_or_twice_is_409():
    sent, accepted = make_referral(), make_referral(status=ReferralStatus.ACCEPTED)
    officer = client_for(user_with_role(Role.TASKFORCE))
    start = TODAY()
    body = {
        "programme": programme().pk,
        "provider": "Northbridge Youth Service",
        "worker": user_with_role(Role.INTERVENTION_WORKER).pk,
        "start_date": start.isoformat(),
        "planned_sessions": 6,
        "review_date": (start + timedelta(days=42)).isoformat(),
    }
    refused = officer.post(url(sent, "allocate"), body, format="json")
    assert (refused.status_code, refused.json()["detail"]) == (
        409,
        "Interventions can be allocated only on an accepted referral.",
    )
    assert officer.post(url(accepted, "allocate"), body, format="json").status_code == 201
    twice = officer.post(url(accepted, "allocate"), body, format="json")
    assert twice.status_code == 409
    assert "already has an open" in twice.json()["detail"]
    assert not sent.interventions.exists()
    assert accepted.interventions.count() == 1
