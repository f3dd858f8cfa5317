"""Who hears of what (issue 17, item 7). Titles never name the young person: `notify`
carries them as a foreign key, shown only to readers who may still see them. Each event
is notified once, from the service that made the change, inside its transaction."""

from django.urls import reverse

from accounts.models import SchoolAssignment, User
from accounts.roles import Role
from accounts.services.notifications import notify
from interventions.models import Intervention, Referral


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


def review_due(*, intervention: Intervention) -> int:
    return notify(
        users=[intervention.worker],
        kind="intervention_review_due",
        title=f"A review of {intervention.programme.name} is due",
        body=f"Review date {intervention.review_date:%d %B %Y}. The measures since the start are ready.",
        url=reverse("interventions:detail", args=[intervention.pk]),
        person=intervention.young_person,
    )
