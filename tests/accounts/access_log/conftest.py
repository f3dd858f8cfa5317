"""The IG officer and their signed-in client, shared by the IG pages' tests."""

import pytest

from accounts.roles import Role
from tests.accounts.access_log.ig import client_for
from tests.factories import UserFactory


@pytest.fixture
def ig(db):
    return UserFactory(role=Role.IG_OFFICER, display_name="Iris Governance")


@pytest.fixture
def ig_client(ig):
    return client_for(ig)
