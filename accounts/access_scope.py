"""Which young people a user may see (DESIGN.md sections 3 and 5). Part of the access
layer: import these through `accounts.access`.

School staff see the pupils whose *current* enrolment is at a school they hold
`view_school_pupils` on, so a move takes effect at once; per-person grants add the
exceptions. The taskforce sees its caseload (flagged or referred young people, whose
sources register here) plus unexpired break-glass records. An intervention worker sees
only their per-person grants: the young people allocated to them, while the allocation
is open. Every other role sees no child records."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, F, Model, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.access_memo import remembered
from accounts.models import BreakGlass
from accounts.permissions import VIEW_PERSON_RECORD, VIEW_SCHOOL_PUPILS
from accounts.roles import SCHOOL_ROLES, Role
from portal.db_lookups import IdAmong, IdIn
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

RECORD_ROLES = frozenset({Role.HEAD_TEACHER, Role.DSL, Role.TASKFORCE, Role.INTERVENTION_WORKER})
"""The roles that may open young people's records at all; others get 403 on those pages."""


@dataclass(frozen=True)
class CaseloadSource:
    """Rows that put young people on the taskforce's caseload (current flags,
    referrals), and the field of theirs naming the young person. From the two the
    access layer asks either question the database answers well: all the caseload at
    once (a list of every flagged young person, hashed), or whether each of a few
    people is on it (an index probe per person, as EXISTS)."""

    rows: Callable[[], QuerySet]
    person: str

    def everyone(self) -> Q:
        return Q(pk__in=self.rows().values(self.person))

    def this_person(self) -> Q:
        return Q(Exists(self.rows().filter(**{self.person: OuterRef("pk")})))


TASKFORCE_CASELOAD_SOURCES: list[CaseloadSource] = []
"""Where flags and referrals plug in: each app appends a source of the young people it
puts on the taskforce's caseload (flagged, referred). With none registered the
taskforce reaches young people through break-glass and per-person grants alone."""


def register_taskforce_caseload(rows: Callable[[], QuerySet], *, person: str) -> CaseloadSource:
    source = CaseloadSource(rows=rows, person=person)
    TASKFORCE_CASELOAD_SOURCES.append(source)
    return source


