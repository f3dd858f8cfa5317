"""Per-person grants: the exception to school scope, e.g. a worker allocated to a young
person. Removing the grant ends the access on the user's next request. A grant is made
for the role its holder has now and counts only while they hold it; a role change ends
every grant (accounts.services.roles), so access never outlives the job it came with."""

from django.contrib.auth.models import Permission
from django.db import transaction
from guardian.shortcuts import remove_perm

from accounts.models import User
from accounts.permissions import VIEW_PERSON_RECORD
from accounts.services.change_log import acting_as
from schools.models import Person, PersonUserObjectPermission


def _view_person_record() -> Permission:
    app_label, codename = VIEW_PERSON_RECORD.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def person_grant(*, by: User | None, user: User, person: Person) -> None:
    role = user.role or ""
    with acting_as(by):
        grant, created = PersonUserObjectPermission.objects.get_or_create(
            user=user, permission=_view_person_record(), content_object=person, defaults={"role": role}
        )
        if not created and grant.role != role:
            grant.role = role
            grant.save(update_fields=["role"])


@transaction.atomic
def person_revoke(*, by: User | None, user: User, person: Person) -> None:
    with acting_as(by):
        remove_perm(VIEW_PERSON_RECORD, user, person)


@transaction.atomic
def person_revoke_all(*, by: User | None, user: User) -> int:
    """Ends every per-person grant the user holds, one change-log entry each; returns
    how many."""
    with acting_as(by):
        grants = list(PersonUserObjectPermission.objects.filter(user=user))
        for grant in grants:
            grant.delete()
    return len(grants)
