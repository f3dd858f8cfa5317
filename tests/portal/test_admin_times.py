"""The Django admin names records by their __str__: a time in it is London's, as on every
other page, not the stored UTC an hour behind all summer."""

from datetime import UTC, datetime

from accounts.models import AccessLogEntry, BreakGlass
from stewardship.models import FeedAlert
from tests.factories.accounts import UserFactory

LATE_ON_2_JUNE_UTC = datetime(2026, 6, 2, 23, 30, tzinfo=UTC)


def test_records_in_the_admin_are_named_with_london_times():
    grant = BreakGlass(
        user=UserFactory.build(email="t@example.org"), person_id=7, expires_at=LATE_ON_2_JUNE_UTC
    )
    entry = AccessLogEntry(
        pk=5, actor_label="A Officer", kind="view", route="young_person", at=LATE_ON_2_JUNE_UTC
    )
    alert = FeedAlert(feed_id=3, kind="overdue", raised_at=LATE_ON_2_JUNE_UTC)
    assert str(grant).endswith("until 2026-06-03 00:30")
    assert str(entry).endswith("at 2026-06-03 00:30")
    assert str(alert).endswith("since 2026-06-03")
