"""Where a sign-in step sends the person back to: the `next` page they were on, taken
from the request. Shared by the second step of signing in and the session timeout
warning, which both redirect to it once they are done."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def next_page(request: HttpRequest, *, never: str | None = None) -> str:
    """The `next` path, or the home page for anything else: another site, a page starting
    with `never`, or a value that is not a path at all. Only a value starting with "/"
    is a page: Django's `redirect` looks any other value up as a URL name, so "x" or
    "-1" would be a server error instead of a way home."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False)
    if safe and target.startswith("/") and not (never and target.startswith(never)):
        return target
    return reverse("home")
