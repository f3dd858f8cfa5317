"""The dashboard, the flagged list, its CSV and the city overview run the same number
of queries however many pupils are flagged."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from chronology.models import Sensitivity
from tests.factories import EnrolmentFactory, SchoolFactory
from tests.factories.access import school_staff, user_with_role
from tests.factories.risk import FlagFactory, IndicatorVersionFactory
from tests.risk.pages_world import client_for

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def flag_pupils(school, versions, n: int) -> None:
    """Each pupil: one of the first trigger points, and the last one unnamed for a head
    teacher (restricted evidence)."""
    for i in range(n):
        pupil = EnrolmentFactory(school=school).person
        FlagFactory(person=pupil, version=versions[i % 2], sensitivity=Sensitivity.EDUCATION)
        FlagFactory(person=pupil, version=versions[2], sensitivity=Sensitivity.RESTRICTED)


def test_school_pages_do_not_grow_queries_with_the_flagged_pupils():
    school = SchoolFactory()
    versions = [IndicatorVersionFactory(indicator__code=f"tp0{i}") for i in range(1, 4)]
    head = client_for(school_staff(Role.HEAD_TEACHER, school))
    taskforce = client_for(user_with_role(Role.TASKFORCE))
    pages = [
        (head, reverse("trigger_points:dashboard")),
        (head, reverse("trigger_points:flagged")),
        (head, reverse("trigger_points:flagged") + "?sort=tier&tier=medium"),
        (head, reverse("trigger_points:flagged_csv")),
        (head, reverse("trigger_points:flagged_print")),
        (taskforce, reverse("trigger_points:city")),
        (taskforce, reverse("trigger_points:flagged")),
    ]
    flag_pupils(school, versions, 2)
    few = [queries(client, url) for client, url in pages]
    flag_pupils(school, versions, 12)
    many = [queries(client, url) for client, url in pages]
    assert many == few
