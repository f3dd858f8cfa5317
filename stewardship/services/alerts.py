"""The daily feed-health check: each new problem is told to the data officers once (in
the portal, and by email as each chooses), and again only if it is still there a week
later. A problem that clears closes its alert, so its return is new again."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.services.notifications import notify
from portal import locks
from stewardship.models import FeedAlert
from stewardship.selectors.health import feed_health

REPEAT_AFTER = timedelta(days=7)
KIND = "feed_health"


@dataclass(frozen=True)
class AlertReport:
    raised: int
    repeated: int
    cleared: int


def _data_officers() -> list[User]:
    return list(User.objects.filter(groups__name=Role.DATA_OFFICER.value, is_active=True))


@transaction.atomic
def feed_health_alert(*, now: datetime | None = None) -> AlertReport:
    """A second run while one is under way (beat retried, a run by hand) waits for it and
    finds its alerts: it neither tells of a problem twice nor fails on the alert the
    first has just opened."""
    locks.hold(locks.Lock.FEED_HEALTH)
    now = now or timezone.now()
    current = {(h.feed.pk, p.kind): (h.feed, p) for h in feed_health(now=now) for p in h.problems}
    open_alerts = {
        (a.feed_id, a.kind): a for a in FeedAlert.objects.select_for_update().filter(cleared_at__isnull=True)
    }
    cleared = [a.pk for key, a in open_alerts.items() if key not in current]
    FeedAlert.objects.filter(pk__in=cleared).update(cleared_at=now)
    officers = _data_officers()
    raised = repeated = 0
    for key, (feed, problem) in current.items():
        alert = open_alerts.get(key)
        if alert is None:
            FeedAlert.objects.create(
                feed=feed, kind=problem.kind, message=problem.message[:300], raised_at=now, last_told_at=now
            )
            raised += 1
            title = f"Feed problem: {problem.message}"
        elif now - alert.last_told_at >= REPEAT_AFTER:
            alert.last_told_at, alert.times_told, alert.message = (
                now,
                alert.times_told + 1,
                problem.message[:300],
            )
            alert.save(update_fields=["last_told_at", "times_told", "message"])
            repeated += 1
            title = f"Feed problem still there after {(now - alert.raised_at).days} days: {problem.message}"
        else:
            continue
        notify(
            users=officers,
            kind=KIND,
            title=title,
            body="See the feed's health page for its imports over the last 90 days.",
            url=reverse("stewardship:health_feed", args=[feed.code]),
        )
    return AlertReport(raised=raised, repeated=repeated, cleared=len(cleared))
