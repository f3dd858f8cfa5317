from django.conf import settings
from django.http import HttpRequest


def service(request: HttpRequest) -> dict:
    """Names every page shows; the navigation itself comes from portal.navigation."""
    from portal.navigation import navigation_for

    return {
        "council_name": settings.COUNCIL_NAME,
        "service_name": settings.SERVICE_NAME,
        "navigation": navigation_for(request),
    }
