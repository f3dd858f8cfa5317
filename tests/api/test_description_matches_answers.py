"""The OpenAPI description says what the endpoints really answer: an integration
generated from it must be able to read every answer, errors included, and learn from it
who may call each endpoint."""

import copy

import pytest
from jsonschema import Draft7Validator

from accounts.roles import Role
from portal.api.schema import UNSTORABLE
from schools.record_sections import api_sections, register_record_section
from tests.api.conftest import client_for
from tests.factories import EnrolmentFactory, SchoolFactory
from tests.factories.access import school_staff, user_with_role
from tests.risk.pages_world import build_world

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
    """A GET changes nothing, so it is never refused as a bad body or a stale version
    (409): its only 400 is the input guard's, for what the address itself holds."""
    read = description["paths"]["/api/v1/interventions/{id}/sessions/{sid}/"]["get"]["responses"]
    assert "409" not in read
    assert read["400"]["description"] == UNSTORABLE


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


def _json_schema(node: object) -> object:
    """An OpenAPI 3.0 schema as JSON Schema: `nullable` is OpenAPI's own word for null."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _json_schema(value) for key, value in node.items() if key != "nullable"}
    return {"anyOf": [converted, {"type": "null"}]} if node.get("nullable") else converted


def _problems(description: dict, component: str, answer: object) -> list[str]:
    """Where `answer` breaks the description's component, in words; none if it fits."""
    schemas = _json_schema(description["components"]["schemas"])
    root = {"$ref": f"#/components/schemas/{component}", "components": {"schemas": schemas}}
    return [error.message for error in Draft7Validator(root).iter_errors(answer)]


def test_the_young_persons_sections_are_described_one_by_one(description):
    """`sections` was an untyped object: a client generated from the description could not
    read `trigger_points`, and the schema check passed whatever the answer held."""
    detail = description["components"]["schemas"]["YoungPersonDetail"]
    sections = _resolve(description, detail["properties"]["sections"]["allOf"][0])
    assert sections["additionalProperties"] is False
    assert set(sections["properties"]) == {section.code for section in api_sections()}
    trigger_points = _resolve(description, sections["properties"]["trigger_points"])
    assert set(trigger_points["properties"]) == {"notice", "tier", "current", "dismissed"}


@pytest.mark.parametrize(
    ("viewer", "pupil"),
    [
        *((viewer, pupil) for viewer in ("head", "dsl") for pupil in ("exploited", "dismissed", "unflagged")),
        *(("taskforce", pupil) for pupil in ("exploited", "suspended", "dismissed", "waiting")),
    ],
)
def test_a_young_persons_answer_fits_its_description(description, viewer, pupil):
    """Named, unnamed, dismissed and awaiting review, and none, as each role sees them
    (the taskforce's caseload has no unflagged pupil)."""
    world = build_world()
    person = getattr(world, pupil)
    answer = client_for(getattr(world, viewer)).get(f"/api/v1/young-people/{person.pk}/").json()
    assert answer["sections"]["trigger_points"]["notice"]
    assert _problems(description, "YoungPersonDetail", answer) == []


def test_the_description_refuses_a_section_shaped_otherwise(description):
    """The check above would catch a section that drifted from its description."""
    world = build_world()
    answer = client_for(world.dsl).get(f"/api/v1/young-people/{world.suspended.pk}/").json()
    drifted = copy.deepcopy(answer)
    drifted["sections"]["trigger_points"]["current"][0]["raised_at"] = 7
    assert _problems(description, "YoungPersonDetail", drifted)
    unknown = copy.deepcopy(answer)
    unknown["sections"]["referrals"] = []
    assert _problems(description, "YoungPersonDetail", unknown)
    renamed = copy.deepcopy(answer)
    renamed["sections"]["trigger_points"]["flags"] = renamed["sections"]["trigger_points"].pop("current")
    assert _problems(description, "YoungPersonDetail", renamed)


def test_a_section_the_api_shows_cannot_be_registered_without_its_shape():
    """Else the description would refuse a section the API answers with."""
    with pytest.raises(ValueError, match="schema"):
        register_record_section(
            code="unshaped", template="unshaped.html", context=lambda viewer, person: {}, data=dict
        )
    assert "unshaped" not in {section.code for section in api_sections()}


@pytest.mark.parametrize(
    ("path", "component"),
    [
        ("/api/v1/programmes/", "PaginatedProgrammeList"),
        ("/api/v1/workers/", "PaginatedAllocatableWorkerList"),
    ],
)
def test_the_allocation_choices_fit_their_description(description, path, component):
    """The fuzzing run calls them only as roles they refuse, so the taskforce's answer is checked here."""
    user_with_role(Role.INTERVENTION_WORKER)
    answer = client_for(user_with_role(Role.TASKFORCE)).get(path).json()
    assert answer["results"]
    assert _problems(description, component, answer) == []
