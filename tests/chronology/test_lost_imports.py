"""Imports whose worker is lost or whose task is delivered twice: the run never stays
"Importing" for ever, is never imported twice at once, and a failed run can be run
again from its page."""

import threading
import time
from datetime import timedelta

import pytest
from django.core.files import File
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from chronology.models import Feed, FeedRun
from chronology.services.imports import WORKER_LOST, create_run, execute_run
from chronology.services.register import install_demonstration_register
from chronology.tasks import look_after_lost_runs_task
from schools.models import Enrolment
from tests.chronology.conftest import UPN1, UPN2, postgresql_only, run_lock_held_elsewhere, with_blank_columns
from tests.factories import FeedFactory, FeedRunFactory, SchoolFactory
from tests.factories.access import user_with_role

CENSUS = (
    "source_record_id,urn,upn,forename,surname,date_of_birth\n"
    f"C1,100001,{UPN1},Ada,Lovelace,2012-03-04\nC2,100001,{UPN2},Alan,Turing,2011-05-14\n"
)


def _census_run(write_csv) -> FeedRun:
    with write_csv(with_blank_columns("school_census", CENSUS)).open("rb") as handle:
        return create_run(
            feed=Feed.objects.get(code="school_census"), content=File(handle), filename="census.csv", by=None
        )


def _running(*, quiet_for: timedelta, **fields) -> FeedRun:
    return FeedRunFactory(
        feed=FeedFactory(code=Feed.Code.POLICE_INCIDENTS),
        status=FeedRun.Status.RUNNING,
        progress_at=timezone.now() - quiet_for,
        attempts=1,
        **fields,
    )


def _until_a_lock_is_awaited() -> None:
    deadline = time.monotonic() + 30
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)
    pytest.fail("the second delivery never waited for the feed's lock")


@postgresql_only
def test_a_task_delivered_twice_waits_for_the_first_and_imports_nothing_more(transactional_db, write_csv):
    """Redis hands a long import's task to a second worker: it waits for the first, then
    finds the run finished and leaves its counts alone."""
    install_demonstration_register(by=None)
    SchoolFactory(urn="100001")
    run = _census_run(write_csv)
    first_importing, second_waiting = threading.Event(), threading.Event()
    results = {}

    def hold(done: int, total: int) -> None:
        first_importing.set()
        second_waiting.wait(timeout=30)

    def deliver(name: str, **kwargs) -> None:
        try:
            results[name] = execute_run(run_id=run.pk, **kwargs)
        finally:
            connection.close()

    first = threading.Thread(target=deliver, args=("first",), kwargs={"on_progress": hold})
    first.start()
    assert first_importing.wait(timeout=30)
    second = threading.Thread(target=deliver, args=("second",))
    second.start()
    _until_a_lock_is_awaited()
    second_waiting.set()
    first.join(timeout=60)
    second.join(timeout=60)

    assert results["second"].status == FeedRun.Status.COMPLETED
    run.refresh_from_db()
    assert (run.rows_imported, run.rows_unchanged, run.attempts) == (2, 0, 1)
    assert Enrolment.objects.count() == 2


@postgresql_only
def test_a_lost_import_shows_as_failed_on_its_page_with_a_way_to_run_it_again(db, client):
    client.force_login(user_with_role(Role.DATA_OFFICER))
    run = _running(quiet_for=timedelta(hours=1), rows_done=4000, rows_total=10000)

    html = client.get(reverse("chronology:run", args=[run.pk])).content.decode()

    run.refresh_from_db()
    assert (run.status, run.file_error, run.rows_done) == (FeedRun.Status.FAILED, WORKER_LOST, 0)
    assert WORKER_LOST in html
    assert "Run this import again" in html
    assert 'http-equiv="refresh"' not in html