def is_active_user(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def _is_young() -> Q:
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
    return Person.objects.filter(_is_young())


def _held_on(
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


def _held_schools(user: object) -> list[int]:
    """Ids of the schools whose pupils the user sees, read once per request: the scope
    and the school filter of a list (schools_in_scope) both ask."""
    return remembered(
        ("schools", user.pk),
        lambda: _held_on(SchoolUserObjectPermission, SchoolGroupObjectPermission, user, VIEW_SCHOOL_PUPILS),
    )


def _current_pupils(user: object) -> list[int]:
    """Current pupils of the user's schools, as ids. The school ids are resolved first so
    that this is one scan of the (school, leaving date) index; pupils on roll are young
    people by definition, so no age test is needed. Ids rather than a subquery because
    PostgreSQL, at its default costs, answers `id IN (pupils of a school)` with a
    sequential scan of every person, but looks a list of ids up in the primary key."""
    school_ids = _held_schools(user)
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
        return School.objects.filter(pk__in=_held_schools(user))
    return School.objects.all()


def school_in_scope(user: object, school_id: int) -> School | None:
    """One of the user's schools by id, or None: a page labelling a school filter names
    only a school the viewer works with."""
    return schools_in_scope(user).filter(pk=school_id).first()


def _granted_young_people(user: object) -> list[int]:
    """Per-person grants (`view_person_record`) are rare exceptions, such as an allocated
    worker: resolved to a short list of ids first (guardian's own queryset would scan
    every person to find them), then kept only if they are young people. A user's own
    grant counts only while they hold the role it was made for, however that changed."""
    tables = (PersonUserObjectPermission, PersonGroupObjectPermission)
    granted = _held_on(*tables, user, VIEW_PERSON_RECORD, role=user.role)
    return list(young_people().filter(pk__in=granted).values_list("pk", flat=True)) if granted else []


def _break_glass_young_people(user: object) -> list[int]:
    opened = BreakGlass.objects.filter(user=user, expires_at__gt=timezone.now()).values("person_id")
    return list(young_people().filter(pk__in=opened).values_list("pk", flat=True))


def _taskforce_caseload() -> tuple[Q | None, Q | None]:
    """The hook for flags and referrals: young people the taskforce works with, left to
    the database; None while no source is registered. Two forms of the same set. The
    whole caseload as `id IN (...)`, for lists drawn from all of it: PostgreSQL hashes
    every current flag once. Per person as EXISTS, for questions about the people at
    hand: under an OR an IN list cannot become a join, so the hashed form costs the
    whole caseload (~45 ms at city scale) however few people are asked about, while
    PostgreSQL puts EXISTS on the inner side of a join as a probe per row, and keeps
    probing across a list of every flag too, at over twice the hash's cost."""
    if not TASKFORCE_CASELOAD_SOURCES:
        return None, None
    everyone = reduce(or_, (source.everyone() for source in TASKFORCE_CASELOAD_SOURCES))
    each = reduce(or_, (source.this_person() for source in TASKFORCE_CASELOAD_SOURCES))
    return Q(pk__in=young_people().filter(everyone).values("pk")), _is_young() & each


@dataclass(frozen=True)
class _Scope:
    """The young people one user may open, resolved once per request (access_memo)."""

    named: frozenset[int] = frozenset()
    """Pupils of the user's schools, break-glass records and grants, by id."""
    granted: frozenset[int] = frozenset()
    """Per-person grants alone: reachable without break-glass."""
    caseload: Q | None = None
    """The taskforce's caseload, evaluated by the database, as one set."""
    on_caseload: Q | None = None
    """The same, asked of each person at hand."""


def _scope(user: object) -> _Scope:
    if not is_active_user(user):
        return _Scope()
    return remembered(("scope", user.pk), lambda: _resolve_scope(user))


def _resolve_scope(user: object) -> _Scope:
    role = user.role
    caseload: tuple[Q | None, Q | None] = (None, None)
    if role in SCHOOL_ROLES:
        named = _current_pupils(user)
    elif role == Role.TASKFORCE:
        named, caseload = _break_glass_young_people(user), _taskforce_caseload()
    elif role == Role.INTERVENTION_WORKER:
        named = []
    else:
        return _Scope()
    granted = frozenset(_granted_young_people(user))
    return _Scope(
        named=frozenset(named) | granted, granted=granted, caseload=caseload[0], on_caseload=caseload[1]
    )


def visible_young_people(user: object) -> QuerySet[Person]:
    """Every young person whose record the user may open. A few small queries, once per
    request, resolve the user's schools, pupils and grants; then one query finds the
    people by primary key: an OR of subqueries over all people would make PostgreSQL
    scan every person on every page."""
    scope = _scope(user)
    if scope.caseload is None:
        return Person.objects.filter(IdIn(F("pk"), scope.named)) if scope.named else Person.objects.none()
    return Person.objects.filter(scope.caseload | Q(pk__in=sorted(scope.named)))


def about_visible_young_people(user: object, field: str = "person") -> Q:
    """A filter for rows about one young person each (flags, enrolments): those whose
    `field` is someone the user may open, as `visible_young_people` decides. For
    school staff the pupils' ids are tested on the rows' own column (IdAmong), so
    PostgreSQL probes its index once per pupil: through `visible_young_people` it first
    looked every pupil up in the people table, then read the whole flag table to match
    them (docs/benchmark-findings.md, issue 16)."""
    scope = _scope(user)
    if scope.caseload is None:
        return Q(IdAmong(F(f"{field}_id"), sorted(scope.named))) if scope.named else Q(pk__in=[])
    return Q(**{f"{field}__in": visible_young_people(user).values("pk")})


def can_view(user: object, person: Person | int) -> bool:
    pk = person.pk if isinstance(person, Person) else person
    return pk in visible_among(user, [pk])


def visible_among(user: object, people: Iterable[int]) -> set[int]:
    """Which of these people the user may open, in at most one query however many."""
    scope = _scope(user)
    wanted = set(people)
    found = wanted & scope.named
    rest = sorted(wanted - found)
    if rest and scope.on_caseload is not None:
        found |= set(Person.objects.filter(scope.on_caseload, pk__in=rest).values_list("pk", flat=True))
    return found


def of_visible_young_people(user: object, rows: QuerySet, *, person: str) -> QuerySet:
    """Those of these rows whose young person (the field `person`) the user may open:
    for tables of casework, a row per referral or intervention, whose rows are far
    fewer than the caseload's flags. Each row's young person is asked about by index
    (see _taskforce_caseload), not checked against the whole caseload."""
    scope = _scope(user)
    named = Q(IdIn(F(person), scope.named)) if scope.named else None
    if scope.on_caseload is None:
        return rows.filter(named) if named is not None else rows.none()
    on_caseload = Q(Exists(Person.objects.filter(scope.on_caseload, pk=OuterRef(person))))
    return rows.filter(on_caseload if named is None else on_caseload | named)


def visible_names(user: object, people: Iterable[int]) -> dict[int, Person]:
    """The names of those of these people the user may open, by id; anyone else is left
    out, so a list that mentions people (notifications) names only the visible ones."""
    visible = visible_among(user, people)
    return Person.objects.only("forename", "surname").in_bulk(visible) if visible else {}


MATCHING_IDENTITY_FIELDS = (
    "pk",
    "upn",
    "former_upn",
    "nhs_number",
    "local_person_id",
    "forename",
    "surname",
    "date_of_birth",
    "sex",
    "postcode",
)


def identities_for_matching(user: object) -> QuerySet:
    """For the data officer: the identity fields record matching and reports need, as
    plain values (never model instances, so no relation leads on to events)."""
    if not (is_active_user(user) and user.role == Role.DATA_OFFICER):
        raise PermissionDenied
    return Person.objects.values(*MATCHING_IDENTITY_FIELDS)


def reachable_without_break_glass(user: object, person: Person) -> bool:
    """Whether the user may open this record without a break-glass reason: through a
    grant or the caseload (an allocated worker, a flagged young person)."""
    scope = _scope(user)
    if person.pk in scope.granted:
        return True
    return scope.on_caseload is not None and Person.objects.filter(scope.on_caseload, pk=person.pk).exists()
