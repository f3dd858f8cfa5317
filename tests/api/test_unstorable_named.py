"""A request the input guard refuses names, under `errors`, the parameter or field that
held the NUL byte (or the value too long), as every other API 400 does: it answered a
`detail` alone, so an integrator had to guess which of their values was at fault."""

import json

import pytest

from accounts.roles import Role
from portal.input_guard import QUERY_VALUE_MAX, TOO_LONG, UNSTORABLE
from tests.api.conftest import client_for
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db
HERE = "Contains a character the portal cannot accept (a NUL byte or a broken Unicode character)."


@pytest.fixture
def officer():
    return client_for(user_with_role(Role.TASKFORCE))


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("school=%00", {"school": [HERE]}),
        ("q=a%00b&year_group=9", {"q": [HERE]}),
        ("q=a%00b&school=%00", {"q": [HERE], "school": [HERE]}),
        ("%00=1", {"non_field_errors": [UNSTORABLE]}),
    ],
)
def test_a_nul_in_a_query_names_the_parameter(officer, query, errors):
    answer = officer.get(f"/api/v1/young-people/?{query}")
    assert (answer.status_code, answer.json()) == (400, {"detail": UNSTORABLE, "errors": errors})


def test_a_nul_in_a_json_body_names_the_field_as_a_serializer_would(officer):
    body = {
        "reason": "a\u0000b",
        "version": 1,
        "attendance": [{"status": "attended"}, {"status": "attended", "note": "x\u0000"}],
    }
    answer = officer.post("/api/v1/referrals/1/decline/", json.dumps(body), content_type="application/json")
    assert answer.status_code == 400
    assert answer.json()["errors"] == {"reason": [HERE], "attendance": [{}, {"note": [HERE]}]}


def test_a_nul_in_the_path_is_not_a_field(officer):
    answer = officer.get("/api/v1/referrals/1%00/")
    assert answer.json() == {"detail": UNSTORABLE, "errors": {"non_field_errors": [UNSTORABLE]}}


def test_a_value_too_long_names_the_parameter(officer):
    answer = officer.get("/api/v1/young-people/", {"q": "x" * (QUERY_VALUE_MAX + 1)})
    here = f"Longer than {QUERY_VALUE_MAX:,} characters, longer than any search."
    assert answer.json()["errors"] == {"q": [here]}
    assert answer.json()["detail"] == TOO_LONG


def test_pages_keep_their_400_page(client):
    answer = client.get("/young-people/?q=a%00b")
    assert answer.status_code == 400
    assert "a character the portal cannot accept" in answer.content.decode()
