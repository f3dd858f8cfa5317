"""Two digest runs at once (beat retried, or a run by hand while beat's is sending): each
user still gets one digest a day, also when a notification arrives in between."""

import threading
import time

import pytest
from django.core import mail
from django.db import connection

from accounts.models import EmailPreference
from accounts.roles import Role
from accounts.services import notifications
from accounts.services.notifications import notification_digests_send, notify
from tests.factories.access import user_with_role


def _waiting_for_a_lock(thread: threading.Thread) -> bool:
    """Whether the thread waits on an advisory lock (False once it has finished)."""
    deadline = time.monotonic() + 10
    with connection.cursor() as cursor:
        while thread.is_alive() and time.monotonic() < deadline:
            cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.05)
    return False


@pytest.mark.django_db(transaction=True)
def test_a_second_run_while_the_first_is_sending_sends_no_second_digest(monkeypatch):
    dsl = user_with_role(Role.DSL, notification_email=EmailPreference.DAILY)
    notify(users=[dsl], kind="test", title="A referral changed")
    sending, go_on = threading.Event(), threading.Event()
    send = notifications._send

    def slow_send(user, subject, lines) -> None:
        if not sending.is_set():
            sending.set()
            go_on.wait(timeout=30)
        send(user, subject, lines)

    monkeypatch.setattr(notifications, "_send", slow_send)

    def run() -> None:
        try:
            notification_digests_send()
        finally:
            connection.close()

    first = threading.Thread(target=run)
    first.start()
    assert sending.wait(timeout=30)
    notify(users=[dsl], kind="test", title="A pupil has a new trigger point")
    second = threading.Thread(target=run)
    second.start()
    _waiting_for_a_lock(second)
    go_on.set()
    first.join(timeout=30)
    second.join(timeout=30)

    assert len(mail.outbox) == 1
    assert "A referral changed" in mail.outbox[0].body
