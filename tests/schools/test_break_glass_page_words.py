"""The break-glass page as the officer reads it: a way back to the search they came
from and a Cancel beside the button, the reason's minimum length said before it is
refused, and the reason quoted on the opened record without a second full stop."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from tests.factories import EnrolmentFactory
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db

REASON = "Sibling flagged for domestic abuse; checking if the baby is known to children's social care."


@pytest.fixture
def officer(password):
    client = Client()
    client.login(email=user_with_role(Role.TASKFORCE).email, password=password)
    return client


@pytest.fixture
def pupil():
    return EnrolmentFactory(person__surname="Marlowe").person


def _links(html: str) -> dict[str, str]:
    """Each link's words (tags and spacing removed) to its address."""
    found = re.findall(r'<a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', html, re.S)
    return {
        " ".join(re.sub(r"<[^>]+>", "", words).split()): href.replace("&amp;", "&") for href, words in found
    }


def test_the_page_leads_back_to_the_search_it_came_from_and_offers_cancel(officer, pupil):
    search = officer.get(reverse("young_person_list"), {"q": "Marlowe"}).content.decode()
    link = next(h for w, h in _links(search).items() if w.startswith("Give a reason to open"))
    assert "list=q%3DMarlowe" in link
    page = officer.get(link).content.decode()
    back = re.search(r'<a href="([^"]*)" class="govuk-back-link">', page)
    assert back
    assert back[1].replace("&amp;", "&") == reverse("young_person_list") + "?q=Marlowe"
    assert _links(page)["Cancel"] == reverse("young_person_list") + "?q=Marlowe"


def test_the_hint_says_the_reasons_minimum_length(officer, pupil, settings):
    settings.BREAK_GLASS_REASON_MIN_LENGTH = 20
    page = officer.get(reverse("young_person_break_glass", args=[pupil.pk])).content.decode()
    hint = re.search(r'<div class="govuk-hint" id="reason-hint">(.*?)</div>', page, re.S)
    assert hint
    assert "at least 20 characters" in hint[1]


def test_the_opened_record_quotes_the_reason_without_a_second_full_stop(officer, pupil):
    opened = officer.post(
        reverse("young_person_break_glass", args=[pupil.pk]), {"reason": REASON}, follow=True
    )
    html = opened.content.decode().replace("&#x27;", "'")
    assert REASON in html
    assert "care.”." not in html


def test_the_opened_record_keeps_the_way_back_to_the_search(officer, pupil):
    url = reverse("young_person_break_glass", args=[pupil.pk]) + "?from=young-people&list=q%3DMarlowe"
    response = officer.post(url, {"reason": REASON})
    detail = reverse("young_person_detail", args=[pupil.pk])
    assert response["Location"] == f"{detail}?from=young-people&list=q%3DMarlowe"
