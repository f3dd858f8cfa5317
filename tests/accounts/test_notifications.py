"""Notifications: written for active users, named young people only while the reader may
see them (and logged), emails that carry no personal data, sent once."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import AccessLogEntry, EmailPreference, Notification
from accounts.roles import Role
from accounts.services.notifications import notification_digests_send, notifications_email, notify
from accounts.services.users import user_deactivate
from tests.error_summary import assert_error_links_land
from tests.factories import EnrolmentFactory, SchoolFactory
from tests.factories.access import school_staff, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def dsl():
    return school_staff(Role.DSL, SchoolFactory())


def _pupil_of(user):
    """Named so that no other word on a page or in an email can be taken for the name: a
    generated surname ("Lewis") also turned up in a reader's or a school's name."""
    return EnrolmentFactory(
        school=user.school_assignments.first().school,
        person__forename="Zephyrine",
        person__surname="Quillfeather",
    ).person


def test_notify_writes_one_per_active_user_and_skips_the_deactivated(dsl):
    gone = user_with_role(Role.DSL)
    user_deactivate(by=None, user=gone)
    assert notify(users=[dsl, gone], kind="test", title="A new trigger point") == 1
    assert Notification.objects.get().user == dsl


def test_a_service_account_is_never_notified():
    """An integration given a data officer's role signs in to nothing: a doubtful link or
    a feed problem sent to it would be read by nobody."""
    officer = user_with_role(Role.DATA_OFFICER)
    service = user_with_role(Role.DATA_OFFICER)
    service.is_service_account = True
    service.save(update_fields=["is_service_account"])
    assert notify(users=[officer, service], kind="feed_health", title="A feed is overdue") == 1
    assert list(Notification.objects.values_list("user", flat=True)) == [officer.pk]


def test_each_preference_emails_once_after_commit_without_the_childs_name(
    dsl, django_capture_on_commit_callbacks
):
    dsl.notification_email = EmailPreference.EACH
    dsl.save()
    pupil = _pupil_of(dsl)
    record = reverse("young_person_detail", args=[pupil.pk])
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[dsl], kind="test", title="A pupil gained a trigger point", url=record, person=pupil)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [dsl.email]
    assert "A pupil gained a trigger point" in message.subject
    assert pupil.surname not in message.body
    assert pupil.forename not in message.body
    assert record not in message.body, "not even the record's number: the email links to the notifications"
    assert "/notifications/\n" in message.body
    assert Notification.objects.get().emailed_at is not None
    assert notification_digests_send() == 0
    assert len(mail.outbox) == 1


def test_daily_digest_collects_a_users_notifications_into_one_email_once(dsl):
    other = user_with_role(Role.TASKFORCE, notification_email=EmailPreference.NONE)
    for i in range(3):
        notify(users=[dsl, other], kind="test", title=f"Referral {i} changed")
    assert mail.outbox == []
    assert notification_digests_send() == 1
    assert len(mail.outbox) == 1
    assert "3 new notifications" in mail.outbox[0].subject
    assert all(f"Referral {i} changed" in mail.outbox[0].body for i in range(3))
    assert f"{settings.PORTAL_BASE_URL.rstrip('/')}/notifications/\n" in mail.outbox[0].body, (
        "a digest links to the notifications it lists, as a single email does"
    )
    assert notification_digests_send() == 0


def test_a_digest_of_one_says_one_notification(dsl):
    notify(users=[dsl], kind="test", title="A referral changed")
    assert notification_digests_send() == 1
    assert mail.outbox[0].subject.endswith(": 1 new notification")


def test_a_second_digest_run_on_the_same_day_waits_for_the_next_day(dsl):
    morning = timezone.localtime().replace(hour=7, minute=0)
    notify(users=[dsl], kind="test", title="A pupil has a new trigger point")
    assert notification_digests_send(now=morning) == 1
    notify(users=[dsl], kind="test", title="A pupil has 2 new trigger points")

    assert notification_digests_send(now=morning + timedelta(hours=3)) == 0
    assert notification_digests_send(now=morning + timedelta(days=1)) == 1
    assert len(mail.outbox) == 2
    assert "2 new trigger points" in mail.outbox[1].body


def test_page_names_a_visible_pupil_and_logs_it(client, dsl):
    pupil = _pupil_of(dsl)
    notify(users=[dsl], kind="test", title="A pupil gained a trigger point", person=pupil)
    client.force_login(dsl)
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 200
    assert escape(pupil.full_name) in response.content.decode()
    entry = AccessLogEntry.objects.get(actor=dsl)
    assert list(entry.subjects.values_list("person_id", flat=True)) == [pupil.pk]


def test_page_hides_a_pupil_who_left_the_readers_school(client, dsl):
    pupil = _pupil_of(dsl)
    notify(users=[dsl], kind="test", title="A pupil gained a trigger point", person=pupil)
    pupil.enrolments.update(leaving_date=timezone.localdate() - timedelta(days=1))
    client.force_login(dsl)
    body = client.get(reverse("notifications:list")).content.decode()
    assert escape(pupil.surname) not in body
    assert "no longer one of your young people" in body
    assert not AccessLogEntry.objects.get(actor=dsl).subjects.exists()


def test_a_notification_about_someone_no_longer_theirs_is_not_a_link(client, dsl):
    """Its page would refuse them (a worker's closed intervention answers 404): the title
    stays, as a record of what happened, without a link to a dead end."""
    pupil = _pupil_of(dsl)
    url = reverse("young_person_detail", args=[pupil.pk])
    notify(users=[dsl], kind="test", title="A pupil gained a trigger point", url=url, person=pupil)
    notify(users=[dsl], kind="test", title="A feed is overdue", url="/feed-health/")
    about_pupil, about_feed = (
        reverse("notifications:open", args=[n.pk]) for n in Notification.objects.order_by("pk")
    )
    client.force_login(dsl)
    assert f'href="{about_pupil}"' in client.get(reverse("notifications:list")).content.decode()
    pupil.enrolments.update(leaving_date=timezone.localdate() - timedelta(days=1))
    body = client.get(reverse("notifications:list")).content.decode()
    assert f'href="{about_pupil}"' not in body
    assert "A pupil gained a trigger point" in body
    assert f'href="{about_feed}"' in body


@pytest.mark.parametrize("role", [Role.DSL, Role.TASKFORCE])
def test_the_page_does_not_grow_queries_with_its_length(client, role):
    """Whom each row may name is asked of the access layer for the whole page at once:
    the school's pupils by id, the taskforce's caseload in one query."""
    school = SchoolFactory()
    reader = school_staff(role, school) if role == Role.DSL else user_with_role(role)
    client.force_login(reader)
    url = reverse("notifications:list")

    def about_pupils(n: int) -> int:
        for _ in range(n):
            notify(users=[reader], kind="test", title="t", person=EnrolmentFactory(school=school).person)
            notify(users=[reader], kind="test", title="t", person=EnrolmentFactory().person)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert about_pupils(2) == about_pupils(18)


def test_unread_count_in_the_header_and_mark_all_read(client, dsl):
    notify(users=[dsl], kind="test", title="Feed overdue")
    client.force_login(dsl)
    assert "1 new" in client.get(reverse("home")).content.decode()
    client.post(reverse("notifications:read"))
    assert "1 new" not in client.get(reverse("home")).content.decode()
    assert Notification.objects.get().read_at is not None


def test_a_user_sees_only_their_own_notifications(client, dsl):
    notify(users=[dsl], kind="test", title="Only for the DSL")
    other = user_with_role(Role.IG_OFFICER)
    client.force_login(other)
    assert "Only for the DSL" not in client.get(reverse("notifications:list")).content.decode()


def test_email_preference_is_saved_and_bad_values_refused(client, dsl):
    client.force_login(dsl)
    url = reverse("notifications:settings")
    refused = client.post(url, {"notification_email": "nonsense"})
    assert refused.status_code == 200
    assert_error_links_land(refused.content.decode(), radios=("notification_email",))
    client.post(url, {"notification_email": "none"})
    dsl.refresh_from_db()
    assert dsl.notification_email == EmailPreference.NONE


def test_choosing_the_digest_after_none_sends_only_what_arrives_from_then_on(client, dsl):
    dsl.notification_email = EmailPreference.NONE
    dsl.save()
    notify(users=[dsl], kind="test", title="Old news from last term")
    client.force_login(dsl)
    client.post(reverse("notifications:settings"), {"notification_email": "daily"})
    notify(users=[dsl], kind="test", title="A pupil has a new trigger point")

    assert notification_digests_send(now=timezone.now() + timedelta(minutes=1)) == 1
    body = mail.outbox[0].body
    assert "1 new notification" in mail.outbox[0].subject
    assert "A pupil has a new trigger point" in body
    assert "Old news from last term" not in body


def test_saving_the_same_preference_again_keeps_the_digests_backlog(client, dsl):
    notify(users=[dsl], kind="test", title="Arrived while on the daily digest")
    client.force_login(dsl)
    client.post(reverse("notifications:settings"), {"notification_email": "daily"})

    assert notification_digests_send() == 1
    assert "Arrived while on the daily digest" in mail.outbox[0].body


@pytest.mark.parametrize("body", ["", "Review date 5 December 2026."])
def test_an_email_opens_with_its_body_or_its_link_never_a_blank_line(dsl, body):
    """Most notifications have a title only; their email began with an empty line."""
    dsl.notification_email = EmailPreference.EACH
    dsl.save()
    notify(users=[dsl], kind="test", title="A referral to SAFE was accepted", body=body)
    notifications_email(ids=Notification.objects.values_list("pk", flat=True))
    (message,) = mail.outbox
    first = message.body.splitlines()[0]
    assert first == (body or f"{settings.PORTAL_BASE_URL.rstrip('/')}/notifications/")
