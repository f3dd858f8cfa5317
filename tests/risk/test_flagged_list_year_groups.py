"""The flagged list's year-group filter offers the year groups of the viewer's schools'
pupils on roll, not every year group there is: a secondary head is not offered
nursery, and no choice reads as "none of your pupils" for want of any pupils."""

import re

import pytest
from django.urls import reverse

from chronology.importing.codes import YEAR_GROUPS
from tests.factories import EnrolmentFactory
from tests.risk.pages_world import build_world, client_for

pytestmark = pytest.mark.django_db
LIST = reverse("trigger_points:flagged")


@pytest.fixture
def world():
    return build_world()


def offered(html: str) -> list[str]:
    select = re.search(r'<select[^>]*name="year_group"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


def test_a_head_teacher_is_offered_only_their_pupils_year_groups(world):
    """Years 9 and 10 are on roll (flagged or not); year 11 only at the other school,
    year 7 only for a pupil who has left."""
    EnrolmentFactory(school=world.other_school, year_group="11")
    EnrolmentFactory(school=world.school, year_group="7", leaving_date="2025-07-20")
    html = client_for(world.head).get(LIST).content.decode()
    assert offered(html) == ["Any year", "Year 9", "Year 10"]


def test_a_year_group_asked_for_but_not_on_roll_is_still_shown_chosen(world):
    """A link or bookmark from before the year group left: an empty list, not a 400."""
    response = client_for(world.head).get(LIST, {"year_group": "7"})
    assert response.status_code == 200
    html = response.content.decode()
    assert offered(html) == ["Any year", "Year 7", "Year 9", "Year 10"]
    assert "No pupils match these filters." in html
    assert client_for(world.head).get(LIST, {"year_group": "99"}).status_code == 400


def test_the_taskforce_is_offered_every_year_group_without_reading_the_city_roll(world):
    html = client_for(world.taskforce).get(LIST).content.decode()
    assert len(offered(html)) == 1 + len(YEAR_GROUPS)
    assert {"Year 1", "Year 13"} <= set(offered(html))


def test_the_printout_still_names_the_year_group_in_words(world):
    html = client_for(world.head).get(reverse("trigger_points:flagged_print"), {"year_group": "10"})
    assert "year group: Year 10" in html.content.decode()
