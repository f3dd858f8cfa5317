"""Allocating interventions on an accepted referral, changing the worker and ending them.
The worker's access to the young person is a per-person grant through the access layer:
given on allocation, and removed when the intervention ends or passes to another
worker, unless the same worker still holds another open intervention for them."""

from dataclasses import asdict, dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services.change_log import acting_as
from accounts.services.person_grants import person_grant, person_revoke
from interventions import measures
from interventions.models import (
    ClosureReason,
    Intervention,
    InterventionStatus,
    Measure,
    Programme,
    Referral,
    ReferralStatus,
)
from interventions.rules import may_allocate, may_be_allocated, may_record
from interventions.services import notices
from interventions.services.errors import Invalid, InvalidTransition, NotAllowed
from interventions.services.locking import locked

MAX_PLANNED_SESSIONS = 200
DATES_WITHIN = timedelta(days=366)
"""How far ahead an intervention may start, and a review may be set. The baseline
reaches six months before the start, so a start near year 1 could not be measured at all."""
STARTED_WITHIN_YEARS = 5
"""How far back a start may be entered: room to record past work (a demo seeded as of an
earlier date), none for a mistyped year."""


@dataclass(frozen=True)
class Allocation:
    programme: Programme
    provider: str
    worker: User
    start_date: date
    planned_sessions: int
    review_date: date


def _check(allocation: Allocation) -> None:
    if not allocation.programme.active:
        raise Invalid("That programme is no longer offered")
    if not allocation.provider.strip():
        raise Invalid("Enter the provider")
    if not may_be_allocated(allocation.worker):
        raise Invalid("The lead worker must be a taskforce officer or an intervention worker")
    if not 1 <= allocation.planned_sessions <= MAX_PLANNED_SESSIONS:
        raise Invalid(f"Plan between 1 and {MAX_PLANNED_SESSIONS} sessions")
    problems = allocation_date_refusals(
        start=allocation.start_date, review=allocation.review_date, today=timezone.localdate()
    )
    if problems:
        field, message = next(iter(problems.items()))
        raise Invalid(message, field=field)


def allocation_date_refusals(*, start: date, review: date, today: date) -> dict[str, str]:
    """What is wrong with the dates, by field. A start in the past is allowed (work begun
    before it was recorded), but not a first review already past: the intervention would
    read "Overdue" the moment it was allocated. The review is within a year of the start,
    or of today for a start already a while back, so past work can still be recorded."""
    problems = {}
    if not today - relativedelta(years=STARTED_WITHIN_YEARS) <= start <= today + DATES_WITHIN:
        problems["start_date"] = (
            f"The start date must be within the last {STARTED_WITHIN_YEARS} years or the next year"
        )
    if review < start:
        problems["review_date"] = "The review date must be on or after the start date"
    elif review < today:
        problems["review_date"] = "The review date must be today or later"
    elif review - max(start, today) > DATES_WITHIN:
        since = "the start date" if start >= today else "today"
        problems["review_date"] = f"The review date must be within a year of {since}"
    return problems


def take_measure(*, intervention: Intervention, point: str, on: date, note: str = "") -> Measure:
    """Snapshots the measures at a point; taking the same point on the same day again
    updates that snapshot rather than adding a second."""
    person, start = intervention.young_person_id, intervention.start_date
    if point == Measure.Point.BASELINE:
        figures = measures.baseline(person_id=person, start=start)
    else:
        figures = measures.since(person_id=person, start=start, on=on)
    measure, _ = Measure.objects.update_or_create(
        intervention=intervention,
        point=point,
        measured_on=on,
        defaults={**asdict(figures), "review_note": note},
    )
    return measure


