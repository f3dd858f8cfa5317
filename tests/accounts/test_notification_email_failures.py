"""When the task queue or the mail server lets an email down, nothing is lost and
nothing goes twice: the change that caused it stands, what was sent stays sent, and the
rest goes later, once."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from kombu.exceptions import OperationalError

from accounts import tasks
from accounts.models import EmailPreference, Notification
from accounts.roles import Role
from accounts.services import notifications
from accounts.services.notifications import (
    notification_digests_send,
    notifications_email,
    notifications_email_pending,
    notify,
)
from tests.factories.access import user_with_role


def each(n: int) -> list:
    return [user_with_role(Role.DSL, notification_email=EmailPreference.EACH) for _ in range(n)]


@pytest.fixture
def mail_server_down_after(monkeypatch):
    """The mail server takes `n` emails, then refuses every one until `.up()`."""

    class Server:
        taken = 0
        limit: int | None = None

        def up(self) -> None:
            self.limit = None

    server = Server()
    send = notifications.send_mail

    def send_mail(**kwargs) -> int:
        if server.limit is not None and server.taken >= server.limit:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        server.taken += 1
        return send(**kwargs)

    monkeypatch.setattr(notifications, "send_mail", send_mail)

    def down_after(n: int) -> Server:
        server.limit = n
        return server

    return down_after


def test_a_task_queue_that_is_down_does_not_undo_the_change_and_the_sweep_sends_it(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    (dsl,) = each(1)

    def broker_down(*args: object) -> None:
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.email_notifications_task, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        assert notify(users=[dsl], kind="test", title="A referral was accepted") == 1
    assert Notification.objects.get().emailed_at is None
    assert mail.outbox == []

    assert notifications_email_pending(now=timezone.now() + timedelta(minutes=1)) == 0, "not yet"
    assert notifications_email_pending(now=timezone.now() + timedelta(minutes=6)) == 1
    assert notifications_email_pending(now=timezone.now() + timedelta(minutes=16)) == 0
    assert [m.to for m in mail.outbox] == [[dsl.email]]


def test_a_mail_server_that_fails_half_way_keeps_what_was_sent_and_sends_the_rest_once(
    db, mail_server_down_after
):
    users = each(3)
    for user in users:
        notify(users=[user], kind="test", title="A referral was accepted")
    server = mail_server_down_after(1)

    assert notifications_email(ids=Notification.objects.values_list("pk", flat=True)) == 1
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 1

    server.up()
    later = timezone.now() + timedelta(minutes=6)
    assert notifications_email_pending(now=later) == 2
    assert notifications_email_pending(now=later + timedelta(minutes=10)) == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)


def test_the_sweep_leaves_a_day_old_email_and_the_digest_users_alone(db):
    (late,) = each(1)
    daily = user_with_role(Role.DSL, notification_email=EmailPreference.DAILY)
    notify(users=[late, daily], kind="test", title="A referral was accepted")
    Notification.objects.update(emailed_at=None)
    mail.outbox.clear()

    assert notifications_email_pending(now=timezone.now() + timedelta(days=1, minutes=1)) == 0
    assert mail.outbox == []


def test_a_digest_the_mail_server_refuses_goes_in_the_next_run_and_the_others_stay_sent(
    db, mail_server_down_after
):
    users = [user_with_role(Role.DSL, notification_email=EmailPreference.DAILY) for _ in range(3)]
    for user in users:
        notify(users=[user], kind="test", title="A pupil has a new trigger point")
    server = mail_server_down_after(1)

    assert notification_digests_send() == 1
    server.up()
    assert notification_digests_send() == 2
    assert notification_digests_send() == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)
