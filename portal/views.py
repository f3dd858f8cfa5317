"""Pages every visitor or every signed-in user may see."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import JUDGEMENT_NOTICE, has_role
from accounts.roles import Role
from chronology.selectors import published_feeds
from risk.selectors_dashboard import school_dashboard
from stewardship.selectors.health import feed_problems


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role's start: for school staff, this morning's trigger points at their school
    (counts only, naming no pupil, each linking to the list it counts), since that is
    what a head teacher with ten minutes comes for."""
    context = {"role": request.user.role}
    if has_role(request.user, Role.DATA_OFFICER):
        context["feed_problems"] = feed_problems()
    if has_role(request.user, Role.HEAD_TEACHER, Role.DSL):
        context |= {"board": school_dashboard(request.user), "judgement_notice": JUDGEMENT_NOTICE}
    return render(request, "portal/home.html", context)


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
