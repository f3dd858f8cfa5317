"""A session opened from an intervention the work queue led to ("View or correct") led
back to the intervention without its way back to the queue, and so did correcting or
withdrawing it. The session's pages now carry it, checked again on each, to the
intervention as it was opened; a lead worker given the same links still goes back to
their list."""

from urllib.parse import urlencode, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories.interventions import record_session
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
QUEUE_ONLY = {"from": "work-queue"}


def _opened(officer, intervention, session) -> str:
    """The session's address as "View or correct" gives it on the intervention opened from the queue."""
    html = page(officer, opened_from_queue(officer, intervention))
    return link_to(html, reverse("interventions:session_detail", args=[intervention.pk, session.pk]))


def _withdraw_link(officer, session_page: str, intervention, session) -> str:
    html = page(officer, session_page)
    return link_to(html, reverse("interventions:session_withdraw", args=[intervention.pk, session.pk]))


def _correction(intervention, session, status: str = "did_not_attend") -> dict:
    return {
        "version": session.version,
        "date": session.date.isoformat(),
        "kind": "individual",
        f"status_{intervention.pk}": status,
        f"note_{intervention.pk}": "",
        "reason": "Marked the wrong way",
    }


def test_a_session_leads_back_to_the_intervention_still_leading_to_the_queue(officer):
    intervention = due()
    session = record_session(intervention)
    opened = _opened(officer, intervention, session)
    assert carried(opened) == QUEUE_ONLY
    back, label = leads_back(officer, opened)
    assert label == "Back to the intervention"
    assert_leads_to_the_queue(officer, back, intervention)


def test_a_correction_returns_to_the_session_with_its_way_back(officer):
    intervention = due()
    session = record_session(intervention)
    opened = _opened(officer, intervention, session)

    response = officer.post(opened, _correction(intervention, session))

    assert response.status_code == 302
    assert urlsplit(response.url).path == urlsplit(opened).path
    assert carried(response.url) == QUEUE_ONLY
    assert_leads_to_the_queue(officer, leads_back(officer, response.url)[0], intervention)
    session.refresh_from_db()
    assert session.version == 2


def test_withdrawing_keeps_the_way_back_and_returns_to_the_intervention(officer):
    intervention = due()
    session = record_session(intervention)
    opened = _opened(officer, intervention, session)
    withdraw = _withdraw_link(officer, opened, intervention, session)
    assert carried(withdraw) == QUEUE_ONLY
    html = page(officer, withdraw)
    assert leads_back(officer, withdraw) == (opened, "Back to the session")
    assert link_to(html, urlsplit(opened).path) == opened

    response = officer.post(withdraw, {"version": session.version, "reason": "Recorded twice"})

    assert response.status_code == 302
    assert_leads_to_the_queue(officer, response.url, intervention)
    session.refresh_from_db()
    assert session.is_withdrawn


def test_a_withdrawn_sessions_withdrawal_sends_the_officer_back_with_the_way_back(officer):
    intervention = due()
    session = record_session(intervention)
    opened = _opened(officer, intervention, session)
    withdraw = _withdraw_link(officer, opened, intervention, session)
    officer.post(withdraw, {"version": session.version, "reason": "Recorded twice"})

    response = officer.get(withdraw)

    assert (response.status_code, response.url) == (302, opened)
    assert carried(response.url) == QUEUE_ONLY


def test_a_lead_worker_given_the_links_goes_back_to_the_interventions(officer):
    intervention = due()
    session = record_session(intervention)
    opened = _opened(officer, intervention, session)
    withdraw = _withdraw_link(officer, opened, intervention, session)
    worker = Client()
    worker.force_login(intervention.worker)
    detail = reverse("interventions:detail", args=[intervention.pk])
    assert leads_back(worker, opened)[0] == detail
    assert leads_back(worker, withdraw)[0] == urlsplit(opened).path
    assert leads_back(worker, detail) == (INTERVENTIONS, "Interventions")

    response = worker.post(withdraw, {"version": session.version, "reason": "Recorded twice"})

    assert response.url == detail


def test_a_hand_made_way_back_on_a_session_leads_only_to_its_own_pages(officer):
    intervention = due()
    session = record_session(intervention)
    detail = reverse("interventions:detail", args=[intervention.pk])
    own = reverse("interventions:session_detail", args=[intervention.pk, session.pk])
    withdraw = reverse("interventions:session_withdraw", args=[intervention.pk, session.pk])
    assert_each_hand_made_way_back_stays_home(officer, own, home=detail)
    assert_each_hand_made_way_back_stays_home(officer, withdraw, home=own)


def test_a_correction_sent_with_a_hand_made_way_back_returns_only_to_the_session(officer):
    intervention = due()
    session = record_session(intervention)
    own = reverse("interventions:session_detail", args=[intervention.pk, session.pk])
    for n, way_back in enumerate(HOSTILE):
        session.refresh_from_db()
        fields = _correction(intervention, session, ("did_not_attend", "attended")[n % 2])
        response = officer.post(f"{own}?{urlencode({'way_back': way_back})}", fields)
        assert_returns_home(response, own, way_back)


def test_a_sessions_pages_log_the_same_people_with_or_without_the_way_back(officer, taskforce):
    intervention = due()
    session = record_session(intervention)
    for url_name in ("interventions:session_detail", "interventions:session_withdraw"):
        url = reverse(url_name, args=[intervention.pk, session.pk])
        assert_logs_the_same_people(officer, taskforce, url, QUEUE_WAY_BACK)
