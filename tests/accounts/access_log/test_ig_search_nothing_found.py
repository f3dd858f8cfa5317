"""A search of the access log that finds nothing says so. The page showed the search form
and nothing else, so an IG officer could not tell "nobody has done this" from "the
search did not run"."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from tests.factories import AccessLogEntryFactory, PersonFactory, UserFactory
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "search",
    [{"user": "nobody by this name"}, {"date_from": "2020-01-01", "date_to": "2020-01-02"}],
    ids=["no such user", "a period with nothing"],
)
def test_a_search_that_finds_nothing_says_so(search):
    AccessLogEntryFactory(actor=UserFactory(role=Role.DSL), persons=[PersonFactory()])
    client = Client()
    client.force_login(UserFactory(role=Role.IG_OFFICER))

    text = page_text(client.get(reverse("access_log:entries"), search))

    assert "No entries match this search." in text


def test_a_search_that_finds_an_entry_lists_it():
    seer = UserFactory(role=Role.DSL, display_name="Dana Seer")
    AccessLogEntryFactory(actor=seer, persons=[PersonFactory()])
    client = Client()
    client.force_login(UserFactory(role=Role.IG_OFFICER))

    text = page_text(client.get(reverse("access_log:entries"), {"user": "Seer"}))

    assert "1 entry, newest first" in text
    assert "No entries match" not in text
