"""How to open, successfully, each API endpoint of referrals and interventions: reads
as the referrer or the worker, transitions with the version just read. Part of the URL
walk's register (record_views.py)."""

from collections.abc import Callable
from datetime import date, timedelta

from django.urls import reverse

from accounts.roles import Role
from tests.accounts.record_request import Kind, RecordRequest
from tests.accounts.record_requests_casework import _intervention, _referral
from tests.factories.access import user_with_role
from tests.factories.interventions import programme

TODAY = date.today


def _api_referral(
    name: str, status: str = "sent", *, as_officer: bool = False, post: dict | None = None
) -> Callable[[], RecordRequest]:
    """A call on a DSL's referral, as the DSL or a taskforce officer; with `post`, a
    transition whose body gets the referral's version (adding information is no
    transition, and takes none)."""

    def case() -> RecordRequest:
        dsl, referral = _referral(status)
        user = user_with_role(Role.TASKFORCE) if as_officer else dsl
        listing = name == "api:referral-list"
        url = reverse(name) if listing else reverse(name, args=[referral.pk])
        versioned = name != "api:referral-add-information"
        body = None if post is None else ({"version": referral.version} if versioned else {}) | post
        kind = Kind.LIST if listing else Kind.VIEW
        return RecordRequest(user, url, {referral.young_person_id}, kind, post=body)

    return case


def _api_allocate() -> RecordRequest:
    _, referral = _referral("accepted")
    body = {
        "programme": programme().pk,
        "provider": "Northbridge Youth Service",
        "worker": user_with_role(Role.INTERVENTION_WORKER).pk,
        "start_date": TODAY().isoformat(),
        "planned_sessions": 6,
        "review_date": TODAY().isoformat(),
    }
    url = reverse("api:referral-allocate", args=[referral.pk])
    officer = user_with_role(Role.TASKFORCE)
    return RecordRequest(officer, url, {referral.young_person_id}, Kind.VIEW, status=201, post=body)


def _api_intervention(
    name: str, post: dict | None = None, *, as_officer: bool = False
) -> Callable[[], RecordRequest]:
    """A call on an intervention by its worker (or a taskforce officer), with its version
    added to any body; a "worker" in the body becomes a new intervention worker."""

    def case() -> RecordRequest:
        intervention = _intervention()
        user = user_with_role(Role.TASKFORCE) if as_officer else intervention.worker
        listing = name == "api:intervention-list"
        url = reverse(name) if listing else reverse(name, args=[intervention.pk])
        body = None
        if post is not None:
            body = {"version": intervention.version, **post}
            if "worker" in body:
                body["worker"] = user_with_role(Role.INTERVENTION_WORKER).pk
        kind = Kind.LIST if listing else Kind.VIEW
        return RecordRequest(user, url, {intervention.young_person_id}, kind, post=body)

    return case


def _api_session() -> RecordRequest:
    intervention = _intervention()
    body = {"date": TODAY().isoformat(), "attendance": [{"status": "attended", "note": "Came on time"}]}
    url = reverse("api:intervention-session-create", args=[intervention.pk])
    person = {intervention.young_person_id}
    return RecordRequest(intervention.worker, url, person, Kind.VIEW, status=201, post=body, as_json=True)


def _api_session_call(name: str, post: dict | None = None) -> Callable[[], RecordRequest]:
    """A call on a session its worker recorded, with the session's version in any body."""

    def case() -> RecordRequest:
        from tests.factories.interventions import record_session

        intervention = _intervention()
        session = record_session(intervention)
        url = reverse(name, args=[intervention.pk, session.pk])
        body = None if post is None else {"version": session.version, **post}
        return RecordRequest(intervention.worker, url, {intervention.young_person_id}, Kind.VIEW, post=body)

    return case


CASE_API_VIEWS: dict[str, Callable[[], RecordRequest]] = {
    "api:referral-list": _api_referral("api:referral-list"),
    "api:referral-detail": _api_referral("api:referral-detail"),
    "api:referral-send": _api_referral("api:referral-send", "draft", post={}),
    "api:referral-accept": _api_referral("api:referral-accept", as_officer=True, post={}),
    "api:referral-decline": _api_referral(
        "api:referral-decline", as_officer=True, post={"reason": "Already supported by early help"}
    ),
    "api:referral-ask": _api_referral(
        "api:referral-ask", as_officer=True, post={"question": "Who else is involved?"}
    ),
    "api:referral-add-information": _api_referral(
        "api:referral-add-information", post={"note": "He has since moved to his aunt's."}
    ),
    "api:referral-allocate": _api_allocate,
    "api:intervention-list": _api_intervention("api:intervention-list"),
    "api:intervention-detail": _api_intervention("api:intervention-detail"),
    "api:intervention-session-create": _api_session,
    "api:intervention-session-detail": _api_session_call("api:intervention-session-detail"),
    "api:intervention-session-withdraw": _api_session_call(
        "api:intervention-session-withdraw", {"reason": "Recorded twice"}
    ),
    "api:intervention-review": _api_intervention(
        "api:intervention-review",
        {"note": "Attending every session", "next_review_date": (TODAY() + timedelta(days=200)).isoformat()},
    ),
    "api:intervention-close": _api_intervention(
        "api:intervention-close",
        {"closed_on": TODAY().isoformat(), "reason": "completed", "outcome_summary": "Back in school"},
    ),
    "api:intervention-change-worker": _api_intervention(
        "api:intervention-change-worker", {"worker": None}, as_officer=True
    ),
}
