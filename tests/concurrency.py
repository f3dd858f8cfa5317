"""Two requests, or two scheduled runs, at the same moment: each call runs on its own
thread and database connection, as two workers would (the tests that use these are
`django_db(transaction=True)`, so each thread sees what the others commit)."""

import threading
import time
from collections.abc import Callable

from django.db import connection

WAIT = 30
"""Seconds any thread is waited for: long past what a test takes, short of a hung suite."""


def _own_connection(call: Callable[[], object], outcomes: list, index: int) -> Callable[[], None]:
    def run() -> None:
        try:
            outcomes[index] = call()
        except Exception as error:  # noqa: BLE001 - what reached the caller is the finding
            outcomes[index] = error
        finally:
            connection.close()

    return run


def at_once(*calls: Callable[[], object]) -> list[object]:
    """The calls released together; what each returned, or the exception it raised."""
    start = threading.Barrier(len(calls))
    outcomes: list[object] = [None] * len(calls)

    def released(call: Callable[[], object]) -> Callable[[], object]:
        def run() -> object:
            start.wait(timeout=WAIT)
            return call()

        return run

    threads = [
        threading.Thread(target=_own_connection(released(call), outcomes, i)) for i, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=WAIT)
    return outcomes


class Pause:
    """Holds the first call of whatever `wrap` wraps until `one_waiting_for_the_other`
    has started the second run, so that the two overlap at that point."""

    def __init__(self) -> None:
        self.reached, self.go_on = threading.Event(), threading.Event()

    def wrap(self, function: Callable) -> Callable:
        def paused(*args: object, **kwargs: object) -> object:
            if not self.reached.is_set():
                self.reached.set()
                self.go_on.wait(timeout=WAIT)
            return function(*args, **kwargs)

        return paused


def _until_waiting_on_a_lock(thread: threading.Thread) -> None:
    deadline = time.monotonic() + 10
    with connection.cursor() as cursor:
        while thread.is_alive() and time.monotonic() < deadline:
            cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)


def one_waiting_for_the_other(
    run: Callable[[], object], pause: Pause, *, meanwhile: Callable[[], object] | None = None
) -> list[object]:
    """`run` started, held at the pause, `meanwhile` done, `run` started again and left
    to wait on whatever lock it waits on (or to finish, if it takes none), then the
    first let go. What the first and the second returned or raised."""
    outcomes: list[object] = [None, None]
    first = threading.Thread(target=_own_connection(run, outcomes, 0))
    first.start()
    assert pause.reached.wait(timeout=WAIT), "the first run reached its pause"
    if meanwhile is not None:
        meanwhile()
    second = threading.Thread(target=_own_connection(run, outcomes, 1))
    second.start()
    _until_waiting_on_a_lock(second)
    pause.go_on.set()
    first.join(timeout=WAIT)
    second.join(timeout=WAIT)
    return outcomes
