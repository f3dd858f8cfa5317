"""Recording sessions. A group session records attendance for several young people at
once, each through their own intervention in the same programme; every young person
named must be one the recorder works with."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services.change_log import acting_as
from interventions.models import Attendance, Intervention, Programme, Session
from interventions.rules import may_record
from interventions.services.errors import Invalid, InvalidTransition, NotAllowed
from portal.day_text import day_writer

MAX_NOTE = Attendance._meta.get_field("note").max_length
MAX_GROUP = 40
REPEATED_WITHIN = timedelta(minutes=2)
"""How soon the same session recorded again by the same person is taken for the same
submission (a double click, a browser's Back, an API client's retry after a timeout).
Later, it is a second entry, which the worker withdraws if it was a mistake."""


def refuse_future(day: date) -> None:
    if day > timezone.localdate():
        raise Invalid("A session cannot be recorded before it happens", field="date")


def refuse_before_start(day: date, starts: list[date]) -> None:
    """Says the start date, so the worker knows the first day they may choose; for a group,
    the latest of the interventions' starts that the day is before."""
    late = [start for start in starts if day < start]
    if not late:
        return
    started = day_writer()(max(late))
    if len(starts) == 1:
        raise Invalid(f"The session date is before the intervention started on {started}", field="date")
    raise Invalid(
        f"The session date is before {len(late)} of these interventions started, the latest on {started}",
        field="date",
    )


def refuse_group_of_one_to_one(*, kind: str, programme: Programme) -> None:
    """A programme delivered to one young person at a time has no group sessions: the
    group session page offers none, and the API and a correction are refused alike."""
    if kind == Session.Kind.GROUP and programme.kind in Programme.DELIVERED_ONE_TO_ONE:
        raise Invalid(
            f"{programme.name} is delivered one to one: record an individual session for each young person"
        )


@dataclass(frozen=True)
class Mark:
    intervention: Intervention
    status: str
    note: str = ""


def _same_session(*, by: User, day: date, kind: str, programme_id: int, marks: list[Mark]) -> Session | None:
    """The session the recorder has just recorded with the same date, kind and marks, as
    recorded (not since corrected or withdrawn). The caller holds the interventions'
    locks, so a second submission arriving with the first waits for it and finds it."""
    wanted = {(m.intervention.pk, m.status, m.note.strip()) for m in marks}
    recent = (
        Session.objects.filter(
            recorded_by=by,
            date=day,
            kind=kind,
            programme_id=programme_id,
            recorded_at__gte=timezone.now() - REPEATED_WITHIN,
            corrected_at__isnull=True,
            withdrawn_at__isnull=True,
            attendances__intervention_id=marks[0].intervention.pk,
        )
        .prefetch_related("attendances")
        .order_by("-pk")
    )
    for session in recent:
        if {(a.intervention_id, a.status, a.note) for a in session.attendances.all()} == wanted:
            return session
    return None


@transaction.atomic
def session_record(*, by: User, day: date, kind: str, marks: list[Mark]) -> Session:
    if kind not in Session.Kind.values:
        raise Invalid("Choose whether this was a group or an individual session")
    if not marks:
        raise Invalid("Record attendance for at least one young person")
    if kind == Session.Kind.INDIVIDUAL and len(marks) != 1:
        raise Invalid("An individual session is for one young person")
    if len(marks) > MAX_GROUP:
        raise Invalid(f"A group session records at most {MAX_GROUP} young people")
    refuse_future(day)
    ids = [m.intervention.pk for m in marks]
    if len(set(ids)) != len(ids):
        raise Invalid("Each young person can be marked once per session")
    interventions = Intervention.objects.select_for_update().select_related("programme").in_bulk(ids)
    programmes = {i.programme_id for i in interventions.values()}
    if len(programmes) != 1:
        raise Invalid("Everyone in a group session must be in the same programme")
    for mark in marks:
        current = interventions[mark.intervention.pk]
        if not may_record(by, current):
            raise NotAllowed("You may record sessions only for the young people allocated to you.")
        if not current.is_active:
            raise InvalidTransition("Sessions can be recorded only for an open intervention.")
        if mark.status not in Attendance.Status.values:
            raise Invalid("Choose attended, did not attend or cancelled for each young person")
        if len(mark.note) > MAX_NOTE:
            raise Invalid(f"Keep each note to {MAX_NOTE} characters or fewer")
    refuse_before_start(day, [i.start_date for i in interventions.values()])
    programme_id = programmes.pop()
    refuse_group_of_one_to_one(kind=kind, programme=interventions[ids[0]].programme)
    repeated = _same_session(by=by, day=day, kind=kind, programme_id=programme_id, marks=marks)
    if repeated is not None:
        return repeated
    with acting_as(by):
        session = Session.objects.create(
            date=day, kind=kind, programme_id=programme_id, recorded_by=by, recorded_at=timezone.now()
        )
        Attendance.objects.bulk_create(
            Attendance(
                session=session, intervention_id=m.intervention.pk, status=m.status, note=m.note.strip()
            )
            for m in marks
        )
    return session
