"""Reads of API tokens for the administrators' token page. Only digests are stored, so
a token is found by its digest; a malformed digest finds nothing without a query."""

import re

from django.db.models import QuerySet

from accounts.models import ApiToken, User

DIGEST = re.compile(r"[0-9a-f]{128}")


def tokens_listed() -> QuerySet[ApiToken]:
    """With each holder's groups, which their role is read from: the page shows it."""
    tokens = ApiToken.objects.select_related("user", "created_by").prefetch_related("user__groups")
    return tokens.order_by("user__display_name", "-created")


def service_accounts() -> QuerySet[User]:
    """The accounts a token may be made for, with the groups each one's role is read
    from: the token form names every account with its role."""
    accounts = User.objects.filter(is_service_account=True, is_active=True).prefetch_related("groups")
    return accounts.order_by("display_name")


def token_by_digest(digest: str) -> ApiToken | None:
    return ApiToken.objects.filter(digest=digest).first() if DIGEST.fullmatch(digest) else None
