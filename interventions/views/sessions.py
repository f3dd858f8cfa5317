"""Recording sessions: one young person's individual session, or a group session that
marks attendance for several of the recorder's young people in one programme at once."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import role_required
from accounts.access_log import log_access, shows_records
from accounts.models import AccessLogEntry
from interventions.forms.interventions import GroupSessionForm, SessionForm
from interventions.models import Programme, Session
from interventions.rules import WORKER_ROLES, may_record
from interventions.selectors import intervention_for_request
from interventions.selectors_sessions import group_members, group_session_choices
from interventions.services.errors import InterventionsError, NotAllowed
from interventions.services.sessions import MAX_GROUP, Mark, session_record
from interventions.views.common import add_form_errors
from interventions.way_back import intervention_href
from portal.sentences import counted


@role_required(*WORKER_ROLES)
@shows_records
def session_new(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = intervention_for_request(request, pk)
    log_access(request=request, kind=AccessLogEntry.Kind.VIEW, person_ids=[intervention.young_person_id])
    back = intervention_href(request, intervention.pk)
    if not may_record(request.user, intervention):
        raise NotAllowed("Only the allocated worker or the taskforce may record sessions.")
    # A session sent after the intervention closed is refused by the service, note kept.
    if not intervention.is_active and request.method != "POST":
        messages.info(request, "This intervention is closed: no more sessions can be recorded.")
        return redirect(back)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session_record(
                by=request.user,
                day=data["date"],
                kind=Session.Kind.INDIVIDUAL,
                marks=[Mark(intervention=intervention, status=data["status"], note=data["note"])],
            )
        except InterventionsError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, "Session recorded.")
            return redirect(back)
    return render(
        request,
        "interventions/session_form.html",
        {"form": form, "intervention": intervention, "person": intervention.young_person, "back": back},
    )


def _programme(request: HttpRequest, programmes: list[Programme]) -> Programme | None:
    wanted = request.GET.get("programme", "")
    if not wanted:
        return None
    # Compared as text: int() refuses "²", which str.isdigit() accepts.
    chosen = next((p for p in programmes if str(p.pk) == wanted), None)
    if chosen is None:
        raise Http404("No such programme.")
    return chosen


@role_required(*WORKER_ROLES)
@shows_records
def group_session(request: HttpRequest) -> HttpResponse:
    """Choose a programme (GET), then mark each of the recorder's young people in it.
    For the taskforce, the group is everyone in the programme it may see."""
    programmes, active = group_session_choices(request.user)
    programme = _programme(request, programmes)
    interventions = group_members(active, programme) if programme is not None else []
    form = GroupSessionForm(request.POST or None, interventions=interventions) if programme else None
    log_access(
        request=request, kind=AccessLogEntry.Kind.LIST, person_ids=[i.young_person_id for i in interventions]
    )
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            session_record(
                by=request.user,
                day=form.cleaned_data["date"],
                kind=Session.Kind.GROUP,
                marks=[Mark(intervention=i, status=s, note=n) for i, s, n in form.marks()],
            )
        except InterventionsError as error:
            add_form_errors(form, error)
        else:
            marked = counted(len(form.marks()), "young person", "young people")
            messages.success(request, f"Group session recorded for {marked}.")
            return redirect("interventions:list")
    return render(
        request,
        "interventions/group_session.html",
        {
            "form": form,
            "programmes": programmes,
            "programme": programme,
            "group_limit": MAX_GROUP,
            # "Show the group" pressed with no programme chosen: said, not silently reloaded.
            "programme_missing": "programme" in request.GET and programme is None,
        },
    )
