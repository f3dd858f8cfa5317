"""IG's anomaly list and review. The list names young people only for break-glass views
and refused attempts (the ones about one record); volume and out-of-hours anomalies link
to the user's history instead. Each page of the list logs the people it names."""

from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts.access import role_required
from accounts.access_log import log_access, shows_records
from accounts.forms_access_log import AnomalyListForm, AnomalyReviewForm
from accounts.models import AccessLogEntry
from accounts.roles import Role
from accounts.selectors_access_log import identities
from accounts.selectors_anomalies import anomalies, anomaly_by_key
from accounts.selectors_anomaly_counts import anomalies_to_review, default_period, period_window
from accounts.services.anomalies import anomaly_review
from portal.date_input import PART_NAMES
from schools.models import Person

PER_PAGE = 50
"""A busy month can hold thousands of anomalies (the bench city's has 5,800): rendered
at once they took seconds, and nobody reads them as one page."""


def _list_query(params: QueryDict) -> str:
    """The list's filters as chosen, carried to a review and back: only the list form's
    own fields, each as it cleaned it, so nothing taken from the address is echoed."""
    form = AnomalyListForm(params)
    if not form.is_valid():
        return ""
    chosen = {name: value for name, value in form.cleaned_data.items() if value}
    return urlencode({n: "on" if v is True else v.isoformat() for n, v in chosen.items()})


def _with_period(params: QueryDict, date_from: date, date_to: date) -> QueryDict:
    """The list's period in its From and To, where the address leaves them empty: empty,
    they read as no period at all beside a sentence naming the one listed."""
    filled = params.copy()
    for name, day in (("date_from", date_from), ("date_to", date_to)):
        sent = [name, *(f"{name}_{part}" for part in PART_NAMES)]
        if not any(filled.get(key) for key in sent):
            for key in sent:
                filled.pop(key, None)
            filled[name] = day.isoformat()
    return filled


def _people(anomaly_list: list) -> dict[int, Person]:
    return identities(pid for a in anomaly_list for pid in a.person_ids)


@shows_records
@role_required(Role.IG_OFFICER)
def anomaly_list(request: HttpRequest) -> HttpResponse:
    default_from, default_to = default_period(timezone.localdate())
    form = AnomalyListForm(_with_period(request.GET, default_from, default_to))
    data = form.cleaned_data if form.is_valid() else {}
    date_from = data.get("date_from") or default_from
    date_to = data.get("date_to") or default_to
    since, until = period_window(date_from, date_to)
    found = anomalies(since=since, until=until, include_reviewed=data.get("include_reviewed", False))
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    people = _people(page.object_list)
    log_access(
        request=request,
        kind=AccessLogEntry.Kind.LIST,
        person_ids=list(people),
        detail={"anomalies": len(found), "page": page.number},
    )
    for anomaly in page.object_list:
        anomaly.people = [people[pid] for pid in anomaly.person_ids if pid in people]
    return render(
        request,
        "accounts/ig/anomalies.html",
        {
            "form": form,
            "page": page,
            "anomalies": page.object_list,
            "date_from": date_from,
            "date_to": date_to,
            "list_query": _list_query(request.GET),
            "to_review": anomalies_to_review(reviewer=request.user, period=(date_from, date_to)),
        },
    )


@shows_records
@role_required(Role.IG_OFFICER)
def anomaly_review_page(request: HttpRequest, key: str) -> HttpResponse:
    anomaly = anomaly_by_key(key)
    if anomaly is None:
        raise Http404
    own = anomaly.actor_id == request.user.pk
    query = _list_query(request.GET)
    back = reverse("access_log:anomalies") + (f"?{query}" if query else "")
    form = AnomalyReviewForm(request.POST if request.method == "POST" else None)
    if form.is_valid() and not own:
        try:
            anomaly_review(by=request.user, key=key, note=form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Anomaly marked as reviewed.")
            return redirect(back)
    anomaly.people = list(identities(anomaly.person_ids).values())
    log_access(
        request=request, kind=AccessLogEntry.Kind.VIEW, person_ids=anomaly.person_ids, detail={"anomaly": key}
    )
    context = {"anomaly": anomaly, "form": form, "own": own, "back": back}
    return render(request, "accounts/ig/anomaly_review.html", context)
