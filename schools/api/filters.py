"""The young-people list's filters. They only narrow a queryset already scoped by
accounts.access; the `school` filter offers the caller's own schools."""

import django_filters
from django.db.models import Exists, OuterRef, QuerySet
from rest_framework.request import Request

from accounts.access import schools_in_scope
from chronology.importing.codes import YEAR_GROUPS
from portal.api.filters import FilterSet, id_choice
from schools.models import Enrolment, Person, School
from schools.search import API_HELP as SEARCH_HELP


def _my_schools(request: Request | None) -> QuerySet[School]:
    return schools_in_scope(request.user) if request is not None else School.objects.none()


class YoungPersonFilter(FilterSet):
    q = django_filters.CharFilter(
        method="searched_by_the_view",
        max_length=100,
        help_text=SEARCH_HELP,
    )
    school = id_choice(
        django_filters.ModelChoiceFilter(
            queryset=_my_schools, method="at_school", help_text="A school id: pupils on its roll now."
        )
    )
    year_group = django_filters.ChoiceFilter(
        method="in_year_group",
        choices=[(y, y) for y in YEAR_GROUPS],
        help_text="Year group of the current enrolment, as the census gives it (e.g. 7 or R).",
    )

    class Meta:
        model = Person
        fields = ["q", "school", "year_group"]

    def searched_by_the_view(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        """The list's queryset is already the search's (YoungPersonList.get_queryset), which
        the access layer builds by asking the scope of each person the search found:
        narrowing the whole scope here would make PostgreSQL hash the taskforce's entire
        caseload on every search. This filter validates `q` and describes it."""
        return queryset

    def at_school(self, queryset: QuerySet[Person], name: str, value: School) -> QuerySet[Person]:
        current = Enrolment.objects.filter(person=OuterRef("pk"), school=value, leaving_date__isnull=True)
        return queryset.filter(Exists(current))

    def in_year_group(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        current = Enrolment.objects.filter(person=OuterRef("pk"), year_group=value, leaving_date__isnull=True)
        return queryset.filter(Exists(current))
