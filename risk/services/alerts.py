"""Telling a school's safeguarding leads at once when a pupil gains a trigger point
they may see (DESIGN.md: DSL alerts). The notification's title names no child and no
trigger point: it keeps the pupil and the flags as references, and the notifications
page names both (risk.notification_details), as the pupil's record would, only to
readers who may still see them. Email follows each DSL's own choice (at once, a daily
digest, or none) and carries the title alone."""

from collections import defaultdict
from collections.abc import Iterable

from django.urls import reverse

from accounts.models import SchoolAssignment, User
from accounts.roles import Role
from accounts.services.notifications import notify
from risk.models import Flag, Review
from schools.models import Enrolment, Person

KIND = "trigger_point"


def alert_new_flags(*, flag_ids: Iterable[int]) -> int:
    """One notification per pupil and DSL for the flags school staff may now see:
    raised without needing review, or confirmed by the taskforce."""
    flags = Flag.objects.filter(
        pk__in=list(flag_ids), cleared_at__isnull=True, dismissed_at__isnull=True, indicator__enabled=True
    ).exclude(review=Review.PENDING)
    by_person: dict[int, list[int]] = defaultdict(list)
    for flag_id, person_id in flags.order_by("pk").values_list("pk", "person_id"):
        by_person[person_id].append(flag_id)
    if not by_person:
        return 0
    schools = dict(
        Enrolment.objects.filter(person_id__in=list(by_person), leaving_date__isnull=True).values_list(
            "person_id", "school_id"
        )
    )
    dsls: dict[int, list[User]] = defaultdict(list)
    for assignment in SchoolAssignment.objects.filter(
        school_id__in=set(schools.values()), role=Role.DSL, user__is_active=True
    ).select_related("user"):
        dsls[assignment.school_id].append(assignment.user)
    written = 0
    people = Person.objects.in_bulk(list(schools))
    for person_id, school_id in schools.items():
        count = len(by_person[person_id])
        if not dsls[school_id]:
            continue
        written += notify(
            users=dsls[school_id],
            kind=KIND,
            title=f"A pupil has {'a new trigger point' if count == 1 else f'{count} new trigger points'}",
            body="Trigger points are prompts for professional judgement, not decisions.",
            url=reverse("young_person_detail", args=[person_id]),
            person=people[person_id],
            object_ids=by_person[person_id],
        )
    return written
