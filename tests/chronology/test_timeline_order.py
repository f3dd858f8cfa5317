"""Order within one day, and the day an entry falls on: what a case meeting reads as
"what happened next" must be what happened next, and a moment just after midnight in
a British summer belongs to that day, not to the UTC day before it."""

import datetime

import pytest

from chronology.models import Feed, FeedRun, Sensitivity
from chronology.timeline import TimelineFilter, timeline_for
from chronology.timeline_sources import SourceRow, register_timeline_source, unregister_timeline_source
from tests.chronology.timeline_world import build_world
from tests.factories import EnrolmentFactory, EventFactory, FeedFactory

pytestmark = pytest.mark.django_db
D = datetime.date
UTC = datetime.UTC


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def plugin(world):
    rows: list[SourceRow] = []
    register_timeline_source(code="plugin", label="Plug-in", rows=lambda query: rows)
    yield rows
    unregister_timeline_source("plugin")


def _keys(world, filters=None, role="taskforce"):
    timeline = timeline_for(world.users[role], world.pupil, filters)
    return [e.key for e in timeline.entries if e.key.startswith("plugin:")]


def _row(world, key, **at):
    return SourceRow(world.pupil.pk, D(2025, 4, 1), "step", f"Step {key}", "education", key, **at)


def test_a_days_rows_of_a_source_come_in_the_order_of_their_keys_as_numbers(world, plugin):
    plugin += [
        _row(world, "9"),
        _row(world, "10"),
        _row(world, "flag-2:raised"),
        _row(world, "flag-10:raised"),
    ]

    assert _keys(world) == ["plugin:flag-10:raised", "plugin:flag-2:raised", "plugin:10", "plugin:9"]
    assert _keys(world, TimelineFilter(oldest_first=True)) == _keys(world)[::-1]


def test_a_days_rows_come_in_the_order_they_happened_when_the_source_knows_the_time(world, plugin):
    plugin += [
        _row(world, "1:raised", occurred_at=datetime.datetime(2025, 4, 1, 9, 0, tzinfo=UTC)),
        _row(world, "1:cleared", occurred_at=datetime.datetime(2025, 4, 1, 17, 0, tzinfo=UTC)),
        _row(world, "1:dismissed", occurred_at=datetime.datetime(2025, 4, 1, 12, 0, tzinfo=UTC)),
    ]

    assert _keys(world) == ["plugin:1:cleared", "plugin:1:dismissed", "plugin:1:raised"]


def test_an_import_just_after_midnight_in_summer_is_dated_that_day(world):
    FeedRun.objects.update(finished_at=datetime.datetime(2025, 5, 31, 23, 30, tzinfo=UTC))
    timeline = timeline_for(world.users["taskforce"], world.pupil)

    imported = {e.imported_on for e in timeline.hydrate(timeline.entries) if e.imported_on}

    assert imported == {D(2025, 6, 1)}


def test_a_days_events_come_in_the_order_they_happened_whatever_order_the_files_sent_them(world):
    feed = FeedFactory(code=Feed.Code.POLICE_INCIDENTS, default_sensitivity=Sensitivity.RESTRICTED)
    day = D(2026, 1, 10)

    def incident(hour):
        at = datetime.datetime(2026, 1, 10, hour, tzinfo=UTC)
        return EventFactory(
            person=world.pupil, feed=feed, category="police_incident", occurred_on=day, occurred_at=at
        )

    evening, morning = incident(18), incident(9)
    untimed = EventFactory(person=world.pupil, feed=feed, category="police_incident", occurred_on=day)
    taskforce = world.users["taskforce"]

    whole = timeline_for(taskforce, world.pupil)
    assert [e.key for e in whole.entries[:3]] == [f"event:{e.pk}" for e in (evening, morning, untimed)]
    assert [e.key for e in timeline_for(taskforce, world.pupil, newest=3).entries] == [
        e.key for e in whole.entries[:3]
    ]


def test_a_one_day_enrolment_reads_joined_then_left_and_oldest_first_is_the_reverse(world):
    """A day's placement at another school (a managed move's trial day)."""
    day = D(2026, 2, 2)
    EnrolmentFactory(person=world.pupil, entry_date=day, leaving_date=day)
    taskforce = world.users["taskforce"]

    newest = [e.category for e in timeline_for(taskforce, world.pupil).entries if e.occurred_on == day]
    oldest = timeline_for(taskforce, world.pupil, TimelineFilter(oldest_first=True)).entries

    assert newest == ["school_end", "school_start"]
    assert [e.category for e in oldest if e.occurred_on == day] == ["school_start", "school_end"]
