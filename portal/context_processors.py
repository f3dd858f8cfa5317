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
