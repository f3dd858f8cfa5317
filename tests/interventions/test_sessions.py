"""Sessions: an individual session for one young person, a group session that marks
several at once, and only for the recorder's own open interventions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.roles import Role
from interventions.models import Attendance, Session
from interventions.services.errors import Invalid, NotAllowed
from interventions.services.sessions import Mark, session_record
from tests.factories.access import user_with_role
from tests.factories.interventions import allocate

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today


def test_the_worker_records_an_individual_session_on_the_page(client):
    intervention = allocate()
    client.force_login(intervention.worker)
    url = reverse("interventions:session", args=[intervention.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"date": timezone.localdate().isoformat(), "status": "attended", "note": "Talked about football"}
    )
    assert response.status_code == 302
    attendance = Attendance.objects.get()
    assert (attendance.status, attendance.note, attendance.session.kind) == (
        "attended",
        "Talked about football",
        "individual",
    )
    page = client.get(reverse("interventions:detail", args=[intervention.pk]))
    assert b"Talked about football" in page.content


def test_a_group_session_marks_several_young_people_at_once(client):
    worker = user_with_role(Role.INTERVENTION_WORKER)
    group = [allocate(worker=worker, kind="group") for _ in range(3)]
    other_workers = allocate(kind="group")
    client.force_login(worker)
    url = reverse("interventions:group_session") + f"?programme={group[0].programme_id}"
    page = client.get(url)
    assert page.status_code == 200
    assert escape(other_workers.young_person.full_name) not in page.content.decode()

    response = client.post(
        url,
        {
            "date": timezone.localdate().isoformat(),
            f"status_{group[0].pk}": "attended",
            f"status_{group[1].pk}": "did_not_attend",
            f"note_{group[1].pk}": "Unwell",
            f"status_{group[2].pk}": "",
        },
    )
    assert response.status_code == 302
    session = Session.objects.get()
    assert session.kind == Session.Kind.GROUP
    assert dict(session.attendances.values_list("intervention_id", "status")) == {
        group[0].pk: "attended",
        group[1].pk: "did_not_attend",
    }


def test_a_group_session_with_nobody_marked_is_refused(client):
    intervention = allocate(kind="group")
    client.force_login(intervention.worker)
    url = reverse("interventions:group_session") + f"?programme={intervention.programme_id}"
    response = client.post(url, {"date": timezone.localdate().isoformat()})
    assert b"Record attendance for at least one young person" in response.content
    assert not Session.objects.exists()


@pytest.mark.parametrize("value", ["abc", "0", "99999999999999999999999", "1\x00", "²", "①", "-1", " 1"])
def test_a_bad_programme_answers_404(client, value):
    intervention = allocate(kind="group")
    client.force_login(intervention.worker)
    expected = 400 if "\x00" in value else 404  # the portal's input guard refuses NUL bytes first
    assert client.get(reverse("interventions:group_session"), {"programme": value}).status_code == expected


def test_a_worker_cannot_mark_someone_elses_young_person():
    mine, theirs = allocate(kind="group"), allocate(kind="group")
    with pytest.raises(NotAllowed):
        session_record(
            by=mine.worker,
            day=timezone.localdate(),
            kind=Session.Kind.GROUP,
            marks=[Mark(intervention=mine, status="attended"), Mark(intervention=theirs, status="attended")],
        )
    assert not Session.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"days_from_today": 1}, "before it happens"),
        ({"days_from_today": -365}, "before the intervention started"),
        ({"kind": "party"}, "group or an individual"),
        ({"status": "maybe"}, "attended, did not attend or cancelled"),
    ],
)
def test_impossible_sessions_are_refused(change, message):
    """Days are counted from today when the test runs, not when it was collected: a run
    that passed midnight offered "tomorrow" on the day it had become."""
    intervention = allocate()
    args = {"days_from_today": 0, "kind": Session.Kind.INDIVIDUAL, "status": "attended"} | change
    with pytest.raises(Invalid, match=message):
        session_record(
            by=intervention.worker,
            day=timezone.localdate() + datetime.timedelta(days=args["days_from_today"]),
            kind=args["kind"],
            marks=[Mark(intervention=intervention, status=args["status"])],
        )


def test_an_individual_session_is_for_one_young_person_in_one_programme():
    worker = user_with_role(Role.TASKFORCE)
    a, b = allocate(worker=worker), allocate(worker=worker, kind="group")
    with pytest.raises(Invalid, match="one young person"):
        session_record(
            by=worker,
            day=timezone.localdate(),
            kind="individual",
            marks=[Mark(a, "attended"), Mark(b, "attended")],
        )
    with pytest.raises(Invalid, match="same programme"):
        session_record(
            by=worker,
            day=timezone.localdate(),
            kind="group",
            marks=[Mark(a, "attended"), Mark(b, "attended")],
        )
