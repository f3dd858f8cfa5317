"""Every import can be reached: "Recent imports" showed the latest 20 of 38 runs, and
`?page=2` showed the same 20, with no way to the older ones."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from chronology.models import Feed
from tests.factories import FeedRunFactory
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db


def _runs(code: str, count: int, prefix: str) -> None:
    feed = Feed.objects.get(code=code)
    for n in range(count):
        FeedRunFactory(feed=feed, original_filename=f"{prefix}-{n:02d}.csv")


@pytest.fixture
def officer() -> Client:
    client = Client()
    client.force_login(user_with_role(Role.DATA_OFFICER))
    return client


def test_recent_imports_link_to_all_of_them(register, officer):
    _runs("attendance", 38, "att")

    html = officer.get(reverse("chronology:index")).content.decode()

    assert f'<a class="govuk-link" href="{reverse("chronology:runs")}">See all 38 imports</a>' in html


def test_the_list_of_imports_pages_through_every_one(register, officer):
    _runs("attendance", 55, "att")
    url = reverse("chronology:runs")

    first = officer.get(url).content.decode()
    second = officer.get(url, {"page": 2}).content.decode()

    assert "55 imports" in first
    assert "att-54.csv" in first
    assert "att-05.csv" in first
    assert "att-04.csv" not in first
    assert all(f"att-0{n}.csv" in second for n in range(5))
    assert "att-05.csv" not in second
    assert 'class="govuk-pagination"' in first


def test_the_list_of_imports_is_filtered_by_feed(register, officer):
    _runs("attendance", 2, "att")
    _runs("police_incidents", 3, "police")

    html = officer.get(reverse("chronology:runs"), {"feed": "police_incidents"}).content.decode()

    assert "3 imports (Police incidents)" in html
    assert "police-02.csv" in html
    assert "att-01.csv" not in html
    assert "Clear filter" in html


def test_an_unknown_feed_filter_lists_every_import(register, officer):
    _runs("attendance", 2, "att")

    response = officer.get(reverse("chronology:runs"), {"feed": "nonsense"})

    assert response.status_code == 200
    assert "2 imports" in response.content.decode()


def test_the_list_of_imports_does_not_grow_queries_with_rows(register, officer):
    _runs("attendance", 2, "att")
    with CaptureQueriesContext(connection) as few:
        officer.get(reverse("chronology:runs"))
    _runs("police_incidents", 40, "police")
    with CaptureQueriesContext(connection) as many:
        officer.get(reverse("chronology:runs"))

    assert len(many) == len(few)
