"""The taskforce's decisions on a sent referral. Every transition records who, when and
why in the referral's history (and, through django-auditlog, in the change log), and is
refused with a clear message when the referral is not in a state that allows it or has
changed since the officer loaded it."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services.change_log import acting_as
from interventions.models import Referral, ReferralEntry, ReferralStatus
from interventions.rules import may_triage
from interventions.services import notices
from interventions.services.errors import Invalid, InvalidTransition, NotAllowed
from interventions.services.locking import locked

AWAITING_DECISION = (ReferralStatus.SENT, ReferralStatus.MORE_INFORMATION)
DONE = {
    ReferralEntry.Action.ACCEPTED: "accepted",
    ReferralEntry.Action.DECLINED: "declined",
    ReferralEntry.Action.ASKED: "sent back for more information",
}


def _decide(
    *,
    by: User,
    referral: Referral,
    expected_version: int,
    to: ReferralStatus,
    action: str,
    note: str,
    allowed_from: tuple[ReferralStatus, ...],
    title: str,
) -> Referral:
    if not may_triage(by):
        raise NotAllowed("Only SAFE taskforce officers may triage referrals.")
    with acting_as(by), locked(referral, expected_version, by=by) as current:
        if current.status not in allowed_from:
            raise InvalidTransition(
                f"This referral is {current.get_status_display().lower()}, so it cannot be "
                f"{DONE[action]} now."
            )
        before = current.status
        now = timezone.now()
        current.status = to
        current.status_changed_at = now
        current.version += 1
        if to in (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED):
            current.decided_at, current.decided_by, current.decision_reason = now, by, note
            current.question = ""
        else:
            current.question = note
        current.save()
        ReferralEntry.objects.create(
            referral=current, action=action, by=by, at=now, from_status=before, to_status=to, note=note
        )
        notices.referral_status_changed(referral=current, by=by, title=title)
        return current


def _required(text: str, message: str) -> str:
    text = text.strip()
    if not text:
        raise Invalid(message)
    if len(text) > 10_000:
        raise Invalid("Keep this to 10,000 characters or fewer.")
    return text


@transaction.atomic
def referral_accept(*, by: User, referral: Referral, expected_version: int, note: str = "") -> Referral:
    return _decide(
        by=by,
        referral=referral,
        expected_version=expected_version,
        to=ReferralStatus.ACCEPTED,
        action=ReferralEntry.Action.ACCEPTED,
        note=note.strip()[:10_000],
        allowed_from=AWAITING_DECISION,
        title="A referral to SAFE was accepted",
    )


@transaction.atomic
def referral_decline(*, by: User, referral: Referral, expected_version: int, reason: str) -> Referral:
    return _decide(
        by=by,
        referral=referral,
        expected_version=expected_version,
        to=ReferralStatus.DECLINED,
        action=ReferralEntry.Action.DECLINED,
        note=_required(reason, "Enter why the referral is declined."),
        allowed_from=AWAITING_DECISION,
        title="A referral to SAFE was declined",
    )


@transaction.atomic
def referral_ask(*, by: User, referral: Referral, expected_version: int, question: str) -> Referral:
    return _decide(
        by=by,
        referral=referral,
        expected_version=expected_version,
        to=ReferralStatus.MORE_INFORMATION,
        action=ReferralEntry.Action.ASKED,
        note=_required(question, "Enter what you need to know."),
        allowed_from=(ReferralStatus.SENT,),
        title="The SAFE taskforce needs more information about a referral",
    )
