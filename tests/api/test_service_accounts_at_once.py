"""Two administrators (or one double click) making the same service account at the same
moment: one account, and the other is told it exists, never a server error."""

import pytest

from accounts.models import User
from accounts.roles import Role
from accounts.services.api_tokens import TokenRefused, service_account_create
from tests.concurrency import at_once

EMAIL = "police-extract@northbridge.example"


@pytest.mark.django_db(transaction=True)
def test_the_same_service_account_made_twice_at_once_is_made_once():
    def make() -> User:
        return service_account_create(
            by=None, email=EMAIL, display_name="Police extract", role=Role.DATA_OFFICER
        )

    outcomes = at_once(make, make)

    assert User.objects.filter(email=EMAIL).count() == 1
    refused = [o for o in outcomes if not isinstance(o, User)]
    assert [type(o) for o in refused] == [TokenRefused], refused
    assert str(refused[0]) == f"An account with the email {EMAIL} already exists."
