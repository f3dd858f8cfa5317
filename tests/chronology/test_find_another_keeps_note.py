"""A data officer half way through a decision searches for someone the import did not
propose: what they chose and typed survives the search, without JavaScript, and neither
the note nor the names searched for ever travel in an address (a proxy's access log and
the portal's own access log record addresses)."""

import re

import pytest
from django.urls import reverse

from accounts.models import AccessLogEntry
from chronology.models import LinkReview
from tests.chronology.conftest import blank_columns_filled
from tests.chronology.test_review_page import POLICE
from tests.factories import PersonFactory, UserFactory

NOTE = "Spoke to Ada's mother, Mary Byron: Byron is her other surname"


@pytest.fixture
def review(register, run_import, client, password):
    officer = UserFactory(role="data_officer")
    client.login(email=officer.email, password=password)
    PersonFactory(forename="Ada", surname="Lovelace", date_of_birth="2012-03-04", postcode="NB1 2AB")
    blank_columns_filled(run_import)(
        "police_incidents", POLICE + "P1,Ada,Lovelase,2012-03-04,NB1 2AB,2025-03-14T16:30,arrested,robbery\n"
    )
    return LinkReview.objects.get()


@pytest.fixture
def right():
    return PersonFactory(forename="Ada", surname="Byron", date_of_birth="2012-03-04", postcode="NB4 7QT")


def find(client, review, **typed) -> str:
    search = {"forename": "Ada", "surname": "Byron", "date_of_birth": "2012-03-04"}
    return client.post(reverse("chronology:review", args=[review.pk]), {**search, **typed, "find": "1"})


def test_the_search_and_the_decision_are_one_form_sent_by_post(client, review):
    html = client.get(reverse("chronology:review", args=[review.pk])).content.decode()
    forms = re.findall(r"<form\b[^>]*>.*?</form>", html, re.S)
    (decision,) = [f for f in forms if 'name="note"' in f]
    assert 'method="post"' in decision
    assert re.search(r'<button[^>]*name="find"[^>]*>\s*Find\s*</button>', decision)
    assert 'name="identifier"' in decision
    assert not [f for f in forms if 'method="get"' in f and 'name="identifier"' in f]


def test_a_search_keeps_the_note_and_the_decision_chosen(client, review, right):
    response = find(client, review, action="linked", note=NOTE)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Found by your search" in html
    assert f"Person {right.pk}" in html
    assert f">{NOTE.replace(chr(39), '&#x27;')}</textarea>" in html
    assert re.search(r'<input[^>]*name="action"[^>]*value="linked"[^>]*checked', html)
    assert "govuk-error-summary" not in html, "a search is not a decision: nothing to correct yet"
    assert LinkReview.objects.get().status == "open"


def test_a_search_logs_whom_it_found_and_whom_the_page_shows_with_no_words_in_the_path(client, review, right):
    find(client, review, note=NOTE)

    search = AccessLogEntry.objects.get(kind="search")
    assert list(search.subjects.values_list("person_id", flat=True)) == [right.pk]
    view = AccessLogEntry.objects.get(kind="view")
    assert set(view.subjects.values_list("person_id", flat=True)) == {
        c["person_id"] for c in review.candidates
    }
    for entry in (search, view):
        assert entry.path == reverse("chronology:review", args=[review.pk])


def test_a_search_that_is_not_complete_says_so_and_keeps_the_note(client, review):
    html = client.post(
        reverse("chronology:review", args=[review.pk]), {"forename": "Ada", "note": NOTE, "find": "1"}
    ).content.decode()
    assert "or a forename, surname and date of birth." in html
    assert 'id="action-error"' not in html
    assert 'id="note-error"' not in html
    assert "Byron is her other surname</textarea>" in html
    assert not AccessLogEntry.objects.filter(kind="search", subjects__isnull=False).exists()


def test_the_decision_sent_after_a_search_links_to_the_person_found(client, review, right):
    find(client, review, note=NOTE)
    response = client.post(
        reverse("chronology:review", args=[review.pk]),
        {"forename": "Ada", "surname": "Byron", "date_of_birth": "2012-03-04"}
        | {"action": "linked", "person": right.pk, "note": NOTE},
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.status, review.person, review.note) == ("linked", right, NOTE)


def test_a_refused_decision_keeps_the_search_results_beside_it(client, review, right):
    html = client.post(
        reverse("chronology:review", args=[review.pk]),
        {"forename": "Ada", "surname": "Byron", "date_of_birth": "2012-03-04", "note": NOTE},
    ).content.decode()
    assert "govuk-error-summary" in html
    assert "Found by your search" in html
    assert f"Person {right.pk}" in html
    assert "Byron is her other surname</textarea>" in html


def test_a_search_in_the_address_is_not_run(client, review, right):
    url = reverse("chronology:review", args=[review.pk])
    html = client.get(url, {"forename": "Ada", "surname": "Byron", "date_of_birth": "2012-03-04"}).content
    assert b"Found by your search" not in html
    assert not AccessLogEntry.objects.filter(kind="search").exists()
