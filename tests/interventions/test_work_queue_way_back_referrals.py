"""A referral opened from the work queue lost the way back to it: one awaiting the
referrer's answer led back to the Referrals list, and a triage decision landed on the
referral leading to the Referrals list. Each now leads back to the queue's section,
through the redirect after its form too; its referrer, or the same pages opened without
the way back, lead where they always did."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from interventions.models import ReferralStatus
from tests.factories.interventions import make_referral
from tests.interventions.queue_way_back import (
    AWAITING,
    HOSTILE,
    NEW,
    QUEUE,
    REFERRALS,
    UNALLOCATED,
    assert_returns_home,
    carried,
    decide,
    form_action,
    from_queue,
    leads_back,
    page,
    query_carrying,
)
from tests.way_back_html import assert_stays_home, back_link, person_link

pytestmark = pytest.mark.django_db


def test_the_queues_sections_have_the_ids_the_ways_back_land_on(officer):
    html = page(officer, QUEUE)
    for section, heading in (
        ("new", "New referrals"),
        ("awaiting", "Awaiting information from the referrer"),
        ("unallocated", "Accepted, not yet allocated"),
    ):
        assert f'<h2 class="govuk-heading-m" id="{section}">{heading}</h2>' in html


def test_a_referral_awaiting_an_answer_leads_back_to_its_section_of_the_queue(officer):
    referral = make_referral(status=ReferralStatus.MORE_INFORMATION)
    opened = from_queue(officer, "referrals:detail", referral)
    assert carried(opened) == {"from": "work-queue"}
    assert leads_back(officer, opened) == (AWAITING, "Work queue")


def test_a_referral_opened_otherwise_leads_back_to_the_referrals(officer):
    referral = make_referral(status=ReferralStatus.MORE_INFORMATION)
    assert leads_back(officer, reverse("referrals:detail", args=[referral.pk])) == (REFERRALS, "Referrals")


def test_the_referrer_given_the_queues_link_goes_back_to_the_referrals(officer):
    referral = make_referral(status=ReferralStatus.MORE_INFORMATION)
    referrer = Client()
    referrer.force_login(referral.referred_by)
    assert leads_back(referrer, from_queue(officer, "referrals:detail", referral)) == (
        REFERRALS,
        "Referrals",
    )


def test_triage_from_the_awaiting_referral_keeps_the_way_back_to_the_queue(officer):
    referral = make_referral(status=ReferralStatus.MORE_INFORMATION)
    html = page(officer, from_queue(officer, "referrals:detail", referral))
    triage = form_action(html, reverse("referrals:triage", args=[referral.pk]))

    response = decide(officer, triage, referral, "accept")

    assert response.status_code == 302
    assert leads_back(officer, response.url) == (UNALLOCATED, "Work queue")


def test_a_hand_made_way_back_on_a_referral_leads_only_home(officer):
    referral = make_referral(status=ReferralStatus.MORE_INFORMATION)
    detail = reverse("referrals:detail", args=[referral.pk])
    for way_back in [*HOSTILE, "from=work-queue%23caseloads"]:
        params = {"way_back": way_back, "fragment": "caseloads"}
        response = officer.get(detail, params)
        assert_stays_home(response, params, paths=(REFERRALS, QUEUE), kept=set())
        assert back_link(response.content.decode())[0] in (REFERRALS, AWAITING), way_back


def test_a_triage_decision_from_the_queue_lands_on_the_referral_leading_back_to_the_queue(officer):
    for decision, section in (("accept", UNALLOCATED), ("ask", AWAITING), ("decline", QUEUE)):
        referral = make_referral()
        triage = from_queue(officer, "referrals:triage", referral)
        assert leads_back(officer, triage) == (NEW, "Work queue")
        address = form_action(page(officer, triage), reverse("referrals:triage", args=[referral.pk]))

        response = decide(officer, address, referral, decision)

        assert response.status_code == 302, decision
        assert urlsplit(response.url).path == reverse("referrals:detail", args=[referral.pk])
        assert leads_back(officer, response.url) == (section, "Work queue"), decision


def test_a_triage_decision_made_otherwise_lands_on_the_referral_as_before(officer):
    referral = make_referral()
    triage = reverse("referrals:triage", args=[referral.pk])
    assert leads_back(officer, triage) == (QUEUE, "Work queue")

    response = decide(officer, triage, referral, "accept")

    assert response.url == reverse("referrals:detail", args=[referral.pk])
    assert leads_back(officer, response.url) == (REFERRALS, "Referrals")


def test_a_triage_decision_with_errors_keeps_the_way_back(officer):
    referral = make_referral()
    triage = from_queue(officer, "referrals:triage", referral)

    response = decide(officer, triage, referral, "decline", note="")

    html = response.content.decode()
    assert "Enter why the referral is declined" in html
    assert form_action(html, reverse("referrals:triage", args=[referral.pk])) == triage


def test_a_triage_decision_with_a_hand_made_way_back_lands_only_on_the_referral(officer):
    for way_back in HOSTILE:
        referral = make_referral()
        triage = reverse("referrals:triage", args=[referral.pk]) + "?" + query_carrying(way_back)
        assert_stays_home(officer.get(triage), {"way_back": way_back}, paths=(QUEUE,), kept=set())
        response = decide(officer, triage, referral, "accept")
        assert_returns_home(response, reverse("referrals:detail", args=[referral.pk]), way_back)


def test_the_young_person_leads_back_to_the_referral_which_still_leads_to_the_queue(officer):
    referral = make_referral(status=ReferralStatus.MORE_INFORMATION)
    html = page(officer, from_queue(officer, "referrals:detail", referral))
    back, label = leads_back(officer, person_link(html, referral.young_person))
    assert (urlsplit(back).path, label) == (
        reverse("referrals:detail", args=[referral.pk]),
        "Back to the referral",
    )
    assert leads_back(officer, back) == (AWAITING, "Work queue")


def test_a_hand_made_way_back_inside_the_young_persons_leads_only_to_the_referral(officer):
    referral = make_referral(status=ReferralStatus.MORE_INFORMATION)
    pupil = reverse("young_person_detail", args=[referral.young_person_id])
    detail = reverse("referrals:detail", args=[referral.pk])
    for state in ("way_back=https://evil.example/", "way_back=from%3Dflagged%26list%3Dtier%253Dhigh"):
        params = {"from": "referral", "record": str(referral.pk), "list": state}
        response = officer.get(pupil, params)
        assert_stays_home(response, params, paths=(detail,), kept={"way_back"})
        assert carried(back_link(response.content.decode())[0]) == {}, state
