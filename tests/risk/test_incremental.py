"""The recomputation queued when an import commits gives the same flags as a full run."""

from datetime import date, timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.utils import timezone

from chronology.services.imports import import_feed_file
from risk.models import Flag
from risk.services.computing import compute_flags
from risk.services.library import install_default_indicators
from tests.factories import EnrolmentFactory, FamilyFactory, FamilyMemberFactory, PersonFactory
from tests.risk.conftest import attendance_weeks

pytestmark = pytest.mark.django_db


def _snapshot() -> set[tuple]:
    return {
        (f.person_id, f.indicator.code, f.sensitivity, f.review, frozenset(e.key for e in f.evidence.all()))
        for f in Flag.objects.filter(cleared_at__isnull=True)
        .select_related("indicator")
        .prefetch_related("evidence")
    }


def _codes(person) -> set[str]:
    return set(
        Flag.objects.filter(person=person, cleared_at__isnull=True).values_list("indicator__code", flat=True)
    )


def test_an_import_recomputes_the_people_it_touched_as_a_full_run_would(
    tmp_path: Path, django_capture_on_commit_callbacks
):
    install_default_indicators()
    arrested, victim, sibling_of_offender, part_time = (EnrolmentFactory().person for _ in range(4))
    brother = PersonFactory(date_of_birth=date(2005, 5, 5))
    family = FamilyFactory()
    FamilyMemberFactory(family=family, person=sibling_of_offender, relationship="child")
    FamilyMemberFactory(family=family, person=brother, relationship="sibling")
    compute_flags()
    day = timezone.localdate() - timedelta(days=10)
    while day.weekday() >= 5:  # registers are taken on weekdays
        day -= timedelta(days=1)
    when = day.isoformat()
    police = tmp_path / "police.csv"
    police.write_text(
        "source_record_id,upn,forename,surname,date_of_birth,occurred_at,role,offence_group,summary\n"
        f"P1,{arrested.upn},,,,{when}T10:00,arrested,robbery,\n"
        f"P2,{victim.upn},,,,{when}T10:00,victim,violence_against_the_person,\n"
        f"P3,{brother.upn},,,,{when}T10:00,arrested,drug_offences,\n"
    )
    enrolment = part_time.enrolments.get()
    register = tmp_path / "attendance.csv"
    register.write_text(
        f"source_record_id,urn,upn,date,session,code\nA1,{enrolment.school.urn},{part_time.upn},{when},AM,C2\n"
    )

    with django_capture_on_commit_callbacks(execute=True):
        import_feed_file(feed_code="police_incidents", path=police, by=None)
    with django_capture_on_commit_callbacks(execute=True):
        import_feed_file(feed_code="attendance", path=register, by=None)

    assert "tp07" in _codes(arrested)
    assert "tp15" in _codes(victim)
    assert "tp12" in _codes(sibling_of_offender)
    assert "tp03" in _codes(part_time)
    incremental = _snapshot()
    result = compute_flags()
    assert (result.raised, result.cleared) == (0, 0)
    assert _snapshot() == incremental


def _register(tmp_path: Path, pupil, day: date) -> Path:
    path = tmp_path / f"register-{day}.csv"
    enrolment = pupil.enrolments.get()
    path.write_text(
        "source_record_id,urn,upn,date,session,code\n"
        f"R-{day}-AM,{enrolment.school.urn},{pupil.upn},{day.isoformat()},AM,C2\n"
        f"R-{day}-PM,{enrolment.school.urn},{pupil.upn},{day.isoformat()},PM,C2\n"
    )
    return path


