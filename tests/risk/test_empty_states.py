"""The trigger-point pages on a portal just set up (no schools, no indicators, no flags)
and for the smallest schools: each says in words what is missing instead of showing a
table of headers or a chart of nothing."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import EnrolmentFactory, SchoolFactory
from tests.factories.access import school_staff, user_with_role
from tests.factories.risk import FlagFactory
from tests.page_text import page_text
from tests.risk.pages_world import client_for

pytestmark = pytest.mark.django_db


def test_the_city_overview_with_no_schools_and_no_flags_says_so():
    response = client_for(user_with_role(Role.TASKFORCE)).get(reverse("trigger_points:city"))
    assert response.status_code == 200
    text = page_text(response)
    assert "No school has pupils on roll yet" in text
    assert "% flagged" not in text
    assert "No trigger point has been raised yet." in text
    assert "portal-chart" not in response.content.decode()
    assert "Compare with one trigger point" not in text


def test_the_city_overview_with_no_flags_still_explains_a_bad_choice():
    response = client_for(user_with_role(Role.TASKFORCE)).get(
        reverse("trigger_points:city"), {"trigger_point": "nope"}
    )
    assert response.status_code == 400
    assert "There is a problem" in page_text(response)


def test_a_school_dashboard_with_no_trigger_points_says_so_instead_of_an_empty_table():
    head = school_staff(Role.HEAD_TEACHER, SchoolFactory())
    response = client_for(head).get(reverse("trigger_points:dashboard"))
    assert response.status_code == 200
    text = page_text(response)
    assert "None of your pupils has a trigger point." in text
    assert "Pupils with each trigger point, now and at the start of the month" not in text


def test_one_pupil_is_one_pupil_not_one_pupils():
    school = SchoolFactory()
    FlagFactory(person=EnrolmentFactory(school=school).person)
    text = page_text(
        client_for(school_staff(Role.HEAD_TEACHER, school)).get(reverse("trigger_points:dashboard"))
    )
    assert "1 pupil with any trigger point" in text
    assert "1 pupils" not in text
    city = page_text(client_for(user_with_role(Role.TASKFORCE)).get(reverse("trigger_points:city")))
    assert "1 young person with a trigger point" in city
    assert "1 young people" not in city


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.TASKFORCE, Role.IG_OFFICER])
def test_an_empty_indicator_library_says_so(role):
    response = client_for(user_with_role(role)).get(reverse("risk:indicators"))
    assert response.status_code == 200
    text = page_text(response)
    assert "No indicators yet." in text
    assert "<table" not in response.content.decode()
    assert ("Add an indicator" in text) == (role == Role.ADMINISTRATOR)


@pytest.mark.parametrize("role", [Role.TASKFORCE, Role.IG_OFFICER])
def test_outcomes_before_any_indicator_says_so(role):
    response = client_for(user_with_role(role)).get(reverse("risk:outcomes"))
    assert response.status_code == 200
    assert "No indicators yet, so no trigger point has been raised." in page_text(response)
    assert "<table" not in response.content.decode()
