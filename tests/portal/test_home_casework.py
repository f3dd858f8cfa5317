"""The taskforce's and the intervention worker's home pages: what needs them today, as
the work queue, the review queue and the worker's list count it, each count linking to
that page, naming nobody, in a number of queries that does not grow with the work."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLogEntry
from accounts.roles import Role
from interventions.models import ReferralStatus
from risk.models import Review
from tests.factories.access import user_with_role
from tests.factories.interventions import allocate, make_referral
from tests.factories.risk import FlagFactory
from tests.risk.pages_world import build_world, client_for

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DUE_SOON, OVERDUE, LATER = (TODAY - datetime.timedelta(days=d) for d in (40, 45, 30))
"""Allocation starts whose review (42 days on) is in 2 days, 3 days past, in 12 days."""


def figure(html: str, what: str) -> tuple[str, int]:
    """The link and the number a home page's row shows for `what`."""
    match = re.search(rf'href="([^"]+)">(\d+)<span class="govuk-visually-hidden">, {re.escape(what)}', html)
    assert match, what
    return match.group(1), int(match.group(2))


def casework(worker, n: int) -> None:
    for _ in range(n):
        make_referral()
        make_referral(status=ReferralStatus.MORE_INFORMATION)
        make_referral(status=ReferralStatus.ACCEPTED)
        allocate(worker=worker, start=DUE_SOON)
        allocate(worker=worker, start=OVERDUE)
        allocate(worker=worker, start=LATER)
        FlagFactory(review=Review.PENDING)


def test_the_taskforce_sees_the_work_queues_and_review_queues_figures_linking_to_them():
    world = build_world()
    casework(user_with_role(Role.INTERVENTION_WORKER), 2)
    make_referral(status=ReferralStatus.DRAFT)
    client = client_for(world.taskforce)
    before = AccessLogEntry.objects.count()
    html = client.get(reverse("home")).content.decode()
    assert AccessLogEntry.objects.count() == before

    work = client.get(reverse("referrals:queue")).context["work"].counts
    reviews = client.get(reverse("risk:review_queue")).context["page"].paginator.count
    queue = reverse("referrals:queue")
    assert "Waiting for the taskforce today" in html
    assert figure(html, "new or answered referrals") == (f"{queue}#new", work.new)
    assert figure(html, "referrals awaiting information") == (f"{queue}#awaiting", work.awaiting_information)
    assert figure(html, "accepted referrals to allocate") == (f"{queue}#unallocated", work.unallocated)
    assert figure(html, "reviews due or overdue") == (f"{queue}#reviews", work.reviews_due)
    assert figure(html, "trigger points waiting for review") == (reverse("risk:review_queue"), reviews)
    assert (work.new, work.awaiting_information, work.unallocated, work.reviews_due) == (2, 2, 2, 4)
    assert reviews == 3
    for person in (world.absent, world.suspended, world.exploited):
        assert person.surname not in html
    assert 'href="/referrals/queue/">Work queue</a>' in html


def test_a_worker_sees_their_open_interventions_and_reviews_due_linking_to_their_list():
    worker = user_with_role(Role.INTERVENTION_WORKER)
    casework(worker, 2)
    allocate(start=OVERDUE)  # another worker's
    client = client_for(worker)
    html = client.get(reverse("home")).content.decode()

    listed = client.get(reverse("interventions:list")).context["page"]
    mine = reverse("interventions:list")
    assert "Your interventions today" in html
    assert figure(html, "open interventions") == (mine, listed.paginator.count) == (mine, 6)
    overdue = sum(i.review_overdue for i in listed.object_list)
    due = sum(i.review_date <= TODAY + datetime.timedelta(days=7) for i in listed.object_list)
    assert figure(html, "reviews due or overdue") == (mine, due) == (mine, 4)
    assert figure(html, "reviews overdue") == (mine, overdue) == (mine, 2)


def test_no_other_role_sees_the_taskforces_or_a_workers_figures():
    world = build_world()
    casework(user_with_role(Role.INTERVENTION_WORKER), 1)
    for role in (Role.HEAD_TEACHER, Role.DSL, Role.IG_OFFICER, Role.DATA_OFFICER, Role.ADMINISTRATOR):
        html = client_for(user_with_role(role)).get(reverse("home")).content.decode()
        assert "Waiting for the taskforce today" not in html, role
        assert "Your interventions today" not in html, role
    worker_page = client_for(user_with_role(Role.INTERVENTION_WORKER)).get(reverse("home")).content.decode()
    assert "Waiting for the taskforce today" not in worker_page
    assert "Your interventions today" not in client_for(world.taskforce).get(reverse("home")).content.decode()


def test_the_home_pages_queries_do_not_grow_with_the_work():
    officer, worker = user_with_role(Role.TASKFORCE), user_with_role(Role.INTERVENTION_WORKER)
    clients = [client_for(officer), client_for(worker)]

    def queries(n: int) -> list[int]:
        casework(worker, n)
        counts = []
        for client in clients:
            client.get(reverse("home"))  # a session's first page costs a few more
            with CaptureQueriesContext(connection) as captured:
                assert client.get(reverse("home")).status_code == 200
            counts.append(len(captured))
        return counts

    assert queries(1) == queries(5)
