"""Reads of schools and enrolments. These never decide scope: callers pass querysets
already scoped by accounts.access."""

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet

from schools.models import Enrolment, Person

NAME_ORDER = ("surname", "forename", "pk")


def with_current_enrolment(people: QuerySet[Person]) -> QuerySet[Person]:
    """Sets `current_enrolments` (the current one, with its school, or none) on each person
    fetched. A prefetch reads them for the rows shown only, in one query; annotating the
    list query instead makes PostgreSQL look them up for every row it sorts, so a deep
    page of a large school paid for the whole school."""
    current = Enrolment.objects.filter(leaving_date__isnull=True).select_related("school")
    return people.prefetch_related(Prefetch("enrolments", queryset=current, to_attr="current_enrolments"))


def page_of_people(people: QuerySet[Person], number: object, per_page: int) -> Page:
    """One page of `people` in name order, each with their current enrolment. The ids of
    every match are read in name order first, which also counts them; then only the
    page's rows. A COUNT and an OFFSET query would each read every match again, and a
    user's scope is at most a few schools' pupils, so the ids are few enough to hold."""
    ids = list(people.order_by(*NAME_ORDER).values_list("pk", flat=True))
    page = Paginator(ids, per_page).get_page(number)
    # By primary key alone: these ids came from `people`, so they are already in scope.
    shown = with_current_enrolment(Person.objects.filter(pk__in=page.object_list)).in_bulk()
    page.object_list = [shown[pk] for pk in page.object_list if pk in shown]
    return page


def current_enrolment(person: Person) -> Enrolment | None:
    return Enrolment.objects.filter(person=person, leaving_date__isnull=True).select_related("school").first()
