import pytest
from rest_framework.test import APIClient

from accounts.roles import Role
from accounts.services.api_tokens import token_create
from tests.factories import EnrolmentFactory, SchoolFactory
from tests.factories.access import school_staff, user_with_role


def token_for(user, *, days: int = 30) -> str:
    _, secret = token_create(by=None, user=user, name="test integration", days=days)
    return secret


def client_for(user) -> APIClient:
    """An API client that authenticates with a fresh token for the user."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(user)}")
    return client


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def administrator():
    return user_with_role(Role.ADMINISTRATOR, is_staff=True)


@pytest.fixture
def school(db):
    """The school of the feed tests' files, with the feed register installed."""
    from chronology.services.register import install_demonstration_register
    from tests.factories import SchoolFactory

    install_demonstration_register(by=None)
    return SchoolFactory(urn="100001", name="Northbridge Academy")


@pytest.fixture
def school_world():
    """A school with one pupil, its DSL and its head teacher (the referral tests' world)."""
    school = SchoolFactory()
    pupil = EnrolmentFactory(school=school).person
    dsl = school_staff(Role.DSL, school)
    head = school_staff(Role.HEAD_TEACHER, school)
    return school, pupil, dsl, head
