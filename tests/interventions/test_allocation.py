"""Allocation grants the worker access to the young person through the access layer;
ending the intervention or changing the worker removes it on the next request."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import Notification
from accounts.roles import Role
from interventions.models import InterventionStatus, Measure, ReferralStatus
from interventions.services.allocation import (
    Allocation,
    Closure,
    intervention_allocate,
    intervention_change_worker,
    intervention_close,
)
from interventions.services.errors import ConcurrentChange, Invalid, InvalidTransition, NotAllowed
from tests.factories.access import user_with_role
from tests.factories.interventions import allocate, make_referral, programme

pytestmark = pytest.mark.django_db

CLOSURE = {
    "reason": "completed",
    "outcome_summary": "Attends every day now.",
    "specialist_support_received": "yes",
}


def _record(client, person):
    return client.get(reverse("young_person_detail", args=[person.pk])).status_code


def _form(worker, *, start: str | None = None, review: str | None = None) -> dict:
    """The allocation form as an officer fills it: six sessions from today, reviewed in six weeks."""
    today = timezone.localdate()
    return {
        "programme": programme().pk,
        "provider": "Northbridge Youth Service",
        "worker": worker.pk,
        "start_date": start or today.isoformat(),
        "planned_sessions": 6,
        "review_date": review or (today + datetime.timedelta(days=42)).isoformat(),
    }


def test_the_taskforce_allocates_on_the_page_and_the_worker_gets_access_and_a_notice(client):
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    worker = user_with_role(Role.INTERVENTION_WORKER)
    officer = user_with_role(Role.TASKFORCE)
    client.force_login(worker)
    assert _record(client, referral.young_person) == 404

    client.force_login(officer)
    response = client.post(reverse("referrals:allocate", args=[referral.pk]), _form(worker))
    intervention = referral.interventions.get()
    assert response.status_code == 302
    assert intervention.measures.get().point == Measure.Point.BASELINE
    assert Notification.objects.filter(user=worker, kind="intervention_allocated").count() == 1

    client.force_login(worker)
    assert _record(client, referral.young_person) == 200
    assert client.get(reverse("interventions:detail", args=[intervention.pk])).status_code == 200


def test_closing_removes_access_on_the_next_request(client):
    intervention = allocate()
    worker = intervention.worker
    client.force_login(worker)
    assert _record(client, intervention.young_person) == 200

    response = client.post(
        reverse("interventions:close", args=[intervention.pk]),
        CLOSURE | {"closed_on": timezone.localdate().isoformat(), "version": intervention.version},
    )
    assert response.status_code == 302
    intervention.refresh_from_db()
    assert intervention.status == InterventionStatus.CLOSED
    assert intervention.measures.filter(point=Measure.Point.CLOSURE).count() == 1
    assert _record(client, intervention.young_person) == 404
    assert client.get(reverse("interventions:detail", args=[intervention.pk])).status_code == 404


def test_changing_the_worker_moves_the_access(client):
    intervention = allocate()
    old, new = intervention.worker, user_with_role(Role.INTERVENTION_WORKER)
    officer = user_with_role(Role.TASKFORCE)
    client.force_login(officer)
    client.post(
        reverse("interventions:worker", args=[intervention.pk]),
        {"worker": new.pk, "version": intervention.version},
    )
    intervention.refresh_from_db()
    assert intervention.worker == new
    client.force_login(old)
    assert _record(client, intervention.young_person) == 404
    client.force_login(new)
    assert _record(client, intervention.young_person) == 200


def test_a_worker_with_a_second_open_intervention_keeps_access():
    first = allocate()
    second = allocate(referral=first.referral, worker=first.worker, kind="group")
    intervention_close(
        by=first.worker,
        intervention=first,
        closure=Closure(closed_on=timezone.localdate(), reason="completed", outcome_summary="Done"),
        expected_version=first.version,
    )
    from accounts.access import can_view

    assert can_view(first.worker, first.young_person)
    intervention_close(
        by=second.worker,
        intervention=second,
        closure=Closure(closed_on=timezone.localdate(), reason="completed", outcome_summary="Done"),
        expected_version=second.version,
    )
    second.worker.__dict__.pop("role", None)
    assert not can_view(second.worker, second.young_person)


@pytest.mark.parametrize(
    "status", [ReferralStatus.SENT, ReferralStatus.DECLINED, ReferralStatus.MORE_INFORMATION]
)
def test_only_an_accepted_referral_is_allocated(status):
    referral = make_referral(status=status)
    with pytest.raises(InvalidTransition, match="accepted referral"):
        allocate(referral=referral)


def test_allocation_checks_the_worker_and_the_dates():
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    officer = user_with_role(Role.TASKFORCE)
    start = timezone.localdate()
    base = {"programme": programme(), "provider": "YS", "start_date": start, "planned_sessions": 4}
    with pytest.raises(Invalid, match="lead worker"):
        intervention_allocate(
            by=officer,
            referral=referral,
            allocation=Allocation(**base, worker=user_with_role(Role.DSL), review_date=start),
        )
    with pytest.raises(Invalid, match="review date"):
        intervention_allocate(
            by=officer,
            referral=referral,
            allocation=Allocation(**base, worker=officer, review_date=start - datetime.timedelta(days=1)),
        )
    with pytest.raises(NotAllowed):
        allocate(referral=referral, by=user_with_role(Role.INTERVENTION_WORKER))


def test_a_taskforce_officer_can_be_the_worker():
    officer = user_with_role(Role.TASKFORCE)
    intervention = allocate(worker=officer)
    assert intervention.worker == officer


def test_closing_twice_or_on_an_old_version_is_refused():
    intervention = allocate()
    closure = Closure(closed_on=timezone.localdate(), reason="completed", outcome_summary="Done")
    with pytest.raises(ConcurrentChange):
        intervention_close(
            by=intervention.worker,
            intervention=intervention,
            closure=closure,
            expected_version=intervention.version + 1,
        )
    intervention_close(
        by=intervention.worker,
        intervention=intervention,
        closure=closure,
        expected_version=intervention.version,
    )
    with pytest.raises(InvalidTransition):
        intervention_close(
            by=intervention.worker, intervention=intervention, closure=closure, expected_version=2
        )


def test_another_worker_cannot_see_or_close_the_intervention(client):
    intervention = allocate()
    stranger = user_with_role(Role.INTERVENTION_WORKER)
    client.force_login(stranger)
    assert client.get(reverse("interventions:detail", args=[intervention.pk])).status_code == 404
    assert client.get(reverse("interventions:close", args=[intervention.pk])).status_code == 404
    listed = client.get(reverse("interventions:list")).content.decode()
    assert escape(intervention.young_person.full_name) not in listed
    with pytest.raises(NotAllowed):
        intervention_close(
            by=stranger,
            intervention=intervention,
            closure=Closure(closed_on=timezone.localdate(), reason="completed", outcome_summary="x"),
            expected_version=intervention.version,
        )


def test_change_worker_is_for_the_taskforce_only():
    intervention = allocate()
    with pytest.raises(NotAllowed):
        intervention_change_worker(
            by=intervention.worker,
            intervention=intervention,
            worker=user_with_role(Role.INTERVENTION_WORKER),
            expected_version=intervention.version,
        )


@pytest.mark.parametrize(
    ("start", "review", "message"),
    [
        ("0001-01-01", "0001-01-01", "start date must be within the last 5 years"),
        ("9999-12-31", "9999-12-31", "start date must be within the last 5 years"),
        ("today", "9999-12-31", "review date must be within a year"),
    ],
)
def test_a_start_or_review_date_far_off_is_refused_on_the_page_not_a_500(client, start, review, message):
    """A start near year 1 made the baseline's six months before it a 500."""
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    today = timezone.localdate().isoformat()
    client.force_login(user_with_role(Role.TASKFORCE))
    form = _form(
        user_with_role(Role.INTERVENTION_WORKER), start=today if start == "today" else start, review=review
    )
    response = client.post(reverse("referrals:allocate", args=[referral.pk]), form)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not referral.interventions.exists()


