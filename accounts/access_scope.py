"""Which young people a user may see (DESIGN.md sections 3 and 5). Part of the access
layer: import these through `accounts.access`.

School staff see the pupils whose *current* enrolment is at a school they hold
`view_school_pupils` on, so a move takes effect at once; per-person grants add the
exceptions. The taskforce sees its caseload (flagged or referred young people, whose
sources register in access_caseload.py) plus unexpired break-glass records. An
intervention worker sees only their per-person grants: the young people allocated to
them, while the allocation is open. Every other role sees no child records.

What each role's scope is drawn from (schools held, grants, break-glass) is in
access_holdings.py; here it is resolved once per request and asked."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from accounts.access_caseload import taskforce_caseload
from accounts.access_holdings import (
    break_glass_young_people,
    current_pupils,
    granted_young_people,
    is_active_user,
)
from accounts.access_memo import remembered
from accounts.roles import SCHOOL_ROLES, Role
from portal.db_lookups import IdAmong, IdIn
from schools.models import Person

RECORD_ROLES = frozenset({Role.HEAD_TEACHER, Role.DSL, Role.TASKFORCE, Role.INTERVENTION_WORKER})
"""The roles that may open young people's records at all; others get 403 on those pages."""


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
        named = current_pupils(user)
    elif role == Role.TASKFORCE:
        named, caseload = break_glass_young_people(user), taskforce_caseload()
    elif role == Role.INTERVENTION_WORKER:
        named = []
    else:
        return _Scope()
    granted = frozenset(granted_young_people(user))
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


def visible_among_found(user: object, found: Q) -> QuerySet[Person]:
    """Those of the people a search found whom the user may open. A search narrows the
    city to a few people (found by the trigram index on their names), so the taskforce's
    caseload is asked of each of them, not hashed whole as `visible_young_people` must
    for a list of all of it: at city scale "Shep" took 130-200 ms that way, 3 ms this
    way, and a search of one letter costs about the same either way."""
    scope = _scope(user)
    if scope.on_caseload is None:
        return visible_young_people(user).filter(found)
    return Person.objects.filter(found).filter(_visible_each(scope))


def not_visible_among_found(user: object, found: Q) -> QuerySet[Person]:
    """Those of the people a search found whom the user may not open (break-glass
    candidates), asked of each as `visible_among_found` asks."""
    scope = _scope(user)
    if scope.on_caseload is None:
        return Person.objects.filter(found).exclude(pk__in=visible_young_people(user).values("pk"))
    return Person.objects.filter(found).exclude(_visible_each(scope))


def _visible_each(scope: _Scope) -> Q:
    """The scope asked of each person at hand: on the caseload, or named."""
    return scope.on_caseload | Q(IdIn(F("pk"), scope.named)) if scope.named else scope.on_caseload


def about_visible_young_people(user: object, field: str = "person", *, probed: bool = False) -> Q:
    """A filter for rows about one young person each (flags, enrolments): those whose
    `field` is someone the user may open, as `visible_young_people` decides. For
    school staff the pupils' ids are tested on the rows' own column (IdAmong), so
    PostgreSQL probes its index once per pupil: through `visible_young_people` it first
    looked every pupil up in the people table, then read the whole flag table to match
    them (docs/benchmark-findings.md, issue 16).

    `probed` is for a query that stops at its first rows (a LIMIT 1 per trigger point):
    the taskforce's caseload is then asked of each row's young person, as a search asks
    it, since hashed whole it costs every current flag in the city (about 60 ms at city
    scale) before the first row, and again for each such LIMIT in one statement."""
    scope = _scope(user)
    if scope.caseload is None:
        return Q(IdAmong(F(f"{field}_id"), sorted(scope.named))) if scope.named else Q(pk__in=[])
    if probed:
        return Q(**{f"{field}__in": Person.objects.filter(_visible_each(scope)).values("pk")})
    return Q(**{f"{field}__in": visible_young_people(user).values("pk")})


def can_view(user: object, person: Person | int) -> bool:
    pk = person.pk if isinstance(person, Person) else person
    return pk in visible_among(user, [pk])


def visible_among(user: object, people: Iterable[int]) -> set[int]:
    """Which of these people the user may open, in at most one query however many."""
    scope = _scope(user)
    wanted = set(people)
    found = wanted & scope.named
    return found | _on_caseload(user, scope, wanted - found)


def _on_caseload(user: object, scope: _Scope, people: set[int]) -> set[int]:
    """Those of these people on the taskforce's caseload, each asked of the database at
    most once per request, as the rest of the scope is: a young person's page asks
    about its young person for the record, the chronology, the trigger points and the
    casework, and asked the same question five times."""
    if not people or scope.on_caseload is None:
        return set()
    known: dict[int, bool] = remembered(("on caseload", user.pk), dict)
    if unknown := sorted(people - known.keys()):
        on = set(Person.objects.filter(scope.on_caseload, pk__in=unknown).values_list("pk", flat=True))
        known |= {pk: pk in on for pk in unknown}
    return {pk for pk in people if known[pk]}


def of_visible_young_people(user: object, rows: QuerySet, *, person: str) -> QuerySet:
    """Those of these rows whose young person (the field `person`) the user may open:
    for tables of casework, a row per referral or intervention, whose rows are far
    fewer than the caseload's flags. Each row's young person is asked about by index
    (see access_caseload.taskforce_caseload), not checked against the whole caseload."""
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


def reachable_without_break_glass(user: object, person: Person) -> bool:
    """Whether the user may open this record without a break-glass reason: through a
    grant or the caseload (an allocated worker, a flagged young person)."""
    scope = _scope(user)
    return person.pk in scope.granted or bool(_on_caseload(user, scope, {person.pk}))
