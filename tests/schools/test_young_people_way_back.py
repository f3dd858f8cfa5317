"""From the young-people list to a young person and back: a search or a page of a long
list is not lost by opening one record from it."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AccessLogEntry
from accounts.roles import Role
from tests.factories import EnrolmentFactory, SchoolFactory
from tests.factories.access import school_staff
from tests.way_back_html import back_link, link_to, logged_people, person_link

pytestmark = pytest.mark.django_db
LIST = reverse("young_person_list")


@pytest.fixture
def school():
    school = SchoolFactory()
    pupils = [
        EnrolmentFactory(school=school, person__surname=name).person for name in ("Quill", "Quinn", "Ross")
    ]
    client = Client()
    client.force_login(school_staff(Role.HEAD_TEACHER, school))
    return client, pupils


def test_the_record_leads_back_to_the_search_and_page_it_was_opened_from(school, monkeypatch):
    monkeypatch.setattr("schools.views.young_people.PAGE_SIZE", 1)
    client, _ = school
    listing = client.get(LIST, {"q": "Qu", "page": "2"})
    person = listing.context["page"][0]
    page = client.get(person_link(listing.content.decode(), person))
    href, label = back_link(page.content.decode())
    assert label == "Young people"
    address = urlsplit(href)
    assert (address.scheme, address.netloc, address.path) == ("", "", LIST)
    assert dict(parse_qsl(address.query)) == {"q": "Qu", "page": "2"}
    assert [p.pk for p in client.get(href).context["page"]] == [person.pk]


def test_the_first_page_of_the_whole_list_leads_back_to_the_plain_list(school):
    client, pupils = school
    href, label = back_link(
        client.get(person_link(client.get(LIST).content.decode(), pupils[0])).content.decode()
    )
    assert (href, label) == (LIST, "Young people")


def test_the_whole_list_opens_a_record_without_an_empty_list_state(school):
    client, pupils = school
    link = person_link(client.get(LIST).content.decode(), pupils[0])
    assert dict(parse_qsl(urlsplit(link).query, keep_blank_values=True)) == {"from": "young-people"}
    old = {"from": "young-people", "list": ""}
    page = client.get(reverse("young_person_detail", args=[pupils[0].pk]), old)
    assert back_link(page.content.decode()) == (LIST, "Young people")


HOSTILE = [
    {"from": "young-people", "list": "https://evil.example/?q=x"},
    {"from": "young-people", "list": "//evil.example"},
    {"from": "young-people", "list": "next=https://evil.example&q=%00"},
    {"from": "young-people", "list": "q=" + "x" * 900},
    {"from": "young-people", "list": "&" * 1000},
]


def test_a_hand_made_way_back_leads_only_to_the_list(school):
    client, pupils = school
    detail = reverse("young_person_detail", args=[pupils[0].pk])
    for params in HOSTILE:
        response = client.get(detail, params)
        assert response.status_code == 200, params
        href, _ = back_link(response.content.decode())
        address = urlsplit(href)
        assert (address.scheme, address.netloc, address.path) == ("", "", LIST), params
        assert not any(word in href for word in ("evil", "next", "\x00")), params


def test_the_record_logs_the_same_people_opened_from_a_search(school):
    client, pupils = school
    detail = reverse("young_person_detail", args=[pupils[0].pk])
    client.get(detail)
    plain = AccessLogEntry.objects.order_by("-id").first()
    client.get(person_link(client.get(LIST, {"q": "Quill"}).content.decode(), pupils[0]))
    carried = AccessLogEntry.objects.order_by("-id").first()
    assert carried.kind == AccessLogEntry.Kind.VIEW
    assert logged_people(carried) == logged_people(plain) >= {pupils[0].pk}


def test_a_way_back_too_long_to_carry_onward_is_dropped_not_refused(school):
    """A 100-character search in a script written three bytes a letter fits the young
    person's address, but not once more encoded for the chronology's: it is left out."""
    client, pupils = school
    search = "山" * 100
    page = client.get(
        reverse("young_person_detail", args=[pupils[0].pk]), {"from": "young-people", "list": f"q={search}"}
    )
    assert page.status_code == 200
    href, _ = back_link(page.content.decode())
    assert dict(parse_qsl(urlsplit(href).query)) == {"q": search}
    chronology = link_to(page.content.decode(), reverse("chronology:timeline", args=[pupils[0].pk]))
    assert client.get(chronology).status_code == 200
