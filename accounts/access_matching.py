"""Which person's linked feed rows a data officer may open (DESIGN.md section 3: their
view of identities serves record linkage, nothing else). Part of the access layer:
import it through `accounts.access`.

A person's rows are open to a data officer only when linkage work leads to them: the
person is a candidate of an open review, or a review's row was split from or linked to
them (sources the linkage app registers with `register_linkage_leads`), or the
officer's own search found them lately (every search is logged, so the log is the
proof). Anyone else answers 404 with a denied entry, like a record out of scope, so
the page is no way to read any person by guessing ids."""

from collections.abc import Callable
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from accounts.access_holdings import is_active_user
from accounts.access_records import RecordOutOfScope
from accounts.models import AccessLogEntry, AccessLogSubject
from accounts.roles import Role
from schools.models import Person

LinkageLead = Callable[[int], bool]
"""Whether linkage work (a review, a split) leads to the person with this id."""

LINKAGE_LEADS: list[LinkageLead] = []

FOUND_BY_SEARCH_FOR = timedelta(hours=8)
"""How long a person found by a data officer's search stays open to them: a working day."""


def register_linkage_leads(lead: LinkageLead) -> LinkageLead:
    LINKAGE_LEADS.append(lead)
    return lead


def _found_by_own_search(user: object, person_id: int) -> bool:
    return AccessLogSubject.objects.filter(
        person_id=person_id,
        entry__actor=user,
        entry__kind=AccessLogEntry.Kind.SEARCH,
        entry__at__gte=timezone.now() - FOUND_BY_SEARCH_FOR,
    ).exists()


def person_for_linkage(request: HttpRequest, person_id: int) -> Person:
    """The person, if linkage work or the data officer's own search leads to them;
    otherwise RecordOutOfScope (404, and a logged refusal)."""
    user = request.user
    if not (getattr(user, "is_authenticated", False) and user.is_active and user.role == Role.DATA_OFFICER):
        raise PermissionDenied
    person = Person.objects.filter(pk=person_id).first()
    if person is None or not (
        any(lead(person.pk) for lead in LINKAGE_LEADS) or _found_by_own_search(user, person.pk)
    ):
        raise RecordOutOfScope(person_id=person_id, reason="no review, split or search of theirs leads here")
    return person


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
