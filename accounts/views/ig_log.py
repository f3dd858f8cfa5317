"""IG's access-log pages: search, "who has seen this child" (the subject-access-request
view, with CSV export) and one user's access history. Only IG officers may open them;
each page that names young people is itself logged, so the log also shows IG's reviews."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import cached_property

from accounts import subject_access
from accounts.access import role_required
from accounts.access_log import log_access, shows_records
from accounts.forms_access_log import EntrySearchForm, PeriodForm, PersonLookupForm
from accounts.models import AccessLogEntry
from accounts.roles import Role
from accounts.selectors_access_log import (
    count_entries_naming,
    entries_by_user,
    entries_naming,
    entries_search,
    household_ids,
    log_subject,
    person_identity,
    person_identity_search,
)
from portal.csv_safety import csv_response

PER_PAGE = 50
Kind = AccessLogEntry.Kind


SEARCH_COUNT_CAP = 10_000
"""A search counts its entries only this far: an exact count over millions of entries
costs more than the page, and nobody pages through more than this."""


class _KnownCountPaginator(Paginator):
    """A paginator told its count, when a cheaper query than COUNT(*) of the list knows it."""

    def __init__(self, object_list: QuerySet, per_page: int, *, count: int, capped: bool = False) -> None:
        super().__init__(object_list, per_page)
        self.known_count = count
        self.capped = capped

    @cached_property
    def count(self) -> int:
        return self.known_count


def _page(request: HttpRequest, items: QuerySet, *, count: int | None = None) -> Page:
    paginator = (
        Paginator(items, PER_PAGE) if count is None else _KnownCountPaginator(items, PER_PAGE, count=count)
    )
    return paginator.get_page(request.GET.get("page"))


def _capped_page(request: HttpRequest, items: QuerySet) -> Page:
    count = items.values("pk")[: SEARCH_COUNT_CAP + 1].count()
    capped = count > SEARCH_COUNT_CAP
    paginator = _KnownCountPaginator(items, PER_PAGE, count=min(count, SEARCH_COUNT_CAP), capped=capped)
    return paginator.get_page(request.GET.get("page"))


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
def entries(request: HttpRequest) -> HttpResponse:
    form = EntrySearchForm(request.GET)
    page = _capped_page(request, entries_search(**form.filters())) if form.is_valid() else None
    log_access(
        request=request,
        kind=Kind.SEARCH,
        person_ids=_people_on(page) if page else [],
        detail={"filters": _searched(form)},
    )
    return render(
        request,
        "accounts/ig/entries.html",
        {"form": form, "page": page},
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
def person_history(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_identity(person_id)
    if person is None:
        raise Http404
    page = _page(request, entries_naming(person), count=count_entries_naming(person))
    page.object_list = list(page.object_list)  # read before this view's own entry is written
    log_access(request=request, kind=Kind.VIEW, person_ids=[person.pk])
    return render(
        request,
        "accounts/ig/person_history.html",
        {"person": person, "page": page, "households": household_ids(person)},
    )


@shows_records
@role_required(Role.IG_OFFICER, person="person_id")
def person_history_csv(request: HttpRequest, person_id: int) -> HttpResponse:
    """The whole history in one file, for a subject access request: only what concerns
    this person (accounts/subject_access.py)."""
    person = person_identity(person_id)
    if person is None:
        raise Http404
    log_access(request=request, kind=Kind.EXPORT, person_ids=[person.pk])
    return csv_response(
        filename=f"access-to-person-{person.pk}-{timezone.localdate():%Y-%m-%d}.csv",
        header=subject_access.HEADER,
        rows=subject_access.subject_access_rows(person),
    )


@shows_records
@role_required(Role.IG_OFFICER)
def user_history(request: HttpRequest, user_id: int) -> HttpResponse:
    subject = log_subject(user_id)
    if subject is None:
        raise Http404
    form = PeriodForm(request.GET)
    period = form.cleaned_data if form.is_valid() else {}
    page = _capped_page(request, entries_by_user(subject, **period))
    log_access(request=request, kind=Kind.LIST, person_ids=_people_on(page), detail={"user_id": subject.pk})
    return render(
        request,
        "accounts/ig/user_history.html",
        {"subject": subject, "form": form, "page": page},
    )
