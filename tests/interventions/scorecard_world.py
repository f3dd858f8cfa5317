"""A small hand-made set of referrals and interventions whose scorecard figures are worked
out by hand (FIGURES), for the PostgreSQL tests and the SQLite smoke test alike. Rows are
written directly with exact timestamps, so every duration and median is known; each
edge case the scorecards must handle is named where it is made."""

import datetime

from accounts.roles import Role
from interventions.models import (
    Intervention,
    InterventionStatus,
    Measure,
    Programme,
    Referral,
    ReferralStatus,
)
from schools.models import School
from tests.factories import PersonFactory, SchoolFactory
from tests.factories.access import user_with_role

T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
MENTORING = "Scorecard mentoring"
GROUP_WORK = "Scorecard group work"

S = ReferralStatus


class World:
    def __init__(self) -> None:
        self.referrer = user_with_role(Role.DSL)
        self.officer = user_with_role(Role.TASKFORCE)
        self.worker = user_with_role(Role.INTERVENTION_WORKER)
        self.programmes = {
            name: Programme.objects.create(name=name, kind=kind)
            for name, kind in (
                (MENTORING, Programme.Kind.ONE_TO_ONE),
                (GROUP_WORK, Programme.Kind.GROUP),
                ("Scorecard unused", Programme.Kind.OTHER),  # no interventions: no card
            )
        }

    def referral(self, school: School | None, status: str, decided_after: float | None = None) -> Referral:
        decided = T0 + datetime.timedelta(days=decided_after) if decided_after is not None else None
        return Referral.objects.create(
            young_person=PersonFactory(),
            referred_by=self.referrer if school else self.officer,
            school=school,
            status=status,
            reason="Hand-made",
            consent_basis="consent",
            consent_given_by="Parent",
            referrer_contact="01632 960001",
            sent_at=None if status == S.DRAFT else T0,
            status_changed_at=decided or T0,
            decided_at=decided,
            decided_by=self.officer if decided else None,
        )

    def intervention(
        self,
        referral: Referral,
        programme: str,
        allocated_after: float,
        *,
        closed: bool = True,
        support: bool | None = None,
    ) -> Intervention:
        start = T0.date() + datetime.timedelta(days=10)
        return Intervention.objects.create(
            referral=referral,
            young_person=referral.young_person,
            programme=self.programmes[programme],
            provider="Hand-made provider",
            worker=self.worker,
            start_date=start,
            planned_sessions=8,
            review_date=start + datetime.timedelta(days=42),
            status=InterventionStatus.CLOSED if closed else InterventionStatus.ACTIVE,
            allocated_by=self.officer,
            allocated_at=T0 + datetime.timedelta(days=allocated_after),
            closed_on=start + datetime.timedelta(days=60) if closed else None,
            closure_reason="completed" if closed else "",
            specialist_support_received=support,
        )

    def measure(
        self,
        intervention: Intervention,
        point: str,
        attended: int,
        possible: int,
        *,
        police: int = 0,
        specialist: int = 0,
        day: int = 0,
        too_soon: bool = False,
    ) -> None:
        on = intervention.start_date + datetime.timedelta(days=day)
        Measure.objects.create(
            intervention=intervention,
            point=point,
            measured_on=on,
            sessions_attended=attended,
            sessions_possible=possible,
            events_from=on - datetime.timedelta(days=180),
            events_to=on,
            police_incidents_as_suspect=police,
            specialist_support=specialist,
            too_soon=too_soon,
        )


