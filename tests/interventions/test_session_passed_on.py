"""A group session after one of its young people was passed to another lead worker: the
worker who recorded it still opens it, on the page and through the API, for the young
people still theirs; the other is counted, never named, and left as recorded; the
access log names exactly the young people shown; the taskforce still sees everyone."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import AccessLogEntry
from accounts.roles import Role
from interventions.models import Attendance, Session
from interventions.services.allocation import intervention_change_worker
from interventions.services.session_corrections import Correction, session_correct
from interventions.services.sessions import Mark, session_record
from tests.api.conftest import client_for
from tests.factories.access import user_with_role
from tests.factories.interventions import allocate

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
Kind = AccessLogEntry.Kind


def _named(user) -> tuple[str, set[int]]:
    entry = AccessLogEntry.objects.filter(actor=user).latest("pk")
    return entry.kind, set(entry.subjects.values_list("person_id", flat=True))


@pytest.fixture
def passed_on():
    """The worker's group session of three; the middle one then passed to someone else."""
    worker = user_with_role(Role.INTERVENTION_WORKER)
    mine, passed, also_mine = (allocate(worker=worker, kind="group") for _ in range(3))
    # A name no factory gives, so that "not in the page" cannot fail on a namesake.
    passed.young_person.forename, passed.young_person.surname = "Quennell", "Passmoreton"
    passed.young_person.save()
    session = session_record(
        by=worker,
        day=TODAY() - datetime.timedelta(days=1),
        kind=Session.Kind.GROUP,
        marks=[Mark(i, "attended", note="Joined in") for i in (mine, passed, also_mine)],
    )
    intervention_change_worker(
        by=user_with_role(Role.TASKFORCE),
        intervention=passed,
        worker=user_with_role(Role.INTERVENTION_WORKER),
        expected_version=passed.version,
    )
    return worker, (mine, passed, also_mine), session


def _page(i, session, name="interventions:session_detail"):
    return reverse(name, args=[i.pk, session.pk])


def _api(i, session, action=""):
    return f"/api/v1/interventions/{i.pk}/sessions/{session.pk}/{action}"


def _untouched(passed, session):
    row = Attendance.objects.get(session=session, intervention=passed)
    assert (row.status, row.note, row.withdrawn) == ("attended", "Joined in", False)


def test_the_page_shows_and_corrects_the_workers_own_young_people_only(client, passed_on):
    worker, (mine, passed, also_mine), session = passed_on
    client.force_login(worker)
    for opened in (mine, also_mine):
        page = client.get(_page(opened, session))
        assert page.status_code == 200
        html = page.content.decode()
        assert escape(mine.young_person.full_name) in html
        assert escape(also_mine.young_person.full_name) in html
        assert escape(passed.young_person.full_name) not in html
        assert "This session also recorded 1 young person you may not see." in html
        assert f"status_{passed.pk}" not in html
        assert _named(worker) == (Kind.VIEW, {mine.young_person_id, also_mine.young_person_id})

    body = {
        "version": 1,
        f"status_{also_mine.pk}": "did_not_attend",
        f"note_{also_mine.pk}": "Was ill",
        # Sent anyway, as a form read before the move would: not the worker's to change.
        f"status_{passed.pk}": "cancelled",
        "reason": "Marked present by mistake",
    }
    assert client.post(_page(mine, session), body).status_code == 302
    assert Attendance.objects.get(session=session, intervention=also_mine).status == "did_not_attend"
    _untouched(passed, session)
    history = client.get(_page(mine, session)).content.decode()
    assert "Marked present by mistake" in history
    assert escape(passed.young_person.full_name) not in history


