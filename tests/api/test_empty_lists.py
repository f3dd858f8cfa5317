"""Every list in the API on a portal just set up, as every role that may read it: page 1
of an empty list is a page (docs/api.md), and a page past the last is a 404, not a 500;
so is `page=last`, which DRF's lists took and the chronology refused."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from tests.accounts.access_matrix import EXPECTED, URL_KWARGS
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db

LISTS = [
    name for name in EXPECTED if name.startswith("api:") and name.endswith("-list") and name not in URL_KWARGS
]


@pytest.mark.parametrize("role", list(Role))
def test_every_list_answers_page_one_and_refuses_a_page_past_the_last(role):
    client = Client()
    client.force_login(user_with_role(role))
    for name in (n for n in LISTS if EXPECTED[n][role.value] == 200):
        first = client.get(reverse(name), {"page": 1})
        assert first.status_code == 200, name
        assert {"count", "next", "previous", "results"} <= set(first.json()), name
        assert first.json()["next"] is None, name
        for page in (999, "last"):
            past = client.get(reverse(name), {"page": page})
            assert (past.status_code, past.json()) == (404, {"detail": "Invalid page."}), (name, page)
