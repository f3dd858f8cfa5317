"""Young-person pages. Scope and detail come from accounts.access only; every page that
shows a child's record writes an access-log entry naming each record it showed."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import (
    RECORD_ROLES,
    attendance_for,
    break_glass_candidates,
    break_glass_target,
    can_view,
    family_for,
    may_break_glass,
    person_for_request,
    role_required,
    search_young_people,
    visible_young_people,
)
from accounts.access_log import log_access, shows_records
from accounts.models import AccessLogEntry
from accounts.roles import Role
from accounts.services.break_glass import break_glass_open
from chronology.timeline import timeline_for
from schools.forms import BreakGlassForm, YoungPersonSearchForm
from schools.record_sections import people_in_sections, record_sections_for
from schools.selectors import current_enrolment, page_of_people, with_current_enrolment

PAGE_SIZE = 50
BREAK_GLASS_RESULTS = 20
RECENT_ENTRIES = 50
"""How many of the newest chronology entries the young person's page shows; the
chronology page has them all."""


@role_required(*RECORD_ROLES)
@shows_records
def young_person_list(request: HttpRequest) -> HttpResponse:
    form = YoungPersonSearchForm(request.GET)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    people = search_young_people(visible_young_people(request.user), q)
    page = page_of_people(people, request.GET.get("page"), PAGE_SIZE)
    candidates = list(with_current_enrolment(break_glass_candidates(request.user, q))[:BREAK_GLASS_RESULTS])
    log_access(
        request=request,
        kind=AccessLogEntry.Kind.SEARCH if q else AccessLogEntry.Kind.LIST,
        person_ids=[p.pk for p in page] + [c.pk for c in candidates],
        detail={"query": q} if q else None,
    )
    return render(
        request,
        "schools/young_person_list.html",
        {
            "form": form,
            "q": q,
            "page": page,
            "candidates": candidates,
            "may_break_glass": may_break_glass(request.user),
            "candidate_limit": BREAK_GLASS_RESULTS,
        },
    )


@role_required(*RECORD_ROLES, person="pk")
@shows_records
def young_person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = person_for_request(request, pk)
    person = access.person
    # The chronology page's own selector, so the summary's entries, labels and redaction
    # are the chronology's; only the entries shown have their text read.
    timeline = timeline_for(request.user, person, newest=RECENT_ENTRIES)
    recent = timeline.hydrate(timeline.entries)
    context = {
        "person": person,
        "enrolment": current_enrolment(person),
        "timeline": timeline,
        "recent": recent,
        "attendance": attendance_for(request.user, person),
        "family": family_for(request.user, person),
        "break_glass": access.break_glass,
        "sections": record_sections_for(request.user, person),
    }
    named_relatives = [r.named_person_id for r in context["family"] if r.named_person_id]
    in_sections = people_in_sections(context["sections"])
    log_access(
        request=request,
        kind=AccessLogEntry.Kind.VIEW,
        person_ids=list(dict.fromkeys([*timeline.people_shown(recent), *named_relatives, *in_sections])),
        break_glass=access.break_glass,
    )
    return render(request, "schools/young_person_detail.html", context)


@role_required(Role.TASKFORCE, person="pk")
@shows_records
def young_person_break_glass(request: HttpRequest, pk: int) -> HttpResponse:
    person = break_glass_target(request, pk)
    if can_view(request.user, person):
        return redirect("young_person_detail", pk=person.pk)
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
        return redirect("young_person_detail", pk=person.pk)
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
        },
    )
