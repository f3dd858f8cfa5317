"""The PostgreSQL advisory locks that keep imports from racing each other. All are
transaction locks: PostgreSQL frees them when the transaction ends, also when its
worker is killed. Elsewhere (the SQLite demo) there is one writer at a time anyway."""

from django.db import connection

from chronology.models import Feed, FeedRun

LOCK_NAMESPACE = 5_170_001
RUN_LOCK_NAMESPACE = 5_170_002
IDENTITY_LOCK = 0
"""Taken, beside their own feed's, by the imports of feeds that create people."""


def _lock(namespace: int, key: int) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [namespace, key])


def hold_run_lock(run: FeedRun) -> None:
    """Held by whichever delivery is importing the run, from before it waits for its
    feed until its transaction ends. So a run whose lock is free has no live import,
    whether it had started or was still waiting its turn (chronology.services.stale_runs);
    a second delivery of the same task waits here for the first."""
    _lock(RUN_LOCK_NAMESPACE, run.pk)


def serialise(feed: Feed) -> None:
    """One import at a time per feed, and one at a time among the feeds that create
    people, so that concurrent runs never race to create the same record or person.
    Feeds lock in one order (their own, then people, then attendance, see
    wait_for_attendance), so two imports never wait for each other."""
    _lock(LOCK_NAMESPACE, feed.pk)
    if feed.authoritative_for_identity:
        _lock(LOCK_NAMESPACE, IDENTITY_LOCK)


def wait_for_attendance(feed: Feed) -> None:
    """Taken by another feed's import before it writes attendance marks, so that it
    cannot write a mark that a concurrent attendance import is writing too. The
    attendance import takes no other lock, so this wait always ends."""
    _lock(LOCK_NAMESPACE, feed.pk)
