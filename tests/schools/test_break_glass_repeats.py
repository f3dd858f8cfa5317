"""Break-glass asked twice at the same moment (a double click, an API client's retry
while the first request is still running): one break-glass for IG to review, not two."""

import pytest

from accounts.models import BreakGlass
from accounts.roles import Role
from accounts.services.break_glass import break_glass_open
from tests.concurrency import at_once
from tests.factories import PersonFactory
from tests.factories.access import user_with_role

REASON = "Police called: missing overnight, urgent welfare check"


@pytest.mark.django_db(transaction=True)
def test_two_requests_at_once_open_one_break_glass():
    officer, person = user_with_role(Role.TASKFORCE), PersonFactory()

    def ask() -> BreakGlass:
        return break_glass_open(by=officer, person=person, reason=REASON)

    opened = [grant.pk for grant in at_once(ask, ask)]

    assert BreakGlass.objects.count() == 1
    assert opened == [BreakGlass.objects.get().pk] * 2
