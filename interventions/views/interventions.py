"""Intervention pages for the taskforce and the allocated worker: the list, one
intervention with its sessions and measures, changing the worker and closing it."""

from collections import Counter
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import role_required
from accounts.access_log import log_access, shows_records
from accounts.models import AccessLogEntry
from accounts.roles import Role
from interventions.forms.interventions import ChangeWorkerForm, CloseForm, ReviewForm
from interventions.models import Attendance, Intervention, InterventionStatus
from interventions.outcomes import outcome_rows
from interventions.rules import WORKER_ROLES, may_allocate, may_record, may_triage
from interventions.selectors import (
    allocatable_workers,
    intervention_for_request,
    interventions_for,
    open_interventions_per_worker,
    referral_additions,
)
from interventions.services.allocation import Closure, intervention_change_worker, intervention_close
from interventions.services.errors import InterventionsError, NotAllowed
from interventions.services.reviews import intervention_review
from interventions.views.common import add_form_errors, refused
from interventions.way_back import intervention_href, intervention_ways

PER_PAGE = 50
WORKER_CLOSED = (
    "Intervention closed. Its outcome measures are with the SAFE taskforce; the young person "
    "leaves your list unless another of their interventions is allocated to you."
)
"""A worker's access ends with the closure, so they go to their list, not to measures."""
OFFICER_CLOSED = "Intervention closed. The measures since it started are shown below."
ORDER = {InterventionStatus.ACTIVE: ("review_date", "pk"), InterventionStatus.CLOSED: ("-closed_on", "-pk")}


@role_required(*WORKER_ROLES)
@shows_records
def intervention_list(request: HttpRequest) -> HttpResponse:
    """Open ones by the review due first, closed ones latest closure first, a page at a
    time: the work queue's "See every open intervention" leads here, so none is out of reach."""
    status = request.GET.get("status", InterventionStatus.ACTIVE)
    if status not in InterventionStatus.values:
        status = InterventionStatus.ACTIVE
    rows = (
        interventions_for(request.user)
        .filter(status=status)
        .select_related("young_person", "programme", "worker")
        .order_by(*ORDER[status])
    )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    log_access(
        request=request,
        kind=AccessLogEntry.Kind.LIST,
        person_ids=[i.young_person_id for i in page.object_list],
    )
    return render(
        request,
        "interventions/intervention_list.html",
        {"page": page, "status": status, "statuses": InterventionStatus.choices},
    )


