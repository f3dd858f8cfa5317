"""Reviews. On each review date the measures for the period since the start are taken
from the feeds and the worker is told once; the worker then records their judgement and
the next review date."""

from datetime import date

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts.models import User
from accounts.services.change_log import acting_as
from interventions.models import Intervention, InterventionStatus, Measure
from interventions.rules import may_record
from interventions.services import notices
from interventions.services.allocation import DATES_WITHIN, take_measure
from interventions.services.errors import Invalid, InvalidTransition, NotAllowed
from interventions.services.locking import locked

MAX_NOTE = 2000


@transaction.atomic
def reviews_due_measure(*, today: date) -> int:
    """Takes the review measures of every open intervention whose review date has come and
    tells its worker; an intervention already measured for that date is left alone, so
    running this twice a day notifies nobody twice. Returns how many were due."""
    measured = Measure.objects.filter(
        intervention=OuterRef("pk"), point=Measure.Point.REVIEW, measured_on=OuterRef("review_date")
    )
    due = (
        Intervention.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(~Exists(measured), status=InterventionStatus.ACTIVE, review_date__lte=today)
        .select_related("programme", "worker", "young_person")
    )
    count = 0
    for intervention in due:
        take_measure(intervention=intervention, point=Measure.Point.REVIEW, on=intervention.review_date)
        notices.review_due(intervention=intervention)
        count += 1
    return count


def next_review_refusal(*, next_review_date: date, due: date, today: date) -> str | None:
    """Why the next review date cannot be taken, if it cannot. A review is held on the day
    it is recorded, so the next one is after today: one on or before it would read
    "Overdue" the moment the review was saved. A review recorded before its due date keeps
    that date, so the next is after it too."""
    if next_review_date <= today:
        return "The next review date must be after today"
    if next_review_date <= due:
        return "The next review date must be after this review's date"
    if next_review_date - max(today, due) > DATES_WITHIN:
        return "The next review date must be within a year"
    return None


@transaction.atomic
def intervention_review(
    *, by: User, intervention: Intervention, note: str, next_review_date: date, expected_version: int
) -> Measure:
    """The worker's review: their note beside the measures for the review date (taken now
    if the daily task has not yet run), and the next review date."""
    note = note.strip()
    if not note:
        raise Invalid("Enter what the review found")
    if len(note) > MAX_NOTE:
        raise Invalid(f"Keep the review note to {MAX_NOTE:,} characters or fewer")
    if not may_record(by, intervention):
        raise NotAllowed("Only the allocated worker or the taskforce may record a review.")
    with acting_as(by), locked(intervention, expected_version, by=by) as current:
        if not current.is_active:
            raise InvalidTransition("This intervention is closed: record the outcome at closure instead.")
        today = timezone.localdate()
        if today < current.start_date:
            raise InvalidTransition(
                f"This intervention starts on {current.start_date:%-d %B %Y}: review it once it has started."
            )
        if refusal := next_review_refusal(
            next_review_date=next_review_date, due=current.review_date, today=today
        ):
            raise Invalid(refusal, field="next_review_date")
        measure = take_measure(
            intervention=current,
            point=Measure.Point.REVIEW,
            on=min(current.review_date, today),
            note=note,
        )
        # Held on the day it is recorded: a review of 2 Dec recorded on 6 Dec is not "on 2 Dec".
        measure.reviewed_on = today
        measure.save(update_fields=["reviewed_on"])
        current.review_date = next_review_date
        current.version += 1
        current.save()
        return measure
