"""The change log (django-auditlog) records who changed roles, school access, per-person
grants and break-glass records. Services name their actor with `acting_as(by)` so the
entry names them even outside a request (commands, tasks, the demo seeder)."""

from contextlib import AbstractContextManager, nullcontext

from auditlog.context import set_actor
from auditlog.registry import auditlog

from accounts.models import User


def acting_as(by: User | None) -> AbstractContextManager:
    return set_actor(by) if by is not None else nullcontext()


def register_access_changes() -> None:
    from accounts.models import BreakGlass, SchoolAssignment
    from schools.models import PersonUserObjectPermission

    auditlog.register(
        User,
        include_fields=["email", "display_name", "is_active", "is_staff", "is_superuser", "deactivated_at"],
        m2m_fields={"groups"},
    )
    auditlog.register(SchoolAssignment)
    auditlog.register(PersonUserObjectPermission)
    auditlog.register(BreakGlass)
