"""The casework lists cost the same queries for two rows as for twenty: each row's
young person is asked of the access layer with the rows, never one at a time."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from interventions.models import Programme, ReferralStatus
from tests.factories.access import user_with_role
from tests.factories.interventions import allocate, make_referral, programme

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_referrals_interventions_and_the_group_session_page_do_not_grow_queries():
    officer, worker = user_with_role(Role.TASKFORCE), user_with_role(Role.INTERVENTION_WORKER)
    pages = [
        (_client(officer), reverse("referrals:list")),
        (_client(officer), reverse("interventions:list")),
        (_client(worker), reverse("interventions:list")),
        (
            _client(worker),
            f"{reverse('interventions:group_session')}?programme={programme(Programme.Kind.GROUP).pk}",
        ),
    ]

    def casework(n: int) -> list[int]:
        for _ in range(n):
            make_referral()
            make_referral(status=ReferralStatus.MORE_INFORMATION)
            allocate(worker=worker, kind=Programme.Kind.GROUP)
        counts = []
        for client, url in pages:
            client.get(url)  # the first page of a session costs a few more, however many rows
            with CaptureQueriesContext(connection) as captured:
                page = client.get(url)
            assert page.status_code == 200
            counts.append(len(captured))
        return counts

    few = casework(2)
    assert casework(18) == few
    group_page = pages[-1][0].get(pages[-1][1])
    assert len(group_page.context["form"].interventions) == 20


def test_the_lead_worker_choices_do_not_grow_queries_with_the_workers():
    """Each worker is offered with their role, read from their groups: for every worker
    at once, not once a choice."""
    officer = user_with_role(Role.TASKFORCE)
    client = _client(officer)
    accepted = make_referral(status=ReferralStatus.ACCEPTED)
    intervention = allocate(worker=user_with_role(Role.INTERVENTION_WORKER))
    user_with_role(Role.INTERVENTION_WORKER)
    urls = [
        reverse("referrals:allocate", args=[accepted.pk]),
        reverse("interventions:worker", args=[intervention.pk]),
    ]

    def counts() -> list[int]:
        found = []
        for url in urls:
            client.get(url)  # the first page of a session costs a few more
            with CaptureQueriesContext(connection) as captured:
                page = client.get(url)
            assert page.status_code == 200
            assert "(Intervention worker)" in page.content.decode()
            found.append(len(captured))
        return found

    few = counts()
    for _ in range(5):
        user_with_role(Role.INTERVENTION_WORKER)
    assert counts() == few
