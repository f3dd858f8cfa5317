"""Scorecard figures for the taskforce (issue 17, item 8): city-wide, per school and per
programme. Read in a fixed number of queries, whatever the number of referrals, and
counted in Python from plain values, so the page, the CSV and the tests agree on one
computation. Kept apart from the work queue so it can grow on its own."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from statistics import median

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


def _days(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return (end - start).total_seconds() / 86400


def _key(grouping: str, school: str | None, programme: str | None) -> str | None:
    if grouping == CITY:
        return CITY_LABEL
    if grouping == SCHOOL:
        return school or NO_SCHOOL
    return programme


def scorecards(grouping: str) -> list[Scorecard]:
    """One scorecard per group, largest first (the city as one). Per programme, referral
    figures count each referral under every programme it was allocated."""
    if grouping not in GROUPINGS:
        raise ValueError(f"Unknown grouping {grouping!r}")
    cards: dict[str, Scorecard] = {}

    def card(key: str | None) -> Scorecard | None:
        if key is None:
            return None
        return cards.setdefault(key, Scorecard(label=key))

    interventions = list(
        Intervention.objects.values(
            "pk", "referral_id", "status", "allocated_at", "programme__name", "specialist_support_received"
        )
    )
    programmes_of: dict[int, set[str]] = defaultdict(set)
    first_allocation: dict[int, datetime] = {}
    for i in interventions:
        programmes_of[i["referral_id"]].add(i["programme__name"])
        seen = first_allocation.get(i["referral_id"])
        if seen is None or i["allocated_at"] < seen:
            first_allocation[i["referral_id"]] = i["allocated_at"]

    referrals = Referral.objects.exclude(status=ReferralStatus.DRAFT).values(
        "pk", "status", "sent_at", "decided_at", "school__name"
    )
    school_of: dict[int, str | None] = {}
    for r in referrals:
        school_of[r["pk"]] = r["school__name"]
        keys = programmes_of[r["pk"]] if grouping == PROGRAMME else {_key(grouping, r["school__name"], None)}
        for key in keys:
            c = card(key)
            c.by_status[r["status"]] += 1
            if (decision := _days(r["sent_at"], r["decided_at"])) is not None:
                c.days_to_decision.append(decision)
            if (allocation := _days(r["sent_at"], first_allocation.get(r["pk"]))) is not None:
                c.days_to_allocation.append(allocation)

    outcomes = _closed_outcomes()
    for i in interventions:
        c = card(_key(grouping, school_of.get(i["referral_id"]), i["programme__name"]))
        if c is None:
            continue
        if i["status"] == InterventionStatus.ACTIVE:
            c.active += 1
            continue
        c.closed += 1
        before, after = outcomes.get(i["pk"], (None, None))
        if before is not None and after is not None:
            if before.attendance is not None and after.attendance is not None:
                c.attendance_improved.of += 1
                c.attendance_improved.count += after.attendance > before.attendance
            c.no_new_police_incident.of += 1
            c.no_new_police_incident.count += after.police == 0
        c.specialist_support.of += 1
        received = i["specialist_support_received"] or bool(after and after.specialist)
        c.specialist_support.count += received
    return sorted(cards.values(), key=lambda c: (-c.referrals, -c.closed, c.label))


@dataclass(frozen=True)
class _Figures:
    attended: int
    possible: int
    police: int
    specialist: int

    @property
    def attendance(self) -> float | None:
        return self.attended / self.possible if self.possible else None


def _closed_outcomes() -> dict[int, tuple[_Figures | None, _Figures | None]]:
    """Each closed intervention's baseline and closure figures, in one query of plain
    values (thousands of model instances would cost more than the page)."""
    rows = (
        Measure.objects.filter(
            intervention__status=InterventionStatus.CLOSED,
            point__in=[Measure.Point.BASELINE, Measure.Point.CLOSURE],
        )
        .order_by("intervention_id", "measured_on", "pk")
        .values_list(
            "intervention_id",
            "point",
            "sessions_attended",
            "sessions_possible",
            "police_incidents_as_suspect",
            "specialist_support",
        )
    )
    pairs: dict[int, list[_Figures | None]] = defaultdict(lambda: [None, None])
    for pk, point, attended, possible, police, specialist in rows:
        pairs[pk][0 if point == Measure.Point.BASELINE else 1] = _Figures(
            attended, possible, police, specialist
        )
    return {pk: (b, c) for pk, (b, c) in pairs.items()}
