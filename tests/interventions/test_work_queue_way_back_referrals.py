"""A referral opened from the work queue lost the way back to it: one awaiting the
referrer's answer led back to the Referrals list, allocating an accepted one led back to
the referral and then landed on the intervention leading to the Interventions list, and a
triage decision landed on the referral leading to the Referrals list. Each now leads back
to the queue's section, through the redirect after its form too; anyone else, or the
same pages opened without the way back, lead where they always did."""

import datetime
import re
from html import unescape
from urllib.parse import urlencode, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from interventions.models import ReferralStatus
from tests.factories.access import user_with_role
from tests.factories.interventions import make_referral, programme
from tests.interventions.queue_way_back import (
    HOSTILE,
    QUEUE,
    REVIEWS_DUE,
    assert_returns_home,
    carried,
    leads_back,
    page,
)
from tests.way_back_html import assert_stays_home, back_link, link_to, person_link

pytestmark = pytest.mark.django_db
REFERRALS = reverse("referrals:list")
AWAITING = f"{QUEUE}#awaiting"
UNALLOCATED = f"{QUEUE}#unallocated"
NEW = f"{QUEUE}#new"


@pytest.fixture
def officer():
    client = Client()
    client.force_login(user_with_role(Role.TASKFORCE))
    return client


def _from_queue(officer, url_name: str, referral) -> str:
    """The queue's link to `url_name`'s page of `referral`."""
    return link_to(page(officer, QUEUE), reverse(url_name, args=[referral.pk]))


def _form_action(html: str, path: str) -> str:
    """Where the page's form posting to `path` sends it."""
    return unescape(re.search(rf'<form method="post" action="({re.escape(path)}[^"]*)"', html).group(1))


def _allocation() -> dict:
    today = timezone.localdate()
    return {
        "programme": programme().pk,
        "provider": "Northbridge Youth Service",
        "worker": user_with_role(Role.INTERVENTION_WORKER).pk,
        "start_date": today.isoformat(),
        "planned_sessions": 6,
        "review_date": (today + datetime.timedelta(days=42)).isoformat(),
    }


def _query(way_back: str) -> str:
    return urlencode({"way_back": way_back})


def _decide(client, address: str, referral, decision: str, note: str = "Noted."):
    return client.post(address, {"decision": decision, "note": note, "version": referral.version})


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
    opened = _from_queue(officer, "referrals:detail", referral)
    assert carried(opened) == {"from": "work-queue"}
    assert leads_back(officer, opened) == (AWAITING, "Work queue")


def test_a_referral_opened_otherwise_leads_back_to_the_referrals(officer):
    referral = make_referral(status=ReferralStatus.MORE_INFORMATION)
    assert leads_back(officer, reverse("referrals:detail", args=[referral.pk])) == (REFERRALS, "Referrals")


def test_the_referrer_given_the_queues_link_goes_back_to_the_referrals(officer):
    referral = make_referral(status=ReferralStatus.MORE_INFORMATION)
    referrer = Client()
    referrer.force_login(referral.referred_by)
    assert leads_back(referrer, _from_queue(officer, "referrals:detail", referral)) == (
        REFERRALS,
        "Referrals",
    )


def test_triage_from_the_awaiting_referral_keeps_the_way_back_to_the_queue(officer):
    referral = make_referral(status=ReferralStatus.MORE_INFORMATION)
    html = page(officer, _from_queue(officer, "referrals:detail", referral))
    triage = _form_action(html, reverse("referrals:triage", args=[referral.pk]))

    response = _decide(officer, triage, referral, "accept")

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


def test_allocating_from_the_queue_leads_back_to_its_section(officer):
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    assert leads_back(officer, _from_queue(officer, "referrals:allocate", referral)) == (
        UNALLOCATED,
        "Work queue",
    )


def test_allocating_opened_otherwise_leads_back_to_the_referral(officer):
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    allocate = reverse("referrals:allocate", args=[referral.pk])
    detail = reverse("referrals:detail", args=[referral.pk])
    assert leads_back(officer, allocate) == (detail, "Back to the referral")
    response = officer.post(allocate, _allocation())
    assert leads_back(officer, response.url)[1] == "Interventions"


