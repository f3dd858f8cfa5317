"""The demo's corrected and withdrawn sessions, made through the same services as the
session pages, so `make demo` shows both on the worker's mentoring intervention: its
page (a "Corrected" and a "Withdrawn" session, each with its history) and the young
person's chronology (the corrected session with what it first said; the withdrawn one
under its own category)."""

from datetime import date, timedelta

from accounts.models import User
from interventions.models import Intervention, Session
from interventions.services.session_corrections import Correction, session_correct, session_withdraw
from interventions.services.sessions import Mark, session_record


def seed_session_corrections(*, worker: User, intervention: Intervention, start: date) -> None:
    """A session marked "did not attend" by mistake and corrected, and the first week's
    session entered a second time and withdrawn."""
    mistaken = session_record(
        by=worker,
        day=start + timedelta(weeks=4),
        kind=Session.Kind.INDIVIDUAL,
        marks=[Mark(intervention, "did_not_attend")],
    )
    session_correct(
        by=worker,
        session=mistaken,
        correction=Correction(
            marks=(Mark(intervention, "attended", "Came late after a dentist's appointment."),)
        ),
        reason="Marked as not attended by mistake: they arrived half an hour late.",
        expected_version=mistaken.version,
    )
    twice = session_record(
        by=worker,
        day=start + timedelta(weeks=1),
        kind=Session.Kind.INDIVIDUAL,
        # Typed in again from the diary, in other words: the same session, word for word,
        # recorded again at once would be the first (interventions.services.sessions).
        marks=[Mark(intervention, "attended", "College options.")],
    )
    session_withdraw(
        by=worker,
        session=twice,
        reason="Recorded twice: the same session was already entered.",
        expected_version=twice.version,
    )
