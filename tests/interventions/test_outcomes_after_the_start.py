"""The period since the start counts only school weeks (Monday to Friday) that begin on
or after the start day and whose Friday has come by the measuring day; the baseline only
weeks that ended before it. A reviewer allocated mentoring on a Sunday and closed it the
same day: the page compared the baseline with the week before the start ("Attendance
down from 58.7% to 40.0%", "40.0% over 1 school week", police incidents "−1" for one
day) and the scorecards counted it as "attendance improved 0% (0 of 1)"."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from chronology.models import AttendanceWeek, Feed
from interventions import measures
from interventions.models import Measure
from interventions.scorecards import PROGRAMME, scorecards
from interventions.services.allocation import Closure, intervention_close, take_measure
from interventions.services.reviews import intervention_review
from tests.api.conftest import client_for
from tests.csv_download import csv_dicts
from tests.factories import EventFactory, FeedFactory, PersonFactory
from tests.factories.access import user_with_role
from tests.factories.interventions import allocate, make_referral
from tests.page_text import page_text

pytestmark = pytest.mark.django_db

WEEK = datetime.timedelta(days=7)
SUNDAY = datetime.date(2026, 12, 6)
"""The reviewer's start: the week of Monday 30 November ended before it."""


def _week(person, monday, attended, possible=10):
    AttendanceWeek.objects.create(
        person=person, week=monday, present=attended, unauthorised=possible - attended
    )


def _close_on_the_start_day(intervention):
    return intervention_close(
        by=intervention.worker,
        intervention=intervention,
        closure=Closure(
            closed_on=intervention.start_date,
            reason="completed",
            outcome_summary="Moved on",
            specialist_support_received=None,
        ),
        expected_version=intervention.version,
    )


def _started_today_with_weeks_before():
    """Started today, with a school week of 40% begun before today (this week, or last
    week's when today is a Monday) and better weeks before it, and a police incident as
    suspect in the 6 months before."""
    referral = make_referral(status="accepted")
    person = referral.young_person
    today = timezone.localdate()
    latest = today - datetime.timedelta(days=today.weekday() or 7)
    _week(person, latest, attended=4)
    for n in range(1, 4):
        _week(person, latest - n * WEEK, attended=6)
    feed = FeedFactory(code=Feed.Code.POLICE_INCIDENTS)
    EventFactory(
        person=person,
        feed=feed,
        occurred_on=today - datetime.timedelta(days=20),
        category="police_incident",
        details={"role": "suspect", "offence_group": "theft"},
    )
    return allocate(referral=referral, start=today)


def test_closed_on_the_start_day_it_is_not_measured_and_no_week_before_counts(officer):
    intervention = _started_today_with_weeks_before()
    _close_on_the_start_day(intervention)
    today = timezone.localdate()
    first_friday = today + datetime.timedelta(days=(7 - today.weekday()) % 7 + 4)

    text = page_text(officer.get(reverse("interventions:detail", args=[intervention.pk])))

    assert (
        f"Not measured: the intervention closed on {today:%-d %b %Y}, before a whole school week "
        f"had passed since its start (the first would have ended on {first_friday:%-d %b %Y}), "
        "so there is nothing to set beside the baseline."
    ) in text
    assert "40% over" not in text
    assert "Attendance down" not in text
    assert "−1" not in text
    assert "No new police incident" not in text
    assert "No whole school week since the start" in text


def test_an_open_one_reviewed_too_soon_says_when_it_can_be_measured(officer):
    intervention = _started_today_with_weeks_before()
    today = timezone.localdate()
    first_friday = today + datetime.timedelta(days=(7 - today.weekday()) % 7 + 4)
    intervention_review(
        by=intervention.worker,
        intervention=intervention,
        note="Met once.",
        next_review_date=intervention.review_date + WEEK,
        expected_version=intervention.version,
    )
    intervention.refresh_from_db()

    text = page_text(officer.get(reverse("interventions:detail", args=[intervention.pk])))

    assert (
        "Not measured since the start yet: no whole school week since the start has passed. The "
        f"first ends on {first_friday:%-d %b %Y}; from then the portal measures the period since "
        "the start on the review date, or when a review is recorded or the intervention closed."
    ) in text
    assert "Attendance down" not in text
    assert "Met once." in text


def test_the_first_day_it_can_be_measured_is_the_friday_of_the_first_week_after_the_start():
    start = SUNDAY
    after = measures.since(person_id=PersonFactory().pk, start=start, on=start)
    assert after.too_soon
    assert measures.first_measurable(start) == datetime.date(2026, 12, 11)
    assert measures.first_measurable(datetime.date(2026, 12, 7)) == datetime.date(2026, 12, 11)
    assert measures.first_measurable(datetime.date(2026, 12, 8)) == datetime.date(2026, 12, 18)


