"""The access-log search's From and To, a GET filter's dates: GOV.UK's three boxes, which
a link's ISO dates (`?date_from=2026-03-01`) still fill, and their errors beside the
fields and in the summary."""

import re

import pytest
from django.urls import reverse

from tests.portal.page_structure import page_structure

pytestmark = pytest.mark.django_db


def _box(html: str, name: str) -> str:
    [box] = re.findall(rf'<input[^>]*name="{name}"[^>]*>', html)
    return box


def test_from_and_to_are_three_numeric_boxes_each(ig_client):
    html = ig_client.get(reverse("access_log:entries")).content.decode()
    assert 'type="date"' not in html
    for field in ("date_from", "date_to"):
        for part in ("day", "month", "year"):
            box = _box(html, f"{field}_{part}")
            assert 'type="text"' in box
            assert 'inputmode="numeric"' in box
    assert re.search(r"<legend[^>]*>From</legend>", html)
    assert "For example, 27 3 2026" in html


def test_a_links_iso_dates_search_and_fill_the_boxes(ig_client):
    response = ig_client.get(
        reverse("access_log:entries"), {"date_from": "2026-03-01", "date_to": "2026-03-31"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" not in html
    assert 'value="31"' in _box(html, "date_to_day")
    assert 'value="3"' in _box(html, "date_to_month")
    assert 'value="2026"' in _box(html, "date_from_year")


def test_dates_typed_in_the_boxes_search(ig_client):
    search = {"date_from_day": "1", "date_from_month": "3", "date_from_year": "2026"}
    response = ig_client.get(reverse("access_log:entries"), search)
    assert response.status_code == 200
    assert "govuk-error-summary" not in response.content.decode()


@pytest.mark.parametrize(
    ("search", "message", "link"),
    [
        (
            {"date_from_day": "1", "date_from_year": "2026"},
            "The start date must include a month",
            "id_date_from_1",
        ),
        (
            {"date_from_day": "30", "date_from_month": "2", "date_from_year": "2026"},
            "The start date must be a real date",
            "id_date_from_0",
        ),
        (
            {"date_to_day": "1", "date_to_month": "3", "date_to_year": "226"},
            "The end date must include a year with 4 numbers",
            "id_date_to_2",
        ),
        (
            {"date_from": "1999-12-31"},
            "Enter a date between 1 January 2000 and 31 December 2999.",
            "id_date_from_0",
        ),
        (
            {"date_from_day": "-1", "date_from_month": "x" * 900, "date_from_year": "9" * 900},
            "The start date must be a real date",
            "id_date_from_0",
        ),
    ],
)
def test_each_date_error_is_beside_the_field_and_in_the_summary(ig_client, search, message, link):
    response = ig_client.get(reverse("access_log:entries"), search)
    assert response.status_code in (200, 400)
    html = response.content.decode()
    page = page_structure(html)
    assert not page.error_problems()
    assert page.summary_links == [link]
    assert [" ".join(m["words"].split()) for m in page.error_messages] == [f"Error: {message}"]
    assert "govuk-input--error" in _box(
        html, link.replace("id_", "").rsplit("_", 1)[0] + "_" + ("day", "month", "year")[int(link[-1])]
    )


def test_a_nul_byte_in_a_box_is_refused_not_a_server_error(ig_client):
    response = ig_client.get(reverse("access_log:entries"), {"date_from_day": "1\x00"})
    assert response.status_code == 400
