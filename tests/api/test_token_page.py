"""Administrators make service accounts and tokens, see each token once, and revoke them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import ApiToken, User
from accounts.roles import Role
from tests.api.conftest import token_for
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, password):
    administrator = user_with_role(Role.ADMINISTRATOR)
    assert client.login(email=administrator.email, password=password)
    return client


def test_an_administrator_makes_a_service_account_and_sees_its_token_once(admin_client):
    response = admin_client.post(
        reverse("api_tokens:service_account"),
        {"account-display_name": "Police nightly extract", "account-email": "police-extract@example.org",
         "account-role": "data_officer"},
    )  # fmt: skip
    assert response.status_code == 302
    account = User.objects.get(email="police-extract@example.org")
    assert account.is_service_account
    assert account.role == Role.DATA_OFFICER
    made = admin_client.post(
        reverse("api_tokens:create"), {"token-user": account.pk, "token-name": "nightly", "token-days": 30}
    )
    assert made.status_code == 200
    assert "no-store" in made["Cache-Control"]
    token = ApiToken.objects.get(user=account)
    html = made.content.decode()
    secret = html.split('id="new-token">')[1].split("<")[0]
    assert secret.startswith(token.token_key)
    assert "docs/api.md" not in html, "a file in the code's repository, not something an administrator has"
    assert f'href="{reverse("api:docs")}">API documentation</a>' in html
    again = admin_client.get(reverse("api_tokens:index")).content.decode()
    assert secret not in again
    assert token.token_key in again


def test_a_token_is_only_for_a_service_account(admin_client):
    person = user_with_role(Role.DSL)
    response = admin_client.post(
        reverse("api_tokens:create"), {"token-user": person.pk, "token-name": "x", "token-days": 30}
    )
    assert "There is a problem" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_an_administrator_revokes_a_token(admin_client):
    account = user_with_role(Role.DATA_OFFICER, is_service_account=True)
    token_for(account)
    token = ApiToken.objects.get(user=account)
    response = admin_client.post(reverse("api_tokens:revoke"), {"token": token.digest}, follow=True)
    assert "is revoked" in response.content.decode()
    assert not ApiToken.objects.exists()
    response = admin_client.post(reverse("api_tokens:revoke"), {"token": "x" * 500}, follow=True)
    assert "no longer exists" in response.content.decode()
    # A NUL byte is refused for every page by portal/input_guard.py, with a clear 400.
    assert admin_client.post(reverse("api_tokens:revoke"), {"token": "\x00" * 500}).status_code == 400


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMINISTRATOR])
def test_only_administrators_manage_tokens(client, password, role):
    user = user_with_role(role)
    client.login(email=user.email, password=password)
    assert client.get(reverse("api_tokens:index")).status_code == 403
    assert client.post(reverse("api_tokens:revoke"), {"token": "x"}).status_code == 403


def test_an_expired_token_is_listed_as_expired(admin_client):
    """An expired token is kept until revoked (each try is told it expired), so the page
    listed it like any working token."""
    from datetime import timedelta

    from django.utils import timezone

    account = user_with_role(Role.DATA_OFFICER, is_service_account=True)
    token_for(account)
    token_for(account)
    expired = ApiToken.objects.filter(user=account).first()
    ApiToken.objects.filter(pk=expired.pk).update(expiry=timezone.now() - timedelta(days=1))
    rows = admin_client.get(reverse("api_tokens:index")).content.decode().split("<tr")
    [expired_row] = [row for row in rows if expired.token_key in row]
    [working_row] = [row for row in rows if account.email in row and expired.token_key not in row]
    assert "Expired" in expired_row
    assert "Expired" not in working_row


def _page_queries(admin_client) -> int:
    with CaptureQueriesContext(connection) as queries:
        html = admin_client.get(reverse("api_tokens:index")).content.decode()
    assert "Data officer" in html
    return len(queries)


def test_the_page_does_not_grow_queries_with_its_accounts_and_tokens(admin_client):
    """Each account is shown with its role, in the list and in the form's choices: the
    roles are read for every account at once, not once a row."""
    token_for(user_with_role(Role.DATA_OFFICER, is_service_account=True))
    _page_queries(admin_client)  # the first request after signing in costs a few more
    one = _page_queries(admin_client)
    for role in (Role.DATA_OFFICER, Role.TASKFORCE, Role.IG_OFFICER):
        token_for(user_with_role(role, is_service_account=True))
    assert _page_queries(admin_client) == one


def test_a_service_accounts_role_is_chosen_not_defaulted(admin_client):
    """The form offered Head teacher first and selected, so an account made in a hurry got
    a school role it has no school for."""
    page = admin_client.get(reverse("api_tokens:index")).content.decode()
    assert '<option value="" selected>Choose a role</option>' in page
    response = admin_client.post(
        reverse("api_tokens:service_account"),
        {"account-display_name": "Police nightly extract", "account-email": "police-extract@example.org",
         "account-role": ""},
    )  # fmt: skip
    assert "Select the role the integration acts with" in response.content.decode()
    assert not User.objects.filter(email="police-extract@example.org").exists()
