"""Trigger points in the demo city: the default indicators, flags computed from the
imported feeds, and the human side shown too: some flags confirmed by the taskforce
after review, one dismissed by the school's DSL with a reason.

The flags are computed as the nightly job would have computed them over the last
REPLAY_WEEKS weeks, each run seeing only the evidence dated up to its night, so the
demo's flags are raised (and some cleared) on the dates their evidence arrived: the
dashboard's "since the start of the month" and the city's trend show real change
instead of every flag raised at seed time."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from risk.models import DismissalReason, Flag, Review
from risk.services.computing import ComputeResult, compute_flags
from risk.services.library import install_default_indicators
from risk.services.review import flag_confirm, flag_dismiss, may_dismiss
from schools.models import School

CONFIRMED_AT_SCHOOL = 4
REPLAY_WEEKS = 8
NIGHTLY_RUN = time(2, 0)


def seed_trigger_points(*, users: dict[Role, User], school: School, today: date) -> ComputeResult:
    install_default_indicators(by=users[Role.ADMINISTRATOR])
    for weeks_ago in range(REPLAY_WEEKS, 0, -1):
        night = today - timedelta(weeks=weeks_ago)
        compute_flags(today=night, now=timezone.make_aware(datetime.combine(night, NIGHTLY_RUN)))
    result = compute_flags(today=today, now=timezone.make_aware(datetime.combine(today, NIGHTLY_RUN)))
    at_school = Flag.objects.filter(
        cleared_at__isnull=True,
        person__enrolments__school=school,
        person__enrolments__leaving_date__isnull=True,
    ).order_by("pk")
    for flag in at_school.filter(review=Review.PENDING)[:CONFIRMED_AT_SCHOOL]:
        flag_confirm(by=users[Role.TASKFORCE], flag=flag)
    dsl = users[Role.DSL]
    dismissible = next((f for f in at_school.exclude(review=Review.PENDING) if may_dismiss(dsl, f)), None)
    if dismissible is not None:
        flag_dismiss(
            by=dsl,
            flag=dismissible,
            reason=DismissalReason.KNOWN_AND_SUPPORTED,
            note="Discussed at the pastoral meeting; already supported by the school's mentor.",
        )
    return result
