"""From the flagged-pupils list to a pupil and back: the pupil's back link returns to the
list as it was left (filters, sort, search, page), rebuilt from the list's own address
and parameters, so a hand-made link can never send anyone elsewhere."""

import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse

from accounts.models import AccessLogEntry
from tests.risk.pages_world import build_world, client_for
from tests.way_back_html import assert_stays_home

pytestmark = pytest.mark.django_db
LIST = reverse("trigger_points:flagged")


@pytest.fixture
def world():
    return build_world()


def pupil_link(html: str, pupil) -> str:
    detail = reverse("young_person_detail", args=[pupil.pk])
    return unescape(re.search(rf'href="({re.escape(detail)}[^"]*)"', html).group(1))


def back_link(html: str) -> tuple[str, str]:
    href, label = re.search(r'<a href="([^"]*)" class="govuk-back-link">([^<]*)</a>', html).groups()
    return unescape(href), label


def test_the_pupil_page_leads_back_to_the_list_as_it_was_left(world, monkeypatch):
    monkeypatch.setattr("risk.views.flagged_list.PAGE_SIZE", 1)
    client = client_for(world.head)
    params = {"trigger_point": "tp01", "year_group": "9", "sort": "tier", "q": "absent", "page": "1"}
    listing = client.get(LIST, params).content.decode()
    page = client.get(pupil_link(listing, world.absent))
    assert page.status_code == 200
    href, label = back_link(page.content.decode())
    assert label == "Flagged pupils"
    address = urlsplit(href)
    assert (address.scheme, address.netloc, address.path) == ("", "", LIST)
    assert dict(parse_qsl(address.query)) == {
        "trigger_point": "tp01",
        "year_group": "9",
        "sort": "tier",
        "q": "absent",
    }
    back = client.get(href)
    assert [row.person.pk for row in back.context["rows"]] == [world.absent.pk]


def test_the_way_back_keeps_the_page_number(world, monkeypatch):
    monkeypatch.setattr("risk.views.flagged_list.PAGE_SIZE", 2)
    client = client_for(world.head)
    listing = client.get(LIST, {"page": "2"}).content.decode()
    href, _ = back_link(client.get(pupil_link(listing, world.suspended)).content.decode())
    assert dict(parse_qsl(urlsplit(href).query)) == {"page": "2"}


def test_the_taskforce_goes_back_to_flagged_young_people(world):
    client = client_for(world.taskforce)
    listing = client.get(LIST, {"school": world.school.pk}).content.decode()
    href, label = back_link(client.get(pupil_link(listing, world.absent)).content.decode())
    assert label == "Flagged young people"
    assert dict(parse_qsl(urlsplit(href).query)) == {"school": str(world.school.pk)}


HOSTILE = [
    {"from": "flagged", "list": "https://evil.example/?tier=high"},
    {"from": "flagged", "list": "//evil.example"},
    {"from": "https://evil.example/", "list": "tier=high"},
    {"from": "flagged", "list": "next=https://evil.example&tier=high&tier=%00"},
    {"from": "flagged", "list": "tier=" + "x" * 900},
    {"from": "flagged", "list": "&&&=&=="},
    {"from": "flagged", "list": "&" * 1000},
    {"from": "nowhere"},
]


def test_a_hand_made_way_back_leads_only_to_the_list_or_the_young_people(world):
    client = client_for(world.head)
    detail = reverse("young_person_detail", args=[world.absent.pk])
    for params in HOSTILE:
        home = (LIST, reverse("young_person_list"))
        assert_stays_home(client.get(detail, params), params, paths=home, kept={"tier"})


def test_without_a_way_back_the_page_leads_to_the_young_people(world):
    html = client_for(world.head).get(reverse("young_person_detail", args=[world.absent.pk])).content.decode()
    assert back_link(html) == (reverse("young_person_list"), "Young people")


def test_the_pupil_page_opened_from_the_list_is_logged_naming_the_pupil(world):
    client = client_for(world.head)
    listing = client.get(LIST, {"trigger_point": "tp01"}).content.decode()
    client.get(pupil_link(listing, world.absent))
    entry = AccessLogEntry.objects.order_by("-id").first()
    assert entry.kind == AccessLogEntry.Kind.VIEW
    assert world.absent.pk in set(entry.subjects.values_list("person_id", flat=True))
