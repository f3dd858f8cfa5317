"""Users set up the way the portal sets them up: a role through set_role, and school
access through assign_school, so tests exercise the real grants."""

from accounts.models import User
from accounts.roles import Role
from accounts.services.assignments import assign_school
from accounts.services.roles import set_role
from schools.models import School
from tests.factories.accounts import UserFactory


def user_with_role(role: Role | None, **fields: object) -> User:
    user = UserFactory(**fields)
    if role is not None:
        set_role(by=None, user=user, role=role)
    return User.objects.get(pk=user.pk)


def school_staff(role: Role, school: School, **fields: object) -> User:
    user = user_with_role(role, **fields)
    assign_school(by=None, user=user, school=school, role=role)
    return User.objects.get(pk=user.pk)
