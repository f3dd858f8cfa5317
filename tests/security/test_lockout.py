"""Repeated failed sign-ins lock out the email tried, from any address, for a cool-off
period (not the address: a school office shares one), with a message that does not say
whether the account exists; IG sees each lockout as an anomaly."""

import datetime
import re

import pytest
from axes.models import AccessFailureLog
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.selectors_anomalies import anomalies, anomaly_by_key
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db


def _try(client, email, password, **extra):
    return client.post(reverse("login"), {"username": email, "password": password}, **extra)


def test_five_failures_lock_out_even_the_right_password(client, password, settings):
    user = user_with_role(Role.DSL)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _try(client, user.email, "wrong-password").status_code == 200
    locked = _try(client, user.email, "wrong-password")
    assert locked.status_code == 429
    assert "too many failed attempts to sign in. Wait 15 minutes" in locked.content.decode()
    assert _try(Client(), user.email, password).status_code == 429, "the email is locked from anywhere"
    assert "_auth_user_id" not in client.session


def test_the_lockout_message_is_the_same_for_an_account_that_does_not_exist(client, settings):
    user = user_with_role(Role.DSL)
    pages = {}
    for email in (user.email, "nobody@example.org"):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            response = _try(Client(REMOTE_ADDR=f"10.0.0.{len(pages) + 1}"), email, "wrong-password")
        pages[email] = response
    exists, missing = (pages[e] for e in (user.email, "nobody@example.org"))
    assert exists.status_code == missing.status_code == 429
    assert _page(exists, user.email) == _page(missing, "nobody@example.org")


def _page(response, email: str) -> str:
    """The page without what differs on every response (nonce, CSRF token) or the email typed."""
    html = response.content.decode().replace(email, "EMAIL")
    return re.sub(r'(nonce|value)="[A-Za-z0-9+/=]{16,}"', "", html)


def test_failures_count_against_the_email_tried_not_the_address(settings):
    """Each email is counted on its own: an address that tried many emails once each
    locks none of them, and nobody else behind it."""
    client = Client(REMOTE_ADDR="192.0.2.7")
    for n in range(settings.AXES_FAILURE_LIMIT + 1):
        assert _try(client, f"guess{n}@example.org", "wrong-password").status_code == 200
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _try(client, "guess0@example.org", "wrong-password")
    assert _try(Client(REMOTE_ADDR="192.0.2.8"), "guess0@example.org", "x").status_code == 429


