"""Scorecard figures for the taskforce (issue 17, item 8): city-wide, per school and per
programme. Read in a fixed number of queries, whatever the number of referrals, and
counted in Python from plain tuples, so the page, the CSV and the tests agree on one
computation. Kept apart from the work queue so it can grow on its own."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from statistics import median

from django.db.models import DurationField, ExpressionWrapper, F, FilteredRelation, Min, Q

from interventions.models import Intervention, InterventionStatus, Measure, Referral, ReferralStatus

CITY = "city"
SCHOOL = "school"
PROGRAMME = "programme"
GROUPINGS = (CITY, SCHOOL, PROGRAMME)
CITY_LABEL = "Whole city"
NO_SCHOOL = "Referred by the taskforce"


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
    by_status: Counter = field(default_factory=Counter)
    days_to_decision: list[float] = field(default_factory=list)
    days_to_allocation: list[float] = field(default_factory=list)
    active: int = 0
    closed: int = 0
    attendance_improved: Share = field(default_factory=Share)
    no_new_police_incident: Share = field(default_factory=Share)
    specialist_support: Share = field(default_factory=Share)

    @property
    def referrals(self) -> int:
        return sum(count for status, count in self.by_status.items() if status != ReferralStatus.DRAFT)

    @property
    def status_counts(self) -> list[int]:
        """Referrals in each status after sending, in ReferralStatus order."""
        return [self.by_status.get(s, 0) for s in ReferralStatus.values if s != ReferralStatus.DRAFT]

    @property
    def outcome_shares(self) -> list[Share]:
        return [self.attendance_improved, self.no_new_police_incident, self.specialist_support]

    @property
    def median_days_to_decision(self) -> float | None:
        return round(median(self.days_to_decision), 1) if self.days_to_decision else None

    @property
    def median_days_to_allocation(self) -> float | None:
        return round(median(self.days_to_allocation), 1) if self.days_to_allocation else None


def _days(duration: timedelta | None) -> float | None:
    return None if duration is None else duration.total_seconds() / 86400


def _key(grouping: str, school: str | None, programme: str | None) -> str | None:
    if grouping == CITY:
        return CITY_LABEL
    if grouping == SCHOOL:
        return school or NO_SCHOOL
    return programme


def scorecards(grouping: str) -> list[Scorecard]:
    """One scorecard per group, largest first (the city as one)."""
    return scorecards_by(grouping)[grouping]


def scorecards_by(*groupings: str) -> dict[str, list[Scorecard]]:
    """The scorecards of each grouping from one read of the figures. Per programme,
    referral figures count each referral under every programme it was allocated.
    Durations are taken in the database and rows read as tuples: at city scale, turning
    thousands of rows into dictionaries of timestamps cost more than the queries."""
    for grouping in groupings:
        if grouping not in GROUPINGS:
            raise ValueError(f"Unknown grouping {grouping!r}")
    interventions = list(
        Intervention.objects.values_list(
            "pk", "referral_id", "status", "programme__name", "specialist_support_received"
        )
    )
    programmes_of: dict[int, set[str]] = defaultdict(set)
    for _, referral_id, _, programme, _ in interventions:
        programmes_of[referral_id].add(programme)
    referrals = list(
        Referral.objects.exclude(status=ReferralStatus.DRAFT)
        .annotate(
            to_decision=ExpressionWrapper(F("decided_at") - F("sent_at"), output_field=DurationField()),
            to_allocation=ExpressionWrapper(
                Min("interventions__allocated_at") - F("sent_at"), output_field=DurationField()
            ),
        )
        .values_list("pk", "status", "school__name", "to_decision", "to_allocation")
    )
    outcomes = _closed_outcomes()
    return {
        grouping: _cards(grouping, referrals, interventions, programmes_of, outcomes)
        for grouping in groupings
    }


def _cards(
    grouping: str,
    referrals: list[tuple],
    interventions: list[tuple],
    programmes_of: dict[int, set[str]],
    outcomes: dict[int, tuple[bool | None, bool, bool]],
) -> list[Scorecard]:
    cards: dict[str, Scorecard] = {}

    def card(key: str | None) -> Scorecard | None:
        if key is None:
            return None
        if key not in cards:
            cards[key] = Scorecard(label=key)
        return cards[key]

    school_of: dict[int, str | None] = {}
    for pk, status, school, to_decision, to_allocation in referrals:
        school_of[pk] = school
        keys = programmes_of[pk] if grouping == PROGRAMME else {_key(grouping, school, None)}
        for key in keys:
            c = card(key)
            c.by_status[status] += 1
            if (decision := _days(to_decision)) is not None:
                c.days_to_decision.append(decision)
            if (allocation := _days(to_allocation)) is not None:
                c.days_to_allocation.append(allocation)

    for pk, referral_id, status, programme, support_received in interventions:
        c = card(_key(grouping, school_of.get(referral_id), programme))
        if c is None:
            continue
        if status == InterventionStatus.ACTIVE:
            c.active += 1
            continue
        c.closed += 1
        outcome = outcomes.get(pk)
        if outcome is not None:
            improved, no_police, _ = outcome
            if improved is not None:
                c.attendance_improved.of += 1
                c.attendance_improved.count += improved
            c.no_new_police_incident.of += 1
            c.no_new_police_incident.count += no_police
        c.specialist_support.of += 1
        c.specialist_support.count += bool(support_received or (outcome and outcome[2]))
    return sorted(cards.values(), key=lambda c: (-c.referrals, -c.closed, c.label))


def _closed_outcomes() -> dict[int, tuple[bool | None, bool, bool]]:
    """Each closed intervention with both a baseline and a closure measure: whether its
    attendance improved (None if either has no sessions to count), whether no police
    incident followed, and whether the closure found specialist support; the latest
    closure counts. One query of tuples, the baseline (one per intervention) joined in."""
    rows = (
        Measure.objects.filter(intervention__status=InterventionStatus.CLOSED, point=Measure.Point.CLOSURE)
        .annotate(
            baseline=FilteredRelation(
                "intervention__measures", condition=Q(intervention__measures__point=Measure.Point.BASELINE)
            )
        )
        .filter(baseline__isnull=False)
        .order_by("intervention_id", "measured_on", "pk")
        .values_list(
            "intervention_id",
            "sessions_attended",
            "sessions_possible",
            "police_incidents_as_suspect",
            "specialist_support",
            "baseline__sessions_attended",
            "baseline__sessions_possible",
        )
    )
    outcomes = {}
    for pk, attended, possible, police, specialist, before_attended, before_possible in rows:
        improved = None
        if possible and before_possible:
            improved = attended / possible > before_attended / before_possible
        outcomes[pk] = (improved, police == 0, bool(specialist))
    return outcomes
