"""The data officer's two searches for a person: a date of birth typed in part is told
what is wrong with the date alone, and "Find" sent with nothing typed says to type
something, not that nobody has "that" UPN."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from chronology.forms import DecisionForm, FindAnotherPersonForm
from chronology.models import LinkReview
from schools.models import Person
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db


def test_a_date_of_birth_in_part_is_told_only_what_is_wrong_with_it():
    form = FindAnotherPersonForm(
        {
            "forename": "Ada",
            "surname": "Byrne",
            "date_of_birth_day": "31",
            "date_of_birth_month": "2",
            "date_of_birth_year": "2011",
        }
    )
    assert not form.is_valid()
    assert form.errors == {"date_of_birth": ["Date of birth must be a real date"]}


def test_find_with_nothing_typed_asks_for_an_identifier():
    client = Client()
    client.force_login(user_with_role(Role.DATA_OFFICER))
    response = client.get(reverse("chronology:find_person"), {"identifier": ""}, follow=True)
    html = response.content.decode()
    assert "No person has that" not in html
    assert "Enter a UPN, NHS number or local person id to find a person." in html


def test_a_forename_too_long_is_told_only_its_length():
    form = FindAnotherPersonForm(
        {
            "forename": "A" * 101,
            "surname": "Byrne",
            "date_of_birth_day": "14",
            "date_of_birth_month": "9",
            "date_of_birth_year": "2011",
        }
    )
    assert not form.is_valid()
    assert form.errors == {"forename": ["Enter forename in 100 characters or fewer"]}


def test_an_identifier_too_long_is_told_only_its_length():
    form = FindAnotherPersonForm({"identifier": "9" * 65})
    assert not form.is_valid()
    too_long = "Enter UPN, NHS number or local person id in 64 characters or fewer"
    assert form.errors == {"identifier": [too_long]}


def test_linking_to_someone_not_found_is_told_only_that():
    form = DecisionForm(
        {"action": LinkReview.Status.LINKED, "person": "999999", "note": "Same date of birth"},
        linkable=Person.objects.none(),
    )
    assert not form.is_valid()
    assert form.errors == {"person": ["That person cannot be found: search for them again."]}
