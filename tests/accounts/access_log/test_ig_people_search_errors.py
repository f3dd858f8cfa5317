"""IG's "Find a young person": opened from the menu it asks nothing yet, so it says no
error; a date of birth typed in part is told what is wrong with the date, not to "enter
a name, a UPN or a date of birth", which the officer had just done."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PEOPLE = reverse("access_log:people")


def _summary(html: str) -> list[str]:
    found = re.search(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', html, re.S)
    return re.findall(r"<a [^>]*>(.*?)</a>", found.group(1)) if found else []


def test_opened_from_the_menu_it_shows_no_error(ig_client):
    html = ig_client.get(PEOPLE).content.decode()
    assert _summary(html) == []
    assert "There is a problem" not in html


def test_a_date_of_birth_in_part_is_told_only_what_is_wrong_with_it(ig_client):
    html = ig_client.get(PEOPLE, {"date_of_birth_day": "14", "date_of_birth_year": "2011"}).content.decode()
    assert _summary(html) == ["Date of birth must include a month"]


def test_nothing_typed_at_all_is_still_asked_for_something(ig_client):
    html = ig_client.get(PEOPLE, {"name": "", "upn": ""}).content.decode()
    assert _summary(html) == ["Enter a name, a UPN or a date of birth."]


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ({"upn": "A" * 20}, "Enter UPN in 13 characters or fewer"),
        ({"name": "n" * 101}, "Enter name in 100 characters or fewer"),
    ],
)
def test_a_name_or_upn_too_long_is_told_only_its_length(ig_client, typed, error):
    """It was typed: "Enter a name, a UPN or a date of birth" beside it would contradict it."""
    html = ig_client.get(PEOPLE, typed).content.decode()
    assert _summary(html) == [error]
