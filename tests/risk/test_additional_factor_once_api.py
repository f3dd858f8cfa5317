"""The API gives a pupil's trigger points that the caller may not see by name as one
item, `{"id": null, "named": false, "code": "other", "name": "An additional factor known
to partner agencies"}`, however many flags stand behind it: no list of them, no ids, no
dates, and a tier whose weight is not given where it rests on them."""

import json

import pytest

from accounts.access import ADDITIONAL_FACTOR
from tests.api.conftest import client_for
from tests.risk.hidden_world import HIDDEN_CODES, HIDDEN_NAMES, build_hidden_world, hidden_dates

pytestmark = pytest.mark.django_db
UNNAMED = {"id": None, "named": False, "code": "other", "name": ADDITIONAL_FACTOR}


@pytest.fixture
def world():
    return build_hidden_world()


def assert_nothing_hidden_in(data: object) -> None:
    text = json.dumps(data)
    for leak in (*HIDDEN_NAMES, *HIDDEN_CODES, *hidden_dates()):
        assert leak not in text


def _rows(user) -> dict[str, dict]:
    response = client_for(user).get("/api/v1/flags/")
    assert response.status_code == 200
    return {row["surname"]: row for row in response.json()["results"]}


def _section(user, person) -> dict:
    response = client_for(user).get(f"/api/v1/young-people/{person.pk}/")
    assert response.status_code == 200
    return response.json()["sections"]["trigger_points"]


def test_the_flags_list_gives_a_head_teacher_one_unnamed_item_per_pupil(world):
    rows = _rows(world.head)
    for surname in ("Alpha", "Bravo"):
        row = rows[surname]
        assert [item["code"] for item in row["trigger_points"]] == ["tp01", "other"]
        assert row["trigger_points"][1] == UNNAMED
        assert row["tier"] == {
            "name": "medium",
            "label": "Medium",
            "weight": None,
            "reasons": ["Persistent absence", ADDITIONAL_FACTOR],
        }
        assert_nothing_hidden_in(row)
    assert rows["Charlie"]["tier"]["weight"] == 3


def test_the_young_person_endpoint_gives_a_head_teacher_one_unnamed_item(world):
    for person in (world.alpha, world.bravo):
        section = _section(world.head, person)
        assert section["current"][1:] == [UNNAMED]
        assert section["tier"]["reasons"] == ["Persistent absence", ADDITIONAL_FACTOR]
        assert section["tier"]["weight"] is None
        assert_nothing_hidden_in(section)


@pytest.mark.parametrize("role", ["dsl", "taskforce"])
def test_a_dsl_and_the_taskforce_get_each_flag_by_name_with_its_id(world, role):
    user = getattr(world, role)
    row = _rows(user)["Bravo"]
    assert [item["code"] for item in row["trigger_points"]] == ["tp01", *HIDDEN_CODES[1:]]
    assert all(isinstance(item["id"], int) for item in row["trigger_points"])
    assert row["tier"]["weight"] == 4
    assert [item["code"] for item in _section(user, world.bravo)["current"]] == ["tp01", *HIDDEN_CODES[1:]]
