"""Schemathesis over the OpenAPI description, as every role: no generated request,
however odd, gets a server error or a response that breaks the description. Kept to
about a minute and a half (FUZZ_EXAMPLES)."""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import response_schema_conformance

from accounts.roles import Role
from chronology.services.register import install_demonstration_register
from interventions.models import ReferralStatus
from tests.api.conftest import token_for
from tests.built_once import built_once_per_module
from tests.factories import AccessLogEntryFactory, EnrolmentFactory, EventFactory, SchoolFactory
from tests.factories.access import school_staff, user_with_role
from tests.factories.interventions import allocate, make_referral

FUZZ_EXAMPLES = 10
ROLES = (
    Role.HEAD_TEACHER,
    Role.DSL,
    Role.TASKFORCE,
    Role.INTERVENTION_WORKER,
    Role.IG_OFFICER,
    Role.DATA_OFFICER,
)


def _description() -> dict:
    """The description /api/schema/ serves, built in-process (it needs no database)."""
    return json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))


# The fuzzing phase only: the coverage phase's exhaustive boundary cases take minutes.
schema = schemathesis.openapi.from_dict(
    _description(), config=SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}}})
)


def _world() -> dict[Role, str]:
    """A small world the generated requests may hit, and a token per role: built once for
    the module's operations (tests/built_once.py), each of which runs in a savepoint."""
    install_demonstration_register(by=None)
    school = SchoolFactory()
    pupil = EnrolmentFactory(school=school).person
    EventFactory(person=pupil)
    users = {role: school_staff(role, school) for role in (Role.HEAD_TEACHER, Role.DSL)}
    users |= {role: user_with_role(role) for role in (Role.IG_OFFICER, Role.DATA_OFFICER, Role.TASKFORCE)}
    accepted = make_referral(person=pupil, by=users[Role.DSL], status=ReferralStatus.ACCEPTED)
    intervention = allocate(referral=accepted)
    users[Role.INTERVENTION_WORKER] = intervention.worker
    AccessLogEntryFactory(actor=users[Role.DSL], persons=[pupil])
    return {role: token_for(user) for role, user in users.items()}


fuzz_world, _media_in_tmp = built_once_per_module(_world, name="fuzz_world")


@pytest.fixture
def tokens(fuzz_world, settings) -> dict[Role, str]:
    """The world's tokens, with throttling out of the way of the generated requests."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "100000/minute", "anonymous": "100000/minute"},
    }
    return fuzz_world


@pytest.fixture
def app():
    """The portal as a WSGI application inside the test's transaction: Django would
    otherwise close the connection (and the transaction) at the end of each request."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error_and_every_response_fits_the_description(case, tokens, app):
    for role in ROLES:
        case.call_and_validate(
            app=app,
            headers={"Authorization": f"Token {tokens[role]}"},
            checks=[not_a_server_error, response_schema_conformance],
        )
