"""The flagged-pupils list on paper: a printed page of the list says which rows it holds
and to print the printable list for all of them; the printable list is headed, titled
and marked on every sheet with whose list it is, and names each trigger point once."""

import re

import pytest
from django.urls import reverse

from tests.risk.pages_world import build_world, client_for

pytestmark = pytest.mark.django_db
LIST = reverse("trigger_points:flagged")
PRINT = reverse("trigger_points:flagged_print")
MARKING = re.compile(r'<p class="portal-print-marking">(.*?)</p>')
PRINT_ONLY = re.compile(r'<p class="govuk-body portal-print-only">(.*?)</p>', re.S)


@pytest.fixture
def world():
    return build_world()


def _title(html: str) -> str:
    """The page's own part of its title, before the service's and council's names."""
    return re.search(r"<title>(.*)</title>", html).group(1).rsplit(" – ", 2)[0]


def _h1(html: str) -> str:
    return re.search(r'<h1 class="govuk-heading-l">(.*?)</h1>', html).group(1)


def test_a_printed_page_of_the_list_says_which_rows_it_holds_and_what_prints_them_all(world, monkeypatch):
    """193 pupils printed 50, with nothing on the paper saying so."""
    monkeypatch.setattr("risk.views.flagged_list.PAGE_SIZE", 2)
    client = client_for(world.head)
    first = PRINT_ONLY.findall(client.get(LIST).content.decode())
    last = PRINT_ONLY.findall(client.get(LIST, {"page": 2}).content.decode())
    assert first[1:] == [
        "Rows 1 to 2 of 3. To print all 3, open “Printable list” on the screen and print that."
    ]
    assert last[1:] == [
        "Rows 3 to 3 of 3. To print all 3, open “Printable list” on the screen and print that."
    ]
    assert first[0].startswith("Printed ")
    # Said once, above the table, so the first sheet says it rather than the last.
    html = client.get(LIST).content.decode()
    assert html.index("Rows 1 to 2 of 3.") < html.index("<table")
    one_page = PRINT_ONLY.findall(client.get(LIST, {"tier": "medium"}).content.decode())
    assert not [said for said in one_page if said.startswith("Rows")]


@pytest.mark.parametrize(
    ("who", "heading"),
    [
        ("head", "Flagged pupils at Northgate Academy"),
        ("dsl", "Flagged pupils at Northgate Academy"),
        ("taskforce", "Flagged young people"),
    ],
)
def test_the_printable_list_is_headed_titled_and_marked_for_its_viewer(world, who, heading):
    html = client_for(getattr(world, who)).get(PRINT).content.decode()
    assert _h1(html) == heading
    assert _title(html) == f"{heading} – printable list"
    assert MARKING.findall(html) == [f"OFFICIAL-SENSITIVE · {heading}"]
    screen = client_for(getattr(world, who)).get(LIST).content.decode()
    assert _h1(screen) == heading
    assert MARKING.findall(screen) == [f"OFFICIAL-SENSITIVE · {heading}"]


def test_the_printable_list_of_one_school_names_it(world):
    html = client_for(world.taskforce).get(PRINT, {"school": world.school.pk}).content.decode()
    assert _h1(html) == "Flagged pupils at Northgate Academy"
    assert MARKING.findall(html) == ["OFFICIAL-SENSITIVE · Flagged pupils at Northgate Academy"]


def test_the_printable_list_names_each_trigger_point_once_and_says_why_once(world):
    """Each tier's "Because of:" repeated the row's trigger points in a narrow column."""
    printed = client_for(world.dsl).get(PRINT).content.decode()
    assert "Because of:" not in printed
    assert printed.count("Each tier comes from the trigger points listed in its row") == 1
    assert printed.count("Two or more suspensions") == 1
    assert (
        "Because of: Persistent absence; Two or more suspensions"
        in client_for(world.dsl).get(LIST).content.decode()
    )
