"""Reads of schools and enrolments. These never decide scope: callers pass querysets
already scoped by accounts.access."""

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet

from portal.sentences import joined
from schools.models import Enrolment, Person, School

NAME_ORDER = ("surname", "forename", "pk")


def with_current_enrolment(people: QuerySet[Person]) -> QuerySet[Person]:
    """Sets `current_enrolments` (the current one, with its school, or none) on each person
    fetched. A prefetch reads them for the rows shown only, in one query; annotating the
    list query instead makes PostgreSQL look them up for every row it sorts, so a deep
    page of a large school paid for the whole school."""
    current = Enrolment.objects.filter(leaving_date__isnull=True).select_related("school")
    return people.prefetch_related(Prefetch("enrolments", queryset=current, to_attr="current_enrolments"))


def ids_in_name_order(people: QuerySet[Person]) -> list[int]:
    """The ids of every one of `people`, in name order: a list's one read of its
    matches, which also counts them. A COUNT and an OFFSET query would each read every
    match again (for a school, every pupil's row by primary key; for the taskforce, its
    whole caseload), which costs more than holding their ids, even a caseload's."""
    return list(people.order_by(*NAME_ORDER).values_list("pk", flat=True))


def people_shown(ids: list[int]) -> list[Person]:
    """These people, in this order, each with their current enrolment: only the rows a
    page shows. By primary key alone, so `ids` must come from a queryset already
    scoped by accounts.access (ids_in_name_order)."""
    shown = with_current_enrolment(Person.objects.filter(pk__in=ids)).in_bulk()
    return [shown[pk] for pk in ids if pk in shown]


def page_of_people(people: QuerySet[Person], number: object, per_page: int) -> Page:
    """One page of `people` in name order, each with their current enrolment."""
    page = Paginator(ids_in_name_order(people), per_page).get_page(number)
    page.object_list = people_shown(page.object_list)
    return page


def current_enrolment(person: Person) -> Enrolment | None:
    return Enrolment.objects.filter(person=person, leaving_date__isnull=True).select_related("school").first()


def year_groups_on_roll(schools: QuerySet[School]) -> set[str]:
    """The year groups these schools have pupils on roll in now: what a year-group filter
    offers, so that no choice is one the viewer's schools do not have."""
    current = Enrolment.objects.filter(school__in=schools, leaving_date__isnull=True).exclude(year_group="")
    return set(current.order_by().values_list("year_group", flat=True).distinct())


def school_names(schools: QuerySet[School]) -> str:
    """The schools by name in a sentence ("A and B"), "" for none: the dashboard's and the
    flagged list's headings say whose pupils they count."""
    return joined(list(schools.order_by("name").values_list("name", flat=True)))
