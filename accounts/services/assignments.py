"""Which school's staff a user is. The assignment grants `view_school_pupils` on the
School through a per-school group for the role, so pupils become visible through their
current enrolment and no per-pupil permission row ever needs revoking."""

from django.contrib.auth.models import Group
from django.db import transaction
from guardian.shortcuts import assign_perm

from accounts.models import SchoolAssignment, User
from accounts.permissions import VIEW_SCHOOL_PUPILS
from accounts.roles import SCHOOL_ROLES, Role
from accounts.services.change_log import acting_as
from schools.models import School


class AssignmentError(ValueError):
    pass


def school_group_name(school: School, role: Role) -> str:
    return f"school:{school.urn}:{Role(role).value}"


def _school_group(school: School, role: Role) -> Group:
    group, created = Group.objects.get_or_create(name=school_group_name(school, role))
    if created:
        assign_perm(VIEW_SCHOOL_PUPILS, group, school)
    return group


@transaction.atomic
def assign_school(*, by: User | None, user: User, school: School, role: Role) -> SchoolAssignment:
    with acting_as(by):
        if role not in SCHOOL_ROLES:
            raise AssignmentError(f"{Role(role).label} is not a school role.")
        if not user.is_active:
            raise AssignmentError("A deactivated user cannot be given a school.")
        if user.role != role:
            raise AssignmentError(f"{user} does not hold the {Role(role).label} role.")
        if SchoolAssignment.objects.filter(user=user, school=school).exists():
            raise AssignmentError(f"{user} is already assigned to {school}.")
        assignment = SchoolAssignment.objects.create(user=user, school=school, role=role, created_by=by)
        user.groups.add(_school_group(school, role))
        return assignment


@transaction.atomic
def unassign_school(*, by: User | None, assignment: SchoolAssignment) -> None:
    """Remove the user from the school's group: they lose sight of its pupils on their
    next request. The group keeps its grant for the school's other staff."""
    with acting_as(by):
        group = Group.objects.filter(name=school_group_name(assignment.school, assignment.role)).first()
        if group is not None:
            assignment.user.groups.remove(group)
        assignment.delete()
