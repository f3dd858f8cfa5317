"""GET /api/v1/indicators/ and /api/v1/indicators/{code}/: the library for the roles
that read its pages; and the trigger points inside GET /api/v1/young-people/{id}/, at
the caller's detail."""

import pytest

from accounts.access import ADDITIONAL_FACTOR
from accounts.models import AccessLogEntry
from accounts.roles import Role
from risk.services.library import indicator_version_add
from tests.api.conftest import client_for
from tests.factories.access import user_with_role
from tests.factories.risk import IndicatorVersionFactory
from tests.risk.pages_world import RESTRICTED_NAME, build_world

pytestmark = pytest.mark.django_db
LIST = "/api/v1/indicators/"
READERS = (Role.ADMINISTRATOR, Role.TASKFORCE, Role.IG_OFFICER)
OTHERS = (Role.HEAD_TEACHER, Role.DSL, Role.INTERVENTION_WORKER, Role.DATA_OFFICER)


@pytest.fixture
def versions():
    first = IndicatorVersionFactory(
        indicator__code="tp07", indicator__position=7, name="Arrested or suspect", weight=2
    )
    IndicatorVersionFactory(indicator__code="tp01", indicator__position=1, name="Persistent absence")
    second = indicator_version_add(
        by=user_with_role(Role.ADMINISTRATOR),
        indicator=first.indicator,
        name="Arrested, charged or a suspect",
        description=first.description,
        rules=first.rules,
        weight=3,
        stronger_at=None,
        needs_review=True,
        change_note="Charged too",
    )
    return first, second


@pytest.mark.parametrize("role", READERS)
def test_readers_of_the_library_get_every_indicator_at_its_current_version(versions, role):
    user = user_with_role(role)
    body = client_for(user).get(LIST).json()
    assert body["flags_switched_on"] is True
    assert [i["code"] for i in body["results"]] == ["tp01", "tp07"]
    tp07 = body["results"][1]
    assert tp07["enabled"] is True
    current = tp07["current_version"]
    assert (current["number"], current["name"], current["weight"]) == (2, "Arrested, charged or a suspect", 3)
    assert current["needs_review"] is True
    assert current["rules"][0]["type"] == "events"
    assert current["rules_in_words"]
    assert all(isinstance(words, str) for words in current["rules_in_words"])
    assert not AccessLogEntry.objects.filter(actor=user).exists(), "no person, no entry"


@pytest.mark.parametrize("role", READERS)
def test_one_indicator_lists_every_version_newest_first_with_who_made_it(versions, role):
    body = client_for(user_with_role(role)).get(f"{LIST}tp07/").json()
    assert [v["number"] for v in body["versions"]] == [2, 1]
    assert body["versions"][0]["change_note"] == "Charged too"
    assert body["versions"][0]["created_by"]
    assert body["versions"][1]["created_by"] is None
    assert body["current_version"]["number"] == 2


@pytest.mark.parametrize("role", OTHERS)
def test_other_roles_get_403(versions, role):
    client = client_for(user_with_role(role))
    assert client.get(LIST).status_code == 403
    assert client.get(f"{LIST}tp07/").status_code == 403


def test_without_credentials_it_is_401(versions, api_client):
    assert api_client.get(LIST).status_code == 401


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("nosuch/", 404),
        ("x" * 51 + "/", 404),
        ("tp07%00/", 400),
        ("%27%20OR%201=1/", 404),
        ("99999999999999999999/", 404),
    ],
    ids=["unknown", "overlong", "nul", "sql", "huge"],
)
def test_a_bad_code_is_a_client_error(versions, path, status):
    client = client_for(user_with_role(Role.TASKFORCE))
    client.raise_request_exception = False
    response = client.get(LIST + path)
    assert response.status_code == status
    assert response.json()["detail"]


def test_the_young_person_record_carries_its_trigger_points_at_the_callers_detail():
    world = build_world()
    url = f"/api/v1/young-people/{world.exploited.pk}/"
    head = client_for(world.head).get(url)
    raw = head.content.decode()
    assert RESTRICTED_NAME not in raw
    assert "tp08" not in raw
    section = head.json()["sections"]["trigger_points"]
    assert section["current"] == [{"id": None, "named": False, "code": "other", "name": ADDITIONAL_FACTOR}]
    assert section["tier"]["reasons"] == [ADDITIONAL_FACTOR]
    assert "professional judgement" in section["notice"]

    dsl = client_for(world.dsl).get(url).json()["sections"]["trigger_points"]
    assert (dsl["current"][0]["code"], dsl["current"][0]["name"]) == ("tp08", RESTRICTED_NAME)
    assert dsl["current"][0]["raised_at"]


def test_a_dismissed_trigger_point_is_in_the_record_with_who_and_why():
    world = build_world()
    body = client_for(world.dsl).get(f"/api/v1/young-people/{world.dismissed.pk}/").json()
    section = body["sections"]["trigger_points"]
    assert section["current"] == []
    assert section["dismissed"][0]["dismissed"]["reason_label"]
    assert section["dismissed"][0]["dismissed"]["by"] == world.dsl.display_name


def test_a_flag_waiting_for_review_is_not_in_a_school_record():
    world = build_world()
    body = client_for(world.dsl).get(f"/api/v1/young-people/{world.waiting.pk}/").json()
    assert body["sections"]["trigger_points"]["current"] == []


def test_another_schools_pupil_is_404_and_a_logged_refusal():
    world = build_world()
    response = client_for(world.other_head).get(f"/api/v1/young-people/{world.exploited.pk}/")
    assert response.status_code == 404
    [entry] = AccessLogEntry.objects.filter(actor=world.other_head)
    assert entry.kind == AccessLogEntry.Kind.DENIED
