"""Triage: accept, decline with a reason, ask for more information; every transition in
the history and the change log; invalid and concurrent transitions refused clearly."""

import pytest
from django.urls import reverse

from accounts.models import ChangeLogEntry, Notification
from accounts.roles import Role
from interventions.models import ReferralEntry, ReferralStatus
from interventions.services.errors import ConcurrentChange, InvalidTransition, NotAllowed
from interventions.services.referrals import referral_add_information
from interventions.services.triage import referral_accept, referral_ask, referral_decline
from tests.factories.access import school_staff, user_with_role
from tests.factories.interventions import make_referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return user_with_role(Role.TASKFORCE)


def test_an_officer_accepts_through_the_page_and_the_referrer_hears_once(client, officer):
    referral = make_referral()
    dsl_colleague = school_staff(Role.DSL, referral.school)
    client.force_login(officer)
    page = client.get(reverse("referrals:triage", args=[referral.pk]))
    assert page.status_code == 200

    client.post(
        reverse("referrals:triage", args=[referral.pk]),
        {"decision": "accept", "note": "", "version": referral.version},
    )

    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    assert referral.decided_by == officer
    entry = referral.entries.get(action=ReferralEntry.Action.ACCEPTED)
    assert (entry.by, entry.from_status, entry.to_status) == (officer, "sent", "accepted")
    for user in (referral.referred_by, dsl_colleague):
        assert Notification.objects.filter(user=user, title="A referral to SAFE was accepted").count() == 1
    changes = ChangeLogEntry.objects.filter(content_type__model="referral", object_pk=str(referral.pk))
    assert changes.filter(actor=officer).exists()


def test_declining_needs_a_reason_which_the_referrer_sees(client, officer):
    referral = make_referral()
    client.force_login(officer)
    url = reverse("referrals:triage", args=[referral.pk])
    response = client.post(url, {"decision": "decline", "note": "", "version": referral.version})
    assert b"Enter why the referral is declined" in response.content
    client.post(
        url, {"decision": "decline", "note": "Known to early help already", "version": referral.version}
    )
    referral.refresh_from_db()
    assert (referral.status, referral.decision_reason) == (
        ReferralStatus.DECLINED,
        "Known to early help already",
    )

    client.force_login(referral.referred_by)
    assert (
        b"Known to early help already" in client.get(reverse("referrals:detail", args=[referral.pk])).content
    )


def test_asking_sends_it_back_and_the_answer_returns_it_for_triage(officer):
    referral = make_referral()
    asked = referral_ask(
        by=officer, referral=referral, expected_version=referral.version, question="Any siblings?"
    )
    assert (asked.status, asked.question) == (ReferralStatus.MORE_INFORMATION, "Any siblings?")
    answered = referral_add_information(by=referral.referred_by, referral=asked, note="One older brother.")
    assert (answered.status, answered.question) == (ReferralStatus.SENT, "")
    assert list(answered.entries.values_list("action", flat=True)) == ["created", "sent", "asked", "answered"]
    assert Notification.objects.filter(user=officer, title="A referrer answered your question").count() == 1


@pytest.mark.parametrize(
    ("status", "act"),
    [
        (ReferralStatus.ACCEPTED, "accept"),
        (ReferralStatus.ACCEPTED, "decline"),
        (ReferralStatus.DECLINED, "accept"),
        (ReferralStatus.MORE_INFORMATION, "ask"),
        (ReferralStatus.DRAFT, "accept"),
    ],
)
def test_invalid_transitions_are_refused_with_a_clear_message(officer, status, act):
    referral = make_referral(status=status)
    actions = {
        "accept": lambda: referral_accept(by=officer, referral=referral, expected_version=referral.version),
        "decline": lambda: referral_decline(
            by=officer, referral=referral, expected_version=referral.version, reason="No"
        ),
        "ask": lambda: referral_ask(
            by=officer, referral=referral, expected_version=referral.version, question="?"
        ),
    }
    with pytest.raises(InvalidTransition, match="cannot be"):
        actions[act]()
    referral.refresh_from_db()
    assert referral.status == status


def test_two_officers_deciding_at_once_the_second_is_refused(client, officer):
    referral = make_referral()
    seen_version = referral.version
    other = user_with_role(Role.TASKFORCE)
    referral_accept(by=other, referral=referral, expected_version=seen_version)

    with pytest.raises(ConcurrentChange, match="Someone else changed") as refused:
        referral_decline(by=officer, referral=referral, expected_version=seen_version, reason="Not for us")
    assert f"(it is now: Accepted; changed by {other.display_name} at " in str(refused.value)

    client.force_login(officer)
    response = client.post(
        reverse("referrals:triage", args=[referral.pk]),
        {"decision": "decline", "note": "Not for us", "version": seen_version},
        follow=True,
    )
    assert (
        b"Someone else changed this referral" in response.content or b"nothing to triage" in response.content
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    assert referral.decided_by == other
    assert referral.entries.filter(action=ReferralEntry.Action.DECLINED).count() == 0


def test_a_stale_version_on_the_page_gets_the_concurrency_message(client, officer):
    referral = make_referral()
    stale = referral.version
    referral_add_information(by=officer, referral=referral, note="Called the school")
    client.force_login(officer)
    response = client.post(
        reverse("referrals:triage", args=[referral.pk]),
        {"decision": "accept", "note": "", "version": stale},
        follow=True,
    )
    assert b"You have already changed this referral (it is now: New)" in response.content
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


@pytest.mark.parametrize("role", [Role.HEAD_TEACHER, Role.DSL, Role.INTERVENTION_WORKER, Role.IG_OFFICER])
def test_only_the_taskforce_triages(client, role):
    referral = make_referral()
    user = referral.referred_by if role == Role.DSL else user_with_role(role)
    with pytest.raises(NotAllowed):
        referral_accept(by=user, referral=referral, expected_version=referral.version)
    client.force_login(user)
    url = reverse("referrals:triage", args=[referral.pk])
    assert client.post(url, {"decision": "accept", "version": referral.version}).status_code == 403
