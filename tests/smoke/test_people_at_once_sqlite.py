"""Several people using the demo at once, on the demo's SQLite file: every page view
writes an access-log entry, and two writes that met used to fail the page at once with
"database is locked" (a 500), found by a review that used the demo as two people."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from tests.concurrency import at_once
from tests.factories.access import school_staff
from tests.factories.schools import EnrolmentFactory

pytestmark = [pytest.mark.demo_smoke, pytest.mark.django_db(transaction=True)]

VIEWS_EACH = 15


def test_two_people_reading_records_at_the_same_time_both_see_every_page():
    assert connection.vendor == "sqlite"
    enrolments = EnrolmentFactory.create_batch(4)
    school = enrolments[0].school
    pupil = EnrolmentFactory(school=school).person
    readers = [school_staff(Role.HEAD_TEACHER, school), school_staff(Role.DSL, school)]
    pages = [reverse("young_person_list"), reverse("young_person_detail", args=[pupil.pk])]

    def reading(user: object, page: str) -> list[int]:
        client = Client()
        client.force_login(user)
        return [client.get(page).status_code for _ in range(VIEWS_EACH)]

    outcomes = at_once(*(lambda u=u, p=p: reading(u, p) for u in readers for p in pages))

    assert outcomes == [[200] * VIEWS_EACH] * len(readers) * len(pages)
