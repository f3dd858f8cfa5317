"""Trigger points in the demo city: the default indicators, flags computed from the
imported feeds, and the human side shown too: some flags confirmed by the taskforce
after review, one dismissed by the school's DSL with a reason."""

from datetime import date

from accounts.models import User
from accounts.roles import Role
from risk.models import DismissalReason, Flag, Review
from risk.services.computing import ComputeResult, compute_flags
from risk.services.library import install_default_indicators
from risk.services.review import flag_confirm, flag_dismiss, may_dismiss
from schools.models import School

CONFIRMED_AT_SCHOOL = 4


def seed_trigger_points(*, users: dict[Role, User], school: School, today: date) -> ComputeResult:
    install_default_indicators(by=users[Role.ADMINISTRATOR])
    result = compute_flags(today=today)
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
