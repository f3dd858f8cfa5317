"""Reads for the retention pages: holds and run reports."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet

from chronology.models import Feed
from stewardship.models import LegalHold, RetentionRun

RUNS_SHOWN = 30
HOLD_ENDING_NOTICE = timedelta(days=14)
"""How far ahead IG's home page warns of a hold ending: once it ends, the night's run
removes what it kept past retention, so a hold still needed must be set again first."""


REMOVED_WORDS: dict[str, tuple[str, str, str]] = {
    "events deleted": ("Entries", "deleted", "from chronologies"),
    "events anonymised": ("Entries", "anonymised", "in chronologies (the fact kept, its details removed)"),
    "rows as sent deleted": ("Rows as sent by the feeds", "deleted", "with those entries"),
    "unlinked rows deleted": ("Review-queue rows as sent", "deleted", "(never linked to anyone)"),
    "rows as sent anonymised": ("School-spell and household rows as sent", "anonymised", "(the spell ended)"),
    "register marks deleted": ("Register marks", "deleted", ""),
    "weekly attendance counts deleted": ("Weekly attendance counts", "deleted", ""),
    "import files deleted": ("Import files", "deleted", ""),
    "rejected rows deleted": ("Rejected import rows", "deleted", ""),
}
"""Each kind of record a run counts (as `stewardship.services.retention` stores it), in
the report's order, as (what, done to it, where): said with "to be" before the verb for
a dry run."""


@dataclass(frozen=True)
class Removed:
    what: str
    count: int


def removed_in_words(kinds: Mapping[str, int], *, dry_run: bool) -> list[Removed]:
    """A run's counts as IG reads them, each kind by itself: an entry and the row as sent
    behind it, added together, read as twice the records. A kind with no words here (a
    run stored by other code) is shown as the run stored it."""
    order = [*(k for k in REMOVED_WORDS if k in kinds), *(k for k in kinds if k not in REMOVED_WORDS)]
    return [Removed(what=_words(kind, dry_run=dry_run), count=kinds[kind]) for kind in order]


def _words(kind: str, *, dry_run: bool) -> str:
    if kind not in REMOVED_WORDS:
        return kind[:1].upper() + kind[1:]
    what, done, where = REMOVED_WORDS[kind]
    return " ".join(part for part in (what, f"to be {done}" if dry_run else done, where) if part)


@dataclass(frozen=True)
class FeedRetained:
    """One feed's line in a run's report, as IG reads it: the feed by name and the first
    day kept as a date (a run stores feed codes and ISO dates)."""

    feed: str
    kept_from: date
    removed: list[Removed]


@dataclass(frozen=True)
class RunLine:
    run: RetentionRun
    removed: list[Removed]


def legal_holds() -> QuerySet[LegalHold]:
    return LegalHold.objects.select_related("person", "family", "feed", "set_by", "released_by")


def retention_runs() -> list[RunLine]:
    runs = RetentionRun.objects.select_related("started_by")[:RUNS_SHOWN]
    return [RunLine(run, removed_in_words(run.removed_in_all, dry_run=run.dry_run)) for run in runs]


def run_per_feed(run: RetentionRun) -> list[FeedRetained]:
    names = dict(Feed.objects.values_list("code", "name"))
    return [
        FeedRetained(
            feed=names.get(code, code),
            kept_from=date.fromisoformat(cutoff),
            removed=removed_in_words(kinds, dry_run=run.dry_run),
        )
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
