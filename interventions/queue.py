"""The taskforce's work queue (issue 17, item 6): what needs a decision or an action,
most urgent and oldest first. Each section shows its first SECTION_LIMIT rows and says
how many there are in all, with a link to the whole list; a fixed number of queries,
however long the queue."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from accounts.models import User
from interventions.models import Intervention, InterventionStatus, Referral, ReferralStatus, Urgency
from interventions.rules import WORKER_ROLES

SECTION_LIMIT = 25
REVIEW_NOTICE_DAYS = 7

URGENCY_ORDER = Case(
    *[When(urgency=u, then=Value(Urgency.rank(u))) for u in Urgency.values], output_field=IntegerField()
)


@dataclass(frozen=True)
class WorkerLoad:
    worker: User
    active: int
    reviews_due: int


@dataclass(frozen=True)
class SectionCounts:
    new: int
    awaiting_information: int
    unallocated: int
    reviews_due: int


@dataclass(frozen=True)
class WorkQueue:
    new: list[Referral]
    awaiting_information: list[Referral]
    unallocated: list[Referral]
    reviews_due: list[Intervention]
    caseloads: list[WorkerLoad]
    counts: SectionCounts
    today: date
    limit: int

    def person_ids(self) -> list[int]:
        referrals = [*self.new, *self.awaiting_information, *self.unallocated]
        return [r.young_person_id for r in referrals] + [i.young_person_id for i in self.reviews_due]


def unallocated_referrals(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    """Accepted and still without an intervention: the taskforce owes them a decision."""
    return referrals.filter(status=ReferralStatus.ACCEPTED).exclude(
        pk__in=Intervention.objects.values("referral_id")
    )


def _referrals(referrals: QuerySet[Referral], status: str) -> list[Referral]:
    return list(
        referrals.filter(status=status)
        .select_related("young_person", "referred_by", "school")
        .order_by(URGENCY_ORDER, "sent_at", "pk")[:SECTION_LIMIT]
    )


def work_queue(
    *, referrals: QuerySet[Referral], interventions: QuerySet[Intervention], today: date
) -> WorkQueue:
    """`referrals` and `interventions` are the viewer's, from the selectors. Which of
    them the viewer may see is read once for each, as ids: the taskforce's scope is its
    whole caseload (every flagged or referred young person), which costs the database
    the same to work out for one section as for all, so the sections and counts then
    read those rows alone."""
    due_by = today + timedelta(days=REVIEW_NOTICE_DAYS)
    waiting = Q(status__in=[ReferralStatus.SENT, ReferralStatus.MORE_INFORMATION]) | Q(
        pk__in=unallocated_referrals(Referral.objects.all()).values("pk")
    )
    referrals = Referral.objects.filter(pk__in=list(referrals.filter(waiting).values_list("pk", flat=True)))
    unallocated = unallocated_referrals(referrals)
    due = Intervention.objects.filter(
        pk__in=list(
            interventions.filter(status=InterventionStatus.ACTIVE, review_date__lte=due_by).values_list(
                "pk", flat=True
            )
        )
    )
    loads = (
        User.objects.filter(is_active=True, groups__name__in=[r.value for r in WORKER_ROLES])
        .annotate(
            active=Count(
                "allocations", filter=Q(allocations__status=InterventionStatus.ACTIVE), distinct=True
            ),
            due=Count(
                "allocations",
                filter=Q(allocations__status=InterventionStatus.ACTIVE, allocations__review_date__lte=due_by),
                distinct=True,
            ),
        )
        .prefetch_related("groups")
        .order_by("-active", "display_name")
    )
    return WorkQueue(
        new=_referrals(referrals, ReferralStatus.SENT),
        awaiting_information=_referrals(referrals, ReferralStatus.MORE_INFORMATION),
        unallocated=list(
            unallocated.select_related("young_person", "referred_by", "school").order_by(
                URGENCY_ORDER, "decided_at", "pk"
            )[:SECTION_LIMIT]
        ),
        reviews_due=list(
            due.select_related("young_person", "programme", "worker").order_by("review_date", "pk")[
                :SECTION_LIMIT
            ]
        ),
        caseloads=[WorkerLoad(worker=u, active=u.active, reviews_due=u.due) for u in loads],
        counts=_counts(referrals, unallocated, due),
        today=today,
        limit=SECTION_LIMIT,
    )


def _counts(
    referrals: QuerySet[Referral], unallocated: QuerySet[Referral], due: QuerySet[Intervention]
) -> SectionCounts:
    """Every section's full size, so the page says "25 of 312", not "25"."""
    figures = referrals.aggregate(
        new=Count("pk", filter=Q(status=ReferralStatus.SENT)),
        awaiting_information=Count("pk", filter=Q(status=ReferralStatus.MORE_INFORMATION)),
        unallocated=Count("pk", filter=Q(pk__in=unallocated.values("pk"))),
    )
    return SectionCounts(**figures, reviews_due=due.count())
