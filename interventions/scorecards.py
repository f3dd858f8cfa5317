"""Scorecard figures for the taskforce (issue 17, item 8): city-wide, per school and per
programme, so the page, the CSV and the tests agree on one computation. The counting is
done by the database (scorecards_sql): two statements per grouping, each returning a row
per group, whatever the number of referrals; at city scale, reading every referral and
intervention to count them in Python took twenty times as long as the SQL. Kept apart
from the work queue so it can grow on its own."""

from dataclasses import dataclass, field
from datetime import timedelta
from statistics import median

from interventions.scorecards_sql import (
    CITY,
    CITY_LABEL,
    GROUPINGS,
    NO_SCHOOL,
    PROGRAMME,
    SCHOOL,
    SENT_STATUSES,
    figures,
)

__all__ = [
    "CITY",
    "CITY_LABEL",
    "GROUPINGS",
    "NO_SCHOOL",
    "PROGRAMME",
    "SCHOOL",
    "Scorecard",
    "Share",
    "scorecards",
    "scorecards_by",
]


@dataclass
class Share:
    count: int = 0
    of: int = 0

    @property
    def percent(self) -> float | None:
        return round(100 * self.count / self.of, 1) if self.of else None


@dataclass
class Scorecard:
    label: str
    by_status: dict[str, int] = field(default_factory=dict)
    """Sent referrals per status; drafts are never counted."""
    median_days_to_decision: float | None = None
    median_days_to_allocation: float | None = None
    active: int = 0
    closed: int = 0
    attendance_improved: Share = field(default_factory=Share)
    no_new_police_incident: Share = field(default_factory=Share)
    specialist_support: Share = field(default_factory=Share)

    @property
    def referrals(self) -> int:
        return sum(self.by_status.values())

    @property
    def status_counts(self) -> list[int]:
        """Referrals in each status after sending, in ReferralStatus order."""
        return [self.by_status.get(s, 0) for s in SENT_STATUSES]

    @property
    def outcome_shares(self) -> list[Share]:
        return [self.attendance_improved, self.no_new_police_incident, self.specialist_support]


def _days(duration: timedelta | int) -> float:
    """Days, as the page has always counted them; SQLite gives microseconds."""
    if not isinstance(duration, timedelta):
        duration = timedelta(microseconds=duration)
    return duration.total_seconds() / 86400


def _median(low: timedelta | int | None, high: timedelta | int | None) -> float | None:
    """The median in days to a tenth from a group's middle duration (low == high) or
    middle two, computed as statistics.median over every duration computed it."""
    return None if low is None else round(median((_days(low), _days(high))), 1)


def scorecards(grouping: str) -> list[Scorecard]:
    """One scorecard per group, largest first (the city as one)."""
    return scorecards_by(grouping)[grouping]


def scorecards_by(*groupings: str) -> dict[str, list[Scorecard]]:
    """The scorecards of each grouping. Per programme, referral figures count each
    referral under every programme it was allocated."""
    for grouping in groupings:
        if grouping not in GROUPINGS:
            raise ValueError(f"Unknown grouping {grouping!r}")
    return {grouping: scorecards_from(*rows) for grouping, rows in figures(groupings).items()}


def scorecards_from(referral_rows: list[tuple], intervention_rows: list[tuple]) -> list[Scorecard]:
    """One grouping's scorecards from its rows (see scorecards_sql), largest first."""
    cards: dict[str, Scorecard] = {}
    statuses = len(SENT_STATUSES)
    for label, *counts_and_middles in referral_rows:
        card = cards.setdefault(label, Scorecard(label=label))
        card.by_status = dict(zip(SENT_STATUSES, counts_and_middles[:statuses], strict=True))
        decision_low, decision_high, allocation_low, allocation_high = counts_and_middles[statuses:]
        card.median_days_to_decision = _median(decision_low, decision_high)
        card.median_days_to_allocation = _median(allocation_low, allocation_high)
    for label, active, closed, *shares in intervention_rows:
        card = cards.setdefault(label, Scorecard(label=label))
        card.active, card.closed = active, closed
        card.attendance_improved = Share(*shares[0:2])
        card.no_new_police_incident = Share(*shares[2:4])
        card.specialist_support = Share(*shares[4:6])
    return sorted(cards.values(), key=lambda c: (-c.referrals, -c.closed, c.label))
