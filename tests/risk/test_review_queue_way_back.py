"""From the taskforce's review queue to a young person and back: the back link returns
to the queue's page the officer left, never anywhere a hand-made link names."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse

from accounts.models import AccessLogEntry
from risk.models import Review
from tests.factories import EnrolmentFactory
from tests.factories.risk import FlagFactory
from tests.risk.pages_world import build_world, client_for
from tests.way_back_html import assert_stays_home, back_link, logged_people, person_link

pytestmark = pytest.mark.django_db
QUEUE = reverse("risk:review_queue")


@pytest.fixture
def world():
    return build_world()


def test_a_young_person_opened_from_the_queue_leads_back_to_it(world):
    client = client_for(world.taskforce)
    link = person_link(client.get(QUEUE).content.decode(), world.waiting)
    assert link.endswith("#trigger-points")
    page = client.get(link)
    assert page.status_code == 200
    href, label = back_link(page.content.decode())
    assert (href, label) == (QUEUE, "Trigger points waiting for review")


def test_the_way_back_keeps_the_queue_page(world, monkeypatch):
    monkeypatch.setattr("risk.views.review.PER_PAGE", 1)
    for _ in range(2):
        FlagFactory(person=EnrolmentFactory().person, review=Review.PENDING)
    client = client_for(world.taskforce)
    listing = client.get(QUEUE, {"page": "3"})
    person = next(iter(listing.context["page"])).person
    href, _ = back_link(client.get(person_link(listing.content.decode(), person)).content.decode())
    address = urlsplit(href)
    assert (address.scheme, address.netloc, address.path) == ("", "", QUEUE)
    assert dict(parse_qsl(address.query)) == {"page": "3"}


HOSTILE = [
    {"from": "review-queue", "list": "https://evil.example/?page=2"},
    {"from": "review-queue", "list": "//evil.example"},
    {"from": "review-queue", "list": "next=https://evil.example&page=%00"},
    {"from": "review-queue", "list": "page=" + "9" * 900},
    {"from": "review-queue", "list": "&" * 1000},
]


def test_a_hand_made_way_back_leads_only_to_the_queue_or_the_young_people(world):
    client = client_for(world.taskforce)
    detail = reverse("young_person_detail", args=[world.waiting.pk])
    for params in HOSTILE:
        home = (QUEUE, reverse("young_person_list"))
        assert_stays_home(client.get(detail, params), params, paths=home, kept={"page"})


def test_the_queue_and_the_young_person_log_the_same_people_with_or_without_the_way_back(world):
    client = client_for(world.taskforce)
    detail = reverse("young_person_detail", args=[world.waiting.pk])
    client.get(detail)
    plain = AccessLogEntry.objects.order_by("-id").first()
    client.get(person_link(client.get(QUEUE).content.decode(), world.waiting))
    carried = AccessLogEntry.objects.order_by("-id").first()
    assert carried.kind == plain.kind == AccessLogEntry.Kind.VIEW
    assert world.waiting.pk in logged_people(carried)
    assert logged_people(carried) == logged_people(plain)
