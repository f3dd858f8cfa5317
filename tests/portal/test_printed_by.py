"""Pages people print for meetings say, on paper only, who printed them and when, as the
print views do: fairness and scorecards went to a board with nothing saying whose or
when, and their downloads printed as links nobody could follow."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from accounts.roles import Role
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db
PRINT_ONLY = re.compile(r'<p class="govuk-body portal-print-only">(.*?)</p>')


@pytest.mark.parametrize(
    ("role", "page"),
    [
        (Role.IG_OFFICER, "trigger_points:fairness"),
        (Role.TASKFORCE, "trigger_points:fairness"),
        (Role.TASKFORCE, "interventions:scorecards"),
        (Role.TASKFORCE, "trigger_points:city"),
    ],
)
def test_a_page_printed_for_a_meeting_says_who_printed_it_and_when(role, page):
    user = user_with_role(role)
    client = Client()
    client.force_login(user)
    html = client.get(reverse(page)).content.decode()
    assert PRINT_ONLY.findall(html) == [
        f"Printed {m} by {escape(user.display_name)}."
        for m in re.findall(r"Printed (\d+ \w+ \d{4}, \d\d:\d\d) by", html)
    ]
    assert len(PRINT_ONLY.findall(html)) == 1
    assert not re.search(r'<p class="govuk-body"><a class="govuk-link" href="[^"]*csv[^"]*" download>', html)
