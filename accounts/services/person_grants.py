"""Per-person grants: the exception to school scope, e.g. a worker allocated to a young
person. Removing the grant ends the access on the user's next request."""

from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from accounts.models import User
from accounts.permissions import VIEW_PERSON_RECORD
from accounts.services.change_log import acting_as
from schools.models import Person


@transaction.atomic
def person_grant(*, by: User | None, user: User, person: Person) -> None:
    with acting_as(by):
        assign_perm(VIEW_PERSON_RECORD, user, person)


@transaction.atomic
def person_revoke(*, by: User | None, user: User, person: Person) -> None:
    with acting_as(by):
        remove_perm(VIEW_PERSON_RECORD, user, person)
