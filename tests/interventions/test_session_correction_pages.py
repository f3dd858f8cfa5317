"""The session page and its correction and withdrawal forms, as the worker, the taskforce
and every role that may not: who gets the page, who gets 403 or 404, what the access
log names, hostile input, and queries that do not grow with the group."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import AccessLogEntry
from accounts.roles import Role
from interventions.models import Attendance, Session, SessionEntry
from interventions.services.allocation import Closure, intervention_close
from interventions.services.sessions import Mark, session_record
from tests.error_summary import assert_error_links_land
from tests.factories.access import school_staff, user_with_role
from tests.factories.interventions import allocate, record_session

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
Kind = AccessLogEntry.Kind


def _url(intervention, session, name="interventions:session_detail"):
    return reverse(name, args=[intervention.pk, session.pk])


def _named(user) -> tuple[str, set[int]]:
    entry = AccessLogEntry.objects.filter(actor=user).latest("pk")
    return entry.kind, set(entry.subjects.values_list("person_id", flat=True))


def test_the_worker_corrects_a_session_on_its_page(client):
    intervention = allocate()
    session = record_session(intervention, status="did_not_attend")
    client.force_login(intervention.worker)
    url = _url(intervention, session)
    page = client.get(url)
    assert page.status_code == 200
    assert b"Correct this session" in page.content
    assert _named(intervention.worker) == (Kind.VIEW, {intervention.young_person_id})

    day = TODAY() - datetime.timedelta(days=2)
    response = client.post(
        url,
        {
            "version": 1,
            "date": day.isoformat(),
            "kind": "individual",
            f"status_{intervention.pk}": "attended",
            f"note_{intervention.pk}": "Came after all",
            "reason": "Marked on the wrong day",
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.date, session.version) == (day, 2)
    page = client.get(url).content.decode()
    assert "Marked on the wrong day" in page
    assert "Did not attend → Attended".lower() in page.lower()
    detail = client.get(reverse("interventions:detail", args=[intervention.pk])).content.decode()
    assert "1 recorded of 8 planned" in detail
    assert "Corrected" in detail


def test_a_correction_without_its_kind_links_to_the_first_kind(client):
    intervention = allocate()
    session = record_session(intervention, status="did_not_attend")
    client.force_login(intervention.worker)
    page = client.get(_url(intervention, session)).content.decode()
    assert 'id="id_kind_1"' in page
    assert 'for="id_kind_1"' in page
    refused = client.post(
        _url(intervention, session),
        {"version": 1, "date": TODAY().isoformat(), f"status_{intervention.pk}": "attended", "reason": "x"},
    )
    assert refused.status_code == 200
    assert_error_links_land(refused.content.decode(), radios=("kind",))


def test_a_stale_form_is_refused_with_a_message(client):
    intervention = allocate()
    session = record_session(intervention)
    client.force_login(intervention.worker)
    body = {
        "version": 1,
        "date": TODAY().isoformat(),
        "kind": "individual",
        f"status_{intervention.pk}": "cancelled",
        "reason": "Cancelled",
    }
    assert client.post(_url(intervention, session), body).status_code == 302
    again = client.post(_url(intervention, session), body | {f"status_{intervention.pk}": "attended"})
    assert again.status_code == 200
    assert "You have already changed this session" in again.content.decode()
    assert Attendance.objects.get().status == "cancelled"


def test_the_worker_withdraws_a_session_recorded_twice(client):
    intervention = allocate()
    record_session(intervention)
    twice = record_session(intervention, note="Entered again from the diary")  # not a double click
    client.force_login(intervention.worker)
    url = _url(intervention, twice, "interventions:session_withdraw")
    assert client.get(url).status_code == 200
    missing_reason = client.post(url, {"version": 1, "reason": ""})
    assert "Enter why the session was recorded in error" in missing_reason.content.decode()
    assert client.post(url, {"version": 1, "reason": "Recorded twice"}).status_code == 302
    twice.refresh_from_db()
    assert twice.is_withdrawn
    detail = client.get(reverse("interventions:detail", args=[intervention.pk])).content.decode()
    assert "1 recorded of 8 planned (1 withdrawn as recorded in error, not counted)" in detail
    assert client.get(url).status_code == 302  # already withdrawn: back to its page


@pytest.mark.parametrize(
    "who",
    ["head_teacher", "dsl", "other_school_head_teacher", "ig_officer", "data_officer", "administrator"],
)
def test_roles_that_never_record_sessions_get_403(client, who):
    intervention = allocate()
    session = record_session(intervention)
    school = intervention.referral.school
    users = {
        "head_teacher": lambda: school_staff(Role.HEAD_TEACHER, school),
        "dsl": lambda: intervention.referral.referred_by,
        "other_school_head_teacher": lambda: school_staff(Role.HEAD_TEACHER, allocate().referral.school),
        "ig_officer": lambda: user_with_role(Role.IG_OFFICER),
        "data_officer": lambda: user_with_role(Role.DATA_OFFICER),
        "administrator": lambda: user_with_role(Role.ADMINISTRATOR),
    }
    client.force_login(users[who]())
    for name in ("interventions:session_detail", "interventions:session_withdraw"):
        assert client.get(_url(intervention, session, name)).status_code == 403
        assert (
            client.post(_url(intervention, session, name), {"version": 1, "reason": "x"}).status_code == 403
        )
    assert not SessionEntry.objects.exists()


def test_another_worker_gets_404_logged_and_the_taskforce_may_correct(client):
    intervention = allocate()
    session = record_session(intervention)
    other = allocate().worker
    client.force_login(other)
    for name in ("interventions:session_detail", "interventions:session_withdraw"):
        assert client.get(_url(intervention, session, name)).status_code == 404
        assert (
            client.post(_url(intervention, session, name), {"version": 1, "reason": "x"}).status_code == 404
        )
    assert _named(other) == (Kind.DENIED, {intervention.young_person_id})
    # A session of another intervention, asked for through one's own: 404.
    mine = allocate(worker=other)
    assert client.get(_url(mine, session)).status_code == 404

    officer = user_with_role(Role.TASKFORCE)
    client.force_login(officer)
    url = _url(intervention, session, "interventions:session_withdraw")
    assert (
        client.post(url, {"version": 1, "reason": "Recorded for the wrong young person"}).status_code == 302
    )
    assert Session.objects.get().is_withdrawn


def test_a_closed_intervention_shows_its_sessions_but_refuses_changes(client):
    intervention = allocate()
    session = record_session(intervention)
    officer = user_with_role(Role.TASKFORCE)
    intervention_close(
        by=officer,
        intervention=intervention,
        closure=Closure(closed_on=TODAY(), reason="completed", outcome_summary="Done"),
        expected_version=intervention.version,
    )
    client.force_login(intervention.worker)
    assert client.get(_url(intervention, session)).status_code == 404  # the worker's access ended
    client.force_login(officer)
    page = client.get(_url(intervention, session)).content.decode()
    assert "This intervention is closed" in page
    assert "Correct this session" not in page
    post = client.post(
        _url(intervention, session, "interventions:session_withdraw"),
        {"version": 1, "reason": "Recorded twice: Tuesday's & Wednesday's"},
    )
    assert post.status_code == 200
    page = post.content.decode()
    assert "This session can no longer be changed, so your change was not saved." in page
    assert "Recorded twice: Tuesday&#x27;s &amp; Wednesday&#x27;s</textarea>" in page
    assert not Session.objects.get().is_withdrawn


def test_a_group_page_names_only_the_young_people_the_reader_may_see(client):
    from interventions.services.allocation import intervention_change_worker

    worker = user_with_role(Role.INTERVENTION_WORKER)
    mine, passed = allocate(worker=worker, kind="group"), allocate(worker=worker, kind="group")
    session = session_record(
        by=worker, day=TODAY(), kind="group", marks=[Mark(mine, "attended"), Mark(passed, "attended")]
    )
    intervention_change_worker(
        by=user_with_role(Role.TASKFORCE),
        intervention=passed,
        worker=user_with_role(Role.INTERVENTION_WORKER),
        expected_version=passed.version,
    )
    client.force_login(worker)
    page = client.get(_url(mine, session)).content.decode()
    assert escape(mine.young_person.full_name) in page
    assert escape(passed.young_person.full_name) not in page
    assert "1 young person you may not see" in page
    assert "Only the taskforce can change this session" in page
    assert _named(worker) == (Kind.VIEW, {mine.young_person_id})
    assert client.get(_url(mine, session, "interventions:session_withdraw")).status_code == 200
    refused = client.post(
        _url(mine, session, "interventions:session_withdraw"), {"version": 1, "reason": "x"}
    )
    assert refused.status_code == 200
    assert not Session.objects.get().is_withdrawn


@pytest.mark.parametrize(
    ("sid", "status"), [("99999999999999999999", 404), ("-1", 404), ("abc", 404), ("1%00", 400)]
)
def test_bad_session_ids_answer_404(client, sid, status):
    intervention = allocate()
    client.force_login(intervention.worker)
    assert client.get(f"/interventions/{intervention.pk}/sessions/{sid}/").status_code == status


def test_hostile_form_values_answer_400_or_the_form_never_500(client):
    intervention = allocate()
    session = record_session(intervention)
    client.force_login(intervention.worker)
    url = _url(intervention, session)
    good = {"version": 1, "date": TODAY().isoformat(), "kind": "individual", "reason": "Wrong"}
    assert client.post(url, good | {"reason": "a\x00b"}).status_code == 400
    for hostile in (
        {"reason": "x" * 10_000},
        {"version": "99999999999999999999"},
        {"version": "-1"},
        {"date": "2026-02-30"},
        {f"status_{intervention.pk}": "maybe"},
        {f"note_{intervention.pk}": "x" * 10_000},
    ):
        response = client.post(url, good | hostile)
        assert response.status_code == 200, hostile
        assert b"There is a problem" in response.content
    assert Session.objects.get().version == 1


def test_the_page_and_a_correction_cost_the_same_queries_for_two_or_twenty(client):
    worker = user_with_role(Role.INTERVENTION_WORKER)
    client.force_login(worker)

    def costs(n: int) -> tuple[int, int]:
        group = [allocate(worker=worker, kind="group") for _ in range(n)]
        session = session_record(
            by=worker, day=TODAY(), kind="group", marks=[Mark(i, "attended") for i in group]
        )
        url = _url(group[0], session)
        with CaptureQueriesContext(connection) as page:
            assert client.get(url).status_code == 200
        body = {"version": 1, "date": TODAY().isoformat(), "kind": "group", "reason": "All cancelled"}
        body |= {f"status_{i.pk}": "cancelled" for i in group}
        with CaptureQueriesContext(connection) as post:
            assert client.post(url, body).status_code == 302
        assert set(Attendance.objects.filter(session=session).values_list("status", flat=True)) == {
            "cancelled"
        }
        return len(page), len(post)

    costs(1)  # caches warmed (content types, the session's programme)
    assert costs(2) == costs(20)


def test_a_date_in_part_is_named_as_recording_a_session_names_it(client):
    """Recording said "The date of the session must…", correcting it "Date of the session
    must…": one portal, one way of naming the field."""
    intervention = allocate()
    session = record_session(intervention, status="did_not_attend")
    client.force_login(intervention.worker)
    body = {"version": 1, "kind": "individual", f"status_{intervention.pk}": "attended", "reason": "x"}
    parts = {"date_day": "3", "date_month": "", "date_year": str(TODAY().year)}
    refused = client.post(_url(intervention, session), body | parts).content.decode()
    assert "The date of the session must include a month" in refused
