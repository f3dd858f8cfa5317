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


DAY_STARTS, DAY_ENDS = time(9), time(15, 59)
"""The working day a referral's steps are taken in (the hours a step is put at by its day)."""
STEP_GAP = timedelta(minutes=10)


def working_day_on_or_before(day: date) -> date:
    """A weekday: the casework's sessions fall on the weekday it ends on, each week back,
    and a demo seeded on a Sunday had its youth worker meeting young people on Sundays."""
    return day - timedelta(days=max(0, day.weekday() - 4))


def working_moment_at_or_before(moment: datetime) -> datetime:
    """The latest moment of a working day no later than `moment`: a step put on a Sunday,
    or at seven on a Monday morning, was taken on the Friday afternoon before."""
    local = timezone.localtime(moment)
    day = local.date()
    if day.weekday() < 5 and local.time() >= DAY_STARTS:
        return min(local, timezone.make_aware(datetime.combine(day, DAY_ENDS)))
    before = working_day_on_or_before(day - timedelta(days=1))
    return timezone.make_aware(datetime.combine(before, DAY_ENDS))


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

    sent, asked, answered, triaged, allocated = _working_moments(
        [dates.sent, dates.asked, dates.answered, dates.triaged, dates.allocated], now
    )
    asked = asked or triaged or sent
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
        entry.at = steps.get(entry.action) or working_moment_at_or_before(last + (now - last) / 2)
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


def backdate_draft(referral: Referral, now: datetime) -> None:
    """A draft is being written on the working day: one the demo started on a Sunday
    said it was begun that Sunday."""
    begun = working_moment_at_or_before(now)
    Referral.objects.filter(pk=referral.pk).update(created_at=begun)
    ReferralEntry.objects.filter(referral=referral).update(at=begun)


def _working_moments(days_ago: list[int | None], now: datetime) -> list[datetime | None]:
    """Each step (days before now, in the order taken) on its working day, at an hour set
    by its day (three hours before now put a demo seeded after midnight's referrals at
    nine in the evening). Latest first, each is moved back to a working moment before
    the next: two steps whose days fell on one weekend would otherwise share its Friday,
    the later one perhaps the earlier hour, and no step is later than now."""
    moments: list[datetime | None] = []
    ceiling = now + STEP_GAP
    for days in reversed(days_ago):
        if days is None:
            moments.append(None)
            continue
        day = timezone.localdate(now) - timedelta(days=days)
        at = timezone.make_aware(datetime.combine(day, time(9 + days % 7, (days * 13) % 60)))
        ceiling = working_moment_at_or_before(min(at, ceiling - STEP_GAP))
        moments.append(ceiling)
    return moments[::-1]


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
