"""Searching the young-people list as people type: a head teacher at 8am types a pupil's
name however it comes (case, spaces, "surname, forename", apostrophes from a phone, no
accents), a UPN read off a letter, part of a UPN or a date of birth; and never finds a
pupil of another school, nor everyone for a stray % or _."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AccessLogEntry
from accounts.roles import Role
from tests.factories import EnrolmentFactory, SchoolFactory, valid_upn
from tests.factories.access import school_staff, user_with_role

pytestmark = pytest.mark.django_db
LIST = reverse("young_person_list")
UPN = valid_upn(123, estab="2345")
FORMER_UPN = valid_upn(456, estab="2346")


@pytest.fixture
def head():
    school, other = SchoolFactory(name="Alder Academy"), SchoolFactory(name="Birch High")

    def pupil(at, forename: str, surname: str, **fields: object) -> None:
        EnrolmentFactory(school=at, person__forename=forename, person__surname=surname, **fields)

    pupil(school, "Siobhan", "O'Brien")
    pupil(school, "Zoë", "Smith-Jones", person__date_of_birth=date(2012, 3, 5))
    pupil(school, "Łukasz", "Nowak", person__upn=UPN, person__former_upn=FORMER_UPN)
    pupil(school, "Oliver", "Johnson")
    pupil(school, "Ada", "Quill")
    pupil(other, "Sean", "O'Brien", person__date_of_birth=date(2012, 3, 5))
    client = Client()
    client.force_login(school_staff(Role.HEAD_TEACHER, school))
    return client


def found(client: Client, q: str) -> list[str]:
    response = client.get(LIST, {"q": q})
    assert response.status_code == 200
    return [f"{p.forename} {p.surname}" for p in response.context["page"]]


@pytest.mark.parametrize(
    "q",
    [
        "obrien",
        "O'BRIEN",
        "OBrien",
        "O Brien",
        "o’brien",
        "  siobhan   o'brien  ",
        "O'Brien, Siobhan",
        "obrien siobhan",
        "brie",
    ],
)
def test_an_apostrophe_name_is_found_however_typed_and_only_at_my_school(head, q):
    assert found(head, q) == ["Siobhan O'Brien"]


@pytest.mark.parametrize(
    "q", ["Zoe", "zoë", "ZOE SMITH", "Smith Jones", "smith-jones", "SmithJones", "Jones, Zoe"]
)
def test_accents_and_hyphens_may_be_typed_or_left_out(head, q):
    assert found(head, q) == ["Zoë Smith-Jones"]


@pytest.mark.parametrize("q", ["Lukasz", "łukasz nowak", "LUKASZ"])
def test_a_letter_unicode_does_not_decompose_is_found_without_its_accent(head, q):
    assert found(head, q) == ["Łukasz Nowak"]


def test_a_full_name_of_thirteen_letters_is_a_name_not_a_upn(head):
    assert found(head, "Oliver Johnson") == ["Oliver Johnson"]


@pytest.mark.parametrize(
    "q",
    [UPN, UPN.lower(), f"{UPN[:4]} {UPN[4:8]} {UPN[8:]}", FORMER_UPN.lower(), UPN[-6:], UPN[-6:].lower()],
)
def test_a_upn_is_found_in_any_case_with_spaces_former_or_in_part(head, q):
    assert found(head, q) == ["Łukasz Nowak"]


@pytest.mark.parametrize("q", ["05/03/2012", "5/3/2012", "2012-03-05", "zoe 05/03/2012"])
def test_a_date_of_birth_finds_my_pupil_born_that_day(head, q):
    assert found(head, q) == ["Zoë Smith-Jones"]


def test_a_date_that_does_not_exist_finds_nobody(head):
    assert found(head, "31/02/2012") == []


@pytest.mark.parametrize("q", ["%", "_", "\\", "%%", "'", ".*", "^$", "[x]", "(?:)", "x%", "%_%", "’", "--"])
def test_wildcards_and_metacharacters_are_literal_and_find_nobody(head, q):
    response = head.get(LIST, {"q": q})
    assert response.status_code == 200
    assert list(response.context["page"]) == []
    assert "No young people match" in response.content.decode()


def test_the_count_and_the_words_searched_are_shown_and_kept_in_the_box(head):
    html = head.get(LIST, {"q": "  o’brien "}).content.decode()
    assert "1 young person matching “o’brien”" in html
    assert 'value="o’brien"' in html


def test_a_search_that_finds_nobody_says_what_to_try(head):
    html = head.get(LIST, {"q": "Nobody"}).content.decode()
    assert "No young people match “Nobody”. Check the spelling, or search by UPN or date of birth." in html


def test_a_search_too_long_for_the_box_is_refused_beside_it_not_answered_with_everyone(head):
    response = head.get(LIST, {"q": "x" * 150})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Search must be 100 characters or fewer" in html
    assert "Quill, Ada" not in html
    assert not AccessLogEntry.objects.exists()


def test_the_taskforce_finds_nobody_outside_its_caseload_by_a_date_of_birth_or_part_of_a_upn(head):
    client = Client()
    client.force_login(user_with_role(Role.TASKFORCE))
    for q in ("05/03/2012", UPN[-6:]):
        response = client.get(LIST, {"q": q})
        assert response.context["candidates"] == []
        assert "or without a name or a whole UPN, do not look" in response.content.decode()
    by_name = client.get(LIST, {"q": "o brien"}).context["candidates"]
    assert sorted(p.forename for p in by_name) == ["Sean", "Siobhan"]
