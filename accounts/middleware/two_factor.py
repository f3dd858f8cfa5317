"""A password alone opens nothing: a signed-in user who has not yet given their second
factor is sent to the two-factor pages from every other URL, the Django admin included.
On API paths such a session counts as no session at all, so only an API token (or a
fully signed-in session) is accepted there. Fail-closed: new URLs are covered unless
they are added to the short list of pages a half-signed-in user needs."""

from collections.abc import Callable
from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

OPEN_BEFORE_SECOND_FACTOR = (
    "two_factor:verify",
    "two_factor:set_up",
    "login",
    "logout",
    "privacy",
    "accessibility",
)


@cache
def _open_paths() -> frozenset[str]:
    return frozenset(reverse(name) for name in OPEN_BEFORE_SECOND_FACTOR)


def needs_second_factor(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_authenticated and not user.is_verified())


class RequireTwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not needs_second_factor(request) or request.path in _open_paths():
            return self.get_response(request)
        if request.path.startswith(settings.TWO_FACTOR_API_PREFIXES):
            request.user = AnonymousUser()
            return self.get_response(request)
        if request.path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return self.get_response(request)
        from accounts.services.two_factor import has_authenticator

        where = "two_factor:verify" if has_authenticator(request.user) else "two_factor:set_up"
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        return HttpResponseRedirect(reverse(where) + (f"?{query}" if query else ""))
