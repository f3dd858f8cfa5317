"""Reads of schools and enrolments. These never decide scope: callers pass querysets
already scoped by accounts.access."""

from django.db.models import OuterRef, QuerySet, Subquery

from schools.models import Enrolment, Person


def _current(field: str) -> Subquery:
    return Subquery(
        Enrolment.objects.filter(person=OuterRef("pk"), leaving_date__isnull=True).values(field)[:1]
    )


def with_current_enrolment(people: QuerySet[Person]) -> QuerySet[Person]:
    """Adds current_school_name and current_year_group in the same query."""
    return people.annotate(
        current_school_name=_current("school__name"), current_year_group=_current("year_group")
    )


def current_enrolment(person: Person) -> Enrolment | None:
    return Enrolment.objects.filter(person=person, leaving_date__isnull=True).select_related("school").first()
