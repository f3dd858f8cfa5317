"""Recording sessions. A group session records attendance for several young people at
once, each through their own intervention in the same programme; every young person
named must be one the recorder works with."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services.change_log import acting_as
from interventions.models import Attendance, Intervention, Session
from interventions.rules import may_record
from interventions.services.errors import Invalid, InvalidTransition, NotAllowed

MAX_NOTE = Attendance._meta.get_field("note").max_length
MAX_GROUP = 40


@dataclass(frozen=True)
class Mark:
    intervention: Intervention
    status: str
    note: str = ""


@transaction.atomic
def session_record(*, by: User, day: date, kind: str, marks: list[Mark]) -> Session:
    if kind not in Session.Kind.values:
        raise Invalid("Select whether this was a group or an individual session.")
    if not marks:
        raise Invalid("Record attendance for at least one young person.")
    if kind == Session.Kind.INDIVIDUAL and len(marks) != 1:
        raise Invalid("An individual session is for one young person.")
    if len(marks) > MAX_GROUP:
        raise Invalid(f"A group session records at most {MAX_GROUP} young people.")
    if day > timezone.localdate():
        raise Invalid("A session cannot be recorded before it happens.")
    ids = [m.intervention.pk for m in marks]
    if len(set(ids)) != len(ids):
        raise Invalid("Each young person can be marked once per session.")
    interventions = Intervention.objects.select_for_update().select_related("programme").in_bulk(ids)
    programmes = {i.programme_id for i in interventions.values()}
    if len(programmes) != 1:
        raise Invalid("Everyone in a group session must be in the same programme.")
    for mark in marks:
        current = interventions[mark.intervention.pk]
        if not may_record(by, current):
            raise NotAllowed("You may record sessions only for the young people allocated to you.")
        if not current.is_active:
            raise InvalidTransition("Sessions can be recorded only for an open intervention.")
        if day < current.start_date:
            raise Invalid("The session date is before the intervention started.")
        if mark.status not in Attendance.Status.values:
            raise Invalid("Select attended, did not attend or cancelled for each young person.")
        if len(mark.note) > MAX_NOTE:
            raise Invalid(f"Keep each note to {MAX_NOTE} characters or fewer.")
    with acting_as(by):
        session = Session.objects.create(
            date=day, kind=kind, programme_id=programmes.pop(), recorded_by=by, recorded_at=timezone.now()
        )
        Attendance.objects.bulk_create(
            Attendance(
                session=session, intervention_id=m.intervention.pk, status=m.status, note=m.note.strip()
            )
            for m in marks
        )
    return session
