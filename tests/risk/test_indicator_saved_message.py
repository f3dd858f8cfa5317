"""What the administrator is told once an indicator is saved: a new one has no flags to
follow a new version, so it is told when it raises its first; an edit, when its flags
follow the new version."""

import pytest
from django.contrib.messages import get_messages

from tests.risk.indicator_edits import edit_sent, made_by_an_administrator

pytestmark = pytest.mark.django_db

AS_CREATED = {"name": "Arrests", "description": "Arrested in the last year.", "weight": "2"}


def _said(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def test_a_new_indicator_is_said_to_raise_its_first_flags_not_to_move_its_flags(client):
    made_by_an_administrator(client, "tx96", AS_CREATED)
    said = _said(client.get("/"))
    assert said.startswith("tx96 saved. It raises its first flags at the nightly computation at ")
    assert "follow the new version" not in said


def test_an_edited_indicator_is_said_to_move_its_flags_to_the_new_version(client):
    made_by_an_administrator(client, "tx97", AS_CREATED)
    _said(client.get("/"))
    edit_sent(client, "tx97", AS_CREATED | {"change_note": "Checked"}, weight="3", change_note="Heavier")
    assert _said(client.get("/")).startswith("tx97 saved. Its flags follow the new version at the nightly")
