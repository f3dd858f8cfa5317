"""Session limits: a session ends after SESSION_IDLE_MINUTES without a request, and
SESSION_ABSOLUTE_HOURS after sign-in whatever happens. The person is sent to the
sign-in page, which says why they were signed out; after a form was sent (`SENDING`),
also that it was not saved and how the browser's Back brings back what they typed. No
form's content is kept anywhere: it is personal data about children.

A request counts as activity only when it reaches a view not marked with
`does_not_count_as_activity`: the timeout warning and the status the warning script
asks for must not keep an unattended session alive."""

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

STARTED = "portal_session_started"
SEEN = "portal_session_seen"
# The last-seen time is written at most this often, not on every request.
SEEN_RESOLUTION_SECONDS = 60
PASSIVE = "session_passive"
SENDING = "sending"

View = TypeVar("View", bound=Callable)


def does_not_count_as_activity(view: View) -> View:
    """Marks a view whose requests leave the idle clock alone, as `csrf_exempt` marks
    views for the CSRF middleware."""
    setattr(view, PASSIVE, True)
    return view


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


@dataclass(frozen=True)
class TimeLeft:
    """How long a signed-in session has before it ends, and whether activity (staying
    signed in) can lengthen it: near the absolute limit it cannot."""

    seconds: int
    can_stay_signed_in: bool

    def ends_at(self, now: datetime | None = None) -> datetime:
        """When the session ends, in London time. The seconds are added to the instant:
        added to the local wall clock they would tell a time an hour out whenever the
        clocks change before the session ends."""
        return timezone.localtime((now or timezone.now()) + timedelta(seconds=self.seconds))


def time_left(request: HttpRequest, now: int | None = None) -> TimeLeft:
    now = int(time.time()) if now is None else now
    idle = settings.SESSION_IDLE_MINUTES * 60 - (now - request.session.get(SEEN, now))
    absolute = settings.SESSION_ABSOLUTE_HOURS * 3600 - (now - request.session.get(STARTED, now))
    return TimeLeft(seconds=max(0, min(idle, absolute)), can_stay_signed_in=idle < absolute)


def mark_active(request: HttpRequest, now: int | None = None) -> None:
    """Restarts the idle clock now, whatever SEEN_RESOLUTION_SECONDS would allow."""
    request.session[SEEN] = int(time.time()) if now is None else now


def sent_while_signed_out() -> HttpResponseRedirect:
    """A form sent with no session behind it (signed out in another tab or window): the
    sign-in page says that it was not saved and how Back brings back what was typed.
    Signing in then leads home, not to the form's address, which would be an empty form."""
    return HttpResponseRedirect(f"{reverse('login')}?{urlencode({'signed_out': 'elsewhere', SENDING: '1'})}")


def _answers_signed_out_callers_itself(request: HttpRequest) -> bool:
    """API paths answer 401, and the session status tells its script "signed out";
    every other URL sends the person to the sign-in page, which says why."""
    return request.path.startswith(settings.TWO_FACTOR_API_PREFIXES) or request.path == _status_path()


@cache
def _status_path() -> str:
    return reverse("session:status")


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
            if _answers_signed_out_callers_itself(request):
                return self.get_response(request)
            query = {"signed_out": reason}
            if request.method == "GET":
                query["next"] = request.get_full_path()
            else:
                query[SENDING] = "1"
            return HttpResponseRedirect(f"{reverse('login')}?{urlencode(query)}")
        request.session.setdefault(STARTED, now)
        request.session.setdefault(SEEN, now)
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Callable, args: tuple, kwargs: dict) -> None:
        if not request.user.is_authenticated or getattr(view, PASSIVE, False):
            return
        now = int(time.time())
        if now - request.session.get(SEEN, 0) >= SEEN_RESOLUTION_SECONDS:
            mark_active(request, now)
