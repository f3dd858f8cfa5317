"""Runs lost before their import starts: a task the broker never took or lost, and a
command stopped before it began. Neither may leave a run "Waiting to start" for ever,
and neither may lose an upload."""

from datetime import timedelta

import pytest
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from accounts.roles import Role
from chronology.models import Feed, FeedRun
from chronology.services.imports import create_run, execute_run, queue_run
from chronology.services.stale_runs import NEVER_STARTED
from chronology.tasks import import_feed_run_task, look_after_lost_runs_task
from schools.models import Enrolment
from tests.chronology.conftest import UPN1, postgresql_only, run_lock_held_elsewhere, with_blank_columns
from tests.factories import FeedFactory, FeedRunFactory
from tests.factories.access import user_with_role

CENSUS = with_blank_columns(
    "school_census",
    f"source_record_id,urn,upn,forename,surname,date_of_birth\nC1,100001,{UPN1},Ada,Lovelace,2012-03-04\n",
)


@pytest.fixture
def sent(monkeypatch):
    """The tasks handed to the broker, as run ids, with a real broker configured."""
    sent_ids: list[int] = []
    monkeypatch.setattr(import_feed_run_task, "delay", sent_ids.append)
    return sent_ids


@pytest.fixture
def broker(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False


def _waiting(*, for_: timedelta, queued: bool) -> FeedRun:
    earlier = timezone.now() - for_
    run = FeedRunFactory(feed=FeedFactory(code="police_incidents"), status=FeedRun.Status.PENDING)
    FeedRun.objects.filter(pk=run.pk).update(
        created_at=earlier, queued_at=earlier if queued else None, times_queued=int(queued)
    )
    run.refresh_from_db()
    return run


def test_an_upload_the_broker_cannot_take_is_kept_and_waits(
    school, client, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(run_id: int) -> None:
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(import_feed_run_task, "delay", broker_down)
    client.force_login(user_with_role(Role.DATA_OFFICER))
    upload = SimpleUploadedFile("census.csv", CENSUS.encode(), content_type="text/csv")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("chronology:upload", args=["school_census"]), {"file": upload})

    run = FeedRun.objects.get()
    assert response.status_code == 302
    assert (run.status, run.times_queued, run.original_filename) == ("pending", 1, "census.csv")
    html = client.get(response["Location"]).content.decode()
    assert "Waiting to start since" in html
    assert 'http-equiv="refresh"' in html


@postgresql_only
def test_a_queued_run_no_worker_started_is_sent_again_and_says_so(
    broker, sent, db, client, django_capture_on_commit_callbacks
):
    lost = _waiting(for_=timedelta(hours=1), queued=True)
    recent = _waiting(for_=timedelta(minutes=1), queued=True)

    with django_capture_on_commit_callbacks(execute=True):
        assert look_after_lost_runs_task() == {"sent_again": 1, "failed": 0}

    assert sent == [lost.pk]
    lost.refresh_from_db()
    assert (lost.status, lost.times_queued) == ("pending", 2)
    assert lost.queued_at > timezone.now() - timedelta(minutes=1)
    client.force_login(user_with_role(Role.DATA_OFFICER))
    html = client.get(reverse("chronology:run", args=[lost.pk])).content.decode()
    assert "sent to the import queue again" in html
    assert "(2 times in all)" in html
    assert "check that the import workers are running" in html
    recent.refresh_from_db()
    assert recent.times_queued == 1


@postgresql_only
def test_a_waiting_run_whose_delivery_is_alive_is_left_alone(broker, sent, db):
    """A delivery waiting for its feed's lock behind another import holds its run's lock."""
    run = _waiting(for_=timedelta(hours=1), queued=True)
    with run_lock_held_elsewhere(run):
        assert look_after_lost_runs_task() == {"sent_again": 0, "failed": 0}
    assert sent == []


@postgresql_only
def test_a_command_line_run_stopped_before_it_began_fails_with_a_way_to_run_it_again(db, client):
    run = _waiting(for_=timedelta(hours=1), queued=False)
    client.force_login(user_with_role(Role.DATA_OFFICER))

    html = client.get(reverse("chronology:run", args=[run.pk])).content.decode()

    run.refresh_from_db()
    assert (run.status, run.file_error) == (FeedRun.Status.FAILED, NEVER_STARTED)
    assert NEVER_STARTED in html
    assert "Run this import again" in html


@postgresql_only
def test_without_a_broker_a_lost_queued_run_fails_rather_than_importing_in_the_page(sent, db):
    """Eager tasks run in the process that sent them: a lost one went with that process."""
    run = _waiting(for_=timedelta(hours=1), queued=True)

    assert look_after_lost_runs_task() == {"sent_again": 0, "failed": 1}

    assert sent == []
    run.refresh_from_db()
    assert run.status == FeedRun.Status.FAILED


def test_a_run_sent_twice_is_imported_once(school, write_csv, django_capture_on_commit_callbacks):
    with write_csv(CENSUS).open("rb") as handle:
        run = create_run(
            feed=Feed.objects.get(code="school_census"), content=File(handle), filename="c.csv", by=None
        )
    with django_capture_on_commit_callbacks(execute=True):
        queue_run(run=run)
        queue_run(run=run)

    run = execute_run(run_id=run.pk)
    assert (run.status, run.rows_imported, run.times_queued) == ("completed", 1, 2)
    assert Enrolment.objects.count() == 1
