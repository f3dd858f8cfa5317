"""The trigger points the flagged list offers as a filter: those the viewer sees by name
on at least one of their young people, a dismissed flag included (the list can show
dismissed ones), and nothing the viewer could not list anyone for."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from chronology.models import Sensitivity
from risk.models import Indicator, IndicatorVersion
from tests.factories import EnrolmentFactory
from tests.factories.risk import FlagFactory, IndicatorVersionFactory
from tests.risk.pages_world import build_world, client_for

pytestmark = pytest.mark.django_db
LIST = reverse("trigger_points:flagged")


@pytest.fixture
def world():
    return build_world()


def offered(client) -> set[str]:
    html = client.get(LIST).content.decode()
    return set(re.findall(r'<option value="(tp\d\d)"', html))


def test_a_trigger_point_only_dismissed_is_still_offered(world):
    """tp05's one flag is dismissed: "dismissed" lists its pupil, so it is offered."""
    tp05 = IndicatorVersionFactory(indicator__code="tp05", indicator__position=5, name="Missing episode")
    FlagFactory(
        person=world.absent,
        version=tp05,
        dismissed_at=timezone.now(),
        dismissed_by=world.dsl,
        dismissal_reason="known_and_supported",
        sensitivity=Sensitivity.EDUCATION,
    )
    assert "tp05" in offered(client_for(world.taskforce))
    assert "tp05" in offered(client_for(world.head))


def test_the_taskforce_is_offered_every_trigger_point_it_lists_anyone_for(world):
    """The taskforce names every tier and sees flags waiting for review."""
    assert offered(client_for(world.taskforce)) == {"tp01", "tp04", "tp07", "tp08"}


def test_a_trigger_point_only_cleared_or_switched_off_is_not_offered(world):
    """tp05's one flag has cleared; tp06 flags someone but is switched off: the list
    would find nobody for either."""
    tp05 = IndicatorVersionFactory(indicator__code="tp05", indicator__position=5)
    tp06 = IndicatorVersionFactory(indicator__code="tp06", indicator__position=6)
    education = {"sensitivity": Sensitivity.EDUCATION}
    FlagFactory(person=world.absent, version=tp05, cleared_at=timezone.now(), **education)
    FlagFactory(person=EnrolmentFactory().person, version=tp06, **education)
    Indicator.objects.filter(code="tp06").update(enabled=False)
    assert offered(client_for(world.taskforce)) == {"tp01", "tp04", "tp07", "tp08"}


def test_school_staff_are_offered_only_what_their_own_pupils_have(world):
    """Southgate's one flagged pupil has tp01; Northgate's tp04 is not offered there."""
    assert offered(client_for(world.other_head)) == {"tp01"}
    tp04 = IndicatorVersion.objects.get(indicator__code="tp04")
    FlagFactory(person=world.elsewhere, version=tp04, sensitivity=Sensitivity.RESTRICTED)
    assert offered(client_for(world.other_head)) == {"tp01"}, "restricted: not named for a head teacher"
