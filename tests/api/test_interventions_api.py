"""The intervention endpoints: the taskforce sees every intervention, a worker only their
own allocations and only while they last; sessions (a group's attendance at once),
reviews, closure and a change of worker through the same services as the pages."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import AccessLogEntry
from accounts.roles import Role
from interventions.models import Attendance, InterventionStatus
from interventions.services.referrals import referral_add_information
from tests.api.conftest import client_for
from tests.factories.access import school_staff, user_with_role
from tests.factories.interventions import allocate

pytestmark = pytest.mark.django_db
Kind = AccessLogEntry.Kind
LIST = "/api/v1/interventions/"
TODAY = date.today


def detail(intervention) -> str:
    return f"{LIST}{intervention.pk}/"


def last_entry(user) -> AccessLogEntry:
    return AccessLogEntry.objects.filter(actor=user).latest("pk")


def named(entry: AccessLogEntry) -> set[int]:
    return set(entry.subjects.values_list("person_id", flat=True))


def test_the_taskforce_sees_every_intervention_and_a_worker_only_their_own():
    worker = user_with_role(Role.INTERVENTION_WORKER)
    mine, theirs = allocate(worker=worker), allocate()
    officer = user_with_role(Role.TASKFORCE)

    assert {i["id"] for i in client_for(officer).get(LIST).json()["results"]} == {mine.pk, theirs.pk}
    got = client_for(worker).get(LIST).json()
    assert [i["id"] for i in got["results"]] == [mine.pk]
    entry = last_entry(worker)
    assert (entry.kind, named(entry)) == (Kind.LIST, {mine.young_person_id})
    assert client_for(worker).get(detail(mine)).status_code == 200
    refused = client_for(worker).get(detail(theirs))
    assert refused.status_code == 404
    assert (last_entry(worker).kind, named(last_entry(worker))) == (Kind.DENIED, {theirs.young_person_id})


@pytest.mark.parametrize(
    "role", [Role.HEAD_TEACHER, Role.DSL, Role.IG_OFFICER, Role.DATA_OFFICER, Role.ADMINISTRATOR]
)
def test_other_roles_may_not_use_the_intervention_endpoints(role):
    intervention = allocate()
    school = intervention.referral.school
    user = school_staff(role, school) if role in (Role.HEAD_TEACHER, Role.DSL) else user_with_role(role)
    client = client_for(user)
    assert client.get(LIST).status_code == 403
    assert client.get(detail(intervention)).status_code == 403
    session = {"date": TODAY().isoformat(), "attendance": [{"status": "attended"}]}
    assert client.post(f"{detail(intervention)}sessions/", session, format="json").status_code == 403
    assert Attendance.objects.count() == 0


def test_filters_and_flat_queries():
    officer = user_with_role(Role.TASKFORCE)
    client = client_for(officer)
    first = allocate()
    allocate(kind="group")
    assert [i["id"] for i in client.get(LIST, {"worker": first.worker_id}).json()["results"]] == [first.pk]
    assert client.get(LIST, {"programme": first.programme_id}).json()["count"] == 1
    assert client.get(LIST, {"status": "closed"}).json()["count"] == 0
    assert client.get(LIST, {"young_person": first.young_person_id}).json()["count"] == 1
    assert (
        client.get(LIST, {"review_due_by": (TODAY() + timedelta(days=12)).isoformat()}).json()["count"] == 2
    )
    assert client.get(LIST, {"worker": 10**30}).status_code == 400
    assert client.get(LIST, {"status": "x\x00"}).status_code == 400

    with CaptureQueriesContext(connection) as two:
        assert client.get(LIST).json()["count"] == 2
    for _ in range(4):
        allocate()
    with CaptureQueriesContext(connection) as six:
        assert client.get(LIST).json()["count"] == 6
    assert len(six) == len(two)


def test_the_detail_shows_sessions_measures_and_results_and_names_the_young_person():
    intervention = allocate()
    worker = intervention.worker
    client = client_for(worker)
    client.post(
        f"{detail(intervention)}sessions/",
        {"date": TODAY().isoformat(), "attendance": [{"status": "did_not_attend", "note": "Unwell"}]},
        format="json",
    )
    got = client.get(detail(intervention)).json()
    assert got["young_person"]["id"] == intervention.young_person_id
    assert [(s["status"], s["note"]) for s in got["sessions"]] == [("did_not_attend", "Unwell")]
    assert got["measures"][0]["point"] == "baseline"
    assert got["referral_reason"] == intervention.referral.reason
    entry = last_entry(worker)
    assert (entry.kind, named(entry)) == (Kind.VIEW, {intervention.young_person_id})


def test_a_group_session_records_several_young_people_and_names_each_of_them():
    worker = user_with_role(Role.INTERVENTION_WORKER)
    group = [allocate(worker=worker, kind="group") for _ in range(3)]
    client = client_for(worker)
    response = client.post(
        f"{detail(group[0])}sessions/",
        {
            "date": TODAY().isoformat(),
            "kind": "group",
            "attendance": [
                {"status": "attended"},
                {"intervention": group[1].pk, "status": "did_not_attend", "note": "Unwell"},
                {"intervention": group[2].pk, "status": "cancelled"},
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    session = response.json()
    assert session["kind"] == "group"
    assert {a["intervention"]: a["status"] for a in session["attendance"]} == {
        group[0].pk: "attended",
        group[1].pk: "did_not_attend",
        group[2].pk: "cancelled",
    }
    entry = last_entry(worker)
    assert (entry.kind, named(entry)) == (Kind.VIEW, {i.young_person_id for i in group})
    unwell = client.get(detail(group[1])).json()["sessions"]
    assert [s["note"] for s in unwell] == ["Unwell"]
    assert [s["note"] for s in client.get(detail(group[0])).json()["sessions"]] == [""]


NOT_YOURS = "Not one of the interventions you may record this session for."


@pytest.mark.parametrize("missing", [False, True])
def test_a_session_naming_someone_elses_intervention_is_a_400_naming_the_mark(missing):
    """It was a 404 "No young person found." for the whole request, as if the path's
    intervention were not theirs; the words do not say whether the other one exists."""
    worker = user_with_role(Role.INTERVENTION_WORKER)
    mine = allocate(worker=worker, kind="group")
    theirs = allocate(kind="group")
    client = client_for(worker)
    response = client.post(
        f"{detail(mine)}sessions/",
        {
            "date": TODAY().isoformat(),
            "kind": "group",
            "attendance": [
                {"status": "attended"},
                {"intervention": 99999 if missing else theirs.pk, "status": "attended"},
            ],
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"attendance": [{}, {"intervention": [NOT_YOURS]}]}
    entry = last_entry(worker)
    assert (entry.kind, named(entry)) == (Kind.DENIED, set() if missing else {theirs.young_person_id})
    assert Attendance.objects.count() == 0


@pytest.mark.parametrize(
    ("attendance", "kind", "message"),
    [
        ([], "individual", "Record attendance for at least one young person."),
        ([{"status": "attended"}, {"status": "attended"}], "group", "Each young person can be marked once"),
        ([{"status": "late"}], "individual", None),
        ([{"status": "attended", "note": "x" * 501}], "individual", None),
        ([{"status": "attended", "note": "a\x00b"}], "individual", None),
        ([{"intervention": 10**30, "status": "attended"}], "group", None),
    ],
)
def test_bad_sessions_are_400_with_the_reason(attendance, kind, message):
    intervention = allocate()
    response = client_for(intervention.worker).post(
        f"{detail(intervention)}sessions/",
        {"date": TODAY().isoformat(), "kind": kind, "attendance": attendance},
        format="json",
    )
    assert response.status_code == 400
    if message:
        assert message in str(response.json()["errors"])
    assert Attendance.objects.count() == 0


def test_a_session_in_the_future_or_on_a_closed_intervention_is_refused():
    intervention = allocate()
    officer = user_with_role(Role.TASKFORCE)
    client = client_for(officer)
    future = {"date": (TODAY() + timedelta(days=1)).isoformat(), "attendance": [{"status": "attended"}]}
    refused = client.post(f"{detail(intervention)}sessions/", future, format="json")
    assert refused.json()["errors"] == {
        "non_field_errors": ["A session cannot be recorded before it happens"]
    }
    close = {
        "version": intervention.version,
        "closed_on": TODAY().isoformat(),
        "reason": "no_longer_needed",
        "outcome_summary": "Moved to a new college.",
    }
    assert client.post(f"{detail(intervention)}close/", close, format="json").status_code == 200
    today = {"date": TODAY().isoformat(), "attendance": [{"status": "attended"}]}
    closed = client.post(f"{detail(intervention)}sessions/", today, format="json")
    assert closed.status_code == 409  # the intervention's state, not what was sent
    assert "open intervention" in closed.json()["detail"]


def test_closing_ends_the_workers_access_and_a_stale_close_is_409():
    intervention = allocate()
    worker = intervention.worker
    client = client_for(worker)
    close = {
        "version": intervention.version,
        "closed_on": TODAY().isoformat(),
        "reason": "completed",
        "outcome_summary": "No further ASB reports; attendance up.",
        "specialist_support_received": True,
    }
    review = client.post(
        f"{detail(intervention)}review/",
        {
            "version": intervention.version,
            "note": "Going well",
            "next_review_date": (TODAY() + timedelta(days=60)).isoformat(),
        },
        format="json",
    )
    assert review.status_code == 200, review.json()
    assert review.json()["measures"][-1]["review_note"] == "Going well"
    stale = client.post(f"{detail(intervention)}close/", close, format="json")
    assert stale.status_code == 409
    assert "You have already changed this intervention" in stale.json()["detail"]

    closed = client.post(
        f"{detail(intervention)}close/", {**close, "version": review.json()["version"]}, format="json"
    )
    assert closed.status_code == 200
    assert closed.json()["status"] == InterventionStatus.CLOSED
    assert "Specialist support received" in closed.json()["results"]
    assert client.get(detail(intervention)).status_code == 404
    assert client.get(LIST).json()["count"] == 0
    assert client.get(f"/api/v1/young-people/{intervention.young_person_id}/").status_code == 404


def test_changing_the_worker_moves_access_and_only_the_taskforce_may():
    intervention = allocate()
    before, after = intervention.worker, user_with_role(Role.INTERVENTION_WORKER)
    body = {"version": intervention.version, "worker": after.pk}
    assert (
        client_for(before).post(f"{detail(intervention)}change-worker/", body, format="json").status_code
        == 403
    )
    officer = client_for(user_with_role(Role.TASKFORCE))
    changed = officer.post(f"{detail(intervention)}change-worker/", body, format="json")
    assert changed.status_code == 200
    assert changed.json()["worker"]["id"] == after.pk
    assert client_for(before).get(detail(intervention)).status_code == 404
    assert client_for(after).get(detail(intervention)).status_code == 200
    again = officer.post(f"{detail(intervention)}change-worker/", body, format="json")
    assert again.status_code == 409
    nobody = officer.post(
        f"{detail(intervention)}change-worker/",
        {"version": changed.json()["version"], "worker": user_with_role(Role.DSL).pk},
        format="json",
    )
    assert nobody.status_code == 400
    assert "worker" in nobody.json()["errors"]


@pytest.mark.parametrize("path", ["99999999999999999999/", "-1/", "abc/", "1%00/"])
def test_odd_ids_in_the_path_are_404(path):
    officer = user_with_role(Role.TASKFORCE)
    assert client_for(officer).get(f"{LIST}{path}").status_code in (400, 404)
    assert client_for(officer).post(f"{LIST}{path}sessions/", {}, format="json").status_code in (400, 404)


def test_the_detail_carries_what_was_added_to_the_referral_as_the_page_does():
    """The worker is notified of an addition and may not open referrals: the page and the
    API both give it with the intervention."""
    intervention = allocate()
    referral = intervention.referral
    referral_add_information(by=referral.referred_by, referral=referral, note="Moved to his aunt's.")

    got = client_for(intervention.worker).get(detail(intervention)).json()

    [added] = got["referral_additions"]
    assert (added["action"], added["note"]) == ("added", "Moved to his aunt's.")
    assert added["by"] == referral.referred_by.display_name
