"""The version a form carries in a hidden field, changed or garbled on its way (a
hand-edited page, a broken proxy): the person is told what happened above the form, not
"Enter version as a whole number" beside a field they cannot see, and what they typed is
kept, carrying the version the page shows now, so that sending it again applies it."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from interventions.models import ReferralStatus
from tests.error_summary import summary_messages
from tests.factories.access import user_with_role
from tests.factories.interventions import allocate, make_referral, pupil_and_dsl

pytestmark = pytest.mark.django_db

STALE = (
    "This form was out of date or changed, so nothing was saved: what you typed is still "
    "below. Check it against the page as it is now, then send the form again."
)


def _carried_version(html: str) -> str:
    return re.search(r'<input type="hidden" name="version" value="([^"]*)"', html).group(1)


@pytest.mark.parametrize("version", ["abc", "-1", "99999999999999999999", ""])
def test_a_triage_with_a_changed_version_says_what_happened_and_keeps_the_note(client, version):
    referral = make_referral()
    client.force_login(user_with_role(Role.TASKFORCE))
    url = reverse("referrals:triage", args=[referral.pk])
    sent = {"decision": "decline", "note": "Known to early help already"}

    response = client.post(url, sent | {"version": version})

    html = response.content.decode()
    assert summary_messages(html) == [STALE]
    assert "Known to early help already" in html
    assert _carried_version(html) == str(referral.version)
    again = client.post(url, sent | {"version": _carried_version(html)})
    assert again.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED


def test_a_draft_saved_with_a_changed_version_says_so_rather_than_nothing(client):
    person, dsl = pupil_and_dsl()
    client.force_login(dsl)
    referral = make_referral(person=person, by=dsl, status=ReferralStatus.DRAFT)
    edit = reverse("referrals:edit", args=[referral.pk])
    form = {
        "reason": "Changed reason",
        "consent_basis": "consent",
        "consent_given_by": "Mother",
        "urgency": "urgent",
        "referrer_contact": "01632 960002",
        "action": "save",
    }

    response = client.post(edit, form | {"version": "abc"})

    html = response.content.decode()
    assert summary_messages(html) == [STALE]
    assert "Changed reason" in html
    referral.refresh_from_db()
    assert referral.reason != "Changed reason"


def test_a_review_with_a_changed_version_says_what_happened(client):
    intervention = allocate()
    client.force_login(intervention.worker)
    today = timezone.localdate()
    review = {
        "note": "Attending most sessions",
        "next_review_date_day": str(today.day),
        "next_review_date_month": str(today.month),
        "next_review_date_year": str(today.year + 1),
    }

    response = client.post(reverse("interventions:review", args=[intervention.pk]), review | {"version": "x"})

    html = response.content.decode()
    assert summary_messages(html) == [STALE]
    assert "Attending most sessions" in html
