"""The review queue, decisions on it, and splitting a person's records. Pages that show
people's identities are record views: they are logged (fail-closed) like any other."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.access import person_for_linkage, role_required
from accounts.access_log import log_access, shows_records
from accounts.models import AccessLogEntry
from accounts.roles import Role
from chronology.forms import DecisionForm, FindAnotherPersonForm, FindPersonForm, QueueFilterForm, SplitForm
from chronology.identifier_conflicts import someone_else_by_identifiers
from chronology.models import LinkReview
from chronology.review_queue import (
    QUEUE_ORIGIN,
    filtered_reviews,
    grouped,
    page_reviews,
    people_named,
    queue_rows,
    same_pupil,
)
from chronology.selectors import (
    can_create_person,
    decided_reviews,
    find_people,
    find_person,
    identities,
    linkable_people,
    linked_records,
    open_doubts,
    review_by_id,
    row_identity,
)
from chronology.services.linkage import review_decide, split_records
from portal.form_text import decided_first
from schools.back_links import WAY_BACK, carried_list_href, way_back_query

PER_PAGE = 50
FIND = "find"
"""The name of the review form's "Find" button: pressed, the form searches, not decides."""


@role_required(Role.DATA_OFFICER)
@shows_records
def queue(request: HttpRequest) -> HttpResponse:
    filters = QueueFilterForm(request.GET)
    page = Paginator(queue_rows(filtered_reviews(**filters.filters)), PER_PAGE).get_page(
        request.GET.get("page")
    )
    page.object_list = page_reviews(list(page.object_list))
    decided = list(decided_reviews()[:10])
    kept = [*filters.filters.items(), *([("page", str(page.number))] if page.number > 1 else [])]
    log_access(
        request=request,
        kind=AccessLogEntry.Kind.LIST,
        person_ids=people_named(page.object_list, decided),
    )
    return render(
        request,
        "chronology/review_queue.html",
        {
            "page": page,
            "decided": decided,
            "find_form": FindPersonForm(),
            "doubts": open_doubts(),
            "filters": filters,
            "filtered": bool(filters.filters),
            "row_query": urlencode({WAY_BACK: way_back_query(QUEUE_ORIGIN, kept)}) if kept else "",
        },
    )


@role_required(Role.DATA_OFFICER)
@shows_records
def find(request: HttpRequest) -> HttpResponse:
    form = FindPersonForm(request.GET)
    person = find_person(identifier=form.cleaned_data["identifier"]) if form.is_valid() else None
    log_access(
        request=request,
        kind=AccessLogEntry.Kind.SEARCH,
        person_ids=[person.pk] if person else [],
        detail={"found": bool(person)},
    )
    if person is not None:
        return redirect("chronology:person_records", person_id=person.pk)
    if not form.is_valid():
        messages.info(request, "Enter a UPN, NHS number or local person id to find a person.")
    else:
        messages.info(request, "No person has that UPN, NHS number or local person id.")
    return redirect("chronology:review_queue")


@role_required(Role.DATA_OFFICER)
@shows_records
def review_detail(request: HttpRequest, review_id: int) -> HttpResponse:
    review = review_by_id(review_id)
    if review is None:
        raise Http404("No such review.")
    candidate_ids = [c["person_id"] for c in review.candidates]
    people = identities(user=request.user, person_ids=candidate_ids)
    row = row_identity(review.source_record)
    candidates = [
        {
            **c,
            "person": people[c["person_id"]],
            "someone_else": someone_else_by_identifiers(row, people[c["person_id"]]),
        }
        for c in review.candidates
        if c["person_id"] in people
    ]
    finding = FIND in request.POST
    linkable = linkable_people(user=request.user)
    form = (
        DecisionForm(initial=request.POST.dict(), linkable=linkable)
        if finding
        else DecisionForm(request.POST or None, linkable=linkable)
    )
    unsent = decided_first(request, decided=review.status != LinkReview.Status.OPEN)
    deciding = request.method == "POST" and not finding and review.status == LinkReview.Status.OPEN
    if deciding and form.is_valid():
        chosen = form.cleaned_data["person"]
        try:
            review_decide(
                by=request.user,
                review=review,
                action=form.cleaned_data["action"],
                person=chosen,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            decided = [*candidate_ids, *([chosen.pk] if chosen else [])]
            log_access(request=request, kind=AccessLogEntry.Kind.VIEW, person_ids=decided)
            messages.success(request, "Your decision is recorded.")
            return redirect(queue_href(request))
    search, found = _find_another(request) if review.status == LinkReview.Status.OPEN else (None, None)
    named = [*candidate_ids, *filter(None, [review.split_from_id, review.person_id])]
    log_access(request=request, kind=AccessLogEntry.Kind.VIEW, person_ids=named)
    context = {
        "review": review,
        "record": review.source_record,
        "candidates": candidates,
        "linkable": [c for c in candidates if not c["someone_else"]],
        "candidate_ids": set(people),
        "form": form,
        "search": search,
        "found": found,
        "can_create": can_create_person(record=review.source_record),
        "group": same_pupil(review) if review.status == LinkReview.Status.OPEN and grouped(review) else None,
        "unsent_note": unsent,
        "back": queue_href(request),
    }
    return render(request, "chronology/review_detail.html", context)


def queue_href(request: HttpRequest) -> str:
    """The queue as the page's way back left it (its form posts to its own address, so a
    decision carries it too), checked again; the whole queue when there is none."""
    return carried_list_href(request, QUEUE_ORIGIN) or reverse("chronology:review_queue")


def _find_another(request: HttpRequest) -> tuple[FindAnotherPersonForm, list[dict] | None]:
    """The review page's "Find another person": a search like the queue's "Find a
    person", logged as one. It is sent (button `find`) with the decision form it sits in,
    by POST, so that the note and choices typed so far come back with its results, and
    neither they nor the names searched for are put in an address that logs keep. The
    people found are None when the data officer has not searched, so the page can tell
    "nobody found" from "no search"; a decision refused after a search shows its results
    again."""
    terms = [request.POST.get(name, "") for name in FindAnotherPersonForm.base_fields]
    if FIND not in request.POST and not any(term.strip() for term in terms):
        return FindAnotherPersonForm(), None
    search = FindAnotherPersonForm(request.POST)
    found = find_people(user=request.user, **search.cleaned_data) if search.is_valid() else []
    log_access(
        request=request,
        kind=AccessLogEntry.Kind.SEARCH,
        person_ids=[person["pk"] for person in found],
        detail={"found": bool(found)},
    )
    return search, found


@role_required(Role.DATA_OFFICER, person="person_id")
@shows_records
def person_records(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_for_linkage(request, person_id)
    records = list(linked_records(person=person))
    form = SplitForm(request.POST or None, records=records)
    identity = identities(user=request.user, person_ids=[person.pk])[person.pk]
    log_access(request=request, kind=AccessLogEntry.Kind.VIEW, person_ids=[person.pk])
    if request.method == "POST" and form.is_valid():
        try:
            reviews = split_records(
                by=request.user, person=person, source_record_ids=form.cleaned_data["records"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            count = f"{len(reviews)} row{'s' if len(reviews) != 1 else ''}"
            messages.success(request, f"{count} split off and returned to the review queue.")
            return redirect("chronology:person_records", person_id=person.pk)
    return render(
        request,
        "chronology/person_records.html",
        {"person": person, "identity": identity, "records": records, "form": form},
    )
