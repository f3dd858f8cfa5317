"""Outcome measures from crafted feed data, at the edges of their windows: the baseline's
12 school weeks ended before the start and its 6 months end the day before it; the period
since counts the school weeks begun on or after the start day and the events from the
start day to the measuring day, inclusive (tests/interventions/test_outcomes_after_the_start.py
for a start at the weekend)."""

import datetime

import pytest
from django.utils import timezone

from chronology.models import AttendanceWeek, Feed
from interventions import measures
from interventions.models import Measure
from interventions.services.allocation import take_measure
from tests.factories import EventFactory, FeedFactory, PersonFactory
from tests.factories.interventions import allocate, make_referral

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 3, 4)  # a Wednesday; its week starts on Monday 2 March
WEEK = datetime.timedelta(days=7)


def _week(person, monday, attended, absent, not_possible=0):
    AttendanceWeek.objects.create(
        person=person, week=monday, present=attended, unauthorised=absent, not_possible=not_possible
    )


def _event(person, on, category, **details):
    feed = FeedFactory(code=Feed.Code.POLICE_INCIDENTS)
    return EventFactory(person=person, occurred_on=on, category=category, details=details, feed=feed)


def test_baseline_attendance_is_the_last_12_school_weeks_before_the_start_week():
    person = PersonFactory()
    monday = datetime.date(2026, 3, 2)
    _week(person, monday, attended=10, absent=0)  # the start week: not in the baseline
    _week(person, monday - WEEK, attended=0, absent=0, not_possible=10)  # half term: not a school week
    for n in range(2, 14):  # 12 school weeks, 8 of 10 sessions attended each
        _week(person, monday - n * WEEK, attended=8, absent=2)
    _week(person, monday - 14 * WEEK, attended=0, absent=10)  # the 13th school week back: outside

    figures = measures.baseline(person_id=person.pk, start=START)

    assert figures.school_weeks == 12
    assert (figures.sessions_attended, figures.sessions_possible) == (96, 120)
    assert figures.attendance_from == monday - 13 * WEEK
    assert figures.attendance_to == monday - 2 * WEEK + datetime.timedelta(days=4)


def test_since_counts_the_weeks_begun_after_the_start_to_the_measuring_day():
    person = PersonFactory()
    monday = datetime.date(2026, 3, 2)
    _week(person, monday - WEEK, attended=0, absent=10)
    _week(person, monday, attended=10, absent=0)  # the start week: begun before the start
    _week(person, monday + WEEK, attended=9, absent=1)
    _week(person, monday + 2 * WEEK, attended=8, absent=2)
    _week(person, monday + 3 * WEEK, attended=0, absent=10)  # its Friday after the measuring day
    figures = measures.since(
        person_id=person.pk, start=START, on=monday + 3 * WEEK + datetime.timedelta(days=3)
    )
    assert (figures.school_weeks, figures.sessions_attended, figures.sessions_possible) == (2, 17, 20)


def test_event_windows_end_the_day_before_the_start_and_begin_six_months_back():
    person = PersonFactory()
    first = datetime.date(2025, 9, 4)  # six months before 4 March 2026
    _event(person, first, "police_incident", role="suspect", offence_group="anti_social_behaviour")
    _event(
        person, first - datetime.timedelta(days=1), "police_incident", role="suspect", offence_group="theft"
    )
    _event(person, START - datetime.timedelta(days=1), "suspension")
    _event(person, START - datetime.timedelta(days=2), "missing_episode")
    _event(
        person, START - datetime.timedelta(days=3), "police_incident", role="victim", offence_group="robbery"
    )
    _event(person, START, "police_incident", role="arrested", offence_group="anti_social_behaviour")

    before = measures.baseline(person_id=person.pk, start=START)
    after = measures.since(person_id=person.pk, start=START, on=START)

    assert (before.events_from, before.events_to) == (first, START - datetime.timedelta(days=1))
    assert (
        before.police_incidents_as_suspect,
        before.asb_reports,
        before.suspensions,
        before.missing_episodes,
    ) == (
        1,
        1,
        1,
        1,
    )
    assert (after.police_incidents_as_suspect, after.asb_reports, after.suspensions) == (1, 1, 0)


