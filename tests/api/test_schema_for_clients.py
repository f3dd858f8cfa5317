"""What generated clients read from the OpenAPI description: an id filter typed as an
integer (not any number), every school filter alike, year groups in their order, the
break-glass reason's real minimum, component names without "RequestRequest", and a 400
under every list (`page` given twice)."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from chronology.importing.codes import YEAR_GROUPS


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator(patterns=None).get_schema(request=None, public=True)


def _query(schema: dict, path: str, name: str) -> dict:
    [parameter] = [p for p in schema["paths"][f"/api/v1/{path}"]["get"]["parameters"] if p["name"] == name]
    return parameter["schema"]


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("referrals/", "young_person"),
        ("interventions/", "young_person"),
        ("access-log/", "person"),
        ("young-people/", "school"),
        ("referrals/", "school"),
        ("flags/", "school"),
    ],
)
def test_id_filters_are_integers(schema, path, name):
    assert _query(schema, path, name)["type"] == "integer"


def test_year_groups_are_in_their_order(schema):
    assert _query(schema, "young-people/", "year_group")["enum"] == list(YEAR_GROUPS)
    assert _query(schema, "flags/", "year_group")["enum"] == list(YEAR_GROUPS)


def test_the_break_glass_reason_says_its_real_minimum(schema, settings):
    reason = schema["components"]["schemas"]["BreakGlassReasonRequest"]["properties"]["reason"]
    assert reason["minLength"] == settings.BREAK_GLASS_REASON_MIN_LENGTH == 20


def test_no_component_is_named_twice_over(schema):
    names = schema["components"]["schemas"]
    assert not [name for name in names if name.endswith("RequestRequest")]
    assert {"SessionRecordRequest", "BreakGlassReasonRequest"} <= set(names)


@pytest.mark.parametrize(
    "path", ["young-people/", "referrals/", "flags/", "access-log/", "young-people/{id}/chronology/"]
)
def test_every_list_says_the_bounds_of_its_page_and_page_size(schema, path):
    """A client generated from the description asked for page_size=500 and was given 200
    with nothing to say why: every list states the same bounds."""
    assert _query(schema, path, "page")["minimum"] == 1
    page_size = _query(schema, path, "page_size")
    assert (page_size["minimum"], page_size["maximum"]) == (1, 200)


def test_every_paginated_operation_says_it_can_answer_400(schema):
    """`page` or `page_size` given twice is a 400 on every list; the lists that take no
    filter (schools/, feeds/, a feed run's rejected rows...) did not list it, so a client
    generated from the description met it as an answer it could not read."""
    paginated = [
        (method, path)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if {"page", "page_size"} <= {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
    ]
    assert ("get", "/api/v1/schools/") in paginated
    assert ("get", "/api/v1/feed-runs/{id}/") in paginated
    unlisted = [(m, p) for m, p in paginated if "400" not in schema["paths"][p][m]["responses"]]
    assert unlisted == []


def test_every_operation_says_it_can_answer_400(schema):
    """Even an operation that takes nothing is refused a NUL byte or an over-long value
    in its address, before it runs (portal/input_guard.py): `me/` answers 400 to
    `?x=%00`, so its description says it can."""
    unlisted = [
        (method, path)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if "400" not in operation["responses"]
    ]
    assert unlisted == []
    assert "NUL byte" in schema["paths"]["/api/v1/me/"]["get"]["responses"]["400"]["description"]
