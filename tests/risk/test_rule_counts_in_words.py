"""A rule's words on the indicator page count what the form allows at its smallest and
largest: "1 day", not "1 days"; "1,095 days", not "1095 days"."""

import re

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories.access import user_with_role
from tests.page_text import page_text
from tests.risk.conftest import events_rule, make_indicator

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("days", "min_count", "words"),
    [
        (1, 1, "At least 1 event (police incident) in the last 1 day"),
        (2, 2, "At least 2 events (police incident) in the last 2 days"),
        (1095, 100, "At least 100 events (police incident) in the last 1,095 days"),
    ],
)
def test_the_indicator_page_counts_days_and_events_in_words(client, days, min_count, words):
    make_indicator([events_rule(["police_incident"], days=days, min_count=min_count)], code="tq01")
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    page = page_text(client.get(reverse("risk:indicator", args=["tq01"])))
    assert re.search(re.escape(words) + r"(?![a-z])", page)
