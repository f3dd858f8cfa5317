"""A safeguarding lead's notifications say which trigger points a pupil gained, in the
words the reader may see on the pupil's record, so the morning's news can be triaged
from /notifications/; the emails still name neither the pupil nor a trigger point."""

import re
from datetime import timedelta
from itertools import count

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.access import ADDITIONAL_FACTOR
from accounts.models import AccessLogEntry, EmailPreference, Notification
from accounts.roles import Role
from accounts.services.assignments import assign_school
from accounts.services.notifications import notification_digests_send, notify
from accounts.services.roles import set_role
from chronology.models import Sensitivity
from risk.models import DismissalReason, Review
from risk.services.alerts import KIND, alert_new_flags
from risk.services.review import flag_dismiss
from tests.factories import EnrolmentFactory, SchoolFactory
from tests.factories.access import school_staff
from tests.factories.risk import FlagFactory, IndicatorVersionFactory

pytestmark = pytest.mark.django_db

SUSPENSIONS = "Two or more suspensions"
INTELLIGENCE = "Police intelligence with an exploitation marker"
MISSING = "Missing from home twice or more"


@pytest.fixture
def school():
    return SchoolFactory()


@pytest.fixture
def dsl(school):
    return school_staff(Role.DSL, school)


@pytest.fixture
def pupil(school):
    return EnrolmentFactory(
        school=school, person__forename="Zephyrine", person__surname="Quillfeather"
    ).person


def _flag(person, code: str, name: str, sensitivity: str = Sensitivity.EDUCATION, **fields):
    version = IndicatorVersionFactory(indicator__code=code, name=name)
    return FlagFactory(person=person, version=version, sensitivity=sensitivity, **fields)


