"""The demo's replay of the nightly trigger-point runs, when the demo is seeded today."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from accounts.models import Notification
from accounts.roles import Role
from chronology.models import Feed
from chronology.services.register import install_demonstration_register
from portal.demo.indicator_versions import CHANGE_NOTE
from portal.demo.trigger_points import (
    DSL_DISMISSALS,
    OTHER_TASKFORCE_REASON,
    TASKFORCE_REASONS,
    seed_trigger_points,
)
from portal.demo.users import assign_demo_schools, create_demo_users
from risk.models import DismissalReason, Flag, Indicator, IndicatorVersion, Review
from risk.models.flags import ClearedBecause
from tests.factories import (
    EnrolmentFactory,
    EventFactory,
    FamilyFactory,
    FamilyMemberFactory,
    SchoolFactory,
)

pytestmark = pytest.mark.django_db


def test_seeded_before_the_nightly_run_nothing_is_dated_later_than_now(monkeypatch):
    """Seeded at half past midnight, the demo raised today's flags "at 02:00" and told
    the DSL about them then: an hour and a half in the future, the newest first on the
    notifications page."""
    users = create_demo_users()
    install_demonstration_register(by=users[Role.ADMINISTRATOR])
    school = SchoolFactory()
    assign_demo_schools(by=None, first=school, second=SchoolFactory())
    today = timezone.localdate()
    half_past_midnight = timezone.make_aware(datetime.combine(today, time(0, 30)))
    monkeypatch.setattr(timezone, "now", lambda: half_past_midnight)
    pupil = EnrolmentFactory(school=school).person
    arrests = Feed.objects.get(code="police_incidents")
    EventFactory(person=pupil, feed=arrests, occurred_on=today, details={"role": "arrested"})

    seed_trigger_points(users=users, school=school, today=today)

    flags = Flag.objects.filter(person=pupil)
    assert flags.exists()
    assert not flags.filter(raised_at__gt=half_past_midnight).exists()
    assert not Notification.objects.filter(created_at__gt=half_past_midnight).exists()


def test_seeded_on_a_friday_the_flags_are_reviewed_on_weekdays():
    """The runs fall on the weekday of seeding, and the taskforce reviewed each the next
    morning: seeded on a Friday, every review was on a Saturday."""
    users = create_demo_users()
    install_demonstration_register(by=users[Role.ADMINISTRATOR])
    school = SchoolFactory()
    assign_demo_schools(by=None, first=school, second=SchoolFactory())
    today = timezone.localdate()
    friday = today - timedelta(days=(today.weekday() - 4) % 7)
    health = Feed.objects.get(code="health")
    for weeks in (3, 4, 5, 6, 7, 8):
        pupil = EnrolmentFactory(school=school).person
        day = friday - timedelta(weeks=weeks)
        EventFactory(person=pupil, feed=health, category="health_camhs_referral", occurred_on=day)

    seed_trigger_points(users=users, school=school, today=friday)

    reviewed = Flag.objects.exclude(review=Review.PENDING, dismissed_at__isnull=True)
    assert reviewed.count() >= 4
    for flag in reviewed:
        when = flag.dismissed_at or flag.reviewed_at
        assert timezone.localtime(when).weekday() < 5, when


def test_the_demo_dismisses_flags_with_every_reason_there_is():
    """The outcomes page's reasons for dismissal each have a flag to show."""
    given = {reason for _, (reason, _) in DSL_DISMISSALS} | {OTHER_TASKFORCE_REASON[0]}
    given |= {reason for reasons in TASKFORCE_REASONS.values() for reason, _ in reasons}
    assert given == set(DismissalReason)


def test_the_administrator_tightens_one_indicator_between_the_runs_and_flags_keep_their_version():
    """Every demo indicator was at version 1, made when the demo was seeded, after the
    flags it had raised weeks before: the demo showed no versioning."""
    users = create_demo_users()
    admin = users[Role.ADMINISTRATOR]
    install_demonstration_register(by=admin)
    school = SchoolFactory()
    assign_demo_schools(by=None, first=school, second=SchoolFactory())
    today = timezone.localdate()
    abuse = Feed.objects.get(code="domestic_abuse")

    def notified(days_ago: int):
        pupil = EnrolmentFactory(school=school).person
        family = FamilyFactory()
        FamilyMemberFactory(family=family, person=pupil)
        day = today - timedelta(days=days_ago)
        EventFactory(
            person=None, family=family, feed=abuse, category="domestic_abuse_notification", occurred_on=day
        )
        return pupil

    long_ago, months_ago, this_week = notified(300), notified(90), notified(3)

    seed_trigger_points(users=users, school=school, today=today)

    tp13 = Indicator.objects.get(code="tp13")
    first, second = tp13.versions.order_by("number")
    assert (second.created_by, second.change_note) == (admin, CHANGE_NOTE)
    assert [rule["params"]["days"] for rule in second.rules] == [182]
    assert "6 months" in second.description
    first_run = Flag.objects.order_by("raised_at").first().raised_at
    assert first.created_at < first_run < second.created_at < timezone.now()
    assert timezone.localtime(second.created_at).weekday() < 5
    assert not IndicatorVersion.objects.exclude(indicator=tp13).filter(number__gt=1).exists()
    flags = {flag.person_id: flag for flag in Flag.objects.filter(indicator=tp13)}
    left = flags[long_ago.pk]
    assert (left.version, left.cleared_because) == (first, ClearedBecause.EVIDENCE_LEFT)
    assert left.cleared_at > second.created_at, "cleared by the first run after the edit"
    assert (flags[months_ago.pk].version, flags[months_ago.pk].cleared_at) == (first, None)
    assert flags[this_week.pk].version == second
