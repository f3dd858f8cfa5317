"""One recorded session: what it says now and its history, and the pages that correct it
or withdraw it. Reached through an intervention the user may open; everyone the page
names is in its access-log entry, and young people of the session the user may not see
are counted, never named. Who may change what is the services' decision; the page only
offers what they would allow."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import role_required
from accounts.access_log import log_access, shows_records
from accounts.models import AccessLogEntry
from interventions.forms.session_corrections import SessionCorrectionForm, SessionWithdrawForm
from interventions.models import Intervention
from interventions.rules import WORKER_ROLES
from interventions.selectors import intervention_for_request
from interventions.selectors_sessions import (
    ShownSession,
    may_change_whole,
    others_to_add,
    session_for_request,
    session_shown,
)
from interventions.services.errors import InterventionsError, NotAllowed
from interventions.services.session_corrections import Correction, session_correct, session_withdraw
from interventions.views.common import add_form_errors
from interventions.way_back import intervention_href, intervention_page_href

Kind = AccessLogEntry.Kind


def _opened(request: HttpRequest, pk: int, sid: int) -> tuple[Intervention, ShownSession]:
    intervention = intervention_for_request(request, pk)
    shown = session_shown(request.user, session_for_request(intervention, sid))
    return intervention, shown


def _refused(request: HttpRequest, intervention: Intervention, shown: ShownSession, act: str) -> HttpResponse:
    """A closed intervention's sessions are final: said on the session's page, with the
    reason of a change sent after it closed shown back to copy (it is kept nowhere).
    Anyone else who may not change it (a worker's session passed on to someone else)
    gets 403."""
    if intervention.is_active and not shown.session.is_withdrawn:
        raise NotAllowed(f"You may not {act} this session.")
    if request.method == "POST":
        messages.error(request, "This session can no longer be changed, so your change was not saved.")
        unsent = request.POST.get("reason", "")
        return _page(
            request,
            "interventions/session_detail.html",
            intervention=intervention,
            shown=shown,
            unsent_note=unsent,
        )
    messages.info(request, "This session can no longer be changed.")
    return redirect(_session_href(request, intervention, shown))


def _session_href(request: HttpRequest, intervention: Intervention, shown: ShownSession) -> str:
    return intervention_page_href(request, "interventions:session_detail", intervention.pk, shown.session.pk)


def _page(request: HttpRequest, template: str, **context: object) -> HttpResponse:
    """A session's page, its links back and onward keeping the intervention's way back."""
    intervention, shown = context["intervention"], context["shown"]
    context |= {
        "session": shown.session,
        "person": intervention.young_person,
        "to_intervention": intervention_href(request, intervention.pk),
        "to_session": _session_href(request, intervention, shown),
        "to_withdraw": intervention_page_href(
            request, "interventions:session_withdraw", intervention.pk, shown.session.pk
        ),
    }
    return render(request, template, context)


@role_required(*WORKER_ROLES)
@shows_records
def session_detail(request: HttpRequest, pk: int, sid: int) -> HttpResponse:
    """The session with its history; for a user who may correct it, the correction form
    (a group session also offers their other young people in the programme to add)."""
    intervention, shown = _opened(request, pk, sid)
    addable = others_to_add(request.user, shown) if shown.editable else []
    log_access(
        request=request,
        kind=Kind.VIEW,
        person_ids=[*shown.person_ids, *(i.young_person_id for i in addable)],
    )
    whole = may_change_whole(shown)
    form = None
    if shown.editable:
        rows = [(a.intervention, a) for a in shown.editable] + [(i, None) for i in addable]
        form = SessionCorrectionForm(request.POST or None, session=shown.session, rows=rows, whole=whole)
    elif request.method == "POST":
        return _refused(request, intervention, shown, "correct")
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session_correct(
                by=request.user,
                session=shown.session,
                correction=Correction(day=data.get("date"), kind=data.get("kind"), marks=form.marks()),
                reason=data["reason"],
                expected_version=data["version"],
            )
        except InterventionsError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, "Session corrected. What it said before is kept in its history.")
            return redirect(_session_href(request, intervention, shown))
    return _page(
        request,
        "interventions/session_detail.html",
        intervention=intervention,
        shown=shown,
        form=form,
        may_withdraw=whole,
    )


@role_required(*WORKER_ROLES)
@shows_records
def session_withdraw_view(request: HttpRequest, pk: int, sid: int) -> HttpResponse:
    """Withdrawing a session recorded in error: it stays in the history and the young
    people's chronologies, marked withdrawn, and no longer counts."""
    intervention, shown = _opened(request, pk, sid)
    log_access(request=request, kind=Kind.VIEW, person_ids=shown.person_ids)
    if shown.session.is_withdrawn:
        messages.info(request, "This session has already been withdrawn.")
        return redirect(_session_href(request, intervention, shown))
    if not shown.editable:
        return _refused(request, intervention, shown, "withdraw")
    form = SessionWithdrawForm(request.POST or None, initial={"version": shown.session.version})
    if not may_change_whole(shown):
        form = None
    elif request.method == "POST" and form.is_valid():
        try:
            session_withdraw(
                by=request.user,
                session=shown.session,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except InterventionsError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, "Session withdrawn. It no longer counts, and its history is kept.")
            return redirect(intervention_href(request, intervention.pk))
    return _page(
        request, "interventions/session_withdraw.html", intervention=intervention, shown=shown, form=form
    )