def test_after_the_cool_off_the_right_password_works_again(client, password, settings):
    user = user_with_role(Role.DSL)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(client, user.email, "wrong-password")
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(1)
    )
    response = _try(client, user.email, password)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_address_is_read_only_through_trusted_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(settings.AXES_FAILURE_LIMIT):
        _try(
            Client(REMOTE_ADDR="198.51.100.1"),
            f"x{n}@example.org",
            "bad",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    assert set(AccessFailureLog.objects.values_list("ip_address", flat=True)) == {"198.51.100.1"}


def test_ig_sees_one_anomaly_per_lockout(settings):
    user = user_with_role(Role.TASKFORCE)
    client = Client(REMOTE_ADDR="192.0.2.50")
    for _ in range(settings.AXES_FAILURE_LIMIT + 3):
        _try(client, user.email.upper(), "wrong-password")
    now = timezone.now()
    found = [a for a in anomalies(since=now - datetime.timedelta(hours=1), until=now) if a.kind == "lockout"]
    assert len(found) == 1
    assert found[0].actor_id == user.pk
    assert found[0].actor_label == f"{user.email} from 192.0.2.50"
    assert anomaly_by_key(found[0].key).key == found[0].key
    ig = user_with_role(Role.IG_OFFICER)
    ig_client = Client()
    ig_client.force_login(ig)
    html = ig_client.get(reverse("access_log:anomalies")).content.decode()
    assert "Sign-in locked out after repeated failures" in html
    assert f"{user.email} from 192.0.2.50" in html, "the email tried, not the account holder's name"


def test_another_accounts_sign_in_from_the_same_address_forgives_nothing(password, settings):
    """axes' reset on success deleted every failure from the signing-in address: someone
    with an account of their own (or anyone in an office behind one address) could guess
    a colleague's password without end, signing in to their own between guesses."""
    victim = user_with_role(Role.DSL)
    insider = user_with_role(Role.HEAD_TEACHER)
    attacker = Client(REMOTE_ADDR="192.0.2.20")
    failures = []
    for _ in range(2):
        failures += [_try(attacker, victim.email, "wrong-password").status_code for _ in range(4)]
        _try(Client(REMOTE_ADDR="192.0.2.20"), insider.email, password)
    assert failures[settings.AXES_FAILURE_LIMIT - 1] == 429
    assert _try(Client(REMOTE_ADDR="198.51.100.5"), victim.email, password).status_code == 429


def test_signing_in_forgives_ones_own_earlier_failures(password, settings):
    user = user_with_role(Role.DSL)
    client = Client(REMOTE_ADDR="192.0.2.30")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _try(client, user.email, "wrong-password")
    assert _try(client, user.email, password).status_code == 302
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _try(Client(REMOTE_ADDR="192.0.2.30"), user.email, "wrong-password").status_code == 200


def test_an_administrator_clears_a_lockout_in_the_admin(client, password, settings):
    """Someone locked out rings the service desk: the administrator finds the attempts
    by their email in the admin and deletes them, and the right password works at once
    (docs/security.md). The failures stay in the failure log, which they may read."""
    from axes.models import AccessAttempt

    user = user_with_role(Role.DSL)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(client, user.email, "wrong-password")
    assert _try(client, user.email, password).status_code == 429
    administrator = Client()
    administrator.force_login(user_with_role(Role.ADMINISTRATOR))
    index = administrator.get(reverse("admin:index")).content.decode()
    assert reverse("admin:axes_accessattempt_changelist") in index
    listed = administrator.get(reverse("admin:axes_accessattempt_changelist"), {"q": user.email})
    assert listed.status_code == 200
    assert user.email in listed.content.decode()
    attempt = AccessAttempt.objects.get(username=user.email)
    delete = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    deleted = administrator.post(delete, {"post": "yes"})
    assert deleted.status_code == 302
    assert _try(client, user.email, password).status_code == 302
    failures = administrator.get(reverse("admin:axes_accessfailurelog_changelist"))
    assert failures.status_code == 200
    assert user.email in failures.content.decode()


def test_a_colleague_at_the_same_address_signs_in_while_the_mistyper_stays_locked(password, settings):
    """A school office shares one address: one person mistyping must not lock out their
    colleagues, nor count a colleague's right password as a failure."""
    from axes.models import AccessAttempt

    mistyper = user_with_role(Role.DSL)
    colleague = user_with_role(Role.HEAD_TEACHER)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(Client(REMOTE_ADDR="192.0.2.40"), mistyper.email, "wrong-password")
    assert _try(Client(REMOTE_ADDR="192.0.2.40"), mistyper.email, password).status_code == 429
    assert _try(Client(REMOTE_ADDR="192.0.2.40"), colleague.email, password).status_code == 302
    assert not AccessAttempt.objects.filter(username=colleague.email, failures_since_start__gt=0).exists()


def test_deleting_attempts_names_the_email_each_was_for(client, settings):
    """axes names an attempt "Attempted Access: <time>": the administrator clearing a
    lockout checks the email before deleting."""
    from axes.models import AccessAttempt

    user = user_with_role(Role.DSL)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(client, user.email, "wrong-password")
    administrator = Client()
    administrator.force_login(user_with_role(Role.ADMINISTRATOR))
    attempt = AccessAttempt.objects.get(username=user.email)
    one = administrator.get(reverse("admin:axes_accessattempt_delete", args=[attempt.pk])).content.decode()
    selected = administrator.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [attempt.pk]},
    ).content.decode()
    for page in (one, selected):
        assert "Attempted Access" not in page
        assert user.email in page
