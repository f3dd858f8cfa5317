"""A trigger point's times in the API are London time with their offset, as every other
time the API gives (DRF's) and as the pages show them: a flag raised at 00:30 BST on
2 June is raised on 2 June, not at 23:30 on 1 June."""

from datetime import UTC, datetime

import pytest

from risk.models import Flag
from tests.api.conftest import client_for
from tests.risk.pages_world import build_world

pytestmark = pytest.mark.django_db
URL = "/api/v1/flags/"


def test_raised_and_dismissed_times_are_given_in_london_time():
    world = build_world()
    Flag.objects.filter(person=world.suspended).update(
        raised_at=datetime(2026, 6, 1, 23, 30, tzinfo=UTC),
        dismissed_at=datetime(2026, 6, 2, 23, 15, tzinfo=UTC),
        dismissal_reason="other",
        dismissal_note="Known to the school",
    )
    body = client_for(world.dsl).get(URL, {"dismissed": "either"}).json()
    [suspended] = [row for row in body["results"] if row["id"] == world.suspended.pk]
    flags = suspended["trigger_points"] + suspended["dismissed_trigger_points"]
    assert {f["raised_at"] for f in flags} == {"2026-06-02T00:30:00+01:00"}
    assert {f["dismissed"]["at"] for f in flags if f["dismissed"]} == {"2026-06-03T00:15:00+01:00"}
