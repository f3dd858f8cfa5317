"""The referral endpoints' transitions: who may make each, the optimistic locking that
answers a stale or concurrent transition with 409, clear refusals, and the whole journey
from a school's draft to a closed intervention through the API."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Notification
from accounts.roles import Role
from interventions.models import ReferralEntry, ReferralStatus
from tests.api.conftest import client_for
from tests.api.referrals import LIST, body, url
from tests.factories.access import user_with_role
from tests.factories.interventions import make_referral, programme

pytestmark = pytest.mark.django_db


def test_two_officers_deciding_on_the_same_version_the_second_gets_409():
    referral = make_referral()
    first, second = user_with_role(Role.TASKFORCE), user_with_role(Role.TASKFORCE)
    accepted = client_for(first).post(url(referral, "accept"), {"version": referral.version}, format="json")
    assert accepted.status_code == 200
    declined = client_for(second).post(
        url(referral, "decline"), {"version": referral.version, "reason": "Not for us"}, format="json"
    )
    assert declined.status_code == 409
    assert declined.json()["detail"].startswith("Someone else changed this referral while you were looking")
    # Said to a client, not a browser: no page to reload, and the version to read it at.
    assert "page" not in declined.json()["detail"]
    assert declined.json()["detail"].endswith(
        f"Read it again (its version is now {referral.version + 1}) and decide again."
    )
    referral.refresh_from_db()
    assert (referral.status, referral.decided_by) == (ReferralStatus.ACCEPTED, first)
    decisions = referral.entries.filter(action__in=["accepted", "declined"])
    assert list(decisions.values_list("by", flat=True)) == [first.pk]


def test_invalid_transitions_are_refused_with_a_clear_message():
    officer = user_with_role(Role.TASKFORCE)
    client = client_for(officer)
    declined = make_referral(status=ReferralStatus.DECLINED)
    response = client.post(url(declined, "accept"), {"version": declined.version}, format="json")
    assert response.status_code == 409
    assert response.json()["detail"] == "This referral is declined, so it cannot be accepted now."
    asked = make_referral(status=ReferralStatus.MORE_INFORMATION)
    twice = client.post(url(asked, "ask"), {"version": asked.version, "question": "And?"}, format="json")
    assert twice.status_code == 409
    no_reason = client.post(url(asked, "decline"), {"version": asked.version, "reason": "  "}, format="json")
    assert no_reason.status_code == 400
    assert "reason" in no_reason.json()["errors"]
    sent = make_referral()
    unallocatable = client.post(url(sent, "allocate"), {}, format="json")
    assert unallocatable.status_code == 400


def test_school_staff_may_not_triage_and_a_colleague_may_not_add_to_someone_elses_referral(school_world):
    _, pupil, dsl, head = school_world
    referral = make_referral(person=pupil, by=dsl)
    for action, extra in (("accept", {}), ("decline", {"reason": "x"}), ("ask", {"question": "x"})):
        response = client_for(dsl).post(
            url(referral, action), {"version": referral.version, **extra}, format="json"
        )
        assert response.status_code == 403
    added = client_for(head).post(url(referral, "add-information"), {"note": "I know more"}, format="json")
    assert added.status_code == 403
    assert added.json()["detail"] == "Only the referrer or the taskforce may add to this referral."
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT
    assert not referral.entries.filter(action="added").exists()


def test_the_whole_lifecycle_through_the_api(school_world):
    """A DSL's draft, sent; the taskforce asks; the DSL answers; the taskforce accepts and
    allocates; the worker records a session and closes it, and then loses access."""
    _, pupil, dsl, _ = school_world
    officer = user_with_role(Role.TASKFORCE)
    worker = user_with_role(Role.INTERVENTION_WORKER)
    school_side, taskforce, worker_side = client_for(dsl), client_for(officer), client_for(worker)

    draft = school_side.post(LIST, {**body(), "young_person": pupil.pk}, format="json").json()
    sent = school_side.post(f"{LIST}{draft['id']}/send/", {"version": draft["version"]}, format="json").json()
    asked = taskforce.post(
        f"{LIST}{sent['id']}/ask/",
        {"version": sent["version"], "question": "Who else is involved?"},
        format="json",
    ).json()
    assert (asked["status"], asked["question"]) == ("more_information", "Who else is involved?")
    answered = school_side.post(
        f"{LIST}{sent['id']}/add-information/", {"note": "Two older boys from the estate."}, format="json"
    ).json()
    assert answered["status"] == "sent"
    accepted = taskforce.post(
        f"{LIST}{sent['id']}/accept/",
        {"version": answered["version"], "note": "Fits the programme"},
        format="json",
    ).json()
    assert accepted["status"] == "accepted"

    start = timezone.localdate() - timedelta(days=60)
    allocation = taskforce.post(
        f"{LIST}{sent['id']}/allocate/",
        {
            "programme": programme().pk,
            "provider": "Northbridge Youth Service",
            "worker": worker.pk,
            "start_date": start.isoformat(),
            "planned_sessions": 6,
            "review_date": (timezone.localdate() + timedelta(days=14)).isoformat(),
        },
        format="json",
    )
    assert allocation.status_code == 201, allocation.json()
    intervention = allocation.json()
    assert allocation["Location"].endswith(f"/api/v1/interventions/{intervention['id']}/")
    assert intervention["measures"][0]["point"] == "baseline"

    detail = f"/api/v1/interventions/{intervention['id']}/"
    assert worker_side.get(detail).status_code == 200
    session = worker_side.post(
        f"{detail}sessions/",
        {
            "date": (start + timedelta(days=7)).isoformat(),
            "attendance": [{"status": "attended", "note": "Talked about football"}],
        },
        format="json",
    )
    assert session.status_code == 201, session.json()
    closed = worker_side.post(
        f"{detail}close/",
        {
            "version": intervention["version"],
            "closed_on": timezone.localdate().isoformat(),
            "reason": "completed",
            "outcome_summary": "Back in lessons every day.",
        },
        format="json",
    )
    assert closed.status_code == 200, closed.json()
    assert closed.json()["status"] == "closed"
    assert worker_side.get(detail).status_code == 404
    assert worker_side.get(f"/api/v1/young-people/{pupil.pk}/").status_code in (403, 404)

    history = school_side.get(f"{LIST}{sent['id']}/").json()["history"]
    assert [h["action"] for h in history] == ["created", "sent", "asked", "answered", "accepted"]
    assert school_side.get(f"{LIST}{sent['id']}/").json()["interventions"][0]["worker"] is None
    assert taskforce.get(f"{LIST}{sent['id']}/").json()["interventions"][0]["worker"] == worker.display_name
    assert Notification.objects.filter(user=dsl, title="A referral to SAFE was accepted").count() == 1
    assert ReferralEntry.objects.filter(referral_id=sent["id"], by=officer).count() == 2


@pytest.mark.parametrize(
    "version",
    ["abc", -1, 0, 2**40, None, "1\x00", 1.5],
)
def test_a_bad_version_is_400(version):
    referral = make_referral()
    response = client_for(user_with_role(Role.TASKFORCE)).post(
        url(referral, "accept"), {"version": version}, format="json"
    )
    assert response.status_code == 400
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


@pytest.mark.parametrize("start", ["0001-01-01", "0001-06-30", "1900-01-01", "9999-12-31"])
def test_a_start_date_far_from_today_is_400_and_allocates_nothing(start):
    """The baseline looks back months from the start, which year 1 cannot."""
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    response = client_for(user_with_role(Role.TASKFORCE)).post(
        url(referral, "allocate"),
        {
            "programme": programme().pk,
            "provider": "Northbridge Youth Service",
            "worker": user_with_role(Role.INTERVENTION_WORKER).pk,
            "start_date": start,
            "planned_sessions": 6,
            "review_date": "9999-12-31",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "start date" in str(response.json())
    assert not referral.interventions.exists()
