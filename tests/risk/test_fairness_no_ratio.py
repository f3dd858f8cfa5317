"""Why the fairness page shows no rate ratio where it shows none (docs/trigger-points.md,
rule 5): a dash alone reads as a ratio nobody worked out."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import EnrolmentFactory, SchoolFactory
from tests.factories.access import user_with_role
from tests.factories.risk import FlagFactory, IndicatorVersionFactory
from tests.page_text import page_text
from tests.risk.pages_world import client_for

pytestmark = pytest.mark.django_db


def test_fairness_with_no_pupils_on_roll_says_why_there_is_no_ratio():
    response = client_for(user_with_role(Role.IG_OFFICER)).get(reverse("trigger_points:fairness"))
    assert response.status_code == 200
    assert page_text(response).count("No rate ratios: no pupils are on roll yet") == 4


def test_fairness_says_why_a_group_of_one_pupil_has_no_ratio():
    FlagFactory(person=EnrolmentFactory(school=SchoolFactory()).person)
    text = page_text(client_for(user_with_role(Role.TASKFORCE)).get(reverse("trigger_points:fairness")))
    assert text.count("No ratio: its counts are below 5 or withheld.") == 4


def test_fairness_says_why_a_group_with_every_pupil_has_no_ratio():
    """Every pupil on roll in one group (all six the same sex): there is nobody else to
    compare the group with, which is not the same as a suppressed count."""
    school, version = SchoolFactory(), IndicatorVersionFactory()
    for _ in range(6):
        FlagFactory(person=EnrolmentFactory(school=school).person, version=version)
    text = page_text(client_for(user_with_role(Role.TASKFORCE)).get(reverse("trigger_points:fairness")))
    assert "No ratio: there are no other pupils on roll to compare with" in text


def test_the_all_pupils_row_gives_the_overall_rate_each_group_can_be_read_against():
    """Its Rate and ratio cells were blank: the overall rate is the baseline a reader
    looks for, and the row says why it has no ratio of its own."""
    school, version = SchoolFactory(), IndicatorVersionFactory()
    for _ in range(6):
        FlagFactory(person=EnrolmentFactory(school=school).person, version=version)
    for _ in range(14):
        EnrolmentFactory(school=school)
    text = page_text(client_for(user_with_role(Role.IG_OFFICER)).get(reverse("trigger_points:fairness")))
    total = "All pupils on roll 20 6 30.0% – No ratio: each group above is compared with the others."
    assert text.count(total) == 4


def test_the_all_pupils_row_gives_no_rate_where_its_counts_are_withheld():
    school = SchoolFactory()
    FlagFactory(person=EnrolmentFactory(school=school).person)
    text = page_text(client_for(user_with_role(Role.IG_OFFICER)).get(reverse("trigger_points:fairness")))
    assert text.count("All pupils on roll &lt;5 &lt;5 – No rate: its counts are below 5.") == 4
