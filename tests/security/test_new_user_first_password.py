"""A user an administrator adds has no password (the admin never sees or chooses one):
they set their own with the emailed link of "Forgotten your password?". Django's reset
form sends that link only to accounts with a usable password, so a new user could never
sign in at all."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from tests.factories import SchoolFactory
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a passphrase of my own choosing"


def _add_user_as_administrator(password: str) -> tuple[User, str]:
    admin = user_with_role(Role.ADMINISTRATOR, is_staff=True)
    client = Client()
    client.login(email=admin.email, password=password)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "new.dsl@example.org",
            "display_name": "Nina New",
            "job_title": "DSL",
            "role": "dsl",
            "school": SchoolFactory().pk,
        },
        follow=True,
    )
    assert response.status_code == 200
    return User.objects.get(email="new.dsl@example.org"), response.content.decode()


def test_a_user_the_administrator_adds_sets_their_password_from_the_emailed_link(password):
    user, page = _add_user_as_administrator(password)
    assert not user.has_usable_password()
    assert "“Forgotten your password?”" in page, "the administrator is told how the user signs in"

    client = Client()
    client.post(reverse("password_reset"), {"email": "new.dsl@example.org"})

    assert len(mail.outbox) == 1
    path = re.search(r"http://\S+", mail.outbox[0].body).group(0).removeprefix("http://127.0.0.1:8000")
    form = client.get(path, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_service_accounts_and_deactivated_users_are_sent_no_link():
    service = user_with_role(Role.DATA_OFFICER, is_service_account=True)
    service.set_unusable_password()
    service.save()
    gone = user_with_role(Role.DSL, is_active=False)
    for user in (service, gone):
        Client().post(reverse("password_reset"), {"email": user.email})
    assert mail.outbox == []
