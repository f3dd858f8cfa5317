"""Pages every visitor or every signed-in user may see."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import signed_in_page
from chronology.selectors import published_feeds
from portal.home import home_context


@signed_in_page
def home(request: HttpRequest) -> HttpResponse:
    """Each role's start: what needs them today, as counts naming nobody, each linking to
    the list it counts (for school staff, this morning's trigger points at their school),
    since that is what someone with ten minutes comes for."""
    return render(request, "portal/home.html", home_context(request.user))


def privacy(request: HttpRequest) -> HttpResponse:
    feeds = list(published_feeds())
    demonstration = any(feed.references_are_demonstration for feed in feeds)
    return render(request, "portal/privacy.html", {"feeds": feeds, "demonstration": demonstration})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The portal's own page for a form sent with a stale CSRF token, met after signing
    in again in another tab: Django's has an inline style the CSP refuses and no way on."""
    return render(request, "403_csrf.html", status=403)
