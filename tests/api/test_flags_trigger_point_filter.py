"""`flags/?trigger_point=`: every indicator's code is a filter whoever asks, so a weekly
report looping over the codes does not break on one nobody has today; a code the viewer
never sees by name lists nobody, so asking for it reveals nothing."""

import pytest

from accounts.models import AccessLogEntry
from tests.api.conftest import client_for
from tests.api.test_flags import URL, ids, named
from tests.factories.risk import IndicatorVersionFactory
from tests.risk.pages_world import RESTRICTED_NAME, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def test_every_indicator_code_is_a_filter_a_weekly_report_can_loop_over(world):
    """tp03 exists but no pupil has it today; the taskforce sees every flag by name, so
    "other" matches nothing for it: both were a 400, and a report looping tp01..tp16 broke."""
    IndicatorVersionFactory(indicator__code="tp03", indicator__position=3, name="Excluded")
    for user, code in [(world.head, "tp03"), (world.taskforce, "other"), (world.taskforce, "tp03")]:
        response = client_for(user).get(URL, {"trigger_point": code})
        assert (response.status_code, response.json()["count"]) == (200, 0), (user.role, code)


def test_an_unknown_trigger_point_is_a_400_listing_the_codes(world):
    response = client_for(world.head).get(URL, {"trigger_point": "tp99"})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "trigger_point": ["Not a trigger point code: use one of tp01, tp04, tp07, tp08, other."]
    }


@pytest.mark.parametrize("code", ["tp08", "tp07"])
def test_a_code_a_head_teacher_never_sees_by_name_reveals_nobody(world, code):
    """tp08 is restricted (unnamed for a head teacher), tp07 awaits review: asking for
    either by its code must not say who has it."""
    response = client_for(world.head).get(URL, {"trigger_point": code})
    raw = response.content.decode()
    assert (response.status_code, response.json()["count"], response.json()["results"]) == (200, 0, [])
    for person in (world.exploited, world.waiting):
        assert person.surname not in raw
        assert person.upn not in raw
        assert f'"id":{person.pk},' not in raw.replace(" ", "")
    assert RESTRICTED_NAME not in raw
    [entry] = AccessLogEntry.objects.filter(actor=world.head)
    assert named(entry) == set()


def test_a_dsl_who_sees_the_restricted_code_by_name_finds_its_pupil(world):
    body = client_for(world.dsl).get(URL, {"trigger_point": "tp08"}).json()
    assert ids(body) == [world.exploited.pk]
