"""The interventions allocated on a referral are partner agencies' work (DESIGN.md
section 5): a head teacher who referred the pupil learns that one started, when, and
whether it is still open, as their chronology shows it, but not the programme or the
provider ("CAMHS" alone says what the chronology keeps from them). The DSL and the
taskforce see them in full, on the page and in the API alike."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from interventions.models import Programme, ReferralStatus
from tests.api.conftest import client_for
from tests.factories.access import school_staff, user_with_role
from tests.factories.interventions import allocate, make_referral, pupil_and_dsl

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    person, dsl = pupil_and_dsl()
    head = school_staff(Role.HEAD_TEACHER, person.enrolments.get().school)
    referral = make_referral(status=ReferralStatus.ACCEPTED, person=person, by=head)
    intervention = allocate(referral=referral, kind=Programme.Kind.SPECIALIST)
    return referral, intervention, head, dsl


def _page(user, referral) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("referrals:detail", args=[referral.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _api(user, referral) -> dict:
    response = client_for(user).get(f"/api/v1/referrals/{referral.pk}/")
    assert response.status_code == 200
    return response.json()["interventions"][0]


def test_the_head_teacher_reads_that_an_intervention_started_but_not_which(world):
    referral, intervention, head, _ = world
    html = _page(head, referral)
    assert intervention.programme.name not in html
    assert intervention.provider not in html
    assert f"{intervention.start_date.day} {intervention.start_date:%b %Y}" in html
    assert "your designated safeguarding lead can see the programme and provider" in html

    shown = _api(head, referral)
    assert shown["programme"] is None
    assert shown["provider"] is None
    assert shown["worker"] is None
    assert shown["start_date"] == intervention.start_date.isoformat()
    assert shown["status"] == intervention.status
    raw = client_for(head).get(f"/api/v1/referrals/{referral.pk}/").content.decode()
    assert intervention.programme.name not in raw
    assert intervention.provider not in raw


@pytest.mark.parametrize("reader", ["dsl", "taskforce"])
def test_the_dsl_and_the_taskforce_read_the_programme_and_provider(world, reader):
    referral, intervention, _, dsl = world
    user = dsl if reader == "dsl" else user_with_role(Role.TASKFORCE)
    html = _page(user, referral)
    assert intervention.programme.name in html
    assert intervention.provider in html
    assert "your designated safeguarding lead can see" not in html

    shown = _api(user, referral)
    assert shown["programme"] == intervention.programme.name
    assert shown["provider"] == intervention.provider