def _page(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 200
    return response.content.decode()


def _text(html: str) -> str:
    """The page as it reads, without its markup."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _alerted(pupil):
    """The pupil gains a suspensions and a restricted intelligence trigger point, and
    their school's DSLs are told; a trigger point they already had is not news."""
    _flag(pupil, "tp07", MISSING, raised_at=timezone.now() - timedelta(days=30))
    suspensions = _flag(pupil, "tp04", SUSPENSIONS)
    intelligence = _flag(pupil, "tp08", INTELLIGENCE, Sensitivity.RESTRICTED)
    assert alert_new_flags(flag_ids=[suspensions.pk, intelligence.pk]) == 1
    return suspensions, intelligence


def test_a_dsl_reads_which_trigger_points_the_pupil_gained_and_the_page_logs_the_pupil(client, dsl, pupil):
    _alerted(pupil)
    notify(users=[dsl], kind=KIND, title="A pupil has a new trigger point", person=pupil)  # sent before

    body = _page(client, dsl)

    assert escape(pupil.full_name) in body
    assert "tp04 Two or more suspensions" in body
    assert f"tp08 {INTELLIGENCE}" in body, "a DSL sees restricted trigger points by name"
    assert MISSING not in body, "only the trigger points the notification was about"
    assert body.count("tp04 Two or more suspensions") == 1, "the older notification lists none"
    entry = AccessLogEntry.objects.get(actor=dsl)
    assert list(entry.subjects.values_list("person_id", flat=True)) == [pupil.pk]


def test_a_restricted_trigger_point_reads_as_an_additional_factor_to_a_reader_who_may_not_name_it(
    client, dsl, pupil, school
):
    """The DSL has become the school's head teacher: their old notifications now read as
    the pupil's record reads to them."""
    _alerted(pupil)
    set_role(by=None, user=dsl, role=Role.HEAD_TEACHER)
    assign_school(by=None, user=dsl, school=school, role=Role.HEAD_TEACHER)

    body = _page(client, dsl)

    assert escape(pupil.full_name) in body
    assert "tp04 Two or more suspensions" in body
    assert ADDITIONAL_FACTOR in body
    assert INTELLIGENCE not in body
    assert "tp08" not in body


def test_a_dismissed_or_cleared_trigger_point_says_so(client, dsl, pupil):
    suspensions, intelligence = _alerted(pupil)
    flag_dismiss(by=dsl, flag=suspensions, reason=DismissalReason.KNOWN_AND_SUPPORTED, note="Known.")
    intelligence.cleared_at = timezone.now()
    intelligence.save(update_fields=["cleared_at"])

    body = _page(client, dsl)
    text = _text(body)

    assert "tp04 Two or more suspensions since dismissed" in text
    assert f"tp08 {INTELLIGENCE} since cleared" in text
    # At the size of the line it qualifies, not a larger box wrapping on its own.
    assert '<strong class="govuk-tag govuk-tag--grey portal-tag--inline">since cleared</strong>' in body


def test_a_trigger_point_waiting_for_review_is_never_named_to_school_staff(client, dsl, pupil):
    """None is sent for one (alert_new_flags leaves them out), but the page does not
    rely on its caller for that."""
    waiting = _flag(pupil, "tp08", INTELLIGENCE, review=Review.PENDING)
    notify(
        users=[dsl], kind=KIND, title="A pupil has a new trigger point", person=pupil, object_ids=[waiting.pk]
    )

    body = _page(client, dsl)

    assert escape(pupil.full_name) in body
    assert INTELLIGENCE not in body
    assert ADDITIONAL_FACTOR not in body


def test_a_pupil_who_left_the_school_shows_nothing_of_their_trigger_points(client, dsl, pupil, school):
    _alerted(pupil)
    staying = EnrolmentFactory(school=school).person
    alert_new_flags(flag_ids=[_flag(staying, "tp14", "Mental-health crisis admission").pk])
    pupil.enrolments.update(leaving_date=timezone.localdate() - timedelta(days=1))

    body = _page(client, dsl)

    assert "tp14 Mental-health crisis admission" in body, "the pupil still at the school"
    assert "no longer one of your young people" in body
    assert escape(pupil.surname) not in body
    assert SUSPENSIONS not in body
    assert INTELLIGENCE not in body
    assert ADDITIONAL_FACTOR not in body
    entry = AccessLogEntry.objects.get(actor=dsl)
    assert list(entry.subjects.values_list("person_id", flat=True)) == [staying.pk]


@pytest.mark.parametrize("preference", [EmailPreference.EACH, EmailPreference.DAILY])
def test_the_email_names_no_trigger_point_and_no_pupil(
    client, dsl, pupil, preference, django_capture_on_commit_callbacks
):
    """What the page shows of the notification stays in the portal."""
    dsl.notification_email = preference
    dsl.save(update_fields=["notification_email"])
    with django_capture_on_commit_callbacks(execute=True):
        _alerted(pupil)
    notification_digests_send()

    (message,) = mail.outbox
    assert message.subject.endswith(
        "A pupil has 2 new trigger points" if preference == EmailPreference.EACH else "1 new notification"
    )
    page = _page(client, dsl)
    for word in ("tp04", "tp08", SUSPENSIONS, INTELLIGENCE, pupil.surname, pupil.forename):
        assert word in page
        assert word not in message.subject
        assert word not in message.body


def test_the_pages_queries_do_not_grow_with_its_trigger_point_notifications(client, dsl, school):
    """The trigger points of every notification on the page are read at once."""
    client.force_login(dsl)
    codes = count()

    def with_pupils(n: int) -> int:
        for i in range(n):
            pupil = EnrolmentFactory(school=school).person
            flags = [
                _flag(pupil, f"tq{next(codes)}", f"Trigger point {i}a"),
                _flag(pupil, f"tq{next(codes)}", f"Trigger point {i}b", Sensitivity.RESTRICTED),
            ]
            alert_new_flags(flag_ids=[f.pk for f in flags])
        flag_dismiss(by=dsl, flag=flags[0], reason=DismissalReason.KNOWN_AND_SUPPORTED, note="Known.")
        with CaptureQueriesContext(connection) as captured:
            assert f"Trigger point {n - 1}b" in client.get(reverse("notifications:list")).content.decode()
        return len(captured)

    assert with_pupils(2) == with_pupils(6)
    assert Notification.objects.filter(user=dsl).count() == 8
