"""The dashboard's "pupils with a trigger point raised since 1 December" lists each pupil
with all their trigger points: a head teacher must see which of them is the new one,
or the list does not say why the pupil is on it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from chronology.models import Sensitivity
from risk.models import Flag
from tests.factories.risk import FlagFactory
from tests.risk.pages_world import build_world, client_for

pytestmark = pytest.mark.django_db


def _row(html: str, surname: str) -> str:
    start = html.index(f"{surname}, ")
    return html[start : html.index("</tr>", start)]


@pytest.mark.parametrize("page", ["trigger_points:flagged", "trigger_points:flagged_print"])
def test_trigger_points_raised_since_the_day_asked_are_marked_new(page):
    world = build_world()
    old = Flag.objects.get(person=world.absent)
    FlagFactory(
        person=world.absent,
        version__indicator__code="tp09",
        version__name="Youth-justice outcome",
        raised_at=timezone.now(),
        sensitivity=Sensitivity.EDUCATION,
    )
    since = timezone.localdate().replace(day=1)

    html = client_for(world.head).get(reverse(page), {"raised_since": since.isoformat()}).content.decode()

    row = _row(html, "Absent")
    new = f"new since {since:%-d %b}"
    assert row.count(new) == 1
    assert row.index("tp09") < row.index(new)
    assert old.indicator.code in row
    plain = client_for(world.head).get(reverse(page)).content.decode()
    assert "new since" not in plain
