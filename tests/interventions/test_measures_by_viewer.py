"""The outcome measures as each viewer may see them. The taskforce sees every count
whole; an intervention worker sees restricted information only as the one-line notice
(no count, no dates) and is never shown trigger points awaiting review, so a CAMHS
acceptance from the health feed is left out of their "Specialist support" and such flags
out of their "Open trigger points", on the page and in the API. School staff never see
an intervention."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.access import DetailLevel, sensitivity_level
from accounts.roles import Role
from chronology.models import Feed, Sensitivity
from chronology.services.register import feed_update
from interventions.measures_seen import PARTIAL_NOTICE, WITHHELD_NOTICE
from interventions.models import Measure
from interventions.services.allocation import take_measure
from interventions.services.session_corrections import session_withdraw
from risk.models import Flag, Review
from tests.api.conftest import client_for
from tests.factories import EventFactory, FeedFactory
from tests.factories.access import school_staff, user_with_role
from tests.factories.interventions import allocate, make_referral, record_session
from tests.factories.risk import FlagFactory

pytestmark = pytest.mark.django_db

CAMHS_SUMMARY = "Accepted by CAMHS: anxiety and self-harm"
SPECIALIST = "Specialist support (sessions attended, CAMHS acceptances)"


class World:
    """A young person with, in the 6 months before the intervention: a CAMHS acceptance
    (health feed, restricted) and a missing episode (partner); and three current
    trigger points: one partner, one restricted, one partner awaiting review."""

    def __init__(self, *, kind: str = "one_to_one") -> None:
        self.worker = user_with_role(Role.INTERVENTION_WORKER)
        self.taskforce = user_with_role(Role.TASKFORCE)
        referral = make_referral(status="accepted")
        person = referral.young_person
        school = person.enrolments.get().school
        self.head = school_staff(Role.HEAD_TEACHER, school)
        self.dsl = school_staff(Role.DSL, school)
        start = timezone.localdate() - timedelta(days=30)
        health = FeedFactory(code=Feed.Code.HEALTH, default_sensitivity=Sensitivity.RESTRICTED)
        missing = FeedFactory(code=Feed.Code.MISSING_EPISODES, default_sensitivity=Sensitivity.PARTNER)
        before = start - timedelta(days=20)
        EventFactory(
            person=person,
            feed=health,
            category="health_camhs_accepted",
            occurred_on=before,
            summary=CAMHS_SUMMARY,
        )
        EventFactory(person=person, feed=missing, category="missing_episode", occurred_on=before)
        FlagFactory(person=person, sensitivity=Sensitivity.PARTNER)
        FlagFactory(person=person, sensitivity=Sensitivity.RESTRICTED)
        FlagFactory(person=person, sensitivity=Sensitivity.PARTNER, review=Review.PENDING)
        self.intervention = allocate(referral=referral, worker=self.worker, start=start, kind=kind)

    def page(self, user):
        web = Client()
        web.force_login(user)
        return web.get(reverse("interventions:detail", args=[self.intervention.pk]))

    def api(self, user):
        return client_for(user).get(f"/api/v1/interventions/{self.intervention.pk}/")


@pytest.fixture
def world() -> World:
    return World()


def _row(response, label: str) -> list[str]:
    return next(r.cells for r in response.context["outcomes"].rows if r.label == label)


def test_the_worker_may_not_see_restricted_information():
    assert (
        sensitivity_level(user_with_role(Role.INTERVENTION_WORKER), Sensitivity.RESTRICTED)
        == DetailLevel.HIDDEN
    )


def test_the_workers_api_counts_only_what_they_may_see(world):
    response = world.api(world.worker)
    assert response.status_code == 200
    body = response.json()
    (baseline,) = body["measures"]
    assert baseline["specialist_support"] == 0
    assert baseline["missing_episodes"] == 1
    assert baseline["open_trigger_points"] == 1
    assert body["measures_notices"] == [PARTIAL_NOTICE]
    assert CAMHS_SUMMARY not in response.content.decode()


def test_the_taskforces_api_counts_everything(world):
    body = world.api(world.taskforce).json()
    (baseline,) = body["measures"]
    assert (
        baseline["specialist_support"],
        baseline["missing_episodes"],
        baseline["open_trigger_points"],
    ) == (
        1,
        1,
        3,
    )
    assert body["measures_notices"] == []


def test_the_workers_page_counts_only_what_they_may_see_and_says_so(world):
    page = world.page(world.worker)
    assert page.status_code == 200
    assert _row(page, SPECIALIST) == ["0"]
    assert _row(page, "Open trigger points") == ["1"]
    assert _row(page, "Missing episodes") == ["1"]
    html = page.content.decode()
    assert "These counts include only what you may see." in html
    assert CAMHS_SUMMARY not in html


def test_the_taskforces_page_counts_everything_with_no_notice(world):
    page = world.page(world.taskforce)
    assert _row(page, SPECIALIST) == ["1"]
    assert _row(page, "Open trigger points") == ["3"]
    assert "These counts include only what you may see." not in page.content.decode()


def test_school_staff_see_no_intervention(world):
    for user in (world.head, world.dsl):
        assert world.page(user).status_code == 403
        assert world.api(user).status_code == 403


def test_the_workers_notice_is_the_same_whether_or_not_anything_is_left_out():
    worker = user_with_role(Role.INTERVENTION_WORKER)
    quiet = allocate(worker=worker)
    body = client_for(worker).get(f"/api/v1/interventions/{quiet.pk}/").json()
    assert body["measures_notices"] == [PARTIAL_NOTICE]
    assert body["measures"][0]["specialist_support"] == 0


def test_a_camhs_acceptance_since_the_start_is_no_result_in_words_for_the_worker(world):
    health = FeedFactory(code=Feed.Code.HEALTH)
    EventFactory(
        person=world.intervention.young_person,
        feed=health,
        category="health_camhs_accepted",
        occurred_on=timezone.localdate(),
    )
    take_measure(intervention=world.intervention, point=Measure.Point.REVIEW, on=timezone.localdate())
    worker, taskforce = world.api(world.worker).json(), world.api(world.taskforce).json()
    assert [m["specialist_support"] for m in worker["measures"]] == [0, 0]
    assert [m["specialist_support"] for m in taskforce["measures"]] == [1, 1]
    assert "Specialist support received" not in worker["results"]
    assert "Specialist support received" in taskforce["results"]


def test_specialist_sessions_count_for_the_worker_and_a_withdrawn_one_stops_counting():
    world = World(kind="specialist")
    session = record_session(world.intervention)
    take_measure(intervention=world.intervention, point=Measure.Point.REVIEW, on=timezone.localdate())
    assert [m["specialist_support"] for m in world.api(world.worker).json()["measures"]] == [0, 1]
    session_withdraw(
        by=world.worker, session=session, reason="Recorded twice", expected_version=session.version
    )
    assert [m["specialist_support"] for m in world.api(world.worker).json()["measures"]] == [0, 0]
    assert [m["specialist_support"] for m in world.api(world.taskforce).json()["measures"]] == [1, 0]


def test_a_feed_raised_to_restricted_leaves_the_workers_counts_at_once(world):
    """Missing episodes are partner: the worker counts the one before the start, until an
    administrator raises the feed to restricted, when its events leave the worker's
    chronology and the count alike; the taskforce's snapshot is untouched."""
    assert world.api(world.worker).json()["measures"][0]["missing_episodes"] == 1
    feed = Feed.objects.get(code=Feed.Code.MISSING_EPISODES)
    feed_update(
        by=user_with_role(Role.ADMINISTRATOR),
        feed=feed,
        fields={"default_sensitivity": Sensitivity.RESTRICTED},
    )
    assert world.api(world.worker).json()["measures"][0]["missing_episodes"] == 0
    assert _row(world.page(world.worker), "Missing episodes") == ["0"]
    assert world.api(world.taskforce).json()["measures"][0]["missing_episodes"] == 1


