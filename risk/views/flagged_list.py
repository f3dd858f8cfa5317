"""The flagged-pupils list, its printout and its CSV. Each names young people, so each
writes one access-log entry naming every pupil it showed (the CSV as an export), in
the same transaction as the response (@shows_records)."""

from dataclasses import replace

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import JUDGEMENT_NOTICE, role_required, school_in_scope, schools_in_scope
from accounts.access_log import log_access, shows_records
from accounts.models import AccessLogEntry
from accounts.roles import Role
from portal.csv_safety import csv_response
from risk.flagged_words import trigger_points_in_words
from risk.forms_pages import FlaggedListForm, flagged_list_form
from risk.referral_status import referral_status_known
from risk.selectors import flags_switched_on
from risk.selectors_flagged_list import ListQuery, ListRow, SchoolRoll, flagged_all, flagged_page
from schools.back_links import way_back_query
from schools.selectors import school_names

LIST_ROLES = (Role.HEAD_TEACHER, Role.DSL, Role.TASKFORCE)
PAGE_SIZE = 50
ORIGIN = "flagged"
"""The list's code in a young person's address, whose back link then returns here."""
CSV_HEADER = ("UPN", "Name", "Year group", "Trigger points", "Tier")
"""Issue 16's columns, in its order; `Trigger points` holds the codes."""
NOT_AT_SCHOOL = "Not at school"
"""The School cell of a young person on no roll, as the taskforce's list words it."""
NOT_YOUR_SCHOOL = (
    "The school in the address is not one of yours, so its pupils cannot be listed: "
    "clear the filters to see all your flagged pupils"
)
"""Said, not answered with an empty list that reads as "no flagged pupils there". The
API's flags/ answers 400 too, in the words its young-people/ uses for the same id."""
ALL_ON_A_ROLL = (
    "Your pupils are all on a school roll, so none can be listed as not on one: "
    "clear the filters to see all your flagged pupils"
)
"""School staff asking for the taskforce's filter (from an address made by hand), told
so rather than shown an empty list headed as the young people on no roll."""


def _log_detail(page_name: str, query: ListQuery) -> dict:
    filters = {k: str(v) for k, v in vars(query).items() if v not in ("", None)}
    return {"page": page_name, "filters": filters}


def list_label(user: object) -> str:
    """The list's name as its heading gives it: the taskforce's holds young people not at school."""
    return "Flagged young people" if user.role == Role.TASKFORCE else "Flagged pupils"


def _heading(user: object, school: object, query: ListQuery | None) -> str:
    """The list's name as its heading, title and every printed page's marking give it:
    whose pupils, since a printout is read away from the screen that said so."""
    if school is not None:
        return f"Flagged pupils at {school.name}"
    if query is not None and query.school_roll == SchoolRoll.OFF:
        return "Flagged young people not on a school roll"
    schools = "" if user.role == Role.TASKFORCE else school_names(schools_in_scope(user))
    return f"Flagged pupils at {schools}" if schools else list_label(user)


def origin_params() -> tuple[str, ...]:
    """What a way back to the list may carry: its filters, sort, search and page."""
    return (*FlaggedListForm.base_fields, "page")


def _way_back(request: HttpRequest, page_number: int) -> str:
    """The list as it is now, for its links to each pupil's page (whose back link it
    becomes); the page shown, which may differ from the one asked (past the end)."""
    kept = [(name, value) for name in FlaggedListForm.base_fields if (value := request.GET.get(name))]
    if page_number > 1:
        kept.append(("page", str(page_number)))
    return way_back_query(ORIGIN, kept)


def _filters(request: HttpRequest) -> FlaggedListForm:
    """The list's filters, refusing a school the viewer does not work with (or none
    such): the school is a hidden filter from a link, so the error is the form's own."""
    form = flagged_list_form(request.user, request.GET, offer_year_groups=True)
    school_id = form.cleaned_data.get("school") if form.is_valid() else None
    if school_id and school_in_scope(request.user, school_id) is None:
        form.add_error(None, NOT_YOUR_SCHOOL)
        form.school_refused = True
    roll = form.cleaned_data.get("school_roll") if form.is_valid() else None
    if roll == SchoolRoll.OFF and request.user.role != Role.TASKFORCE:
        form.add_error(None, ALL_ON_A_ROLL)
    return form


