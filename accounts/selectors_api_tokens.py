"""Reads of API tokens for the administrators' token page. Only digests are stored, so
a token is found by its digest; a malformed digest finds nothing without a query."""

import re

from django.db.models import QuerySet

from accounts.models import ApiToken

DIGEST = re.compile(r"[0-9a-f]{128}")


def tokens_listed() -> QuerySet[ApiToken]:
    return ApiToken.objects.select_related("user", "created_by").order_by("user__display_name", "-created")


def token_by_digest(digest: str) -> ApiToken | None:
    return ApiToken.objects.filter(digest=digest).first() if DIGEST.fullmatch(digest) else None
