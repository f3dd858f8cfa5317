"""Services name their actor with `acting_as(by)` so that the change log
(accounts.change_log registers what it records) names them even outside a request:
commands, tasks, the demo seeder."""

from contextlib import AbstractContextManager, nullcontext

from auditlog.context import set_actor

from accounts.models import User


def acting_as(by: User | None) -> AbstractContextManager:
    return set_actor(by) if by is not None else nullcontext()
