"""A legal hold set while a retention run is under way keeps what the rest of the run
would have removed: the run reads the holds again before each delete."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.roles import Role
from chronology.models import AttendanceMark, Event, Feed
from stewardship.services import retention
from stewardship.services.holds import legal_hold_set
from stewardship.services.retention import apply_retention
from tests.factories import FeedFactory, PersonFactory
from tests.factories.access import user_with_role
from tests.stewardship.test_retention import CUTOFF, TODAY, mark, police_event


@pytest.fixture
def hold_set_as_the_run_starts(db, monkeypatch):
    """Sets the holds the test gives just before the run reaches its first feed."""
    ig = user_with_role(Role.IG_OFFICER)
    until = timezone.localdate() + timedelta(days=30)
    pending: list[dict] = []
    first_feed = retention.FeedRetention.run

    def run(self):
        while pending:
            legal_hold_set(by=ig, reason="Claim made today", ends_on=until, **pending.pop())
        return first_feed(self)

    monkeypatch.setattr(retention.FeedRetention, "run", run)
    return pending.append


def test_a_person_held_after_the_run_began_keeps_their_records(hold_set_as_the_run_starts):
    old = CUTOFF - timedelta(days=1)
    held, free = PersonFactory(), PersonFactory()
    events = {p: police_event(p, old) for p in (held, free)}
    marks = {p: mark(p, old, n) for n, p in enumerate((held, free))}
    hold_set_as_the_run_starts({"person": held})

    run = apply_retention(by=None, dry_run=False, today=TODAY)

    assert set(Event.objects.values_list("pk", flat=True)) == {events[held].pk}
    assert set(AttendanceMark.objects.values_list("pk", flat=True)) == {marks[held].pk}
    assert run.holds == 0, "the report counts the holds in force when it began"


def test_a_feed_held_after_the_run_began_keeps_its_records(hold_set_as_the_run_starts):
    old = CUTOFF - timedelta(days=1)
    pupil = PersonFactory()
    kept = mark(pupil, old, 1)
    gone = police_event(pupil, old)
    hold_set_as_the_run_starts({"feed": FeedFactory(code=Feed.Code.ATTENDANCE)})

    apply_retention(by=None, dry_run=False, today=TODAY)

    assert list(AttendanceMark.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not Event.objects.filter(pk=gone.pk).exists()