def test_the_intervention_allocated_from_the_queue_leads_back_to_the_queue(officer):
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    html = page(officer, _from_queue(officer, "referrals:allocate", referral))
    address = _form_action(html, reverse("referrals:allocate", args=[referral.pk]))

    response = officer.post(address, _allocation())

    intervention = referral.interventions.get()
    assert response.status_code == 302
    assert urlsplit(response.url).path == reverse("interventions:detail", args=[intervention.pk])
    assert leads_back(officer, response.url) == (REVIEWS_DUE, "Work queue")


def test_an_allocation_shown_again_with_errors_keeps_the_way_back(officer):
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    opened = _from_queue(officer, "referrals:allocate", referral)
    address = _form_action(page(officer, opened), reverse("referrals:allocate", args=[referral.pk]))

    response = officer.post(address, _allocation() | {"provider": ""})

    assert response.status_code == 200
    html = response.content.decode()
    assert back_link(html) == (UNALLOCATED, "Work queue")
    assert _form_action(html, reverse("referrals:allocate", args=[referral.pk])) == opened
    assert not referral.interventions.exists()


def test_a_hand_made_way_back_on_allocating_leads_only_home(officer):
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    allocate = reverse("referrals:allocate", args=[referral.pk])
    detail = reverse("referrals:detail", args=[referral.pk])
    for way_back in HOSTILE:
        params = {"way_back": way_back}
        response = officer.get(allocate, params)
        assert_stays_home(response, params, paths=(detail, QUEUE), kept=set())
        action = _form_action(response.content.decode(), allocate)
        assert carried(action) in ({}, {"from": "work-queue"}), way_back


def test_allocating_with_a_hand_made_way_back_lands_only_on_the_intervention(officer):
    for way_back in HOSTILE:
        referral = make_referral(status=ReferralStatus.ACCEPTED)
        allocate = reverse("referrals:allocate", args=[referral.pk])
        response = officer.post(allocate + "?" + _query(way_back), _allocation())
        home = reverse("interventions:detail", args=[referral.interventions.get().pk])
        assert_returns_home(response, home, way_back)


def test_a_triage_decision_from_the_queue_lands_on_the_referral_leading_back_to_the_queue(officer):
    for decision, section in (("accept", UNALLOCATED), ("ask", AWAITING), ("decline", QUEUE)):
        referral = make_referral()
        triage = _from_queue(officer, "referrals:triage", referral)
        assert leads_back(officer, triage) == (NEW, "Work queue")
        address = _form_action(page(officer, triage), reverse("referrals:triage", args=[referral.pk]))

        response = _decide(officer, address, referral, decision)

        assert response.status_code == 302, decision
        assert urlsplit(response.url).path == reverse("referrals:detail", args=[referral.pk])
        assert leads_back(officer, response.url) == (section, "Work queue"), decision


def test_a_triage_decision_made_otherwise_lands_on_the_referral_as_before(officer):
    referral = make_referral()
    triage = reverse("referrals:triage", args=[referral.pk])
    assert leads_back(officer, triage) == (QUEUE, "Work queue")

    response = _decide(officer, triage, referral, "accept")

    assert response.url == reverse("referrals:detail", args=[referral.pk])
    assert leads_back(officer, response.url) == (REFERRALS, "Referrals")


def test_a_triage_decision_with_errors_keeps_the_way_back(officer):
    referral = make_referral()
    triage = _from_queue(officer, "referrals:triage", referral)

    response = _decide(officer, triage, referral, "decline", note="")

    html = response.content.decode()
    assert "Enter why the referral is declined" in html
    assert _form_action(html, reverse("referrals:triage", args=[referral.pk])) == triage


def test_a_triage_decision_with_a_hand_made_way_back_lands_only_on_the_referral(officer):
    for way_back in HOSTILE:
        referral = make_referral()
        triage = reverse("referrals:triage", args=[referral.pk]) + "?" + _query(way_back)
        assert_stays_home(officer.get(triage), {"way_back": way_back}, paths=(QUEUE,), kept=set())
        response = _decide(officer, triage, referral, "accept")
        assert_returns_home(response, reverse("referrals:detail", args=[referral.pk]), way_back)


def test_the_young_person_leads_back_to_the_referral_which_still_leads_to_the_queue(officer):
    referral = make_referral(status=ReferralStatus.MORE_INFORMATION)
    html = page(officer, _from_queue(officer, "referrals:detail", referral))
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
