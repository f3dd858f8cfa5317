"""A young person's page runs the same number of queries however long their
chronology and however large their family."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from chronology.models import Sensitivity
from tests.factories import (
    EnrolmentFactory,
    EventFactory,
    FamilyFactory,
    FamilyMemberFactory,
    FeedFactory,
)
from tests.factories.access import school_staff, user_with_role

pytestmark = pytest.mark.django_db

FEEDS = {
    Sensitivity.EDUCATION: "suspensions",
    Sensitivity.PARTNER: "police_incidents",
    Sensitivity.RESTRICTED: "police_intelligence",
}


def grow(person, family, n: int) -> None:
    for sensitivity, code in FEEDS.items():
        feed = FeedFactory(code=code, default_sensitivity=sensitivity)
        EventFactory.create_batch(n, person=person, feed=feed)
    sibling = EnrolmentFactory().person
    FamilyMemberFactory(family=family, person=sibling, relationship="sibling")
    EventFactory.create_batch(n, person=sibling, feed=FeedFactory(code="youth_justice"))
    EventFactory.create_batch(n, person=None, family=family, feed=FeedFactory(code="domestic_abuse"))


def queries(client: Client, url: str) -> int:
    """Queries of a warm request (the first also fills per-process caches)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", [Role.HEAD_TEACHER, Role.DSL])
def test_the_young_person_page_does_not_grow_queries_with_its_chronology(role, password):
    enrolment = EnrolmentFactory()
    person = enrolment.person
    family = FamilyFactory()
    FamilyMemberFactory(family=family, person=person)
    user = school_staff(role, enrolment.school)
    client = Client()
    client.login(email=user.email, password=password)
    url = reverse("young_person_detail", args=[person.pk])

    grow(person, family, 1)
    few = queries(client, url)
    grow(person, family, 15)
    many = queries(client, url)

    assert many == few


def test_the_young_people_list_does_not_grow_queries_with_its_length(password):
    enrolment = EnrolmentFactory()
    head = school_staff(Role.HEAD_TEACHER, enrolment.school)
    client = Client()
    client.login(email=head.email, password=password)
    url = reverse("young_person_list")

    few = queries(client, url)
    EnrolmentFactory.create_batch(30, school=enrolment.school)
    many = queries(client, url)

    assert many == few


def test_a_taskforce_search_does_not_grow_queries_with_its_results(password):
    officer = user_with_role(Role.TASKFORCE)
    client = Client()
    client.login(email=officer.email, password=password)
    EnrolmentFactory(person__surname="Quillfeather")
    url = reverse("young_person_list") + "?q=Quillfeather"

    few = queries(client, url)
    EnrolmentFactory.create_batch(20, person__surname="Quillfeather")
    many = queries(client, url)

    assert many == few


def test_the_young_person_page_resolves_the_viewers_scope_once(password):
    """The record, its chronology and each relative are checked against one reading of
    the viewer's schools and pupils, however many relatives there are."""
    enrolment = EnrolmentFactory()
    person = enrolment.person
    family = FamilyFactory()
    FamilyMemberFactory(family=family, person=person)
    for _ in range(3):
        sibling = EnrolmentFactory(school=enrolment.school).person
        FamilyMemberFactory(family=family, person=sibling, relationship="sibling")
    head = school_staff(Role.HEAD_TEACHER, enrolment.school)
    client = Client()
    client.login(email=head.email, password=password)
    client.get(reverse("young_person_detail", args=[person.pk]))

    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("young_person_detail", args=[person.pk])).status_code == 200

    school_reads = [q for q in captured.captured_queries if "schools_schooluserobjectpermission" in q["sql"]]
    pupil_reads = [q for q in captured.captured_queries if '"schools_enrolment"."school_id" IN' in q["sql"]]
    assert len(school_reads) == 1
    assert len(pupil_reads) == 1
