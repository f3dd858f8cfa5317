"""Gap markers: term-time weeks on roll without register data, and overdue feeds, so
that the absence of evidence is not read as evidence of absence."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from chronology.models import AttendanceMark, AttendanceWeek, Feed, FeedRun, Sensitivity
from chronology.timeline import TimelineFilter, timeline_for
from tests.factories import EnrolmentFactory, FeedFactory, FeedRunFactory
from tests.factories.access import school_staff

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def pupil_and_dsl():
    enrolment = EnrolmentFactory(entry_date=D(2025, 9, 1))
    return enrolment.person, school_staff(Role.DSL, enrolment.school)


def _attendance_imported(on: datetime.datetime, cadence_days: int = 7) -> Feed:
    feed = FeedFactory(
        code=Feed.Code.ATTENDANCE, default_sensitivity=Sensitivity.EDUCATION, cadence_days=cadence_days
    )
    run = FeedRunFactory(feed=feed, status=FeedRun.Status.COMPLETED)
    FeedRun.objects.filter(pk=run.pk).update(finished_at=on)
    return feed


def _weeks(person, mondays):
    AttendanceWeek.objects.bulk_create(AttendanceWeek(person=person, week=m, present=10) for m in mondays)


def _gaps(user, person, filters=None, *, kind="register"):
    return [e for e in timeline_for(user, person, filters).entries if e.key.startswith(f"gap:{kind}:")]


def test_four_term_time_weeks_without_register_data_are_marked(pupil_and_dsl):
    pupil, dsl = pupil_and_dsl
    _attendance_imported(timezone.make_aware(datetime.datetime(2025, 12, 20)))
    autumn = [D(2025, 9, 1) + datetime.timedelta(weeks=n) for n in range(16)]
    missing = set(autumn[5:9])
    _weeks(pupil, [m for m in autumn if m not in missing])
    gaps = _gaps(dsl, pupil)
    assert [(g.occurred_on, g.category_label) for g in gaps] == [(D(2025, 10, 6), "No data received")]
    assert "4 term-time weeks" in gaps[0].summary
    assert gaps[0].person_id is None


def test_two_missing_weeks_are_a_holiday_not_a_gap(pupil_and_dsl):
    pupil, dsl = pupil_and_dsl
    _attendance_imported(timezone.make_aware(datetime.datetime(2025, 12, 20)))
    autumn = [D(2025, 9, 1) + datetime.timedelta(weeks=n) for n in range(16)]
    _weeks(pupil, autumn[:7] + autumn[9:])
    assert _gaps(dsl, pupil) == []


def test_gap_markers_stay_whatever_the_category_or_search_and_follow_the_dates(pupil_and_dsl):
    pupil, dsl = pupil_and_dsl
    _attendance_imported(timezone.make_aware(datetime.datetime(2025, 12, 20)))
    narrowed = TimelineFilter(categories=frozenset({"suspension"}), q="zzz", end=D(2025, 12, 31))
    assert len(_gaps(dsl, pupil, narrowed)) == 1
    assert _gaps(dsl, pupil, TimelineFilter(start=D(2025, 12, 1), end=D(2025, 12, 31))) == []


def test_an_overdue_feed_is_marked(pupil_and_dsl):
    pupil, dsl = pupil_and_dsl
    last = timezone.now() - datetime.timedelta(days=40)
    FeedRun.objects.filter(
        pk=FeedRunFactory(feed=FeedFactory(code=Feed.Code.YOUTH_JUSTICE, cadence_days=7)).pk
    ).update(finished_at=last)
    [gap] = _gaps(dsl, pupil, kind="overdue")
    assert gap.occurred_on == timezone.localtime(last).date()
    assert "overdue" in gap.summary


def test_an_overdue_feed_is_marked_on_the_local_day_of_its_last_import(pupil_and_dsl):
    pupil, dsl = pupil_and_dsl
    run = FeedRunFactory(feed=FeedFactory(code=Feed.Code.YOUTH_JUSTICE, cadence_days=7))
    last = datetime.datetime(2025, 5, 31, 23, 30, tzinfo=datetime.UTC)
    FeedRun.objects.filter(pk=run.pk).update(finished_at=last)
    [gap] = _gaps(dsl, pupil, kind="overdue")
    assert gap.occurred_on == D(2025, 6, 1)
    assert "since 1 Jun 2025" in gap.summary


def test_the_enrolments_are_read_once_for_school_moves_and_gaps(pupil_and_dsl):
    """Once a completed attendance import exists the gap markers need the enrolments
    too; they use the read the school moves made (the bench city's chronology read
    them twice)."""
    pupil, dsl = pupil_and_dsl
    _attendance_imported(timezone.make_aware(datetime.datetime(2025, 12, 20)))
    with CaptureQueriesContext(connection) as captured:
        timeline = timeline_for(dsl, pupil)
    this_pupils = f'"schools_enrolment"."person_id" = {pupil.pk}'
    assert len([q for q in captured.captured_queries if this_pupils in q["sql"]]) == 1
    assert [e.category for e in timeline.entries if e.category == "school_start"] == ["school_start"]
    assert _gaps(dsl, pupil)


def _first_mark_held(on: datetime.date, feed: Feed) -> None:
    """Some pupil's register mark: the first day of register data the portal holds."""
    other = EnrolmentFactory()
    AttendanceMark.objects.create(
        source_record_id="first-held",
        person=other.person,
        school=other.school,
        upn=other.person.upn or "A123456789012",
        date=on,
        session="AM",
        code="/",
        meaning="present",
        feed_run=FeedRun.objects.filter(feed=feed).first(),
    )


def test_no_gap_is_marked_before_the_first_register_data_the_portal_holds(pupil_and_dsl):
    """Enrolled since September, but the feed's history (or what retention left of it)
    starts in November: September and October are not a missing register."""
    pupil, dsl = pupil_and_dsl
    feed = _attendance_imported(timezone.make_aware(datetime.datetime(2025, 12, 20)))
    _first_mark_held(D(2025, 11, 3), feed)
    november = [D(2025, 11, 3) + datetime.timedelta(weeks=n) for n in range(7)]
    _weeks(pupil, november)
    assert _gaps(dsl, pupil) == []


def test_a_gap_after_the_first_register_data_held_is_still_marked(pupil_and_dsl):
    pupil, dsl = pupil_and_dsl
    feed = _attendance_imported(timezone.make_aware(datetime.datetime(2025, 12, 20)))
    _first_mark_held(D(2025, 10, 6), feed)
    _weeks(pupil, [D(2025, 11, 10) + datetime.timedelta(weeks=n) for n in range(6)])
    [gap] = _gaps(dsl, pupil)
    assert gap.occurred_on == D(2025, 10, 6)
    assert "5 term-time weeks" in gap.summary
