"""A dismissed attendance or register-code flag stays dismissed while its pattern goes
on: next week's absence or tomorrow's part-time mark is more of what the safeguarding
lead dismissed, not new evidence. It comes back only once the pattern has ended (the
flag clears) and begun again (a new flag)."""

from datetime import timedelta

import pytest

from accounts.models import Notification
from accounts.roles import Role
from chronology.models import Feed, FeedRun
from risk.models import DismissalReason, Flag
from risk.models.flags import ClearedBecause
from risk.services.review import flag_dismiss
from tests.factories import EnrolmentFactory, FeedRunFactory
from tests.factories.access import school_staff
from tests.risk.conftest import TODAY, attendance_weeks, compute, make_indicator, register_mark

pytestmark = pytest.mark.django_db

WEEK = timedelta(weeks=1)
ABSENT, PRESENT = (0, 10), (10, 10)


@pytest.fixture
def pupil():
    return EnrolmentFactory()


def _dismiss(flag: Flag, enrolment) -> Flag:
    return flag_dismiss(
        by=school_staff(Role.DSL, enrolment.school),
        flag=flag,
        reason=DismissalReason.KNOWN_AND_SUPPORTED,
        note="Known to the school; a medical plan is in place.",
    )


def _week(enrolment, monday, counts) -> None:
    attendance_weeks(enrolment.person, enrolment.school, [counts], monday=monday)


def test_a_dismissed_absence_flag_stays_dismissed_while_the_absence_goes_on(pupil):
    rule = make_indicator(
        [{"type": "attendance_rate", "params": {"max_percent": 50, "weeks": 2, "min_possible": 10}}]
    )
    _week(pupil, TODAY - 2 * WEEK, ABSENT)
    _week(pupil, TODAY - WEEK, ABSENT)
    compute(today=TODAY - WEEK)
    flag = _dismiss(Flag.objects.get(indicator=rule), pupil)
    alerts = Notification.objects.count()

    _week(pupil, TODAY, ABSENT)
    compute(today=TODAY)

    assert list(Flag.objects.filter(indicator=rule).values_list("pk", flat=True)) == [flag.pk]
    flag.refresh_from_db()
    assert flag.is_current
    assert flag.is_dismissed
    assert Notification.objects.count() == alerts

    _week(pupil, TODAY + WEEK, PRESENT)
    _week(pupil, TODAY + 2 * WEEK, PRESENT)
    compute(today=TODAY + 2 * WEEK)
    flag.refresh_from_db()
    assert flag.cleared_because == ClearedBecause.EVIDENCE_LEFT

    _week(pupil, TODAY + 3 * WEEK, ABSENT)
    _week(pupil, TODAY + 4 * WEEK, ABSENT)
    compute(today=TODAY + 4 * WEEK)
    fresh = Flag.objects.get(indicator=rule, cleared_at__isnull=True)
    assert fresh.pk != flag.pk
    assert not fresh.is_dismissed
    assert Notification.objects.count() == alerts + 1


def test_a_dismissed_part_time_timetable_flag_stays_dismissed_as_its_marks_go_on(pupil):
    rule = make_indicator(
        [{"type": "register_codes", "params": {"codes": ["C2"], "weeks": 2, "min_sessions": 1}}]
    )
    run = FeedRunFactory(feed__code=Feed.Code.ATTENDANCE, status=FeedRun.Status.COMPLETED)
    for day in (TODAY - WEEK, TODAY):
        register_mark(pupil.person, pupil.school, day, run, key=f"c2-{day}", code="C2", meaning="authorised")
    compute(today=TODAY - WEEK)
    flag = _dismiss(Flag.objects.get(indicator=rule), pupil)

    compute(today=TODAY)

    flag.refresh_from_db()
    assert flag.is_current
    assert flag.is_dismissed
    assert Flag.objects.filter(indicator=rule).count() == 1
