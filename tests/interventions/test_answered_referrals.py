"""A referral the taskforce sent back for more information, once the referrer answers,
is back with the taskforce awaiting triage (status code `sent`, unchanged for the API)
but is no longer "New": the queue, the referral's page and the API's label say the
information was given, so the officer knows it returns with an answer."""

import pytest
from django.urls import reverse

from accounts.models import AccessLogEntry
from accounts.roles import Role
from interventions.models import ReferralStatus
from interventions.services.referrals import referral_add_information
from tests.factories.access import user_with_role
from tests.factories.interventions import make_referral

pytestmark = pytest.mark.django_db
GIVEN = "More information given"


@pytest.fixture
def answered():
    referral = make_referral(status=ReferralStatus.MORE_INFORMATION)
    return referral_add_information(by=referral.referred_by, referral=referral, note="His older brother.")


@pytest.fixture
def officer(client):
    user = user_with_role(Role.TASKFORCE)
    client.force_login(user)
    return user


def test_the_queue_says_the_information_was_given(client, officer, answered):
    fresh = make_referral()
    response = client.get(reverse("referrals:queue"))
    work = response.context["work"]
    assert {r.pk for r in work.new} == {answered.pk, fresh.pk}
    html = response.content.decode()
    row = html[html.index(answered.young_person.full_name) :].split("</tr>")[0]
    assert GIVEN in row
    assert "since answered" in row
    fresh_row = html[html.index(fresh.young_person.full_name) :].split("</tr>")[0]
    assert GIVEN not in fresh_row
    assert "since sent" in fresh_row
    logged = AccessLogEntry.objects.order_by("-id").first().subjects.values_list("person_id", flat=True)
    assert {answered.young_person_id, fresh.young_person_id} <= set(logged)


def test_the_referral_and_triage_pages_say_the_information_was_given(client, officer, answered):
    for name in ("referrals:detail", "referrals:triage"):
        html = client.get(reverse(name, args=[answered.pk])).content.decode()
        assert f'govuk-tag--blue">{GIVEN}</strong>' in html, name
        assert 'govuk-tag--blue">New</strong>' not in html, name


def test_the_referrers_own_list_says_it_too(client, answered):
    client.force_login(answered.referred_by)
    html = client.get(reverse("referrals:list")).content.decode()
    assert GIVEN in html


def test_the_api_keeps_the_status_code_and_says_it_in_the_label(client, officer, answered):
    fresh = make_referral()
    body = client.get(f"/api/v1/referrals/{answered.pk}/").json()
    assert (body["status"], body["status_label"]) == ("sent", GIVEN)
    body = client.get(f"/api/v1/referrals/{fresh.pk}/").json()
    assert (body["status"], body["status_label"]) == ("sent", "New")
