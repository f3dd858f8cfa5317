"""Warning people before their session ends for want of activity (GOV.UK's "timeout
warning" pattern), so they can stay signed in. With JavaScript, session-timeout.js shows
a dialog on the page they are on; without it, pages that are not a form being filled in
refresh to the warning page. Neither the warning page nor the status the script asks
for counts as activity, or an unattended screen would never be signed out. No child's
record is shown here, so nothing is written to the access log."""

import time

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accounts.middleware.sessions import does_not_count_as_activity, mark_active, time_left
from accounts.views.next_page import next_page


def _next_url(request: HttpRequest) -> str:
    """Back to the page the person was on; never to another site or back to the warning."""
    return next_page(request, never=reverse("session:timeout_warning"))


def _status(request: HttpRequest) -> dict:
    if not request.user.is_authenticated:
        return {"signed_in": False, "seconds_left": 0, "can_stay_signed_in": False}
    left = time_left(request)
    return {"signed_in": True, "seconds_left": left.seconds, "can_stay_signed_in": left.can_stay_signed_in}


@does_not_count_as_activity
@require_GET
@login_required
def timeout_warning(request: HttpRequest) -> HttpResponse:
    """Says how long is left and when, since a page without JavaScript cannot count
    down; it refreshes to the page the person was on once the time is up, which then
    shows the sign-in page saying why. Outside the warning period (another tab was in
    use, or the person has just signed in again) there is nothing to warn about."""
    left = time_left(request)
    if left.seconds > warning_seconds():
        return redirect(_next_url(request))
    context = {
        "left": left,
        "minutes_left": max(1, -(-left.seconds // 60)),
        "ends_at": left.ends_at(),
        "next": _next_url(request),
        "refresh_after": left.seconds + 2,
    }
    return render(request, "accounts/session/timeout_warning.html", context)


@does_not_count_as_activity
@require_GET
def status(request: HttpRequest) -> JsonResponse:
    """For session-timeout.js: whether the person is still signed in and for how long,
    so that activity in another tab of the portal is taken into account."""
    return JsonResponse(_status(request))


@require_POST
@login_required
def keep_alive(request: HttpRequest) -> HttpResponse:
    """Stay signed in: restarts the idle clock. The script asks for JSON and stays
    on its page (keeping whatever has been typed); the warning page's form goes back to
    the page the person was on."""
    mark_active(request, int(time.time()))
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse(_status(request))
    return redirect(_next_url(request))


def warning_seconds() -> int:
    """How long before the end of an idle session the warning comes."""
    return min(settings.SESSION_WARNING_MINUTES, settings.SESSION_IDLE_MINUTES) * 60
