"""Runs whose import is no longer alive, so that no run shows "Importing" or "Waiting to
start" for ever:

- *running*, but its worker was killed mid-import (out of memory, say) or its
  `import_feed` command was killed. Its transaction rolled back, so nothing of it was
  kept: the run is marked failed.
- *waiting*, but its task never reached a worker: the broker was down when it was sent,
  or lost its queue when it restarted (Redis keeps nothing on disk unless told to). It
  is sent to the queue again; the upload is not lost.
- *waiting*, but it was to be imported by the process that created it (`import_feed`),
  which stopped before the import began: marked failed.

An import is alive while it holds its run's lock (`hold_run_lock` in
chronology.importing.locks), so a run is lost when that lock is free and it has shown
no sign of life for FEED_RUN_STALE_MINUTES. The lock is taken, not just looked at, while
the run is dealt with: a delivery that arrives meanwhile waits for it and then finds the
run as this left it."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from chronology.importing.locks import RUN_LOCK_NAMESPACE
from chronology.models import FeedRun
from chronology.services.imports import WORKER_LOST, end_run, queue_run

NEVER_STARTED = (
    "The import never started: the command that was to run it stopped first. "
    "Nothing from it was kept. Import the file again."
)


def _quiet_since() -> datetime:
    return timezone.now() - timedelta(minutes=settings.FEED_RUN_STALE_MINUTES)


def _quiet_unfinished_runs() -> QuerySet[FeedRun]:
    last_sign_of_life = Coalesce("progress_at", "started_at", "queued_at", "created_at")
    return FeedRun.objects.alias(last_sign_of_life=last_sign_of_life).filter(
        status__in=[FeedRun.Status.PENDING, FeedRun.Status.RUNNING], last_sign_of_life__lt=_quiet_since()
    )


def _take_run_lock(run: FeedRun) -> bool:
    """False while an import of the run holds it. Elsewhere than PostgreSQL (the SQLite
    demo) there is no such lock, and an import's progress is invisible until it commits,
    so a long import in another thread of the demo server would look lost: nothing is
    ever taken for lost there."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", [RUN_LOCK_NAMESPACE, run.pk])
        return cursor.fetchone()[0]


def _can_send_again(run: FeedRun) -> bool:
    """Only a run that was queued, and only to a real queue: without a broker, tasks run
    in the process that sent them, so a lost one went with that process."""
    return (
        run.status == FeedRun.Status.PENDING
        and run.queued_at is not None
        and not settings.CELERY_TASK_ALWAYS_EAGER
    )


@transaction.atomic
def look_after(*, run: FeedRun) -> FeedRun:
    """Send again or mark failed a run whose import was lost; returns the run as it now
    stands."""
    if run.is_finished or not _quiet_unfinished_runs().filter(pk=run.pk).exists():
        return run
    if not _take_run_lock(run):
        return run
    lost = _quiet_unfinished_runs().select_for_update().filter(pk=run.pk).first()
    if lost is not None and _can_send_again(lost):
        queue_run(run=lost)
    elif lost is not None:
        error = (
            NEVER_STARTED if lost.status == FeedRun.Status.PENDING and lost.queued_at is None else WORKER_LOST
        )
        end_run(run=lost, status=FeedRun.Status.FAILED, error=error, started=lost.started_at)
    run.refresh_from_db()
    return run


def look_after_lost_runs() -> dict[str, int]:
    """Every lost run (the beat task's work), each in its own transaction; returns how
    many were sent again and how many marked failed."""
    outcome = {"sent_again": 0, "failed": 0}
    for run in _quiet_unfinished_runs().order_by("pk"):
        was_queued_at = run.queued_at
        run = look_after(run=run)
        if run.status == FeedRun.Status.FAILED:
            outcome["failed"] += 1
        elif run.queued_at != was_queued_at:
            outcome["sent_again"] += 1
    return outcome
