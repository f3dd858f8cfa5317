"""Anomalies across the clocks going back (25 October 2026): the hour from 01:00 to
02:00 local time happens twice, once in BST and once in GMT. Each is an hour of its own
for the volume check, and an anomaly's key finds its hour again for the review page."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.selectors_anomalies import anomalies, anomaly_by_key
from tests.factories import AccessLogEntryFactory, PersonFactory, UserFactory
from tests.page_text import page_text

pytestmark = pytest.mark.django_db

SINCE = datetime(2026, 10, 24, 23, 0, tzinfo=UTC)  # midnight BST, 25 October
UNTIL = datetime(2026, 10, 26, 0, 0, tzinfo=UTC)  # midnight GMT, 26 October
FIRST_ONE_AM = datetime(2026, 10, 25, 0, 10, tzinfo=UTC)  # 01:10 BST
SECOND_ONE_AM = datetime(2026, 10, 25, 1, 10, tzinfo=UTC)  # 01:10 GMT


def volume(found: list) -> list:
    return [a for a in found if a.kind == "volume"]


def test_the_two_one_oclock_hours_are_counted_apart(settings):
    settings.ACCESS_ANOMALY_RECORDS_PER_HOUR = 4
    user = UserFactory(role=Role.TASKFORCE)
    AccessLogEntryFactory(actor=user, persons=PersonFactory.create_batch(3), at=FIRST_ONE_AM)
    AccessLogEntryFactory(actor=user, persons=PersonFactory.create_batch(3), at=SECOND_ONE_AM)
    assert volume(anomalies(since=SINCE, until=UNTIL)) == []


def test_a_busy_second_one_oclock_is_found_again_by_its_key(settings):
    settings.ACCESS_ANOMALY_RECORDS_PER_HOUR = 4
    user = UserFactory(role=Role.TASKFORCE)
    AccessLogEntryFactory(actor=user, persons=PersonFactory.create_batch(2), at=FIRST_ONE_AM)
    AccessLogEntryFactory(actor=user, persons=PersonFactory.create_batch(5), at=SECOND_ONE_AM)
    (found,) = volume(anomalies(since=SINCE, until=UNTIL))
    assert (found.at, found.records) == (datetime(2026, 10, 25, 1, 0, tzinfo=UTC), 5)
    again = anomaly_by_key(found.key)
    assert again is not None
    assert again.records == 5


def test_the_pages_tell_the_two_one_oclock_hours_apart_by_their_zone(settings, ig_client):
    settings.ACCESS_ANOMALY_RECORDS_PER_HOUR = 4
    user = UserFactory(role=Role.TASKFORCE)
    AccessLogEntryFactory(actor=user, persons=PersonFactory.create_batch(5), at=FIRST_ONE_AM)
    AccessLogEntryFactory(actor=user, persons=PersonFactory.create_batch(5), at=SECOND_ONE_AM)
    listed = page_text(
        ig_client.get(reverse("access_log:anomalies"), {"date_from": "2026-10-25", "date_to": "2026-10-25"})
    )
    assert "25 Oct 2026, 01:00 BST to 01:00 GMT" in listed
    assert "25 Oct 2026, 01:00 to 02:00 GMT" in listed
    (second,) = [
        a
        for a in volume(anomalies(since=SINCE, until=UNTIL))
        if a.at == datetime(2026, 10, 25, 1, 0, tzinfo=UTC)
    ]
    review = page_text(ig_client.get(reverse("access_log:anomaly_review", args=[second.key])))
    assert "25 October 2026, 01:00 to 02:00 GMT" in review
