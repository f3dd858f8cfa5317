"""Allocating on an accepted referral opened from the work queue led back to the
referral, and the intervention it landed on led back to the Interventions list. It leads
back to the queue's "Accepted, not yet allocated", and so does the intervention it lands
on, where the officer goes on allocating (an intervention opened from "Reviews due" leads
back there); opened from a referral that leads to the queue, back to that referral as it
was opened. Opened without the way back it leads where it always did."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from interventions.models import ReferralStatus
from tests.factories.interventions import make_referral
from tests.interventions.queue_way_back import (
    HOSTILE,
    QUEUE,
    UNALLOCATED,
    allocation,
    assert_returns_home,
    carried,
    decide,
    form_action,
    from_queue,
    leads_back,
    page,
    query_carrying,
)
from tests.way_back_html import assert_stays_home, back_link, link_to, person_link

pytestmark = pytest.mark.django_db


def test_allocating_from_the_queue_leads_back_to_its_section(officer):
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    assert leads_back(officer, from_queue(officer, "referrals:allocate", referral)) == (
        UNALLOCATED,
        "Work queue",
    )


def test_allocating_opened_otherwise_leads_back_to_the_referral(officer):
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    allocate = reverse("referrals:allocate", args=[referral.pk])
    detail = reverse("referrals:detail", args=[referral.pk])
    assert leads_back(officer, allocate) == (detail, "Back to the referral")
    response = officer.post(allocate, allocation())
    assert leads_back(officer, response.url)[1] == "Interventions"


def test_the_intervention_allocated_from_the_queue_leads_back_to_the_queue(officer):
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    html = page(officer, from_queue(officer, "referrals:allocate", referral))
    address = form_action(html, reverse("referrals:allocate", args=[referral.pk]))

    response = officer.post(address, allocation())

    intervention = referral.interventions.get()
    assert response.status_code == 302
    assert urlsplit(response.url).path == reverse("interventions:detail", args=[intervention.pk])
    assert leads_back(officer, response.url) == (UNALLOCATED, "Work queue")
    pupil = page(officer, person_link(page(officer, response.url), intervention.young_person))
    back, _ = back_link(pupil)
    assert urlsplit(back).path == urlsplit(response.url).path
    assert leads_back(officer, back) == (UNALLOCATED, "Work queue")


def test_an_allocation_shown_again_with_errors_keeps_the_way_back(officer):
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    opened = from_queue(officer, "referrals:allocate", referral)
    address = form_action(page(officer, opened), reverse("referrals:allocate", args=[referral.pk]))

    response = officer.post(address, allocation() | {"provider": ""})

    assert response.status_code == 200
    html = response.content.decode()
    assert back_link(html) == (UNALLOCATED, "Work queue")
    assert form_action(html, reverse("referrals:allocate", args=[referral.pk])) == opened
    assert not referral.interventions.exists()


def test_a_hand_made_way_back_on_allocating_leads_only_home(officer):
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    allocate = reverse("referrals:allocate", args=[referral.pk])
    detail = reverse("referrals:detail", args=[referral.pk])
    for way_back in HOSTILE:
        params = {"way_back": way_back}
        response = officer.get(allocate, params)
        assert_stays_home(response, params, paths=(detail, QUEUE), kept=set())
        action = form_action(response.content.decode(), allocate)
        assert carried(action) in ({}, {"from": "work-queue"}), way_back


def test_allocating_with_a_hand_made_way_back_lands_only_on_the_intervention(officer):
    for way_back in HOSTILE:
        referral = make_referral(status=ReferralStatus.ACCEPTED)
        allocate = reverse("referrals:allocate", args=[referral.pk])
        response = officer.post(allocate + "?" + query_carrying(way_back), allocation())
        home = reverse("interventions:detail", args=[referral.interventions.get().pk])
        assert_returns_home(response, home, way_back, section="unallocated")


def test_allocating_from_the_referral_a_decision_landed_on_keeps_the_way_back(officer):
    referral = make_referral()
    triage = from_queue(officer, "referrals:triage", referral)
    address = form_action(page(officer, triage), reverse("referrals:triage", args=[referral.pk]))
    detail = decide(officer, address, referral, "accept").url
    allocate = link_to(page(officer, detail), reverse("referrals:allocate", args=[referral.pk]))
    assert leads_back(officer, allocate) == (detail, "Back to the referral")
    action = form_action(page(officer, allocate), reverse("referrals:allocate", args=[referral.pk]))

    response = officer.post(action, allocation())

    assert leads_back(officer, response.url) == (UNALLOCATED, "Work queue")


def test_allocating_with_a_hand_made_way_back_to_a_referral_leads_only_to_this_one(officer):
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    other = make_referral(status=ReferralStatus.ACCEPTED)
    allocate = reverse("referrals:allocate", args=[referral.pk])
    detail = reverse("referrals:detail", args=[referral.pk])
    for way_back in (
        f"from=referral&record={other.pk}&list=way_back%3Dfrom%253Dwork-queue",
        f"from=referral&record={referral.pk}&list=way_back%3Dhttps://evil.example/",
        f"from=referral&record={referral.pk}&list=way_back%3Dfrom%253Dflagged",
        f"from=referral-triage&record={referral.pk}",
    ):
        params = {"way_back": way_back}
        response = officer.get(allocate, params)
        assert_stays_home(response, params, paths=(detail,), kept={"way_back"})
        assert carried(back_link(response.content.decode())[0]) in ({}, {"from": "work-queue"}), way_back