def test_the_api_shows_and_corrects_the_workers_own_young_people_only(passed_on):
    worker, (mine, passed, also_mine), session = passed_on
    api = client_for(worker)
    got = api.get(_api(mine, session))
    assert got.status_code == 200
    data = got.json()
    assert {row["intervention"] for row in data["attendance"]} == {mine.pk, also_mine.pk}
    assert data["others_not_shown"] == 1
    assert str(passed.young_person.surname) not in got.content.decode()
    assert _named(worker) == (Kind.VIEW, {mine.young_person_id, also_mine.young_person_id})

    body = {
        "version": 1,
        "reason": "Was ill",
        "attendance": [{"intervention": also_mine.pk, "status": "did_not_attend"}],
    }
    patched = api.patch(_api(mine, session), body, format="json")
    assert patched.status_code == 200, patched.json()
    assert patched.json()["others_not_shown"] == 1
    assert _named(worker) == (Kind.VIEW, {mine.young_person_id, also_mine.young_person_id})
    _untouched(passed, session)

    # The date, or a withdrawal, would change the other worker's young person too.
    day = (TODAY() - datetime.timedelta(days=2)).isoformat()
    assert (
        api.patch(_api(mine, session), {"version": 2, "reason": "x", "date": day}, format="json").status_code
        == 409
    )
    assert (
        api.post(_api(mine, session, "withdraw/"), {"version": 2, "reason": "x"}, format="json").status_code
        == 409
    )
    assert Session.objects.get().version == 2


def test_naming_the_young_person_passed_on_is_refused_as_opening_them_would_be(passed_on):
    """A client that read the session before the move and sends every row back."""
    worker, (mine, passed, _), session = passed_on
    body = {
        "version": 1,
        "reason": "x",
        "attendance": [
            {"intervention": mine.pk, "status": "cancelled"},
            {"intervention": passed.pk, "status": "cancelled"},
        ],
    }
    response = client_for(worker).patch(_api(mine, session), body, format="json")
    # A 400 naming the mark, in words that do not say whether the intervention exists.
    assert response.status_code == 400
    assert response.json()["errors"]["attendance"][1] == {
        "intervention": ["Not one of the interventions you may record this session for."]
    }
    assert _named(worker) == (Kind.DENIED, {passed.young_person_id})
    assert Session.objects.get().version == 1
    _untouched(passed, session)


def test_the_session_is_not_reached_through_the_young_person_passed_on(client, passed_on):
    worker, (_, passed, _), session = passed_on
    client.force_login(worker)
    assert client.get(_page(passed, session)).status_code == 404
    assert client_for(worker).get(_api(passed, session)).status_code == 404
    assert _named(worker) == (Kind.DENIED, {passed.young_person_id})


def test_the_taskforce_and_the_new_worker_each_see_whom_they_may(client, passed_on):
    _, (mine, passed, also_mine), session = passed_on
    officer = user_with_role(Role.TASKFORCE)
    everyone = {mine.young_person_id, passed.young_person_id, also_mine.young_person_id}
    data = client_for(officer).get(_api(mine, session)).json()
    assert (len(data["attendance"]), data["others_not_shown"]) == (3, 0)
    assert _named(officer) == (Kind.VIEW, everyone)

    passed.refresh_from_db()
    client.force_login(passed.worker)
    html = client.get(_page(passed, session)).content.decode()
    assert "This session also recorded 2 young people you may not see." in html
    assert _named(passed.worker) == (Kind.VIEW, {passed.young_person_id})


def test_once_the_other_young_person_is_out_of_the_session_the_page_offers_what_the_api_allows(
    client, passed_on
):
    """Taken out of it, they are no longer in the session, so its date and its withdrawal
    touch only the worker's own young people: the page offers them, as the API does."""
    worker, (mine, passed, also_mine), session = passed_on
    session_correct(
        by=user_with_role(Role.TASKFORCE),
        session=session,
        correction=Correction(marks=(Mark(passed, "removed"),)),
        reason="Was at the other group",
        expected_version=1,
    )
    client.force_login(worker)
    html = client.get(_page(mine, session)).content.decode()
    assert "This session also recorded 1 young person you may not see." in html
    assert 'name="date_day"' in html
    assert "Withdraw this session" in html
    day = TODAY() - datetime.timedelta(days=2)
    body = {"version": 2, "date": day.isoformat(), "kind": "group", "reason": "Wrong day"}
    body |= {f"status_{i.pk}": "attended" for i in (mine, also_mine)}
    assert client.post(_page(mine, session), body).status_code == 302
    assert Session.objects.get().date == day
    withdraw = _page(mine, session, "interventions:session_withdraw")
    assert client.post(withdraw, {"version": 3, "reason": "Recorded twice"}).status_code == 302
    assert Session.objects.get().is_withdrawn
