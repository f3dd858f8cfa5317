"""Opening a notification marks it read: a DSL working through the week's fifty new
notifications one by one saw "52 new" however many they had opened, and could tell
the ones dealt with from the rest only by "Mark all as read"."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification
from accounts.roles import Role
from accounts.services.notifications import notify
from tests.factories import EnrolmentFactory, SchoolFactory
from tests.factories.access import school_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def dsl():
    return school_staff(Role.DSL, SchoolFactory())


def _notified(dsl, **fields) -> Notification:
    notify(users=[dsl], kind="test", title="A pupil has a new trigger point", **fields)
    return Notification.objects.filter(user=dsl).latest("pk")


def test_the_list_links_through_the_notification_which_opens_its_page_and_marks_it_read(client, dsl):
    pupil = EnrolmentFactory(school=dsl.school_assignments.get().school).person
    page = reverse("young_person_detail", args=[pupil.pk])
    first, second = _notified(dsl, url=page, person=pupil), _notified(dsl, url=page, person=pupil)
    client.force_login(dsl)
    opening = reverse("notifications:open", args=[first.pk])
    assert f'href="{opening}"' in client.get(reverse("notifications:list")).content.decode()

    response = client.get(opening)

    assert response.status_code == 302
    assert response["Location"] == page
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None
    assert second.read_at is None
    assert "1 new" in client.get(reverse("notifications:list")).content.decode()


def test_one_about_a_pupil_no_longer_theirs_is_marked_read_and_leads_back_to_the_list(client, dsl):
    pupil = EnrolmentFactory(school=dsl.school_assignments.get().school).person
    notification = _notified(dsl, url=reverse("young_person_detail", args=[pupil.pk]), person=pupil)
    pupil.enrolments.update(leaving_date=timezone.localdate() - timedelta(days=1))
    client.force_login(dsl)

    response = client.get(reverse("notifications:open", args=[notification.pk]))

    assert response["Location"] == reverse("notifications:list")
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_someone_elses_notification_is_not_found_and_stays_unread(client, dsl):
    notification = _notified(dsl, url="/feed-health/")
    client.force_login(school_staff(Role.DSL, SchoolFactory()))
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None
