"""Correcting and withdrawing a recorded session. A worker who mistyped a date, marked
the wrong young person or recorded a session twice puts it right here, with a reason;
nothing is rewritten silently. Each change keeps the session as it was in a SessionEntry
(who, when, why, before and after), raises the session's version (optimistic locking, as
referrals do), and is in the change log through the Session's save. A young person taken
out of a session, or everyone in a withdrawn one, keeps their attendance row marked
`withdrawn`, so their chronology still shows it, but it no longer counts anywhere.

Who may: the same rule as recording (rules.may_record) for every young person a change
touches; a change of the whole session (its date, its kind, its withdrawal) touches
everyone still in it (not a young person already taken out of it). A closed
intervention's sessions are part of its closing record (its closure measures were taken
from them, its outcome summary written beside them) and are refused, as every other
change to a closed intervention is."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services.change_log import acting_as
from interventions.models import Attendance, Intervention, Session, SessionEntry
from interventions.rules import may_record
from interventions.services.errors import Invalid, InvalidTransition, NotAllowed
from interventions.services.locking import stale
from interventions.services.session_measures import Counted, recount_specialist_support
from interventions.services.sessions import (
    MAX_GROUP,
    MAX_NOTE,
    Mark,
    refuse_before_start,
    refuse_future,
    refuse_group_of_one_to_one,
)

REMOVED = "removed"
"""A mark's status that takes the young person out of the session."""
MAX_REASON = SessionEntry._meta.get_field("reason").max_length


@dataclass(frozen=True)
class Correction:
    """What the session should say. `day` or `kind` None keeps it; `marks` touch only the
    young people they name (status REMOVED takes one out), so a reader who may see only
    some of a group changes only those, and everyone else stays as recorded."""

    day: date | None = None
    kind: str | None = None
    marks: tuple[Mark, ...] = field(default_factory=tuple)


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise Invalid("Enter why the session is being changed", field="reason")
    if len(reason) > MAX_REASON:
        raise Invalid(f"Keep the reason to {MAX_REASON} characters or fewer", field="reason")
    return reason


def _locked(session: Session, expected_version: int, by: User) -> Session:
    current = Session.objects.select_for_update().get(pk=session.pk)
    if current.version != expected_version:
        raise stale(current, by=by)
    if current.is_withdrawn:
        raise InvalidTransition(
            "This session was withdrawn as recorded in error: it can no longer be changed."
        )
    return current


def _may_change(by: User, intervention: Intervention, *, whole_session: bool = False) -> None:
    if not may_record(by, intervention):
        if whole_session:
            raise InvalidTransition(
                "This session also recorded young people allocated to someone else: ask the taskforce to "
                "change its date or kind, or to withdraw it."
            )
        raise NotAllowed("You may correct sessions only for the young people allocated to you.")
    if not intervention.is_active:
        raise InvalidTransition(
            "This session includes a closed intervention: its sessions are part of its closing record "
            "and can no longer be changed."
        )


def _snapshot(session: Session, rows: list[Attendance]) -> dict:
    return {
        "date": session.date.isoformat(),
        "kind": session.kind,
        "attendance": {
            str(a.intervention_id): {"status": a.status, "note": a.note, "counted": not a.withdrawn}
            for a in rows
        },
    }


def _counted(session: Session, rows: list[Attendance], people: dict[int, int]) -> Counted:
    """Attended, counted rows as (young person, day): what specialist support counts."""
    return Counter(
        (people[a.intervention_id], session.date)
        for a in rows
        if not a.withdrawn and a.status == Attendance.Status.ATTENDED
    )


def _apply_marks(
    by: User, session: Session, rows: dict[int, Attendance], found: dict[int, Intervention], marks
) -> tuple[list[Attendance], list[Attendance]]:
    """The rows the marks change and the rows they add, each checked as recording is."""
    changed, added, seen = [], [], set()
    for mark in marks:
        pk = mark.intervention.pk
        if pk in seen:
            raise Invalid("Each young person can be marked once per session")
        seen.add(pk)
        if mark.status != REMOVED and mark.status not in Attendance.Status.values:
            raise Invalid("Choose attended, did not attend or cancelled for each young person")
        note = mark.note.strip()
        if len(note) > MAX_NOTE:
            raise Invalid(f"Keep each note to {MAX_NOTE} characters or fewer")
        counted, row = mark.status != REMOVED, rows.get(pk)
        if row is None:
            if counted:
                if found[pk].programme_id != session.programme_id:
                    raise Invalid("Everyone in a group session must be in the same programme")
                _may_change(by, found[pk])
                added.append(Attendance(session=session, intervention_id=pk, status=mark.status, note=note))
            continue
        if row.withdrawn != counted and (not counted or (row.status, row.note) == (mark.status, note)):
            continue  # as it already is
        _may_change(by, found[pk])
        if counted:
            row.status, row.note = mark.status, note
        row.withdrawn = not counted
        changed.append(row)
    return changed, added


