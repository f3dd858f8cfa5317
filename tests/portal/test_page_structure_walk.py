"""Every page every actor may open, read as a screen reader reads it (see
page_structure.py). The URLs come from the resolver and the access walk's world, so a
page landed later is read without anyone listing it."""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import resolve, reverse

from tests.accounts.access_matrix import EXPECTED, URL_KWARGS
from tests.accounts.test_url_access_walk import actors  # noqa: F401 (the walk's world, a fixture)
from tests.portal.page_structure import page_structure
from tests.portal.walked_pages import walked_pages

pytestmark = pytest.mark.django_db

NOT_SUBMITTED = {"logout", "session:keep_alive"}
"""Forms whose sending would end or extend the walk's session rather than show errors."""


def _pages(clients: dict, world: dict):
    for name, actor, html, _ in walked_pages(clients, world):
        yield name, actor, page_structure(html)


def test_every_page_reads_well_without_sight(actors):  # noqa: F811
    clients, world = actors
    failures = []
    titles: dict[str, set[str]] = {}
    for name, actor, page in _pages(clients, world):
        failures += [f"{name} as {actor}: {problem}" for problem in page.problems()]
        titles.setdefault(page.title, set()).add(name)
    failures += [
        f"title {title!r} is shared by {sorted(names)}" for title, names in titles.items() if len(names) > 1
    ]
    assert not failures, "\n".join(sorted(set(failures)))


class _Forms(HTMLParser):
    """Each form of a page, with the values a person would send without typing: hidden
    fields kept, everything else blank (POST), or too long and not one of the choices (GET
    filters)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(
                {"method": a.get("method", "get").lower(), "action": a.get("action", ""), "data": {}}
            )
        elif tag in ("input", "textarea") and self.forms and a.get("name"):
            kind = a.get("type", "text")
            if kind == "hidden":
                self.forms[-1]["data"][a["name"]] = a.get("value", "")
            elif kind in ("text", "search", "date", "number", "email") or tag == "textarea":
                self.forms[-1]["data"][a["name"]] = "" if self.forms[-1]["method"] == "post" else "x" * 1000
        elif tag == "select" and self.forms and a.get("name") and self.forms[-1]["method"] == "get":
            self.forms[-1]["data"][a["name"]] = "not-a-choice"


def test_every_form_tells_a_screen_reader_what_went_wrong(actors):  # noqa: F811
    """Each form on each page, sent blank (or, for a filter, with far too much text):
    where the page answers with its errors, they must be announced and lead to the field."""
    clients, world = actors
    failures, answered = [], set()
    pages = []
    for name, expected in EXPECTED.items():
        if name.startswith(("api:", "admin:", "schema", "swagger")):
            continue
        kwargs = {arg: world[key] for arg, key in URL_KWARGS.get(name, {}).items()}
        url = reverse(name, kwargs=kwargs)
        pages += [(name, actor, url) for actor, status in expected.items() if status == 200]
    for name, actor, url in pages:
        response = clients[actor].get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        forms = _Forms()
        forms.feed(response.content.decode())
        for form in forms.forms:
            action = urljoin(url, form["action"] or url)
            if resolve(urlsplit(action).path).view_name in NOT_SUBMITTED:
                continue
            if form["method"] == "post":
                answer = clients[actor].post(action, form["data"])
            else:
                answer = clients[actor].get(action, form["data"])
            body = answer.content.decode() if answer.status_code in (200, 400) else ""
            if "govuk-error-summary" not in body and "govuk-error-message" not in body:
                continue
            answered.add(name)
            page = page_structure(body)
            failures += [f"{name} as {actor}, {form['method']} {action}: {p}" for p in page.error_problems()]
    assert len(answered) > 10, answered
    assert not failures, "\n".join(sorted(set(failures)))
