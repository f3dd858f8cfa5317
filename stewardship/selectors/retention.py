"""Reads for the retention pages: holds and run reports."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from chronology.models import Feed
from stewardship.models import LegalHold, RetentionRun

RUNS_SHOWN = 30


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
