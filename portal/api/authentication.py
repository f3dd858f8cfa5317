"""Who is calling the API: an integration's token (django-rest-knox, stored hashed) or
a signed-in browser session with its CSRF token. Tokens come first so that a request
with no credentials is told, with 401 and WWW-Authenticate, how to authenticate."""

import re

from django.utils import timezone
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
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

    def validate_user(self, auth_token: ApiToken) -> tuple:
        user, token = super().validate_user(auth_token)
        token_used(token=token, at=timezone.now())
        return user, token


class SessionAuthentication(authentication.SessionAuthentication):
    """The browser's session, with CSRF on unsafe methods, as on the pages."""
