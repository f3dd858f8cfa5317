"""PostgreSQL advisory locks for writes that no row lock can keep apart: two requests
about a row that does not exist yet (the same referral sent twice at one moment: each
looks for the other and finds nothing), or a scheduled job whose second run must wait for
the first. Each lock is a transaction lock, freed when the transaction ends, also when
its worker is killed. The imports keep their own (chronology.importing.locks). On SQLite
(the demo) there is one writer at a time anyway, so nothing is taken."""

from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum

from django.db import connection

KEYS = 2**31 - 1
"""The two-key advisory lock takes 32-bit keys. Ids beyond that share a key with a
smaller one, which costs only a wait, never a wrong answer."""


class Lock(IntEnum):
    """One namespace per kind of write; the key names the record within it."""

    REFERRING = 5_170_003
    """A young person's id: a new referral is compared with the referrer's earlier ones."""
    LINK_DOUBT = 5_170_004
    """A source record's id: a report of its link joins the reporter's open one."""
    BREAK_GLASS = 5_170_005
    """A young person's id: a break-glass is compared with the officer's open ones."""
    LEGAL_HOLD = 5_170_006
    """0: a new legal hold is compared with those in force; retention reads the holds under
    it before each delete, so a hold is either in force for a batch or set after it."""
    DIGEST = 5_170_007
    """0: the daily notification digests are sent by one run at a time."""
    RETENTION = 5_170_008
    """0: one retention run at a time."""
    FEED_HEALTH = 5_170_009
    """0: the daily feed-health check tells of each problem from one run at a time."""
    API_TOKEN = 5_170_010
    """A user's id: a new token is compared with those the same administrator has just
    made them."""


def hold(lock: Lock, key: int = 0) -> None:
    """Waits until no other transaction holds the lock, then holds it to this one's end."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [int(lock), key % KEYS])


@contextmanager
def held_throughout(lock: Lock, key: int = 0) -> Iterator[None]:
    """`hold` for work done in many transactions: a session lock, taken when the block
    starts (waiting for any other holder) and freed when it ends, or when the
    connection closes if its worker is killed."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, %s)", [int(lock), key % KEYS])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [int(lock), key % KEYS])
