"""Who is calling the API: an integration's token (django-rest-knox, stored hashed) or
a signed-in browser session with its CSRF token. Tokens come first so that a request
with no credentials is told, with 401 and WWW-Authenticate, how to authenticate."""

import re
from hmac import compare_digest

from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from knox.crypto import hash_token
from knox.settings import CONSTANTS
from rest_framework import authentication, exceptions

from accounts.models import ApiToken
from accounts.services.api_tokens import token_used

TOKEN_SHAPE = re.compile(rb"^[A-Za-z0-9_]{16,128}$")


class TokenAuthentication(KnoxTokenAuthentication):
    def authenticate(self, request: object) -> tuple | None:
        header = authentication.get_authorization_header(request).split()
        if header and header[0].lower() == b"bearer":
            # The commonest slip: without this, the answer said no credentials were sent.
            raise exceptions.AuthenticationFailed(
                'Send the token as "Authorization: Token <token>", not Bearer.'
            )
        if len(header) == 2 and header[0].lower() == b"token" and not TOKEN_SHAPE.match(header[1]):
            # Refused before the database sees it: a NUL byte or a non-UTF-8 byte would
            # otherwise reach the query or the decoder as a server error.
            raise exceptions.AuthenticationFailed("Invalid token.")
        return super().authenticate(request)

    def authenticate_credentials(self, token: bytes) -> tuple:
        """knox's, except for an expired token: knox said "Invalid token." as for a typo and
        deleted it, so the next try could not tell either. It is kept (listed as expired
        on the API tokens page) and every try says it expired; only a caller who holds the
        secret learns that, since the digest must match first."""
        secret = token.decode()
        digest = hash_token(secret)
        key = secret[: CONSTANTS.TOKEN_KEY_LENGTH]
        for candidate in ApiToken.objects.filter(token_key=key).select_related("user"):
            if not compare_digest(digest, candidate.digest):
                continue
            if candidate.expiry is not None and candidate.expiry <= timezone.now():
                raise exceptions.AuthenticationFailed(_expired(candidate))
            return self.validate_user(candidate)
        raise exceptions.AuthenticationFailed("Invalid token.")

    def validate_user(self, auth_token: ApiToken) -> tuple:
        user, token = super().validate_user(auth_token)
        token_used(token=token, at=timezone.now())
        return user, token


def _expired(token: ApiToken) -> str:
    day = date_filter(timezone.localtime(token.expiry), "j F Y")
    page = reverse("api_tokens:index")
    return (
        f"This token expired on {day}. A token is not renewed: ask an administrator to make a "
        f"new one on the API tokens page ({page})."
    )


class SessionAuthentication(authentication.SessionAuthentication):
    """The browser's session, with CSRF on unsafe methods, as on the pages."""
