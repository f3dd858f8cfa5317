"""The words an administrator reads when building a rule in the indicator library. The
"Only events whose" lists offered "reason" (a health event's) beside "reasons" (a
suspension's), and "cp category", "sen primary need": field names, not words, so an
administrator could not tell which detail a choice matched on."""

import re

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories.access import user_with_role
from tests.risk.conftest import events_rule, make_indicator

pytestmark = pytest.mark.django_db


def _options(page: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return [label.strip() for label in re.findall(r"<option[^>]*>([^<]*)</option>", select)]


def test_each_detail_and_attribute_is_offered_in_words_that_tell_them_apart(client):
    make_indicator([events_rule(["suspension"])])
    client.force_login(user_with_role(Role.ADMINISTRATOR))

    page = client.get(reverse("risk:indicator_edit", args=["tq01"])).content.decode()

    details = _options(page, "rules-0-match_detail")
    assert details == _options(page, "rules-0-match_detail_2")
    assert "health reason" in details
    assert "suspension reasons" in details
    assert "child-protection category" in details
    assert not {"reason", "reasons", "cp category"} & set(details)
    assert len(set(details)) == len(details)
    assert _options(page, "rules-0-field") == ["None", "SEN primary need", "SEN provision"]
