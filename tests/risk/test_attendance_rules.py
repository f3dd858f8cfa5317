"""Attendance rules raise a flag exactly at the edges of their rates and windows, over
the last school weeks only."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from accounts.roles import Role
from chronology.models import Feed, FeedRun
from risk.models import Flag
from tests.factories import EnrolmentFactory, FeedRunFactory, PersonFactory
from tests.factories.access import school_staff
from tests.risk.conftest import (
    TODAY,
    attendance_weeks,
    compute,
    events_rule,
    flagged,
    make_indicator,
    register_mark,
)

pytestmark = pytest.mark.django_db


def test_attendance_rate_at_the_threshold_and_with_too_few_sessions():
    rule = make_indicator(
        [{"type": "attendance_rate", "params": {"max_percent": 90, "weeks": 6, "min_possible": 20}}]
    )
    at_ninety, above, too_few = (EnrolmentFactory() for _ in range(3))
    attendance_weeks(at_ninety.person, at_ninety.school, [(9, 10)] * 6)
    attendance_weeks(above.person, above.school, [(10, 10)] + [(9, 10)] * 5)
    attendance_weeks(too_few.person, too_few.school, [(0, 10), (0, 9)])

    compute()

    assert flagged(rule) == {at_ninety.person_id}
    weeks = Flag.objects.get(indicator=rule).evidence.all()
    assert len(weeks) == 6
    assert weeks[0].note == "9 of 10 possible sessions attended"


def test_attendance_looks_only_at_the_last_school_weeks():
    rule = make_indicator(
        [{"type": "attendance_rate", "params": {"max_percent": 50, "weeks": 2, "min_possible": 1}}]
    )
    recovered = EnrolmentFactory()
    attendance_weeks(recovered.person, recovered.school, [(10, 10), (10, 10), (0, 10), (0, 10)])

    compute()

    assert flagged(rule) == set()


def test_attendance_rules_over_windows_of_different_lengths_each_judge_their_own():
    fortnight, month = (
        make_indicator(
            [{"type": "attendance_rate", "params": {"max_percent": 50, "weeks": weeks, "min_possible": 20}}],
            code=code,
        )
        for code, weeks in (("tq01", 2), ("tq02", 4))
    )
    lately, earlier, always = (EnrolmentFactory() for _ in range(3))
    attendance_weeks(lately.person, lately.school, [(0, 10), (0, 10), (10, 10), (10, 10)])
    attendance_weeks(earlier.person, earlier.school, [(10, 10), (10, 10), (0, 10), (0, 10)])
    attendance_weeks(always.person, always.school, [(10, 10)] * 4)

    compute()

    assert flagged(fortnight) == {lately.person_id}
    assert flagged(month) == {lately.person_id, earlier.person_id}
    assert Flag.objects.get(indicator=fortnight).evidence.count() == 2
    assert Flag.objects.get(indicator=month, person=earlier.person).evidence.count() == 4


def test_register_codes_in_the_last_weeks():
    rule = make_indicator(
        [{"type": "register_codes", "params": {"codes": ["C2", "K"], "weeks": 2, "min_sessions": 1}}]
    )
    part_time, long_ago = EnrolmentFactory(), EnrolmentFactory()
    run = FeedRunFactory(feed__code=Feed.Code.ATTENDANCE, status=FeedRun.Status.COMPLETED)
    for enrolment, day, code in (
        (part_time, TODAY, "C2"),
        (part_time, TODAY - timedelta(days=7), "/"),
        (long_ago, TODAY - timedelta(days=7), "/"),
        (long_ago, TODAY - timedelta(days=21), "K"),
    ):
        register_mark(
            enrolment.person,
            enrolment.school,
            day,
            run,
            key=f"{enrolment.pk}-{day}",
            code=code,
            meaning="authorised",
            session="PM",
        )

    compute()

    assert flagged(rule) == {part_time.person_id}
    assert Flag.objects.get(indicator=rule).evidence.get().note == "Recorded as C2"


def test_attendance_rules_alone_ask_who_is_young_only_of_the_people_they_hold_for():
    """A run of attendance rules alone asks who is young only of the people under a rate
    or with a register code; the answer is what a run with other rules gives."""
    absence = make_indicator(
        [{"type": "attendance_rate", "params": {"max_percent": 50, "weeks": 2, "min_possible": 1}}]
    )
    part_time = make_indicator(
        [{"type": "register_codes", "params": {"codes": ["C2"], "weeks": 2, "min_sessions": 1}}], code="tq02"
    )
    adult_school = EnrolmentFactory(leaving_date=TODAY - timedelta(days=400)).school
    adult = PersonFactory(date_of_birth=date(1980, 1, 1))
    left_roll = EnrolmentFactory(
        leaving_date=TODAY - timedelta(days=1), person__date_of_birth=date(2010, 1, 1)
    )
    present = EnrolmentFactory()
    for person, school in ((adult, adult_school), (left_roll.person, left_roll.school)):
        attendance_weeks(person, school, [(0, 10), (0, 10)])
        register_mark(
            person,
            school,
            TODAY,
            FeedRun.objects.first(),
            key=f"c2-{person.pk}",
            code="C2",
            meaning="authorised",
            session="PM",
        )
    attendance_weeks(present.person, present.school, [(10, 10), (10, 10)])

    compute(feed_code=Feed.Code.ATTENDANCE)
    assert (flagged(absence), flagged(part_time)) == ({left_roll.person_id}, {left_roll.person_id})

    make_indicator([events_rule(["police_incident"])], code="tq03")
    assert (compute().raised, compute().cleared) == (0, 0)


def test_the_pupils_page_totals_the_weeks_an_attendance_rule_was_judged_on(client):
    """Six weeks of "8 of 10" left the reader to add them up to check the rule's 90%."""
    rule = make_indicator(
        [{"type": "attendance_rate", "params": {"max_percent": 90, "weeks": 6, "min_possible": 20}}]
    )
    pupil = EnrolmentFactory()
    attendance_weeks(pupil.person, pupil.school, [(8, 10), (10, 10), (9, 10), (8, 8), (10, 10), (6, 10)])
    compute()
    flag = Flag.objects.get(indicator=rule)

    client.force_login(school_staff(Role.DSL, pupil.school))
    total = "Over these weeks: 51 of 58 possible sessions attended (87.9%)."
    assert total in client.get(reverse("young_person_detail", args=[pupil.person_id])).content.decode()
    assert total in client.get(reverse("risk:flag_dismiss", args=[flag.pk])).content.decode()
    listed = client.get("/api/v1/flags/").json()["results"]
    (shown,) = [f for row in listed for f in row["trigger_points"] if f["id"] == flag.pk]
    assert shown["attendance_total"] == "51 of 58 possible sessions attended (87.9%)"
