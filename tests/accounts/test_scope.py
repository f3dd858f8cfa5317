"""Who sees which young person, decided by accounts.access alone."""

import datetime
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.access import (
    RECORD_ROLES,
    can_view,
    identities_for_matching,
    of_visible_young_people,
    register_taskforce_caseload,
    visible_among,
    visible_young_people,
)
from accounts.access_caseload import TASKFORCE_CASELOAD_SOURCES
from accounts.access_memo import per_request
from accounts.models import SchoolAssignment
from accounts.permissions import VIEW_SCHOOL_PUPILS
from accounts.roles import Role
from accounts.services.assignments import assign_school, unassign_school
from accounts.services.person_grants import person_grant, person_revoke
from accounts.services.users import user_deactivate
from schools.models import Enrolment, Person, PersonUserObjectPermission, SchoolUserObjectPermission
from tests.factories import BreakGlassFactory, EnrolmentFactory, PersonFactory, SchoolFactory
from tests.factories.access import school_staff, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_schools():
    a, b = SchoolFactory(), SchoolFactory()
    return a, b, EnrolmentFactory(school=a).person, EnrolmentFactory(school=b).person


@pytest.mark.parametrize("role", [Role.HEAD_TEACHER, Role.DSL])
def test_school_staff_see_only_their_current_pupils(role, two_schools):
    a, _b, pupil_a, pupil_b = two_schools
    left = EnrolmentFactory(school=a, leaving_date=datetime.date(2024, 7, 20)).person
    staff = school_staff(role, a)
    assert list(visible_young_people(staff)) == [pupil_a]
    assert not can_view(staff, pupil_b)
    assert not can_view(staff, left)


def test_a_school_move_takes_effect_at_once_with_no_permission_row_per_pupil(two_schools):
    a, b, pupil, _ = two_schools
    old_head, new_head = school_staff(Role.HEAD_TEACHER, a), school_staff(Role.HEAD_TEACHER, b)
    enrolment = pupil.enrolments.get()
    enrolment.leaving_date = timezone.localdate()
    enrolment.save()
    EnrolmentFactory(person=pupil, school=b)
    assert not can_view(old_head, pupil)
    assert can_view(new_head, pupil)
    assert not pupil.personuserobjectpermission_set.exists()
    assert not pupil.persongroupobjectpermission_set.exists()


def test_removing_the_assignment_removes_sight_of_the_school(two_schools):
    a, _b, pupil, _ = two_schools
    head = school_staff(Role.HEAD_TEACHER, a)
    unassign_school(by=None, assignment=SchoolAssignment.objects.get(user=head))
    assert not can_view(type(head).objects.get(pk=head.pk), pupil)


def test_a_deactivated_user_sees_nobody(two_schools, django_capture_on_commit_callbacks):
    a, _b, pupil, _ = two_schools
    head = school_staff(Role.HEAD_TEACHER, a)
    with django_capture_on_commit_callbacks(execute=True):
        user_deactivate(by=None, user=head)
    assert not visible_young_people(type(head).objects.get(pk=head.pk)).exists()


@pytest.mark.parametrize("role", [Role.IG_OFFICER, Role.DATA_OFFICER, Role.ADMINISTRATOR, None])
def test_roles_without_child_records_see_nobody_even_with_a_grant(role, two_schools):
    _a, _b, pupil, _ = two_schools
    user = user_with_role(role)
    person_grant(by=None, user=user, person=pupil)
    assert not visible_young_people(user).exists()


def test_a_superuser_flag_grants_nothing(two_schools):
    """guardian treats superusers as seeing everything; the access layer does not."""
    user = user_with_role(Role.HEAD_TEACHER)
    user.is_superuser = True
    user.save()
    assert not visible_young_people(user).exists()


def test_a_per_person_grant_covers_an_allocated_worker_until_revoked(two_schools):
    _a, _b, _, pupil_b = two_schools
    officer = user_with_role(Role.TASKFORCE)
    assert not can_view(officer, pupil_b)
    person_grant(by=None, user=officer, person=pupil_b)
    assert list(visible_young_people(officer)) == [pupil_b]
    person_revoke(by=None, user=officer, person=pupil_b)
    assert not can_view(officer, pupil_b)


