"""The intervention worker: only the young people allocated to them, while the
allocation is open, at partner detail (restricted information only as the notice)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.access import RESTRICTED_NOTICE, visible_young_people
from accounts.roles import Role
from chronology.models import Feed, Sensitivity
from interventions.services.allocation import Closure, intervention_close
from interventions.views import interventions as intervention_views
from tests.accounts.chronology_seen import chronology_seen
from tests.factories import EnrolmentFactory, EventFactory, FeedFactory
from tests.factories.access import user_with_role
from tests.factories.interventions import allocate

pytestmark = pytest.mark.django_db


def test_a_worker_sees_partner_events_in_full_and_restricted_only_as_the_notice(client):
    intervention = allocate()
    person = intervention.young_person
    partner = FeedFactory(code=Feed.Code.MISSING_EPISODES, default_sensitivity=Sensitivity.PARTNER)
    restricted = FeedFactory(code=Feed.Code.POLICE_INTELLIGENCE, default_sensitivity=Sensitivity.RESTRICTED)
    EventFactory(
        person=person, feed=partner, category="missing_episode", summary="Reported missing, returned"
    )
    EventFactory(person=person, feed=restricted, category="police_intelligence", summary="Intelligence: CCE")

    chronology = chronology_seen(intervention.worker, person)

    assert [row.summary for row in chronology.rows] == ["Reported missing, returned"]
    assert chronology.restricted_notice == RESTRICTED_NOTICE
    client.force_login(intervention.worker)
    page = client.get(reverse("young_person_detail", args=[person.pk])).content.decode()
    assert "Reported missing, returned" in page
    assert "CCE" not in page
    assert "restricted information is not shown to intervention workers" in page


def test_a_worker_lists_only_their_allocated_young_people(client):
    intervention = allocate()
    EnrolmentFactory()
    assert list(visible_young_people(intervention.worker)) == [intervention.young_person]
    client.force_login(intervention.worker)
    page = client.get(reverse("young_person_list"))
    person = intervention.young_person
    assert page.status_code == 200
    assert escape(f"{person.surname}, {person.forename}") in page.content.decode()


def test_a_worker_without_allocations_sees_nobody_and_cannot_break_glass(client):
    worker = user_with_role(Role.INTERVENTION_WORKER)
    pupil = EnrolmentFactory().person
    assert not visible_young_people(worker).exists()
    client.force_login(worker)
    assert client.get(reverse("young_person_detail", args=[pupil.pk])).status_code == 404
    assert client.get(reverse("young_person_break_glass", args=[pupil.pk])).status_code == 403


def test_the_worker_is_offered_their_pages_and_no_others(client):
    client.force_login(user_with_role(Role.INTERVENTION_WORKER))
    labels = [item["label"] for item in client.get("/").context["navigation"]]
    assert labels == ["Home", "Young people", "Interventions"]


def test_the_intervention_list_pages_through_every_one_and_shows_the_latest_closure_first(
    client, monkeypatch
):
    """It stopped at the first 200 with no way on, though the work queue sends the
    taskforce there for every open intervention; closed ones came by old review date."""
    monkeypatch.setattr(intervention_views, "PER_PAGE", 2)
    officer = user_with_role(Role.TASKFORCE)
    today = timezone.localdate()
    opened = [allocate(start=today - datetime.timedelta(days=d)) for d in (10, 30, 20)]
    closed = [allocate(start=today - datetime.timedelta(days=40)) for _ in range(2)]
    for days_ago, intervention in zip((5, 1), closed, strict=True):
        intervention_close(
            by=officer,
            intervention=intervention,
            closure=Closure(
                closed_on=today - datetime.timedelta(days=days_ago), reason="completed", outcome_summary="x"
            ),
            expected_version=intervention.version,
        )
    client.force_login(officer)
    url = reverse("interventions:list")
    pages = [client.get(url, {"page": n}).context["page"].object_list for n in (1, 2)]
    assert [i.pk for page in pages for i in page] == [opened[1].pk, opened[2].pk, opened[0].pk]
    shown = client.get(url, {"status": "closed"}).context["page"].object_list
    assert [i.pk for i in shown] == [closed[1].pk, closed[0].pk]


def test_the_taskforce_is_offered_its_work_queue_and_only_the_closest_link_is_current(client):
    """The work queue, the taskforce's first page of the day, was reachable only from its
    home page; under /referrals/ it would have lit up "Referrals" too."""
    client.force_login(user_with_role(Role.TASKFORCE))
    navigation = client.get(reverse("referrals:queue")).context["navigation"]
    assert [item["label"] for item in navigation][:2] == ["Home", "Work queue"]
    assert [item["label"] for item in navigation if item["active"]] == ["Work queue"]
    referrals = client.get(reverse("referrals:list")).context["navigation"]
    assert [item["label"] for item in referrals if item["active"]] == ["Referrals"]
