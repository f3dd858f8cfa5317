"""The taskforce's triage and allocation pages. The page carries the referral's version,
so an officer who decides on a referral another officer has just decided is told so
instead of overwriting the first decision."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.access import role_required
from accounts.access_log import log_access, shows_records
from accounts.models import AccessLogEntry
from accounts.roles import Role
from interventions.forms.interventions import AllocationForm
from interventions.forms.referrals import TriageForm
from interventions.models import ReferralStatus
from interventions.selectors import (
    allocatable_workers,
    open_interventions_per_worker,
    referral_for_request,
    referral_history,
)
from interventions.services.allocation import Allocation, intervention_allocate
from interventions.services.errors import InterventionsError
from interventions.services.triage import AWAITING_DECISION, referral_accept, referral_ask, referral_decline
from interventions.trigger_points import trigger_point_labels
from interventions.views.common import add_form_errors
from interventions.way_back import allocation_href, allocation_ways, triage_ways, with_onward

DECISIONS = {
    TriageForm.Decision.ACCEPT: (
        lambda by, r, v, note: referral_accept(by=by, referral=r, expected_version=v, note=note)
    ),
    TriageForm.Decision.DECLINE: (
        lambda by, r, v, note: referral_decline(by=by, referral=r, expected_version=v, reason=note)
    ),
    TriageForm.Decision.ASK: (
        lambda by, r, v, note: referral_ask(by=by, referral=r, expected_version=v, question=note)
    ),
}
DONE = {
    TriageForm.Decision.ACCEPT: "Referral accepted. Allocate an intervention when you are ready.",
    TriageForm.Decision.DECLINE: "Referral declined. The referrer has been told.",
    TriageForm.Decision.ASK: "Your question was sent to the referrer.",
}


@role_required(Role.TASKFORCE)
@shows_records
def referral_triage(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_for_request(request, pk)
    log_access(request=request, kind=AccessLogEntry.Kind.VIEW, person_ids=[referral.young_person_id])
    ways = triage_ways(request, referral.pk)
    detail = with_onward(reverse("referrals:detail", args=[referral.pk]), ways)
    # A decision sent after a colleague's is refused by the service, with the note kept.
    if referral.status not in AWAITING_DECISION and request.method != "POST":
        messages.info(
            request, f"This referral is {referral.get_status_display().lower()}: there is nothing to triage."
        )
        return redirect(detail)
    form = TriageForm(request.POST or None, initial={"version": referral.version})
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            DECISIONS[decision](
                request.user, referral, form.cleaned_data["version"], form.cleaned_data["note"]
            )
        except InterventionsError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, DONE[decision])
            return redirect(detail)
    return render(
        request,
        "interventions/referral_triage.html",
        {
            "form": form,
            "referral": referral,
            "person": referral.young_person,
            "trigger_points": trigger_point_labels(request.user, referral.trigger_points),
            "history": referral_history(referral),
            "back": ways.back,
            "person_way_back": ways.person,
            "action": with_onward(reverse("referrals:triage", args=[referral.pk]), ways),
        },
    )


@role_required(Role.TASKFORCE)
@shows_records
def referral_allocate(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_for_request(request, pk)
    log_access(request=request, kind=AccessLogEntry.Kind.VIEW, person_ids=[referral.young_person_id])
    ways = allocation_ways(request, referral.pk)
    if referral.status != ReferralStatus.ACCEPTED:
        messages.info(request, "Interventions can be allocated only once the referral is accepted.")
        return redirect(with_onward(reverse("referrals:detail", args=[referral.pk]), ways))
    workers = allocatable_workers()
    form = AllocationForm(request.POST or None, workers=workers, loads=open_interventions_per_worker(workers))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            intervention = intervention_allocate(
                by=request.user,
                referral=referral,
                allocation=Allocation(
                    programme=data["programme"],
                    provider=data["provider"],
                    worker=data["worker"],
                    start_date=data["start_date"],
                    planned_sessions=data["planned_sessions"],
                    review_date=data["review_date"],
                ),
            )
        except InterventionsError as error:
            add_form_errors(form, error)
        else:
            messages.success(
                request, f"{intervention.programme} allocated to {intervention.worker.display_name}."
            )
            return redirect(with_onward(reverse("interventions:detail", args=[intervention.pk]), ways))
    return render(
        request,
        "interventions/allocate.html",
        {
            "form": form,
            "referral": referral,
            "person": referral.young_person,
            "back": ways.back,
            "action": allocation_href(request, referral.pk, ways),
        },
    )
