"""python manage.py feed_health — the feed-health table, for a council's monitoring:
exits 1 when any feed has a problem, 0 when none has."""

import sys
from datetime import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.sentences import share
from stewardship.selectors.health import FeedHealth, feed_health


def _share(part: int | None, latest: object) -> str:
    """As the feed-health page says it (1 rejected row in 311 is "<1%", not "0%")."""
    return "-" if part is None or not latest.rows else share(part, latest.rows)


def _when(moment: datetime | None, otherwise: str) -> str:
    """London time, as the pages show it: the stored instants are UTC, which read an hour
    early all summer in a table that does not say so."""
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}" if moment else otherwise


def _line(h: FeedHealth) -> list[str]:
    latest = h.latest
    status = "PROBLEM" if h.problems else ("ok" if h.last_success else "no import")
    return [
        h.feed.code,
        status,
        _when(h.last_success, "never"),
        _when(h.due_by, "-"),
        f"{latest.rows}" if latest else "-",
        _share(latest.rejected if latest else None, latest),
        _share(latest.certain if latest and h.person_level else None, latest),
        _share(latest.queued if latest and h.person_level else None, latest),
        str(h.open_reviews),
        "-" if h.review_age_days is None else str(h.review_age_days),
    ]


HEADER = [
    "feed",
    "status",
    "last import",
    "due by",
    "rows",
    "rejected",
    "certain",
    "queued",
    "reviews",
    "oldest",
]


class Command(BaseCommand):
    help = (
        "Print every feed's health; exit 1 when any feed has a problem "
        "(overdue, rejects, fewer rows, latest import not completed)."
    )

    def handle(self, *args: object, **options: object) -> None:
        feeds = feed_health()
        if not feeds:
            self.stdout.write("No feeds are registered yet, so none is watched.")
            return
        lines = [HEADER, *(_line(h) for h in feeds)]
        widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER))]
        for line in lines:
            self.stdout.write(
                "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
            )
        problems = [p for h in feeds for p in h.problems]
        if problems:
            self.stdout.write("")
            for problem in problems:
                self.stdout.write(f"PROBLEM: {problem.message}")
            sys.exit(1)
        self.stdout.write("\nNo feed has a problem.")
