"""When the demo's referrals happened. The services stamp each step with the moment it
is taken, and the demo takes every step in one go: moved back to their own days, the
queue shows realistic ages and the scorecards realistic days to decision and allocation."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from interventions.models import Intervention, Referral, ReferralEntry, ReferralStatus


@dataclass(frozen=True)
class Dates:
    """When a demo referral was sent and, if so, triaged and allocated (days before now)."""

    sent: int
    triaged: int | None = None
    allocated: int | None = None


_TRIAGE = {ReferralEntry.Action.ASKED, ReferralEntry.Action.ACCEPTED, ReferralEntry.Action.DECLINED}


def backdate(referral: Referral, dates: Dates, now: datetime) -> None:
    """Each step moves back to its own day, in order: sent, triaged, allocated, and
    anything added since (halfway between the last step and now)."""

    def ago(days: int | None) -> datetime | None:
        return None if days is None else now - timedelta(days=days, hours=3)

    sent, triaged, allocated = ago(dates.sent), ago(dates.triaged), ago(dates.allocated)
    last = allocated or triaged or sent
    referral.refresh_from_db()
    Referral.objects.filter(pk=referral.pk).update(
        created_at=sent,
        sent_at=sent,
        status_changed_at=(triaged or sent) if referral.status != ReferralStatus.SENT else sent,
        decided_at=triaged if referral.decided_at else None,
    )
    for entry in ReferralEntry.objects.filter(referral=referral):
        if entry.action in (ReferralEntry.Action.CREATED, ReferralEntry.Action.SENT):
            entry.at = sent
        elif entry.action in _TRIAGE:
            entry.at = triaged or sent
        else:
            entry.at = last + (now - last) / 2
        entry.save(update_fields=["at"])
    if allocated:
        Intervention.objects.filter(referral=referral).update(allocated_at=allocated)
