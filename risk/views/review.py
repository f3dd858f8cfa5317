"""Human oversight of flags: the taskforce's review queue and confirmation, and
dismissal with a reason by a DSL or the taskforce. Every page that shows a flag shows
a young person, so each is a record view, logged fail-closed."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.access import JUDGEMENT_NOTICE, RecordAccess, person_for_request, role_required
from accounts.access_log import log_access, shows_records
from accounts.models import AccessLogEntry
from accounts.roles import Role
from risk.forms import DismissForm
from risk.models import DismissalReason, Flag
from risk.models.flags import ClearedBecause
from risk.sections import flag_cards, flag_cards_for, relatives_shown
from risk.selectors import flag_by_id, flags_switched_on, review_queue
from risk.services.review import flag_confirm, flag_dismiss, may_dismiss, standing_dismissal
from schools.back_links import (
    WAY_BACK,
    carried_list_href,
    carried_query,
    list_href,
    person_page_href,
    way_back_query,
)

PER_PAGE = 25
FROM_QUEUE = "review"
"""`?from=review` on a dismissal opened from the review queue: the officer working through
the queue goes back to it, as a confirmation does, not to the young person's record, and
to the page of it they left (its way back, `way_back=`)."""
ORIGIN = "review-queue"
"""The queue's code in a young person's address, whose back link then returns to the
queue's page the officer left; not FROM_QUEUE, so a log or a reader of an address never
mistakes a young person opened from the queue for a dismissal that returns to it."""
QUEUE_LABEL = "Trigger points waiting for review"


def queue_label(_viewer: object) -> str:
    return QUEUE_LABEL


def _back(request: HttpRequest, person_pk: int) -> str:
    if request.GET.get("from") == FROM_QUEUE:
        return carried_list_href(request, ORIGIN) or reverse("risk:review_queue")
    return person_page_href(request, person_pk, "trigger-points")


COMES_BACK = "It comes back only with new evidence."
COMES_BACK_PATTERN = (
    "It stays dismissed while the pattern goes on, and comes back only if it ends and later begins again."
)
ANOTHER_CHILD = (
    "If a record behind it is about another child, report it from the chronology (“Report: "
    "this may not be about …” on its entry) so that a data officer can split it off: "
    "dismissing the trigger point leaves the record linked to this young person."
)


def _flag(request: HttpRequest, pk: int) -> tuple[Flag, RecordAccess]:
    """The flag, if it exists and the user may open its young person; otherwise a 404,
    logged as a refusal when the young person is out of scope."""
    flag = flag_by_id(pk)
    if flag is None:
        raise Http404("No trigger point found.")
    return flag, person_for_request(request, flag.person_id)


def _log_dismiss(request: HttpRequest, access: RecordAccess, flag: Flag, relatives: list[int]) -> None:
    """Names the relatives whose events the page shows as the flag's evidence; a dismissal
    that succeeds shows no evidence (it returns to the record, which logs its own)."""
    log_access(
        request=request,
        kind=AccessLogEntry.Kind.VIEW,
        person_ids=list(dict.fromkeys([access.person.pk, *relatives])),
        break_glass=access.break_glass,
        detail={
            "trigger_point": flag.indicator.code,
            "action": "dismiss" if request.method == "POST" else "view",
        },
    )


@role_required(Role.DSL, Role.TASKFORCE)
@shows_records
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    flag, access = _flag(request, pk)
    if request.method == "POST" and not flag.is_current and may_dismiss(request.user, flag):
        return _cleared_meanwhile(request, flag, access)
    # A dismissed flag's form is not offered again, but one sent again (a double click, a
    # colleague's older page) is answered with the dismissal that stands.
    dismissed = flag.is_dismissed and request.method != "POST"
    if not flag.is_current or dismissed or not may_dismiss(request.user, flag):
        raise Http404("No trigger point you may dismiss.")
    form = DismissForm(request.POST or None)
    if request.method == "POST" and flag.is_dismissed:
        if not _typed_anew(form, flag):
            return _dismissed_already(request, flag, access)
        form.is_valid()
        form.add_error(None, f"{standing_dismissal(flag, to=request.user)}, so yours was not recorded.")
    elif request.method == "POST" and form.is_valid():
        try:
            flag_dismiss(
                by=request.user, flag=flag, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _log_dismiss(request, access, flag, [])
            comes_back = COMES_BACK_PATTERN if flag.version.rests_on_patterns else COMES_BACK
            done = f"{flag.indicator.code} dismissed. {comes_back}"
            if form.cleaned_data["reason"] == DismissalReason.DATA_WRONG:
                done += f" {ANOTHER_CHILD}"
            messages.success(request, done)
            return redirect(_back(request, access.person.pk))
    current, _, _ = flag_cards(request.user, access.person)
    card = next((c for c in current if c.flag.pk == flag.pk), None)
    _log_dismiss(request, access, flag, relatives_shown([card] if card else []))
    return render(
        request,
        "risk/dismiss.html",
        {
            "form": form,
            "flag": flag,
            "card": card,
            "person": access.person,
            "notice": JUDGEMENT_NOTICE,
            "back": _back(request, access.person.pk),
            "from_queue": request.GET.get("from") == FROM_QUEUE,
            "onward": carried_query(request),
            "another_child": ANOTHER_CHILD,
        },
    )


def _typed_anew(form: DismissForm, flag: Flag) -> bool:
    """Whether a dismissal sent after the flag's carries words of its own, which a form
    shown again keeps; nothing new (a double click, Back and send) has nothing to keep."""
    note = str(form.data.get("note", "")).strip()
    return bool(note) and note != flag.dismissal_note


def _dismissed_already(request: HttpRequest, flag: Flag, access: RecordAccess) -> HttpResponse:
    """A form sent again gets the record the first made: the dismissal that stands, where
    a dismissal leads, rather than an error about a decision nobody needs to make again."""
    messages.info(request, f"{standing_dismissal(flag, to=request.user)}; that dismissal stands.")
    return redirect(_back(request, access.person.pk))


CLEARED_BECAUSE = {
    ClearedBecause.EVIDENCE_LEFT: "its evidence had left the rule's window",
    ClearedBecause.INDICATOR_OFF: "the trigger point had been switched off",
    ClearedBecause.NEW_EVIDENCE: "new evidence had raised it again, as a new trigger point on the record",
}


def _cleared_meanwhile(request: HttpRequest, flag: Flag, access: RecordAccess) -> HttpResponse:
    """A dismissal that arrives after the flag cleared (the nightly run, an import) has
    nothing to dismiss: "page not found" left the person unsure whether it was done."""
    why = CLEARED_BECAUSE.get(flag.cleared_because, "it had cleared")
    messages.info(
        request,
        f"Nothing was dismissed: {flag.indicator.code} had cleared before your dismissal arrived, "
        f"because {why}.",
    )
    return redirect(person_page_href(request, access.person.pk, "trigger-points"))


@role_required(Role.TASKFORCE)
@shows_records
def queue(request: HttpRequest) -> HttpResponse:
    """Flags of indicators that need review, oldest first: schools see them only once
    an officer confirms them here."""
    page = Paginator(review_queue(request.user), PER_PAGE).get_page(request.GET.get("page"))
    people = {flag.person_id for flag in page}
    shown = flag_cards_for(request.user, sorted(people))
    cards = {card.flag.pk: card for current, _, _ in shown.values() for card in current}
    rows = [(flag, cards.get(flag.pk)) for flag in page]
    relatives = relatives_shown(card for _, card in rows if card)
    log_access(
        request=request,
        kind=AccessLogEntry.Kind.LIST,
        person_ids=list(dict.fromkeys([*sorted(people), *relatives])),
    )
    way_back = way_back_query(ORIGIN, [("page", str(page.number))] if page.number > 1 else [])
    context = {
        "page": page,
        "rows": rows,
        "switched_on": flags_switched_on(),
        "notice": JUDGEMENT_NOTICE,
        "way_back": way_back,
        "dismiss_query": urlencode({"from": FROM_QUEUE, WAY_BACK: way_back}),
    }
    return render(request, "risk/review_queue.html", context)


@role_required(Role.TASKFORCE)
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """An action that shows no record (it returns to the queue, to the page the officer
    left, by the way back its form carries); the confirmation is in the change log with
    the officer's name."""
    flag, _ = _flag(request, pk)
    try:
        flag_confirm(by=request.user, flag=flag)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{flag.indicator.code} confirmed: the school's staff now see it.")
    return redirect(list_href(request.POST.get(WAY_BACK, ""), ORIGIN) or reverse("risk:review_queue"))
