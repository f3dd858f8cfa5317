"""What people make of a flag: a taskforce officer confirms one that waits for review
(only then do school staff see it), and a DSL or taskforce officer dismisses one with
a reason. Both are kept on the flag and in the change log; a dismissed flag comes back
only with new evidence (risk.services.reconcile)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.access import can_view, flag_policy, has_role
from accounts.models import User
from accounts.roles import Role
from accounts.services.change_log import acting_as
from risk.models import DismissalReason, Flag, Review
from risk.selectors import flags_switched_on
from risk.services.alerts import alert_new_flags

MAX_NOTE = 2000


def may_dismiss(user: User, flag: Flag) -> bool:
    """A DSL for a flag they can see by name on a pupil of theirs; the taskforce for any
    flag of a young person they may see."""
    return can_view(user, flag.person_id) and may_dismiss_in_scope(user, flag)


def may_dismiss_in_scope(user: User, flag: Flag) -> bool:
    """`may_dismiss` for a flag the access layer has already shown the user (cards built
    from `flags_for`): asking `can_view` again would cost the taskforce a caseload query
    per flag on a page of many."""
    if not has_role(user, Role.DSL, Role.TASKFORCE):
        return False
    policy = flag_policy(user)
    if flag.review == Review.PENDING and not policy.sees_awaiting_review:
        return False
    return flag.sensitivity in policy.named_sensitivities


def _locked(flag: Flag) -> Flag:
    return (
        Flag.objects.select_for_update(of=("self",))
        .select_related("indicator", "version", "dismissed_by")
        .get(pk=flag.pk)
    )


def standing_dismissal(flag: Flag, *, to: User) -> str:
    """Who dismissed the flag, when and why, for a dismissal or a confirmation that arrives
    after it: the sender's own older tab or double click ("by you"), or a colleague's."""
    on = timezone.localtime(flag.dismissed_at)
    who = "you" if flag.dismissed_by_id == to.pk else flag.dismissed_by.display_name
    why = flag.get_dismissal_reason_display()
    return f"{flag.indicator.code} was already dismissed by {who} on {on:%-d %B %Y}, as “{why}”"


@transaction.atomic
def flag_dismiss(*, by: User, flag: Flag, reason: str, note: str = "") -> Flag:
    if not may_dismiss(by, flag):
        raise PermissionDenied
    if reason not in DismissalReason.values:
        raise ValidationError(f"Choose a reason: {', '.join(DismissalReason.labels)}.")
    note = note.strip()
    if reason == DismissalReason.OTHER and not note:
        raise ValidationError("Say why the flag is dismissed.")
    if len(note) > MAX_NOTE:
        raise ValidationError(f"Keep the note to {MAX_NOTE} characters.")
    flag = _locked(flag)
    if not flag.is_current:
        raise ValidationError("This flag is no longer current.")
    if flag.is_dismissed:
        if (flag.dismissed_by_id, flag.dismissal_reason, flag.dismissal_note) == (by.pk, reason, note):
            return flag  # the same dismissal sent again: a double click, or Back and send
        raise ValidationError(f"{standing_dismissal(flag, to=by)}, so yours was not recorded.")
    flag.dismissed_at = timezone.now()
    flag.dismissed_by = by
    flag.dismissal_reason = reason
    flag.dismissal_note = note
    with acting_as(by):
        flag.save(update_fields=["dismissed_at", "dismissed_by", "dismissal_reason", "dismissal_note"])
    return flag


@transaction.atomic
def flag_confirm(*, by: User, flag: Flag) -> Flag:
    """The taskforce confirms a flag that waits for review: school staff now see it,
    and the school's DSLs are told."""
    if not (has_role(by, Role.TASKFORCE) and can_view(by, flag.person_id)):
        raise PermissionDenied
    flag = _locked(flag)
    if flag.review == Review.CONFIRMED and flag.reviewed_by_id == by.pk and flag.is_current:
        return flag  # confirmed again by a double click: the DSLs were told once
    if flag.review != Review.PENDING or not flag.is_current:
        raise ValidationError("This flag is not waiting for review.")
    if flag.is_dismissed:
        # The officer's queue was loaded before a colleague dismissed the flag.
        raise ValidationError(f"{standing_dismissal(flag, to=by)}, so it is not confirmed.")
    if not (flag.indicator.enabled and flags_switched_on()):
        # Its queue page may be older than the switch; nobody would see what was confirmed,
        # yet the DSLs would be told of it.
        raise ValidationError("This trigger point is switched off: nothing is shown, so nothing to confirm.")
    flag.review = Review.CONFIRMED
    flag.reviewed_by = by
    flag.reviewed_at = timezone.now()
    with acting_as(by):
        flag.save(update_fields=["review", "reviewed_by", "reviewed_at"])
    alert_new_flags(flag_ids=[flag.pk])
    return flag
