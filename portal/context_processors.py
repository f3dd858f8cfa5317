from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def service(request: HttpRequest) -> dict:
    """Names every page shows; the navigation itself comes from portal.navigation."""
    from portal.navigation import navigation_for

    return {
        "council_name": settings.COUNCIL_NAME,
        "service_name": settings.SERVICE_NAME,
        "navigation": navigation_for(request),
        "unread_notifications": SimpleLazyObject(lambda: _unread(request)),
        "second_factor_pending": _second_factor_pending(request),
        "session_idle_minutes": settings.SESSION_IDLE_MINUTES,
        "session_absolute_hours": settings.SESSION_ABSOLUTE_HOURS,
        "session_timeout": SimpleLazyObject(lambda: _session_timeout(request)),
        "shows_records": _shows_records(request),
    }


def _shows_records(request: HttpRequest) -> bool:
    """The page is one of a view that shows children's records (@shows_records): printed,
    each sheet carries the handling marking (templates/includes/print_marking.html)."""
    match = getattr(request, "resolver_match", None)
    return bool(match is not None and getattr(match.func, "shows_records", False))


def _session_timeout(request: HttpRequest) -> dict | None:
    """When the timeout warning is due on this page (templates/includes/session_timeout_*),
    for people signed in with both factors; None for everyone else."""
    from accounts.middleware.sessions import time_left
    from accounts.views.session_timeout import warning_seconds

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or _second_factor_pending(request):
        return None
    left = time_left(request)
    return {
        "seconds_left": left.seconds,
        "warning_seconds": warning_seconds(),
        "warn_after": max(0, left.seconds - warning_seconds()),
    }


def _second_factor_pending(request: HttpRequest) -> bool:
    """Signed in with a password but not yet a second factor: the page offers nothing
    but finishing the sign-in or signing out."""
    user = getattr(request, "user", None)
    is_verified = getattr(user, "is_verified", None)
    return bool(user is not None and user.is_authenticated and is_verified is not None and not is_verified())


def _unread(request: HttpRequest) -> int:
    """Counted only when a page shows the account bar (signed-in users)."""
    from accounts.selectors_notifications import unread_count

    user = getattr(request, "user", None)
    return unread_count(user) if user is not None and user.is_authenticated else 0
