"""What IG has still to review, as counts: the anomalies page's default period, which
its list and IG's home page share, so the home page's figure is the list's length."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from accounts.selectors_access_log import local_day_start
from accounts.selectors_anomalies import anomalies

DEFAULT_PERIOD = timedelta(days=30)
KINDS = {
    "break_glass": "Break-glass views, each with the reason given",
    "denied": "Refused attempts",
    "volume": "",
    "out_of_hours": "Days of access outside working hours",
    "lockout": "Sign-ins locked out after repeated failures",
}
"""Each kind in words for a count of them ("" for the anomaly's own label, which holds
the threshold), in the order IG's home page lists them: break-glass first, since its
reason is one someone gave that IG must judge."""


@dataclass(frozen=True)
class ToReview:
    date_from: date
    date_to: date
    total: int
    by_kind: list[tuple[str, int]]
    """(the kind in words, how many) for each kind there is any of."""


def default_period(today: date) -> tuple[date, date]:
    return today - DEFAULT_PERIOD, today


def period_window(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    """Whole local days, the last included."""
    return local_day_start(date_from), local_day_start(date_to + timedelta(days=1))


def anomalies_to_review(*, today: date) -> ToReview:
    """The anomalies not yet reviewed over the default period, counted by kind: no
    young person or user is named, so showing them is no record view."""
    date_from, date_to = default_period(today)
    since, until = period_window(date_from, date_to)
    found = anomalies(since=since, until=until, include_reviewed=False)
    labels = {a.kind: KINDS.get(a.kind) or a.label for a in found}
    counted = Counter(a.kind for a in found)
    return ToReview(
        date_from=date_from,
        date_to=date_to,
        total=len(found),
        by_kind=[(labels[kind], counted[kind]) for kind in sorted(counted, key=_listed_at)],
    )


def _listed_at(kind: str) -> int:
    order = list(KINDS)
    return order.index(kind) if kind in order else len(order)
