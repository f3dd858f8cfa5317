"""Retention for information-governance officers: legal holds, and the report of every
retention run (counts per feed, never who). The holds list names the people held, and
setting a hold on a person acts on their record: both are written to the access log."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.access import role_required
from accounts.access_log.writing import log_access, shows_records
from accounts.models import AccessLogEntry
from accounts.roles import Role
from stewardship.forms import LegalHoldForm
from stewardship.models import LegalHold, RetentionRun
from stewardship.selectors.retention import legal_holds, removed_in_words, retention_runs, run_per_feed
from stewardship.services.holds import HoldRefused, legal_hold_release, legal_hold_set

MAX_ID = 2**31 - 1


@shows_records
@role_required(Role.IG_OFFICER)
def index(request: HttpRequest) -> HttpResponse:
    holds = list(legal_holds())
    log_access(
        request=request, kind=AccessLogEntry.Kind.LIST, person_ids=[h.person_id for h in holds if h.person_id]
    )
    today = timezone.localdate()
    return render(
        request,
        "stewardship/retention.html",
        {
            "active": [h for h in holds if h.is_active(today)],
            "ended": [h for h in holds if not h.is_active(today)],
            "runs": retention_runs(),
        },
    )


@role_required(Role.IG_OFFICER)
def run_report(request: HttpRequest, run_id: int) -> HttpResponse:
    if run_id > MAX_ID:
        raise Http404
    run = get_object_or_404(RetentionRun, pk=run_id)
    return render(
        request,
        "stewardship/retention_run.html",
        {
            "run": run,
            "removed": removed_in_words(run.removed_in_all, dry_run=run.dry_run),
            "per_feed": run_per_feed(run),
        },
    )


@role_required(Role.IG_OFFICER)
def hold_new(request: HttpRequest) -> HttpResponse:
    form = LegalHoldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            # One transaction: a hold on a person that could not be logged is not set.
            with transaction.atomic():
                hold = legal_hold_set(
                    by=request.user,
                    reason=data["reason"],
                    ends_on=data["ends_on"],
                    person=data.get("person") if data["covers"] == "person" else None,
                    family=data.get("family") if data["covers"] == "family" else None,
                    feed=data.get("feed") if data["covers"] == "feed" else None,
                )
                if hold.person_id:
                    _log_hold(request, hold, "legal_hold")
        except HoldRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"The legal hold is set until {hold.ends_on:%-d %B %Y}.")
            return redirect("stewardship:retention")
    return render(request, "stewardship/hold_new.html", {"form": form})


@shows_records
@role_required(Role.IG_OFFICER)
@require_http_methods(["GET", "POST"])
def hold_release(request: HttpRequest, hold_id: int) -> HttpResponse:
    """Asks first: a released hold lets that night's run remove for good what it kept. The
    question names the young person held, so showing it is written to the access log."""
    if hold_id > MAX_ID:
        raise Http404
    hold = get_object_or_404(
        LegalHold.objects.select_related("person", "family", "feed", "set_by"), pk=hold_id
    )
    if request.method == "POST":
        # One transaction, as setting one: a release about a person that could not be
        # logged is not made, so "who released the hold on this child?" always has an answer.
        with transaction.atomic():
            legal_hold_release(by=request.user, hold=hold)
            if hold.person_id:
                _log_hold(request, hold, "legal_hold_released")
        messages.success(request, "The legal hold is released.")
        return redirect("stewardship:retention")
    _log_hold(request, hold, "legal_hold")
    return render(request, "stewardship/hold_release.html", {"hold": hold})


def _log_hold(request: HttpRequest, hold: LegalHold, what: str) -> None:
    """Names the young person a hold covers, if it covers one (`what`: the detail's key)."""
    log_access(
        request=request,
        kind=AccessLogEntry.Kind.VIEW,
        person_ids=[hold.person_id] if hold.person_id else [],
        detail={what: hold.pk},
    )
