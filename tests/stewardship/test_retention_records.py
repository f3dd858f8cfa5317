"""Retention and the records that hang on a row: a reported doubt about a link goes with
the row it doubts, and an episode still open is current, however long ago it began."""

from datetime import date, timedelta

from django.db import connection

from accounts.roles import Role
from chronology.models import Event, Feed, LinkDoubt, SourceRecord
from stewardship.services.retention import apply_retention
from tests.factories import EventFactory, FeedFactory, PersonFactory, SourceRecordFactory
from tests.factories.access import user_with_role
from tests.factories.chronology import reported_link

TODAY = date(2026, 6, 10)
CUTOFF = date(2020, 6, 10)
"""Youth justice and social care keep 72 months."""


def test_a_doubt_about_an_expired_row_goes_with_it_and_leaves_no_broken_reference(db):
    ada = PersonFactory()
    event, doubt = reported_link(ada, reporter=user_with_role(Role.DSL))
    Event.objects.filter(pk=event.pk).update(occurred_on=CUTOFF - timedelta(days=1))

    run = apply_retention(by=None, dry_run=False, today=TODAY)

    assert run.removed["youth_justice"] == {"events deleted": 1, "rows as sent deleted": 1}
    assert not SourceRecord.objects.filter(pk=doubt.source_record_id).exists()
    assert not LinkDoubt.objects.exists()
    connection.check_constraints()


def test_an_open_episode_is_kept_however_long_ago_it_began(db):
    """A child looked after since 2015 is still looked after: the episode counts from its
    end, and it has none yet. Its row waiting in the queue is kept the same way."""
    ada = PersonFactory()
    feed = FeedFactory(code=Feed.Code.SOCIAL_CARE)

    def episode(start: date, end: date | None, person=ada) -> SourceRecord:
        values = {"start_date": start.isoformat()} | ({"end_date": end.isoformat()} if end else {})
        record = SourceRecordFactory(feed=feed, person=person, values=values)
        if person:
            EventFactory(person=person, feed=feed, occurred_on=start, ended_on=end, source_record=record)
        return record

    open_episode = episode(date(2015, 1, 5), None)
    ended = episode(date(2015, 1, 5), date(2019, 1, 1))
    open_waiting = episode(date(2015, 1, 5), None, person=None)
    ended_waiting = episode(date(2015, 1, 5), date(2019, 1, 1), person=None)

    dry = apply_retention(by=None, dry_run=True, today=TODAY)
    run = apply_retention(by=None, dry_run=False, today=TODAY)

    expected = {"events deleted": 1, "rows as sent deleted": 1, "unlinked rows deleted": 1}
    assert dry.removed["social_care"] == run.removed["social_care"] == expected
    assert set(SourceRecord.objects.values_list("pk", flat=True)) == {open_episode.pk, open_waiting.pk}
    assert list(Event.objects.values_list("source_record", flat=True)) == [open_episode.pk]
    assert not SourceRecord.objects.filter(pk__in=[ended.pk, ended_waiting.pk]).exists()


def test_a_waiting_notification_counts_from_its_incident_as_its_event_would(db):
    """A domestic-abuse row waiting for review is due when its incident is past retention,
    the day its chronology event is dated by, whatever day the police notified it."""
    feed = FeedFactory(code=Feed.Code.DOMESTIC_ABUSE)
    notified = {"notified_at": f"{CUTOFF}T08:00:00+01:00"}

    def waiting(incident: date | None) -> SourceRecord:
        values = notified | ({"incident_date": incident.isoformat()} if incident else {})
        return SourceRecordFactory(feed=feed, person=None, family=None, values=values)

    due = waiting(CUTOFF - timedelta(days=1))
    kept = [waiting(CUTOFF), waiting(None)]

    run = apply_retention(by=None, dry_run=False, today=TODAY)

    assert run.removed["domestic_abuse"] == {"unlinked rows deleted": 1}
    assert not SourceRecord.objects.filter(pk=due.pk).exists()
    assert SourceRecord.objects.filter(pk__in=[r.pk for r in kept]).count() == 2