@postgresql_only
def test_the_beat_task_fails_lost_runs_and_leaves_live_ones(db):
    lost = _running(quiet_for=timedelta(minutes=30))
    busy = _running(quiet_for=timedelta(minutes=1))

    assert look_after_lost_runs_task() == {"sent_again": 0, "failed": 1}

    lost.refresh_from_db()
    busy.refresh_from_db()
    assert (lost.status, busy.status) == (FeedRun.Status.FAILED, FeedRun.Status.RUNNING)


@postgresql_only
def test_a_quiet_import_that_still_holds_its_runs_lock_is_alive(db):
    """A long step reports no progress (the set-based attendance upsert, say), but the
    import's transaction still holds the run's lock."""
    run = _running(quiet_for=timedelta(hours=1))
    with run_lock_held_elsewhere(run):
        assert look_after_lost_runs_task() == {"sent_again": 0, "failed": 0}
    run.refresh_from_db()
    assert run.status == FeedRun.Status.RUNNING


def test_a_run_whose_worker_is_lost_twice_fails_instead_of_importing_again(register, write_csv):
    """An import that runs its worker out of memory would do so on every redelivery."""
    run = _census_run(write_csv)
    FeedRun.objects.filter(pk=run.pk).update(status=FeedRun.Status.RUNNING, attempts=2)

    run = execute_run(run_id=run.pk)

    assert (run.status, run.file_error, run.rows_imported) == (FeedRun.Status.FAILED, WORKER_LOST, 0)
    assert not Enrolment.objects.exists()


def test_a_data_officer_runs_a_failed_import_again(
    school, write_csv, client, django_capture_on_commit_callbacks
):
    officer = user_with_role(Role.DATA_OFFICER)
    client.force_login(officer)
    failed = _census_run(write_csv)
    FeedRun.objects.filter(pk=failed.pk).update(status=FeedRun.Status.FAILED, file_error=WORKER_LOST)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("chronology:run_again", args=[failed.pk]))

    again = FeedRun.objects.exclude(pk=failed.pk).get()
    assert response["Location"] == reverse("chronology:run", args=[again.pk])
    assert (again.status, again.rows_imported, again.started_by) == ("completed", 2, officer)
    assert (again.original_filename, again.checksum) == ("census.csv", failed.checksum)
    assert again.file.name != failed.file.name
    assert Enrolment.objects.count() == 2
    failed.refresh_from_db()
    assert failed.status == FeedRun.Status.FAILED
    assert "Import complete" in client.get(response["Location"]).content.decode()

    twice = client.post(reverse("chronology:run_again", args=[failed.pk]), follow=True)
    assert FeedRun.objects.count() == 2, "the same file is not imported a second time"
    assert twice.redirect_chain[-1][0] == reverse("chronology:run", args=[again.pk])
    assert "census.csv has been imported again." in twice.content.decode()


def test_only_a_failed_import_is_run_again(school, write_csv, client):
    client.force_login(user_with_role(Role.DATA_OFFICER))
    done = execute_run(run_id=_census_run(write_csv).pk)

    response = client.post(reverse("chronology:run_again", args=[done.pk]), follow=True)

    assert FeedRun.objects.count() == 1
    assert "Only a failed import can be run again." in response.content.decode()
    assert "Run this import again" not in response.content.decode()


def test_a_failed_import_whose_file_retention_deleted_is_refused_clearly(school, write_csv, client):
    client.force_login(user_with_role(Role.DATA_OFFICER))
    failed = _census_run(write_csv)
    FeedRun.objects.filter(pk=failed.pk).update(status=FeedRun.Status.FAILED, file_error=WORKER_LOST)
    failed.file.delete(save=False)
    FeedRun.objects.filter(pk=failed.pk).update(file="")

    page = client.get(reverse("chronology:run", args=[failed.pk])).content.decode()
    response = client.post(reverse("chronology:run_again", args=[failed.pk]), follow=True)

    assert "Run this import again" not in page
    assert "file is no longer kept" in page
    assert FeedRun.objects.count() == 1
    assert response.status_code == 200
    assert "cannot be run again. Ask the sending agency for the file" in response.content.decode()
