"""The dashboard's "new this month" begins at midnight on the 1st in the UK: in summer,
an hour before midnight UTC, so a trigger point raised at 23:30 UTC on 30 June is new in
July and one raised at 22:30 UTC is not."""

from datetime import UTC, date, datetime
from unittest import mock

import pytest
from django.urls import reverse

from chronology.models import Sensitivity
from risk.models import IndicatorVersion
from tests.factories.risk import FlagFactory
from tests.risk.pages_world import build_world, client_for

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("trigger_points:dashboard")


def _new_this_month(user: object) -> int:
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 7, 15)):
        return client_for(user).get(DASHBOARD).context["board"].new_this_month


def test_a_trigger_point_is_new_from_uk_midnight_on_the_first():
    world = build_world()
    before = _new_this_month(world.head)

    def raise_at(code: str, hour: int, minute: int) -> None:
        FlagFactory(
            person=world.unflagged,
            version=IndicatorVersion.objects.get(indicator__code=code),
            raised_at=datetime(2026, 6, 30, hour, minute, tzinfo=UTC),
            sensitivity=Sensitivity.EDUCATION,
        )

    raise_at("tp01", 22, 30)
    assert _new_this_month(world.head) == before
    raise_at("tp04", 23, 30)
    assert _new_this_month(world.head) == before + 1
