"""Service accounts and their API tokens, created and revoked by administrators
(docs/api.md). A token is returned once, by token_create, and only its digest is kept."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import ApiToken, User
from accounts.roles import Role
from accounts.services.change_log import acting_as, when_words
from accounts.services.roles import set_role
from portal.locks import Lock, hold

SENT_TWICE_WITHIN = timedelta(minutes=2)
"""A token of the same name for the same user, made by the same administrator this
recently, was made by the same form sent twice."""
LAST_USED_EVERY = timedelta(minutes=1)
"""How stale `last_used_at` may be: a busy integration would otherwise write its token
row on every request."""


class TokenRefused(ValueError):
    """A token that may not be made: say why, in words an administrator can act on."""


@transaction.atomic
def service_account_create(*, by: User | None, email: str, display_name: str, role: Role) -> User:
    """An account for an integration: one role, no password, so it can never sign in to
    the pages; it acts only through the tokens made for it."""
    email = email.strip().lower()
    exists = TokenRefused(f"An account with the email {email} already exists.")
    if User.objects.filter(email=email).exists():
        raise exists
    account = User(email=email, display_name=display_name, job_title="Service account")
    account.is_service_account = True
    account.set_unusable_password()
    try:
        # The same account made at the same moment (a double click, two administrators)
        # passes the check above twice; the unique email refuses the second here.
        with transaction.atomic(), acting_as(by):
            account.save()
    except IntegrityError:
        raise exists from None
    return set_role(by=by, user=account, role=role)


@transaction.atomic
def token_create(*, by: User | None, user: User, name: str, days: int) -> tuple[ApiToken, str]:
    """A new token for the user, valid for `days` days. Returns the token row and the
    token itself, which is never stored or shown again. The same administrator's token of
    the same name and user moments ago is refused: the same form sent twice (a double
    click) would otherwise leave a live token whose secret was shown to nobody, because
    the browser shows only the answer to the last send. (A new token named like an older
    one is made: rotating a token means making its successor before revoking it.)"""
    if not user.is_active:
        raise TokenRefused("A deactivated user cannot be given a token.")
    if user.role is None:
        raise TokenRefused("Give the user a role before making them a token.")
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise TokenRefused(f"A token lasts between 1 and {settings.API_TOKEN_MAX_DAYS} days.")
    name = name.strip()
    if by is not None:
        hold(Lock.API_TOKEN, user.pk)
        just_made = ApiToken.objects.filter(
            user=user, name__iexact=name, created_by=by, created__gt=timezone.now() - SENT_TWICE_WITHIN
        ).first()
        if just_made is not None:
            raise TokenRefused(
                f"You made the token “{just_made.name}” for {user.display_name} "
                f"{when_words(just_made.created)}, a moment ago: the form was probably sent twice, "
                "so no second token was made. Its secret was shown once, on the page that "
                "answered the first send. If you did not copy it, revoke that token below and "
                "make another."
            )
    with acting_as(by):
        return ApiToken.objects.create(user=user, expiry=_days_from_now(days), name=name, created_by=by)


def _days_from_now(days: int) -> timedelta:
    """The time until the same time of day `days` days on by the London calendar: knox
    adds it to now. `days` of 24 hours would end an hour early or late across a clock
    change, and a token made just after midnight would expire on the day before the one
    its days give."""
    now = timezone.now()
    return timezone.localtime(now) + timedelta(days=days) - now


@transaction.atomic
def token_revoke(*, by: User | None, token: ApiToken) -> None:
    with acting_as(by):
        token.delete()


def tokens_revoke_all(*, by: User | None, user: User) -> int:
    """Every token the user holds, as when they are deactivated."""
    revoked = 0
    for token in ApiToken.objects.filter(user=user):
        token_revoke(by=by, token=token)
        revoked += 1
    return revoked


def token_used(*, token: ApiToken, at: datetime) -> None:
    """Records that the token was used, unless it was recorded less than LAST_USED_EVERY
    ago. Written straight to the row, outside the change log: a use is not a change an
    administrator made."""
    if token.last_used_at is None or at - token.last_used_at > LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=at)
        token.last_used_at = at
