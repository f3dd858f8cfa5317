"""Dismissing a trigger point because its record is about another child hides the
trigger point but leaves the record linked to this one: the page must say how to have
the link checked, or the wrong child's police record stays in the chronology."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from risk.models import DismissalReason
from tests.factories import EnrolmentFactory
from tests.factories.access import school_staff
from tests.factories.risk import FlagFactory

pytestmark = pytest.mark.django_db

HOW = "report it from the chronology"


@pytest.fixture
def dsl_and_flag(client):
    pupil = EnrolmentFactory()
    dsl = school_staff(Role.DSL, pupil.school)
    client.force_login(dsl)
    return pupil.person, FlagFactory(person=pupil.person, version__name="Arrested or a suspect")


def test_the_dismiss_page_says_how_to_report_a_record_about_another_child(client, dsl_and_flag):
    person, flag = dsl_and_flag
    html = client.get(reverse("risk:flag_dismiss", args=[flag.pk])).content.decode()
    assert HOW in html
    assert f'href="{reverse("chronology:timeline", args=[person.pk])}"' in html


def test_dismissing_as_another_childs_data_reminds_to_report_the_link(client, dsl_and_flag):
    person, flag = dsl_and_flag
    url = reverse("risk:flag_dismiss", args=[flag.pk])
    response = client.post(url, {"reason": DismissalReason.DATA_WRONG, "note": "Wrong child."}, follow=True)
    assert HOW in response.content.decode()

    other = FlagFactory(person=person, version__name="Missing from home")
    response = client.post(
        reverse("risk:flag_dismiss", args=[other.pk]),
        {"reason": DismissalReason.NOT_A_CONCERN, "note": ""},
        follow=True,
    )
    assert HOW not in response.content.decode()
