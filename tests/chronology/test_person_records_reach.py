"""A data officer opens a person's linked rows only where linkage work or their own
search leads (issue 21, finding 5): not any person by id."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AccessLogEntry
from accounts.roles import Role
from tests.factories import AccessLogEntryFactory, PersonFactory
from tests.factories.access import user_with_role
from tests.factories.chronology import queued_link_review

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _records(client: Client, person) -> int:
    return client.get(reverse("chronology:person_records", args=[person.pk])).status_code


def test_a_candidate_of_an_open_review_is_open_and_anyone_else_is_a_logged_404():
    candidate, _, _ = queued_link_review()
    stranger = PersonFactory()
    officer = user_with_role(Role.DATA_OFFICER)
    client = _client(officer)

    assert _records(client, candidate) == 200
    assert _records(client, stranger) == 404
    denied = AccessLogEntry.objects.get(kind=AccessLogEntry.Kind.DENIED)
    assert denied.detail["requested_person_id"] == stranger.pk
    assert list(denied.subjects.values_list("person_id", flat=True)) == [stranger.pk]


def test_a_person_found_by_the_officers_own_search_is_open_but_not_by_a_colleagues():
    person = PersonFactory()
    officer, colleague = user_with_role(Role.DATA_OFFICER), user_with_role(Role.DATA_OFFICER)
    AccessLogEntryFactory(actor=colleague, kind=AccessLogEntry.Kind.SEARCH, persons=[person])
    assert _records(_client(officer), person) == 404

    found = _client(officer).get(reverse("chronology:find_person"), {"identifier": person.upn})

    assert found["Location"] == reverse("chronology:person_records", args=[person.pk])
    assert _records(_client(officer), person) == 200


def test_the_person_a_row_was_split_from_stays_open_once_the_review_is_decided():
    candidate, review, _ = queued_link_review()
    officer = user_with_role(Role.DATA_OFFICER)
    review.status, review.person = review.Status.LINKED, candidate
    review.save(update_fields=["status", "person"])

    assert _records(_client(officer), candidate) == 200
