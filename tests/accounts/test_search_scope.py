"""A search finds its people first and then asks the scope of each of them (so that
PostgreSQL need not hash the taskforce's whole caseload for a search of a few people).
Whichever way it is asked, a search must find exactly the people the user may open who
match, and break-glass candidates exactly those who match and whom the user may not."""

import datetime

import pytest
from django.db import connection

from accounts.access import break_glass_candidates, search_young_people, visible_young_people
from accounts.access_caseload import TASKFORCE_CASELOAD_SOURCES, register_taskforce_caseload
from accounts.roles import Role
from schools.models import Enrolment, Person
from tests.factories import BreakGlassFactory, EnrolmentFactory, PersonFactory, SchoolFactory
from tests.factories.access import school_staff, user_with_role

pytestmark = pytest.mark.django_db

ADULT = datetime.date(1980, 1, 1)


@pytest.fixture
def shepherds():
    """Young people called Shepherd at two schools, one of them the caseload's, and an
    adult Shepherd who was once a pupil there."""
    caseload_school, other_school = SchoolFactory(), SchoolFactory()
    on_caseload = EnrolmentFactory(school=caseload_school, person__surname="Shepherd").person
    opened = EnrolmentFactory(school=other_school, person__surname="Shepherd").person
    outside = EnrolmentFactory(school=other_school, person__surname="Shepherd").person
    adult = PersonFactory(surname="Shepherd", date_of_birth=ADULT)
    EnrolmentFactory(person=adult, school=caseload_school, leaving_date=datetime.date(1998, 7, 20))
    EnrolmentFactory(school=caseload_school, person__surname="Ward")
    source = register_taskforce_caseload(
        lambda: Enrolment.objects.filter(school=caseload_school), person="person"
    )
    yield {"on_caseload": on_caseload, "opened": opened, "outside": outside, "school": other_school}
    TASKFORCE_CASELOAD_SOURCES.remove(source)


def _narrowed(user: object, word: str) -> set[Person]:
    return set(visible_young_people(user).filter(name_key__contains=word))


def test_a_taskforce_search_finds_its_caseload_and_the_records_it_opened(shepherds):
    officer = user_with_role(Role.TASKFORCE)
    BreakGlassFactory(user=officer, person=shepherds["opened"])
    found = set(search_young_people(officer, "Shep"))
    assert found == {shepherds["on_caseload"], shepherds["opened"]}
    assert found == _narrowed(officer, "shep")
    assert set(break_glass_candidates(officer, "Shepherd")) == {shepherds["outside"]}


def test_a_taskforce_officer_with_no_record_opened_finds_the_caseload_alone(shepherds):
    officer = user_with_role(Role.TASKFORCE)
    assert set(search_young_people(officer, "shepherd")) == {shepherds["on_caseload"]}
    assert set(break_glass_candidates(officer, "shepherd")) == {shepherds["opened"], shepherds["outside"]}


def test_school_staff_find_their_own_pupils_only(shepherds):
    head = school_staff(Role.HEAD_TEACHER, shepherds["school"])
    found = set(search_young_people(head, "Shepherd"))
    assert found == {shepherds["opened"], shepherds["outside"]}
    assert found == _narrowed(head, "shepherd")


def test_nothing_typed_is_everyone_the_user_may_open(shepherds):
    officer = user_with_role(Role.TASKFORCE)
    assert set(search_young_people(officer, "  ")) == set(visible_young_people(officer))


def test_names_are_found_through_a_trigram_index_on_postgresql():
    """The search's own SQL can use the index: with sequential scans priced out, the
    plan for a name search reads the trigram index rather than every person."""
    officer = user_with_role(Role.TASKFORCE)
    sql, params = search_young_people(officer, "Shep").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "person_name_key_trigrams" in plan
