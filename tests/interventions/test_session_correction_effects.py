"""What is built on sessions after a correction or a withdrawal: the young person's
chronology says so (never silently rewritten), the outcome measures and the scorecards
stop counting a withdrawn specialist session, and the API lists only what counts."""

import datetime

import pytest
from django.utils import timezone

from chronology.timeline import timeline_for
from interventions.models import Measure, Programme
from interventions.scorecards import CITY, scorecards
from interventions.services.allocation import Closure, intervention_close, take_measure
from interventions.services.session_corrections import Correction, session_correct, session_withdraw
from interventions.services.sessions import Mark
from tests.api.conftest import client_for
from tests.factories.interventions import allocate, record_session

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _sessions_in_chronology(user, person):
    timeline = timeline_for(user, person)
    return [e for e in timeline.hydrate(timeline.entries) if e.category.startswith("intervention_session")]


def test_the_chronology_shows_a_corrected_and_a_withdrawn_session_as_such():
    intervention = allocate()
    corrected = record_session(intervention, status="did_not_attend")
    withdrawn = record_session(intervention)
    session_correct(
        by=intervention.worker,
        session=corrected,
        correction=Correction(
            day=TODAY() - datetime.timedelta(days=3), marks=(Mark(intervention, "attended"),)
        ),
        reason="Wrong day",
        expected_version=1,
    )
    session_withdraw(by=intervention.worker, session=withdrawn, reason="Recorded twice", expected_version=1)

    rows = {
        e.category: e.summary for e in _sessions_in_chronology(intervention.worker, intervention.young_person)
    }
    assert set(rows) == {"intervention_session", "intervention_session_withdrawn"}
    first_day = f"{TODAY():%-d %b %Y}"
    assert rows["intervention_session"].startswith("One-to-one")
    assert (
        f"corrected on {first_day}; first recorded as {first_day}, did not attend"
        in rows["intervention_session"]
    )
    assert "withdrawn on" in rows["intervention_session_withdrawn"]
    assert "Recorded twice" not in rows["intervention_session_withdrawn"]  # the reason may name others


def test_a_withdrawn_specialist_session_leaves_the_measures_and_the_scorecard():
    start = TODAY() - datetime.timedelta(days=30)
    intervention = allocate(kind=Programme.Kind.SPECIALIST, start=start)
    session = record_session(intervention)
    # A review measure taken while the session still counted.
    review = take_measure(intervention=intervention, point=Measure.Point.REVIEW, on=TODAY())
    assert review.specialist_support == 1

    session_withdraw(by=intervention.worker, session=session, reason="Recorded in error", expected_version=1)
    review.refresh_from_db()
    assert review.specialist_support == 0

    intervention.refresh_from_db()
    intervention_close(
        by=intervention.worker,
        intervention=intervention,
        closure=Closure(closed_on=TODAY(), reason="completed", outcome_summary="Done"),
        expected_version=intervention.version,
    )
    closure = Measure.objects.get(intervention=intervention, point=Measure.Point.CLOSURE)
    assert closure.specialist_support == 0
    (city,) = scorecards(CITY)
    assert (city.specialist_support.count, city.specialist_support.of) == (0, 1)


def test_a_corrected_attendance_is_counted_again_in_the_measures_taken_before():
    start = TODAY() - datetime.timedelta(days=30)
    intervention = allocate(kind=Programme.Kind.SPECIALIST, start=start)
    session = record_session(intervention)
    baseline = Measure.objects.get(intervention=intervention, point=Measure.Point.BASELINE)
    review = take_measure(intervention=intervention, point=Measure.Point.REVIEW, on=TODAY())
    session_correct(
        by=intervention.worker,
        session=session,
        correction=Correction(marks=(Mark(intervention, "did_not_attend"),)),
        reason="He did not come",
        expected_version=1,
    )
    review.refresh_from_db()
    baseline.refresh_from_db()
    assert (review.specialist_support, baseline.specialist_support) == (0, 0)


def test_the_api_lists_only_sessions_that_count_and_withdrawn_ones_apart():
    intervention = allocate()
    kept, withdrawn = record_session(intervention), record_session(intervention, note="Entered again")
    session_withdraw(by=intervention.worker, session=withdrawn, reason="Recorded twice", expected_version=1)
    got = client_for(intervention.worker).get(f"/api/v1/interventions/{intervention.pk}/").json()
    assert [s["session"] for s in got["sessions"]] == [kept.pk]
    assert [s["session"] for s in got["withdrawn_sessions"]] == [withdrawn.pk]
