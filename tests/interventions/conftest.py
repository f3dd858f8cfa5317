"""The taskforce officer most of the work queue's tests act as."""

import pytest
from django.test import Client

from accounts.roles import Role
from tests.factories.access import user_with_role


@pytest.fixture
def taskforce():
    return user_with_role(Role.TASKFORCE)


@pytest.fixture
def officer(taskforce) -> Client:
    """The taskforce officer, signed in (test_triage.py's `officer` is the user alone)."""
    client = Client()
    client.force_login(taskforce)
    return client
