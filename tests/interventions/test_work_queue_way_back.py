"""An intervention opened from the work queue's "Reviews due" led back to the
Interventions list, not to the queue the officer was working through. It returns to the
queue's "Reviews due" section, and so does it after a visit to the young person's page
(whose back link returns to the intervention, still with its way back to the queue);
never anywhere a hand-made link names."""

import datetime
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories.interventions import allocate
from tests.way_back_html import assert_stays_home, back_link, link_to, person_link

pytestmark = pytest.mark.django_db
QUEUE = reverse("referrals:queue")
REVIEWS_DUE = f"{QUEUE}#reviews"
INTERVENTIONS = reverse("interventions:list")


def _due():
    return allocate(start=timezone.localdate() - datetime.timedelta(days=40))


def _opened_from_queue(officer, intervention) -> str:
    html = officer.get(QUEUE).content.decode()
    return link_to(html, reverse("interventions:detail", args=[intervention.pk]))


def test_an_intervention_opened_from_reviews_due_leads_back_to_the_work_queue(officer):
    intervention = _due()
    page = officer.get(_opened_from_queue(officer, intervention))
    assert page.status_code == 200
    assert back_link(page.content.decode()) == (REVIEWS_DUE, "Work queue")


def test_an_intervention_opened_otherwise_leads_back_to_the_interventions(officer):
    intervention = _due()
    html = officer.get(reverse("interventions:detail", args=[intervention.pk])).content.decode()
    assert back_link(html) == (INTERVENTIONS, "Interventions")


def test_the_young_person_leads_back_to_the_intervention_which_still_leads_to_the_queue(officer):
    intervention = _due()
    html = officer.get(_opened_from_queue(officer, intervention)).content.decode()
    pupil = officer.get(person_link(html, intervention.young_person)).content.decode()
    chronology = link_to(pupil, reverse("chronology:timeline", args=[intervention.young_person_id]))
    pupil_again = back_link(officer.get(chronology).content.decode())[0]
    back, label = back_link(officer.get(pupil_again).content.decode())
    address = urlsplit(back)
    assert (address.path, label) == (
        reverse("interventions:detail", args=[intervention.pk]),
        "Back to the intervention",
    )
    assert back_link(officer.get(back).content.decode()) == (REVIEWS_DUE, "Work queue")


HOSTILE = [
    "https://evil.example/",
    "//evil.example",
    "from=work-queue&list=next%3Dhttps://evil.example",
    "from=flagged&list=tier%3Dhigh",
    "from=intervention&record=1",
    "from=https://evil.example/",
    "&" * 999,
]


def test_a_hand_made_way_back_on_an_intervention_leads_only_home(officer):
    intervention = _due()
    detail = reverse("interventions:detail", args=[intervention.pk])
    for way_back in HOSTILE:
        params = {"way_back": way_back}
        response = officer.get(detail, params)
        assert_stays_home(response, params, paths=(INTERVENTIONS, QUEUE), kept=set())
        onward = person_link(response.content.decode(), intervention.young_person)
        assert not any(word in onward for word in ("evil", "next", "flagged")), way_back


NESTED = [
    "way_back=https://evil.example/",
    "way_back=from%3Dflagged%26list%3Dtier%253Dhigh",
    "next=//evil.example",
]


def test_a_hand_made_way_back_inside_the_young_persons_leads_only_to_the_intervention(officer):
    intervention = _due()
    pupil = reverse("young_person_detail", args=[intervention.young_person_id])
    detail = reverse("interventions:detail", args=[intervention.pk])
    for state in NESTED:
        params = {"from": "intervention", "record": str(intervention.pk), "list": state}
        response = officer.get(pupil, params)
        assert_stays_home(response, params, paths=(detail,), kept={"way_back"})
        assert "flagged" not in back_link(response.content.decode())[0], state


def test_a_lead_worker_is_not_sent_to_the_taskforces_queue(officer):
    intervention = _due()
    worker = Client()
    worker.force_login(intervention.worker)
    html = worker.get(_opened_from_queue(officer, intervention)).content.decode()
    assert back_link(html) == (INTERVENTIONS, "Interventions")
    assert (
        dict(parse_qsl(urlsplit(person_link(html, intervention.young_person)).query))["from"]
        == "intervention"
    )


