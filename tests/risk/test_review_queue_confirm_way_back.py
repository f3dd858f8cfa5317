"""Confirming a trigger point on page 3 of the review queue returned the officer to its
first page, though a dismissal from the same row returns to the page they left. The
confirmation carries the queue's way back in its form, checked again when it arrives,
so it returns to that page and never anywhere a hand-made form names."""

import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse

from risk.models import Review
from tests.factories import EnrolmentFactory
from tests.factories.risk import FlagFactory
from tests.risk.pages_world import build_world, client_for

pytestmark = pytest.mark.django_db
QUEUE = reverse("risk:review_queue")


@pytest.fixture
def world():
    return build_world()


def _confirm_form(html: str, flag) -> dict:
    """The fields the queue's Confirm button sends for `flag`, besides the CSRF token."""
    action = reverse("risk:flag_confirm", args=[flag.pk])
    form = re.search(rf'<form method="post" action="{re.escape(action)}">(.*?)</form>', html, re.S).group(1)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)">', form))
    fields.pop("csrfmiddlewaretoken", None)
    return {name: unescape(value) for name, value in fields.items()}


def _queue_page(href: str) -> dict:
    address = urlsplit(href)
    assert (address.scheme, address.netloc, address.path) == ("", "", QUEUE)
    return dict(parse_qsl(address.query))


def test_a_confirmation_on_page_three_returns_to_page_three(world, monkeypatch):
    monkeypatch.setattr("risk.views.review.PER_PAGE", 1)
    for _ in range(3):
        FlagFactory(person=EnrolmentFactory().person, review=Review.PENDING)
    client = client_for(world.taskforce)
    listing = client.get(QUEUE, {"page": "3"})
    flag = next(iter(listing.context["page"]))

    response = client.post(
        reverse("risk:flag_confirm", args=[flag.pk]), _confirm_form(listing.content.decode(), flag)
    )

    assert response.status_code == 302
    assert _queue_page(response.url) == {"page": "3"}
    flag.refresh_from_db()
    assert flag.review == Review.CONFIRMED


def test_a_confirmation_on_the_first_page_returns_to_the_queue_as_it_was(world):
    client = client_for(world.taskforce)
    flag = world.waiting.flags.get()
    fields = _confirm_form(client.get(QUEUE).content.decode(), flag)
    response = client.post(reverse("risk:flag_confirm", args=[flag.pk]), fields)
    assert response.url == QUEUE


HOSTILE = [
    "from=review-queue&list=https://evil.example/?page=2",
    "https://evil.example/",
    "//evil.example",
    "from=flagged&list=tier%3Dhigh",
    "from=intervention&record=1",
    "from=review-queue&list=next%3Dhttps://evil.example",
    "from=review-queue&list=page%3D" + "9" * 2000,
    "&" * 999,
    "x" * 10_000,
]


def test_a_hand_made_way_back_on_a_confirmation_leads_only_to_the_queue(world):
    client = client_for(world.taskforce)
    for way_back in HOSTILE:
        flag = FlagFactory(person=EnrolmentFactory().person, review=Review.PENDING)
        response = client.post(reverse("risk:flag_confirm", args=[flag.pk]), {"way_back": way_back})
        assert response.status_code == 302, way_back
        assert response.url == QUEUE, way_back
        flag.refresh_from_db()
        assert flag.review == Review.CONFIRMED, way_back


def test_a_nul_in_the_way_back_is_refused_and_confirms_nothing(world):
    client = client_for(world.taskforce)
    flag = world.waiting.flags.get()
    response = client.post(
        reverse("risk:flag_confirm", args=[flag.pk]), {"way_back": "from=review-queue\x00"}
    )
    assert response.status_code == 400
    flag.refresh_from_db()
    assert flag.review == Review.PENDING
