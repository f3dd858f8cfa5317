"""The API's `q` reads a search as the pages do: a name however typed, a UPN in lower
case or in part, a date of birth; `%` and `_` are literal; too long a search is a 400;
and staff of another school find nothing of this one."""

import pytest

from accounts.roles import Role
from tests.api.conftest import client_for
from tests.factories import EnrolmentFactory, SchoolFactory, valid_upn
from tests.factories.access import school_staff
from tests.risk.pages_world import build_world

pytestmark = pytest.mark.django_db
PEOPLE = "/api/v1/young-people/"
FLAGS = "/api/v1/flags/"
UPN = valid_upn(987, estab="2999")


@pytest.fixture
def schools():
    mine, other = SchoolFactory(), SchoolFactory()
    EnrolmentFactory(school=mine, person__forename="Zoë", person__surname="O'Brien", person__upn=UPN)
    EnrolmentFactory(school=mine, person__forename="Ada", person__surname="Quill")
    EnrolmentFactory(school=other, person__forename="Zoe", person__surname="OBrien")
    return school_staff(Role.HEAD_TEACHER, mine), school_staff(Role.HEAD_TEACHER, other)


def names(user, q: str) -> list[str]:
    response = client_for(user).get(PEOPLE, {"q": q})
    assert response.status_code == 200
    return [f"{p['forename']} {p['surname']}" for p in response.json()["results"]]


@pytest.mark.parametrize("q", ["zoe obrien", "O’Brien, Zoe", "o brien", UPN.lower(), UPN[-5:]])
def test_the_young_people_search_finds_my_pupil_however_typed(schools, q):
    head, _ = schools
    assert names(head, q) == ["Zoë O'Brien"]


def test_staff_of_another_school_find_only_their_own(schools):
    _, other_head = schools
    assert names(other_head, "zoe o'brien") == ["Zoe OBrien"]
    assert names(other_head, UPN) == []


@pytest.mark.parametrize("q", ["%", "_", "%_%", "\\"])
def test_wildcards_find_nobody(schools, q):
    head, _ = schools
    assert names(head, q) == []


@pytest.mark.parametrize("url", [PEOPLE, FLAGS])
def test_too_long_a_search_is_a_400(schools, url):
    head, _ = schools
    assert client_for(head).get(url, {"q": "x" * 101}).status_code == 400


def test_the_flags_search_reads_a_name_as_the_page_does():
    world = build_world()
    world.absent.surname = "O'Brien"
    world.absent.save()
    body = client_for(world.head).get(FLAGS, {"q": "obrien"}).json()
    assert [row["id"] for row in body["results"]] == [world.absent.pk]