def _invalid(request: HttpRequest, form: FlaggedListForm) -> HttpResponse:
    return render(request, "risk/flagged_list.html", _context(request, form, None, None), status=400)


def _context(request: HttpRequest, form: FlaggedListForm, query: ListQuery | None, page: object) -> dict:
    school_id = form.cleaned_data.get("school") if form.is_valid() else None
    school = school_in_scope(request.user, school_id) if school_id else None
    return {
        "form": form,
        "query": query,
        "page": page,
        "rows": page.object_list if page is not None else [],
        "judgement_notice": JUDGEMENT_NOTICE,
        "switched_on": flags_switched_on(),
        "referral_status_known": referral_status_known(),
        "is_taskforce": request.user.role == Role.TASKFORCE,
        "school": school,
        "heading": _heading(request.user, school, query),
    }


@role_required(*LIST_ROLES)
@shows_records
def flagged_list(request: HttpRequest) -> HttpResponse:
    form = _filters(request)
    if not form.is_valid():
        return _invalid(request, form)
    query = form.list_query()
    page = flagged_page(request.user, query, request.GET.get("page"), PAGE_SIZE)
    log_access(
        request=request,
        kind=AccessLogEntry.Kind.SEARCH if query.q else AccessLogEntry.Kind.LIST,
        person_ids=[row.person.pk for row in page.object_list],
        detail={**_log_detail("flagged pupils", query), "page_number": page.number},
    )
    context = _context(request, form, query, page) | {"way_back": _way_back(request, page.number)}
    return render(request, "risk/flagged_list.html", context)


@role_required(*LIST_ROLES)
@shows_records
def flagged_print(request: HttpRequest) -> HttpResponse:
    """Every matching pupil on one page, laid out for paper."""
    form = _filters(request)
    if not form.is_valid():
        return _invalid(request, form)
    query = form.list_query()
    rows = flagged_all(request.user, query)
    log_access(
        request=request,
        kind=AccessLogEntry.Kind.EXPORT,
        person_ids=[row.person.pk for row in rows],
        detail=_log_detail("flagged pupils, printable", query),
    )
    context = _context(request, form, query, None) | {"rows": rows, "printed_at": timezone.localtime()}
    return render(request, "risk/flagged_print.html", context)


def csv_header(*, with_school: bool) -> tuple[str, ...]:
    """Issue 16's columns first, in its order, for whoever reads them by position; then
    what the page shows besides (the taskforce's list has a School column)."""
    return (*CSV_HEADER, "Trigger point names", *(("School",) if with_school else ()))


def csv_row(row: ListRow, query: ListQuery, *, with_school: bool) -> tuple:
    enrolment = row.enrolment
    school = ((enrolment.school.name if enrolment else NOT_AT_SCHOOL),) if with_school else ()
    return (
        row.person.upn or "",
        row.person.full_name,
        enrolment.year_group if enrolment else "",
        " ".join(row.codes),
        row.flags.tier.label_beside(dismissed=bool(row.flags.dismissed)) if row.flags.tier else "",
        trigger_points_in_words(row, query.raised_since),
        *school,
    )


@role_required(*LIST_ROLES)
@shows_records
def flagged_csv(request: HttpRequest) -> HttpResponse:
    form = _filters(request)
    if not form.is_valid():
        return _invalid(request, form)
    query = form.list_query()
    rows = flagged_all(request.user, query)
    log_access(
        request=request,
        kind=AccessLogEntry.Kind.EXPORT,
        person_ids=[row.person.pk for row in rows],
        detail=_log_detail("flagged pupils CSV", query),
    )
    # A file of three pupils must not pass for the whole list once it is saved: the
    # name says it was filtered (the order it is sorted in is no filter).
    filtered = "-filtered" if replace(query, sort=ListQuery.sort) != ListQuery() else ""
    filename = f"flagged-pupils-{timezone.localdate():%Y-%m-%d}{filtered}.csv"
    with_school = request.user.role == Role.TASKFORCE
    return csv_response(
        filename=filename,
        header=csv_header(with_school=with_school),
        rows=(csv_row(r, query, with_school=with_school) for r in rows),
    )
