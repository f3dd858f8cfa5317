"""Opening one young person's record (DESIGN.md sections 3 and 5): the answer to a
request for a record (RecordAccess, or a logged 404), break-glass for the taskforce, and
finding young people by name or UPN. Part of the access layer, built on access_scope:
import these through `accounts.access`."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from accounts.access_holdings import is_active_user, is_young, young_people
from accounts.access_log import log_denied
from accounts.access_scope import (
    can_view,
    not_visible_among_found,
    reachable_without_break_glass,
    visible_among_found,
    visible_young_people,
)
from accounts.models import BreakGlass
from accounts.roles import Role
from schools.models import Person
from schools.search import person_search, read_search


def active_break_glass(user: object, person: Person) -> BreakGlass | None:
    if not may_break_glass(user):
        return None
    return (
        BreakGlass.objects.filter(user=user, person=person, expires_at__gt=timezone.now())
        .order_by("-expires_at")
        .first()
    )


def search_young_people(user: object, q: str) -> QuerySet[Person]:
    """The young people the user may open who match what was typed (schools/search.py),
    or all of them when nothing was. The search is applied first and the scope asked
    of the people it found (`visible_among_found`), never the other way round."""
    match = person_search(q)
    return visible_young_people(user) if match is None else visible_among_found(user, match)


BREAK_GLASS_SEARCH_MIN_LENGTH = 3


def break_glass_candidates(user: object, q: str) -> QuerySet[Person]:
    """For the taskforce only: young people matching a search who are outside the
    officer's scope. Callers may show only name, date of birth and current school (to
    pick the right one); opening one needs a break-glass reason. A search that could not
    pick out one child returns nobody, so this is never a way to browse every child: too
    short, or without a name or a whole UPN (a date of birth or part of a UPN alone
    would list strangers)."""
    if not may_break_glass(user):
        return Person.objects.none()
    search = read_search(q)
    if len(search.typed) < BREAK_GLASS_SEARCH_MIN_LENGTH or not search.names_someone:
        return Person.objects.none()
    return not_visible_among_found(user, is_young() & search.condition(partial_upn=False))


class RecordOutOfScope(Http404):
    """A record the user may not open. It answers 404, like a record that does not
    exist; `logs_refusals` (applied by role_required) writes the refusal to the access
    log after the view's transaction has rolled back, so the entry is kept."""

    def __init__(self, *, person_id: int, reason: str, what: str = "young person") -> None:
        super().__init__(f"No {what} found.")
        self.person_id = person_id
        self.reason = reason


def logs_refusals(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Outside @shows_records: turns RecordOutOfScope into a logged refusal and a 404."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except RecordOutOfScope as refused:
            log_denied(request=request, person_id=refused.person_id, reason=refused.reason)
            raise Http404(*refused.args) from None

    return wrapped


@dataclass(frozen=True)
class RecordAccess:
    """A record the user may open, and the break-glass record it was opened through,
    if it was reachable only that way (for the access log)."""

    person: Person
    break_glass: BreakGlass | None


def person_for_request(request: HttpRequest, pk: int) -> RecordAccess:
    """The young person, if the signed-in user may open them; otherwise RecordOutOfScope:
    a 404 that does not say whether the record exists, and a logged refusal."""
    user = request.user
    person = Person.objects.filter(pk=pk).first() if can_view(user, pk) else None
    if person is None:
        raise RecordOutOfScope(person_id=pk, reason="out of scope")
    return RecordAccess(person=person, break_glass=break_glass_used(user, person))


def break_glass_used(user: object, person: Person) -> BreakGlass | None:
    """The break-glass record through which the user sees this young person, if it is
    the only way they may: every page about them (a referral as much as the record)
    logs it, so IG's break-glass anomalies hold every view it allowed."""
    break_glass = active_break_glass(user, person)
    if break_glass is not None and reachable_without_break_glass(user, person):
        return None
    return break_glass


def break_glass_target(request: HttpRequest, pk: int) -> Person:
    """The young person a taskforce officer asks to open by break-glass. Anyone who is
    not a young person (an adult family member) is refused like a missing record."""
    person = young_people().filter(pk=pk).first() if may_break_glass(request.user) else None
    if person is None:
        raise RecordOutOfScope(person_id=pk, reason="not open to break-glass")
    return person


def may_break_glass(user: object) -> bool:
    return is_active_user(user) and user.role == Role.TASKFORCE
