"""The API tokens page's headings and the token table's caption each say something of
their own: "API tokens" and then "Tokens" (heading and caption) read as the same heading
again, to the eye and in a screen reader's list of headings. (The table's scrolling
region is named as its caption, by design: portal/templatetags/tables.py.)"""

import re

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories.access import user_with_role
from tests.portal.page_structure import page_structure

pytestmark = pytest.mark.django_db


def _words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def test_no_heading_or_caption_repeats_another(client, password):
    administrator = user_with_role(Role.ADMINISTRATOR)
    assert client.login(email=administrator.email, password=password)
    html = client.get(reverse("api_tokens:index")).content.decode()
    main = html[html.index("<main") :]
    names = [
        _words(t) for t in re.findall(r"<(?:h[1-6]|caption)[^>]*>(.*?)</(?:h[1-6]|caption)>", main, re.S)
    ]
    assert "Tokens" not in names
    assert len(names) == len(set(names)), names


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("api_tokens:create", {"token-name": "", "token-days": 30}),
        ("api_tokens:service_account", {}),
    ],
)
def test_the_error_summary_of_either_form_comes_first(client, password, url_name, data):
    """Each form's summary sat under its own heading, halfway down the page, where a
    screen reader user sent back to the page does not start."""
    administrator = user_with_role(Role.ADMINISTRATOR)
    assert client.login(email=administrator.email, password=password)
    html = client.post(reverse(url_name), data).content.decode()
    main = html[html.index("<main") :]
    assert html.count("govuk-error-summary__title") == 1
    assert main.index("govuk-error-summary") < main.index("<h1")
    assert not page_structure(html).error_problems()
