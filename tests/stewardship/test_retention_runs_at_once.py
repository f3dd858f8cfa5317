"""Two retention runs at once (the nightly one and a run by hand, or beat retried): the
second waits for the first, so one report holds what was removed and the other finds
nothing more, never two reports that split the counts between them."""

from datetime import timedelta

import pytest

from stewardship.services import retention
from stewardship.services.retention import apply_retention
from tests.concurrency import Pause, one_waiting_for_the_other
from tests.factories import PersonFactory
from tests.stewardship.test_retention import CUTOFF, TODAY, police_event


@pytest.mark.django_db(transaction=True)
def test_a_second_run_waits_for_the_first(monkeypatch):
    police_event(PersonFactory(), CUTOFF - timedelta(days=1))
    pause = Pause()
    monkeypatch.setattr(retention.FeedRetention, "run", pause.wrap(retention.FeedRetention.run))

    first, second = one_waiting_for_the_other(
        lambda: apply_retention(by=None, dry_run=False, today=TODAY), pause
    )

    assert first.removed["police_incidents"]["events deleted"] == 1
    assert second.removed == {}
    assert second.started_at >= first.finished_at
