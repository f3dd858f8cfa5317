"""The token table's column of each token's first characters: headed "Starts", it read
as a start date beside "Created" and "Expires"."""

import re

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db


def test_the_prefix_column_says_it_is_how_the_token_begins(client, password):
    administrator = user_with_role(Role.ADMINISTRATOR)
    assert client.login(email=administrator.email, password=password)
    html = client.get(reverse("api_tokens:index")).content.decode()
    cells = re.findall(r"<th[^>]*>(.*?)</th>", html, re.S)
    headers = [" ".join(re.sub(r"<[^>]+>", "", h).split()) for h in cells]
    assert "Begins with" in headers
    assert "Starts" not in headers