def test_specialist_support_counts_camhs_acceptances_and_attended_specialist_sessions():
    person = PersonFactory()
    _event(person, START + datetime.timedelta(days=3), "health_camhs_accepted")
    figures = measures.since(person_id=person.pk, start=START, on=START + WEEK)
    assert figures.specialist_support == 1
    assert figures.open_trigger_points == 0


def test_the_success_example_is_visible_on_the_intervention_page(client):
    referral = make_referral(status="accepted")
    person = referral.young_person
    start = timezone.localdate() - datetime.timedelta(days=60)
    monday = start - datetime.timedelta(days=start.weekday())
    for n in range(1, 13):
        _week(person, monday - n * WEEK, attended=7, absent=3)
    for n in range(0, 8):
        _week(person, monday + n * WEEK, attended=10, absent=0)
    _event(
        person,
        start - datetime.timedelta(days=20),
        "police_incident",
        role="suspect",
        offence_group="anti_social_behaviour",
    )
    intervention = allocate(referral=referral, start=start, kind="specialist")
    take_measure(intervention=intervention, point=Measure.Point.REVIEW, on=timezone.localdate())
    intervention.specialist_support_received = True
    intervention.save()

    client.force_login(intervention.worker)
    page = client.get(f"/interventions/{intervention.pk}/").content.decode()
    assert "No anti-social-behaviour reports since the start (1 in the 6 months before)" in page
    assert "Attendance up from 70% to 100%" in page
    assert "Specialist support received" in page


def test_a_bad_outcome_is_shown_as_plainly():
    referral = make_referral(status="accepted")
    person = referral.young_person
    start = timezone.localdate() - datetime.timedelta(days=30)
    monday = start - datetime.timedelta(days=start.weekday())
    _week(person, monday - WEEK, attended=9, absent=1)
    _week(person, monday + WEEK, attended=5, absent=5)
    _event(
        person,
        start + datetime.timedelta(days=1),
        "police_incident",
        role="arrested",
        offence_group="anti_social_behaviour",
    )
    intervention = allocate(referral=referral, start=start)
    from interventions.outcomes import outcome_rows

    take_measure(intervention=intervention, point=Measure.Point.REVIEW, on=timezone.localdate())
    said = outcome_rows(intervention, intervention.worker).results
    assert "1 anti-social-behaviour report since the start" in said
    assert "Attendance down from 90% to 50%" in said
    assert not any("No new police incident" in line for line in said)
    assert "1 police incident as suspect or arrested since the start" in said


def test_percentages_side_by_side_are_written_to_one_precision(client):
    referral = make_referral(status="accepted")
    person = referral.young_person
    start = timezone.localdate() - datetime.timedelta(days=30)
    monday = start - datetime.timedelta(days=start.weekday())
    _week(person, monday - WEEK, attended=4, absent=3)
    _week(person, monday + WEEK, attended=10, absent=0)
    intervention = allocate(referral=referral, start=start)
    take_measure(intervention=intervention, point=Measure.Point.REVIEW, on=timezone.localdate())

    client.force_login(intervention.worker)
    page = client.get(f"/interventions/{intervention.pk}/").content.decode()

    assert "Attendance up from 57.1% to 100.0%" in page
    assert "57.1% over 1 school week" in page
    assert "100.0% over 1 school week" in page


def test_a_baseline_shorter_than_twelve_weeks_is_not_said_to_cover_twelve(client):
    """An intervention starting in October has six school weeks of this year's register
    before it: the note under the table must not claim twelve beside "over 1 school
    week"."""
    referral = make_referral(status="accepted")
    person = referral.young_person
    start = timezone.localdate() - datetime.timedelta(days=30)
    monday = start - datetime.timedelta(days=start.weekday())
    _week(person, monday - WEEK, attended=4, absent=3)
    intervention = allocate(referral=referral, start=start)

    client.force_login(intervention.worker)
    page = client.get(f"/interventions/{intervention.pk}/").content.decode()

    assert "57.1% over 1 school week" in page
    assert "The baseline covers the 12 school weeks" not in page
    assert "The baseline covers up to 12 school weeks before the start (each attendance figure says" in page
