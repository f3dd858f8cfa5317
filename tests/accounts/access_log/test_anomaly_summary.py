"""The anomalies page reads its two patterns (more people in an hour than the threshold,
access outside working hours) from a summary worked out once per closed hour. Whatever
the summary holds, the page must find exactly the anomalies the log itself shows: the
same keys, counts, people, users and hours, so IG's reviews still match them."""

from datetime import UTC, datetime, timedelta
from unittest import mock

import pgtrigger
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.access_log import writing
from accounts.models import AccessLogEntry, AnomalyActorHour, AnomalySummaryHour
from accounts.roles import Role
from accounts.selectors_anomalies import anomalies, anomaly_by_key
from accounts.services.anomaly_summary import anomaly_summary_refresh
from tests.factories import AccessLogEntryFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

# The clocks go back on Sunday 25 October 2026: 01:00-02:00 local happens twice.
SINCE = datetime(2026, 10, 22, 23, 0, tzinfo=UTC)  # midnight BST, Friday 23 October
UNTIL = datetime(2026, 10, 27, 0, 0, tzinfo=UTC)  # midnight GMT, Tuesday 27 October
NOW = datetime(2026, 10, 27, 9, 30, tzinfo=UTC)
PATTERNS = ("volume", "out_of_hours")


def found(since: datetime = SINCE, until: datetime = UNTIL) -> list[tuple]:
    return [
        (a.key, a.kind, a.actor_id, a.actor_label, a.at, a.entry_count, a.records, a.day)
        for a in anomalies(since=since, until=until, kinds=PATTERNS)
    ]


def utc(day: int, hour: int, minute: int = 10) -> datetime:
    return datetime(2026, 10, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def varied_log(settings):
    """Several users across working hours' edges, the clock change, the weekend, lists
    and views, a user whose email changed mid-hour, and a task that is left out."""
    settings.ACCESS_ANOMALY_RECORDS_PER_HOUR = 4
    settings.ACCESS_WORKING_HOURS = (7, 19)
    people = PersonFactory.create_batch(12)
    busy, night, lister = (UserFactory(role=Role.TASKFORCE) for _ in range(3))
    log = AccessLogEntryFactory
    view, listing, export = AccessLogEntry.Kind.VIEW, AccessLogEntry.Kind.LIST, AccessLogEntry.Kind.EXPORT
    for minute, person in enumerate(people[:6]):  # Friday 14:xx BST: over the threshold
        log(actor=busy, persons=[person], at=utc(23, 13, minute))
    log(actor=busy, persons=people[:3], at=utc(23, 13, 40), kind=export)
    log(actor=busy, persons=people[6:9], at=utc(23, 13, 50), actor_label="renamed@example.org")
    for hour in (5, 6, 18, 19):  # Friday 06:xx, 07:xx, 19:xx, 20:xx BST: either side of the day
        log(actor=night, persons=people[hour % 5 : hour % 5 + 3], at=utc(23, hour))
    log(actor=night, persons=[], at=utc(23, 22), kind=AccessLogEntry.Kind.SEARCH)
    for hour, minute in ((0, 10), (1, 10), (1, 50)):  # 01:xx BST, 01:xx GMT: Sunday's clock change
        log(actor=night, persons=people[minute % 7 : minute % 7 + 5], at=utc(25, hour, minute))
    log(actor=lister, persons=people, at=utc(24, 10), kind=listing)  # a list: not volume, but weekend
    log(actor=lister, persons=people[:5], at=utc(26, 12), kind=view)
    log(actor=lister, persons=people[5:], at=utc(26, 12, 30), kind=listing)
    log(actor=None, actor_label="system:retention", persons=people, at=utc(26, 3))
    log(actor=busy, persons=people, at=utc(26, 23, 30))  # Monday 23:30 GMT
    return {"busy": busy, "night": night, "lister": lister, "people": people}


def test_the_summary_finds_exactly_what_the_log_shows(varied_log):
    live = found()
    assert {kind for _, kind, *_ in live} == set(PATTERNS)
    assert anomaly_summary_refresh(now=NOW, days=6) > 0
    assert found() == live
    for since, until in ((utc(23, 13, 30), UNTIL), (SINCE, utc(25, 1, 30)), (utc(24, 23), utc(25, 23))):
        assert found(since, until) == _live(since, until)
    for key, *rest in live:
        again = anomaly_by_key(key)
        assert (again.key, again.entry_count, again.records) == (key, rest[4], rest[5])


def test_summarised_hours_are_read_from_the_summary_not_the_log(varied_log):
    anomaly_summary_refresh(now=NOW, days=6)
    with CaptureQueriesContext(connection) as queries:
        summarised = found()
    assert summarised
    assert not any("accounts_accesslogsubject" in q["sql"] for q in queries.captured_queries)


def test_without_a_summary_the_page_works_from_the_log(varied_log, ig_client):
    live = found()
    anomaly_summary_refresh(now=utc(24, 5), days=1)  # only part of the period summarised
    assert AnomalySummaryHour.objects.exists()
    assert found() == live
    listed = ig_client.get("/access-log/anomalies/", {"date_from": "2026-10-23", "date_to": "2026-10-26"})
    assert listed.status_code == 200
    assert all(key in listed.content.decode() for key, *_ in live)


def test_an_entry_committed_late_into_a_summarised_hour_is_counted(varied_log):
    """A request's entry takes its id and time when written and shows when its
    transaction commits: here after the hour, and the day, were summarised, and after an
    entry with a higher id."""
    night, people = varied_log["night"], varied_log["people"]
    reserved = writing._next_entry_id()
    AccessLogEntryFactory(actor=night, persons=people[:1], at=utc(26, 20, 59))
    anomaly_summary_refresh(now=utc(27, 0, 5), days=5)
    with mock.patch.object(writing, "_next_entry_id", return_value=reserved):
        AccessLogEntryFactory(actor=night, persons=people[6:12], at=utc(26, 23, 58))
    live = _live(SINCE, UNTIL)
    assert found() != live
    anomaly_summary_refresh(now=utc(27, 0, 10), days=5)
    assert found() == live
    (day,) = [a for a in found() if a[0] == f"out_of_hours:{night.pk}:2026-10-26"]
    assert (day[5], day[6]) == (2, 7)


def test_a_change_of_working_hours_is_not_read_from_the_old_counts(varied_log, settings):
    anomaly_summary_refresh(now=NOW, days=6)
    settings.ACCESS_WORKING_HOURS = (9, 17)
    assert found() == _live(SINCE, UNTIL)
    anomaly_summary_refresh(now=NOW, days=6)
    assert set(AnomalySummaryHour.objects.values_list("working_time", flat=True)) == {
        "9-17 on 1,2,3,4,5 in Europe/London"
    }
    assert found() == _live(SINCE, UNTIL)


def test_entries_removed_under_retention_take_their_counts_with_them(varied_log):
    """The log's retention is the database owner's procedure (docs/retention.md): rows
    removed, past the append-only triggers. The nightly check finds the hours changed."""
    anomaly_summary_refresh(now=NOW, days=6)
    friday = [a for a in found() if a[0].endswith(("2026-10-23", ":2026102313"))]
    assert {kind for _, kind, *_ in friday} == set(PATTERNS)
    triggers = ("accounts.AccessLogEntry:entry_append_only", "accounts.AccessLogSubject:subject_append_only")
    with pgtrigger.ignore(*triggers), connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM accounts_accesslogsubject WHERE entry_id IN "
            "(SELECT id FROM accounts_accesslogentry WHERE at < %s)",
            [utc(24, 0, 0)],
        )
        cursor.execute("DELETE FROM accounts_accesslogentry WHERE at < %s", [utc(24, 0, 0)])
    anomaly_summary_refresh(now=NOW, days=6, check_all=True)
    assert not AnomalyActorHour.objects.filter(hour_id__lt=utc(24, 0, 0)).exists()
    assert found() == _live(SINCE, UNTIL)
    assert not [a for a in found() if a[0].endswith(("2026-10-23", ":2026102313"))]