@pytest.mark.parametrize("role", sorted(RECORD_ROLES))
def test_a_grant_counts_only_while_its_holder_has_the_role_it_was_made_for(role, two_schools):
    """School staff keep deliberate exceptions made for them; a grant made for another
    role (the job the user had before) opens nothing."""
    _a, _b, _, pupil_b = two_schools
    user = user_with_role(role)
    person_grant(by=None, user=user, person=pupil_b)
    assert PersonUserObjectPermission.objects.get(user=user).role == role
    assert can_view(user, pupil_b)
    other = Role.DSL if role != Role.DSL else Role.HEAD_TEACHER
    PersonUserObjectPermission.objects.filter(user=user).update(role=other)
    assert not can_view(user, pupil_b)


def test_grants_made_before_they_named_a_role_count_only_for_those_allocation_grants_to(two_schools):
    """The migration that added the role names it for taskforce officers and intervention
    workers, the roles allocation grants to; anyone else's grant outlived a role change."""
    name_the_roles = import_module("schools.migrations.0003_person_grant_role").name_the_roles
    _a, _b, _, pupil_b = two_schools
    holders = [user_with_role(role) for role in (Role.INTERVENTION_WORKER, Role.TASKFORCE, Role.HEAD_TEACHER)]
    for user in holders:
        person_grant(by=None, user=user, person=pupil_b)
    PersonUserObjectPermission.objects.update(role="")
    name_the_roles(apps, None)
    assert [can_view(user, pupil_b) for user in holders] == [True, True, False]


def test_taskforce_sees_break_glass_people_only_until_expiry(two_schools):
    _a, _b, pupil, other = two_schools
    officer = user_with_role(Role.TASKFORCE)
    glass = BreakGlassFactory(user=officer, person=pupil)
    BreakGlassFactory(user=user_with_role(Role.TASKFORCE), person=other)
    assert list(visible_young_people(officer)) == [pupil]
    glass.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    glass.save()
    assert not visible_young_people(officer).exists()


def test_taskforce_caseload_sources_plug_into_the_scope(two_schools):
    _a, _b, pupil, _ = two_schools
    officer = user_with_role(Role.TASKFORCE)
    source = register_taskforce_caseload(lambda: Person.objects.filter(pk=pupil.pk), person="pk")
    try:
        assert list(visible_young_people(officer)) == [pupil]
    finally:
        TASKFORCE_CASELOAD_SOURCES.remove(source)


def test_a_caseload_source_answers_for_everyone_and_for_each_person_alike(two_schools):
    """A source names rows and their young person's field; the scope asks it for the
    whole caseload (lists) or per person (visible_among, rows of casework) and both
    agree: any one source suffices, and an adult on it is still not a young person."""
    a, b, pupil_a, pupil_b = two_schools
    adult = PersonFactory(date_of_birth=datetime.date(1980, 1, 1))
    left = EnrolmentFactory(school=b, person=adult, leaving_date=datetime.date(1998, 7, 20))
    at_a = register_taskforce_caseload(lambda: Enrolment.objects.filter(school=a), person="person")
    at_b = register_taskforce_caseload(lambda: Enrolment.objects.filter(school=b), person="person")
    officer = user_with_role(Role.TASKFORCE)
    try:
        assert visible_among(officer, [pupil_a.pk, pupil_b.pk, adult.pk]) == {pupil_a.pk, pupil_b.pk}
        assert set(visible_young_people(officer)) == {pupil_a, pupil_b}
        assert can_view(officer, pupil_b)
        assert not can_view(officer, adult)
        rows = Enrolment.objects.filter(pk__in=[pupil_a.enrolments.get().pk, left.pk])
        assert list(of_visible_young_people(officer, rows, person="person")) == [pupil_a.enrolments.get()]
    finally:
        TASKFORCE_CASELOAD_SOURCES.remove(at_a)
        TASKFORCE_CASELOAD_SOURCES.remove(at_b)


