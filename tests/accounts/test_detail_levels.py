"""Sensitivity tiers (DESIGN.md section 5), applied by accounts.access for every caller."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.access import RESTRICTED_NOTICE, DetailLevel, detail_level, family_for
from accounts.roles import Role
from chronology.models import AttendanceWeek, Feed, Sensitivity
from tests.accounts.chronology_seen import chronology_seen
from tests.factories import (
    BreakGlassFactory,
    EnrolmentFactory,
    EventFactory,
    FamilyMemberFactory,
    FeedFactory,
    PersonFactory,
    SchoolFactory,
)
from tests.factories.access import school_staff, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def pupil_with_events():
    school = SchoolFactory()
    pupil = EnrolmentFactory(school=school).person
    EventFactory(person=pupil, feed=FeedFactory(code=Feed.Code.ATTENDANCE, default_sensitivity="education"),
                 category="persistent_absence", summary="Attendance 82% this term")  # fmt: skip
    EventFactory(person=pupil, feed=FeedFactory(code=Feed.Code.EARLY_HELP), sensitivity=Sensitivity.PARTNER,
                 category="early_help_episode", summary="Early help assessment opened")  # fmt: skip
    EventFactory(person=pupil, feed=FeedFactory(code=Feed.Code.POLICE_INTELLIGENCE),
                 sensitivity=Sensitivity.RESTRICTED, category="police_intelligence",
                 summary="Seen with older males linked to county lines")  # fmt: skip
    EventFactory(person=pupil, feed=FeedFactory(code=Feed.Code.HEALTH), sensitivity=Sensitivity.RESTRICTED,
                 category="camhs_referral", summary="CAMHS referral for self-harm")  # fmt: skip
    return school, pupil


def _by_category(chronology):
    return {row.category: row for row in chronology.rows}


def test_head_teacher_sees_education_in_full_partner_as_category_and_date_and_one_restricted_line(
    pupil_with_events,
):
    school, pupil = pupil_with_events
    chronology = chronology_seen(school_staff(Role.HEAD_TEACHER, school), pupil)
    rows = _by_category(chronology)
    assert set(rows) == {"Persistent absence", "Early help episode"}
    assert rows["Persistent absence"].summary == "Attendance 82% this term"
    assert rows["Early help episode"].summary is None
    assert rows["Early help episode"].source is None
    assert rows["Early help episode"].level == DetailLevel.CATEGORY_AND_DATE
    assert chronology.restricted_notice == RESTRICTED_NOTICE


def test_dsl_sees_partner_in_full_and_restricted_as_category_and_date(pupil_with_events):
    school, pupil = pupil_with_events
    chronology = chronology_seen(school_staff(Role.DSL, school), pupil)
    rows = _by_category(chronology)
    assert rows["Early help episode"].summary == "Early help assessment opened"
    assert rows["Police intelligence"].summary is None
    assert rows["Police intelligence"].occurred_on
    assert rows["Camhs referral"].level == DetailLevel.CATEGORY_AND_DATE
    assert chronology.restricted_notice is None


def test_taskforce_sees_everything(pupil_with_events):
    _school, pupil = pupil_with_events
    officer = user_with_role(Role.TASKFORCE)
    BreakGlassFactory(user=officer, person=pupil)
    rows = chronology_seen(officer, pupil).rows
    assert len(rows) == 4
    assert all(row.level == DetailLevel.FULL and row.summary for row in rows)


def test_no_notice_when_nothing_is_restricted():
    school = SchoolFactory()
    pupil = EnrolmentFactory(school=school).person
    EventFactory(person=pupil, sensitivity=Sensitivity.PARTNER)
    assert chronology_seen(school_staff(Role.HEAD_TEACHER, school), pupil).restricted_notice is None


def test_family_events_are_at_least_partner_and_marked_as_family():
    school = SchoolFactory()
    pupil = EnrolmentFactory(school=school).person
    sibling = PersonFactory(sex="F")
    membership = FamilyMemberFactory(person=pupil)
    FamilyMemberFactory(family=membership.family, person=sibling, relationship="sibling")
    education = FeedFactory(code=Feed.Code.SUSPENSIONS, default_sensitivity=Sensitivity.EDUCATION)
    EventFactory(person=sibling, feed=education, category="suspension", summary="Sibling suspended 3 days")
    EventFactory(person=None, family=membership.family, feed=education, category="housing_move",
                 summary="Household moved")  # fmt: skip

    head_rows = _by_category(chronology_seen(school_staff(Role.HEAD_TEACHER, school), pupil))
    assert head_rows["Suspension"].is_family_event
    assert head_rows["Suspension"].about == "Sister"
    assert head_rows["Suspension"].summary is None
    assert head_rows["Housing move"].about == "Household"
    dsl_rows = _by_category(chronology_seen(school_staff(Role.DSL, school), pupil))
    assert dsl_rows["Suspension"].summary == "Sibling suspended 3 days"


def test_detail_level_for_roles_without_records_is_hidden(pupil_with_events):
    _school, pupil = pupil_with_events
    event = pupil.events.filter(sensitivity=Sensitivity.EDUCATION).get()
    for role in (Role.IG_OFFICER, Role.DATA_OFFICER, Role.ADMINISTRATOR):
        assert detail_level(user_with_role(role), event) == DetailLevel.HIDDEN
    assert detail_level(user_with_role(Role.HEAD_TEACHER), event, family_event=True) == (
        DetailLevel.CATEGORY_AND_DATE
    )


def test_out_of_scope_chronology_and_family_are_empty(pupil_with_events):
    _school, pupil = pupil_with_events
    stranger = school_staff(Role.DSL, SchoolFactory())
    assert chronology_seen(stranger, pupil).rows == []
    assert family_for(stranger, pupil) == []


def _queries_reading(user, pupil) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as queries:
        rows = chronology_seen(user, pupil).rows
    return len(queries), rows


def test_chronology_queries_do_not_grow_with_events(pupil_with_events):
    school, pupil = pupil_with_events
    dsl = school_staff(Role.DSL, school)
    FeedFactory(code=Feed.Code.ATTENDANCE, default_sensitivity=Sensitivity.EDUCATION)
    dsl.role  # noqa: B018  (read once per request, with the user)
    before, _ = _queries_reading(dsl, pupil)
    EventFactory.create_batch(20, person=pupil)
    AttendanceWeek.objects.bulk_create(
        AttendanceWeek(person=pupil, week=date(2025, 1, 6) + timedelta(weeks=n), present=10)
        for n in range(20)
    )
    after, rows = _queries_reading(dsl, pupil)
    assert after == before
    assert sum(r.category == "Attendance week" for r in rows) == 20


def test_family_names_only_for_children_the_viewer_may_see():
    school_a, school_b = SchoolFactory(), SchoolFactory()
    pupil = EnrolmentFactory(school=school_a).person
    sibling_here = EnrolmentFactory(school=school_a).person
    sibling_elsewhere = EnrolmentFactory(school=school_b).person
    family = FamilyMemberFactory(person=pupil).family
    FamilyMemberFactory(family=family, person=sibling_here, relationship="sibling")
    FamilyMemberFactory(family=family, person=sibling_elsewhere, relationship="sibling")
    rows = family_for(school_staff(Role.HEAD_TEACHER, school_a), pupil)
    assert {(r.name, r.person_id) for r in rows} == {(sibling_here.full_name, sibling_here.pk), (None, None)}


def test_relationships_are_shown_from_the_viewed_childs_side():
    """Households record relationships to the family's lead child; a sibling of the lead
    child sees the lead child as a sibling, not as "Child"."""
    school = SchoolFactory()
    lead = EnrolmentFactory(school=school, person__sex="M").person
    pupil = EnrolmentFactory(school=school).person
    family = FamilyMemberFactory(person=lead, relationship="child").family
    FamilyMemberFactory(family=family, person=pupil, relationship="sibling")
    FamilyMemberFactory(family=family, relationship="parent", person__sex="")
    rows = family_for(school_staff(Role.DSL, school), pupil)
    assert sorted(r.relationship for r in rows) == ["Brother", "Parent"]


def test_a_relatives_weekly_register_summary_is_not_family_context():
    school = SchoolFactory()
    pupil = EnrolmentFactory(school=school).person
    brother = EnrolmentFactory(school=school, person__sex="M").person
    family = FamilyMemberFactory(person=brother, relationship="child").family
    FamilyMemberFactory(family=family, person=pupil, relationship="sibling")
    FeedFactory(code=Feed.Code.ATTENDANCE, name="Attendance", default_sensitivity=Sensitivity.EDUCATION)
    AttendanceWeek.objects.create(person=brother, week=date(2025, 3, 3), present=6, unauthorised=4)
    AttendanceWeek.objects.create(person=pupil, week=date(2025, 3, 3), present=10)
    EventFactory(person=brother, category="police_incident", summary="Arrested", occurred_on=date(2025, 3, 1))

    rows = chronology_seen(school_staff(Role.DSL, school), pupil).rows

    assert [(r.occurred_on, r.category, r.about, r.summary, r.source) for r in rows] == [
        (
            date(2025, 3, 3),
            "Attendance week",
            "This young person",
            "Week of 3 Mar 2025: attended 10 of 10 possible sessions (100%)",
            "Attendance",
        ),
        (date(2025, 3, 1), "Police incident", "Brother", "Arrested", rows[1].source),
    ]
