"""IG's lists of the log page through the log as it was when the first page was opened.
Every look at "who has seen this young person" is itself an entry naming them, so a
reviewer printing every page got page 3 twice over, shifted by a row, and the total crept
from "of 120" to "of 121" to "of 122". The first page fixes the newest entry it counts;
its page links (and the CSV link) carry it as `until`, and say how many entries are
newer."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLogEntry
from accounts.roles import Role
from tests.csv_download import csv_rows
from tests.factories import AccessLogEntryFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

NEXT = re.compile(r'href="([^"]*)" rel="next"')


def _next_link(response) -> str:
    """The Next link, relative to the page it is on."""
    return response.request["PATH_INFO"] + html.unescape(NEXT.search(response.content.decode())[1])


def _rows(response) -> list[int]:
    return [entry.pk for entry in response.context["page"]]


@pytest.fixture
def child():
    return PersonFactory(forename="Maureen", surname="Ford")


@pytest.fixture
def dsl():
    return UserFactory(role=Role.DSL, email="dsl.stable@example.org")


def _lists(child, dsl) -> dict[str, tuple[str, dict]]:
    return {
        "person_history": (reverse("access_log:person_history", args=[child.pk]), {}),
        "entries": (reverse("access_log:entries"), {"user": "dsl.stable"}),
        "user_history": (reverse("access_log:user_history", args=[dsl.pk]), {}),
    }


@pytest.mark.parametrize("name", ["person_history", "entries", "user_history"])
def test_page_two_shows_the_same_rows_after_new_entries_are_written(ig_client, monkeypatch, child, dsl, name):
    monkeypatch.setattr("accounts.views.ig_log.PER_PAGE", 2)
    written = [AccessLogEntryFactory(actor=dsl, persons=[child]) for _ in range(5)]
    url, params = _lists(child, dsl)[name]

    first = ig_client.get(url, params)
    assert first.context["page"].paginator.count == 5
    # Someone opens the record meanwhile, and IG's own first look is logged too.
    AccessLogEntryFactory(actor=dsl, persons=[child])
    AccessLogEntryFactory(actor=dsl, persons=[child])
    second = ig_client.get(_next_link(first))

    assert _rows(second) == [written[2].pk, written[1].pk]
    assert second.context["page"].paginator.count == 5
    assert "Rows 3 to 4 of 5." in second.content.decode()


@pytest.mark.parametrize("name", ["person_history", "entries", "user_history"])
def test_a_later_page_says_how_many_entries_are_newer_and_links_to_them(
    ig_client, monkeypatch, child, dsl, name
):
    monkeypatch.setattr("accounts.views.ig_log.PER_PAGE", 2)
    newest = [AccessLogEntryFactory(actor=dsl, persons=[child]) for _ in range(3)][-1]
    url, params = _lists(child, dsl)[name]
    first = ig_client.get(url, params)
    at = timezone.localtime(newest.at)
    up_to = f"Entries up to {at.day} {at:%B %Y, %H:%M}"
    assert up_to in first.content.decode()
    assert "newer" not in first.content.decode()

    AccessLogEntryFactory(actor=dsl, persons=[child])
    body = ig_client.get(_next_link(first)).content.decode()

    newer = 2 if name == "person_history" else 1  # the history also counts IG's first look
    assert f"{up_to}; {newer} newer entr{'y' if newer == 1 else 'ies'} since" in body
    show = re.search(r'<a class="govuk-link" href="([^"]*)">show them</a>', body)
    assert html.unescape(show[1]) == (f"{url}?user=dsl.stable" if params else url)


def test_the_csv_link_holds_the_entries_the_page_counted(ig_client, child):
    seen = AccessLogEntryFactory(persons=[child])
    page = ig_client.get(reverse("access_log:person_history", args=[child.pk])).content.decode()
    link = html.unescape(re.search(r'href="([^"]*export\.csv[^"]*)"', page)[1])
    AccessLogEntryFactory(persons=[child])

    header, *rows = csv_rows(ig_client.get(link))

    assert [row[2] for row in rows] == [seen.actor_label]


@pytest.mark.parametrize(
    "value", ["-1", "0", "99999999999999999999", "9223372036854775808", "abc", "1.5", "²"]
)
@pytest.mark.parametrize("name", ["person_history", "person_history_csv", "entries", "user_history"])
def test_a_bad_until_is_refused_plainly(ig_client, child, dsl, name, value):
    args = {"person_history": [child.pk], "person_history_csv": [child.pk], "user_history": [dsl.pk]}
    before = AccessLogEntry.objects.count()

    response = ig_client.get(reverse(f"access_log:{name}", args=args.get(name, [])), {"until": value})

    assert response.status_code == 400
    assert "The link to this list is not one the portal made" in response.content.decode()
    assert AccessLogEntry.objects.count() == before


def test_a_nul_byte_in_until_is_refused(ig_client, child):
    response = ig_client.get(f"{reverse('access_log:person_history', args=[child.pk])}?until=1%00")
    assert response.status_code == 400


def test_paging_with_until_keeps_the_query_count_flat(ig_client, child, django_assert_max_num_queries):
    for _ in range(60):
        AccessLogEntryFactory(persons=[child])
    first = ig_client.get(reverse("access_log:person_history", args=[child.pk]))
    with django_assert_max_num_queries(20):
        assert ig_client.get(_next_link(first)).status_code == 200
