"""A flag is only as visible as its evidence, and review gates what schools see."""

import pytest
from django.urls import reverse

from accounts.access import ADDITIONAL_FACTOR
from accounts.roles import Role
from chronology.models import Sensitivity
from risk.models import FlagSettings, Review
from risk.selectors import HIDDEN_CODE, person_flags, visible_current_flags
from tests.factories import EnrolmentFactory, SchoolFactory
from tests.factories.access import school_staff, user_with_role
from tests.factories.risk import FlagFactory
from tests.risk.pages_world import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def pupil():
    return EnrolmentFactory(school=SchoolFactory()).person


def _staff(pupil, role):
    return school_staff(role, pupil.enrolments.get().school)


def test_restricted_flag_is_unnamed_for_the_head_teacher_and_named_for_the_dsl(pupil):
    flag = FlagFactory(person=pupil, sensitivity=Sensitivity.RESTRICTED, version__name="Exploitation marker")
    head = person_flags(_staff(pupil, Role.HEAD_TEACHER), [pupil.pk])[pupil.pk]
    dsl = person_flags(_staff(pupil, Role.DSL), [pupil.pk])[pupil.pk]

    assert [(f.label, f.code) for f in head.current] == [(ADDITIONAL_FACTOR, HIDDEN_CODE)]
    assert [(f.label, f.code) for f in dsl.current] == [("Exploitation marker", flag.indicator.code)]
    assert head.tier.reasons == [ADDITIONAL_FACTOR]
    assert head.tier.weight == dsl.tier.weight == 2


def test_a_flag_the_viewer_may_not_name_comes_after_the_others_so_its_place_says_nothing(pupil):
    tiers = {1: Sensitivity.EDUCATION, 8: Sensitivity.RESTRICTED, 9: Sensitivity.PARTNER}
    for n, sensitivity in tiers.items():
        indicator = {"version__indicator__code": f"tp{n:02}", "version__indicator__position": n}
        FlagFactory(person=pupil, sensitivity=sensitivity, **indicator)
    head = person_flags(_staff(pupil, Role.HEAD_TEACHER), [pupil.pk])[pupil.pk]
    dsl = person_flags(_staff(pupil, Role.DSL), [pupil.pk])[pupil.pk]

    assert [f.code for f in head.current] == ["tp01", "tp09", HIDDEN_CODE]
    assert [f.code for f in dsl.current] == ["tp01", "tp08", "tp09"]


def test_flags_waiting_for_review_reach_only_the_taskforce(pupil):
    FlagFactory(person=pupil, review=Review.PENDING)
    taskforce = user_with_role(Role.TASKFORCE)

    assert person_flags(_staff(pupil, Role.DSL), [pupil.pk])[pupil.pk].current == []
    assert len(person_flags(taskforce, [pupil.pk])[pupil.pk].current) == 1
    assert visible_current_flags(_staff(pupil, Role.DSL)).count() == 0
    assert visible_current_flags(taskforce).count() == 1


def test_other_schools_and_other_roles_see_nothing(pupil):
    FlagFactory(person=pupil)
    other = school_staff(Role.DSL, SchoolFactory())
    ig = user_with_role(Role.IG_OFFICER)

    assert person_flags(other, [pupil.pk]) == {}
    assert person_flags(ig, [pupil.pk]) == {}
    assert visible_current_flags(other).count() == 0
    assert visible_current_flags(ig).count() == 0


def test_the_portal_switch_hides_every_flag(pupil):
    FlagFactory(person=pupil)
    FlagSettings.objects.update_or_create(pk=1, defaults={"flags_enabled": False})
    dsl = _staff(pupil, Role.DSL)

    assert person_flags(dsl, [pupil.pk])[pupil.pk].current == []
    assert visible_current_flags(dsl).count() == 0


def test_with_the_portal_switch_off_a_flag_no_longer_opens_the_record_to_the_taskforce(pupil):
    """The caseload holds young people who are flagged; with trigger points switched off
    nobody is, so only a referral, an allocation or break-glass opens a record."""
    FlagFactory(person=pupil)
    taskforce = client_for(user_with_role(Role.TASKFORCE))
    page = reverse("young_person_detail", args=[pupil.pk])
    assert taskforce.get(page).status_code == 200

    FlagSettings.objects.update_or_create(pk=1, defaults={"flags_enabled": False})

    assert taskforce.get(page).status_code == 404
    assert taskforce.get(f"/api/v1/young-people/{pupil.pk}/").status_code == 404


def test_the_database_view_names_only_what_the_viewer_may_name(pupil):
    FlagFactory(person=pupil, sensitivity=Sensitivity.PARTNER)
    FlagFactory(person=pupil, sensitivity=Sensitivity.RESTRICTED)
    head = _staff(pupil, Role.HEAD_TEACHER)

    assert sorted(visible_current_flags(head).values_list("named", flat=True)) == [False, True]
