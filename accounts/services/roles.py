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
    permissions. Idempotent: run after every migrate and by `manage.py ensure_roles`."""
    groups = {}
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role.value)
        wanted = [_permission(name) for name in names]
        group.permissions.set(wanted)
        groups[role] = group
    return groups


def _permission(name: str) -> Permission:
    app_label, codename = name.split(".", 1)
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist as exc:
        raise RoleError(f"The permission {name} named in accounts.permissions does not exist.") from exc


@transaction.atomic
def set_role(*, by: User | None, user: User, role: Role | None) -> User:
    """Give the user exactly one role (separation of duties), or none. School assignments
    that no longer match the role are removed with their permission, so nothing stale is
    left; administrators (and only they) may use the Django admin, and nobody is a
    superuser, whom guardian would let see everything."""
    previous = user.role
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
    if previous is not None and previous != role:
        _end_sessions_on_commit(user.pk)
    return user


def _end_sessions_on_commit(user_id: int) -> None:
    """Someone who loses a role is signed out at once, so no page of the old role stays open."""
    from accounts.services.users import end_user_sessions

    transaction.on_commit(lambda: end_user_sessions(user_id=user_id))