def test_a_flag_raised_to_restricted_leaves_the_workers_open_trigger_points(world):
    assert world.api(world.worker).json()["measures"][0]["open_trigger_points"] == 1
    person = world.intervention.young_person
    Flag.objects.filter(person=person, review=Review.NOT_NEEDED).update(sensitivity=Sensitivity.RESTRICTED)
    assert world.api(world.worker).json()["measures"][0]["open_trigger_points"] == 0
    assert world.api(world.taskforce).json()["measures"][0]["open_trigger_points"] == 3


def test_a_measure_taken_before_its_parts_were_kept_is_withheld_from_the_worker(world):
    Measure.objects.filter(intervention=world.intervention).update(by_sensitivity={})
    body = world.api(world.worker).json()
    assert body["measures"][0]["specialist_support"] is None
    assert body["measures"][0]["open_trigger_points"] is None
    assert body["measures_notices"] == [PARTIAL_NOTICE, WITHHELD_NOTICE]
    page = world.page(world.worker)
    assert _row(page, SPECIALIST) == ["Withheld"]
    assert world.api(world.taskforce).json()["measures"][0]["specialist_support"] == 1


def test_the_migration_recounts_older_measures_and_keeps_only_parts_that_match(world):
    """A recount that comes to the snapshot's figure is kept (the worker's count comes
    back); open trigger points above nought cannot be recounted and stay withheld."""
    Measure.objects.filter(intervention=world.intervention).update(by_sensitivity={}, suspensions=2)
    migration = importlib.import_module("interventions.migrations.0005_measure_counts_by_sensitivity")
    migration.keep_parts(apps, None)
    (baseline,) = world.api(world.worker).json()["measures"]
    assert baseline["specialist_support"] == 0
    assert baseline["missing_episodes"] == 1
    assert baseline["suspensions"] is None
    assert baseline["open_trigger_points"] is None
