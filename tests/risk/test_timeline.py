"""Trigger points in the chronology: on the local day they happened, and in the order
they happened within a day."""

import datetime

import pytest

from accounts.roles import Role
from chronology.timeline import timeline_for
from risk.models.flags import ClearedBecause
from tests.factories import EnrolmentFactory
from tests.factories.access import school_staff
from tests.factories.risk import FlagFactory

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def test_a_flag_raised_and_cleared_in_one_british_summer_night_reads_on_that_day_in_order():
    enrolment = EnrolmentFactory()
    raised = datetime.datetime(2025, 5, 31, 23, 30, tzinfo=UTC)
    """00:30 on 1 June in London, when the nightly recompute runs."""
    FlagFactory(
        person=enrolment.person,
        raised_at=raised,
        cleared_at=raised + datetime.timedelta(hours=8),
        cleared_because=ClearedBecause.values[0],
    )
    dsl = school_staff(Role.DSL, enrolment.school)

    entries = [e for e in timeline_for(dsl, enrolment.person).entries if e.key.startswith("trigger_points:")]

    assert [(e.category, e.occurred_on) for e in entries] == [
        ("trigger_point_cleared", datetime.date(2025, 6, 1)),
        ("trigger_point_raised", datetime.date(2025, 6, 1)),
    ]
