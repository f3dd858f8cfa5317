"""Searching the flagged-pupils list as the young-people list is searched, and the
search said wherever the list goes: its caption, an empty result, the printout and the
CSV's name. Staff of another school find nothing of this one."""

import pytest
from django.urls import reverse

from tests.risk.pages_world import build_world, client_for

pytestmark = pytest.mark.django_db
LIST = reverse("trigger_points:flagged")


@pytest.fixture
def world():
    world = build_world()
    for person, surname in ((world.absent, "O'Brien"), (world.elsewhere, "O’Brien")):
        person.surname = surname
        person.save()
    return world


def listed(response) -> list[int]:
    return [row.person.pk for row in response.context["rows"]]


@pytest.mark.parametrize("q", ["obrien", "O Brien", "o’brien", f"{'O’BRIEN'},"])
def test_a_name_is_found_however_its_apostrophe_is_typed(world, q):
    response = client_for(world.head).get(LIST, {"q": q})
    assert listed(response) == [world.absent.pk]
    assert f"1 pupil matching “{' '.join(q.split())}”" in response.content.decode()


def test_staff_of_another_school_find_nothing_of_this_one(world):
    response = client_for(world.other_head).get(LIST, {"q": "obrien"})
    assert listed(response) == [world.elsewhere.pk]


def test_an_empty_search_says_what_was_searched_and_what_to_try(world):
    html = client_for(world.head).get(LIST, {"q": "%"}).content.decode()
    assert "No pupils match “%” and these filters. Check the spelling, or search by UPN" in html


def test_the_printout_says_what_was_searched(world):
    printout = reverse("trigger_points:flagged_print")
    html = client_for(world.head).get(printout, {"q": " obrien "}).content.decode()
    assert "Filtered as on the list: matching “obrien”." in html


def test_a_filtered_csv_is_named_so_and_the_whole_list_is_not(world):
    csv_url = reverse("trigger_points:flagged_csv")
    searched = client_for(world.head).get(csv_url, {"q": "obrien", "sort": "tier"})
    assert "-filtered.csv" in searched["Content-Disposition"]
    assert searched.content.decode().count("O'Brien") == 1
    whole = client_for(world.head).get(csv_url, {"sort": "tier"})
    assert "-filtered" not in whole["Content-Disposition"]


def test_too_long_a_search_is_refused_beside_the_box(world):
    response = client_for(world.head).get(LIST, {"q": "x" * 101})
    assert response.status_code == 400
    assert "Search must be 100 characters or fewer" in response.content.decode()


def test_the_box_says_what_it_searches_by(world):
    html = client_for(world.head).get(LIST).content.decode()
    assert "A name, part of a UPN, or a date of birth such as 05/03/2012" in html
