"""An expired token is told so, with where a new one comes from: knox answered "Invalid
token." as for a typo, and deleted the token, so the integrator hunted for a typo."""

from datetime import UTC, datetime

import pytest
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.roles import Role
from accounts.services.api_tokens import token_revoke
from tests.api.conftest import token_for
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db
ME = "/api/v1/me/"
EXPIRED = (
    "This token expired on 5 December 2026. A token is not renewed: ask an administrator to make a "
    "new one on the API tokens page (/api-tokens/)."
)


def _client(secret: str) -> APIClient:
    return APIClient(HTTP_AUTHORIZATION=f"Token {secret}")


def test_an_expired_token_says_it_expired_and_where_a_new_one_comes_from_every_time():
    user = user_with_role(Role.DATA_OFFICER)
    secret = token_for(user)
    ApiToken.objects.filter(user=user).update(expiry=datetime(2026, 12, 5, 9, tzinfo=UTC))
    for _ in range(2):
        answer = _client(secret).get(ME)
        assert (answer.status_code, answer.json()) == (401, {"detail": EXPIRED})
        assert answer["WWW-Authenticate"] == "Token"
    assert ApiToken.objects.filter(user=user).exists(), "kept, and listed as expired, until revoked"


def test_only_the_holder_of_the_secret_learns_that_it_expired():
    user = user_with_role(Role.DATA_OFFICER)
    secret = token_for(user)
    ApiToken.objects.filter(user=user).update(expiry=datetime(2026, 12, 5, 9, tzinfo=UTC))
    mistyped = secret[:-1] + ("a" if secret[-1] != "a" else "b")
    answer = _client(mistyped).get(ME)
    assert (answer.status_code, answer.json()) == (401, {"detail": "Invalid token."})


def test_a_revoked_token_is_invalid_not_expired():
    user = user_with_role(Role.DATA_OFFICER)
    secret = token_for(user)
    token_revoke(by=None, token=ApiToken.objects.get(user=user))
    answer = _client(secret).get(ME)
    assert (answer.status_code, answer.json()) == (401, {"detail": "Invalid token."})


def test_a_working_token_still_works():
    assert _client(token_for(user_with_role(Role.DATA_OFFICER))).get(ME).status_code == 200
