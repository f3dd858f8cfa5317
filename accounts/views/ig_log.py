"""IG's access-log pages: search, "who has seen this child" (the subject-access-request
view, with CSV export) and one user's access history. Only IG officers may open them;
each page that names young people is itself logged, so the log also shows IG's reviews."""

from collections.abc import Callable
from functools import partial

from django.core.paginator import Page
from django.db.models import QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts import subject_access
from accounts.access import role_required
from accounts.access_log import log_access, shows_records
from accounts.forms_access_log import EntrySearchForm, PeriodForm, PersonLookupForm
from accounts.models import AccessLogEntry
from accounts.roles import Role
from accounts.selectors_access_log import (
    count_entries_naming,
    count_entries_naming_since,
    count_entries_since,
    entries_by_user,
    entries_naming,
    entries_search,
    household_ids,
    log_subject,
    newest_entry,
    newest_entry_naming,
    person_identity,
    person_identity_search,
)
from accounts.views.ig_paging import capped_page, counted_page, paging_context, snapshot, takes_until
from portal.csv_safety import csv_response

PER_PAGE = 50
Kind = AccessLogEntry.Kind


SEARCH_COUNT_CAP = 10_000
"""A search counts its entries only this far: an exact count over millions of entries
costs more than the page, and nobody pages through more than this."""


def _search_page(
    request: HttpRequest, search: Callable[..., QuerySet], until: int | None
) -> tuple[Page, dict]:
    """A page of a search of the log, as it stood when the search's first page was opened."""
    fixed = snapshot(
        until=until,
        newest=lambda up_to: newest_entry(search(until=up_to)),
        since=lambda after: count_entries_since(search(), after=after, cap=SEARCH_COUNT_CAP + 1),
        cap=SEARCH_COUNT_CAP,
    )
    page = capped_page(request, search(until=fixed.until), per_page=PER_PAGE, cap=SEARCH_COUNT_CAP)
    return page, paging_context(request, fixed)


def _people_on(page: Page) -> list[int]:
    return [subject.person_id for entry in page for subject in entry.shown_subjects]


def _searched(form: Form) -> dict[str, str]:
    """What was searched for, as the form cleaned it: raw request values are never
    copied into the log. A search the form refused is logged as refused."""
    if not form.is_bound:
        return {}
    if not form.is_valid():
        return {"refused": ", ".join(sorted(form.errors))}
    return {name: str(value) for name, value in form.cleaned_data.items() if value}


@role_required(Role.IG_OFFICER)
def index(request: HttpRequest) -> HttpResponse:
    """The search forms only: nothing here names a young person."""
    return render(
        request,
        "accounts/ig/index.html",
        {"search_form": EntrySearchForm(), "lookup_form": PersonLookupForm()},
    )


@shows_records
@role_required(Role.IG_OFFICER)
@takes_until
def entries(request: HttpRequest, *, until: int | None) -> HttpResponse:
    form = EntrySearchForm(request.GET)
    page, paging = (
        _search_page(request, partial(entries_search, **form.filters()), until)
        if form.is_valid()
        else (None, {})
    )
    log_access(
        request=request,
        kind=Kind.SEARCH,
        person_ids=_people_on(page) if page else [],
        detail={"filters": _searched(form)},
    )
    return render(
        request,
        "accounts/ig/entries.html",
        {"form": form, "page": page, **paging},
    )


@shows_records
@role_required(Role.IG_OFFICER)
def people(request: HttpRequest) -> HttpResponse:
    # Opened from the menu nothing has been asked yet: the form is not checked.
    form = PersonLookupForm(request.GET or None)
    matches = list(person_identity_search(**form.cleaned_data)[:PER_PAGE]) if form.is_valid() else []
    log_access(
        request=request,
        kind=Kind.SEARCH,
        person_ids=[p.pk for p in matches],
        detail={"lookup": _searched(form)},
    )
    return render(
        request,
        "accounts/ig/people.html",
        {"form": form, "matches": matches, "limit": PER_PAGE, "search_form": EntrySearchForm()},
    )


@shows_records
@role_required(Role.IG_OFFICER, person="person_id")
@takes_until
def person_history(request: HttpRequest, person_id: int, *, until: int | None) -> HttpResponse:
    person = person_identity(person_id)
    if person is None:
        raise Http404
    fixed = snapshot(
        until=until,
        newest=lambda up_to: newest_entry_naming(person, until=up_to),
        since=lambda after: count_entries_naming_since(person, after=after),
    )
    page = counted_page(
        request,
        entries_naming(person, until=fixed.until),
        per_page=PER_PAGE,
        count=count_entries_naming(person, until=fixed.until),
    )
    page.object_list = list(page.object_list)  # read before this view's own entry is written
    log_access(request=request, kind=Kind.VIEW, person_ids=[person.pk])
    return render(
        request,
        "accounts/ig/person_history.html",
        {
            "person": person,
            "page": page,
            "households": household_ids(person),
            **paging_context(request, fixed),
        },
    )


@shows_records
@role_required(Role.IG_OFFICER, person="person_id")
@takes_until
def person_history_csv(request: HttpRequest, person_id: int, *, until: int | None) -> HttpResponse:
    """The whole history in one file, for a subject access request: only what concerns
    this person (accounts/subject_access.py). Linked from the page, it holds the entries
    the page counted (`until`)."""
    person = person_identity(person_id)
    if person is None:
        raise Http404
    log_access(request=request, kind=Kind.EXPORT, person_ids=[person.pk])
    return csv_response(
        filename=f"access-to-person-{person.pk}-{timezone.localdate():%Y-%m-%d}.csv",
        header=subject_access.HEADER,
        rows=subject_access.subject_access_rows(person, until=until),
    )


@shows_records
@role_required(Role.IG_OFFICER)
@takes_until
def user_history(request: HttpRequest, user_id: int, *, until: int | None) -> HttpResponse:
    subject = log_subject(user_id)
    if subject is None:
        raise Http404
    form = PeriodForm(request.GET)
    period = form.cleaned_data if form.is_valid() else {}
    page, paging = _search_page(request, partial(entries_by_user, subject, **period), until)
    log_access(request=request, kind=Kind.LIST, person_ids=_people_on(page), detail={"user_id": subject.pk})
    return render(
        request,
        "accounts/ig/user_history.html",
        {"subject": subject, "form": form, "page": page, **paging},
    )
