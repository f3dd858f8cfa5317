"""Intervention pages for the taskforce and the allocated worker: the list, one
intervention with its sessions and measures, changing the worker and closing it."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import role_required
from accounts.access_log import log_access, shows_records
from accounts.models import AccessLogEntry
from accounts.roles import Role
from interventions.forms.interventions import ChangeWorkerForm, CloseForm, ReviewForm
from interventions.models import InterventionStatus
from interventions.outcomes import outcome_rows
from interventions.rules import WORKER_ROLES, may_allocate, may_record
from interventions.selectors import allocatable_workers, intervention_for_request, interventions_for
from interventions.services.allocation import Closure, intervention_change_worker, intervention_close
from interventions.services.errors import InterventionsError, NotAllowed
from interventions.services.reviews import intervention_review
from interventions.views.common import add_form_errors, refused

LIST_LIMIT = 200


@role_required(*WORKER_ROLES)
@shows_records
def intervention_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", InterventionStatus.ACTIVE)
    if status not in InterventionStatus.values:
        status = InterventionStatus.ACTIVE
    rows = list(
        interventions_for(request.user)
        .filter(status=status)
        .select_related("young_person", "programme", "worker")
        .order_by("review_date", "pk")[:LIST_LIMIT]
    )
    log_access(request=request, kind=AccessLogEntry.Kind.LIST, person_ids=[i.young_person_id for i in rows])
    return render(
        request,
        "interventions/intervention_list.html",
        {
            "interventions": rows,
            "status": status,
            "statuses": InterventionStatus.choices,
            "limit": LIST_LIMIT,
        },
    )


@role_required(*WORKER_ROLES)
@shows_records
def intervention_detail(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = intervention_for_request(request, pk)
    log_access(request=request, kind=AccessLogEntry.Kind.VIEW, person_ids=[intervention.young_person_id])
    attendances = intervention.attendances.select_related("session", "session__recorded_by").order_by(
        "-session__date", "-pk"
    )
    return render(
        request,
        "interventions/intervention_detail.html",
        {
            "intervention": intervention,
            "person": intervention.young_person,
            "attendances": attendances,
            "outcomes": outcome_rows(intervention),
            "may_record": may_record(request.user, intervention) and intervention.is_active,
            "may_allocate": may_allocate(request.user) and intervention.is_active,
        },
    )


@role_required(Role.TASKFORCE)
@shows_records
def intervention_worker(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = intervention_for_request(request, pk)
    log_access(request=request, kind=AccessLogEntry.Kind.VIEW, person_ids=[intervention.young_person_id])
    workers = allocatable_workers().exclude(pk=intervention.worker_id)
    form = ChangeWorkerForm(request.POST or None, workers=workers, initial={"version": intervention.version})
    if request.method == "POST" and form.is_valid():
        try:
            intervention_change_worker(
                by=request.user,
                intervention=intervention,
                worker=form.cleaned_data["worker"],
                expected_version=form.cleaned_data["version"],
            )
        except InterventionsError as error:
            return refused(request, error, "interventions:detail", intervention.pk)
        messages.success(request, "Lead worker changed. The previous worker no longer has access through it.")
        return redirect("interventions:detail", pk=intervention.pk)
    return render(
        request,
        "interventions/intervention_worker.html",
        {"form": form, "intervention": intervention, "person": intervention.young_person},
    )


@role_required(*WORKER_ROLES)
@shows_records
def intervention_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = intervention_for_request(request, pk)
    log_access(request=request, kind=AccessLogEntry.Kind.VIEW, person_ids=[intervention.young_person_id])
    if not may_record(request.user, intervention):
        raise NotAllowed("Only the allocated worker or the taskforce may close this intervention.")
    if not intervention.is_active:
        messages.info(request, "This intervention is already closed.")
        return redirect("interventions:detail", pk=intervention.pk)
    form = CloseForm(request.POST or None, initial={"version": intervention.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            intervention_close(
                by=request.user,
                intervention=intervention,
                closure=Closure(
                    closed_on=data["closed_on"],
                    reason=data["reason"],
                    outcome_summary=data["outcome_summary"],
                    specialist_support_received=data["specialist_support_received"],
                ),
                expected_version=data["version"],
            )
        except InterventionsError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, "Intervention closed. The measures since it started are shown below.")
            if request.user.role == Role.INTERVENTION_WORKER:
                return redirect("interventions:list")
            return redirect("interventions:detail", pk=intervention.pk)
    return render(
        request,
        "interventions/intervention_close.html",
        {"form": form, "intervention": intervention, "person": intervention.young_person},
    )


@role_required(*WORKER_ROLES)
@shows_records
def intervention_review_view(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = intervention_for_request(request, pk)
    log_access(request=request, kind=AccessLogEntry.Kind.VIEW, person_ids=[intervention.young_person_id])
    if not may_record(request.user, intervention):
        raise NotAllowed("Only the allocated worker or the taskforce may record a review.")
    if not intervention.is_active:
        messages.info(request, "This intervention is closed.")
        return redirect("interventions:detail", pk=intervention.pk)
    form = ReviewForm(request.POST or None, initial={"version": intervention.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            intervention_review(
                by=request.user,
                intervention=intervention,
                note=data["note"],
                next_review_date=data["next_review_date"],
                expected_version=data["version"],
            )
        except InterventionsError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, "Review recorded. The measures since the start are shown below.")
            return redirect("interventions:detail", pk=intervention.pk)
    return render(
        request,
        "interventions/intervention_review.html",
        {"form": form, "intervention": intervention, "person": intervention.young_person},
    )
