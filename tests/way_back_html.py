"""Reading the links a way-back test follows out of a page's HTML."""

import re
from html import unescape

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
