"""Re-imports update or skip, never duplicate; a failed import leaves nothing behind."""

import pytest

from chronology.importing import effects
from chronology.models import AttendanceMark, AttendanceWeek, Event, FeedRun, LinkReview, SourceRecord
from schools.models import Enrolment, Person
from tests.chronology.conftest import UPN1, UPN2, UPN3, with_blank_columns

CENSUS = with_blank_columns(
    "school_census",
    f"""
    source_record_id,urn,upn,forename,surname,date_of_birth,postcode
    C1,100001,{UPN1},Ada,Lovelace,2012-03-04,NB1 2AB
    C2,100001,{UPN2},Alan,Turing,2011-05-14,NB1 3DF
    """,
)
ATTENDANCE = f"""
source_record_id,urn,upn,date,session,code
A1,100001,{UPN1},2025-03-03,AM,/
A2,100001,{UPN1},2025-03-03,PM,N
A3,100001,{UPN3},2025-03-03,AM,/
"""
POLICE = f"""
source_record_id,upn,occurred_at,role,offence_group,summary
P1,{UPN1},2025-03-14T16:30,victim,theft,
P2,{UPN2},2025-03-15T16:30,arrested,robbery,
"""


def snapshot() -> dict:
    return {
        "people": list(Person.objects.order_by("id").values()),
        "enrolments": list(Enrolment.objects.order_by("id").values()),
        "marks": list(AttendanceMark.objects.order_by("id").values_list("id", "person_id", "code")),
        "events": list(Event.objects.order_by("id").values_list("id", "summary", "details", "updated_at")),
        "records": list(SourceRecord.objects.order_by("id").values_list("id", "content_hash", "person_id")),
        "reviews": list(LinkReview.objects.order_by("id").values_list("id", "status")),
    }


def test_importing_the_same_files_twice_changes_nothing(school, write_csv):
    from chronology.services.imports import import_feed_file

    files = [
        ("school_census", write_csv(CENSUS)),
        ("attendance", write_csv(ATTENDANCE)),
        ("police_incidents", write_csv(POLICE)),
    ]
    for feed, path in files:
        import_feed_file(feed_code=feed, path=path, by=None)
    before = snapshot()
    for feed, path in files:
        run = import_feed_file(feed_code=feed, path=path, by=None)
        assert run.rows_unchanged + run.rows_queued == run.rows_read
        assert run.rows_imported == 0
    assert snapshot() == before
    assert LinkReview.objects.filter(status="open").count() == 1, "the unknown UPN waits once, not twice"


def test_a_changed_record_updates_in_place(school, run_import):
    run_import("school_census", CENSUS)
    run_import("police_incidents", POLICE)
    event = Event.objects.get(source_record__source_record_id="P1")
    run = run_import(
        "police_incidents",
        f"source_record_id,upn,occurred_at,role,offence_group,summary\nP1,{UPN1},2025-03-14T16:30,victim,robbery,\n",
    )
    assert (run.rows_imported, run.rows_unchanged) == (1, 0)
    event.refresh_from_db()
    assert event.summary == "Victim: robbery"
    assert Event.objects.filter(category="police_incident").count() == 2


def test_a_changed_attendance_mark_recounts_its_week(school, run_import):
    run_import("school_census", CENSUS)
    run_import("attendance", ATTENDANCE)
    run = run_import(
        "attendance", f"source_record_id,urn,upn,date,session,code\nA2,100001,{UPN1},2025-03-03,PM,L\n"
    )
    assert run.rows_imported == 1
    assert AttendanceMark.objects.filter(person__upn=UPN1).count() == 2
    week = AttendanceWeek.objects.get()
    assert (week.present, week.unauthorised) == (2, 0)


def test_an_import_that_crashes_leaves_nothing_and_runs_again_cleanly(school, write_csv, monkeypatch):
    from chronology.services.imports import import_feed_file

    census = write_csv(CENSUS)
    real_apply = effects.apply
    calls = []

    def crash_on_second_row(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("worker lost")
        real_apply(**kwargs)

    monkeypatch.setattr(effects, "apply", crash_on_second_row)
    with pytest.raises(RuntimeError):
        import_feed_file(feed_code="school_census", path=census, by=None)
    failed = FeedRun.objects.get()
    assert failed.status == FeedRun.Status.FAILED
    assert "Nothing from this file was imported" in failed.file_error
    assert not Person.objects.exists()
    assert not SourceRecord.objects.exists()
    assert not Enrolment.objects.exists()

    monkeypatch.setattr(effects, "apply", real_apply)
    run = import_feed_file(feed_code="school_census", path=census, by=None)
    assert (run.status, run.rows_imported) == ("completed", 2)
    assert Person.objects.count() == 2


def test_a_run_left_running_by_a_killed_worker_runs_again(school, write_csv):
    from django.core.files import File

    from chronology.services.imports import create_run, execute_run

    path = write_csv(CENSUS)
    with path.open("rb") as handle:
        run = create_run(feed=school_feed(), content=File(handle), filename="census.csv", by=None)
    FeedRun.objects.filter(pk=run.pk).update(status=FeedRun.Status.RUNNING, rows_done=1)
    run = execute_run(run_id=run.pk)
    assert (run.status, run.rows_imported) == ("completed", 2)
    assert execute_run(run_id=run.pk).rows_imported == 2, "a finished run is not imported twice"
    assert Person.objects.count() == 2


def school_feed():
    from chronology.models import Feed

    return Feed.objects.get(code="school_census")


def test_a_feed_missing_its_dpia_cannot_be_imported(school, write_csv):
    from chronology.models import Feed
    from chronology.services.imports import ImportRefused, import_feed_file

    Feed.objects.filter(code="health").update(dpia_reference="")
    with pytest.raises(ImportRefused, match="the feed register has no DPIA"):
        import_feed_file(feed_code="health", path=write_csv("source_record_id\n"), by=None)
    assert not FeedRun.objects.exists()
