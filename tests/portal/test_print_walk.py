"""Every page every actor may open, read as it would print (static/src/_print.scss): a
filter form or a download means nothing on paper, and each sheet of a page showing
children's records carries the handling marking. The URLs come from the access walk's
world, so a page landed later is checked without anyone listing it."""

from html.parser import HTMLParser

import pytest

from tests.accounts.test_url_access_walk import actors  # noqa: F401 (the walk's world, a fixture)
from tests.portal.page_structure import VOID
from tests.portal.walked_pages import walked_pages

pytestmark = pytest.mark.django_db

PRINT_HIDDEN = ("govuk-!-display-none-print", "portal-print__screen-only", "portal-chronology__filters")
"""Classes _print.scss leaves off paper, on an element or one it sits in."""


class _Printed(HTMLParser):
    """What of a page reaches paper: its filter forms and download links that are not
    left off it (a download with the sentence around it), and its handling markings."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, bool]] = []
        self.shown_forms: list[str] = []
        self.shown_downloads: list[str] = []
        self.markings: list[str] = []
        self._marking: list[str] | None = None

    def _hidden(self) -> bool:
        return any(hidden for _, hidden in self.open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        hidden = any(c in PRINT_HIDDEN for c in classes)
        if tag == "form" and a.get("method", "get").lower() == "get" and not (hidden or self._hidden()):
            self.shown_forms.append(a.get("action", "") or "(this page)")
        download = "download" in a or ".csv" in a.get("href", "")
        if tag == "a" and download and not (hidden or self._hidden()):
            self.shown_downloads.append(a["href"])
        if "portal-print-marking" in classes:
            self._marking = []
        if tag not in VOID:
            self.open.append((tag, hidden))

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self._marking is not None:
            self.markings.append("".join(self._marking).strip())
            self._marking = None
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._marking is not None:
            self._marking.append(data)


def _printed_pages(clients: dict, world: dict):
    for name, actor, html, response in walked_pages(clients, world):
        printed = _Printed()
        printed.feed(html)
        yield name, actor, printed, response


def test_printed_pages_carry_no_filter_form_or_download_and_records_carry_the_marking(actors):  # noqa: F811
    clients, world = actors
    failures, marked = [], set()
    for name, actor, printed, response in _printed_pages(clients, world):
        failures += [f"{name} as {actor}: prints the filter form {form}" for form in printed.shown_forms]
        failures += [f"{name} as {actor}: prints the download {link}" for link in printed.shown_downloads]
        shows_records = getattr(response.resolver_match.func, "shows_records", False)
        if shows_records and len(printed.markings) != 1:
            failures.append(f"{name} as {actor}: {len(printed.markings)} handling markings, not one")
        if not shows_records and printed.markings:
            failures.append(f"{name} as {actor}: marked {printed.markings} but shows no records")
        failures += [
            f"{name} as {actor}: marking {m!r}"
            for m in printed.markings
            if not m.startswith("OFFICIAL-SENSITIVE")
        ]
        if printed.markings:
            marked.add(name)
    assert {"young_person_detail", "chronology:timeline", "trigger_points:flagged"} <= marked, marked
    assert not failures, "\n".join(sorted(set(failures)))
