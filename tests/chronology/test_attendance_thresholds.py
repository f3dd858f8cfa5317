"""Weekly counts, the school year to date and the marked event when a pupil crosses a
DfE absence threshold (FEEDS.md 3.2)."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from chronology.importing.attendance_thresholds import threshold_summary
from chronology.models import AttendanceWeek, Event, YearToDate
from tests.chronology.conftest import UPN1
from tests.factories import EnrolmentFactory, PersonFactory
from tests.factories.access import school_staff

HEADER = "source_record_id,urn,upn,date,session,code\n"
TERM_STARTS = date(2025, 9, 8)


@pytest.fixture
def ada(school):
    return PersonFactory(upn=UPN1, forename="Ada", surname="Lovelace", date_of_birth="2012-03-04")


def register(first_week: int, weeks: int, *, absent: int = 0, code: str = "O") -> str:
    """`weeks` school weeks from `first_week` of term, present except for the first
    `absent` sessions. Ids are stable, so re-sending a week updates its marks."""
    rows, missed = [], 0
    for week in range(first_week, first_week + weeks):
        for weekday in range(5):
            day = TERM_STARTS + timedelta(weeks=week, days=weekday)
            for session in ("AM", "PM"):
                mark = code if missed < absent else ("/" if session == "AM" else "\\")
                missed += mark == code
                rows.append(f"A-{day:%Y%m%d}{session},100001,{UPN1},{day},{session},{mark}")
    return HEADER + "\n".join(rows) + "\n"


def thresholds(person):
    return list(
        Event.objects.filter(person=person, category="attendance_threshold")
        .order_by("occurred_on", "id")
        .values_list("summary", "details__band")
    )


def test_weeks_are_counted_per_meaning(ada, run_import):
    run_import("attendance", register(0, 2, absent=3, code="I"))
    weeks = AttendanceWeek.objects.filter(person=ada).order_by("week")
    assert [(w.week, w.present, w.authorised) for w in weeks] == [
        (TERM_STARTS, 7, 3),
        (TERM_STARTS + timedelta(weeks=1), 10, 0),
    ]


def test_crossing_ten_percent_is_marked_once(ada, run_import):
    run_import("attendance", register(0, 2, absent=3))
    assert thresholds(ada) == [
        (
            "Became persistently absent: missed 15% of possible sessions this school year "
            "(3 of 20, 3 unauthorised) up to the week of 15 Sep 2025",
            "persistent",
        )
    ]
    event = Event.objects.get(category="attendance_threshold")
    assert (event.occurred_on, event.sensitivity) == (date(2025, 9, 19), "education")
    run_import("attendance", register(0, 2, absent=3))
    run_import("attendance", register(2, 1))
    assert len(thresholds(ada)) == 1, "still persistently absent (3 of 30): nothing new to say"


def test_falling_back_below_and_rising_to_severe_are_marked(ada, run_import):
    run_import("attendance", register(0, 2, absent=3))
    run_import("attendance", register(2, 2))
    assert thresholds(ada)[-1] == (
        "No longer persistently absent: missed 8% of possible sessions this school year "
        "(3 of 40, 3 unauthorised) up to the week of 29 Sep 2025",
        "none",
    )
    run_import("attendance", register(0, 4, absent=24))
    assert [band for _, band in thresholds(ada)] == ["persistent", "none", "severe"]
    assert thresholds(ada)[-1][0].startswith("Became severely absent: missed 60% ")


def test_exactly_ten_and_fifty_percent_reach_their_bands(ada, run_import):
    run_import("attendance", register(0, 2, absent=2))
    assert [band for _, band in thresholds(ada)] == ["persistent"], "2 of 20 is 10%"
    run_import("attendance", register(0, 2, absent=10))
    assert [band for _, band in thresholds(ada)] == ["persistent", "severe"], "10 of 20 is 50%"


def test_a_good_attender_and_a_short_record_get_no_threshold_event(ada, run_import):
    run_import("attendance", register(0, 1, absent=3))
    assert thresholds(ada) == [], "ten sessions are too few to judge"
    run_import("attendance", register(1, 3))
    assert thresholds(ada) == [], "3 of 40 missed is under 10%, and was never over it"


def test_school_years_are_judged_separately(ada, run_import):
    weekdays = [date(2025, 6, 2) + timedelta(days=d) for d in (0, 1, 2, 3, 4, 7, 8, 9, 10, 11)]
    last_year = HEADER + "".join(
        f"L{n},100001,{UPN1},{weekdays[n // 2]},{'AM' if n % 2 == 0 else 'PM'},O\n" for n in range(20)
    )
    run_import("attendance", last_year)
    run_import("attendance", register(0, 2))
    assert thresholds(ada) == [
        (
            "Became severely absent: missed 100% of possible sessions this school year "
            "(20 of 20, 20 unauthorised) up to the week of 9 Jun 2025",
            "severe",
        )
    ], "a fresh year with full attendance is not news"


def test_the_young_person_page_shows_this_years_attendance(school, run_import, password, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: date(2025, 10, 1))
    pupil = EnrolmentFactory(school=school, person__upn=UPN1).person
    run_import("attendance", register(0, 2, absent=3))
    head = school_staff(Role.HEAD_TEACHER, school)
    client = Client()
    client.login(email=head.email, password=password)
    response = client.get(reverse("young_person_detail", args=[pupil.pk]))
    body = response.content.decode()
    assert "Attendance this school year" in body
    assert "85%: attended 17 of 20 possible sessions, 3 unauthorised absences" in body
    assert "Persistently absent</strong>" in body
    assert "Became persistently absent" in body
    assert "judged from 20 possible sessions on" not in body


def test_the_page_says_when_too_few_sessions_are_recorded_to_judge(school, run_import, password, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: date(2025, 10, 1))
    pupil = EnrolmentFactory(school=school, person__upn=UPN1).person
    run_import("attendance", register(0, 1, absent=6))
    head = school_staff(Role.HEAD_TEACHER, school)
    client = Client()
    client.login(email=head.email, password=password)
    body = client.get(reverse("young_person_detail", args=[pupil.pk])).content.decode()
    assert "40%: attended 4 of 10 possible sessions, 6 unauthorised absences" in body
    assert "judged from 20 possible sessions on" in body
    assert "Persistently absent</strong>" not in body


def test_the_set_based_recount_writes_what_the_orm_recount_writes(ada, run_import):
    """PostgreSQL recounts in SQL, the SQLite demo through the ORM: from the same marks
    both write the same weekly counts and threshold events."""
    from chronology.importing import attendance_weeks_sql
    from chronology.importing.attendance_weeks import refresh_weeks_by_orm, week_summary
    from chronology.models import Feed

    run_import("attendance", register(0, 3, absent=5, code="I") + register(3, 1, absent=3).split("\n", 1)[1])
    mixed = HEADER + "".join(
        f"M{n},100001,{UPN1},{TERM_STARTS + timedelta(weeks=4, days=n // 2)},{'AM' if n % 2 == 0 else 'PM'},"
        f"{code}\n"
        for n, code in enumerate(["/", "L", "B", "C1", "G", "Y1", "#", "N", "Z", "#"])
    )
    run = run_import("attendance", mixed)
    feed = Feed.objects.get(code="attendance")
    weeks = {ada.pk: {TERM_STARTS + timedelta(weeks=n) for n in range(6)}}

    def recounted(refresh):
        AttendanceWeek.objects.all().delete()
        Event.objects.all().delete()
        refresh(feed=feed, run=run, weeks_by_person=weeks)
        counts = list(AttendanceWeek.objects.order_by("week").values_list(*COUNTS))
        events = list(
            Event.objects.order_by("category", "occurred_on").values_list("category", "summary", "details")
        )
        return counts, events

    by_sql = recounted(attendance_weeks_sql.refresh_weeks)
    assert recounted(refresh_weeks_by_orm) == by_sql
    [(_, summary, _)] = by_sql[1]
    assert summary.startswith("Became persistently absent: missed 24% of possible sessions")
    week = AttendanceWeek.objects.get(week=date(2025, 10, 6))
    assert week_summary(week) == (
        "Week of 6 Oct 2025: attended 3 of 6 possible sessions (50%); 3 absent, 2 unauthorised"
    )


COUNTS = ("week", "present", "attending", "authorised", "unauthorised", "not_possible", "administrative")


def test_counts_kept_by_deltas_match_a_recount_after_changes_and_moves(ada, run_import):
    """Imports add each change to the stored weekly counts instead of recounting; after
    new, changed and moved marks (same source_record_id, another week) they still equal
    a recount from the marks."""
    from chronology.importing import attendance_weeks_sql
    from chronology.models import Feed

    run = run_import("attendance", register(0, 2, absent=4, code="I"))
    moved = HEADER + (
        f"A-20250908AM,100001,{UPN1},2025-09-22,AM,N\n"  # first mark moves to week 3, now unauthorised
        f"A-20250908PM,100001,{UPN1},2025-09-08,PM,/\n"  # authorised -> present
        f"A-20250915AM,100001,{UPN1},2025-09-15,AM,B\n"  # present -> attending
        f"NEW-1,100001,{UPN1},2025-09-23,AM,#\n"
    )
    assert run_import("attendance", moved).rows_imported == 4
    stored = list(AttendanceWeek.objects.order_by("week").values_list(*COUNTS))
    weeks = {ada.pk: {TERM_STARTS + timedelta(weeks=n) for n in range(3)}}
    attendance_weeks_sql.refresh_weeks(
        feed=Feed.objects.get(code="attendance"), run=run, weeks_by_person=weeks
    )
    assert list(AttendanceWeek.objects.order_by("week").values_list(*COUNTS)) == stored
    assert stored == [
        (date(2025, 9, 8), 7, 0, 2, 0, 0, 0),
        (date(2025, 9, 15), 9, 1, 0, 0, 0, 0),
        (date(2025, 9, 22), 0, 0, 0, 1, 0, 1),
    ]


def test_a_week_both_upserted_and_given_for_recount_is_counted_once(ada, run_import):
    """An import's deltas and a relink (marks moved without an upsert) in the same week,
    refreshed together: the week is recounted from the marks, not counted twice."""
    from chronology.importing import attendance_weeks_sql
    from chronology.importing.attendance import mark_tuple, upsert_marks
    from chronology.models import AttendanceMark, Feed
    from schools.models import School

    run = run_import("attendance", register(0, 1))
    school = School.objects.get(urn="100001")
    AttendanceMark.objects.filter(source_record_id="A-20250908AM").update(person=None)
    values = {
        "source_record_id": "EXTRA",
        "upn": UPN1,
        "date": date(2025, 9, 9),
        "session": "AM",
        "code": "N",
    }
    AttendanceMark.objects.filter(source_record_id="A-20250909AM").delete()
    upsert_marks([mark_tuple(values, ada.pk, school.pk, run.pk)])
    AttendanceMark.objects.filter(source_record_id="A-20250908AM").update(person=ada)

    attendance_weeks_sql.refresh_weeks(
        feed=Feed.objects.get(code="attendance"), run=run, weeks_by_person={ada.pk: {TERM_STARTS}}
    )

    week = AttendanceWeek.objects.get()
    assert (week.present, week.unauthorised) == (9, 1)


@pytest.mark.parametrize(
    ("absent", "possible", "shown"),
    [(10, 104, "9.6"), (19, 200, "9.5"), (103, 208, "49.5"), (2, 20, "10"), (11, 104, "11"), (51, 104, "49")],
)
def test_a_share_below_a_threshold_never_reads_as_reaching_it(absent, possible, shown):
    """A pupil who had missed 9.6% read "No longer persistently absent: missed 10%"."""
    ytd = YearToDate(
        year_start=date(2025, 9, 1), attended=possible - absent, possible=possible, unauthorised=0,
        last_week=date(2025, 11, 3),
    )  # fmt: skip
    summary = threshold_summary(ytd, band=ytd.band, before=None)
    assert f"missed {shown}% of possible sessions" in summary
