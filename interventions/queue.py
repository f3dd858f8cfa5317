"""The taskforce's work queue (issue 17, item 6): what needs a decision or an action,
most urgent and oldest first. Each section shows its first SECTION_LIMIT rows and says
how many there are in all, with a link to the whole list; a fixed number of queries,
however long the queue."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from accounts.models import User
from interventions.models import Intervention, InterventionStatus, Referral, ReferralStatus, Urgency
from interventions.rules import WORKER_ROLES

SECTION_LIMIT = 25
REVIEW_NOTICE_DAYS = 7
QUEUED = (ReferralStatus.SENT, ReferralStatus.MORE_INFORMATION, ReferralStatus.ACCEPTED)
"""The statuses of the referrals the queue shows; an accepted one only until allocated."""
URGENCY_RANK = {urgency: Urgency.rank(urgency) for urgency in Urgency.values}


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
class CaseloadCounts:
    open: int
    reviews_due: int
    overdue: int


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
    overdue: int
    """Of counts.reviews_due, those past their date: the summary counts them apart, as
    the section tags them, rather than calling every one "due within a week"."""

    @property
    def due_soon(self) -> int:
        return self.counts.reviews_due - self.overdue

    def person_ids(self) -> list[int]:
        referrals = [*self.new, *self.awaiting_information, *self.unallocated]
        return [r.young_person_id for r in referrals] + [i.young_person_id for i in self.reviews_due]


def unallocated_referrals(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    """Accepted and still without an intervention: the taskforce owes them a decision."""
    return referrals.filter(_unallocated())


def _unallocated() -> Q:
    return Q(status=ReferralStatus.ACCEPTED) & ~Exists(Intervention.objects.filter(referral=OuterRef("pk")))


def _waiting() -> Q:
    return Q(status__in=[ReferralStatus.SENT, ReferralStatus.MORE_INFORMATION]) | _unallocated()


def reviews_due(interventions: QuerySet[Intervention], *, today: date) -> QuerySet[Intervention]:
    """Open, with the review within REVIEW_NOTICE_DAYS or past: the queue's "Reviews due"
    and the worker's home page count the same ones."""
    return interventions.filter(status=InterventionStatus.ACTIVE, review_date__lte=_due_by(today))


def _due_by(today: date) -> date:
    return today + timedelta(days=REVIEW_NOTICE_DAYS)


def caseload_counts(interventions: QuerySet[Intervention], *, today: date) -> CaseloadCounts:
    """A worker's open interventions and their reviews due (as the queue counts them) or
    past, in one query: their home page's figures, naming nobody."""
    counted = (
        interventions.filter(status=InterventionStatus.ACTIVE)
        .order_by()
        .aggregate(
            open=Count("pk"),
            reviews_due=Count("pk", filter=Q(review_date__lte=_due_by(today))),
            overdue=Count("pk", filter=Q(review_date__lt=today)),
        )
    )
    return CaseloadCounts(**counted)


def queue_counts(
    *, referrals: QuerySet[Referral], interventions: QuerySet[Intervention], today: date
) -> SectionCounts:
    """The queue's headline figures alone, for the taskforce's home page: the sections of
    work_queue, counted by the database in two queries however long the queue, and no
    row read, so no young person is named."""
    counted = (
        referrals.filter(_waiting())
        .order_by()
        .aggregate(
            new=Count("pk", filter=Q(status=ReferralStatus.SENT)),
            awaiting_information=Count("pk", filter=Q(status=ReferralStatus.MORE_INFORMATION)),
            unallocated=Count("pk", filter=Q(status=ReferralStatus.ACCEPTED)),
        )
    )
    return SectionCounts(**counted, reviews_due=reviews_due(interventions, today=today).count())


def _first(rows: list[tuple]) -> list[int]:
    """The ids of a section's first rows: `rows` are sort keys ending in the id."""
    return [row[-1] for row in sorted(rows)[:SECTION_LIMIT]]


def work_queue(
    *, referrals: QuerySet[Referral], interventions: QuerySet[Intervention], today: date
) -> WorkQueue:
    """`referrals` and `interventions` are the viewer's, from the selectors, each asked
    once for what sorts its rows into sections (status, urgency, dates), as plain
    values: the sections are ordered here, every count is the length of a list, and the
    rows shown are then read by id, all referrals in one query and the reviews in
    another. The database thus tests the viewer's scope twice a page, and joins the
    young person, referrer and school to the rows shown alone, not to every row of a
    section before keeping its first SECTION_LIMIT."""
    sections: dict[str, list[tuple]] = {s: [] for s in QUEUED}
    values = ("status", "urgency", "sent_at", "decided_at", "pk")
    for status, urgency, sent_at, decided_at, pk in (
        referrals.filter(_waiting()).order_by().values_list(*values)
    ):
        since = decided_at if status == ReferralStatus.ACCEPTED else sent_at
        sections[status].append((URGENCY_RANK[urgency], since is None, since, pk))
    due = list(reviews_due(interventions, today=today).order_by().values_list("review_date", "pk"))
    first = {status: _first(rows) for status, rows in sections.items()}
    shown = (
        Referral.objects.select_related("young_person", "referred_by", "school")
        .order_by()
        .in_bulk([pk for ids in first.values() for pk in ids])
    )
    due_first = _first(due)
    reviews = (
        Intervention.objects.select_related("young_person", "programme", "worker")
        .order_by()
        .in_bulk(due_first)
    )
    return WorkQueue(
        new=[shown[pk] for pk in first[ReferralStatus.SENT]],
        awaiting_information=[shown[pk] for pk in first[ReferralStatus.MORE_INFORMATION]],
        unallocated=[shown[pk] for pk in first[ReferralStatus.ACCEPTED]],
        reviews_due=[reviews[pk] for pk in due_first],
        caseloads=_worker_loads(_due_by(today)),
        counts=SectionCounts(
            new=len(sections[ReferralStatus.SENT]),
            awaiting_information=len(sections[ReferralStatus.MORE_INFORMATION]),
            unallocated=len(sections[ReferralStatus.ACCEPTED]),
            reviews_due=len(due),
        ),
        today=today,
        limit=SECTION_LIMIT,
        overdue=sum(1 for review_date, _ in due if review_date < today),
    )


def _worker_loads(due_by: date) -> list[WorkerLoad]:
    """Every worker who may be allocated, and anyone else still holding an open
    intervention (a worker who has left), whose young people need another worker."""
    holding = Exists(Intervention.objects.filter(worker=OuterRef("pk"), status=InterventionStatus.ACTIVE))
    loads = (
        User.objects.filter(Q(is_active=True, groups__name__in=[r.value for r in WORKER_ROLES]) | holding)
        .distinct()
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
    return [WorkerLoad(worker=u, active=u.active, reviews_due=u.due) for u in loads]
