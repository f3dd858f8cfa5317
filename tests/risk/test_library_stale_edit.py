"""An indicator edit opened before a colleague saved a version is refused, not saved
over theirs, and comes back with what the administrator typed, based on the colleague's
version, so that sending it again saves theirs after it."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from risk.models import Indicator
from tests.factories.access import user_with_role
from tests.risk.test_pages import _client, _rule_post

pytestmark = pytest.mark.django_db

AS_OPENED = {"rules-INITIAL_FORMS": "1"}
"""The edit page's management form counts the indicator's one rule as initial."""


def test_an_edit_opened_before_a_colleague_saved_is_refused_not_saved_over_theirs(client):
    first, second = user_with_role(Role.ADMINISTRATOR), user_with_role(Role.ADMINISTRATOR)
    first.display_name = "Ash Fenwick"
    first.save()
    _client(client, second)
    client.post(
        reverse("risk:indicator_new"), _rule_post(code="tx97", name="Arrests", description="x", weight="2")
    )
    edit = reverse("risk:indicator_edit", args=["tx97"])
    assert 'name="based_on" value="1"' in client.get(edit).content.decode()
    other = Client()
    other.force_login(first)
    other.post(
        edit,
        _rule_post(
            name="Arrests", description="Theirs", weight="4", based_on="1", change_note="Theirs", **AS_OPENED
        ),
    )

    stale = client.post(
        edit,
        _rule_post(
            name="Arrests", description="Mine", weight="2", based_on="1", change_note="Mine", **AS_OPENED
        ),
    )

    assert stale.status_code == 200
    page = stale.content.decode()
    assert "Ash Fenwick saved version 2 of tx97" in page
    assert "Nothing was saved: what you typed is still below." in page
    assert re.search(r"<textarea[^>]*>\s*Mine</textarea>", page), "the form keeps what was typed"
    assert 'name="based_on" value="2"' in page, "sent again, it follows the colleague's version"
    indicator = Indicator.objects.get(code="tx97")
    assert (indicator.versions.count(), indicator.current_version.description) == (2, "Theirs")
    fresh = client.post(
        edit,
        _rule_post(
            name="Arrests", description="Mine", weight="2", based_on="2", change_note="Mine", **AS_OPENED
        ),
    )
    assert fresh.status_code == 302
    assert indicator.current_version.description == "Mine"
