"""A young person's chronology: the page, its print view for a case meeting and its CSV.
All three build the same timeline (chronology.timeline, through accounts.access) from
the same filters, and each writes one access-log entry naming the young person and every
relative whose entries it shows."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import RECORD_ROLES, person_for_request, role_required
from accounts.access_log import log_access, shows_records
from accounts.models import AccessLogEntry
from chronology.forms_timeline import TimelineFilterForm
from chronology.timeline import Timeline, TimelineFilter, timeline_for
from portal.csv_safety import csv_response
from schools.back_links import carried_query, carried_way_back, person_page_href

PAGE_SIZE = 50
BAD_FILTER = "The chronology's filter is not valid: correct it on the chronology page."
Kind = AccessLogEntry.Kind


def _timeline(request: HttpRequest, pk: int) -> tuple[object, TimelineFilterForm, Timeline]:
    access = person_for_request(request, pk)
    form = TimelineFilterForm(request.GET)
    filters = form.timeline_filter() if form.is_valid() else TimelineFilter()
    return access, form, timeline_for(request.user, access.person, filters)


@role_required(*RECORD_ROLES, person="pk")
@shows_records
def page(request: HttpRequest, pk: int) -> HttpResponse:
    access, form, timeline = _timeline(request, pk)
    if form.errors:
        log_access(request=request, kind=Kind.VIEW, person_ids=[pk], break_glass=access.break_glass)
        context = {"person": access.person, "form": form, "timeline": None, **_way_back(request, pk)}
        return render(request, "chronology/timeline.html", context, status=400)
    shown = Paginator(timeline.entries, PAGE_SIZE).get_page(request.GET.get("page"))
    shown.object_list = timeline.hydrate(list(shown.object_list))
    log_access(
        request=request,
        kind=Kind.VIEW,
        person_ids=timeline.people_shown(shown.object_list),
        break_glass=access.break_glass,
    )
    context = {
        "person": access.person,
        "form": form,
        "timeline": timeline,
        "page": shown,
        "query": timeline.filter.query().urlencode(),
        "selected_categories": timeline.filter.categories,
        "selected_sources": timeline.filter.sources,
        "break_glass": access.break_glass,
        **_way_back(request, pk),
    }
    return render(request, "chronology/timeline.html", context)


def _way_back(request: HttpRequest, pk: int) -> dict:
    """The young person's page as it was opened (from a list, whose way back it keeps),
    and the way back again as a hidden field, so that filtering the chronology keeps it."""
    return {
        "person_href": person_page_href(request, pk),
        "way_back": carried_way_back(request),
        "onward": carried_query(request),
    }


def _whole(request: HttpRequest, pk: int) -> tuple[object, Timeline, list]:
    """The whole filtered timeline, for print and CSV; a malformed filter is refused
    rather than silently widened to everything."""
    access, form, timeline = _timeline(request, pk)
    if form.errors:
        return access, timeline, None
    entries = timeline.hydrate(timeline.entries)
    log_access(
        request=request,
        kind=Kind.EXPORT,
        person_ids=timeline.people_shown(entries),
        break_glass=access.break_glass,
        detail={"filter": timeline.filter.query().urlencode()} if not timeline.filter.is_default else None,
    )
    return access, timeline, entries


@role_required(*RECORD_ROLES, person="pk")
@shows_records
def print_view(request: HttpRequest, pk: int) -> HttpResponse:
    access, timeline, entries = _whole(request, pk)
    if entries is None:
        return HttpResponse(BAD_FILTER, status=400)
    context = {
        "person": access.person,
        "timeline": timeline,
        "entries": entries,
        "printed_at": timezone.now(),
    }
    return render(request, "chronology/timeline_print.html", context)


CSV_HEADER = [
    "Date",
    "Category",
    "About",
    "Detail shown",
    "What happened",
    "Source",
    "Agency reference",
    "Imported on",
    "Import file",
    "Link",
    "Link confidence",
    "Ended on",
    "Note",
]


@role_required(*RECORD_ROLES, person="pk")
@shows_records
def csv_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The restricted-information notice is said once, in the Note of a row of its own
    before the entries, as the page and print view say it once above theirs: in every
    row's Note it read as though each entry, attendance weeks and all, were restricted.
    The notice is about the record, not about any entry, so it has no date; a sheet
    sorted by date keeps it, at one end."""
    access, timeline, entries = _whole(request, pk)
    if entries is None:
        return HttpResponse(BAD_FILTER, status=400)
    rows = [[*_csv_row(e), ""] for e in entries]
    if timeline.restricted_notice:
        rows.insert(0, [*([""] * (len(CSV_HEADER) - 1)), timeline.restricted_notice])
    # A file of a few entries must not pass for the whole chronology once it is saved;
    # the order it is in is no filter.
    filtered = "" if timeline.filter.matches_all() else "-filtered"
    return csv_response(
        filename=f"chronology-{access.person.pk}-{timezone.localdate():%Y-%m-%d}{filtered}.csv",
        header=CSV_HEADER,
        rows=rows,
    )


def _csv_row(entry: object) -> list[object]:
    return [
        entry.occurred_on.isoformat(),
        entry.category_label,
        entry.about,
        entry.level_label,
        entry.summary or entry.name or "",
        entry.source_label or "",
        entry.reference or "",
        entry.imported_on.isoformat() if entry.imported_on else "",
        entry.imported_file or "",
        "; ".join(_link_words(entry)),
        f"{entry.confidence:.2f}" if entry.confidence is not None else "",
        entry.ended_on.isoformat() if entry.ended_on else "",
    ]


def _link_words(entry: object) -> list[str]:
    words = ["Probable match"] if entry.probable_match else []
    if entry.doubted_on:
        words.append(f"Reported as doubtful on {entry.doubted_on.isoformat()}, not yet checked")
    return words