def _school_day(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def test_register_marks_older_than_every_attendance_window_leave_the_flags_alone(
    tmp_path: Path, django_capture_on_commit_callbacks
):
    """A late correction of last year's register cannot change the last weeks' attendance:
    the recompute it queues decides nothing, and the flags are what a full run gives."""
    install_default_indicators()
    enrolment = EnrolmentFactory()
    pupil = enrolment.person
    today = timezone.localdate()
    attendance_weeks(pupil, enrolment.school, [(8, 10)] * 13, monday=today - timedelta(days=today.weekday()))
    with django_capture_on_commit_callbacks(execute=True):
        import_feed_file(feed_code="attendance", path=_register(tmp_path, pupil, _school_day(today)), by=None)
    assert "tp03" in _codes(pupil)
    before = _snapshot()

    old = _school_day(today - timedelta(days=300))
    runs = []

    def recompute(**kwargs):
        runs.append((kwargs, compute_flags(**kwargs)))
        return runs[-1][1]

    patched = mock.patch("risk.tasks.compute_flags", side_effect=recompute)
    with patched, django_capture_on_commit_callbacks(execute=True):
        import_feed_file(feed_code="attendance", path=_register(tmp_path, pupil, old), by=None)
    ((kwargs, result),) = runs
    assert kwargs["days"][0] <= old <= kwargs["days"][1]
    assert result.indicators == 0
    assert _snapshot() == before
    assert (compute_flags().raised, _snapshot()) == (0, before)


def test_register_marks_in_the_window_recompute_as_a_full_run_would(
    tmp_path: Path, django_capture_on_commit_callbacks
):
    install_default_indicators()
    pupil = EnrolmentFactory().person
    compute_flags()
    day = _school_day(timezone.localdate() - timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        import_feed_file(feed_code="attendance", path=_register(tmp_path, pupil, day), by=None)
    assert "tp03" in _codes(pupil)
    incremental = _snapshot()
    result = compute_flags()
    assert (result.raised, result.cleared) == (0, 0)
    assert _snapshot() == incremental


def test_a_register_that_opens_a_school_week_recomputes_every_pupil_as_a_full_run_would(
    tmp_path: Path, django_capture_on_commit_callbacks
):
    """School weeks are the city's: the first register of a week, from one school, moves
    every pupil's window, so a pupil of another school whose absent week drops out of it
    is cleared as a full run would clear them, though the import never named them."""
    install_default_indicators()
    today = timezone.localdate()
    this_monday = today - timedelta(days=today.weekday())
    away = EnrolmentFactory()
    attendance_weeks(
        away.person,
        away.school,
        [(10, 10)] * 5 + [(0, 10)] + [(10, 10)] * 7,
        monday=this_monday - timedelta(weeks=1),
    )
    compute_flags()
    assert "tp01" in _codes(away.person)
    pupil = EnrolmentFactory().person
    path = tmp_path / "monday.csv"
    path.write_text(
        "source_record_id,urn,upn,date,session,code\n"
        f"M1,{pupil.enrolments.get().school.urn},{pupil.upn},{this_monday.isoformat()},AM,/\n"
    )

    with django_capture_on_commit_callbacks(execute=True):
        import_feed_file(feed_code="attendance", path=path, by=None)

    assert "tp01" not in _codes(away.person)
    incremental = _snapshot()
    result = compute_flags()
    assert (result.raised, result.cleared) == (0, 0)
    assert _snapshot() == incremental


def test_marks_in_a_school_week_already_open_recompute_only_the_pupils_they_are_for(
    tmp_path: Path, django_capture_on_commit_callbacks
):
    install_default_indicators()
    today = timezone.localdate()
    this_monday = today - timedelta(days=today.weekday())
    pupils = [EnrolmentFactory() for _ in range(3)]
    for enrolment in pupils:
        attendance_weeks(enrolment.person, enrolment.school, [(8, 10)] * 13, monday=this_monday)
    compute_flags()
    pupil = pupils[0].person
    path = tmp_path / "monday.csv"
    path.write_text(
        "source_record_id,urn,upn,date,session,code\n"
        f"M1,{pupils[0].school.urn},{pupil.upn},{this_monday.isoformat()},PM,N\n"
    )
    runs = []

    def recompute(**kwargs):
        runs.append(compute_flags(**kwargs))
        return runs[-1]

    with (
        mock.patch("risk.tasks.compute_flags", side_effect=recompute),
        django_capture_on_commit_callbacks(execute=True),
    ):
        import_feed_file(feed_code="attendance", path=path, by=None)

    assert runs[0].people_in_scope == 1
    incremental = _snapshot()
    result = compute_flags()
    assert (result.raised, result.cleared) == (0, 0)
    assert _snapshot() == incremental
