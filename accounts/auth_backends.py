"""Lockout of repeated failed sign-ins (django-axes), checked before the password."""

from axes.backends import AxesStandaloneBackend
from axes.utils import reset
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest


class LockoutBackend(AxesStandaloneBackend):
    """axes' check, for every sign-in made through a web request (the sign-in form, the
    API's token sign-in). Django's `authenticate()` without a request (a shell, the test
    client's `login`) has no address to count against, so it is not counted."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: object,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def lockout_username(request: HttpRequest, credentials: dict | None) -> str:
    """Email addresses differ only in case, so `A@x` and `a@x` share one count."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(raw).strip().lower()[:254]


def forgive_own_failures(
    sender: object, request: HttpRequest | None, user: AbstractBaseUser, **kwargs: object
) -> None:
    """A successful sign-in forgives that account's failed attempts, and only those.
    axes' own reset on success (AXES_RESET_ON_SUCCESS, turned off) deleted every failure
    from the address too: anyone with an account, or a colleague behind the same office
    address, signing in between guesses would have let another account be guessed at
    without end."""
    username = user.get_username().strip().lower()
    if request is not None and username:
        reset(username=username)
