"""The OpenAPI description says what the endpoints really answer: an integration
generated from it must be able to read every answer, errors included, and learn from it
who may call each endpoint."""

import pytest

from accounts.roles import Role
from tests.api.conftest import client_for
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def description() -> dict:
    return client_for(user_with_role(Role.DSL)).get("/api/schema/", HTTP_ACCEPT="application/json").json()


def _resolve(description: dict, node: dict) -> dict:
    while "$ref" in node:
        node = description["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def test_the_attendance_band_offers_the_values_the_record_answers_with(description):
    """A pupil who is not persistently absent answers "band": "none"; the description
    said the values were persistent, severe or null, so a client rejected the commonest."""
    band = description["components"]["schemas"]["Attendance"]["properties"]["band"]
    values = set().union(*(_resolve(description, part).get("enum", []) for part in band.get("oneOf", [band])))
    assert {"none", "persistent", "severe"} <= values


@pytest.mark.parametrize(
    "path", ["/api/v1/young-people/", "/api/v1/young-people/{id}/", "/api/v1/young-people/{id}/chronology/"]
)
def test_the_young_person_endpoints_say_an_intervention_worker_may_use_them(description, path):
    """A commissioned provider's worker reads their allocations' records through them,
    as on the pages: the description named only the school staff and the taskforce."""
    assert "intervention worker" in description["paths"][path]["get"]["description"].lower()
