"""Session limits: a session ends after SESSION_IDLE_MINUTES without a request, and
SESSION_ABSOLUTE_HOURS after sign-in whatever happens. The person is sent to the
sign-in page, which says why they were signed out."""

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

STARTED = "portal_session_started"
SEEN = "portal_session_seen"
# The last-seen time is written at most this often, not on every request.
SEEN_RESOLUTION_SECONDS = 60


@receiver(user_logged_in)
def _session_starts(sender: object, request: HttpRequest | None, **kwargs: object) -> None:
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[STARTED] = now
        request.session[SEEN] = now


def ended_because(request: HttpRequest, now: int) -> str | None:
    started = request.session.get(STARTED, now)
    seen = request.session.get(SEEN, now)
    if now - seen > settings.SESSION_IDLE_MINUTES * 60:
        return "idle"
    if now - started > settings.SESSION_ABSOLUTE_HOURS * 3600:
        return "expired"
    return None


class SessionLimitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.get_response(request)
        now = int(time.time())
        reason = ended_because(request, now)
        if reason is not None:
            logout(request)
            if request.path.startswith(settings.TWO_FACTOR_API_PREFIXES):
                return self.get_response(request)
            query = {"signed_out": reason}
            if request.method == "GET":
                query["next"] = request.get_full_path()
            return HttpResponseRedirect(f"{reverse('login')}?{urlencode(query)}")
        request.session.setdefault(STARTED, now)
        if now - request.session.get(SEEN, 0) >= SEEN_RESOLUTION_SECONDS:
            request.session[SEEN] = now
        return self.get_response(request)
