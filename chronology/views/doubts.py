"""Reporting a chronology entry's link as doubtful (DSLs and the taskforce), and the
data officer's page for the report, which shows the source row and the linked person's
identity, never the chronology (DESIGN.md section 3)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import person_for_request, role_required
from accounts.access_log import log_access, shows_records
from accounts.models import AccessLogEntry
from accounts.roles import Role
from chronology.forms_doubts import DoubtDecisionForm, LinkDoubtForm
from chronology.models import LinkDoubt
from chronology.selectors import doubt_by_id, identities, reported_event
from chronology.services.doubts import link_doubt_decide, link_doubt_report
from chronology.timeline import timeline_for
from chronology.views.review import queue_href
from portal.form_text import decided_first

Kind = AccessLogEntry.Kind


@role_required(Role.DSL, Role.TASKFORCE, person="pk")
@shows_records
def report(request: HttpRequest, pk: int, event_id: int) -> HttpResponse:
    access = person_for_request(request, pk)
    timeline = timeline_for(request.user, access.person)
    entry = next((e for e in timeline.entries if e.reportable_event_id == event_id), None)
    if entry is None:
        raise Http404("No entry you may report.")
    form = LinkDoubtForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        event = reported_event(event_id)
        try:
            link_doubt_report(
                by=request.user, person=access.person, event=event, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Thank you. A data officer will check the link and may split it off.")
            return redirect("chronology:timeline", pk=access.person.pk)
    [entry] = timeline.hydrate([entry])
    log_access(
        request=request,
        kind=Kind.VIEW,
        person_ids=timeline.people_shown([entry]),
        break_glass=access.break_glass,
    )
    return render(
        request, "chronology/doubt_report.html", {"person": access.person, "entry": entry, "form": form}
    )


@role_required(Role.DATA_OFFICER)
@shows_records
def doubt_detail(request: HttpRequest, doubt_id: int) -> HttpResponse:
    doubt = doubt_by_id(doubt_id)
    if doubt is None:
        raise Http404("No such report.")
    form = DoubtDecisionForm(request.POST or None)
    unsent = decided_first(request, decided=doubt.status != LinkDoubt.Status.OPEN)
    if request.method == "POST" and doubt.status == LinkDoubt.Status.OPEN and form.is_valid():
        try:
            link_doubt_decide(
                by=request.user,
                doubt=doubt,
                split=form.cleaned_data["decision"] == "split",
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your decision is recorded.")
            return redirect(queue_href(request))
    named = [pid for pid in (doubt.linked_person_id, doubt.source_record.person_id) if pid]
    people = identities(user=request.user, person_ids=named)
    log_access(request=request, kind=Kind.VIEW, person_ids=list(people))
    record = doubt.source_record
    context = {
        "doubt": doubt,
        "record": record,
        "values": sorted(record.values.items()),
        "linked": people.get(record.person_id) if record.person_id else None,
        "form": form,
        "unsent_note": unsent,
        "back": queue_href(request),
    }
    return render(request, "chronology/doubt_detail.html", context)
