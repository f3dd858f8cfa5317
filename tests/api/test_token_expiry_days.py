"""A token "for N days" ends N days later by the London calendar, at the time of day
it was made, also when the clocks change in between: counted in hours, a token made
at 00:30 BST on 1 October for 30 days ended at 23:30 on 30 October, and the tokens
page told an administrator it expires on 30 October."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from accounts.roles import Role
from accounts.services.api_tokens import token_create
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("made", "ends"),
    [
        (datetime(2026, 9, 30, 23, 30, tzinfo=UTC), datetime(2026, 10, 31, 0, 30, tzinfo=UTC)),
        (datetime(2027, 3, 1, 0, 30, tzinfo=UTC), datetime(2027, 3, 30, 23, 30, tzinfo=UTC)),
    ],
    ids=["into GMT", "into BST"],
)
def test_a_token_ends_on_the_day_its_days_say(monkeypatch, made, ends):
    monkeypatch.setattr(timezone, "now", lambda: made)
    token, _ = token_create(by=None, user=user_with_role(Role.DSL), name="nightly", days=30)
    token.refresh_from_db()
    assert token.expiry == ends
    assert timezone.localtime(token.expiry).time() == timezone.localtime(made).time()