def test_recording_the_review_keeps_the_way_back_to_the_queue(officer):
    intervention = _due()
    html = officer.get(_opened_from_queue(officer, intervention)).content.decode()
    review = link_to(html, reverse("interventions:review", args=[intervention.pk]))
    form = officer.get(review).content.decode()
    assert back_link(officer.get(back_link(form)[0]).content.decode()) == (REVIEWS_DUE, "Work queue")
    next_date = timezone.localdate() + datetime.timedelta(days=42)
    fields = {
        "note": "Engaging well",
        "next_review_date": next_date.isoformat(),
        "version": intervention.version,
    }

    response = officer.post(review, fields)

    assert response.status_code == 302
    assert back_link(officer.get(response.url).content.decode()) == (REVIEWS_DUE, "Work queue")
    intervention.refresh_from_db()
    assert intervention.review_date == next_date


def test_a_hand_made_way_back_on_the_review_leads_only_to_the_intervention(officer):
    intervention = _due()
    review = reverse("interventions:review", args=[intervention.pk])
    detail = reverse("interventions:detail", args=[intervention.pk])
    for way_back in HOSTILE:
        params = {"way_back": way_back}
        response = officer.get(review, params)
        assert_stays_home(response, params, paths=(detail,), kept={"way_back"})
        carried = dict(parse_qsl(urlsplit(back_link(response.content.decode())[0]).query))
        assert dict(parse_qsl(carried.get("way_back", "from=work-queue"))) == {"from": "work-queue"}, way_back


def test_the_way_back_lands_on_the_reviews_due_section(officer):
    intervention = _due()
    queue = officer.get(QUEUE).content.decode()
    assert '<h2 class="govuk-heading-m" id="reviews">Reviews due</h2>' in queue
    href, _ = back_link(officer.get(_opened_from_queue(officer, intervention)).content.decode())
    assert urlsplit(href).fragment == "reviews"


def test_the_section_the_way_back_lands_on_is_only_ever_one_of_the_queues(officer):
    intervention = _due()
    detail = reverse("interventions:detail", args=[intervention.pk])
    for way_back in (
        "from=work-queue%23caseloads",
        "from=work-queue&list=%23caseloads",
        "from=work-queue#x",
        "from=work-queue&list=section%3Dcaseloads",
        "from=work-queue&list=section%3Dunallocated%2523caseloads",
        "from=work-queue&list=section%3Dhttps://evil.example/",
    ):
        href, _ = back_link(
            officer.get(detail, {"way_back": way_back, "fragment": "caseloads"}).content.decode()
        )
        assert "caseloads" not in href, way_back
        assert href in (REVIEWS_DUE, INTERVENTIONS), way_back
    named = officer.get(detail, {"way_back": "from=work-queue&list=section%3Dunallocated"})
    assert back_link(named.content.decode()) == (f"{QUEUE}#unallocated", "Work queue")


def test_ways_back_carry_no_empty_list(officer):
    intervention = _due()
    opened = _opened_from_queue(officer, intervention)
    assert dict(parse_qsl(urlsplit(opened).query, keep_blank_values=True)) == {"way_back": "from=work-queue"}
    plain = officer.get(reverse("interventions:detail", args=[intervention.pk])).content.decode()
    person = person_link(plain, intervention.young_person)
    assert dict(parse_qsl(urlsplit(person).query, keep_blank_values=True)) == {
        "from": "intervention",
        "record": str(intervention.pk),
    }


def test_old_links_with_an_empty_list_still_lead_back(officer):
    intervention = _due()
    detail = reverse("interventions:detail", args=[intervention.pk])
    html = officer.get(detail, {"way_back": "from=work-queue&list="}).content.decode()
    assert back_link(html) == (REVIEWS_DUE, "Work queue")
    pupil = reverse("young_person_detail", args=[intervention.young_person_id])
    params = {"from": "intervention", "record": str(intervention.pk), "list": ""}
    assert back_link(officer.get(pupil, params).content.decode()) == (detail, "Back to the intervention")