@role_required(*WORKER_ROLES)
@shows_records
def intervention_detail(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = _opened(request, pk)
    attendances = list(
        intervention.attendances.select_related("session", "session__recorded_by").order_by(
            "-session__date", "-pk"
        )
    )
    counted = Counter(a.status for a in attendances if not a.withdrawn)
    ways = intervention_ways(request, intervention.pk)
    return render(
        request,
        "interventions/intervention_detail.html",
        {
            "intervention": intervention,
            "person": intervention.young_person,
            "attendances": attendances,
            "sessions_counted": counted.total(),
            "sessions_by_status": [
                (label.lower(), counted[s]) for s, label in Attendance.Status.choices if counted[s]
            ],
            "sessions_withdrawn": len(attendances) - counted.total(),
            "outcomes": outcome_rows(intervention, request.user),
            "additions": list(referral_additions(intervention.referral)),
            "may_open_referral": may_triage(request.user),
            "may_record": may_record(request.user, intervention) and intervention.is_active,
            "may_allocate": may_allocate(request.user) and intervention.is_active,
            "back": ways.back,
            "person_way_back": ways.person,
            "onward": ways.onward,
        },
    )


def _opened(request: HttpRequest, pk: int) -> Intervention:
    """The intervention, if the user may open its young person (404 otherwise), with the
    page's view of that young person logged."""
    intervention = intervention_for_request(request, pk)
    log_access(request=request, kind=AccessLogEntry.Kind.VIEW, person_ids=[intervention.young_person_id])
    return intervention


def _still_open(request: HttpRequest, intervention: Intervention, *, action: str) -> HttpResponse | None:
    """Closing and reviewing are for the allocated worker or the taskforce (403 for anyone
    else), and only while the intervention is open: a closed one sends the user back. A
    form sent after it closed is refused by the service instead, keeping what was typed."""
    if not may_record(request.user, intervention):
        raise NotAllowed(f"Only the allocated worker or the taskforce may {action}.")
    if intervention.is_active or request.method == "POST":
        return None
    messages.info(request, "This intervention is already closed.")
    return redirect(intervention_href(request, intervention.pk))


def _form_page(
    request: HttpRequest,
    intervention: Intervention,
    form: forms.Form,
    *,
    template: str,
    act: Callable[[dict], object],
    success: str,
    then: HttpResponse | None = None,
    on_refusal: Callable[[InterventionsError], HttpResponse] | None = None,
    context: dict | None = None,
) -> HttpResponse:
    """The shape every change to an intervention shares: a form carrying the version it
    was read at; a valid POST asks the service to `act`, says `success` and goes `then`
    (by default the intervention, with the way back it was opened with, as the page's
    back link). A refusal the user can act on (the record moved on) is shown beside the
    fields, or handed to `on_refusal`; a role that may not, 403."""
    back = intervention_href(request, intervention.pk)
    if request.method == "POST" and form.is_valid():
        try:
            act(form.cleaned_data)
        except InterventionsError as error:
            if on_refusal is not None:
                return on_refusal(error)
            add_form_errors(form, error)
        else:
            messages.success(request, success)
            return then or redirect(back)
    shown = {"form": form, "intervention": intervention, "person": intervention.young_person, "back": back}
    return render(request, template, shown | (context or {}))


@role_required(Role.TASKFORCE)
@shows_records
def intervention_worker(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = _opened(request, pk)
    workers = allocatable_workers().exclude(pk=intervention.worker_id)
    return _form_page(
        request,
        intervention,
        ChangeWorkerForm(
            request.POST or None,
            workers=workers,
            loads=open_interventions_per_worker(workers),
            initial={"version": intervention.version},
        ),
        template="interventions/intervention_worker.html",
        act=lambda data: intervention_change_worker(
            by=request.user,
            intervention=intervention,
            worker=data["worker"],
            expected_version=data["version"],
        ),
        success="Lead worker changed. The previous worker no longer has access through it.",
        on_refusal=lambda error: refused(request, error, intervention_href(request, intervention.pk)),
    )


@role_required(*WORKER_ROLES)
@shows_records
def intervention_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = _opened(request, pk)
    closed = _still_open(request, intervention, action="close this intervention")
    if closed is not None:
        return closed
    worker = request.user.role == Role.INTERVENTION_WORKER
    return _form_page(
        request,
        intervention,
        CloseForm(request.POST or None, intervention=intervention, initial={"version": intervention.version}),
        template="interventions/intervention_close.html",
        act=lambda data: intervention_close(
            by=request.user,
            intervention=intervention,
            closure=Closure(
                closed_on=data["closed_on"],
                reason=data["reason"],
                outcome_summary=data["outcome_summary"],
                specialist_support_received=data["specialist_support_received"],
            ),
            expected_version=data["version"],
        ),
        success=WORKER_CLOSED if worker else OFFICER_CLOSED,
        then=redirect("interventions:list") if worker else None,
        context={"closing_ends_access": worker, "outcomes": outcome_rows(intervention, request.user)},
    )


@role_required(*WORKER_ROLES)
@shows_records
def intervention_review_view(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = _opened(request, pk)
    closed = _still_open(request, intervention, action="record a review")
    if closed is not None:
        return closed
    return _form_page(
        request,
        intervention,
        ReviewForm(
            request.POST or None, intervention=intervention, initial={"version": intervention.version}
        ),
        template="interventions/intervention_review.html",
        act=lambda data: intervention_review(
            by=request.user,
            intervention=intervention,
            note=data["note"],
            next_review_date=data["next_review_date"],
            expected_version=data["version"],
        ),
        success="Review recorded. The measures since the start are shown below.",
        context={"outcomes": outcome_rows(intervention, request.user)},
    )
