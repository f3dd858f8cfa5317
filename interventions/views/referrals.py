"""Referral pages for the referrer (head teacher, DSL, taskforce): start, save, send,
read and add to a referral. Every page that names a young person goes through the
access layer and writes an access-log entry naming them."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import break_glass_used, person_for_request, role_required
from accounts.access_log import log_access, shows_records
from accounts.models import AccessLogEntry
from accounts.roles import SCHOOL_ROLES
from interventions.forms.referrals import AddInformationForm, ReferralForm, TriageForm, VersionForm
from interventions.models import Referral, ReferralStatus
from interventions.queue import unallocated_referrals
from interventions.rules import REFERRER_ROLES, is_referrer, may_triage, sees_casework_in_full
from interventions.selectors import (
    person_referrals,
    referral_for_request,
    referral_history,
    referrals_for,
    undecided,
)
from interventions.services.errors import InterventionsError, NotAllowed
from interventions.services.referrals import (
    referral_add_information,
    referral_create,
    referral_send,
    referral_update_draft,
)
from interventions.trigger_points import trigger_point_labels, trigger_points_for_referrer
from interventions.views.common import add_form_errors, refused
from interventions.way_back import allocate_way_back, referral_ways
from schools.back_links import person_page_href

PER_PAGE = 50
SEND = "send"
UNALLOCATED = "unallocated"
LIST_FILTERS = (
    *((s, label) for s, label in ReferralStatus.choices),
    (UNALLOCATED, "Accepted, not yet allocated"),
)


@role_required(*REFERRER_ROLES)
@shows_records
def referral_list(request: HttpRequest) -> HttpResponse:
    """Every referral the viewer may see, newest first, a page at a time; the work queue's
    "See all" links filter it by status."""
    status = request.GET.get("status", "")
    referrals = referrals_for(request.user)
    if status == UNALLOCATED:
        referrals = unallocated_referrals(referrals)
    elif status in ReferralStatus.values:
        referrals = referrals.filter(status=status)
    else:
        status = ""
    page = Paginator(
        referrals.select_related("young_person", "referred_by", "school").order_by("-created_at", "-id"),
        PER_PAGE,
    ).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    log_access(
        request=request,
        kind=AccessLogEntry.Kind.LIST,
        person_ids=[r.young_person_id for r in page.object_list],
    )
    return render(
        request,
        "interventions/referral_list.html",
        {
            "page": page,
            "status": status,
            "filters": LIST_FILTERS,
            "is_taskforce": may_triage(request.user),
        },
    )


def _viewed(request: HttpRequest, referral: Referral) -> None:
    """A referral page's entry, with the break-glass record if that is how the user sees
    the young person (an officer's own draft about someone outside the caseload)."""
    log_access(
        request=request,
        kind=AccessLogEntry.Kind.VIEW,
        person_ids=[referral.young_person_id],
        break_glass=break_glass_used(request.user, referral.young_person),
    )


def _trigger_choices(user: object, person_id: int, chosen: list[str]) -> tuple[list[str], list[str]]:
    """The person's current trigger points as the referrer may see them (pre-selected),
    plus any a draft already names."""
    current = trigger_points_for_referrer(user, person_id)
    return [*current, *(c for c in chosen if c not in current)], current


@role_required(*REFERRER_ROLES, person="person_id")
@shows_records
def referral_new(request: HttpRequest, person_id: int) -> HttpResponse:
    access = person_for_request(request, person_id)
    person = access.person
    choices, current = _trigger_choices(request.user, person.pk, [])
    form = ReferralForm(
        request.POST or None,
        trigger_choices=choices,
        initial={"trigger_points": current, "referrer_contact": request.user.email},
    )
    if request.method == "POST" and form.is_valid():
        try:
            referral = referral_create(
                by=request.user,
                young_person=person,
                details=form.details(),
                send=request.POST.get("action") == SEND,
            )
        except InterventionsError as error:
            add_form_errors(form, error)
        else:
            log_access(
                request=request,
                kind=AccessLogEntry.Kind.VIEW,
                person_ids=[person.pk],
                break_glass=access.break_glass,
            )
            messages.success(
                request, "Referral sent to the SAFE taskforce." if referral.is_sent else "Draft saved."
            )
            return redirect("referrals:detail", pk=referral.pk)
    log_access(
        request=request, kind=AccessLogEntry.Kind.VIEW, person_ids=[person.pk], break_glass=access.break_glass
    )
    waiting = undecided(person_referrals(request.user, person.pk))
    return render(
        request,
        "interventions/referral_form.html",
        {
            "form": form,
            "person": person,
            "referral": None,
            "waiting": waiting,
            "person_href": person_page_href(request, person.pk),
        },
    )


@role_required(*REFERRER_ROLES)
@shows_records
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_for_request(request, pk)
    user = request.user
    triage = may_triage(user) and referral.status in (ReferralStatus.SENT, ReferralStatus.MORE_INFORMATION)
    ways = referral_ways(request, referral)
    context = {
        "referral": referral,
        "person": referral.young_person,
        "trigger_points": trigger_point_labels(user, referral.trigger_points),
        "history": referral_history(referral),
        "interventions": referral.interventions.select_related("programme", "worker").order_by(
            "start_date", "pk"
        ),
        "is_referrer": is_referrer(user, referral),
        "may_add": referral.is_sent and (is_referrer(user, referral) or may_triage(user)),
        "may_allocate": may_triage(user) and referral.status == ReferralStatus.ACCEPTED,
        "triage_form": TriageForm(initial={"version": referral.version}) if triage else None,
        "send_form": VersionForm(initial={"version": referral.version}),
        "is_school_staff": user.role in SCHOOL_ROLES,
        "interventions_in_full": sees_casework_in_full(user),
        "back": ways.back,
        "person_way_back": ways.person,
        "onward": ways.onward,
        "allocate_way_back": allocate_way_back(ways),
    }
    _viewed(request, referral)
    return render(request, "interventions/referral_detail.html", context)


@role_required(*REFERRER_ROLES)
@shows_records
def referral_edit(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_for_request(request, pk)
    # A draft sent meanwhile (in another tab) is refused by the service, the text kept.
    sent_already = referral.status != ReferralStatus.DRAFT and request.method != "POST"
    if not is_referrer(request.user, referral) or sent_already:
        _viewed(request, referral)
        messages.info(
            request,
            "Only a draft can be changed, by the person who started it. You can add information instead.",
        )
        return redirect("referrals:detail", pk=referral.pk)
    kept = trigger_point_labels(request.user, referral.trigger_points)
    choices, _ = _trigger_choices(request.user, referral.young_person_id, kept)
    initial = {name: getattr(referral, name) for name in ReferralForm.base_fields} | {"trigger_points": kept}
    form = ReferralForm(request.POST or None, trigger_choices=choices, initial=initial)
    version = VersionForm(request.POST or None, initial={"version": referral.version})
    if version.is_bound and not version.is_valid():
        # The page's error summary is the referral form's: the version's problem goes there.
        for message in version.non_field_errors():
            form.add_error(None, message)
    if request.method == "POST" and form.is_valid() and version.is_valid():
        try:
            referral = referral_update_draft(
                by=request.user,
                referral=referral,
                details=form.details(),
                expected_version=version.cleaned_data["version"],
            )
            if request.POST.get("action") == SEND:
                referral = referral_send(
                    by=request.user, referral=referral, expected_version=referral.version
                )
        except InterventionsError as error:
            add_form_errors(form, error, version)
        else:
            _viewed(request, referral)
            messages.success(
                request, "Referral sent to the SAFE taskforce." if referral.is_sent else "Draft saved."
            )
            return redirect("referrals:detail", pk=referral.pk)
    _viewed(request, referral)
    return render(
        request,
        "interventions/referral_form.html",
        {"form": form, "version_form": version, "person": referral.young_person, "referral": referral},
    )


@role_required(*REFERRER_ROLES)
@require_POST
def referral_send_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Shows no record (it answers with a redirect), so it writes no access-log entry."""
    referral = referral_for_request(request, pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The page was out of date. Check the referral and send it again.")
        return redirect("referrals:detail", pk=referral.pk)
    try:
        referral_send(by=request.user, referral=referral, expected_version=form.cleaned_data["version"])
    except InterventionsError as error:
        return refused(request, error, "referrals:detail", referral.pk)
    messages.success(request, "Referral sent to the SAFE taskforce.")
    return redirect("referrals:detail", pk=referral.pk)


@role_required(*REFERRER_ROLES)
@shows_records
def referral_add(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_for_request(request, pk)
    _viewed(request, referral)
    if not (is_referrer(request.user, referral) or may_triage(request.user)):
        raise NotAllowed("Only the referrer or the taskforce may add to this referral.")
    answering = referral.status == ReferralStatus.MORE_INFORMATION and is_referrer(request.user, referral)
    form = AddInformationForm(request.POST or None, label="Your answer" if answering else None)
    if request.method == "POST" and form.is_valid():
        try:
            referral_add_information(by=request.user, referral=referral, note=form.cleaned_data["note"])
        except InterventionsError as error:
            add_form_errors(form, error)
        else:
            messages.success(
                request, "Your answer was sent to the taskforce." if answering else "Information added."
            )
            return redirect("referrals:detail", pk=referral.pk)
    return render(
        request,
        "interventions/referral_add.html",
        {"form": form, "referral": referral, "person": referral.young_person, "answering": answering},
    )