def test_rows_of_casework_are_those_of_young_people_the_user_may_open(two_schools):
    """School staff: their current pupils' rows; roles without child records: none."""
    a, _b, pupil_a, pupil_b = two_schools
    rows = Enrolment.objects.filter(person__in=[pupil_a, pupil_b])
    head = school_staff(Role.HEAD_TEACHER, a)
    assert [e.person for e in of_visible_young_people(head, rows, person="person")] == [pupil_a]
    assert not of_visible_young_people(user_with_role(Role.DATA_OFFICER), rows, person="person").exists()


def test_adults_are_not_young_people():
    adult = PersonFactory(date_of_birth=datetime.date(1980, 1, 1))
    officer = user_with_role(Role.TASKFORCE)
    BreakGlassFactory(user=officer, person=adult)
    assert not can_view(officer, adult)


def test_visibility_takes_the_same_few_queries_however_many_schools_and_pupils(
    two_schools, django_assert_num_queries
):
    """The user's schools and grants, then the people: never a query per school or pupil."""
    a, b = two_schools[:2]
    head = school_staff(Role.HEAD_TEACHER, a)
    head.role  # noqa: B018  (the role is read once per request, with the user)
    with django_assert_num_queries(4):
        list(visible_young_people(head))
    assign_school(by=None, user=head, school=b, role=Role.HEAD_TEACHER)
    EnrolmentFactory.create_batch(5, school=b)
    with django_assert_num_queries(4):
        assert len(visible_young_people(head)) >= 6


def test_only_view_school_pupils_on_the_school_opens_its_pupils(two_schools):
    """The scope reads guardian's tables itself: the permission counts whether held
    directly or through the school's group, and no other permission on the school does."""
    a, b, pupil_a, pupil_b = two_schools
    head = user_with_role(Role.HEAD_TEACHER)
    other, _ = Permission.objects.get_or_create(
        codename="change_school",
        content_type=ContentType.objects.get_for_model(b),
        defaults={"name": "Can change school"},
    )
    SchoolUserObjectPermission.objects.create(user=head, permission=other, content_object=b)
    assert not visible_young_people(head).exists()
    SchoolUserObjectPermission.objects.assign_perm(VIEW_SCHOOL_PUPILS.split(".")[1], head, a)
    assert list(visible_young_people(head)) == [pupil_a]
    assert not can_view(head, pupil_b)


def test_within_one_request_the_scope_is_resolved_once(two_schools, django_assert_num_queries):
    """A page asks about several people (the record, its chronology, each relative): the
    user's schools, pupils and grants are read once, then every answer is from memory."""
    a, _b, pupil_a, pupil_b = two_schools
    head = school_staff(Role.HEAD_TEACHER, a)
    head.role  # noqa: B018  (the role is read once per request, with the user)
    with per_request():
        with django_assert_num_queries(3):
            assert can_view(head, pupil_a)
        with django_assert_num_queries(0):
            assert not can_view(head, pupil_b)
            assert visible_among(head, [pupil_a.pk, pupil_b.pk]) == {pupil_a.pk}
            visible_young_people(head)


def test_a_change_applies_to_the_next_request(two_schools):
    """Nothing is remembered beyond the request: a school move shows on the next one."""
    a, b, pupil, _ = two_schools
    head = school_staff(Role.HEAD_TEACHER, a)
    with per_request():
        assert can_view(head, pupil)
    pupil.enrolments.update(leaving_date=timezone.localdate())
    EnrolmentFactory(person=pupil, school=b)
    with per_request():
        assert not can_view(head, pupil)


def test_data_officers_get_identity_fields_only(two_schools):
    data_officer = user_with_role(Role.DATA_OFFICER)
    rows = list(identities_for_matching(data_officer))
    assert len(rows) == 2
    assert set(rows[0]) == {
        "pk", "upn", "former_upn", "nhs_number", "local_person_id",
        "forename", "surname", "date_of_birth", "sex", "postcode",
    }  # fmt: skip
    with pytest.raises(PermissionDenied):
        identities_for_matching(user_with_role(Role.HEAD_TEACHER))
