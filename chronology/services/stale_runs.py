"""Runs left `running` by an import that is no longer alive: a worker killed mid-import
(out of memory, say) or a killed `import_feed` command. Its transaction rolled back, so
nothing of it was kept, but without this the run would show "Importing" for ever.

An import is alive while it holds its feed's lock (PostgreSQL releases the lock when the
session ends, however it ends), so a run is lost when the lock is free and it has
reported no progress for FEED_RUN_STALE_MINUTES. The lock is taken, not just looked at,
while the run is marked failed: a redelivered task that arrives meanwhile waits for it
and then finds the run finished."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from chronology.models import Feed, FeedRun
from chronology.services.imports import LOCK_NAMESPACE, WORKER_LOST, end_run


def _quiet_since() -> datetime:
    return timezone.now() - timedelta(minutes=settings.FEED_RUN_STALE_MINUTES)


def _quiet_running_runs() -> QuerySet[FeedRun]:
    last_sign_of_life = Coalesce("progress_at", "started_at", "created_at")
    return FeedRun.objects.alias(last_sign_of_life=last_sign_of_life).filter(
        status=FeedRun.Status.RUNNING, last_sign_of_life__lt=_quiet_since()
    )


def _take_feed_lock(feed: Feed) -> bool:
    """False while an import of the feed holds it. Elsewhere than PostgreSQL imports run
    in one process, where a run is seen `running` only after that process is gone."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", [LOCK_NAMESPACE, feed.pk])
        return cursor.fetchone()[0]


@transaction.atomic
def fail_if_stale(*, run: FeedRun) -> FeedRun:
    """Mark the run failed if its import was lost; returns the run as it now stands."""
    if run.status != FeedRun.Status.RUNNING or not _quiet_running_runs().filter(pk=run.pk).exists():
        return run
    if not _take_feed_lock(run.feed):
        return run
    lost = _quiet_running_runs().select_for_update().filter(pk=run.pk).first()
    if lost is not None:
        end_run(run=lost, status=FeedRun.Status.FAILED, error=WORKER_LOST, started=lost.started_at)
    run.refresh_from_db()
    return run


@transaction.atomic
def fail_stale_runs() -> int:
    """Every lost run (the beat task's work); returns how many were marked failed."""
    failed = 0
    for run in _quiet_running_runs().select_related("feed").order_by("pk"):
        failed += fail_if_stale(run=run).status == FeedRun.Status.FAILED
    return failed
