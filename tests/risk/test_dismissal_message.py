"""What the DSL is told once a trigger point is dismissed. An attendance trigger point
was answered "It comes back only with new evidence", while the page they had just read
said it stays dismissed while the pattern goes on: every new week of absence is new
evidence to a reader, so the two read as contradicting each other."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.roles import Role
from risk.models import DismissalReason
from tests.factories import EnrolmentFactory
from tests.factories.access import school_staff
from tests.factories.risk import FlagFactory, IndicatorVersionFactory

pytestmark = pytest.mark.django_db

ATTENDANCE = [{"type": "attendance_rate", "params": {"max_percent": 90, "weeks": 6, "min_possible": 20}}]
REGISTER = [{"type": "register_codes", "params": {"codes": ["C2"], "weeks": 13, "min_sessions": 1}}]
EVENTS = [{"type": "events", "params": {"categories": ["suspension"], "min_count": 2, "days": 365}}]
PATTERN = (
    "It stays dismissed while the pattern goes on, and comes back only if it ends and later begins again."
)
NEW_EVIDENCE = "It comes back only with new evidence."


@pytest.mark.parametrize(
    ("rules", "told"),
    [(ATTENDANCE, PATTERN), (REGISTER, PATTERN), (EVENTS, NEW_EVIDENCE), (ATTENDANCE + EVENTS, NEW_EVIDENCE)],
    ids=["attendance", "register codes", "events", "attendance or events"],
)
def test_the_dsl_is_told_when_the_dismissed_trigger_point_comes_back(client, rules, told):
    enrolment = EnrolmentFactory()
    flag = FlagFactory(
        person=enrolment.person, review="not_needed", version=IndicatorVersionFactory(rules=rules)
    )
    client.force_login(school_staff(Role.DSL, enrolment.school))

    response = client.post(
        reverse("risk:flag_dismiss", args=[flag.pk]),
        {"reason": DismissalReason.KNOWN_AND_SUPPORTED, "note": "Attendance plan in place."},
    )

    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert message == f"{flag.indicator.code} dismissed. {told}"
