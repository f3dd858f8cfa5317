"""A pupil opened from the flagged list, then their chronology, a dismissal or a referral:
coming back to the pupil from any of them keeps the way back to the list as it was left.
The way back is checked again on each page, so a hand-made one leads only to the pupil."""

import re
from html import unescape
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.urls import reverse

from accounts.models import AccessLogEntry
from risk.models import DismissalReason, Flag
from tests.risk.pages_world import build_world, client_for
from tests.way_back_html import back_link, link_to, logged_people, person_link

pytestmark = pytest.mark.django_db
LIST = reverse("trigger_points:flagged")
FILTERS = {"trigger_point": "tp01", "sort": "tier"}
DISMISS = {"reason": DismissalReason.KNOWN_AND_SUPPORTED, "note": "Known to the school and supported."}


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def opened(world):
    """The DSL's client and the absent pupil's page, opened from the filtered list."""
    client = client_for(world.dsl)
    link = person_link(client.get(LIST, FILTERS).content.decode(), world.absent)
    return client, client.get(link).content.decode()


def leads_to_the_list(client, href: str, pupil) -> None:
    """`href` is the pupil's page, whose back link returns to the filtered list."""
    assert urlsplit(href).path == reverse("young_person_detail", args=[pupil.pk])
    list_href, label = back_link(client.get(href).content.decode())
    assert label == "Flagged pupils"
    assert urlsplit(list_href).path == LIST
    assert dict(parse_qsl(urlsplit(list_href).query)) == FILTERS


def test_back_from_the_chronology_keeps_the_way_back(world, opened):
    client, page = opened
    chronology = client.get(link_to(page, reverse("chronology:timeline", args=[world.absent.pk])))
    assert chronology.status_code == 200
    html = chronology.content.decode()
    href, label = back_link(html)
    assert label == world.absent.full_name
    leads_to_the_list(client, href, world.absent)
    field = re.search(r'<input type="hidden" name="way_back" value="([^"]*)">', html)
    filtered = client.get(chronology.request["PATH_INFO"], {"way_back": unescape(field.group(1)), "q": "x"})
    assert filtered.status_code == 200
    leads_to_the_list(client, back_link(filtered.content.decode())[0], world.absent)


def test_back_from_a_dismissal_and_after_it_keeps_the_way_back(world, opened):
    client, page = opened
    flag = Flag.objects.get(person=world.absent)
    dismiss = link_to(page, reverse("risk:flag_dismiss", args=[flag.pk]))
    html = client.get(dismiss).content.decode()
    href, label = back_link(html)
    assert label == f"Back to {world.absent.full_name}"
    leads_to_the_list(client, href, world.absent)
    done = client.post(dismiss, DISMISS)
    assert done.status_code == 302
    assert urlsplit(done.url).fragment == "trigger-points"
    leads_to_the_list(client, done.url, world.absent)


def test_back_from_a_referral_form_keeps_the_way_back(world, opened):
    client, page = opened
    form = client.get(link_to(page, reverse("referrals:new", args=[world.absent.pk])))
    assert form.status_code == 200
    href, _ = back_link(form.content.decode())
    leads_to_the_list(client, href, world.absent)


HOSTILE = [
    {"way_back": "from=flagged&list=https://evil.example/?tier=high"},
    {"way_back": "https://evil.example/"},
    {"way_back": urlencode({"from": "https://evil.example/", "list": "tier=high"})},
    {"way_back": "from=flagged&list=next%3Dhttps://evil.example%26tier%3D%2500"},
    {"way_back": "&" * 999},
    {"list": "tier=high", "way_back": "//evil.example"},
]


def test_a_hand_made_way_back_on_the_onward_pages_leads_only_to_the_pupil(world):
    client = client_for(world.dsl)
    detail = reverse("young_person_detail", args=[world.absent.pk])
    flag = Flag.objects.get(person=world.absent)
    pages = [
        reverse("chronology:timeline", args=[world.absent.pk]),
        reverse("risk:flag_dismiss", args=[flag.pk]),
        reverse("referrals:new", args=[world.absent.pk]),
    ]
    for path in pages:
        for params in HOSTILE:
            response = client.get(path, params)
            assert response.status_code == 200, (path, params)
            href, _ = back_link(response.content.decode())
            address = urlsplit(href)
            assert (address.scheme, address.netloc, address.path) == ("", "", detail), (path, params)
            assert not any(word in href for word in ("evil", "next", "%00", "%2500")), (path, params)
            assert set(dict(parse_qsl(address.query))) <= {"from", "list"}, (path, params)


def test_the_onward_pages_log_the_same_people_with_or_without_the_way_back(world):
    client = client_for(world.dsl)
    flag = Flag.objects.get(person=world.absent)
    carried = {"way_back": urlencode({"from": "flagged", "list": "trigger_point=tp01"})}
    for path in (
        reverse("chronology:timeline", args=[world.absent.pk]),
        reverse("risk:flag_dismiss", args=[flag.pk]),
        reverse("referrals:new", args=[world.absent.pk]),
    ):
        client.get(path)
        plain = AccessLogEntry.objects.order_by("-id").first()
        client.get(path, carried)
        with_way_back = AccessLogEntry.objects.order_by("-id").first()
        assert with_way_back.pk != plain.pk, path
        assert logged_people(with_way_back) == logged_people(plain) >= {world.absent.pk}, path
