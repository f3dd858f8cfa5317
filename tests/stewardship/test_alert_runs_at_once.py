"""Two feed-health checks at once (beat retried, or a run by hand while beat's is under
way): each problem is told once, and the second run neither fails nor tells it again."""

import threading
import time

import pytest
from django.db import connection

from accounts.models import Notification
from accounts.roles import Role
from chronology.models import Feed
from stewardship.models import FeedAlert
from stewardship.services import alerts
from stewardship.services.alerts import feed_health_alert
from tests.factories import FeedFactory
from tests.factories.access import user_with_role
from tests.stewardship.conftest import NOW, imported


def _waits_on_a_lock(thread: threading.Thread) -> None:
    deadline = time.monotonic() + 10
    with connection.cursor() as cursor:
        while thread.is_alive() and time.monotonic() < deadline:
            cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)


@pytest.mark.django_db(transaction=True)
def test_a_second_check_while_the_first_is_telling_tells_nobody_twice(monkeypatch):
    officer = user_with_role(Role.DATA_OFFICER)
    imported(FeedFactory(code=Feed.Code.POLICE_INCIDENTS, cadence_days=7), days_ago=9)
    telling, go_on = threading.Event(), threading.Event()
    notify = alerts.notify

    def slow_notify(**kwargs) -> None:
        if not telling.is_set():
            telling.set()
            go_on.wait(timeout=30)
        notify(**kwargs)

    monkeypatch.setattr(alerts, "notify", slow_notify)
    reports, failures = [], []

    def run() -> None:
        try:
            reports.append(feed_health_alert(now=NOW))
        except Exception as error:  # noqa: BLE001  # the thread's failure is the test's finding
            failures.append(error)
        finally:
            connection.close()

    first = threading.Thread(target=run)
    first.start()
    assert telling.wait(timeout=30)
    second = threading.Thread(target=run)
    second.start()
    _waits_on_a_lock(second)
    go_on.set()
    first.join(timeout=30)
    second.join(timeout=30)

    assert failures == []
    assert sorted(r.raised for r in reports) == [0, 1]
    assert FeedAlert.objects.count() == 1
    assert Notification.objects.filter(user=officer).count() == 1
