"""When the demo's referrals happened. The services stamp each step with the moment it
is taken, and the demo takes every step in one go: moved back to their own days, the
queue shows realistic ages and the scorecards realistic days to decision and allocation.
The notifications each step sent move with it, and those of more than a week ago are
read, as their readers would have read them."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification
from interventions.models import Intervention, Referral, ReferralEntry

READ_AFTER = timedelta(days=7)


def read_when_old(sent: datetime, *, now: datetime) -> datetime | None:
    """When a demo notification was read: the same day if it is more than a week old
    (its reader has long seen it), else not yet, so the week's news shows as new."""
    return sent + timedelta(hours=8) if sent < now - READ_AFTER else None


STEP_KINDS = ("referral_status", "referral_for_triage", "referral_information", "intervention_allocated")
"""What a referral's steps send; a review falling due is the review date's, not a step's."""


def working_day_on_or_before(day: date) -> date:
    """A weekday: the casework's sessions fall on the weekday it ends on, each week back,
    and a demo seeded on a Sunday had its youth worker meeting young people on Sundays."""
    return day - timedelta(days=max(0, day.weekday() - 4))


@dataclass(frozen=True)
class Dates:
    """When a demo referral was sent and, if so, asked about, answered, triaged and
    allocated (days before now). Without its own day, a question is dated with triage."""

    sent: int
    triaged: int | None = None
    allocated: int | None = None
    asked: int | None = None
    answered: int | None = None


_DECISIONS = {ReferralEntry.Action.ACCEPTED, ReferralEntry.Action.DECLINED}


def backdate(referral: Referral, dates: Dates, now: datetime) -> None:
    """Each step moves back to its own day, in order: sent, asked, answered, triaged,
    allocated, and anything added since (halfway between the last step and now)."""

    def ago(days: int | None) -> datetime | None:
        """In the working day, `days` before now: three hours before now put a demo
        seeded after midnight's referrals at nine in the evening."""
        if days is None:
            return None
        day = timezone.localdate(now) - timedelta(days=days)
        return timezone.make_aware(datetime.combine(day, time(9 + days % 7, (days * 13) % 60)))

    sent, triaged, allocated = ago(dates.sent), ago(dates.triaged), ago(dates.allocated)
    asked, answered = ago(dates.asked) or triaged or sent, ago(dates.answered)
    last = allocated or triaged or answered or asked
    steps = {
        ReferralEntry.Action.CREATED: sent,
        ReferralEntry.Action.SENT: sent,
        ReferralEntry.Action.ASKED: asked,
        ReferralEntry.Action.ANSWERED: answered,
        **dict.fromkeys(_DECISIONS, triaged or sent),
    }
    referral.refresh_from_db()
    moved: list[tuple[datetime, datetime]] = []
    changed = sent
    for entry in ReferralEntry.objects.filter(referral=referral).order_by("at", "pk"):
        taken = entry.at
        entry.at = steps.get(entry.action) or last + (now - last) / 2
        entry.save(update_fields=["at"])
        moved.append((taken, entry.at))
        if entry.to_status != entry.from_status:
            changed = entry.at
    Referral.objects.filter(pk=referral.pk).update(
        created_at=sent,
        sent_at=sent,
        status_changed_at=changed,
        decided_at=triaged if referral.decided_at else None,
    )
    if allocated:
        Intervention.objects.filter(referral=referral).update(allocated_at=allocated)
    _move_notifications(referral, moved, allocated=allocated, now=now)


def _move_notifications(
    referral: Referral, moved: list[tuple[datetime, datetime]], *, allocated: datetime | None, now: datetime
) -> None:
    """Each notification about the referral goes back with the step that sent it: the
    latest step taken before it was written (an allocation's with the allocation)."""
    interventions = referral.interventions.values_list("pk", flat=True)
    urls = [reverse("referrals:detail", args=[referral.pk])]
    urls += [reverse("interventions:detail", args=[pk]) for pk in interventions]
    notes = Notification.objects.filter(
        url__in=urls, person_id=referral.young_person_id, kind__in=STEP_KINDS, read_at__isnull=True
    )
    for note in notes:
        steps = [new for taken, new in moved if taken <= note.created_at]
        when = allocated if note.kind == "intervention_allocated" else (steps[-1] if steps else None)
        if when is None:
            continue
        note.created_at = when
        note.read_at = read_when_old(when, now=now)
        note.save(update_fields=["created_at", "read_at"])
