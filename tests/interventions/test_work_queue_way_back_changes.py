"""An intervention opened from the work queue's "Reviews due" kept its way back to the
queue only through "Record a review": changing the lead worker, closing it or recording
a session landed the officer on the intervention leading back to "Interventions". Each
now carries the way back, checked again on each page, and returns to the intervention
as it was opened; a lead worker given the same links still goes back to their list."""

from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from interventions.models import Attendance
from interventions.services.allocation import Closure, intervention_close
from tests.factories.access import user_with_role
from tests.interventions.queue_way_back import (
    HOSTILE,
    INTERVENTIONS,
    QUEUE_WAY_BACK,
    assert_each_hand_made_way_back_stays_home,
    assert_leads_to_the_queue,
    assert_logs_the_same_people,
    assert_returns_home,
    carried,
    due,
    leads_back,
    opened_from_queue,
    page,
)
from tests.way_back_html import link_to

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
CLOSURE = {
    "reason": "completed",
    "outcome_summary": "Attends every day now.",
    "specialist_support_received": "yes",
}
ACTIONS = ["interventions:worker", "interventions:close", "interventions:session"]
WORKER_ACTIONS = ["interventions:close", "interventions:session"]


def _action(officer, intervention, url_name: str) -> str:
    """The intervention's link to `url_name`, as the intervention opened from the queue has it."""
    html = page(officer, opened_from_queue(officer, intervention))
    return link_to(html, reverse(url_name, args=[intervention.pk]))


def _close(intervention) -> dict:
    return CLOSURE | {"closed_on": TODAY().isoformat(), "version": intervention.version}


def test_each_action_leads_back_to_the_intervention_still_leading_to_the_queue(officer):
    intervention = due()
    for url_name in ACTIONS:
        action = _action(officer, intervention, url_name)
        assert carried(action) == {"from": "work-queue"}, url_name
        back, label = leads_back(officer, action)
        assert label == "Back to the intervention", url_name
        assert_leads_to_the_queue(officer, back, intervention)


def test_changing_the_lead_worker_returns_to_the_intervention_with_its_way_back(officer):
    intervention = due()
    change = _action(officer, intervention, "interventions:worker")
    new = user_with_role(Role.INTERVENTION_WORKER)

    response = officer.post(change, {"worker": new.pk, "version": intervention.version})

    assert response.status_code == 302
    assert_leads_to_the_queue(officer, response.url, intervention)
    intervention.refresh_from_db()
    assert intervention.worker == new


def test_a_lead_worker_change_refused_as_out_of_date_keeps_the_way_back(officer):
    intervention = due()
    change = _action(officer, intervention, "interventions:worker")
    read_at = intervention.version
    officer.post(change, {"worker": user_with_role(Role.INTERVENTION_WORKER).pk, "version": read_at})
    other = user_with_role(Role.INTERVENTION_WORKER)

    response = officer.post(change, {"worker": other.pk, "version": read_at})

    assert response.status_code == 302
    assert_leads_to_the_queue(officer, response.url, intervention)
    intervention.refresh_from_db()
    assert intervention.worker != other


def test_closing_the_intervention_returns_to_it_with_its_way_back(officer):
    intervention = due()
    close = _action(officer, intervention, "interventions:close")

    response = officer.post(close, _close(intervention))

    assert response.status_code == 302
    assert_leads_to_the_queue(officer, response.url, intervention)
    intervention.refresh_from_db()
    assert not intervention.is_active


def test_recording_a_session_returns_to_the_intervention_with_its_way_back(officer):
    intervention = due()
    session = _action(officer, intervention, "interventions:session")

    response = officer.post(session, {"date": TODAY().isoformat(), "status": "attended", "note": ""})

    assert response.status_code == 302
    assert_leads_to_the_queue(officer, response.url, intervention)
    assert Attendance.objects.filter(intervention=intervention).count() == 1


def test_a_closed_interventions_forms_send_the_officer_back_with_the_way_back(officer):
    intervention = due()
    links = {url_name: _action(officer, intervention, url_name) for url_name in WORKER_ACTIONS}
    intervention_close(
        by=intervention.worker,
        intervention=intervention,
        closure=Closure(closed_on=TODAY(), reason="completed", outcome_summary="Done"),
        expected_version=intervention.version,
    )
    for url_name, link in links.items():
        response = officer.get(link)
        assert response.status_code == 302, url_name
        assert_leads_to_the_queue(officer, response.url, intervention)


def test_a_lead_worker_closing_their_own_still_goes_to_their_interventions(officer):
    intervention = due()
    close = _action(officer, intervention, "interventions:close")
    worker = Client()
    worker.force_login(intervention.worker)
    back, _ = leads_back(worker, close)
    assert back == reverse("interventions:detail", args=[intervention.pk])

    response = worker.post(close, _close(intervention))

    assert (response.status_code, response.url) == (302, INTERVENTIONS)


def test_a_lead_worker_given_the_links_goes_back_to_the_interventions(officer):
    intervention = due()
    worker = Client()
    worker.force_login(intervention.worker)
    detail = reverse("interventions:detail", args=[intervention.pk])
    for url_name in WORKER_ACTIONS:
        assert leads_back(worker, _action(officer, intervention, url_name))[0] == detail, url_name
    session = _action(officer, intervention, "interventions:session")

    response = worker.post(session, {"date": TODAY().isoformat(), "status": "attended", "note": ""})

    assert response.url == detail
    assert leads_back(worker, response.url) == (INTERVENTIONS, "Interventions")


def test_a_hand_made_way_back_on_an_action_leads_only_to_the_intervention(officer):
    intervention = due()
    detail = reverse("interventions:detail", args=[intervention.pk])
    for url_name in ACTIONS:
        url = reverse(url_name, args=[intervention.pk])
        assert_each_hand_made_way_back_stays_home(officer, url, home=detail)


def test_a_session_sent_with_a_hand_made_way_back_returns_only_to_the_intervention(officer):
    intervention = due()
    url = reverse("interventions:session", args=[intervention.pk])
    detail = reverse("interventions:detail", args=[intervention.pk])
    for way_back in HOSTILE:
        fields = {"date": TODAY().isoformat(), "status": "attended", "note": ""}
        response = officer.post(url + "?" + _query(way_back), fields)
        assert_returns_home(response, detail, way_back)


def test_a_nul_in_the_way_back_of_a_session_is_refused_and_records_nothing(officer):
    intervention = due()
    url = reverse("interventions:session", args=[intervention.pk])
    for way_back in ("from=work-queue\x00", "from=work-queue&list=" + "x" * 1000):
        fields = {"date": TODAY().isoformat(), "status": "attended", "note": ""}
        response = officer.post(url + "?" + _query(way_back), fields)
        assert response.status_code == 400, way_back
    assert not Attendance.objects.filter(intervention=intervention).exists()


def test_each_action_logs_the_same_people_with_or_without_the_way_back(officer, taskforce):
    intervention = due()
    for url_name in ACTIONS:
        url = reverse(url_name, args=[intervention.pk])
        assert_logs_the_same_people(officer, taskforce, url, QUEUE_WAY_BACK)


def _query(way_back: str) -> str:
    return urlencode({"way_back": way_back})
