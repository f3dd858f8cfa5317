"""The version an indicator's edit form was opened on travels in a hidden field: changed or
garbled, the administrator is told what happened above the form, not "Enter based on as
a whole number" beside a field they cannot see."""

import pytest
from django.test import Client

from tests.error_summary import summary_messages
from tests.risk.indicator_edits import edit_sent, made_by_an_administrator

pytestmark = pytest.mark.django_db

STALE = (
    "This form was out of date or changed, so nothing was saved: what you typed is still "
    "below. Check it against the page as it is now, then send the form again."
)


def test_an_edit_with_a_changed_based_on_says_what_happened(client: Client):
    indicator = made_by_an_administrator(
        client, "tx96", {"name": "Arrests", "description": "x", "weight": "2"}
    )

    response = edit_sent(
        client,
        indicator.code,
        {"name": "Arrests", "description": "Mine", "weight": "3", "change_note": "Weight"},
        based_on="abc",
    )

    html = response.content.decode()
    assert summary_messages(html) == [STALE]
    assert 'name="based_on" value="1"' in html
    assert indicator.versions.count() == 1
