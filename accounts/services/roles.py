"""The six role groups and who holds which role (DESIGN.md section 3)."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from accounts.models import User
from accounts.permissions import ROLE_PERMISSIONS
from accounts.roles import Role
from accounts.services.assignments import unassign_school
from accounts.services.change_log import acting_as


class RoleError(ValueError):
    pass


@transaction.atomic
def ensure_roles() -> dict[Role, Group]:
    """Create or repair every role group so that it holds exactly its registered model
    permissions. Idempotent: run after every migrate and by `manage.py ensure_roles`.
    The permissions are read in one query: this runs on every role change."""
    permissions = _permissions({name for names in ROLE_PERMISSIONS.values() for name in names})
    groups = {}
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role.value)
        group.permissions.set([permissions[name] for name in names])
        groups[role] = group
    return groups


def _permissions(names: set[str]) -> dict[str, Permission]:
    codenames = {name.split(".", 1)[1] for name in names}
    found = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.filter(codename__in=codenames).select_related("content_type")
    }
    missing = sorted(names - set(found))
    if missing:
        raise RoleError(f"The permission {missing[0]} named in accounts.permissions does not exist.")
    return found


@transaction.atomic
def set_role(*, by: User | None, user: User, role: Role | None) -> User:
    """Give the user exactly one role (separation of duties), or none. School assignments
    that no longer match the role are removed with their permission, so nothing stale is
    left; administrators (and only they) may use the Django admin, and nobody is a
    superuser, whom guardian would let see everything."""
    with acting_as(by):
        groups = ensure_roles()
        user.groups.remove(*groups.values())
        if role is not None:
            user.groups.add(groups[Role(role)])
        for assignment in user.school_assignments.exclude(role=role or ""):
            unassign_school(by=by, assignment=assignment)
        user.is_staff = role == Role.ADMINISTRATOR
        user.is_superuser = False
        user.save(update_fields=["is_staff", "is_superuser"])
        user.__dict__.pop("role", None)
        return user
