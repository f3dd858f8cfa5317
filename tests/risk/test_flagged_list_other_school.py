"""The flagged-pupils list, its printout and its CSV asked for a school the viewer does
not work with: an empty list read as "no flagged pupils there", where the API says 400.
Each says the school is not one of theirs and how to go on, naming and logging nobody."""

import pytest
from django.urls import reverse

from accounts.models import AccessLogEntry
from tests.error_summary import assert_error_links_land
from tests.risk.pages_world import build_world, client_for

pytestmark = pytest.mark.django_db
PAGES = ("trigger_points:flagged", "trigger_points:flagged_print", "trigger_points:flagged_csv")
REFUSED = "The school in the address is not one of yours"


@pytest.fixture
def world():
    return build_world()


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("school", ["theirs", "none such"])
def test_another_schools_list_is_refused_with_a_way_on(world, page, school):
    chosen = {"theirs": world.school.pk, "none such": 2**31 - 1}[school]
    logged = AccessLogEntry.objects.count()
    response = client_for(world.other_head).get(reverse(page), {"school": chosen, "tier": "high"})
    html = response.content.decode()
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert REFUSED in html
    assert_error_links_land(html)
    assert world.school.name not in html
    assert "Elsewhere" not in html, "nobody is listed under the error"
    assert f'name="school" value="{chosen}"' not in html, "applying the filters again drops the school"
    assert AccessLogEntry.objects.count() == logged


def test_the_taskforce_is_refused_a_school_that_does_not_exist_and_shown_one_that_does(world):
    client = client_for(world.taskforce)
    assert client.get(reverse(PAGES[0]), {"school": world.other_school.pk}).status_code == 200
    response = client.get(reverse(PAGES[0]), {"school": 2**31 - 1})
    assert response.status_code == 400
    assert REFUSED in response.content.decode()


def test_the_staffs_own_school_is_listed(world):
    response = client_for(world.other_head).get(reverse(PAGES[0]), {"school": world.other_school.pk})
    assert response.status_code == 200
    assert [row.person.surname for row in response.context["rows"]] == ["Elsewhere"]


def test_the_dashboard_takes_no_school_from_the_address(world):
    dashboard = reverse("trigger_points:dashboard")
    response = client_for(world.other_head).get(dashboard, {"school": world.school.pk})
    assert response.status_code == 200
    assert world.school.name not in response.content.decode()


@pytest.mark.parametrize("page", PAGES)
def test_school_staff_asking_for_young_people_on_no_roll_are_told_theirs_are_all_on_one(world, page):
    """The filter is the taskforce's: a hand-made address gave school staff an empty list
    headed "Flagged young people not on a school roll"."""
    logged = AccessLogEntry.objects.count()
    response = client_for(world.other_head).get(reverse(page), {"school_roll": "off"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Your pupils are all on a school roll" in html
    assert "not on a school roll</h1>" not in html
    assert_error_links_land(html)
    assert AccessLogEntry.objects.count() == logged


def test_school_staff_may_still_ask_for_pupils_on_a_roll(world):
    response = client_for(world.other_head).get(reverse(PAGES[0]), {"school_roll": "on"})
    assert response.status_code == 200
    assert [row.person.surname for row in response.context["rows"]] == ["Elsewhere"]
