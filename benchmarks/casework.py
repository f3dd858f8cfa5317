"""The taskforce's work queue and scorecards at city scale (issue 17): 5,000 referrals
and 8,000 interventions added to the bench city in bulk, then each page timed next to
the raw SQL for the same figures."""

import random
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from benchmarks.pages import _get, _page_measure, client_for
from benchmarks.timing import Measure, raw_sql
from interventions.models import (
    ClosureReason,
    Intervention,
    InterventionStatus,
    Programme,
    Referral,
    ReferralStatus,
    Urgency,
)
from interventions.models import (
    Measure as OutcomeMeasure,
)
from portal.demo.scale.build import ScaleCity
from portal.demo.users import DEMO_DOMAIN
from schools.models import Enrolment

REFERRALS = 5000
INTERVENTIONS = 8000
GOAL_MS = 150
STATUSES = (
    [ReferralStatus.SENT] * 8
    + [ReferralStatus.MORE_INFORMATION] * 4
    + [ReferralStatus.DECLINED] * 18
    + [ReferralStatus.ACCEPTED] * 70
)

_QUEUE_SQL = """
    SELECT r.id, p.forename, p.surname, r.urgency, r.sent_at FROM interventions_referral r
    JOIN schools_person p ON p.id = r.young_person_id
    WHERE r.status = %s ORDER BY CASE r.urgency WHEN 'urgent' THEN 0 WHEN 'soon' THEN 1 ELSE 2 END, r.sent_at
    LIMIT 100
"""
_HOME_SQL = """
    SELECT (SELECT count(*) FROM interventions_referral WHERE status IN %s),
           (SELECT count(*) FROM interventions_intervention WHERE status = 'active' AND review_date <= %s),
           (SELECT count(*) FROM risk_flag WHERE review = 'pending' AND cleared_at IS NULL)
"""
_SCORECARD_SQL = """
    SELECT s.name, r.status, count(*), percentile_cont(0.5) WITHIN GROUP
        (ORDER BY extract(epoch FROM r.decided_at - r.sent_at))
    FROM interventions_referral r LEFT JOIN schools_school s ON s.id = r.school_id
    WHERE r.status <> 'draft' GROUP BY s.name, r.status
"""


@transaction.atomic
def ensure_casework(
    *, referrals: int = REFERRALS, interventions: int = INTERVENTIONS, seed: int = 17
) -> dict:
    """Adds the referrals and interventions once (a reused bench city keeps them)."""
    if Referral.objects.count() >= referrals:
        return {"referrals": Referral.objects.count(), "interventions": Intervention.objects.count()}
    rng = random.Random(seed)
    now = timezone.now()
    head = User.objects.get(email=f"head.teacher@{DEMO_DOMAIN}")
    officer = User.objects.get(email=f"taskforce@{DEMO_DOMAIN}")
    worker = User.objects.get(email=f"worker@{DEMO_DOMAIN}")
    pupils = list(
        Enrolment.objects.filter(leaving_date__isnull=True).values_list("person_id", "school_id")[:referrals]
    )
    made = []
    for n in range(referrals):
        person, school = pupils[n % len(pupils)]
        status = rng.choice(STATUSES)
        sent = now - timedelta(days=rng.uniform(1, 365))
        decided = sent + timedelta(days=rng.uniform(0.5, 20)) if status in ("accepted", "declined") else None
        made.append(
            Referral(
                young_person_id=person,
                referred_by=head,
                school_id=school,
                status=status,
                reason="Bench referral",
                consent_basis="consent",
                consent_given_by="Parent",
                urgency=rng.choice(Urgency.values),
                referrer_contact="bench",
                sent_at=sent,
                status_changed_at=decided or sent,
                decided_at=decided,
                decided_by=officer if decided else None,
            )
        )
    Referral.objects.bulk_create(made, batch_size=1000)
    accepted = list(Referral.objects.filter(status=ReferralStatus.ACCEPTED).order_by("pk"))
    programmes = list(Programme.objects.all())
    allocations = []
    for n in range(interventions):
        referral = accepted[n % len(accepted)]
        start = (referral.decided_at + timedelta(days=rng.uniform(1, 14))).date()
        closed = rng.random() < 0.7 and start < now.date() - timedelta(days=30)
        allocations.append(
            Intervention(
                referral=referral,
                young_person_id=referral.young_person_id,
                programme=rng.choice(programmes),
                provider="Bench provider",
                worker=rng.choice([officer, worker]),
                start_date=start,
                planned_sessions=8,
                review_date=start + timedelta(days=42),
                status=InterventionStatus.CLOSED if closed else InterventionStatus.ACTIVE,
                allocated_by=officer,
                allocated_at=referral.decided_at + timedelta(days=1),
                closed_on=start + timedelta(days=30) if closed else None,
                closure_reason=rng.choice(ClosureReason.values) if closed else "",
                outcome_summary="Bench" if closed else "",
                specialist_support_received=rng.random() < 0.4 if closed else None,
            )
        )
    Intervention.objects.bulk_create(allocations, batch_size=1000)
    measures = []
    for i in Intervention.objects.filter(status=InterventionStatus.CLOSED).only(
        "pk", "start_date", "closed_on"
    ):
        for point, on, attended in (
            ("baseline", i.start_date, rng.randint(60, 110)),
            ("closure", i.closed_on, rng.randint(60, 120)),
        ):
            measures.append(
                OutcomeMeasure(
                    intervention=i,
                    point=point,
                    measured_on=on,
                    school_weeks=12,
                    sessions_attended=attended,
                    sessions_possible=120,
                    events_from=on - timedelta(days=180),
                    events_to=on,
                    police_incidents_as_suspect=rng.choice([0, 0, 0, 1, 2]),
                )
            )
    OutcomeMeasure.objects.bulk_create(measures, batch_size=2000)
    with connection.cursor() as cursor:
        for table in ("interventions_referral", "interventions_intervention", "interventions_measure"):
            cursor.execute(f"ANALYZE {table}")
    return {"referrals": Referral.objects.count(), "interventions": Intervention.objects.count()}


def casework_measures(
    city: ScaleCity, *, reps: int, referrals: int = REFERRALS, interventions: int = INTERVENTIONS
) -> list[Measure]:
    counts = ensure_casework(referrals=referrals, interventions=interventions)
    officer = client_for("taskforce")
    queue = _page_measure(
        "work_queue",
        f"Work queue with {counts['referrals']:,} referrals and {counts['interventions']:,} interventions",
        _get(officer, "/referrals/queue/"),
        raw_sql(_QUEUE_SQL, [ReferralStatus.SENT]),
        reps=reps,
        goal_ms=GOAL_MS,
    )
    scorecard = _page_measure(
        "scorecards",
        "Scorecards per school over the same referrals and interventions",
        _get(officer, "/interventions/scorecards/?by=school"),
        raw_sql(_SCORECARD_SQL),
        reps=reps,
        goal_ms=GOAL_MS,
    )
    home = _page_measure(
        "home_taskforce",
        "Taskforce officer's home page (the work queue's and the review queue's counts)",
        _get(officer, "/"),
        raw_sql(
            _HOME_SQL,
            [
                (ReferralStatus.SENT, ReferralStatus.MORE_INFORMATION, ReferralStatus.ACCEPTED),
                timezone.localdate() + timedelta(days=7),
            ],
        ),
        reps=reps,
        goal_ms=GOAL_MS,
    )
    return [queue, scorecard, home]
