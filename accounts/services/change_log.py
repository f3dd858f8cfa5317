"""Services name their actor with `acting_as(by)` so that the change log
(accounts.change_log registers what it records) names them even outside a request:
commands, tasks, the demo seeder."""

from contextlib import AbstractContextManager, nullcontext
from datetime import datetime

from auditlog.context import set_actor
from django.db.models import Model
from django.utils import timezone

from accounts.models import ChangeLogEntry, User


def acting_as(by: User | None) -> AbstractContextManager:
    return set_actor(by) if by is not None else nullcontext()


def last_change(record: Model) -> ChangeLogEntry | None:
    """The newest change-log entry of `record`, with its actor: who to name when a change
    made on an older copy is refused."""
    return (
        ChangeLogEntry.objects.get_for_object(record)
        .select_related("actor")
        .order_by("-timestamp", "-pk")
        .first()
    )


def actor_name(user: User | None) -> str:
    """Who made a change: a change with no user was made by a command or a task."""
    return user.display_name if user else "The portal"


def when_words(moment: datetime) -> str:
    """ "at 10:42 on 5 December", in London time."""
    at = timezone.localtime(moment)
    return f"at {at:%H:%M} on {at.day} {at:%B}"


def changed_by_words(entry: ChangeLogEntry) -> str:
    """ "Ash Fenwick at 10:42 on 5 December"."""
    return f"{actor_name(entry.actor)} {when_words(entry.timestamp)}"
