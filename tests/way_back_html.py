"""Reading the links a way-back test follows out of a page's HTML."""

import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

from django.urls import reverse


def person_link(html: str, person) -> str:
    detail = reverse("young_person_detail", args=[person.pk])
    return unescape(re.search(rf'href="({re.escape(detail)}[^"]*)"', html).group(1))


def back_link(html: str) -> tuple[str, str]:
    href, label = re.search(r'<a href="([^"]*)" class="govuk-back-link">([^<]*)</a>', html).groups()
    return unescape(href), label


def link_to(html: str, path: str) -> str:
    return unescape(re.search(rf'href="({re.escape(path)}[^"]*)"', html).group(1))


def logged_people(entry) -> set[int]:
    return set(entry.subjects.values_list("person_id", flat=True))


def assert_stays_home(response, params: dict, *, paths: tuple[str, ...], kept: set[str]) -> None:
    """A hand-made way back (`params`) leads only to one of the portal's own `paths`,
    carrying only the list's own parameters (`kept`): never another site, never a NUL."""
    assert response.status_code == 200, params
    href, _ = back_link(response.content.decode())
    address = urlsplit(href)
    assert (address.scheme, address.netloc) == ("", ""), params
    assert address.path in paths, params
    assert not any(word in href for word in ("evil", "next", "\x00")), params
    assert set(dict(parse_qsl(address.query))) <= kept, params
