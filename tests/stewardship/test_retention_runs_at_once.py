"""Two retention runs at once (the nightly one and a run by hand, or beat retried): the
second waits for the first, so one report holds what was removed and the other finds
nothing more, never two reports that split the counts between them."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection

from stewardship.services import retention
from stewardship.services.retention import apply_retention
from tests.factories import PersonFactory
from tests.stewardship.test_retention import CUTOFF, TODAY, police_event


def _waiting_for_a_lock(thread: threading.Thread) -> None:
    deadline = time.monotonic() + 10
    with connection.cursor() as cursor:
        while thread.is_alive() and time.monotonic() < deadline:
            cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)


@pytest.mark.django_db(transaction=True)
def test_a_second_run_waits_for_the_first(monkeypatch):
    police_event(PersonFactory(), CUTOFF - timedelta(days=1))
    working, go_on = threading.Event(), threading.Event()
    run_feed = retention.FeedRetention.run

    def slow(self) -> dict[str, int]:
        if not working.is_set():
            working.set()
            go_on.wait(timeout=30)
        return run_feed(self)

    monkeypatch.setattr(retention.FeedRetention, "run", slow)
    runs = {}

    def run(name: str) -> None:
        try:
            runs[name] = apply_retention(by=None, dry_run=False, today=TODAY)
        finally:
            connection.close()

    first = threading.Thread(target=run, args=("first",))
    first.start()
    assert working.wait(timeout=30)
    second = threading.Thread(target=run, args=("second",))
    second.start()
    _waiting_for_a_lock(second)
    go_on.set()
    first.join(timeout=30)
    second.join(timeout=30)

    assert runs["first"].removed["police_incidents"]["events deleted"] == 1
    assert runs["second"].removed == {}
    assert runs["second"].started_at >= runs["first"].finished_at
