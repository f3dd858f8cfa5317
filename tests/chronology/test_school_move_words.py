"""A pupil's school moves in their chronology. The census records a pupil's year group
as it is now (or, for a school they left, as it was when they left), not the year they
joined in: the demo's pupil who joined a secondary school in year 7 in 2022 read
"Joined Carrow Hill Academy, year 11" on 7 Sep 2022 in the chronology a case meeting
reads."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from tests.factories import EnrolmentFactory, PersonFactory, SchoolFactory
from tests.factories.access import school_staff

pytestmark = pytest.mark.django_db


def test_a_move_says_the_year_group_the_census_recorded_and_when_it_held():
    pupil = PersonFactory(forename="Ada", surname="Moss")
    old = SchoolFactory(name="Fenwick Academy")
    new = SchoolFactory(name="Carrow Hill Academy")
    EnrolmentFactory(
        person=pupil,
        school=old,
        year_group="8",
        entry_date=datetime.date(2022, 9, 7),
        leaving_date=datetime.date(2024, 4, 19),
    )
    EnrolmentFactory(person=pupil, school=new, year_group="11", entry_date=datetime.date(2024, 4, 22))
    client = Client()
    client.force_login(school_staff(Role.DSL, new))

    body = client.get(reverse("chronology:timeline", args=[pupil.pk])).content.decode()

    assert "Joined Carrow Hill Academy; in year 11 now" in body
    assert re.search(r"Joined Fenwick Academy\s*<", body)
    assert "Left Fenwick Academy in year 8" in body
    assert ", year 11" not in body
    assert ", year 8" not in body
