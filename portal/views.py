"""Pages every visitor or every signed-in user may see."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from chronology.selectors import published_feeds


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"role": request.user.role})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/privacy.html", {"feeds": published_feeds()})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")
