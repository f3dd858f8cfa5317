"""An indicator's rules on the pages read as one sentence of alternatives: "… or an open
episode", not "… or An open episode"; an acronym keeps its capitals."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from risk.templatetags.rule_words import alternatives
from tests.factories.access import user_with_role
from tests.risk.conftest import events_rule, make_indicator

pytestmark = pytest.mark.django_db


def test_the_indicator_pages_join_its_rules_with_a_lower_case_or(client):
    indicator = make_indicator(
        [
            events_rule(["police_incident"], min_count=2),
            {"type": "open_episode", "params": {"categories": ["social_care_cp_plan"]}},
        ]
    )
    client.force_login(user_with_role(Role.IG_OFFICER))

    for url in (reverse("risk:indicators"), reverse("risk:indicator", args=[indicator.code])):
        html = client.get(url).content.decode()
        assert "<br>or an open episode (child-protection plan)" in html
        assert "or An " not in html


def test_an_acronym_keeps_its_capitals_and_each_rule_is_escaped():
    joined = alternatives(["At least 1 event", "SEN primary need is <SEMH>", "Attendance at or below 90%"])
    assert joined == (
        "At least 1 event<br>or SEN primary need is &lt;SEMH&gt;<br>or attendance at or below 90%"
    )
