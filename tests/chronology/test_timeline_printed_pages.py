"""The chronology as printed for a case meeting, from its print view or from the page:
every sheet names the young person under the handling marking (static/src/_print.scss
repeats it), a printed page of the screen's list says which entries it holds and where
the whole list prints from, and none of its links to print or download reach paper."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from tests.chronology.timeline_world import build_world, sixty_cautions

pytestmark = pytest.mark.django_db
MARKING = re.compile(r'<p class="portal-print-marking">(.*?)</p>')


def _get(user, name, person, params=None) -> str:
    client = Client()
    client.force_login(user)
    return client.get(reverse(name, args=[person.pk]), params or {}).content.decode()


def test_every_printed_sheet_names_the_young_person_under_the_marking():
    world = build_world()
    name = escape(world.pupil.full_name)
    for view in ("chronology:timeline", "chronology:timeline_print"):
        html = _get(world.users["dsl"], view, world.pupil)
        assert MARKING.findall(html) == [f"OFFICIAL-SENSITIVE · Chronology: {name}"], view


def test_a_printed_page_of_the_chronology_says_which_entries_and_leaves_off_its_links():
    world = build_world()
    sixty_cautions(world.pupil)
    html = _get(world.users["taskforce"], "chronology:timeline", world.pupil, {"people": "young_person"})
    total = re.search(r"(\d+) entries</h2>", html).group(1)
    assert (
        f'<p class="govuk-body portal-print-only">Rows 1 to 50 of {total}. To print all {total}, '
        "open “Print view for a case meeting” on the screen and print that.</p>"
    ) in html
    assert re.search(r'<p class="govuk-body portal-print-only">Printed \d+ \w+ \d{4}, \d\d:\d\d by ', html)
    links = (
        '<ul class="govuk-list govuk-!-display-none-print">\n      <li><a class="govuk-link" href="/young-'
    )
    assert links in html
