"""What puts a young person within a user's reach, other than the taskforce's caseload
(access_caseload.py): who counts as a young person, the schools a user holds and their
pupils on roll, per-person grants and unexpired break-glass. Part of the access layer,
resolved into one scope in access_scope.py; import through `accounts.access`."""

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.access_memo import remembered
from accounts.models import BreakGlass
from accounts.permissions import VIEW_PERSON_RECORD, VIEW_SCHOOL_PUPILS
from accounts.roles import SCHOOL_ROLES
from schools.models import (
    Enrolment,
    Person,
    PersonGroupObjectPermission,
    PersonUserObjectPermission,
    School,
    SchoolGroupObjectPermission,
    SchoolUserObjectPermission,
)
from schools.models.people import YOUNG_PERSON_MAX_AGE


def is_active_user(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_young() -> Q:
    """Under 25, or at school now: adults in a family are not young people."""
    today = timezone.localdate()
    try:
        cutoff = today.replace(year=today.year - YOUNG_PERSON_MAX_AGE)
    except ValueError:
        cutoff = today.replace(year=today.year - YOUNG_PERSON_MAX_AGE, day=28)
    at_school = Enrolment.objects.filter(person=OuterRef("pk"), leaving_date__isnull=True)
    return Q(date_of_birth__gt=cutoff) | Q(Exists(at_school))


def young_people() -> QuerySet[Person]:
    """Every young person, for what starts from all of them (break-glass search)."""
    return Person.objects.filter(is_young())


def held_on(
    user_table: type[Model], group_table: type[Model], user: object, perm: str, **mine: object
) -> list[int]:
    """Ids of the objects on which the user holds a guardian object permission, directly
    (rows also matching `mine`) or through a group, read straight from guardian's direct-FK
    tables in one query. Superusers get nothing extra, and no global permission counts
    (docs/access.md); guardian's get_objects_for_user answers the same but costs more in
    Python than the query itself, on every page."""
    codename = perm.split(".")[1]
    direct = user_table.objects.filter(user=user, permission__codename=codename, **mine)
    via_groups = group_table.objects.filter(group__user=user, permission__codename=codename)
    ids = direct.values_list("content_object_id", flat=True)
    return list(ids.union(via_groups.values_list("content_object_id", flat=True)))


def held_schools(user: object) -> list[int]:
    """Ids of the schools whose pupils the user sees, read once per request: the scope
    and the school filter of a list (schools_in_scope) both ask."""
    return remembered(
        ("schools", user.pk),
        lambda: held_on(SchoolUserObjectPermission, SchoolGroupObjectPermission, user, VIEW_SCHOOL_PUPILS),
    )


def current_pupils(user: object) -> list[int]:
    """Current pupils of the user's schools, as ids. The school ids are resolved first so
    that this is one scan of the (school, leaving date) index; pupils on roll are young
    people by definition, so no age test is needed. Ids rather than a subquery because
    PostgreSQL, at its default costs, answers `id IN (pupils of a school)` with a
    sequential scan of every person, but looks a list of ids up in the primary key."""
    school_ids = held_schools(user)
    if not school_ids:
        return []
    current = Enrolment.objects.filter(school_id__in=school_ids, leaving_date__isnull=True)
    return list(current.values_list("person_id", flat=True))


def schools_in_scope(user: object) -> QuerySet[School]:
    """The schools a user works with: school staff their own (the schools whose pupils
    they see), every other role every school. Schools are not personal data; this is
    what the API's schools list and its `school` filter offer."""
    if not is_active_user(user) or user.role is None:
        return School.objects.none()
    if user.role in SCHOOL_ROLES:
        return School.objects.filter(pk__in=held_schools(user))
    return School.objects.all()


def school_in_scope(user: object, school_id: int) -> School | None:
    """One of the user's schools by id, or None: a page labelling a school filter names
    only a school the viewer works with."""
    return schools_in_scope(user).filter(pk=school_id).first()


def granted_young_people(user: object) -> list[int]:
    """Per-person grants (`view_person_record`) are rare exceptions, such as an allocated
    worker: resolved to a short list of ids first (guardian's own queryset would scan
    every person to find them), then kept only if they are young people. A user's own
    grant counts only while they hold the role it was made for, however that changed."""
    tables = (PersonUserObjectPermission, PersonGroupObjectPermission)
    granted = held_on(*tables, user, VIEW_PERSON_RECORD, role=user.role)
    return list(young_people().filter(pk__in=granted).values_list("pk", flat=True)) if granted else []


def break_glass_young_people(user: object) -> list[int]:
    opened = BreakGlass.objects.filter(user=user, expires_at__gt=timezone.now()).values("person_id")
    return list(young_people().filter(pk__in=opened).values_list("pk", flat=True))
