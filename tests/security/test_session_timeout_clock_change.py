"""The warning page's "signed out at" when the clocks change before the session ends:
the time is the instant the session ends, shown in London time, not the wall clock
moved on by the minutes left."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from tests.security.test_session_timeout import WARNING, _idle_for, _signed_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("now", "shown"),
    [
        (datetime(2026, 10, 25, 0, 58, tzinfo=UTC), "at 01:02"),  # 01:58 BST, ends 01:02 GMT
        (datetime(2026, 3, 29, 0, 58, tzinfo=UTC), "at 02:02"),  # 00:58 GMT, ends 02:02 BST
    ],
)
def test_the_time_the_session_ends_is_told_in_london_time_across_a_clock_change(
    settings, monkeypatch, now, shown
):
    client = _signed_in()
    _idle_for(client, settings.SESSION_IDLE_MINUTES * 60 - 4 * 60)
    monkeypatch.setattr(timezone, "now", lambda: now)
    page = client.get(WARNING).content.decode()
    assert "you will be signed out in 4 minutes" in page
    assert shown in page
