"""The taskforce's work queue: each section holds what it says, in order of urgency and
age, with caseloads per worker, in a number of queries that does not grow with it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from interventions.models import Referral, ReferralStatus
from tests.factories.access import user_with_role
from tests.factories.interventions import allocate, make_referral

pytestmark = pytest.mark.django_db


def _sections(response):
    work = response.context["work"]
    return work, [r.pk for r in work.new]


def test_sections_hold_what_they_say_most_urgent_and_oldest_first(client):
    routine = make_referral(urgency="routine")
    urgent_new = make_referral(urgency="urgent")
    urgent_old = make_referral(urgency="urgent")
    Referral.objects.filter(pk=urgent_old.pk).update(sent_at=timezone.now() - datetime.timedelta(days=3))
    asked = make_referral(status=ReferralStatus.MORE_INFORMATION)
    accepted = make_referral(status=ReferralStatus.ACCEPTED)
    make_referral(status=ReferralStatus.DECLINED)
    make_referral(status=ReferralStatus.DRAFT)
    due = allocate(start=timezone.localdate() - datetime.timedelta(days=40))
    later = allocate(start=timezone.localdate())

    officer = user_with_role(Role.TASKFORCE)
    client.force_login(officer)
    response = client.get(reverse("referrals:queue"))

    work, new = _sections(response)
    assert new == [urgent_old.pk, urgent_new.pk, routine.pk]
    assert [r.pk for r in work.awaiting_information] == [asked.pk]
    assert [r.pk for r in work.unallocated] == [accepted.pk]
    assert [i.pk for i in work.reviews_due] == [due.pk]
    loads = {load.worker: (load.active, load.reviews_due) for load in work.caseloads}
    assert loads[due.worker] == (1, 1)
    assert loads[later.worker] == (1, 0)
    assert loads[officer] == (0, 0)


def test_the_queue_does_not_grow_its_queries_with_its_length(client, django_assert_max_num_queries):
    officer = user_with_role(Role.TASKFORCE)
    for _ in range(2):
        make_referral()
        allocate(start=timezone.localdate() - datetime.timedelta(days=45))
    client.force_login(officer)
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("referrals:queue"))
    for _ in range(4):
        make_referral()
        make_referral(status=ReferralStatus.ACCEPTED)
        allocate(start=timezone.localdate() - datetime.timedelta(days=45))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("referrals:queue"))
    assert len(response.context["work"].new) == 6
