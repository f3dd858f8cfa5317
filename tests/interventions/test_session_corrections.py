"""Correcting and withdrawing a recorded session through the services: what a correction
may change and for whom, the history and change-log rows it leaves, optimistic locking,
and the refusals (another worker's young person, a closed intervention, bad values)."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts.models import ChangeLogEntry
from accounts.roles import Role
from interventions.models import Attendance, Session, SessionEntry
from interventions.services.allocation import Closure, intervention_close
from interventions.services.errors import ConcurrentChange, Invalid, InvalidTransition, NotAllowed
from interventions.services.session_corrections import REMOVED, Correction, session_correct, session_withdraw
from interventions.services.sessions import Mark, session_record
from tests.factories.access import user_with_role
from tests.factories.interventions import allocate, record_session

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def _group(worker, n=3):
    interventions = [allocate(worker=worker, kind="group") for _ in range(n)]
    session = session_record(
        by=worker,
        day=TODAY() - DAY,
        kind=Session.Kind.GROUP,
        marks=[Mark(i, "attended") for i in interventions],
    )
    return interventions, session


def _correct(by, session, reason="Wrong date", **correction):
    session.refresh_from_db()
    return session_correct(
        by=by,
        session=session,
        correction=Correction(**correction),
        reason=reason,
        expected_version=session.version,
    )


def test_the_worker_corrects_the_date_attendance_and_note_and_the_original_is_kept():
    intervention = allocate()
    session = record_session(intervention, status="did_not_attend", note="No show")
    recorded_on = session.date

    corrected = _correct(
        intervention.worker,
        session,
        reason="Typed the wrong day; he came",
        day=recorded_on - DAY,
        marks=(Mark(intervention, "attended", "Came late"),),
    )

    attendance = Attendance.objects.get()
    assert (corrected.date, attendance.status, attendance.note) == (
        recorded_on - DAY,
        "attended",
        "Came late",
    )
    assert corrected.version == 2
    assert corrected.corrected_at is not None
    entry = SessionEntry.objects.get()
    assert (entry.action, entry.by, entry.reason) == (
        "corrected",
        intervention.worker,
        "Typed the wrong day; he came",
    )
    key = str(intervention.pk)
    assert entry.before["date"] == recorded_on.isoformat()
    assert entry.before["attendance"][key] == {"status": "did_not_attend", "note": "No show", "counted": True}
    assert entry.after["attendance"][key] == {"status": "attended", "note": "Came late", "counted": True}
    change = ChangeLogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Session), object_pk=str(session.pk), action=1
    )
    assert change.actor == intervention.worker
    assert "date" in change.changes_dict


def test_a_group_correction_takes_out_the_wrong_young_person_and_adds_the_right_one():
    worker = user_with_role(Role.INTERVENTION_WORKER)
    (a, b, c), session = _group(worker)
    d = allocate(worker=worker, kind="group")

    _correct(
        worker, session, reason="Marked Bee instead of Dee", marks=(Mark(b, REMOVED), Mark(d, "attended"))
    )

    rows = {x.intervention_id: x for x in Attendance.objects.filter(session=session)}
    assert rows[b.pk].withdrawn
    assert not rows[d.pk].withdrawn
    assert rows[d.pk].status == "attended"
    assert Attendance.objects.filter(session=session, withdrawn=False).count() == 3
    # Putting a young person back uses the row that was kept.
    _correct(worker, session, reason="Bee was there after all", marks=(Mark(b, "did_not_attend"),))
    rows[b.pk].refresh_from_db()
    assert (rows[b.pk].withdrawn, rows[b.pk].status) == (False, "did_not_attend")
    assert SessionEntry.objects.filter(session=session).count() == 2


def test_withdrawing_keeps_the_session_and_stops_it_counting():
    intervention = allocate()
    session = record_session(intervention)
    session_withdraw(by=intervention.worker, session=session, reason="Recorded twice", expected_version=1)
    session.refresh_from_db()
    assert session.is_withdrawn
    assert session.withdrawn_by == intervention.worker
    assert session.withdrawal_reason == "Recorded twice"
    assert Attendance.objects.get().withdrawn
    assert SessionEntry.objects.get().action == "withdrawn"
    with pytest.raises(InvalidTransition, match="withdrawn"):
        _correct(intervention.worker, session, marks=(Mark(intervention, "cancelled"),))
    with pytest.raises(InvalidTransition):
        session_withdraw(by=intervention.worker, session=session, reason="Again", expected_version=2)


def test_two_people_correcting_at_once_the_second_is_refused():
    intervention = allocate()
    session = record_session(intervention)
    officer = user_with_role(Role.TASKFORCE)
    seen = session.version
    session_correct(
        by=intervention.worker,
        session=session,
        correction=Correction(marks=(Mark(intervention, "cancelled"),)),
        reason="It was cancelled",
        expected_version=seen,
    )
    with pytest.raises(ConcurrentChange, match="Someone else changed this session"):
        session_withdraw(by=officer, session=session, reason="Recorded twice", expected_version=seen)
    assert Attendance.objects.get().status == "cancelled"
    assert not Session.objects.get().is_withdrawn


def test_only_whoever_may_record_for_the_young_person_may_correct():
    intervention = allocate()
    session = record_session(intervention)
    for stranger in (user_with_role(Role.INTERVENTION_WORKER), allocate().worker, user_with_role(Role.DSL)):
        with pytest.raises(NotAllowed):
            _correct(stranger, session, marks=(Mark(intervention, "cancelled"),))
        with pytest.raises(InvalidTransition):
            session_withdraw(by=stranger, session=session, reason="x", expected_version=1)
    _correct(user_with_role(Role.TASKFORCE), session, marks=(Mark(intervention, "cancelled"),))


def test_a_worker_changes_only_their_own_row_of_a_session_shared_with_another_worker():
    """An intervention passed to another worker after a group session: the first worker
    may still correct their own young people, not the date everyone shares."""
    from interventions.services.allocation import intervention_change_worker

    worker = user_with_role(Role.INTERVENTION_WORKER)
    (mine, passed, _), session = _group(worker)
    intervention_change_worker(
        by=user_with_role(Role.TASKFORCE),
        intervention=passed,
        worker=user_with_role(Role.INTERVENTION_WORKER),
        expected_version=passed.version,
    )
    with pytest.raises(InvalidTransition, match="allocated to someone else"):
        _correct(worker, session, day=TODAY() - 2 * DAY)
    with pytest.raises(NotAllowed):
        _correct(worker, session, marks=(Mark(passed, "cancelled"),))
    _correct(worker, session, marks=(Mark(mine, "did_not_attend"),))
    assert Attendance.objects.get(intervention=mine).status == "did_not_attend"


def test_a_closed_interventions_sessions_are_refused():
    """Its closure measures were taken from them: the closing record stays as it was."""
    officer = user_with_role(Role.TASKFORCE)
    worker = user_with_role(Role.INTERVENTION_WORKER)
    (closing, still_open, _), session = _group(worker)
    intervention_close(
        by=officer,
        intervention=closing,
        closure=Closure(closed_on=TODAY(), reason="completed", outcome_summary="Done"),
        expected_version=closing.version,
    )
    with pytest.raises(InvalidTransition, match="closed intervention"):
        _correct(officer, session, marks=(Mark(closing, "cancelled"),))
    with pytest.raises(InvalidTransition, match="closed intervention"):
        _correct(officer, session, day=TODAY() - 2 * DAY)
    with pytest.raises(InvalidTransition, match="closed intervention"):
        session_withdraw(by=officer, session=session, reason="x", expected_version=1)
    _correct(worker, session, marks=(Mark(still_open, "cancelled"),))


@pytest.mark.parametrize(
    ("correction", "reason", "message"),
    [
        ({"days_from_today": 1}, "x", "before it happens"),
        ({"days_from_today": -400}, "x", "before the intervention started"),
        ({"kind": "party"}, "x", "group or an individual"),
        ({}, "x", "Nothing was changed"),
        ({"days_from_today": -2}, "   ", "Enter why"),
        ({"days_from_today": -2}, "x" * 501, "500 characters"),
    ],
)
def test_impossible_corrections_are_refused(correction, reason, message):
    """Days are counted from today when the test runs, not when it was collected."""
    intervention = allocate()
    session = record_session(intervention)
    correction = dict(correction)
    if "days_from_today" in correction:
        correction["day"] = TODAY() + correction.pop("days_from_today") * DAY
    with pytest.raises(Invalid, match=message):
        _correct(intervention.worker, session, reason=reason, **correction)
    assert Session.objects.get().version == 1
    assert not SessionEntry.objects.exists()


def test_marks_that_cannot_be_are_refused():
    worker = user_with_role(Role.TASKFORCE)
    (a, b, _), session = _group(worker)
    one_to_one = allocate(worker=worker)
    cases = [
        ((Mark(a, "maybe"),), {}, "attended, did not attend or cancelled"),
        ((Mark(a, "attended", "x" * 501),), {}, "500 characters"),
        ((Mark(a, "attended"), Mark(a, "cancelled")), {}, "once per session"),
        ((Mark(one_to_one, "attended"),), {}, "same programme"),
        ((), {"kind": Session.Kind.INDIVIDUAL}, "one young person"),
    ]
    for marks, extra, message in cases:
        with pytest.raises(Invalid, match=message):
            _correct(worker, session, marks=marks, **extra)
    with pytest.raises(Invalid, match="withdraw the session"):
        _correct(
            worker, session, marks=tuple(Mark(x.intervention, REMOVED) for x in session.attendances.all())
        )
