"""Two administrators (or one double click) making the same service account at the same
moment: one account, and the other is told it exists, never a server error."""

import threading

import pytest
from django.db import connection

from accounts.models import User
from accounts.roles import Role
from accounts.services.api_tokens import TokenRefused, service_account_create

EMAIL = "police-extract@northbridge.example"


@pytest.mark.django_db(transaction=True)
def test_the_same_service_account_made_twice_at_once_is_made_once():
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def make() -> None:
        try:
            start.wait(timeout=10)
            outcomes.append(
                service_account_create(
                    by=None, email=EMAIL, display_name="Police extract", role=Role.DATA_OFFICER
                )
            )
        except Exception as error:  # noqa: BLE001 - the test reports whatever reached the caller
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=make) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert User.objects.filter(email=EMAIL).count() == 1
    refused = [o for o in outcomes if not isinstance(o, User)]
    assert [type(o) for o in refused] == [TokenRefused], refused
    assert str(refused[0]) == f"An account with the email {EMAIL} already exists."
