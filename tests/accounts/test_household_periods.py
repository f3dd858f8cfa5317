"""Household membership dates (from_date, to_date from the households feed) decide which
family events a child's chronology shows, and who is current family."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.access import family_for
from accounts.roles import Role
from chronology.models import Feed, Sensitivity
from tests.accounts.chronology_seen import chronology_seen
from tests.factories import (
    BreakGlassFactory,
    EnrolmentFactory,
    EventFactory,
    FamilyMemberFactory,
    FeedFactory,
    SchoolFactory,
)
from tests.factories.access import school_staff, user_with_role

pytestmark = pytest.mark.django_db


def _summaries(user, pupil) -> list[str]:
    return [row.summary for row in chronology_seen(user, pupil).rows]


@pytest.fixture
def pupil_and_school():
    school = SchoolFactory()
    return EnrolmentFactory(school=school).person, school


def test_a_parent_who_left_is_a_former_household_member_whose_later_events_are_not_shown(
    pupil_and_school, client
):
    pupil, school = pupil_and_school
    family = FamilyMemberFactory(person=pupil, from_date=date(2015, 1, 1)).family
    father = FamilyMemberFactory(
        family=family,
        person__sex="M",
        relationship="parent",
        from_date=date(2015, 1, 1),
        to_date=date(2024, 6, 30),
    ).person
    EventFactory(person=father, occurred_on=date(2024, 3, 1), summary="Arrested while at home")
    EventFactory(person=father, occurred_on=date(2024, 9, 1), summary="Arrested after moving out")
    EventFactory(person=father, occurred_on=date(2025, 1, 1), sensitivity=Sensitivity.RESTRICTED,
                 summary="Intelligence after moving out")  # fmt: skip
    dsl = school_staff(Role.DSL, school)

    rows = chronology_seen(dsl, pupil).rows
    assert [(r.summary, r.about) for r in rows] == [
        ("Arrested while at home", "Father (former household member)")
    ]
    head_teacher = chronology_seen(school_staff(Role.HEAD_TEACHER, school), pupil)
    assert head_teacher.restricted_notice is None
    [relative] = family_for(dsl, pupil)
    assert (relative.relationship, relative.former) == ("Father", True), "as the chronology calls him"
    assert (relative.together_from, relative.together_to) == (None, None), "not someone the DSL may see"
    officer = user_with_role(Role.TASKFORCE)
    BreakGlassFactory(user=officer, person=pupil)
    [relative] = family_for(officer, pupil)
    assert (relative.together_from, relative.together_to) == (date(2015, 1, 1), date(2024, 6, 30))

    client.force_login(dsl)
    html = client.get(reverse("young_person_detail", args=[pupil.pk])).content.decode()
    assert "Former household member" in html
    answer = html.split("Former household member")[1].split("</td>")[0]
    assert "No longer" in answer
    assert "2024" not in answer, "no dates for a relative the DSL may not see"
    assert "Arrested after moving out" not in html
    client.force_login(officer)
    html = client.get(reverse("young_person_detail", args=[pupil.pk])).content.decode()
    assert "No longer: 1 Jan 2015 to 30 Jun 2024" in html


def test_a_relatives_events_show_only_while_both_lived_in_the_household(pupil_and_school):
    pupil, school = pupil_and_school
    family = FamilyMemberFactory(person=pupil, relationship="sibling", from_date=date(2020, 9, 1)).family
    brother = FamilyMemberFactory(family=family, relationship="child", to_date=date(2023, 8, 31)).person
    EventFactory(person=brother, occurred_on=date(2020, 8, 31), summary="Before this young person came")
    EventFactory(person=brother, occurred_on=date(2020, 9, 1), summary="First day together")
    EventFactory(person=brother, occurred_on=date(2023, 8, 31), summary="Last day together")
    EventFactory(person=brother, occurred_on=date(2023, 9, 1), summary="After he left")

    assert _summaries(school_staff(Role.DSL, school), pupil) == ["Last day together", "First day together"]


def test_household_events_show_only_while_the_child_was_a_member(pupil_and_school):
    pupil, school = pupil_and_school
    first = FamilyMemberFactory(person=pupil, to_date=date(2022, 12, 31)).family
    second = FamilyMemberFactory(person=pupil, from_date=date(2023, 1, 1)).family
    FamilyMemberFactory(family=second, relationship="parent")
    notifications = FeedFactory(code=Feed.Code.DOMESTIC_ABUSE, default_sensitivity=Sensitivity.RESTRICTED)
    for family, day, summary in [
        (first, date(2022, 3, 1), "First household, while a member"),
        (first, date(2023, 2, 1), "First household, after leaving"),
        (second, date(2022, 6, 1), "Second household, before joining"),
        (second, date(2023, 5, 1), "Second household, while a member"),
    ]:
        EventFactory(person=None, family=family, feed=notifications, occurred_on=day, summary=summary)

    rows = chronology_seen(school_staff(Role.DSL, school), pupil).rows
    assert [(r.occurred_on, r.about) for r in rows] == [
        (date(2023, 5, 1), "Household"),
        (date(2022, 3, 1), "Household"),
    ]


def test_members_at_different_times_share_no_events(pupil_and_school):
    pupil, school = pupil_and_school
    family = FamilyMemberFactory(person=pupil, from_date=date(2012, 5, 1)).family
    uncle = FamilyMemberFactory(
        family=family, relationship="other_adult", from_date=date(2005, 1, 1), to_date=date(2010, 1, 1)
    ).person
    EventFactory(person=uncle, occurred_on=date(2009, 6, 1), summary="Long before")
    dsl = school_staff(Role.DSL, school)

    assert _summaries(dsl, pupil) == []
    [relative] = family_for(dsl, pupil)
    assert (relative.former, relative.lived_together) == (True, False)


def test_current_family_is_listed_before_former_members(pupil_and_school):
    pupil, school = pupil_and_school
    family = FamilyMemberFactory(person=pupil).family
    FamilyMemberFactory(family=family, relationship="carer", to_date=date(2021, 1, 1))
    FamilyMemberFactory(family=family, relationship="parent", from_date=date(2019, 4, 1), person__sex="M")

    officer = user_with_role(Role.TASKFORCE)
    BreakGlassFactory(user=officer, person=pupil)

    rows = family_for(officer, pupil)

    assert [(r.relationship, r.former, r.together_from) for r in rows] == [
        ("Father", False, date(2019, 4, 1)),
        ("Carer", True, None),
    ]


def test_a_household_event_naming_someone_outside_the_household_is_the_households(pupil_and_school):
    """A notification names the child it is about; for the child's sibling it is the
    household's event."""
    pupil, school = pupil_and_school
    family = FamilyMemberFactory(person=pupil).family
    named_elsewhere = EnrolmentFactory().person
    EventFactory(person=named_elsewhere, family=family, summary="Notification about the household")

    rows = chronology_seen(school_staff(Role.DSL, school), pupil).rows

    assert [(r.summary, r.about) for r in rows] == [("Notification about the household", "Household")]
