"""A search of the log by young person names, in each row, the people it matched first:
an entry naming 193 children listed the first five by surname ("Jeffrey Ahmed … and 188
more"), so the child searched for was nowhere on the row that matched them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import AccessLogEntry
from tests.factories import AccessLogEntryFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _a_class(size: int) -> list:
    return [PersonFactory(forename="Jeffrey", surname=f"Ahmed{n:03}") for n in range(size)]


def test_the_searched_person_is_named_first_on_the_row_that_matched(ig_client, ig):
    ford = PersonFactory(forename="Maureen", surname="Ford")
    helen = UserFactory(display_name="Helen Marsh")
    AccessLogEntryFactory(actor=helen, persons=[*_a_class(8), ford])

    response = ig_client.get(reverse("access_log:entries"), {"user": "Helen Marsh", "person": "Ford"})

    (row,) = response.context["page"]
    assert [s.person.surname for s in row.shown_subjects] == [
        "Ford",
        "Ahmed000",
        "Ahmed001",
        "Ahmed002",
        "Ahmed003",
    ]
    assert "Maureen Ford" in response.content.decode()
    assert "and 4 more" in response.content.decode()
    logged = AccessLogEntry.objects.filter(actor=ig).get().subjects.values_list("person_id", flat=True)
    assert ford.pk in logged


def test_the_search_by_person_reads_the_same_number_of_queries_for_more_rows(ig_client):
    helen = UserFactory(display_name="Helen Marsh")
    ford = PersonFactory(forename="Maureen", surname="Ford")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            ig_client.get(reverse("access_log:entries"), {"user": "Helen Marsh", "person": "Ford"})
        return len(captured)

    AccessLogEntryFactory(actor=helen, persons=[*_a_class(6), ford])
    few = queries()
    for _ in range(20):
        AccessLogEntryFactory(actor=helen, persons=[*_a_class(6), ford])
    assert queries() == few
