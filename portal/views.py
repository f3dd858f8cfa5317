"""Pages every visitor or every signed-in user may see."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from chronology.selectors import published_feeds


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"role": request.user.role})


def privacy(request: HttpRequest) -> HttpResponse:
    feeds = list(published_feeds())
    demonstration = any(feed.references_are_demonstration for feed in feeds)
    return render(request, "portal/privacy.html", {"feeds": feeds, "demonstration": demonstration})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")
