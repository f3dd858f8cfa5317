"""A data officer linking a row looks for the right person as the row or a colleague
spells them: the name without its apostrophe, accent or hyphen, a UPN read aloud in
groups. The match is still of the whole name and the date of birth, never part of one."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from chronology.models import LinkReview
from tests.chronology.conftest import blank_columns_filled
from tests.chronology.test_review_page import POLICE
from tests.factories import PersonFactory, UserFactory, valid_upn

UPN = valid_upn(654, estab="2888")


ROW = "P1,New,Child,2011-01-01,,2025-03-14T16:30,arrested,robbery\n"


@pytest.fixture
def review_url(register, run_import, client, password):
    officer = UserFactory(role=Role.DATA_OFFICER)
    client.login(email=officer.email, password=password)
    blank_columns_filled(run_import)("police_incidents", POLICE + ROW)
    return reverse("chronology:review", args=[LinkReview.objects.get().pk])


@pytest.fixture
def right():
    return PersonFactory(forename="Zoë", surname="O'Brien-Smith", date_of_birth="2012-03-04", upn=UPN)


def found(client, url, **params) -> bool:
    html = client.post(url, {**params, "find": "1"}).content.decode()
    assert "Found by your search" in html
    return "Nobody matches." not in html


@pytest.mark.parametrize(
    ("forename", "surname"),
    [("zoe", "OBrien-Smith"), ("ZOË", "o’brien smith"), ("Zoe", "O Brien Smith"), ("zoe ", "obriensmith")],
)
def test_a_name_spelt_without_its_marks_finds_the_person(client, review_url, right, forename, surname):
    params = {"forename": forename, "surname": surname, "date_of_birth": "2012-03-04"}
    assert found(client, review_url, **params)


@pytest.mark.parametrize(("forename", "surname"), [("Zo", "OBrien-Smith"), ("Zoe", "OBrien")])
def test_part_of_a_name_still_finds_nobody(client, review_url, right, forename, surname):
    params = {"forename": forename, "surname": surname, "date_of_birth": "2012-03-04"}
    assert not found(client, review_url, **params)


@pytest.mark.parametrize("identifier", [UPN.lower(), f"{UPN[:4]} {UPN[4:8]} {UPN[8:]}"])
def test_a_upn_in_lower_case_or_groups_finds_the_person(client, review_url, right, identifier):
    assert found(client, review_url, identifier=identifier)
