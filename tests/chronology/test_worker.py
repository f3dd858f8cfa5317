"""Imports through a real Celery worker: the upload's task starts only after the run is
committed, and the worker's progress is visible while the import is still running."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import Role
from chronology.models import AttendanceWeek, Feed, FeedRun
from chronology.services.imports import create_run
from chronology.services.register import install_demonstration_register
from chronology.tasks import import_feed_run_task
from schools.models import Enrolment
from tests.chronology.conftest import UPN1, UPN2, with_blank_columns
from tests.factories import PersonFactory, SchoolFactory, UserFactory


@pytest.fixture
def shared_media(settings, tmp_path, monkeypatch):
    """The worker process must read uploads from where this test saves them."""
    monkeypatch.setenv("MEDIA_ROOT", str(tmp_path / "media"))
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.worker
def test_a_real_worker_imports_a_run(shared_media, celery_worker):
    install_demonstration_register(by=None)
    SchoolFactory(urn="100001")
    officer = UserFactory(role=Role.DATA_OFFICER)
    upload = SimpleUploadedFile(
        "census.csv",
        with_blank_columns(
            "school_census",
            "source_record_id,urn,upn,forename,surname,date_of_birth\n"
            f"C1,100001,{UPN1},Ada,Lovelace,2012-03-04\nC2,100001,{UPN2},Alan,Turing,2011-05-14\n",
        ).encode(),
    )
    run = create_run(
        feed=Feed.objects.get(code="school_census"), content=upload, filename="census.csv", by=officer
    )

    result = import_feed_run_task.apply_async((run.pk,), queue=celery_worker)

    assert result.get(timeout=60) == FeedRun.Status.COMPLETED
    run.refresh_from_db()
    assert (run.rows_imported, run.rows_done, run.started_by) == (2, 2, officer)
    assert Enrolment.objects.count() == 2


@pytest.mark.worker
def test_a_real_worker_imports_an_attendance_file_set_based(shared_media, celery_worker):
    """The high-volume path (COPY into staging, temporary tables, the upsert's deltas)
    runs in a worker's own connection as it does in a command."""
    install_demonstration_register(by=None)
    SchoolFactory(urn="100001")
    pupil = PersonFactory(upn=UPN1)
    officer = UserFactory(role=Role.DATA_OFFICER)
    rows = "".join(
        f"A{n},100001,{UPN1},2025-03-0{3 + n // 2},{'AM' if n % 2 == 0 else 'PM'},/\n" for n in range(6)
    )
    upload = SimpleUploadedFile(
        "register.csv",
        f"source_record_id,urn,upn,date,session,code\n{rows}A9,100001,{UPN1},bad,AM,/\n".encode(),
    )
    run = create_run(
        feed=Feed.objects.get(code="attendance"), content=upload, filename="register.csv", by=officer
    )

    result = import_feed_run_task.apply_async((run.pk,), queue=celery_worker)

    assert result.get(timeout=60) == FeedRun.Status.COMPLETED
    run.refresh_from_db()
    assert (run.rows_imported, run.rows_rejected, run.rows_done, run.rows_total) == (6, 1, 7, 7)
    assert AttendanceWeek.objects.get(person=pupil).present == 6
