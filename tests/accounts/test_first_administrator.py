"""A new council's first administrator (docs/deployment.md). Users are otherwise made in
the Django admin, which only an administrator may open; `createsuperuser` makes a
superuser with no role, whom the admin refuses and guardian would let see everything."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from accounts.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def create(*args: str) -> str:
    out = StringIO()
    call_command("create_administrator", *args, stdout=out)
    return out.getvalue()


def test_the_first_administrator_has_the_role_and_no_password_yet(settings):
    settings.PORTAL_BASE_URL = "https://safe.council.example"
    said = create("Ann.Example@Council.Example", "Ann Example")
    admin = User.objects.get(email="ann.example@council.example")
    assert admin.role == Role.ADMINISTRATOR
    assert admin.display_name == "Ann Example"
    assert admin.is_active
    assert admin.is_staff
    assert not admin.is_superuser
    assert not admin.has_usable_password()
    assert "https://safe.council.example/password-reset/" in said
    assert "authenticator" in said


def test_an_existing_account_is_left_alone():
    existing = UserFactory(email="ann.example@council.example")
    with pytest.raises(CommandError, match="already has an account"):
        create("ann.example@council.example", "Ann Example")
    existing.refresh_from_db()
    assert existing.role is None
    assert not existing.is_staff


def test_an_address_that_is_not_an_email_is_refused():
    with pytest.raises(CommandError, match="not an email address"):
        create("ann.example", "Ann Example")
    assert not User.objects.exists()
