"""Feed health: per feed, when it last imported, whether it is overdue against its
cadence, and how its recent imports compare with its own usual level. Everything is
read in a fixed number of queries whatever the number of feeds or runs."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from statistics import median

from django.conf import settings
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from chronology.models import Feed, FeedRun, LinkReview
from portal.sentences import counted
from stewardship.models import FeedAlert

WINDOW_DAYS = 90
BASELINE_RUNS = 10
"""The recent level is the median of up to this many completed imports before the latest."""
REJECT_RATE_RISE = 0.05
"""A reject rate is far above its recent level when it is at least this much higher (5
percentage points) and at least twice that level."""
ROW_DROP_SHARE = 0.5
"""Fewer rows than this share of the recent level is a drop."""


def grace() -> timedelta:
    return timedelta(hours=settings.FEED_OVERDUE_GRACE_HOURS)


@dataclass(frozen=True)
class RunPoint:
    run_id: int
    finished_at: datetime
    rows: int
    rejected: int
    queued: int
    certain: int

    def share(self, count: int) -> float | None:
        return count / self.rows if self.rows else None

    @property
    def reject_rate(self) -> float | None:
        return self.share(self.rejected)

    @property
    def queued_share(self) -> float | None:
        return self.share(self.queued)

    @property
    def certain_share(self) -> float | None:
        return self.share(self.certain)


@dataclass(frozen=True)
class Problem:
    kind: str
    message: str

    @property
    def label(self) -> str:
        return FeedAlert.Kind(self.kind).label


@dataclass
class FeedHealth:
    feed: Feed
    last_success: datetime | None
    last_failure: datetime | None = None
    """When the latest import that was rejected whole or failed finished."""
    runs: list[RunPoint] = field(default_factory=list)
    """Completed imports of the last WINDOW_DAYS days, oldest first."""
    open_reviews: int = 0
    oldest_review_at: datetime | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def latest(self) -> RunPoint | None:
        return self.runs[-1] if self.runs else None

    @property
    def due_by(self) -> datetime | None:
        if self.last_success is None:
            return None
        return self.last_success + timedelta(days=self.feed.cadence_days) + grace()

    @property
    def is_overdue(self) -> bool:
        return any(p.kind == FeedAlert.Kind.OVERDUE for p in self.problems)

    @property
    def review_age_days(self) -> int | None:
        if self.oldest_review_at is None:
            return None
        return (timezone.now() - self.oldest_review_at).days

    @property
    def failed_since_success(self) -> bool:
        """A file rejected whole or an import that failed, with none completed after it: seen
        the day it happens rather than once the feed is overdue."""
        if self.last_failure is None:
            return False
        return self.last_success is None or self.last_failure > self.last_success

    @property
    def person_level(self) -> bool:
        return self.feed.code != Feed.Code.SCHOOLS


def _baseline(values: list[float]) -> float | None:
    return median(values[-BASELINE_RUNS:]) if values else None


def problems_of(health: FeedHealth, *, now: datetime) -> list[Problem]:
    problems = []
    feed = health.feed
    if health.last_success is None:
        if feed.is_importable:
            problems.append(Problem(FeedAlert.Kind.OVERDUE, f"{feed.name} has never been imported."))
    elif now > health.due_by:
        late = (now - health.last_success).days
        problems.append(
            Problem(
                FeedAlert.Kind.OVERDUE,
                f"{feed.name} is overdue: last imported {counted(late, 'day')} ago; it arrives every "
                f"{counted(feed.cadence_days, 'day')}.",
            )
        )
    if health.failed_since_success:
        when = timezone.localtime(health.last_failure)
        problems.append(
            Problem(
                FeedAlert.Kind.FAILED,
                f"{feed.name}: its latest import, on {when:%-d %b %Y}, did not complete (the file was "
                "rejected or the import failed); no import has completed since.",
            )
        )
    if len(health.runs) < 2:
        return problems
    latest, earlier = health.runs[-1], health.runs[:-1]
    usual_rate = _baseline([r.reject_rate for r in earlier if r.reject_rate is not None])
    rate = latest.reject_rate
    if (
        usual_rate is not None
        and rate is not None
        and rate - usual_rate >= REJECT_RATE_RISE
        and rate >= 2 * usual_rate
    ):
        problems.append(
            Problem(
                FeedAlert.Kind.REJECT_RATE,
                f"{feed.name}: the latest import rejected {rate:.0%} of its rows, "
                f"against a usual {usual_rate:.0%}.",
            )
        )
    usual_rows = _baseline([r.rows for r in earlier])
    if usual_rows and latest.rows < ROW_DROP_SHARE * usual_rows:
        problems.append(
            Problem(
                FeedAlert.Kind.ROW_DROP,
                f"{feed.name}: the latest import had {latest.rows:,} row{'s' if latest.rows != 1 else ''}, "
                f"against a usual {usual_rows:,.0f}.",
            )
        )
    return problems


def feed_health(*, now: datetime | None = None, feed: Feed | None = None) -> list[FeedHealth]:
    """Every feed's health (or one feed's), in register order, in four queries."""
    now = now or timezone.now()
    feeds = list(Feed.objects.filter(pk=feed.pk) if feed else Feed.objects.order_by("name"))
    completed = FeedRun.objects.filter(status=FeedRun.Status.COMPLETED, feed__in=feeds)
    unsuccessful = Q(status__in=(FeedRun.Status.REJECTED, FeedRun.Status.FAILED))
    latest = (
        FeedRun.objects.filter(feed__in=feeds)
        .values("feed")
        .annotate(
            success=Max("finished_at", filter=Q(status=FeedRun.Status.COMPLETED)),
            failure=Max("finished_at", filter=unsuccessful),
        )
    )
    health = {f.pk: FeedHealth(feed=f, last_success=None) for f in feeds}
    for row in latest:
        health[row["feed"]].last_success, health[row["feed"]].last_failure = row["success"], row["failure"]
    recent = completed.filter(finished_at__gte=now - timedelta(days=WINDOW_DAYS), finished_at__lte=now)
    for feed_id, *values in recent.order_by("finished_at", "id").values_list(
        "feed", "id", "finished_at", "rows_read", "rows_rejected", "rows_queued", "rows_linked_certain"
    ):
        health[feed_id].runs.append(RunPoint(*values))
    reviews = (
        LinkReview.objects.filter(status=LinkReview.Status.OPEN, source_record__feed__in=feeds)
        .values("source_record__feed")
        .annotate(n=Count("id"), oldest=Min("created_at"))
    )
    for row in reviews:
        item = health[row["source_record__feed"]]
        item.open_reviews, item.oldest_review_at = row["n"], row["oldest"]
    for item in health.values():
        item.problems = problems_of(item, now=now)
    return list(health.values())


def feed_problems(*, now: datetime | None = None) -> list[tuple[Feed, Problem]]:
    return [(h.feed, p) for h in feed_health(now=now) for p in h.problems]
