"""What the referral and intervention pages share: how a service's refusal reaches the
user (a message on the page they came from, never a 500), keeping what they typed."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from interventions.services.errors import ConcurrentChange, InterventionsError, NotAllowed
from portal.form_text import RESEND, send_again_with


def refused(request: HttpRequest, error: InterventionsError, to: str, *args: object) -> HttpResponse:
    """A refusal of a button that carries nothing typed: their role may not (403), or the
    record has moved on (shown at the top of the page it is about)."""
    if isinstance(error, NotAllowed):
        raise PermissionDenied(str(error))
    messages.error(request, str(error))
    return redirect(to, *args)


def add_form_errors(form: forms.Form, error: InterventionsError, *also: forms.Form) -> None:
    """The service's reasons beside the fields they concern, in the form re-rendered with
    what was typed; a role that may not act at all gets 403 instead. A change refused as
    made on an older version carries the version now into `form` (and the `also` forms
    that hold it), so sending the form again applies the person's text."""
    if isinstance(error, NotAllowed):
        raise error
    if isinstance(error, ConcurrentChange) and error.version is not None:
        for holder in (form, *also):
            if "version" in holder.fields:
                send_again_with(holder, version=error.version)
        form.add_error(None, f"{error.happened} {RESEND}")
        return
    problems = getattr(error, "problems", None) or {None: str(error)}
    for name, message in problems.items():
        form.add_error(name if name in form.fields else None, message)
