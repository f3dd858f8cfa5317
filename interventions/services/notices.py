"""Who hears of what (issue 17, item 7). Titles never name the young person: `notify`
carries them as a foreign key, shown only to readers who may still see them. Each event
is notified once, from the service that made the change, inside its transaction."""

from django.urls import reverse

from accounts.access import has_role
from accounts.models import SchoolAssignment, User
from accounts.roles import Role
from accounts.services.notifications import notify
from interventions.models import Intervention, InterventionStatus, Referral


def _school_dsls(referral: Referral) -> list[User]:
    if referral.school_id is None:
        return []
    assignments = SchoolAssignment.objects.filter(school_id=referral.school_id, role=Role.DSL)
    return list(User.objects.filter(pk__in=assignments.values("user_id"), is_active=True))


def _taskforce() -> list[User]:
    return list(User.objects.filter(groups__name=Role.TASKFORCE.value, is_active=True))


def referral_status_changed(*, referral: Referral, by: User, title: str) -> int:
    """The referrer and their school's DSLs, except whoever made the change."""
    users = {u.pk: u for u in [referral.referred_by, *_school_dsls(referral)] if u.pk != by.pk}
    return notify(
        users=users.values(),
        kind="referral_status",
        title=title,
        url=reverse("referrals:detail", args=[referral.pk]),
        person=referral.young_person,
    )


def referral_needs_triage(*, referral: Referral, by: User, title: str) -> int:
    """Taskforce officers, when a referral arrives or its referrer answers a question."""
    return notify(
        users=[u for u in _taskforce() if u.pk != by.pk],
        kind="referral_for_triage",
        title=title,
        url=reverse("referrals:detail", args=[referral.pk]),
        person=referral.young_person,
    )


def information_added(*, referral: Referral, by: User) -> int:
    """Everyone working on the referral, except who added: an addition (an exclusion
    yesterday, a new address) matters to the taskforce triaging or allocating it and to
    the workers of its open interventions, and a taskforce officer's to the school. The
    taskforce hears of what others add, not of each other's notes."""
    taskforce = [] if has_role(by, Role.TASKFORCE) else _taskforce()
    on_referral = [referral.referred_by, *_school_dsls(referral), *taskforce]
    written = notify(
        users={u.pk: u for u in on_referral if u.pk != by.pk}.values(),
        kind="referral_information",
        title="Information was added to a referral",
        url=reverse("referrals:detail", args=[referral.pk]),
        person=referral.young_person,
    )
    open_ones = referral.interventions.filter(status=InterventionStatus.ACTIVE).select_related("worker")
    for intervention in open_ones:
        if intervention.worker_id != by.pk:
            written += notify(
                users=[intervention.worker],
                kind="referral_information",
                title="Information was added to the referral of a young person you work with",
                url=reverse("interventions:detail", args=[intervention.pk]),
                person=referral.young_person,
            )
    return written


def worker_allocated(*, intervention: Intervention, by: User) -> int:
    if intervention.worker_id == by.pk:
        return 0
    return notify(
        users=[intervention.worker],
        kind="intervention_allocated",
        title=f"You have been allocated a young person for {intervention.programme.name}",
        url=reverse("interventions:detail", args=[intervention.pk]),
        person=intervention.young_person,
    )


def lead_worker_role_changed(*, intervention: Intervention, by: User | None) -> int:
    """Taskforce officers, when the lead worker's new role may not lead interventions:
    they no longer see the young person, so the intervention needs a new worker."""
    return notify(
        users=[u for u in _taskforce() if by is None or u.pk != by.pk],
        kind="intervention_needs_worker",
        title=f"The lead worker of a {intervention.programme.name} intervention has changed role",
        body="They can no longer see the young person. Change the lead worker.",
        url=reverse("interventions:detail", args=[intervention.pk]),
        person=intervention.young_person,
    )


def review_due(*, intervention: Intervention) -> int:
    return notify(
        users=[intervention.worker],
        kind="intervention_review_due",
        title=f"A review of {intervention.programme.name} is due",
        body=f"Review date {intervention.review_date:%-d %B %Y}. The measures since the start are ready.",
        url=reverse("interventions:detail", args=[intervention.pk]),
        person=intervention.young_person,
    )
