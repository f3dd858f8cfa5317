"""A flag's life: raised, its evidence kept current, cleared when the evidence leaves
the window, raised anew by new evidence; versions kept; dismissal and review."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Notification
from accounts.roles import Role
from chronology.models import Feed
from risk.models import DismissalReason, Flag, FlagEvidence, FlagSettings, Review
from risk.models.flags import ClearedBecause
from risk.services.library import flags_switch, indicator_switch, indicator_version_add
from risk.services.review import flag_confirm, flag_dismiss
from tests.factories import EnrolmentFactory, FamilyMemberFactory, PersonFactory, SchoolFactory
from tests.factories.access import school_staff, user_with_role
from tests.risk.conftest import TODAY, compute, event, events_rule, flagged, make_indicator

pytestmark = pytest.mark.django_db

POLICE = Feed.Code.POLICE_INCIDENTS
OTHER = DismissalReason.OTHER


@pytest.fixture
def rule():
    return make_indicator([events_rule(["police_incident"], days=365)])


@pytest.fixture
def pupil():
    return EnrolmentFactory(school=SchoolFactory()).person


def test_a_flag_clears_when_its_evidence_leaves_the_window_and_is_raised_anew(rule, pupil):
    event(pupil, POLICE, "police_incident", 300)
    compute()
    first = Flag.objects.get(indicator=rule)

    compute(today=TODAY + timedelta(days=66))
    first.refresh_from_db()
    assert first.cleared_at is not None
    assert first.cleared_because == ClearedBecause.EVIDENCE_LEFT

    event(pupil, POLICE, "police_incident", -60)
    compute(today=TODAY + timedelta(days=66))
    second = Flag.objects.get(indicator=rule, cleared_at__isnull=True)
    assert second.pk != first.pk
    assert [e.occurred_on for e in second.evidence.all()] == [TODAY + timedelta(days=60)]


def test_evidence_follows_the_window_while_the_flag_stays(rule, pupil):
    old = event(pupil, POLICE, "police_incident", 360)
    event(pupil, POLICE, "police_incident", 10)
    compute()
    flag = Flag.objects.get(indicator=rule)
    assert flag.evidence.count() == 2

    result = compute(today=TODAY + timedelta(days=10))

    assert result.raised == result.cleared == 0
    assert Flag.objects.get(indicator=rule).pk == flag.pk
    assert not flag.evidence.filter(event=old).exists()


def test_editing_adds_a_version_and_flags_keep_the_one_that_raised_them(rule, pupil):
    event(pupil, POLICE, "police_incident", 10)
    compute()
    version = indicator_version_add(
        by=None,
        indicator=rule,
        name="Renamed",
        description="Now over two years.",
        rules=[events_rule(["police_incident"], days=730)],
        weight=3,
        needs_review=False,
        change_note="Arrests two years back still matter",
    )
    later = PersonFactory()
    event(later, POLICE, "police_incident", 500)
    compute()

    assert version.number == 2
    assert rule.versions.count() == 2
    assert Flag.objects.get(person=pupil).version.number == 1
    assert Flag.objects.get(person=later).version == version


def test_a_dismissed_flag_stays_dismissed_until_new_evidence_arrives(rule, pupil):
    event(pupil, POLICE, "police_incident", 30)
    compute()
    dsl = school_staff(Role.DSL, pupil.enrolments.get().school)
    flag = flag_dismiss(
        by=dsl,
        flag=Flag.objects.get(indicator=rule),
        reason=DismissalReason.KNOWN_AND_SUPPORTED,
        note="Known.",
    )

    compute()
    flag.refresh_from_db()
    assert flag.is_current
    assert flag.is_dismissed
    assert flag.dismissed_by == dsl

    event(pupil, POLICE, "police_incident", 1)
    compute()
    flag.refresh_from_db()
    assert flag.cleared_because == ClearedBecause.NEW_EVIDENCE
    fresh = Flag.objects.get(indicator=rule, cleared_at__isnull=True)
    assert not fresh.is_dismissed
    assert fresh.evidence.count() == 2


def test_dismissal_needs_a_reason_and_the_right_person(rule, pupil):
    event(pupil, POLICE, "police_incident", 30)
    compute()
    flag = Flag.objects.get(indicator=rule)
    school = pupil.enrolments.get().school
    with pytest.raises(PermissionDenied):
        flag_dismiss(
            by=school_staff(Role.HEAD_TEACHER, school), flag=flag, reason=DismissalReason.OTHER, note="x"
        )
    with pytest.raises(PermissionDenied):
        flag_dismiss(
            by=school_staff(Role.DSL, SchoolFactory()), flag=flag, reason=DismissalReason.OTHER, note="x"
        )
    dsl = school_staff(Role.DSL, school)
    with pytest.raises(ValidationError):
        flag_dismiss(by=dsl, flag=flag, reason=OTHER, note="  ")
    with pytest.raises(ValidationError):
        flag_dismiss(by=dsl, flag=flag, reason="because", note="")


def test_review_gates_what_schools_see_and_confirmation_alerts_the_dsl(pupil):
    rule = make_indicator([events_rule(["police_incident"])], needs_review=True)
    dsl = school_staff(Role.DSL, pupil.enrolments.get().school)
    event(pupil, POLICE, "police_incident", 30)
    compute()
    flag = Flag.objects.get(indicator=rule)
    assert flag.review == Review.PENDING
    assert not Notification.objects.filter(user=dsl).exists()
    with pytest.raises(PermissionDenied):
        flag_confirm(by=dsl, flag=flag)

    flag_confirm(by=user_with_role(Role.TASKFORCE), flag=flag)

    assert Flag.objects.get(pk=flag.pk).review == Review.CONFIRMED
    note = Notification.objects.get(user=dsl)
    assert note.person_id == pupil.pk
    assert pupil.surname not in note.title


def test_a_new_flag_alerts_the_schools_dsls_once(rule, pupil):
    school = pupil.enrolments.get().school
    dsl, head = school_staff(Role.DSL, school), school_staff(Role.HEAD_TEACHER, school)
    other_dsl = school_staff(Role.DSL, SchoolFactory())
    event(pupil, POLICE, "police_incident", 30)

    compute()
    compute()

    assert list(Notification.objects.values_list("user_id", flat=True)) == [dsl.pk]
    assert not Notification.objects.filter(user__in=[head, other_dsl]).exists()


def test_switching_an_indicator_off_clears_its_flags_and_the_portal_switch_stops_computing(rule, pupil):
    event(pupil, POLICE, "police_incident", 30)
    compute()
    indicator_switch(by=None, indicator=rule, enabled=False)
    compute()
    assert Flag.objects.get(indicator=rule).cleared_because == ClearedBecause.INDICATOR_OFF

    indicator_switch(by=None, indicator=rule, enabled=True)
    flags_switch(by=None, enabled=False)
    assert compute().skipped
    assert flagged(rule) == set()
    flags_switch(by=None, enabled=True)
    assert FlagSettings.current().flags_enabled
    compute()
    assert flagged(rule) == {pupil.pk}


def test_a_deleted_event_takes_its_evidence_and_a_removed_relative_leaves_the_evidence(rule, pupil):
    """The evidence holds no database constraint on the flag, the event or the relative it
    names; deleting any of them through the portal still removes or unlinks the evidence."""
    first, second = event(pupil, POLICE, "police_incident", 10), event(pupil, POLICE, "police_incident", 20)
    compute()
    flag = Flag.objects.get(indicator=rule)
    first.delete()
    assert set(flag.evidence.values_list("event_id", flat=True)) == {second.pk}
    relative = FamilyMemberFactory(person=PersonFactory())
    evidence = flag.evidence.get()
    evidence.relative = relative
    evidence.save()
    relative.delete()
    evidence.refresh_from_db()
    assert (evidence.event_id, evidence.relative_id) == (second.pk, None)
    flag.delete()
    assert not FlagEvidence.objects.filter(pk=evidence.pk).exists()


def test_switching_an_indicator_off_and_on_again_does_not_bring_back_a_dismissed_flag(rule, pupil):
    event(pupil, POLICE, "police_incident", 30)
    compute()
    dsl = school_staff(Role.DSL, pupil.enrolments.get().school)
    flag = flag_dismiss(by=dsl, flag=Flag.objects.get(indicator=rule), reason=OTHER, note="Known to us.")
    indicator_switch(by=None, indicator=rule, enabled=False)
    compute()
    indicator_switch(by=None, indicator=rule, enabled=True)

    compute()

    current = Flag.objects.get(indicator=rule, cleared_at__isnull=True)
    assert current.pk == flag.pk
    assert current.dismissed_by == dsl
    assert not Notification.objects.filter(user=dsl).exclude(created_at__lt=flag.dismissed_at).exists()

    event(pupil, POLICE, "police_incident", 1)
    compute()
    assert not Flag.objects.get(indicator=rule, cleared_at__isnull=True).is_dismissed


def test_a_switched_off_indicator_cannot_be_confirmed_and_alerts_nobody(rule, pupil):
    """The young person stays in the taskforce's caseload through another flag."""
    reviewed = make_indicator([events_rule(["police_incident"])], code="tq02", needs_review=True)
    event(pupil, POLICE, "police_incident", 30)
    compute()
    dsl = school_staff(Role.DSL, pupil.enrolments.get().school)
    flag = Flag.objects.get(indicator=reviewed)
    indicator_switch(by=None, indicator=reviewed, enabled=False)

    with pytest.raises(ValidationError):
        flag_confirm(by=user_with_role(Role.TASKFORCE), flag=flag)

    assert Flag.objects.get(pk=flag.pk).review == Review.PENDING
    assert not Notification.objects.filter(user=dsl).exists()
