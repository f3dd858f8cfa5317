"""The session endpoints: GET and PATCH /api/v1/interventions/{id}/sessions/{sid}/ and
POST .../withdraw/, for the worker, the taskforce and every role that may not; 409 for a
stale version or a state that forbids it, 400 for bad bodies, 404 logged for scope."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import AccessLogEntry
from accounts.roles import Role
from interventions.models import Attendance, Session, SessionEntry
from interventions.services.sessions import Mark, session_record
from tests.api.conftest import client_for
from tests.factories.access import school_staff, user_with_role
from tests.factories.interventions import allocate, record_session

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
Kind = AccessLogEntry.Kind


def _url(intervention, session, action=""):
    return f"/api/v1/interventions/{intervention.pk}/sessions/{session.pk}/{action}"


def _named(user) -> tuple[str, set[int]]:
    entry = AccessLogEntry.objects.filter(actor=user).latest("pk")
    return entry.kind, set(entry.subjects.values_list("person_id", flat=True))


def test_the_worker_reads_corrects_and_withdraws_a_session():
    intervention = allocate()
    session = record_session(intervention, status="did_not_attend")
    api = client_for(intervention.worker)
    got = api.get(_url(intervention, session)).json()
    assert (got["version"], got["attendance"][0]["status"], got["history"]) == (1, "did_not_attend", [])
    assert _named(intervention.worker) == (Kind.VIEW, {intervention.young_person_id})

    day = TODAY() - datetime.timedelta(days=1)
    body = {
        "version": 1,
        "reason": "He came, a day earlier",
        "date": day.isoformat(),
        "attendance": [{"status": "attended", "note": "On time"}],
    }
    patched = api.patch(_url(intervention, session), body, format="json")
    assert patched.status_code == 200, patched.json()
    data = patched.json()
    assert (data["date"], data["version"], data["attendance"][0]["status"]) == (
        day.isoformat(),
        2,
        "attended",
    )
    assert data["history"][0]["reason"] == "He came, a day earlier"
    assert any("did not attend → attended" in c for c in data["history"][0]["changes"])

    stale = api.patch(_url(intervention, session), body, format="json")
    assert stale.status_code == 409

    withdrawn = api.post(
        _url(intervention, session, "withdraw/"), {"version": 2, "reason": "Dup"}, format="json"
    )
    assert withdrawn.status_code == 200
    assert withdrawn.json()["withdrawn"] is True
    assert withdrawn.json()["attendance"][0]["counted"] is False
    again = api.post(_url(intervention, session, "withdraw/"), {"version": 3, "reason": "Dup"}, format="json")
    assert again.status_code == 409
    assert SessionEntry.objects.count() == 2


@pytest.mark.parametrize(
    "role", [Role.HEAD_TEACHER, Role.DSL, Role.IG_OFFICER, Role.DATA_OFFICER, Role.ADMINISTRATOR]
)
def test_other_roles_get_403(role):
    intervention = allocate()
    session = record_session(intervention)
    school = intervention.referral.school
    user = school_staff(role, school) if role in (Role.HEAD_TEACHER, Role.DSL) else user_with_role(role)
    api = client_for(user)
    assert api.get(_url(intervention, session)).status_code == 403
    body = {"version": 1, "reason": "x", "attendance": [{"status": "cancelled"}]}
    assert api.patch(_url(intervention, session), body, format="json").status_code == 403
    assert api.post(_url(intervention, session, "withdraw/"), body, format="json").status_code == 403
    assert Attendance.objects.get().status == "attended"


def test_another_worker_gets_404_and_naming_someone_elses_intervention_is_refused():
    intervention = allocate(kind="group")
    session = record_session(intervention)
    other = allocate(kind="group")
    api = client_for(other.worker)
    assert api.get(_url(intervention, session)).status_code == 404
    assert _named(other.worker) == (Kind.DENIED, {intervention.young_person_id})
    body = {"version": 1, "reason": "x", "attendance": [{"status": "cancelled"}]}
    assert api.patch(_url(intervention, session), body, format="json").status_code == 404
    assert api.post(_url(intervention, session, "withdraw/"), body, format="json").status_code == 404
    # Through their own intervention, a session it is not in: 404.
    assert api.get(_url(other, session)).status_code == 404

    # The worker names another worker's young person to add to their own group session.
    own = session_record(by=other.worker, day=TODAY(), kind="group", marks=[Mark(other, "attended")])
    sneaky = {
        "version": 1,
        "reason": "x",
        "attendance": [{"intervention": intervention.pk, "status": "attended"}],
    }
    refused = api.patch(_url(other, own), sneaky, format="json")
    assert refused.status_code == 400
    assert refused.json()["errors"] == {
        "attendance": [{"intervention": ["Not one of the interventions you may record this session for."]}]
    }
    assert _named(other.worker) == (Kind.DENIED, {intervention.young_person_id})
    assert Session.objects.get(pk=own.pk).version == 1


def test_the_taskforce_corrects_a_group_session():
    officer = user_with_role(Role.TASKFORCE)
    a, b = allocate(kind="group"), allocate(kind="group")
    session = session_record(
        by=officer, day=TODAY(), kind="group", marks=[Mark(a, "attended"), Mark(b, "attended")]
    )
    body = {
        "version": 1,
        "reason": "B was not there",
        "attendance": [{"intervention": b.pk, "status": "removed"}],
    }
    got = client_for(officer).patch(_url(a, session), body, format="json").json()
    counted = {row["intervention"]: row["counted"] for row in got["attendance"]}
    assert counted == {a.pk: True, b.pk: False}
    assert _named(officer) == (Kind.VIEW, {a.young_person_id, b.young_person_id})


@pytest.mark.parametrize(
    "body",
    [
        {"reason": "x"},
        {"version": 1},
        {"version": 1, "reason": ""},
        {"version": 1, "reason": "x" * 501},
        {"version": -1, "reason": "x"},
        {"version": 10**30, "reason": "x"},
        {"version": 1, "reason": "x", "date": "2026-02-30"},
        {"version": 1, "reason": "x", "kind": "party"},
        {"version": 1, "reason": "x", "attendance": [{"status": "maybe"}]},
        {"version": 1, "reason": "x", "attendance": [{"intervention": 10**30, "status": "attended"}]},
        {"version": 1, "reason": "x", "attendance": [{"status": "attended", "note": "x" * 501}]},
        {"version": 1, "reason": "x", "date": (TODAY() + datetime.timedelta(days=1)).isoformat()},
        {"version": 1, "reason": "x"},
        {"version": 1, "reason": "a\x00b"},
        "not an object",
    ],
)
def test_bad_bodies_answer_400(body):
    intervention = allocate()
    session = record_session(intervention)
    response = client_for(intervention.worker).patch(_url(intervention, session), body, format="json")
    assert response.status_code == 400, (body, response.content)
    assert Session.objects.get().version == 1


@pytest.mark.parametrize("sid", ["99999999999999999999", "0", "-1", "abc"])
def test_bad_session_ids_answer_404(sid):
    intervention = allocate()
    api = client_for(intervention.worker)
    assert api.get(f"/api/v1/interventions/{intervention.pk}/sessions/{sid}/").status_code == 404


def test_reading_and_correcting_cost_the_same_queries_for_two_or_twenty():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    officer = user_with_role(Role.TASKFORCE)
    api = client_for(officer)

    def costs(n: int) -> tuple[int, int]:
        group = [allocate(kind="group") for _ in range(n)]
        session = session_record(
            by=officer, day=TODAY(), kind="group", marks=[Mark(i, "attended") for i in group]
        )
        with CaptureQueriesContext(connection) as read:
            assert api.get(_url(group[0], session)).status_code == 200
        body = {
            "version": 1,
            "reason": "All cancelled",
            "attendance": [{"intervention": i.pk, "status": "cancelled"} for i in group],
        }
        with CaptureQueriesContext(connection) as patch:
            assert api.patch(_url(group[0], session), body, format="json").status_code == 200
        return len(read), len(patch)

    costs(1)  # caches warmed
    assert costs(2) == costs(20)
