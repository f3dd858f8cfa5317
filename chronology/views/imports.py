"""Uploading feed files and reading their import reports (data officers)."""

from collections.abc import Iterable

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import role_required
from accounts.access_log import log_access, shows_records
from accounts.models import AccessLogEntry
from accounts.roles import Role
from chronology.forms import RunsFilterForm, UploadForm
from chronology.importing.specs import expected_columns
from chronology.models import FeedRun, RejectedRow
from chronology.selectors import (
    feed_by_code,
    people_in_rejected_rows,
    published_feeds,
    recent_runs,
    rejected_rows_download,
    same_file_imported_before,
)
from chronology.services.imports import ImportRefused, import_again, missing_register_entries, start_import
from chronology.services.stale_runs import look_after
from portal.csv_safety import csv_response

RUNS_SHOWN = 20
RUNS_PER_PAGE = 50
REJECTIONS_PER_PAGE = 100


@role_required(Role.DATA_OFFICER)
def index(request: HttpRequest) -> HttpResponse:
    feeds = [(feed, missing_register_entries(feed)) for feed in published_feeds()]
    runs = recent_runs()[:RUNS_SHOWN]
    return render(
        request, "chronology/index.html", {"feeds": feeds, "runs": runs, "all_runs": recent_runs().count()}
    )


@role_required(Role.DATA_OFFICER)
def runs(request: HttpRequest) -> HttpResponse:
    """Every import, newest first: "Recent imports" shows only the latest. Files, feeds,
    counts and the staff who started them, nobody's record, so nothing is logged here;
    the reports it links to are."""
    filters = RunsFilterForm(request.GET)
    feed = feed_by_code(filters.feed_code) if filters.feed_code else None
    page = Paginator(recent_runs(feed=feed).order_by("-created_at", "-pk"), RUNS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "chronology/runs.html", {"page": page, "filters": filters, "feed": feed})


@role_required(Role.DATA_OFFICER)
def upload(request: HttpRequest, code: str) -> HttpResponse:
    feed = feed_by_code(code)
    if feed is None:
        raise Http404("No such feed.")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = start_import(feed=feed, uploaded_file=form.cleaned_data["file"], by=request.user)
        except ImportRefused as error:
            form.add_error("file", str(error))
        else:
            _say_what_happened(request, run)
            return redirect("chronology:run", run_id=run.pk)
    missing = missing_register_entries(feed)
    return render(
        request,
        "chronology/upload.html",
        {"feed": feed, "form": form, "missing": missing, "columns": expected_columns(feed.code)},
    )


def _say_what_happened(request: HttpRequest, run: FeedRun) -> None:
    """Where the import runs at once (the demo, with no broker) it has finished by now,
    and a green "Success" above "File rejected" read as two answers: the banner says
    the result. A queued import's result is not known yet; the report below gives it."""
    run.refresh_from_db(fields=["status"])
    name = run.original_filename
    if run.status == FeedRun.Status.COMPLETED:
        messages.success(request, f"{name} is imported; its report is below.")
    elif run.status in (FeedRun.Status.REJECTED, FeedRun.Status.FAILED):
        outcome = "was rejected" if run.status == FeedRun.Status.REJECTED else "failed"
        messages.warning(
            request, f"{name} was received, but its import {outcome}: nothing from it was imported."
        )
    else:
        messages.success(request, f"{name} is uploaded; its import is reported below.")


@role_required(Role.DATA_OFFICER)
@shows_records
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    """A record view: the reasons of rejected rows quote the values refused (a date of
    birth, a postcode), so the page is logged naming the people those rows are about."""
    run = look_after(run=get_object_or_404(recent_runs(), pk=run_id))
    page = Paginator(run.rejected_rows.all(), REJECTIONS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    _log_rejected_rows(request, run, page.object_list, kind=AccessLogEntry.Kind.LIST)
    return render(
        request,
        "chronology/run.html",
        {"run": run, "page": page, "same_file": same_file_imported_before(run=run)},
    )


@role_required(Role.DATA_OFFICER)
@require_POST
def run_again(request: HttpRequest, run_id: int) -> HttpResponse:
    run = get_object_or_404(recent_runs(), pk=run_id)
    try:
        again = import_again(run=run, by=request.user)
    except ImportRefused as error:
        messages.error(request, str(error))
        return redirect("chronology:run", run_id=run.pk)
    done = again.status == FeedRun.Status.COMPLETED
    messages.success(
        request, f"{again.original_filename} {'has been' if done else 'is being'} imported again."
    )
    return redirect("chronology:run", run_id=again.pk)


@role_required(Role.DATA_OFFICER)
@shows_records
def rejected_csv(request: HttpRequest, run_id: int) -> HttpResponse:
    """The rejected rows as sent, plus an `error` column, so they can be corrected and
    imported again; formula-like cells are neutralised. The rows hold names, dates of
    birth and events, so the download is logged naming the people they are about."""
    run = get_object_or_404(recent_runs(), pk=run_id)
    # `run` too: the related manager sets each row's run, which would fetch a deferred
    # run_id once per row.
    _log_rejected_rows(
        request, run, run.rejected_rows.only("run", "values").iterator(), kind=AccessLogEntry.Kind.EXPORT
    )
    header, rows = rejected_rows_download(run=run)
    # Named for the feed and the day its file came, which a saved `run-4-...` did not say.
    day = timezone.localdate(run.created_at)
    filename = f"{run.feed.code}-run-{run.pk}-{day:%Y-%m-%d}-rejected-rows.csv"
    return csv_response(filename=filename, header=header, rows=rows)


def _log_rejected_rows(request: HttpRequest, run: FeedRun, rows: Iterable[RejectedRow], *, kind: str) -> None:
    rows = list(rows)
    log_access(
        request=request,
        kind=kind,
        person_ids=people_in_rejected_rows(user=request.user, run=run, rows=rows),
        detail={"run": run.pk, "rejected_rows": len(rows)},
    )
