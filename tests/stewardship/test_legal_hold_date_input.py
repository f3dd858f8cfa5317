"""The legal hold's end date, a POST form's date: GOV.UK's three boxes, its errors beside
the field and in the summary, linking to the first box in error."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from stewardship.models import LegalHold
from tests.factories import FeedFactory
from tests.portal.page_structure import page_structure

pytestmark = pytest.mark.django_db


def _hold(feed, **ends_on) -> dict:
    return {"covers": "feed", "feed": feed.pk, "reason": "A claim", **ends_on}


def _errors(html: str) -> tuple[list[str], list[str]]:
    """What the error summary links to, and the messages beside fields."""
    page = page_structure(html)
    assert not page.error_problems()
    return page.summary_links, [" ".join(m["words"].split()) for m in page.error_messages]


def test_the_end_date_is_three_numeric_boxes_in_a_fieldset_with_an_example(ig_client):
    html = ig_client.get(reverse("stewardship:hold_new")).content.decode()
    assert 'type="date"' not in html
    fieldset = re.search(r'<fieldset class="govuk-fieldset" role="group".*?</fieldset>', html, re.S).group(0)
    assert re.search(r"<legend[^>]*>\s*End date\s*</legend>", fieldset)
    assert "The last day the hold applies. For example, 31 12 2027" in fieldset
    for part, width in (("day", 2), ("month", 2), ("year", 4)):
        [box] = re.findall(rf'<input[^>]*name="ends_on_{part}"[^>]*>', fieldset)
        assert 'type="text"' in box
        assert 'inputmode="numeric"' in box
        assert f"govuk-input--width-{width}" in box


def test_the_end_date_typed_in_its_boxes_sets_the_hold(ig_client):
    feed = FeedFactory()
    end = timezone.localdate() + timedelta(days=30)
    data = _hold(feed, ends_on_day=str(end.day), ends_on_month=str(end.month), ends_on_year=str(end.year))
    ig_client.post(reverse("stewardship:hold_new"), data)
    assert LegalHold.objects.get().ends_on == end


def test_an_iso_end_date_still_sets_the_hold(ig_client):
    feed = FeedFactory()
    end = timezone.localdate() + timedelta(days=30)
    ig_client.post(reverse("stewardship:hold_new"), _hold(feed, ends_on=end.isoformat()))
    assert LegalHold.objects.get().ends_on == end


@pytest.mark.parametrize(
    ("parts", "message", "link"),
    [
        (("", "", ""), "Enter the end date", "id_ends_on_0"),
        (("31", "", "2030"), "The end date must include a month", "id_ends_on_1"),
        (("31", "6", "2030"), "The end date must be a real date", "id_ends_on_0"),
        (("1", "6", "30"), "The end date must include a year with 4 numbers", "id_ends_on_2"),
        (("1", "6", "2020"), "The end date must be today or later.", "id_ends_on_0"),
        (("-1", "6", "9" * 10_000), "The end date must be a real date", "id_ends_on_0"),
    ],
)
def test_each_end_date_error_is_beside_the_field_and_links_to_the_first_box_in_error(
    ig_client, parts, message, link
):
    feed = FeedFactory()
    day, month, year = parts
    data = _hold(feed, ends_on_day=day, ends_on_month=month, ends_on_year=year)
    response = ig_client.post(reverse("stewardship:hold_new"), data)

    assert response.status_code == 200
    html = response.content.decode()
    links, messages = _errors(html)
    assert links == [link]
    assert messages == [f"Error: {message}"]
    assert f'<a href="#{link}">{message}</a>' in html
    assert re.search(rf'<input[^>]*name="ends_on_day"[^>]*value="{re.escape(day)}"', html) or not day
    assert not LegalHold.objects.exists()
