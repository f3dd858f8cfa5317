"""The role groups (one per role) and who holds which role (DESIGN.md section 3)."""

from collections.abc import Callable

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from accounts.models import User
from accounts.permissions import ROLE_PERMISSIONS
from accounts.roles import Role
from accounts.services.assignments import unassign_school
from accounts.services.change_log import acting_as
from accounts.services.person_grants import person_revoke_all


class RoleError(ValueError):
    pass


RoleChangeListener = Callable[..., None]
"""Called as listener(by=, user=, previous=, role=) after a user's role has changed and
their per-person grants have ended, inside the change's transaction."""

ROLE_CHANGE_LISTENERS: list[RoleChangeListener] = []


def register_role_change_listener(listener: RoleChangeListener) -> RoleChangeListener:
    """Where the apps that make per-person grants (interventions) hear that one has
    ended with a role, since this layer never imports them."""
    ROLE_CHANGE_LISTENERS.append(listener)
    return listener


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
    that no longer match the role are removed with their permission, and a changed role
    ends every per-person grant (each made for the old role's work), so nothing stale is
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
        if previous != role:
            person_revoke_all(by=by, user=user)
            for listener in ROLE_CHANGE_LISTENERS:
                listener(by=by, user=user, previous=previous, role=user.role)
    if previous is not None and previous != role:
        _end_sessions_and_tokens(by=by, user=user)
    return user


def _end_sessions_and_tokens(*, by: User | None, user: User) -> None:
    """Someone who loses a role is signed out at once, so no page of the old role stays
    open, and their API tokens are revoked: a token was made for what the old role may
    do, so an administrator makes a new one if the integration should go on."""
    from accounts.services.api_tokens import tokens_revoke_all
    from accounts.services.users import end_user_sessions

    tokens_revoke_all(by=by, user=user)
    user_id = user.pk
    transaction.on_commit(lambda: end_user_sessions(user_id=user_id))
