"""The dashboard, the flagged list, its CSV and the city overview run the same number
of queries however many pupils are flagged."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from chronology.models import Sensitivity
from risk.models import FlagSettings, Review
from tests.factories import EnrolmentFactory, SchoolFactory
from tests.factories.access import school_staff, user_with_role
from tests.factories.risk import FlagEvidenceFactory, FlagFactory, IndicatorVersionFactory
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


def test_each_page_reads_the_trigger_point_settings_once_and_sees_a_change_at_once():
    school = SchoolFactory()
    versions = [IndicatorVersionFactory(indicator__code=f"tp0{i}") for i in range(1, 4)]
    flag_pupils(school, versions, 3)
    head = client_for(school_staff(Role.HEAD_TEACHER, school))
    url = reverse("trigger_points:flagged")
    head.get(url)
    with CaptureQueriesContext(connection) as captured:
        page = head.get(url)
    assert page.status_code == 200
    assert len(page.context["page"].object_list) == 3
    reads = [q["sql"] for q in captured if FlagSettings._meta.db_table in q["sql"]]
    assert len(reads) == 1

    FlagSettings.objects.update_or_create(pk=1, defaults={"flags_enabled": False})
    assert b"switched off for the whole portal" in head.get(url).content


def test_the_review_queue_does_not_grow_queries_with_the_flags_waiting():
    """Each row's evidence card is read for the whole page at once, not per young person."""
    taskforce = client_for(user_with_role(Role.TASKFORCE))
    url = reverse("risk:review_queue")

    def waiting(n: int) -> None:
        for _ in range(n):
            flag = FlagFactory(person=EnrolmentFactory().person, review=Review.PENDING)
            FlagEvidenceFactory(flag=flag)

    waiting(2)
    few = queries(taskforce, url)
    waiting(18)
    page = taskforce.get(url)
    assert len(page.context["rows"]) == 20
    assert all(card is not None and card.evidence for _, card in page.context["rows"])
    assert queries(taskforce, url) == few
