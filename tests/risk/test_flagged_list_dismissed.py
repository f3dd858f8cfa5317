"""Listed for their dismissed trigger points (`dismissed=yes`), a pupil's row says which
were dismissed, and the tier beside them counts only those still standing: a dismissed
flag never makes a tier, on the page, the printout or the CSV."""

import pytest
from django.urls import reverse
from django.utils import timezone

from chronology.models import Sensitivity
from risk.models import IndicatorVersion
from tests.csv_download import csv_rows
from tests.factories.risk import FlagFactory
from tests.risk.pages_world import build_world, client_for

pytestmark = pytest.mark.django_db
LISTED = {"dismissed": "yes"}


@pytest.fixture
def world():
    """Besides Dismissed (tp04 dismissed, nothing else), Absent has tp04 dismissed beside
    her standing tp01."""
    world = build_world()
    FlagFactory(
        person=world.absent,
        version=IndicatorVersion.objects.get(indicator__code="tp04"),
        dismissed_at=timezone.now(),
        dismissed_by=world.dsl,
        dismissal_reason="known_and_supported",
        sensitivity=Sensitivity.EDUCATION,
    )
    return world


def test_each_row_shows_its_dismissed_trigger_point_and_the_tier_of_the_rest(world):
    response = client_for(world.dsl).get(reverse("trigger_points:flagged"), LISTED)
    rows = {row.person.surname: row for row in response.context["rows"]}
    assert set(rows) == {"Absent", "Dismissed"}
    assert [(f.code, f.flag.is_dismissed) for f in rows["Absent"].trigger_points] == [("tp04", True)]
    assert rows["Absent"].flags.tier.label == "Low"
    assert rows["Absent"].flags.tier.reasons == ["Persistent absence"]
    assert rows["Dismissed"].flags.tier.name == "none"
    html = response.content.decode()
    assert html.count('govuk-tag--grey">dismissed') == 2
    assert "Because of: Persistent absence" in html
    assert "None (every trigger point dismissed)" in html


def test_the_csv_says_a_dismissed_pupils_tier_as_the_page_does(world):
    response = client_for(world.dsl).get(reverse("trigger_points:flagged_csv"), LISTED)
    rows = {r[1]: r[3:] for r in csv_rows(response)[1:]}
    named = "tp04 Two or more suspensions (dismissed)"
    assert rows == {
        world.absent.full_name: ["tp04(dismissed)", "Low", named],
        world.dismissed.full_name: ["tp04(dismissed)", "None (every trigger point dismissed)", named],
    }
