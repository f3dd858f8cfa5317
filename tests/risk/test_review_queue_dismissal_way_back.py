"""A dismissal opened from page 3 of the review queue returned the officer to its first
page: they lost their place in the morning's work. It returns to the page they left,
by the way back the queue gives its links (checked, so never to another site)."""

import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse

from risk.models import DismissalReason, Flag, Review
from tests.factories import EnrolmentFactory
from tests.factories.risk import FlagFactory
from tests.risk.pages_world import build_world, client_for
from tests.way_back_html import assert_stays_home, back_link, link_to

pytestmark = pytest.mark.django_db
QUEUE = reverse("risk:review_queue")
DISMISS = {"reason": DismissalReason.DATA_WRONG, "note": "Intelligence about another young person."}


@pytest.fixture
def world():
    return build_world()


def _on_page_three(world, monkeypatch):
    monkeypatch.setattr("risk.views.review.PER_PAGE", 1)
    for _ in range(2):
        FlagFactory(person=EnrolmentFactory().person, review=Review.PENDING)
    client = client_for(world.taskforce)
    listing = client.get(QUEUE, {"page": "3"})
    flag = next(iter(listing.context["page"]))
    return client, flag, link_to(listing.content.decode(), reverse("risk:flag_dismiss", args=[flag.pk]))


def _query(href: str) -> dict:
    address = urlsplit(href)
    assert (address.scheme, address.netloc, address.path) == ("", "", QUEUE)
    return dict(parse_qsl(address.query))


def test_a_dismissal_from_page_three_returns_to_page_three(world, monkeypatch):
    client, flag, dismiss = _on_page_three(world, monkeypatch)
    form = client.get(dismiss).content.decode()
    href, label = back_link(form)
    assert label == "Back to the trigger points waiting for review"
    assert _query(href) == {"page": "3"}
    cancel = re.search(r'<a class="govuk-link" href="([^"]*)">Cancel</a>', form).group(1)
    assert _query(unescape(cancel)) == {"page": "3"}

    response = client.post(dismiss, DISMISS)

    assert response.status_code == 302
    assert _query(response.url) == {"page": "3"}
    assert Flag.objects.get(pk=flag.pk).is_dismissed


def test_the_chronology_opened_from_that_dismissal_leads_back_to_the_queue_page(world, monkeypatch):
    client, flag, dismiss = _on_page_three(world, monkeypatch)
    form = client.get(dismiss).content.decode()
    chronology = link_to(form, reverse("chronology:timeline", args=[flag.person_id]))
    pupil = back_link(client.get(chronology).content.decode())[0]
    assert back_link(client.get(pupil).content.decode()) == (
        f"{QUEUE}?page=3",
        "Trigger points waiting for review",
    )


HOSTILE = [
    {"way_back": "from=review-queue&list=https://evil.example/?page=2"},
    {"way_back": "https://evil.example/"},
    {"way_back": "from=flagged&list=tier%3Dhigh"},
    {"way_back": "from=review-queue&list=next%3Dhttps://evil.example%26page%3D%2500"},
    {"way_back": "&" * 999},
    {"way_back": "//evil.example", "list": "page=2"},
]


def test_a_hand_made_way_back_on_a_queue_dismissal_leads_only_to_the_queue(world):
    client = client_for(world.taskforce)
    flag = Flag.objects.get(person=world.waiting)
    dismiss = reverse("risk:flag_dismiss", args=[flag.pk])
    for params in HOSTILE:
        asked = {"from": "review", **params}
        assert_stays_home(client.get(dismiss, asked), asked, paths=(QUEUE,), kept={"page"})
    response = client.post(f"{dismiss}?from=review&way_back=https://evil.example/", DISMISS)
    assert response.url == QUEUE
