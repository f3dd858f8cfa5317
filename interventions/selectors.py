"""Reads of referrals and interventions. Which young people a user may see comes from
accounts.access (of_visible_young_people, visible_among); these selectors add only which
referrals and interventions of those young people the user's role works with."""

from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest

from accounts.access import RecordOutOfScope, has_role, of_visible_young_people
from accounts.models import SchoolAssignment, User
from accounts.roles import SCHOOL_ROLES, Role
from interventions.models import (
    Intervention,
    InterventionStatus,
    Programme,
    Referral,
    ReferralEntry,
    ReferralStatus,
)
from interventions.rules import WORKER_ROLES


def referrals_for(user: User) -> QuerySet[Referral]:
    """The taskforce: every sent referral and its own drafts. School staff: referrals they
    made or their school made, while the young person is still theirs to see. Nobody
    else sees referrals as such (workers see the intervention)."""
    mine = _referrals_known_to(user)
    if mine is None:
        return Referral.objects.none()
    return of_visible_young_people(user, Referral.objects.filter(mine), person="young_person")


def _referrals_known_to(user: User) -> Q | None:
    """Which referrals the user's role works with, of any young person; None: none."""
    if has_role(user, Role.TASKFORCE):
        return Q(referred_by=user) | ~Q(status=ReferralStatus.DRAFT)
    if has_role(user, *SCHOOL_ROLES):
        schools = SchoolAssignment.objects.filter(user=user).values("school_id")
        return Q(referred_by=user) | (Q(school_id__in=schools) & ~Q(status=ReferralStatus.DRAFT))
    return None


def referred_young_people(user: User) -> QuerySet:
    """The ids of young people with a sent referral the user may know of, for the
    flagged list's "referred" filter and the city overview (risk.referral_status). Not
    narrowed to the user's young people: those pages list only them already, and the
    filter then costs the referrals alone, not the access layer's scope a second time."""
    known = _referrals_known_to(user)
    if known is None:
        return Referral.objects.none().values("young_person_id")
    sent = Referral.objects.filter(known).exclude(status=ReferralStatus.DRAFT)
    return sent.values("young_person_id")


def referral_for_request(request: HttpRequest, pk: int) -> Referral:
    """The referral if the user may see it, else a logged 404 that does not say whether it
    exists (the access layer's refusal, naming the young person when there is one)."""
    referral = (
        referrals_for(request.user)
        .select_related("young_person", "referred_by", "school")
        .filter(pk=pk)
        .first()
    )
    if referral is None:
        person_id = Referral.objects.filter(pk=pk).values_list("young_person_id", flat=True).first()
        raise RecordOutOfScope(person_id=person_id, reason="referral out of scope", what="referral")
    return referral


def interventions_for(user: User) -> QuerySet[Intervention]:
    """The taskforce: every intervention of a young person it may see. An intervention
    worker: their own allocations, which they see only while their grant stands."""
    if has_role(user, Role.TASKFORCE):
        mine = Q()
    elif has_role(user, Role.INTERVENTION_WORKER):
        mine = Q(worker=user)
    else:
        return Intervention.objects.none()
    return of_visible_young_people(user, Intervention.objects.filter(mine), person="young_person")


def intervention_for_request(request: HttpRequest, pk: int) -> Intervention:
    intervention = (
        interventions_for(request.user)
        .select_related("young_person", "programme", "worker", "referral")
        .filter(pk=pk)
        .first()
    )
    if intervention is None:
        raise _intervention_refused(pk)
    return intervention


class MarksOutOfScope(Exception):
    """Marks of a session naming interventions the user may not open: each mark's position
    with the young person of the intervention it names (None when there is none), so
    that each is logged as a refused attempt and the answer names the marks, not them."""

    def __init__(self, *, refused: list[tuple[int, int | None]], marks: int) -> None:
        super().__init__("A mark names an intervention the user may not open.")
        self.refused = refused
        self.marks = marks


def interventions_named(
    user: User, *, opened: Intervention, wanted: Iterable[int]
) -> dict[int, Intervention]:
    """The interventions a session's marks name (`wanted`, one per mark in order), by id,
    with the one opened from the path; MarksOutOfScope if any is not one the user may open."""
    wanted = list(wanted)
    found = interventions_for(user).select_related("young_person").in_bulk(set(wanted) - {opened.pk})
    found[opened.pk] = opened
    refused = [(position, pk) for position, pk in enumerate(wanted) if pk not in found]
    if refused:
        people = dict(
            Intervention.objects.filter(pk__in={pk for _, pk in refused}).values_list("pk", "young_person_id")
        )
        raise MarksOutOfScope(refused=[(p, people.get(pk)) for p, pk in refused], marks=len(wanted))
    return found


def _intervention_refused(pk: int) -> RecordOutOfScope:
    person_id = Intervention.objects.filter(pk=pk).values_list("young_person_id", flat=True).first()
    return RecordOutOfScope(person_id=person_id, reason="intervention out of scope", what="intervention")


def offered_programmes() -> QuerySet[Programme]:
    """The programmes an intervention may be allocated to: a retired one keeps its
    interventions but takes no new ones. The allocation form, the allocate endpoint and
    the programmes list all offer these, so an id read from the list is one allocation takes."""
    return Programme.objects.filter(active=True).order_by("name")


def allocatable_workers() -> QuerySet[User]:
    """With each worker's groups, which their role is read from: the forms offer every
    worker with their role, and no service account (see rules.may_be_allocated). Ties
    on the name are broken by id, so that a list paged through the API neither repeats
    nor skips anyone."""
    workers = User.objects.filter(
        is_active=True, is_service_account=False, groups__name__in=[r.value for r in WORKER_ROLES]
    )
    return workers.prefetch_related("groups").order_by("display_name", "pk")


def open_interventions_per_worker(workers: Iterable[User]) -> dict[int, int]:
    """Each worker's open interventions, in one query, so whoever allocates sees who
    already carries how much (the work queue's caseloads, beside the choice)."""
    counts = (
        Intervention.objects.filter(worker__in=[w.pk for w in workers], status=InterventionStatus.ACTIVE)
        .values("worker")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["worker"]: row["n"] for row in counts}


def referral_history(referral: Referral) -> QuerySet:
    return referral.entries.select_related("by")


def referral_additions(referral: Referral) -> QuerySet[ReferralEntry]:
    """What was learned after the referral's reason: information added, a question the
    taskforce asked and its answer. The worker is notified of each addition but may not
    open the referral, so the intervention's page shows them."""
    added = (ReferralEntry.Action.ADDED, ReferralEntry.Action.ASKED, ReferralEntry.Action.ANSWERED)
    return referral.entries.filter(action__in=added).select_related("by")


def person_referrals(user: User, person_id: int) -> list[Referral]:
    """One young person's referrals the user may see, newest first: their record and the
    referral form show them, so that nobody refers a pupil a colleague referred yesterday
    without knowing, and the referral they follow is a click from the pupil."""
    return list(
        referrals_for(user)
        .filter(young_person_id=person_id)
        .select_related("referred_by", "school")
        .order_by("-created_at", "-id")
    )


def undecided(referrals: list[Referral]) -> list[Referral]:
    """Those sent and still waiting for the taskforce's decision or the referrer's answer."""
    return [r for r in referrals if r.status in (ReferralStatus.SENT, ReferralStatus.MORE_INFORMATION)]
