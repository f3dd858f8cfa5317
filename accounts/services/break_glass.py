"""Break-glass: a taskforce officer's recorded reason to open a young person outside
their scope, valid for a few hours. The reason is kept for information governance."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import BreakGlass, User
from accounts.roles import Role
from accounts.services.change_log import acting_as
from schools.models import Person


class BreakGlassError(ValueError):
    pass


@transaction.atomic
def break_glass_open(*, by: User, person: Person, reason: str) -> BreakGlass:
    with acting_as(by):
        reason = reason.strip()
        if not (by.is_active and by.role == Role.TASKFORCE):
            raise BreakGlassError("Only SAFE taskforce officers may use break-glass access.")
        if len(reason) < settings.BREAK_GLASS_REASON_MIN_LENGTH:
            raise BreakGlassError(
                f"Give a reason of at least {settings.BREAK_GLASS_REASON_MIN_LENGTH} characters."
            )
        now = timezone.now()
        return BreakGlass.objects.create(
            user=by,
            person=person,
            reason=reason,
            expires_at=now + timedelta(hours=settings.BREAK_GLASS_HOURS),
        )
