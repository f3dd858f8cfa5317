"""Break-glass asked twice at the same moment (a double click, an API client's retry
while the first request is still running): one break-glass for IG to review, not two."""

import threading

import pytest
from django.db import connection

from accounts.models import BreakGlass
from accounts.roles import Role
from accounts.services.break_glass import break_glass_open
from tests.factories import PersonFactory
from tests.factories.access import user_with_role

REASON = "Police called: missing overnight, urgent welfare check"


@pytest.mark.django_db(transaction=True)
def test_two_requests_at_once_open_one_break_glass():
    officer, person = user_with_role(Role.TASKFORCE), PersonFactory()
    start = threading.Barrier(2)
    opened: list[int] = []

    def ask() -> None:
        try:
            start.wait(timeout=10)
            opened.append(break_glass_open(by=officer, person=person, reason=REASON).pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert BreakGlass.objects.count() == 1
    assert opened == [BreakGlass.objects.get().pk] * 2