def build_world() -> None:
    w = World()
    ashby = SchoolFactory(name="Ashby Academy")
    beacon = SchoolFactory(name="Beacon High")
    cedar = SchoolFactory(name="Cedar Primary")

    # Ashby: three decisions (odd median), two allocations (even median on a binary tie).
    a1 = w.referral(ashby, S.ACCEPTED, 1.0)
    i1 = w.intervention(a1, MENTORING, 3.0, support=False)
    w.measure(i1, "baseline", 50, 100)
    w.measure(i1, "closure", 80, 100, day=60)  # improved, no police incident
    w.intervention(a1, GROUP_WORK, 5.0, closed=False)  # a1 counts under both programmes
    a2 = w.referral(ashby, S.ACCEPTED, 2.0)
    i3 = w.intervention(a2, MENTORING, 1.5, support=True)  # support recorded at closure
    w.measure(i3, "baseline", 80, 100)
    w.measure(i3, "closure", 60, 100, police=2, day=60)
    w.referral(ashby, S.DECLINED, 4.0)
    w.referral(ashby, S.SENT)
    w.referral(ashby, S.DRAFT, 9.0)  # a draft: counted nowhere

    # Beacon: two decisions (0.1 and 0.4 days: even median 0.25, shown 0.2); closed
    # interventions without a usable outcome, so no share has anything to divide by.
    b1 = w.referral(beacon, S.ACCEPTED, 0.4)
    w.intervention(b1, GROUP_WORK, 6.0)  # no measures at all
    i6 = w.intervention(b1, MENTORING, 7.0, support=False)
    w.measure(i6, "closure", 90, 100, specialist=3, day=60)  # no baseline: not an outcome
    w.referral(beacon, S.MORE_INFORMATION)
    w.referral(beacon, S.DECLINED, 0.1)

    # The taskforce's own referrals, with no school.
    t1 = w.referral(None, S.ACCEPTED, 0.5)
    i4 = w.intervention(t1, GROUP_WORK, 0.75)
    w.measure(i4, "baseline", 0, 0)  # no sessions to compare: attendance not counted
    w.measure(i4, "closure", 10, 20, specialist=1, day=60)
    i7 = w.intervention(t1, MENTORING, 2.0, support=False)
    w.measure(i7, "baseline", 40, 100)
    w.measure(i7, "closure", 90, 100, specialist=2, day=50)  # an earlier closure: superseded
    w.measure(i7, "closure", 30, 100, police=1, day=60)  # the latest closure counts
    i8 = w.intervention(t1, MENTORING, 3.0, support=True)
    w.measure(i8, "baseline", 80, 100)
    # closed on its start day, before a whole school week: closed, but in no share
    w.measure(i8, "closure", 20, 100, too_soon=True)
    w.referral(None, S.SENT)

    # Cedar: only a draft, so no card.
    w.referral(cedar, S.DRAFT)


def card(
    label: str,
    statuses: tuple[int, int, int, int],
    medians: tuple[float | None, float | None],
    active_closed: tuple[int, int],
    *shares: tuple[int, int],
) -> dict:
    """A card as figures(): statuses in ReferralStatus order after draft (new, awaiting
    information, accepted, declined); shares are (count, of) for attendance improved, no
    new police incident and specialist support."""
    return {
        "label": label,
        "statuses": list(statuses),
        "medians": medians,
        "active_closed": active_closed,
        "shares": list(shares),
    }


def figures(cards: list) -> list[dict]:
    """The scorecards' figures in the form FIGURES pins them."""
    return [
        {
            "label": c.label,
            "statuses": c.status_counts,
            "medians": (c.median_days_to_decision, c.median_days_to_allocation),
            "active_closed": (c.active, c.closed),
            "shares": [(s.count, s.of) for s in c.outcome_shares],
        }
        for c in cards
    ]


FIGURES = {
    "city": [
        card("Whole city", (2, 1, 4, 2), (0.8, 2.2), (1, 7), (1, 3), (2, 4), (2, 4)),
    ],
    "school": [
        card("Ashby Academy", (1, 0, 2, 1), (2.0, 2.2), (1, 2), (1, 2), (1, 2), (1, 2)),
        card("Beacon High", (0, 1, 1, 1), (0.2, 6.0), (0, 2), (0, 0), (0, 0), (0, 0)),
        card("Referred by the taskforce", (1, 0, 1, 0), (0.5, 0.8), (0, 3), (0, 1), (1, 2), (1, 2)),
    ],
    "programme": [
        card(MENTORING, (0, 0, 4, 0), (0.8, 2.2), (0, 5), (1, 3), (1, 3), (1, 3)),
        card(GROUP_WORK, (0, 0, 3, 0), (0.5, 3.0), (1, 2), (0, 0), (1, 1), (1, 1)),
    ],
}
"""Worked by hand. Medians: Ashby's allocations 1.5 and 3.0 days give 2.25, which
rounds to 2.2 (half to even, as Python rounds); the city's decisions 0.1, 0.4, 0.5, 1, 2
and 4 give 0.75, shown 0.8. Per programme, a referral counts under each programme it
was allocated, with its first allocation of any programme."""

CSV_BY_SCHOOL = [
    [
        "Group",
        "New",
        "Awaiting more information",
        "Accepted",
        "Declined",
        "Median days to decision",
        "Median days to allocation",
        "Active interventions",
        "Closed interventions",
        "Attendance improved (%)",
        "No new police incident (%)",
        "Specialist support received (%)",
    ],
    ["Ashby Academy", "1", "0", "2", "1", "2.0", "2.2", "1", "2", "50.0", "50.0", "50.0"],
    ["Beacon High", "0", "1", "1", "1", "0.2", "6.0", "0", "2", "", "", ""],
    ["Referred by the taskforce", "1", "0", "1", "0", "0.5", "0.8", "0", "3", "0.0", "50.0", "50.0"],
]
