"""Break-glass: a taskforce officer opening a record outside their need to know, with a
reason IG reviews. The confirmation page shows only who the child is."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.access import break_glass_target, can_view, role_required
from accounts.access_log import log_access, shows_records
from accounts.models import AccessLogEntry
from accounts.roles import Role
from accounts.services.break_glass import break_glass_open
from schools.back_links import back_link_for, list_way_back
from schools.forms import BreakGlassForm
from schools.selectors import current_enrolment


@role_required(Role.TASKFORCE, person="pk")
@shows_records
def young_person_break_glass(request: HttpRequest, pk: int) -> HttpResponse:
    person = break_glass_target(request, pk)
    if can_view(request.user, person):
        return redirect("young_person_detail", pk=person.pk)
    # The form posts to this address, so the list's way back survives a refused reason.
    way_back = list_way_back(request)
    opened = reverse("young_person_detail", args=[person.pk]) + (f"?{way_back}" if way_back else "")
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        grant = break_glass_open(by=request.user, person=person, reason=form.cleaned_data["reason"])
        # Logged here, not only by the record's page the officer is sent to, so IG's
        # break-glass anomalies hold every break-glass (as the API's request does).
        log_access(
            request=request,
            kind=AccessLogEntry.Kind.VIEW,
            person_ids=[person.pk],
            break_glass=grant,
            detail={"shown": "break-glass opened; nothing of the record"},
        )
        return redirect(opened)
    log_access(
        request=request,
        kind=AccessLogEntry.Kind.VIEW,
        person_ids=[person.pk],
        detail={"shown": "name, date of birth and school, to confirm a break-glass request"},
    )
    return render(
        request,
        "schools/young_person_break_glass.html",
        {
            "form": form,
            "person": person,
            "enrolment": current_enrolment(person),
            "hours": settings.BREAK_GLASS_HOURS,
            "back": back_link_for(request),
        },
    )