@transaction.atomic
def session_correct(
    *, by: User, session: Session, correction: Correction, reason: str, expected_version: int
) -> Session:
    reason = _reason(reason)
    with acting_as(by):
        current = _locked(session, expected_version, by)
        rows = {a.intervention_id: a for a in current.attendances.select_for_update()}
        wanted = set(rows) | {m.intervention.pk for m in correction.marks}
        found = Intervention.objects.select_for_update().in_bulk(wanted)
        if len(found) != len(wanted):
            raise Invalid("No such intervention")
        people = {pk: i.young_person_id for pk, i in found.items()}
        was_counted = [a for a in rows.values() if not a.withdrawn]
        before = _snapshot(current, list(rows.values()))
        counted_before = _counted(current, list(rows.values()), people)

        day = current.date if correction.day is None else correction.day
        kind = current.kind if correction.kind is None else correction.kind
        if kind not in Session.Kind.values:
            raise Invalid("Choose whether this was a group or an individual session")
        refuse_future(day)
        if kind != current.kind:
            refuse_group_of_one_to_one(kind=kind, programme=current.programme)
        whole = (day, kind) != (current.date, current.kind)
        if whole:
            for row in was_counted:
                _may_change(by, found[row.intervention_id], whole_session=True)
        changed, added = _apply_marks(by, current, rows, found, correction.marks)
        if not (whole or changed or added):
            raise Invalid("Nothing was changed: change the date, the kind, someone's attendance or a note")
        after_rows = [*rows.values(), *added]
        counted = [a for a in after_rows if not a.withdrawn]
        if not counted:
            raise Invalid(
                "A session needs at least one young person: to take everyone out, withdraw the session"
            )
        if kind == Session.Kind.INDIVIDUAL and len(counted) != 1:
            raise Invalid("An individual session is for one young person")
        if len(counted) > MAX_GROUP:
            raise Invalid(f"A group session records at most {MAX_GROUP} young people")
        refuse_before_start(day, [found[a.intervention_id].start_date for a in counted])

        current.date, current.kind = day, kind
        current.corrected_at = now = timezone.now()
        current.version += 1
        current.save()
        if changed:
            Attendance.objects.bulk_update(changed, ["status", "note", "withdrawn"])
        if added:
            Attendance.objects.bulk_create(added)
        _entry(current, by, now, SessionEntry.Action.CORRECTED, reason, before, after_rows)
        recount_specialist_support(
            programme=current.programme_id, before=counted_before, after=_counted(current, after_rows, people)
        )
    return current


@transaction.atomic
def session_withdraw(*, by: User, session: Session, reason: str, expected_version: int) -> Session:
    """The session was recorded in error (twice, or for a day nobody met): it stays in the
    history and the chronology, marked withdrawn, and counts nowhere."""
    reason = _reason(reason)
    with acting_as(by):
        current = _locked(session, expected_version, by)
        rows = list(current.attendances.select_for_update())
        found = Intervention.objects.select_for_update().in_bulk({a.intervention_id for a in rows})
        for row in rows:
            if not row.withdrawn:
                _may_change(by, found[row.intervention_id], whole_session=True)
        people = {pk: i.young_person_id for pk, i in found.items()}
        before, counted_before = _snapshot(current, rows), _counted(current, rows, people)
        current.withdrawn_at = now = timezone.now()
        current.withdrawn_by = by
        current.withdrawal_reason = reason
        current.version += 1
        current.save()
        current.attendances.filter(withdrawn=False).update(withdrawn=True)
        for row in rows:
            row.withdrawn = True
        _entry(current, by, now, SessionEntry.Action.WITHDRAWN, reason, before, rows)
        recount_specialist_support(programme=current.programme_id, before=counted_before, after=Counter())
    return current


def _entry(
    session: Session, by: User, at: datetime, action: str, reason: str, before: dict, rows: list
) -> SessionEntry:
    return SessionEntry.objects.create(
        session=session,
        action=action,
        by=by,
        at=at,
        reason=reason,
        before=before,
        after=_snapshot(session, rows),
    )