def test_a_week_counts_since_the_start_only_if_it_begins_on_or_after_the_start_day():
    person = PersonFactory()
    _week(person, SUNDAY - 6 * datetime.timedelta(days=1), attended=4)  # 30 Nov: before
    _week(person, SUNDAY + datetime.timedelta(days=1), attended=9)  # 7 Dec: after
    _week(person, SUNDAY + datetime.timedelta(days=8), attended=2)  # 14 Dec: Friday not yet come

    on_friday = measures.since(person_id=person.pk, start=SUNDAY, on=datetime.date(2026, 12, 11))
    on_thursday = measures.since(person_id=person.pk, start=SUNDAY, on=datetime.date(2026, 12, 10))
    from_tuesday = measures.since(
        person_id=person.pk, start=datetime.date(2026, 12, 8), on=datetime.date(2026, 12, 17)
    )

    assert (on_friday.school_weeks, on_friday.sessions_attended) == (1, 9)
    assert (on_thursday.school_weeks, from_tuesday.school_weeks) == (0, 0)
    assert (on_friday.too_soon, on_thursday.too_soon, from_tuesday.too_soon) == (False, True, True)


def test_the_baseline_counts_the_week_that_ended_before_a_weekend_start():
    person = PersonFactory()
    _week(person, SUNDAY - datetime.timedelta(days=6), attended=4)  # Mon 30 Nov to Fri 4 Dec
    _week(person, SUNDAY - datetime.timedelta(days=13), attended=8)

    before_sunday = measures.baseline(person_id=person.pk, start=SUNDAY)
    before_friday = measures.baseline(person_id=person.pk, start=datetime.date(2026, 12, 4))

    assert (before_sunday.school_weeks, before_sunday.sessions_attended) == (2, 12)
    assert before_sunday.attendance_to == datetime.date(2026, 12, 4)
    assert (before_friday.school_weeks, before_friday.sessions_attended) == (1, 8)


def test_the_scorecards_leave_out_an_outcome_not_measured(officer):
    _close_on_the_start_day(_started_today_with_weeks_before())

    (mentoring,) = scorecards(PROGRAMME)

    assert mentoring.closed == 1
    assert [(s.count, s.of) for s in mentoring.outcome_shares] == [(0, 0), (0, 0), (0, 0)]
    page = page_text(officer.get(reverse("interventions:scorecards") + "?by=programme"))
    assert "0 of 1" not in page


def test_the_analysts_export_leaves_the_closure_figures_empty_when_not_measured(officer):
    _close_on_the_start_day(_started_today_with_weeks_before())

    (row,) = csv_dicts(officer.get(reverse("interventions:analysts_csv")))

    assert row["baseline_attendance_percent"] != ""
    assert (row["closure_attendance_percent"], row["closure_police_incidents_as_suspect"]) == ("", "")


def test_the_api_says_which_measure_was_too_soon():
    intervention = _started_today_with_weeks_before()
    _close_on_the_start_day(intervention)

    answer = client_for(user_with_role(Role.TASKFORCE)).get(f"/api/v1/interventions/{intervention.pk}/")

    assert [(m["point"], m["too_soon"]) for m in answer.json()["measures"]] == [
        ("baseline", False),
        ("closure", True),
    ]


def test_measures_taken_before_are_marked_and_their_attendance_counted_again():
    """As the old window took them: the reviewer's closure counted the week begun before
    the start (4 of 10 sessions)."""
    intervention = _started_today_with_weeks_before()
    closure = _close_on_the_start_day(intervention).measures.get(point="closure")
    Measure.objects.filter(pk=closure.pk).update(
        too_soon=False, school_weeks=1, sessions_attended=4, sessions_possible=10
    )

    importlib.import_module("interventions.migrations.0008_measure_too_soon").retake_since_the_start(
        apps, None
    )

    closure.refresh_from_db()
    assert (closure.too_soon, closure.school_weeks, closure.sessions_possible) == (True, 0, 0)
    assert not intervention.measures.get(point="baseline").too_soon


def test_measured_too_soon_and_that_friday_past_it_says_when_it_is_measured_again(officer):
    start = timezone.localdate() - datetime.timedelta(days=11)
    intervention = allocate(start=start)
    take_measure(intervention=intervention, point=Measure.Point.REVIEW, on=start)
    first_friday = measures.first_measurable(start)

    text = page_text(officer.get(reverse("interventions:detail", args=[intervention.pk])))

    assert (
        "Not measured since the start yet: it was last measured before the first whole school week "
        f"since the start ended, on {first_friday:%-d %b %Y}. The portal measures it again on the "
        f"review date, {intervention.review_date:%-d %b %Y}, or when a review is recorded or the "
        "intervention closed."
    ) in text