def test_the_summary_names_nobody(varied_log):
    anomaly_summary_refresh(now=NOW, days=6)
    related = {f.related_model for m in (AnomalySummaryHour, AnomalyActorHour) for f in m._meta.get_fields()}
    assert {m._meta.label for m in related if m} <= {
        "accounts.User",
        "accounts.AnomalySummaryHour",
        "accounts.AnomalyActorHour",
    }


def _live(since: datetime, until: datetime) -> list[tuple]:
    """The anomalies as the log alone shows them, the summary set aside."""
    with mock.patch("accounts.selectors_anomaly_patterns.summarised", return_value={}):
        return found(since, until)


def test_the_nightly_check_and_the_command_fill_the_summary(varied_log):
    from django.core.management import call_command

    recent = datetime.now(UTC) - timedelta(hours=3)
    AccessLogEntryFactory(actor=varied_log["busy"], persons=varied_log["people"], at=recent)
    call_command("summarise_access_anomalies", days=2)
    assert AnomalySummaryHour.objects.filter(hour__gte=recent - timedelta(hours=1)).exists()
    assert anomaly_summary_refresh(days=2, check_all=True) == 0


def test_beat_summarises_every_few_minutes_and_checks_everything_nightly(settings, varied_log):
    from accounts.tasks import summarise_access_anomalies_task

    runs = [
        e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == summarise_access_anomalies_task.name
    ]
    assert sorted(e.get("kwargs", {}).get("check_all", False) for e in runs) == [False, True]
    assert summarise_access_anomalies_task.delay().get() > 0
    assert AnomalySummaryHour.objects.filter(hour__gte=datetime.now(UTC) - timedelta(hours=2)).exists()
