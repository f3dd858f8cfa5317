"""Two digest runs at once (beat retried, or a run by hand while beat's is sending): each
user still gets one digest a day, also when a notification arrives in between."""

import pytest
from django.core import mail

from accounts.models import EmailPreference
from accounts.roles import Role
from accounts.services import notifications
from accounts.services.notifications import notification_digests_send, notify
from tests.concurrency import Pause, one_waiting_for_the_other
from tests.factories.access import user_with_role


@pytest.mark.django_db(transaction=True)
def test_a_second_run_while_the_first_is_sending_sends_no_second_digest(monkeypatch):
    dsl = user_with_role(Role.DSL, notification_email=EmailPreference.DAILY)
    notify(users=[dsl], kind="test", title="A referral changed")
    pause = Pause()
    monkeypatch.setattr(notifications, "_send", pause.wrap(notifications._send))

    one_waiting_for_the_other(
        notification_digests_send,
        pause,
        meanwhile=lambda: notify(users=[dsl], kind="test", title="A pupil has a new trigger point"),
    )

    assert len(mail.outbox) == 1
    assert "A referral changed" in mail.outbox[0].body
