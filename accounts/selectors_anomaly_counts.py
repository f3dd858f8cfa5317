"""What IG has still to review, as counts: the anomalies page's default period, which
its list and IG's home page share, so each of the home page's figures is the number of
that kind on the list. Every kind is counted, the patterns
(more people in an hour than the threshold, access outside working hours) too: they
were once left to the anomalies page, since grouping a city's month of the log took
seconds, and are now counted from the hourly summary
(accounts.selectors_anomaly_pattern_counts), only the hours not summarised yet worked
out from the log.

Nobody reviews an anomaly about their own access (accounts.services.anomalies), so each
kind counts those the reviewer can review, and those about the reviewer's own use are
counted apart, for another IG officer: IG's own use of the portal is logged like anyone's,
so opening the access log on a Sunday is itself an anomaly. Both IG's home page and the
anomalies page take their counts from here, so they split them alike."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings

from accounts.models import User
from accounts.selectors_access_log import local_day_start
from accounts.selectors_anomalies import anomalies
from accounts.selectors_anomaly_pattern_counts import unreviewed_out_of_hours, unreviewed_volume

DEFAULT_PERIOD = timedelta(days=30)
KINDS = {
    "break_glass": "Break-glass views, each with the reason given",
    "denied": "Refused attempts",
    "volume": "More than {threshold} people in an hour",
    "out_of_hours": "Access outside working hours",
    "lockout": "Sign-ins locked out after repeated failures",
}
"""Each kind the home page counts, in the anomalies page's words and order: break-glass
first, since its reason is one someone gave that IG must judge."""
COUNTED = {"volume": unreviewed_volume, "out_of_hours": unreviewed_out_of_hours}
"""The patterns, counted without building each anomaly: a month holds thousands."""


@dataclass(frozen=True)
class ToReview:
    date_from: date
    date_to: date
    by_kind: list[tuple[str, int]]
    """(the kind in words, how many the reviewer can review) for each kind counted, none
    left out for being 0."""
    own: int
    """How many, of every kind, are about the reviewer's own access."""

    @property
    def reviewable(self) -> int:
        return sum(count for _, count in self.by_kind)


def default_period(today: date) -> tuple[date, date]:
    return today - DEFAULT_PERIOD, today


def period_window(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    """Whole local days, the last included."""
    return local_day_start(date_from), local_day_start(date_to + timedelta(days=1))


def anomalies_to_review(*, reviewer: User, period: tuple[date, date]) -> ToReview:
    """The anomalies not yet reviewed over the period, counted by kind, those about the
    reviewer's own access apart: no young person or user is named, so showing them is no
    record view."""
    date_from, date_to = period
    since, until = period_window(date_from, date_to)
    found = anomalies(since=since, until=until, include_reviewed=False, kinds=KINDS.keys() - COUNTED)
    reviewable = Counter(a.kind for a in found if a.actor_id != reviewer.pk)
    own = len(found) - reviewable.total()
    for kind, count in COUNTED.items():
        reviewable[kind], own_of_kind = count(since, until, reviewer.pk)
        own += own_of_kind
    threshold = settings.ACCESS_ANOMALY_RECORDS_PER_HOUR
    return ToReview(
        date_from=date_from,
        date_to=date_to,
        by_kind=[(words.format(threshold=threshold), reviewable[kind]) for kind, words in KINDS.items()],
        own=own,
    )
