"""Counts the chronology writes into its own entries read right at 1 ("1 session
planned", "expected every 1 day"): most feeds arrive daily and a short intervention can
plan a single session."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from chronology.models import Feed, FeedRun
from interventions.models import Intervention
from tests.factories import EnrolmentFactory, FeedFactory, FeedRunFactory
from tests.factories.access import school_staff
from tests.factories.interventions import allocate
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("planned", "words"), [(1, "(1 session planned)"), (12, "(12 sessions planned)")])
def test_an_intervention_start_counts_its_planned_sessions(client, planned, words):
    intervention = allocate()
    Intervention.objects.filter(pk=intervention.pk).update(planned_sessions=planned)
    client.force_login(intervention.worker)
    page = page_text(client.get(reverse("chronology:timeline", args=[intervention.young_person_id])))
    assert words in page


@pytest.mark.parametrize(
    ("cadence", "words"), [(1, "(expected every 1 day)"), (7, "(expected every 7 days)")]
)
def test_an_overdue_feed_says_how_often_it_is_expected(client, cadence, words):
    enrolment = EnrolmentFactory()
    run = FeedRunFactory(feed=FeedFactory(code=Feed.Code.YOUTH_JUSTICE, cadence_days=cadence))
    FeedRun.objects.filter(pk=run.pk).update(finished_at=timezone.now() - datetime.timedelta(days=40))
    client.force_login(school_staff(Role.DSL, enrolment.school))
    page = page_text(client.get(reverse("chronology:timeline", args=[enrolment.person_id])))
    assert words in page
