"""IG answering "who has looked at this record?" types the child's name or UPN as it
comes to hand (from a letter, a phone, a complaint): the access-log search and "find a
young person" read it as every person search does, and the user box reads "Smith, Jane"."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import AccessLogEntryFactory, PersonFactory, UserFactory, valid_upn

pytestmark = pytest.mark.django_db
UPN = valid_upn(321, estab="2777")


@pytest.fixture
def people():
    return {
        "siobhan": PersonFactory(forename="Siobhan", surname="O'Brien", upn=UPN),
        "zoe": PersonFactory(forename="Zoë", surname="Smith-Jones"),
        "other": PersonFactory(forename="Ada", surname="Quill"),
    }


def matches(ig_client, **params) -> list[str]:
    response = ig_client.get(reverse("access_log:people"), params)
    assert response.status_code == 200
    return [p.forename for p in response.context["matches"]]


@pytest.mark.parametrize("name", ["obrien", "O Brien", "O’Brien, Siobhan", "  siobhan  obrien "])
def test_find_a_young_person_by_a_name_however_typed(ig_client, people, name):
    assert matches(ig_client, name=name) == ["Siobhan"]


@pytest.mark.parametrize("name", ["zoe", "Smith Jones", "jones zoe"])
def test_find_a_young_person_without_accents_or_hyphens(ig_client, people, name):
    assert matches(ig_client, name=name) == ["Zoë"]


@pytest.mark.parametrize("upn", [UPN.lower(), UPN[-7:]])
def test_find_a_young_person_by_a_upn_in_lower_case_or_in_part(ig_client, people, upn):
    assert matches(ig_client, upn=upn) == ["Siobhan"]


@pytest.mark.parametrize("person", ["obrien", f"{UPN[:5].lower()} {UPN[5:]}"])
def test_the_log_search_finds_entries_naming_the_child_however_typed(ig_client, ig, people, person):
    wanted = AccessLogEntryFactory(persons=[people["siobhan"]])
    AccessLogEntryFactory(persons=[people["other"]])
    response = ig_client.get(reverse("access_log:entries"), {"person": person})
    assert [e.pk for e in response.context["page"]] == [wanted.pk]


@pytest.mark.parametrize("user", ["Smith, Jane", "jane  smith", "smith jane"])
def test_the_log_search_finds_a_user_by_name_in_any_order(ig_client, ig, people, user):
    jane = UserFactory(role=Role.DSL, display_name="Jane Smith", email="j.smith@example.org")
    wanted = AccessLogEntryFactory(actor=jane, persons=[people["other"]])
    AccessLogEntryFactory(persons=[people["other"]])
    response = ig_client.get(reverse("access_log:entries"), {"user": user})
    assert [e.pk for e in response.context["page"] if e.actor != ig] == [wanted.pk]


@pytest.mark.parametrize("name", ["%", "_", "\\", "%_%"])
def test_a_wildcard_finds_nobody_and_says_so(ig_client, people, name):
    response = ig_client.get(reverse("access_log:people"), {"name": name})
    assert response.context["matches"] == []
    assert "Nobody matches. Check the spelling, or search by UPN." in response.content.decode()
