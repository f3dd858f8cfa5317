"""The intervention worker: only the young people allocated to them, while the
allocation is open, at partner detail (restricted information only as the notice)."""

import pytest
from django.urls import reverse

from accounts.access import RESTRICTED_NOTICE, visible_young_people
from accounts.roles import Role
from chronology.models import Feed, Sensitivity
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
    assert f"{person.surname}, {person.forename}".encode() in page.content


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
