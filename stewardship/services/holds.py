"""Legal holds, set and released by information-governance officers (logged by auditlog
with the officer as actor)."""

from datetime import date

from auditlog.context import set_actor
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from chronology.models import Feed
from portal import locks
from schools.models import Family, Person
from stewardship.models import LegalHold


class HoldRefused(Exception):
    """The hold cannot be set as asked; the message says why."""


@transaction.atomic
def legal_hold_set(
    *,
    by: User,
    reason: str,
    ends_on: date,
    person: Person | None = None,
    family: Family | None = None,
    feed: Feed | None = None,
) -> LegalHold:
    """The hold in force on the same thing with the same reason and end date, if there
    is one: the same form sent twice (a double click, Back and send) sets one hold."""
    if sum(x is not None for x in (person, family, feed)) != 1:
        raise HoldRefused("A legal hold covers one person, one family or one feed.")
    if not reason.strip():
        raise HoldRefused("Give the reason for the hold.")
    if ends_on < timezone.localdate():
        raise HoldRefused("The hold's end date is in the past.")
    locks.hold(locks.Lock.LEGAL_HOLD)
    same = LegalHold.objects.active().filter(
        person=person, family=family, feed=feed, reason=reason.strip(), ends_on=ends_on
    )
    if (already := same.first()) is not None:
        return already
    with set_actor(by):
        return LegalHold.objects.create(
            person=person, family=family, feed=feed, reason=reason.strip(), ends_on=ends_on, set_by=by
        )


@transaction.atomic
def legal_hold_release(*, by: User, hold: LegalHold) -> LegalHold:
    """Ends a hold before its end date; the next retention run may then remove what it kept."""
    hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if hold.released_at is None:
        hold.released_at, hold.released_by = timezone.now(), by
        with set_actor(by):
            hold.save(update_fields=["released_at", "released_by"])
    return hold
