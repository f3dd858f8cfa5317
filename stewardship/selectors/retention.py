"""Reads for the retention pages: holds and run reports."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet

from chronology.models import Feed
from stewardship.models import LegalHold, RetentionRun

RUNS_SHOWN = 30
HOLD_ENDING_NOTICE = timedelta(days=14)
"""How far ahead IG's home page warns of a hold ending: once it ends, the night's run
removes what it kept past retention, so a hold still needed must be set again first."""


@dataclass(frozen=True)
class FeedRetained:
    """One feed's line in a run's report, as IG reads it: the feed by name and the first
    day kept as a date (a run stores feed codes and ISO dates)."""

    feed: str
    kept_from: date
    removed: dict[str, int]


def legal_holds() -> QuerySet[LegalHold]:
    return LegalHold.objects.select_related("person", "family", "feed", "set_by", "released_by")


def retention_runs() -> QuerySet[RetentionRun]:
    return RetentionRun.objects.select_related("started_by")[:RUNS_SHOWN]


def run_per_feed(run: RetentionRun) -> list[FeedRetained]:
    names = dict(Feed.objects.values_list("code", "name"))
    return [
        FeedRetained(feed=names.get(code, code), kept_from=date.fromisoformat(cutoff), removed=kinds)
        for code, cutoff, kinds in run.per_feed
    ]


@dataclass(frozen=True)
class HoldCounts:
    in_force: int
    ending_soon: int


def hold_counts(today: date) -> HoldCounts:
    """Holds in force (as the retention page lists them: not released, not yet ended)
    and those ending within HOLD_ENDING_NOTICE, in one query naming nobody."""
    in_force = LegalHold.objects.filter(released_at__isnull=True, ends_on__gte=today).order_by()
    counted = in_force.aggregate(
        in_force=Count("pk"), ending_soon=Count("pk", filter=Q(ends_on__lte=today + HOLD_ENDING_NOTICE))
    )
    return HoldCounts(**counted)
