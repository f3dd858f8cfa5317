"""A form the service refuses after it was valid (a colleague decided first, the
intervention closed, the record changed meanwhile) comes back with what the person typed
in it and words saying what happened; after a change meanwhile, sending it again applies
their text instead of being refused for ever."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from interventions.models import ClosureReason, ReferralStatus, Session
from interventions.services.allocation import Closure, intervention_close
from interventions.services.reviews import intervention_review
from interventions.services.triage import referral_accept
from portal.form_text import RESEND
from tests.error_summary import assert_error_links_land
from tests.factories.access import user_with_role
from tests.factories.interventions import allocate, make_referral

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
NOTE = "Mum says he has been out until 2am twice this week & won't say where."


def _version(page: str) -> int:
    return int(re.search(r'name="version" value="(\d+)"', page)[1])


def _close(intervention, *, by) -> None:
    intervention_close(
        by=by,
        intervention=intervention,
        closure=Closure(closed_on=TODAY(), reason=ClosureReason.MOVED, outcome_summary="Moved away"),
        expected_version=intervention.version,
    )


def _textarea(page: str, name: str) -> str:
    return re.search(rf'<textarea[^>]*name="{name}"[^>]*>\n?(.*?)</textarea>', page, re.S)[1]


def test_a_decline_sent_after_a_colleague_accepted_keeps_its_reason(client):
    referral = make_referral()
    officer, colleague = user_with_role(Role.TASKFORCE), user_with_role(Role.TASKFORCE)
    opened_at = referral.version
    referral_accept(by=colleague, referral=referral, expected_version=referral.version)
    client.force_login(officer)

    response = client.post(
        reverse("referrals:triage", args=[referral.pk]),
        {"decision": "decline", "note": NOTE, "version": opened_at},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this referral" in page
    assert RESEND in page
    assert (
        _textarea(page, "note")
        == "Mum says he has been out until 2am twice this week &amp; won&#x27;t say where."
    )
    assert_error_links_land(page, radios=("decision",))
    again = client.post(
        reverse("referrals:triage", args=[referral.pk]),
        {"decision": "decline", "note": NOTE, "version": _version(page)},
    )
    assert again.status_code == 200, "a decided referral is not decided twice"
    assert "This referral is accepted, so it cannot be declined now." in again.content.decode()
    assert NOTE.split(" &")[0] in again.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED


def test_a_review_sent_after_a_colleagues_review_can_be_sent_again_as_typed(client):
    intervention = allocate()
    officer = user_with_role(Role.TASKFORCE)
    opened_at = intervention.version
    intervention_review(
        by=officer,
        intervention=intervention,
        note="Officer's review",
        next_review_date=TODAY() + datetime.timedelta(days=30),
        expected_version=intervention.version,
    )
    client.force_login(intervention.worker)
    url = reverse("interventions:review", args=[intervention.pk])
    body = {"note": NOTE, "next_review_date": (TODAY() + datetime.timedelta(days=40)).isoformat()}

    refused = client.post(url, body | {"version": opened_at})

    page = refused.content.decode()
    assert refused.status_code == 200
    assert "Someone else changed this intervention" in page
    assert RESEND in page
    assert "won&#x27;t say where" in _textarea(page, "note")
    assert _version(page) == opened_at + 1
    assert client.post(url, body | {"version": _version(page)}).status_code == 302
    assert intervention.measures.filter(review_note=NOTE).exists()


def test_a_session_note_sent_after_the_intervention_closed_is_kept_with_why(client):
    intervention = allocate()
    officer = user_with_role(Role.TASKFORCE)
    _close(intervention, by=officer)
    client.force_login(officer)

    response = client.post(
        reverse("interventions:session", args=[intervention.pk]),
        {"date": TODAY().isoformat(), "status": "attended", "note": NOTE},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Sessions can be recorded only for an open intervention." in page
    assert "won&#x27;t say where" in _textarea(page, "note")


def test_a_review_sent_after_the_intervention_closed_is_kept_with_why(client):
    intervention = allocate()
    officer = user_with_role(Role.TASKFORCE)
    opened_at = intervention.version
    _close(intervention, by=officer)
    client.force_login(officer)
    url = reverse("interventions:review", args=[intervention.pk])
    body = {"note": NOTE, "next_review_date": (TODAY() + datetime.timedelta(days=40)).isoformat()}

    first = client.post(url, body | {"version": opened_at}).content.decode()
    assert "You have already changed this intervention (it is now: Closed)" in first
    again = client.post(url, body | {"version": _version(first)})

    page = again.content.decode()
    assert again.status_code == 200
    assert "This intervention is closed: record the outcome at closure instead." in page
    assert "won&#x27;t say where" in _textarea(page, "note")
    assert client.get(url).status_code == 302, "opened afresh, a closed intervention's review page sends back"


def test_a_draft_saved_in_another_tab_does_not_lose_this_tabs_text(client):
    referral = make_referral(status=ReferralStatus.DRAFT)
    client.force_login(referral.referred_by)
    url = reverse("referrals:edit", args=[referral.pk])
    form = {
        "reason": NOTE,
        "consent_basis": "not_sought",
        "consent_explanation": "Asking would alert the people exploiting him.",
        "urgency": "urgent",
        "referrer_contact": "01632 960000",
    }
    assert client.post(url, form | {"version": referral.version, "reason": "Other tab"}).status_code == 302

    refused = client.post(url, form | {"version": referral.version, "action": "save"})

    page = refused.content.decode()
    assert refused.status_code == 200
    assert "You have already changed this referral" in page
    assert "won&#x27;t say where" in _textarea(page, "reason")
    resent = client.post(url, form | {"version": _version(page), "action": "save"})
    assert resent.status_code == 302
    referral.refresh_from_db()
    assert referral.reason == NOTE


def test_a_group_session_with_someone_no_longer_in_the_group_records_nothing_and_says_so(client):
    worker = user_with_role(Role.INTERVENTION_WORKER)
    stays, leaves = allocate(worker=worker, kind="group"), allocate(worker=worker, kind="group")
    _close(leaves, by=worker)
    client.force_login(worker)
    url = reverse("interventions:group_session") + f"?programme={stays.programme_id}"

    response = client.post(
        url,
        {
            "date": TODAY().isoformat(),
            f"status_{stays.pk}": "attended",
            f"note_{stays.pk}": "Led the warm-up",
            f"status_{leaves.pk}": "attended",
            f"note_{leaves.pk}": "Came to say goodbye",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone you marked is no longer in this group" in page
    assert 'value="Led the warm-up"' in page
    assert not Session.objects.exists()
