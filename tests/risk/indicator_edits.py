"""An indicator made through the administrator's page and its edit form sent again: what
the tests of what an edit may change (test_indicator_unchanged.py,
test_indicator_description_check.py) share."""

from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from risk.models import Indicator
from tests.factories.access import user_with_role
from tests.risk.test_pages import _client, _rule_post

AS_OPENED = {"rules-INITIAL_FORMS": "1"}
"""The edit form opened on an indicator of one rule."""


def made_by_an_administrator(client: Client, code: str, fields: dict) -> Indicator:
    """`client` signed in as an administrator, who has made indicator `code` of one rule."""
    _client(client, user_with_role(Role.ADMINISTRATOR))
    client.post(reverse("risk:indicator_new"), _rule_post(code=code, **fields))
    return Indicator.objects.get(code=code)


def edit_sent(client: Client, code: str, as_opened: dict, **fields: str) -> HttpResponse:
    """The edit form of `code` as opened on version 1 (`as_opened`, its change note
    included), sent with `fields` changed."""
    data = _rule_post(**(as_opened | {"based_on": "1"} | fields)) | AS_OPENED
    return client.post(reverse("risk:indicator_edit", args=[code]), data)
