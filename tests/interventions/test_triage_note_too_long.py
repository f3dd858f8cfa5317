"""A decline or a question over the note's limit is told how far over, and only that:
"Enter why the referral is declined" beside the text just typed would contradict it."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from interventions.forms.referrals import LONG
from interventions.models import ReferralStatus
from tests.error_summary import summary_messages
from tests.factories.access import user_with_role
from tests.factories.interventions import make_referral

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("decision", ["decline", "ask"])
def test_a_note_too_long_is_told_only_its_length_and_kept(client, decision):
    referral = make_referral()
    client.force_login(user_with_role(Role.TASKFORCE))
    note = "y" * (LONG + 1)

    response = client.post(
        reverse("referrals:triage", args=[referral.pk]),
        {"decision": decision, "note": note, "version": referral.version},
    )

    html = response.content.decode()
    assert summary_messages(html) == [
        "Keep this to 10,000 characters or fewer: it has 10,001, which is 1 too many"
    ]
    assert note in html
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT
