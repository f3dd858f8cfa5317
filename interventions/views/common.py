"""What the referral and intervention pages share: how a service's refusal reaches the
user (a message on the page they came from, never a 500)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from interventions.services.errors import InterventionsError, NotAllowed


def refused(request: HttpRequest, error: InterventionsError, to: str, *args: object) -> HttpResponse:
    """A refusal the user can act on: their role may not (403), or the record has moved on
    (shown at the top of the page it is about)."""
    if isinstance(error, NotAllowed):
        raise PermissionDenied(str(error))
    messages.error(request, str(error))
    return redirect(to, *args)


def add_form_errors(form: object, error: InterventionsError) -> None:
    """The service's reasons beside the fields they concern; a role that may not act at
    all gets 403 instead."""
    if isinstance(error, NotAllowed):
        raise error
    problems = getattr(error, "problems", None) or {None: str(error)}
    for name, message in problems.items():
        form.add_error(name if name in form.fields else None, message)
