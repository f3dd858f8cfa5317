"""Two feed-health checks at once (beat retried, or a run by hand while beat's is under
way): each problem is told once, and the second run neither fails nor tells it again."""

import pytest

from accounts.models import Notification
from accounts.roles import Role
from chronology.models import Feed
from stewardship.models import FeedAlert
from stewardship.services import alerts
from stewardship.services.alerts import feed_health_alert
from tests.concurrency import Pause, one_waiting_for_the_other
from tests.factories import FeedFactory
from tests.factories.access import user_with_role
from tests.stewardship.conftest import NOW, imported


@pytest.mark.django_db(transaction=True)
def test_a_second_check_while_the_first_is_telling_tells_nobody_twice(monkeypatch):
    officer = user_with_role(Role.DATA_OFFICER)
    imported(FeedFactory(code=Feed.Code.POLICE_INCIDENTS, cadence_days=7), days_ago=9)
    pause = Pause()
    monkeypatch.setattr(alerts, "notify", pause.wrap(alerts.notify))

    outcomes = one_waiting_for_the_other(lambda: feed_health_alert(now=NOW), pause)

    assert [o for o in outcomes if isinstance(o, Exception)] == []
    assert [o.raised for o in outcomes] == [1, 0]
    assert FeedAlert.objects.count() == 1
    assert Notification.objects.filter(user=officer).count() == 1
