"""The young-people list and a young person's record. Scope and detail come from
accounts.access only; each page writes an access-log entry naming every person it shows."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import (
    RECORD_ROLES,
    attendance_for,
    break_glass_candidates,
    family_for,
    may_break_glass,
    person_for_request,
    role_required,
    search_young_people,
)
from accounts.access_log import log_access, shows_records
from accounts.models import AccessLogEntry
from chronology.timeline import timeline_for
from schools.back_links import back_link_for, onward_query, way_back_query
from schools.forms import YoungPersonSearchForm
from schools.record_sections import people_in_sections, record_sections_for
from schools.selectors import current_enrolment, page_of_people, with_current_enrolment

PAGE_SIZE = 50
ORIGIN = "young-people"
"""The list's code in a young person's address, whose back link then returns here."""
ORIGIN_PARAMS = ("q", "page")
BREAK_GLASS_RESULTS = 20
RECENT_ENTRIES = 50
"""How many of the newest chronology entries the young person's page shows; the
chronology page has them all."""


def _way_back(q: str, page_number: int) -> str:
    """The search and the page shown, for the list's links to each young person."""
    kept = [("q", q)] if q else []
    if page_number > 1:
        kept.append(("page", str(page_number)))
    return way_back_query(ORIGIN, kept)


@role_required(*RECORD_ROLES)
@shows_records
def young_person_list(request: HttpRequest) -> HttpResponse:
    form = YoungPersonSearchForm(request.GET)
    if not form.is_valid():
        return render(request, "schools/young_person_list.html", {"form": form, "q": ""}, status=400)
    q = " ".join(form.cleaned_data["q"].split())
    people = search_young_people(request.user, q)
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
            "way_back": _way_back(q, page.number),
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
        "back": back_link_for(request),
        "onward": onward_query(request),
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
