"""Filters of the referral and intervention lists. They only narrow querysets already
scoped by the selectors (and so by accounts.access); a school filter offers the caller's
own schools, so naming another school is a 400, not a way to probe it."""

from datetime import date

import django_filters
from django.db.models import QuerySet
from rest_framework.request import Request

from accounts.access import schools_in_scope
from accounts.models import User
from interventions.models import (
    Intervention,
    InterventionStatus,
    Programme,
    Referral,
    ReferralStatus,
    Urgency,
)
from interventions.selectors import allocatable_workers
from portal.api.filters import FilterSet, IdFilter
from schools.models import School


def _my_schools(request: Request | None) -> QuerySet[School]:
    return schools_in_scope(request.user) if request is not None else School.objects.none()


def _workers(request: Request | None) -> QuerySet[User]:
    return allocatable_workers() if request is not None else User.objects.none()


class ReferralFilter(FilterSet):
    status = django_filters.ChoiceFilter(choices=ReferralStatus.choices)
    urgency = django_filters.ChoiceFilter(choices=Urgency.choices)
    school = django_filters.ModelChoiceFilter(
        queryset=_my_schools, help_text="A school id: referrals made by that school's staff."
    )
    young_person = IdFilter(field_name="young_person_id", help_text="A young person's id.")

    class Meta:
        model = Referral
        fields = ["status", "urgency", "school", "young_person"]


class InterventionFilter(FilterSet):
    status = django_filters.ChoiceFilter(choices=InterventionStatus.choices)
    programme = django_filters.ModelChoiceFilter(
        queryset=Programme.objects.all(), help_text="A programme id."
    )
    worker = django_filters.ModelChoiceFilter(queryset=_workers, help_text="A lead worker's user id.")
    young_person = IdFilter(field_name="young_person_id", help_text="A young person's id.")
    review_due_by = django_filters.DateFilter(
        field_name="review_date",
        method="reviews_due_by",
        help_text="Open interventions whose review is due on or before this day (a closed one has none).",
    )

    class Meta:
        model = Intervention
        fields = ["status", "programme", "worker", "young_person", "review_due_by"]

    def reviews_due_by(self, queryset: QuerySet[Intervention], name: str, value: date) -> QuerySet:
        return queryset.filter(review_date__lte=value).exclude(status=InterventionStatus.CLOSED)
