"""Writes to user accounts."""

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.services.api_tokens import tokens_revoke_all
from accounts.services.change_log import acting_as
from accounts.services.roles import set_role


@transaction.atomic
def administrator_create(*, by: User | None, email: str, display_name: str) -> User:
    """A new council's first administrator, who then makes everyone else in the Django
    admin. Made without a password, as the admin makes users: nobody but them ever knows
    it, and they choose it with "Forgotten your password?", then set up an authenticator."""
    user = User.objects.create_user(email, None, display_name=display_name)
    return set_role(by=by, user=user, role=Role.ADMINISTRATOR)


@transaction.atomic
def user_deactivate(*, by: User | None, user: User) -> User:
    """Deactivate rather than delete, so the access log keeps naming the user. Django
    refuses an inactive user's session on their next request; the task then deletes
    their sessions outright. Their API tokens are revoked at once."""
    from accounts.tasks import end_user_sessions_task

    with acting_as(by):
        user.is_active = False
        user.deactivated_at = timezone.now()
        user.save(update_fields=["is_active", "deactivated_at"])
    tokens_revoke_all(by=by, user=user)
    # Robust: with the task queue down the deactivation still stands and says so; Django
    # already refuses an inactive user's session, the task only tidies the rows away.
    transaction.on_commit(lambda: end_user_sessions_task.delay(user.pk), robust=True)
    return user


@transaction.atomic
def user_reactivate(*, by: User | None, user: User) -> User:
    """Undo a deactivation (a mistaken click, someone back from leave), in the change log
    as the deactivation is. Their role and school assignments were kept, so they see what
    they saw before; their API tokens stay revoked, as a new token is a decision of its own."""
    with acting_as(by):
        user.is_active = True
        user.deactivated_at = None
        user.save(update_fields=["is_active", "deactivated_at"])
    return user


def end_user_sessions(*, user_id: int) -> int:
    """Delete every unexpired session that belongs to the user; returns how many."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user_id):
            session.delete()
            ended += 1
    return ended
