"""IG's access-log pages as printed for a meeting or a complaint: which rows of a long
search are on the paper, who printed it and when, and none of the screen's forms or
downloads (static/src/_print.scss leaves off what carries govuk-!-display-none-print)."""

import re

import pytest
from django.urls import reverse

from tests.factories import AccessLogEntryFactory, PersonFactory, SchoolFactory

pytestmark = pytest.mark.django_db

PRINT_ONLY = re.compile(r'<p class="govuk-body portal-print-only">(.*?)</p>', re.S)


def rows_lines(html: str) -> list[str]:
    return [line for line in PRINT_ONLY.findall(html) if line.startswith("Rows")]


def test_a_printed_page_of_a_search_says_which_rows_it_holds(ig_client, monkeypatch):
    """77 entries printed 50 with nothing saying the rest were left on the screen."""
    monkeypatch.setattr("accounts.views.ig_log.PER_PAGE", 2)
    for _ in range(5):
        AccessLogEntryFactory(persons=[PersonFactory()])
    first = ig_client.get(reverse("access_log:entries"), {"kind": "view"}).content.decode()
    last = ig_client.get(reverse("access_log:entries"), {"kind": "view", "page": 3}).content.decode()
    assert rows_lines(first) == [
        "Rows 1 to 2 of 5. The others are on the list's other pages on the screen: print each of those too."
    ]
    assert rows_lines(last)[0].startswith("Rows 5 to 5 of 5.")


def test_a_capped_search_printed_says_more_than_its_count(ig_client, monkeypatch):
    monkeypatch.setattr("accounts.views.ig_log.SEARCH_COUNT_CAP", 3)
    monkeypatch.setattr("accounts.views.ig_log.PER_PAGE", 2)
    for _ in range(5):
        AccessLogEntryFactory(persons=[PersonFactory()])
    html = ig_client.get(reverse("access_log:entries"), {"kind": "view"}).content.decode()
    assert rows_lines(html)[0].startswith("Rows 1 to 2 of more than 3.")


def test_who_has_seen_a_child_printed_says_who_printed_it_and_leaves_off_the_links(ig_client):
    child = PersonFactory(forename="Mia", surname="Hart")
    seen = AccessLogEntryFactory(persons=[child])
    html = ig_client.get(reverse("access_log:person_history", args=[child.pk])).content.decode()
    printed_by = PRINT_ONLY.findall(html)
    assert len(printed_by) == 1
    assert re.fullmatch(r"Printed \d+ \w+ \d{4}, \d\d:\d\d by Iris Governance\.", printed_by[0])
    assert '<p class="portal-print-marking">OFFICIAL-SENSITIVE · Who has seen Mia Hart</p>' in html
    assert '<p class="govuk-body govuk-!-display-none-print">To keep this person' in html
    hidden = '<p class="govuk-body govuk-!-display-none-print">'
    csv_link = f"/access-log/people/{child.pk}/export.csv?until={seen.pk}"
    assert f'{hidden}<a class="govuk-link" href="{csv_link}" download>' in html
    search = ig_client.get(reverse("access_log:entries")).content.decode()
    assert 'action="/access-log/entries/" novalidate class="govuk-!-display-none-print">' in search


def test_a_printed_search_says_which_search_made_it(ig_client):
    """The search form is left off paper, so a page of entries read at a meeting said
    nothing of whose access, or which period, it was about."""
    school = SchoolFactory(name="Carrow Hill Academy")
    params = {
        "user": " rowan ",
        "person": "Hart",
        "school": school.pk,
        "date_from": "2026-11-01",
        "date_to": "2026-11-30",
        "kind": "export",
    }
    html = ig_client.get(reverse("access_log:entries"), params).content.decode()
    assert (
        "This search: user: “rowan”; young person: “Hart”; school: Carrow Hill Academy; "
        "from 1 November 2026; to 30 November 2026; kind of access: Exported records."
    ) in PRINT_ONLY.findall(html)
    unfiltered = ig_client.get(reverse("access_log:entries"), {"kind": ""}).content.decode()
    assert not [line for line in PRINT_ONLY.findall(unfiltered) if line.startswith("This search")]