def test_a_review_date_before_the_start_is_refused_in_a_whole_sentence(client):
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    today = timezone.localdate()
    client.force_login(user_with_role(Role.TASKFORCE))
    form = _form(
        user_with_role(Role.INTERVENTION_WORKER),
        start=today.isoformat(),
        review=(today - datetime.timedelta(days=1)).isoformat(),
    )
    response = client.post(reverse("referrals:allocate", args=[referral.pk]), form)
    assert response.status_code == 200
    assert "The review date must be on or after the start date<" in response.content.decode()
    assert not referral.interventions.exists()


def test_an_intervention_not_yet_started_can_be_closed_and_access_ends(client):
    """It could not be closed before its start date, so a worker kept access to a young
    person who had moved away until then."""
    today = timezone.localdate()
    intervention = allocate(start=today + datetime.timedelta(days=14))
    with pytest.raises(Invalid, match="day it was allocated and today"):
        intervention_close(
            by=intervention.worker,
            intervention=intervention,
            closure=Closure(
                closed_on=today - datetime.timedelta(days=1), reason="moved", outcome_summary="x"
            ),
            expected_version=intervention.version,
        )
    intervention_close(
        by=intervention.worker,
        intervention=intervention,
        closure=Closure(closed_on=today, reason="moved", outcome_summary="Moved to another city."),
        expected_version=intervention.version,
    )
    intervention.refresh_from_db()
    assert intervention.status == InterventionStatus.CLOSED
    assert not intervention.measures.filter(point=Measure.Point.CLOSURE).exists()
    client.force_login(intervention.worker)
    assert _record(client, intervention.young_person) == 404


def test_allocating_the_same_programme_twice_on_a_referral_is_refused(client):
    """A double click on Allocate, or two officers at once, made two identical open
    interventions, each with its baseline and its notice to the worker."""
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    worker = user_with_role(Role.INTERVENTION_WORKER)
    client.force_login(user_with_role(Role.TASKFORCE))
    form = _form(worker)
    url = reverse("referrals:allocate", args=[referral.pk])
    assert client.post(url, form).status_code == 302
    again = client.post(url, form)
    assert again.status_code == 200
    assert "already has an open One-to-one mentoring intervention" in again.content.decode()
    assert referral.interventions.count() == 1
    assert Notification.objects.filter(user=worker, kind="intervention_allocated").count() == 1