@transaction.atomic
def intervention_allocate(*, by: User, referral: Referral, allocation: Allocation) -> Intervention:
    if not may_allocate(by):
        raise NotAllowed("Only SAFE taskforce officers may allocate interventions.")
    _check(allocation)
    with acting_as(by), locked(referral, None, by=by) as current:
        if current.status != ReferralStatus.ACCEPTED:
            raise InvalidTransition("Interventions can be allocated only on an accepted referral.")
        # The referral's lock makes a second submission (a double click, or two officers
        # at once) wait for the first, and then see it.
        if current.interventions.filter(
            programme=allocation.programme, status=InterventionStatus.ACTIVE
        ).exists():
            raise InvalidTransition(
                f"This referral already has an open {allocation.programme.name} intervention. "
                "Change its lead worker instead of allocating it again."
            )
        intervention = Intervention.objects.create(
            referral=current,
            young_person_id=current.young_person_id,
            programme=allocation.programme,
            provider=allocation.provider.strip()[:200],
            worker=allocation.worker,
            start_date=allocation.start_date,
            planned_sessions=allocation.planned_sessions,
            review_date=allocation.review_date,
            allocated_by=by,
            allocated_at=timezone.now(),
        )
        person_grant(by=by, user=allocation.worker, person=current.young_person)
        take_measure(intervention=intervention, point=Measure.Point.BASELINE, on=allocation.start_date)
        notices.worker_allocated(intervention=intervention, by=by)
        return intervention


def _release(*, by: User, worker: User, intervention: Intervention) -> None:
    """Removes the worker's grant unless another open intervention still needs it."""
    still_needed = (
        Intervention.objects.filter(
            worker=worker, young_person_id=intervention.young_person_id, status=InterventionStatus.ACTIVE
        )
        .exclude(pk=intervention.pk)
        .exists()
    )
    if not still_needed:
        person_revoke(by=by, user=worker, person=intervention.young_person)


@transaction.atomic
def intervention_change_worker(
    *, by: User, intervention: Intervention, worker: User, expected_version: int
) -> Intervention:
    if not may_allocate(by):
        raise NotAllowed("Only SAFE taskforce officers may change the lead worker.")
    if not may_be_allocated(worker):
        raise Invalid("The lead worker must be a taskforce officer or an intervention worker")
    with acting_as(by), locked(intervention, expected_version, by=by) as current:
        if not current.is_active:
            raise InvalidTransition("This intervention has ended, so its worker cannot change.")
        if current.worker_id == worker.pk:
            raise Invalid("That is already the lead worker")
        previous = current.worker
        current.worker = worker
        current.version += 1
        current.save()
        _release(by=by, worker=previous, intervention=current)
        person_grant(by=by, user=worker, person=current.young_person)
        notices.worker_allocated(intervention=current, by=by)
        return current


@dataclass(frozen=True)
class Closure:
    closed_on: date
    reason: str
    outcome_summary: str
    specialist_support_received: bool | None = None


def closing_date_refusal(*, intervention: Intervention, closed_on: date, today: date) -> str | None:
    """Why the closing date cannot be taken, if it cannot: it is a day the work ended, so
    between its start (or, not started yet, the day it was allocated) and today."""
    started = intervention.start_date <= today
    earliest = intervention.start_date if started else timezone.localdate(intervention.allocated_at)
    if earliest <= closed_on <= today:
        return None
    if started:
        return "The closing date must be between the start date and today"
    return (
        "This intervention has not started: the closing date must be between the day it was "
        "allocated and today"
    )


@transaction.atomic
def intervention_close(
    *, by: User, intervention: Intervention, closure: Closure, expected_version: int
) -> Intervention:
    """One that has not started yet may be closed too (the young person moved away), so
    the worker's access does not wait for the start; it has no period since the start
    to measure, so it takes no closure measure and counts in no outcome share."""
    if not may_record(by, intervention):
        raise NotAllowed("Only the allocated worker or the taskforce may close this intervention.")
    if closure.reason not in ClosureReason.values:
        raise Invalid("Choose why the intervention is closing")
    summary = closure.outcome_summary.strip()
    if not summary:
        raise Invalid("Enter a short outcome summary")
    if len(summary) > 2000:
        raise Invalid("Keep the outcome summary to 2,000 characters or fewer")
    with acting_as(by), locked(intervention, expected_version, by=by) as current:
        if not current.is_active:
            raise InvalidTransition("This intervention has already been closed.")
        today = timezone.localdate()
        started = current.start_date <= today
        if refusal := closing_date_refusal(intervention=current, closed_on=closure.closed_on, today=today):
            raise Invalid(refusal, field="closed_on")
        current.status = InterventionStatus.CLOSED
        current.closed_on = closure.closed_on
        current.closed_by = by
        current.closure_reason = closure.reason
        current.outcome_summary = summary
        current.specialist_support_received = closure.specialist_support_received
        current.version += 1
        current.save()
        if started:
            take_measure(intervention=current, point=Measure.Point.CLOSURE, on=closure.closed_on)
        _release(by=by, worker=current.worker, intervention=current)
        return current
