"""Break-glass: a taskforce officer's recorded reason to open a young person outside
their scope, valid for a few hours. The reason is kept for information governance."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import BreakGlass, User
from accounts.roles import Role
from accounts.services.change_log import acting_as
from portal.locks import Lock, hold
from schools.models import Person


class BreakGlassError(ValueError):
    pass


@transaction.atomic
def break_glass_open(*, by: User, person: Person, reason: str) -> BreakGlass:
    """The officer's open break-glass for the person with the same reason, if there is
    one: the same request sent twice at once (a double click, an API client's retry)
    is one break-glass for IG to review, not two. The pages and the API ask only while
    the record is closed to the officer, so only requests at the same moment get here
    twice; the lock makes the second wait for the first and find it."""
    with acting_as(by):
        reason = reason.strip()
        if not (by.is_active and by.role == Role.TASKFORCE):
            raise BreakGlassError("Only SAFE taskforce officers may use break-glass access.")
        if len(reason) < settings.BREAK_GLASS_REASON_MIN_LENGTH:
            raise BreakGlassError(
                f"Give a reason of at least {settings.BREAK_GLASS_REASON_MIN_LENGTH} characters."
            )
        now = timezone.now()
        hold(Lock.BREAK_GLASS, person.pk)
        already = BreakGlass.objects.filter(user=by, person=person, reason=reason, expires_at__gt=now)
        if (grant := already.order_by("-created_at").first()) is not None:
            return grant
        return BreakGlass.objects.create(
            user=by,
            person=person,
            reason=reason,
            expires_at=now + timedelta(hours=settings.BREAK_GLASS_HOURS),
        )
