"""Counts that run past 999 carry a thousands separator wherever the same page or its
neighbours already use one: a chronology of 1,234 entries on the young person's page,
the chronology and its printout; an import's progress beside its summary of rows."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from chronology.models import Event, Feed, FeedRun, Sensitivity
from tests.factories import EnrolmentFactory, EventFactory, FeedFactory, FeedRunFactory
from tests.factories.access import school_staff, user_with_role
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def pupil_and_dsl():
    enrolment = EnrolmentFactory()
    return enrolment.person, school_staff(Role.DSL, enrolment.school)


def _entries(person, n: int) -> None:
    """`n` chronology entries in all: the enrolment's "Joined a school" is one."""
    feed = FeedFactory(code=Feed.Code.SUSPENSIONS, default_sensitivity=Sensitivity.EDUCATION)
    Event.objects.bulk_create(
        EventFactory.build(person=person, feed=feed, category="suspension", summary="Suspension")
        for _ in range(n - 1)
    )


@pytest.mark.parametrize(("n", "words"), [(1, "1 entry"), (1234, "1,234 entries")])
def test_the_chronology_counts_its_entries_with_a_separator(client, pupil_and_dsl, n, words):
    pupil, dsl = pupil_and_dsl
    _entries(pupil, n)
    client.force_login(dsl)
    assert f"{words} " in page_text(client.get(reverse("chronology:timeline", args=[pupil.pk])))


def test_the_young_persons_page_and_the_printout_count_1234_entries_as_1_234(client, pupil_and_dsl):
    pupil, dsl = pupil_and_dsl
    _entries(pupil, 1234)
    client.force_login(dsl)
    detail = page_text(client.get(reverse("young_person_detail", args=[pupil.pk])))
    assert "most recent of 1,234 entries" in detail
    printed = page_text(client.get(reverse("chronology:timeline_print", args=[pupil.pk])))
    assert "Entries 1,234" in printed


def test_an_import_under_way_counts_its_rows_with_a_separator(client):
    run = FeedRunFactory(status=FeedRun.Status.RUNNING, rows_done=1234, rows_total=12345)
    client.force_login(user_with_role(Role.DATA_OFFICER))
    page = page_text(client.get(reverse("chronology:run", args=[run.pk])))
    assert "Importing: 1,234 of 12,345 rows done." in page
