"""Passwords: Argon2, at least 12 characters and not a common one; reset by a single-use,
time-limited emailed link that ends every other session."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse

from accounts.roles import Role
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db
BASE_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


@override_settings(PASSWORD_HASHERS=BASE_HASHERS)
def test_passwords_are_hashed_with_argon2():
    from portal.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    user = user_with_role(Role.DSL)
    user.set_password("a long and unusual passphrase")
    assert user.password.startswith("argon2$argon2id$")


@pytest.mark.parametrize("weak", ["short-pass1", "password1234", "123456789012"])
def test_short_common_or_numeric_passwords_are_refused(weak):
    with pytest.raises(ValidationError):
        validate_password(weak)


def _reset_link(client: Client, email: str) -> str:
    response = client.post(reverse("password_reset"), {"email": email})
    assert response.status_code == 302
    return re.search(r"http://\S+", mail.outbox[-1].body).group(0)


def test_the_reset_link_sets_a_new_password_once_and_ends_other_sessions(client):
    user = user_with_role(Role.DSL)
    elsewhere = Client()
    elsewhere.force_login(user)
    assert elsewhere.get("/").status_code == 200
    link = _reset_link(client, user.email)
    assert link.startswith("http://127.0.0.1:8000/password-reset/"), (
        "from PORTAL_BASE_URL, not the Host header"
    )
    path = link.removeprefix("http://127.0.0.1:8000")
    form = client.get(path, follow=True)
    assert "Set a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "an entirely new passphrase", "new_password2": "an entirely new passphrase"},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("an entirely new passphrase")
    assert elsewhere.get("/").status_code == 302, "the other session ended"
    again = Client().get(path, follow=True)
    assert "This link does not work" in again.content.decode()


def test_the_reset_page_says_the_same_for_an_unknown_email(client):
    known = user_with_role(Role.DSL)
    for email in (known.email, "nobody@example.org"):
        response = client.post(reverse("password_reset"), {"email": email}, follow=True)
        assert "If the address you entered belongs to an account" in response.content.decode()
    assert len(mail.outbox) == 1


def test_an_expired_link_does_not_work(client, settings):
    user = user_with_role(Role.DSL)
    path = _reset_link(client, user.email).removeprefix("http://127.0.0.1:8000")
    settings.PASSWORD_RESET_TIMEOUT = -1
    assert "This link does not work" in client.get(path, follow=True).content.decode()
