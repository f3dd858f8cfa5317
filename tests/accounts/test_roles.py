import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command, load_command_class

from accounts.permissions import OBJECT_PERMISSIONS, ROLE_PERMISSIONS, VIEW_SCHOOL_PUPILS
from accounts.roles import Role
from accounts.services.assignments import AssignmentError, assign_school
from accounts.services.roles import set_role
from portal.sentences import in_a_sentence
from tests.factories import SchoolFactory, UserFactory
from tests.factories.access import school_staff, user_with_role

pytestmark = pytest.mark.django_db


def _perms(group: Group) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_every_role_group_exists_with_exactly_its_registered_permissions():
    for role, names in ROLE_PERMISSIONS.items():
        assert _perms(Group.objects.get(name=role.value)) == set(names)
    assert set(ROLE_PERMISSIONS) == set(Role)


def test_ensure_roles_is_idempotent_and_repairs_drift(capsys):
    group = Group.objects.get(name=Role.HEAD_TEACHER.value)
    group.permissions.clear()
    call_command("ensure_roles")
    call_command("ensure_roles")
    assert _perms(group) == set(ROLE_PERMISSIONS[Role.HEAD_TEACHER])
    assert Group.objects.filter(name__in=Role.values).count() == len(Role)


def test_ensure_roles_help_names_every_role():
    """It spoke of "the six role groups" when there were seven."""
    command = load_command_class("accounts", "ensure_roles")
    words = " ".join(command.create_parser("manage.py", "ensure_roles").format_help().split())
    words = words.replace("- ", "-")  # argparse may wrap "information-governance" at its hyphen
    assert "six" not in words
    for role in Role:
        assert in_a_sentence(role.label) in words, role


def test_no_role_holds_a_scope_permission_globally():
    """A model-level view_school_pupils would mean "every school's pupils"."""
    for names in ROLE_PERMISSIONS.values():
        assert not OBJECT_PERMISSIONS & set(names)


def test_a_user_holds_one_role_at_a_time():
    user = user_with_role(Role.DSL)
    set_role(by=None, user=user, role=Role.TASKFORCE)
    user.refresh_from_db()
    assert user.role == Role.TASKFORCE
    assert user.groups.filter(name__in=Role.values).count() == 1


def test_only_administrators_are_staff_and_nobody_is_a_superuser():
    admin = user_with_role(Role.ADMINISTRATOR, is_superuser=True)
    assert admin.is_staff
    assert not admin.is_superuser
    set_role(by=None, user=admin, role=Role.IG_OFFICER)
    admin.refresh_from_db()
    assert not admin.is_staff


def test_changing_role_removes_school_access():
    school = SchoolFactory()
    user = school_staff(Role.HEAD_TEACHER, school)
    assert user.has_perm(VIEW_SCHOOL_PUPILS, school)
    set_role(by=None, user=user, role=Role.TASKFORCE)
    fresh = type(user).objects.get(pk=user.pk)
    assert not fresh.has_perm(VIEW_SCHOOL_PUPILS, school)
    assert not fresh.school_assignments.exists()


def test_school_assignment_needs_the_matching_school_role():
    school = SchoolFactory()
    with pytest.raises(AssignmentError, match="does not hold"):
        assign_school(by=None, user=user_with_role(Role.DSL), school=school, role=Role.HEAD_TEACHER)
    with pytest.raises(AssignmentError, match="not a school role"):
        assign_school(by=None, user=user_with_role(Role.TASKFORCE), school=school, role=Role.TASKFORCE)
    with pytest.raises(AssignmentError, match="deactivated"):
        assign_school(by=None, user=user_with_role(Role.DSL, is_active=False), school=school, role=Role.DSL)


def test_assignment_grants_through_a_per_school_group():
    school = SchoolFactory(urn="123456")
    user = school_staff(Role.DSL, school)
    group = Group.objects.get(name="school:123456:dsl")
    assert user.groups.filter(pk=group.pk).exists()
    assert group.schoolgroupobjectpermission_set.filter(content_object=school).exists()
    assert not UserFactory().has_perm(VIEW_SCHOOL_PUPILS, school)


def test_role_and_school_changes_are_in_the_change_log_with_their_actor():
    from accounts.models import ChangeLogEntry, SchoolAssignment

    admin = user_with_role(Role.ADMINISTRATOR)
    head = user_with_role(None)
    set_role(by=admin, user=head, role=Role.HEAD_TEACHER)
    assignment = assign_school(by=admin, user=head, school=SchoolFactory(), role=Role.HEAD_TEACHER)
    entries = ChangeLogEntry.objects.filter(actor=admin)
    assert entries.filter(content_type__model="user", object_pk=str(head.pk)).exists()
    assert entries.filter(content_type__model="schoolassignment", object_pk=str(assignment.pk)).exists()
    from accounts.services.assignments import unassign_school

    unassign_school(by=admin, assignment=SchoolAssignment.objects.get(pk=assignment.pk))
    assert entries.filter(
        content_type__model="schoolassignment", action=ChangeLogEntry.Action.DELETE
    ).exists()
