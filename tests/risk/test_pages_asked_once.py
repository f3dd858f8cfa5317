"""Pages whose parts each ask the same question of the database (may this officer see
this young person, which indicators are there) read the answer once per request."""

import pytest
from django.urls import reverse

from tests.asked_twice import asked_twice
from tests.risk.pages_world import build_world, client_for

pytestmark = pytest.mark.django_db


def test_the_taskforces_record_pages_ask_whether_the_young_person_is_on_its_caseload_once():
    """The record, its chronology, its trigger points and its casework each ask whether
    the officer may see the young person: the young-person page asked five times."""
    world = build_world()
    client = client_for(world.taskforce)
    for url in (
        reverse("young_person_detail", args=[world.absent.pk]),
        reverse("chronology:timeline", args=[world.absent.pk]),
        f"/api/v1/young-people/{world.absent.pk}/",
    ):
        assert asked_twice(client, url) == [], url


def test_the_fairness_page_reads_the_indicators_once():
    """Its filter and its tables each name the trigger points."""
    world = build_world()
    assert asked_twice(client_for(world.taskforce), reverse("trigger_points:fairness")) == []
