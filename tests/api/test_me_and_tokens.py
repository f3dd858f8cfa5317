"""Authentication: tokens bound to a user, hashed, expiring, revocable; service accounts
that never sign in to the pages; the browser's session with CSRF."""

import logging
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.roles import Role
from accounts.services.api_tokens import (
    LAST_USED_EVERY,
    TokenRefused,
    service_account_create,
    token_create,
    token_revoke,
    token_used,
)
from accounts.services.users import user_deactivate
from tests.api.conftest import client_for
from tests.factories import SchoolFactory
from tests.factories.access import school_staff, user_with_role

pytestmark = pytest.mark.django_db
ME = "/api/v1/me/"


def test_me_names_the_caller_their_role_and_schools():
    school = SchoolFactory()
    head = school_staff(Role.HEAD_TEACHER, school)
    body = client_for(head).get(ME).json()
    assert body["email"] == head.email
    assert body["role"] == {"code": "head_teacher", "label": "Head teacher"}
    assert body["schools"] == [{"id": school.pk, "urn": school.urn, "name": school.name}]
    assert body["token"]["name"] == "test integration"
    assert reverse("api:me") == ME


def test_without_credentials_the_api_answers_401_saying_how_to_authenticate(api_client):
    response = api_client.get(ME)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "header", ["Token nonsense-that-is-not-a-token", "Token safe_\x00abcdefghijklmnop", "Token"]
)
def test_a_bad_token_is_401_never_500(api_client, header):
    response = api_client.get(ME, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert "detail" in response.json()


@pytest.mark.parametrize("scheme", ["Bearer", "bearer"])
def test_a_token_sent_as_bearer_is_told_to_use_the_token_scheme(api_client, scheme):
    """Most integrations send a Bearer token by habit; "credentials were not provided"
    sent their developer looking for a missing header rather than the wrong word."""
    secret = token_create(by=None, user=user_with_role(Role.DATA_OFFICER), name="extract", days=1)[1]
    response = api_client.get(ME, HTTP_AUTHORIZATION=f"{scheme} {secret}")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["detail"] == 'Send the token as "Authorization: Token <token>", not Bearer.'


def test_a_token_is_stored_only_as_a_digest_and_never_logged(caplog):
    caplog.set_level(logging.DEBUG)
    user = user_with_role(Role.DATA_OFFICER)
    token, secret = token_create(by=None, user=user, name="nightly", days=10)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    assert client.get(ME).status_code == 200
    assert secret.startswith("safe_")
    assert secret[15:] not in caplog.text
    with connection.cursor() as cursor:
        cursor.execute("SELECT digest, token_key, name FROM accounts_apitoken")
        stored = " ".join(" ".join(row) for row in cursor.fetchall())
        cursor.execute("SELECT changes::text, object_repr FROM accounts_changelogentry")
        changes = " ".join(" ".join(str(c) for c in row) for row in cursor.fetchall())
    assert secret not in stored
    assert secret not in changes
    assert token.digest != secret


def test_a_token_records_when_it_was_last_used():
    user = user_with_role(Role.DATA_OFFICER)
    client = client_for(user)
    assert ApiToken.objects.get(user=user).last_used_at is None
    client.get(ME)
    assert ApiToken.objects.get(user=user).last_used_at is not None


def test_a_token_in_constant_use_is_written_at_most_once_a_minute():
    user = user_with_role(Role.DATA_OFFICER)
    client_for(user)
    token = ApiToken.objects.get(user=user)
    first = timezone.now()
    token_used(token=token, at=first)
    token_used(token=token, at=first + LAST_USED_EVERY)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    later = first + LAST_USED_EVERY + timedelta(seconds=1)
    token_used(token=token, at=later)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == later


def test_an_expired_token_is_refused():
    user = user_with_role(Role.DATA_OFFICER)
    client = client_for(user)
    ApiToken.objects.filter(user=user).update(expiry=timezone.now() - timedelta(seconds=1))
    assert client.get(ME).status_code == 401


def test_a_revoked_token_is_refused():
    user = user_with_role(Role.DATA_OFFICER)
    client = client_for(user)
    token_revoke(by=None, token=ApiToken.objects.get(user=user))
    assert client.get(ME).status_code == 401


def test_deactivating_a_user_revokes_their_tokens():
    user = user_with_role(Role.DATA_OFFICER)
    client = client_for(user)
    user_deactivate(by=None, user=user)
    assert not ApiToken.objects.filter(user=user).exists()
    assert client.get(ME).status_code == 401


def test_a_user_without_a_role_or_inactive_gets_no_token():
    with pytest.raises(TokenRefused):
        token_create(by=None, user=user_with_role(None), name="x", days=1)
    with pytest.raises(TokenRefused):
        token_create(by=None, user=user_with_role(Role.DSL), name="x", days=10_000)


def test_a_service_account_uses_tokens_and_cannot_sign_in(client, password):
    account = service_account_create(
        by=None,
        email="Police-Extract@northbridge.example",
        display_name="Police extract",
        role=Role.DATA_OFFICER,
    )
    assert account.role == Role.DATA_OFFICER
    assert account.is_service_account
    assert not account.has_usable_password()
    account.set_password(password)
    account.save()
    response = client.post(reverse("login"), {"username": account.email, "password": password})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client_for(account).get(ME).json()["is_service_account"] is True


def test_the_browser_session_works_and_needs_csrf_for_writes(password):
    user = user_with_role(Role.DATA_OFFICER)
    client = APIClient(enforce_csrf_checks=True)
    assert client.login(email=user.email, password=password)
    assert client.get(ME).json()["token"] is None
    assert client.post(ME).status_code == 403


@pytest.mark.password_only
def test_a_session_without_its_second_factor_is_no_session_to_the_api_but_a_token_needs_none(password):
    user = user_with_role(Role.DATA_OFFICER)
    session = APIClient()
    assert session.login(email=user.email, password=password)
    assert session.get(ME).status_code == 401
    assert client_for(user).get(ME).status_code == 200
