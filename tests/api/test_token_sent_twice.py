"""The "Create token" form sent twice (a double click, or Back and send again): the
browser shows only the answer to the second send, so a second token would be live with a
secret nobody saw. One token is made, and the second answer says what happened."""

from datetime import timedelta

import pytest
from django.urls import reverse

from accounts.models import ApiToken
from accounts.roles import Role
from accounts.services.api_tokens import TokenRefused, token_create
from tests.concurrency import at_once
from tests.factories.access import user_with_role


@pytest.fixture
def account(db):
    return user_with_role(Role.DATA_OFFICER, is_service_account=True, display_name="Police extract")


def _send(client, account, name="nightly"):
    return client.post(
        reverse("api_tokens:create"), {"token-user": account.pk, "token-name": name, "token-days": 30}
    )


@pytest.mark.django_db
def test_the_form_sent_twice_makes_one_token_and_says_why(client, password, account):
    administrator = user_with_role(Role.ADMINISTRATOR)
    client.login(email=administrator.email, password=password)

    first, second = _send(client, account), _send(client, account, name=" Nightly ")

    assert 'id="new-token"' in first.content.decode()
    html = second.content.decode()
    assert 'id="new-token"' not in html
    assert "There is a problem" in html
    assert "You made the token “nightly” for Police extract at " in html
    assert "the form was probably sent twice, so no second token was made" in html
    assert "If you did not copy it, revoke that token below and make another." in html
    assert ApiToken.objects.filter(user=account).count() == 1


@pytest.mark.django_db
def test_another_name_another_administrator_or_later_makes_another_token(client, password, account):
    """Rotating a token means making its successor, often of the same name, before the
    old one is revoked: only the same form sent twice moments apart is refused."""
    administrator = user_with_role(Role.ADMINISTRATOR)
    colleague = user_with_role(Role.ADMINISTRATOR)
    made, _ = token_create(by=administrator, user=account, name="nightly", days=30)

    token_create(by=administrator, user=account, name="weekly", days=30)
    token_create(by=colleague, user=account, name="nightly", days=30)
    ApiToken.objects.filter(pk=made.pk).update(created=made.created - timedelta(minutes=3))
    token_create(by=administrator, user=account, name="nightly", days=30)

    assert ApiToken.objects.filter(user=account).count() == 4


@pytest.mark.django_db(transaction=True)
def test_two_sends_at_the_same_moment_make_one_token(account):
    administrator = user_with_role(Role.ADMINISTRATOR)

    def make() -> object:
        return token_create(by=administrator, user=account, name="nightly", days=30)

    outcomes = at_once(make, make)

    assert ApiToken.objects.filter(user=account).count() == 1
    refused = [o for o in outcomes if not isinstance(o, tuple)]
    assert [type(o) for o in refused] == [TokenRefused], refused
