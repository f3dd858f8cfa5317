"""The OpenAPI description says what the endpoints really answer: an integration
generated from it must be able to read every answer, errors included, and learn from it
who may call each endpoint."""

import pytest

from accounts.roles import Role
from tests.api.conftest import client_for
from tests.factories import EnrolmentFactory, SchoolFactory
from tests.factories.access import school_staff, user_with_role

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


def test_every_error_answer_is_described_in_its_one_shape(description):
    for path, operations in description["paths"].items():
        for method, operation in operations.items():
            assert {"401", "429"} <= set(operation["responses"]), (method, path)
            for code, response in operation["responses"].items():
                if int(code) >= 400:
                    shape = response["content"]["application/json"]["schema"]
                    assert shape == {"$ref": "#/components/schemas/Error"}, (method, path, code)
    assert description["components"]["schemas"]["Error"]["required"] == ["detail"]


def test_reading_a_session_is_not_said_to_answer_what_only_changing_it_can(description):
    """A GET changes nothing, so it is never refused as a bad body (400) or a stale version (409)."""
    read = description["paths"]["/api/v1/interventions/{id}/sessions/{sid}/"]["get"]["responses"]
    assert not {"400", "409"} & set(read)


def test_making_a_referral_says_its_404_is_about_the_young_person(description):
    """It names no referral yet: "No such referral" sent its developer looking for one."""
    refused = description["paths"]["/api/v1/referrals/"]["post"]["responses"]["404"]["description"]
    assert refused.startswith("No such young person")


def _answer_is_described(description: dict, path: str, method: str, response) -> None:
    assert str(response.status_code) in description["paths"][path][method]["responses"], response.json()
    assert response.json()["detail"]


def test_the_answers_an_integration_meets_on_a_busy_day_are_all_described(description):
    """A bad filter (400), a page past the last or a record not yours (404), a role that
    may not (403), a record break-glass need not open (200): each was an answer the
    description did not list."""
    school = SchoolFactory()
    pupil = EnrolmentFactory(school=school).person
    elsewhere = EnrolmentFactory().person
    dsl = client_for(school_staff(Role.DSL, school))
    _answer_is_described(description, "/api/v1/flags/", "get", dsl.get("/api/v1/flags/", {"tier": "huge"}))
    _answer_is_described(
        description, "/api/v1/young-people/", "get", dsl.get("/api/v1/young-people/", {"page": 9})
    )
    chronology = "/api/v1/young-people/{id}/chronology/"
    _answer_is_described(description, chronology, "get", dsl.get(chronology.format(id=elsewhere.pk)))
    _answer_is_described(
        description, chronology, "get", dsl.get(chronology.format(id=pupil.pk), {"order": "sideways"})
    )
    ig = client_for(user_with_role(Role.IG_OFFICER))
    _answer_is_described(description, "/api/v1/young-people/", "get", ig.get("/api/v1/young-people/"))
    officer = client_for(user_with_role(Role.TASKFORCE))
    break_glass = "/api/v1/young-people/{id}/break-glass/"
    reason = {"reason": "A strategy meeting about this young person this afternoon."}
    assert officer.post(break_glass.format(id=pupil.pk), reason).status_code == 201
    _answer_is_described(
        description, break_glass, "post", officer.post(break_glass.format(id=pupil.pk), reason)
    )
