"""GET /api/v1/flags/: the flagged-pupils list through the API, from the same access
layer and the same filters as the page, each page logged naming every young person
on it; a trigger point whose evidence the caller may not see is unnamed in the raw
JSON, and another school's pupils never appear."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.access import ADDITIONAL_FACTOR, JUDGEMENT_NOTICE
from accounts.models import AccessLogEntry
from accounts.roles import Role
from chronology.models import Sensitivity
from risk.services.library import flags_switch
from tests.api.conftest import client_for
from tests.factories import EnrolmentFactory, EventFactory, SchoolFactory
from tests.factories.access import school_staff, user_with_role
from tests.factories.risk import FlagEvidenceFactory, FlagFactory
from tests.risk.pages_world import RESTRICTED_NAME, build_world

pytestmark = pytest.mark.django_db
Kind = AccessLogEntry.Kind
URL = "/api/v1/flags/"


@pytest.fixture
def world():
    return build_world()


def ids(body: dict) -> list[int]:
    return [row["id"] for row in body["results"]]


def named(entry: AccessLogEntry) -> set[int]:
    return set(entry.subjects.values_list("person_id", flat=True))


def only_entry(user) -> AccessLogEntry:
    [entry] = AccessLogEntry.objects.filter(actor=user)
    return entry


def test_a_head_teacher_sees_their_school_flagged_pupils_in_name_order(world):
    body = client_for(world.head).get(URL).json()
    assert ids(body) == [world.absent.pk, world.exploited.pk, world.suspended.pk]
    assert body["notice"] == JUDGEMENT_NOTICE
    assert body["flags_switched_on"] is True
    suspended = body["results"][2]
    assert suspended["upn"] == world.suspended.upn
    assert suspended["current_enrolment"]["year_group"] == "10"
    assert [f["code"] for f in suspended["trigger_points"]] == ["tp01", "tp04"]
    assert suspended["tier"]["weight"] == 3
    assert suspended["tier"]["reasons"] == ["Persistent absence", "Two or more suspensions"]
    assert suspended["trigger_points"][0]["rules_in_words"]
    assert suspended["trigger_points"][0]["version"] == 1


def test_a_restricted_trigger_point_is_unnamed_for_a_head_teacher_in_the_raw_json(world):
    response = client_for(world.head).get(URL)
    raw = response.content.decode()
    assert RESTRICTED_NAME not in raw
    assert "tp08" not in raw
    exploited = next(r for r in response.json()["results"] if r["id"] == world.exploited.pk)
    assert exploited["trigger_points"] == [
        {"id": None, "named": False, "code": "other", "name": ADDITIONAL_FACTOR}
    ]
    assert exploited["tier"]["reasons"] == [ADDITIONAL_FACTOR]


def test_a_dsl_sees_the_restricted_trigger_point_by_name_but_not_its_evidence_in_full(world):
    flag = world.exploited.flags.get()
    event = EventFactory(person=world.exploited, summary="Seen with an older male at the docks")
    FlagEvidenceFactory(flag=flag, event=event, sensitivity=Sensitivity.RESTRICTED)
    response = client_for(world.dsl).get(URL)
    exploited = next(r for r in response.json()["results"] if r["id"] == world.exploited.pk)
    (shown,) = exploited["trigger_points"]
    assert (shown["code"], shown["name"]) == ("tp08", RESTRICTED_NAME)
    assert [line["detail"] for line in shown["evidence"]] == [None]
    assert "older male" not in response.content.decode()


def test_the_taskforce_sees_flags_waiting_for_review_and_every_school(world):
    body = client_for(world.taskforce).get(URL).json()
    assert set(ids(body)) == {
        world.absent.pk,
        world.suspended.pk,
        world.exploited.pk,
        world.waiting.pk,
        world.elsewhere.pk,
    }
    waiting = next(r for r in body["results"] if r["id"] == world.waiting.pk)
    assert waiting["trigger_points"][0]["review"] == "pending"
    assert client_for(world.taskforce).get(URL, {"school": world.other_school.pk}).json()["count"] == 1


def test_another_school_never_sees_these_pupils(world):
    response = client_for(world.other_head).get(URL, {"page_size": 200})
    assert ids(response.json()) == [world.elsewhere.pk]
    for pupil in (world.absent, world.suspended, world.exploited):
        assert pupil.surname not in response.content.decode()
    logged = AccessLogEntry.objects.count()
    refused = client_for(world.other_head).get(URL, {"school": world.school.pk})
    assert refused.status_code == 400, "a school not the caller's is not one the filter takes"
    assert list(refused.json()["errors"]) == ["school"]
    assert world.school.name not in refused.content.decode()
    assert AccessLogEntry.objects.count() == logged, "a refused filter shows nobody"


@pytest.mark.parametrize("school", ["mine", "theirs", "none such"])
def test_the_school_filter_answers_as_the_young_people_list_does(world, school):
    """flags/ answered another school's id with an empty list where young-people/ said
    400, so one integration met two meanings for the same input."""
    chosen = {"mine": world.other_school.pk, "theirs": world.school.pk, "none such": 2**31 - 1}[school]
    client = client_for(world.other_head)
    flags = client.get(URL, {"school": chosen})
    young_people = client.get("/api/v1/young-people/", {"school": chosen})
    assert flags.status_code == young_people.status_code == (200 if school == "mine" else 400)
    if school != "mine":
        assert flags.json()["errors"] == young_people.json()["errors"]


@pytest.mark.parametrize(
    "role", [Role.INTERVENTION_WORKER, Role.IG_OFFICER, Role.DATA_OFFICER, Role.ADMINISTRATOR]
)
def test_roles_without_the_list_get_403_and_nothing_is_logged_as_shown(world, role):
    user = user_with_role(role)
    response = client_for(user).get(URL)
    assert response.status_code == 403
    assert response.json()["detail"]
    assert not AccessLogEntry.objects.filter(actor=user).exclude(kind=Kind.DENIED).exists()


def test_without_credentials_it_is_401(world, api_client):
    assert api_client.get(URL).status_code == 401


def test_one_entry_names_exactly_the_people_on_the_page(world):
    client = client_for(world.head)
    body = client.get(URL, {"page_size": 2, "page": 2}).json()
    assert ids(body) == [world.suspended.pk]
    entry = only_entry(world.head)
    assert (entry.kind, named(entry)) == (Kind.LIST, {world.suspended.pk})
    assert entry.route == "api:flag-list"
    assert entry.detail["page_number"] == 2
    assert entry.detail["api"]["auth"] == "token"


def test_a_search_is_logged_as_a_search_with_its_filters(world):
    body = client_for(world.head).get(URL, {"q": "Suspended", "tier": "medium"}).json()
    assert ids(body) == [world.suspended.pk]
    entry = only_entry(world.head)
    assert (entry.kind, named(entry)) == (Kind.SEARCH, {world.suspended.pk})
    assert entry.detail["filters"]["tier"] == "medium"


def test_an_empty_page_is_still_logged(world):
    flags_switch(by=None, enabled=False)
    body = client_for(world.head).get(URL).json()
    assert (body["count"], body["flags_switched_on"]) == (0, False)
    assert named(only_entry(world.head)) == set()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"trigger_point": "tp01"}, ["absent", "suspended"]),
        ({"trigger_point": "other"}, ["exploited"]),
        ({"tier": "medium"}, ["exploited", "suspended"]),
        ({"tier": "low"}, ["absent"]),
        ({"year_group": "10"}, ["suspended"]),
        ({"sen": "K"}, ["absent"]),
        ({"fsm": "yes"}, ["absent"]),
        ({"dismissed": "yes"}, ["dismissed"]),
        # Both medium; within a tier by the weight the head teacher sees by name.
        ({"sort": "tier"}, ["suspended", "exploited", "absent"]),
        ({"q": "absent"}, ["absent"]),
    ],
)
def test_filters_and_sorts_are_those_of_the_page(world, params, expected):
    body = client_for(world.head).get(URL, params).json()
    assert ids(body) == [getattr(world, name).pk for name in expected]


def test_the_taskforce_can_ask_for_flagged_young_people_on_no_school_roll(world):
    left = EnrolmentFactory(
        school=world.school, leaving_date=world.absent.enrolments.get().entry_date, person__surname="Left"
    ).person
    FlagFactory(person=left, version=world.absent.flags.get().version)
    client = client_for(user_with_role(Role.TASKFORCE))

    assert ids(client.get(URL, {"school_roll": "off"}).json()) == [left.pk]
    on_roll = ids(client.get(URL, {"school_roll": "on"}).json())
    assert left.pk not in on_roll
    assert world.absent.pk in on_roll
    # A head teacher sees only pupils on their roll: none of them is on no roll.
    assert client_for(world.head).get(URL, {"school_roll": "off"}).json()["count"] == 0
    contradiction = client.get(URL, {"school": world.school.pk, "school_roll": "off"})
    assert contradiction.status_code == 400
    assert list(contradiction.json()["errors"]) == ["school_roll"]


def test_dismissed_trigger_points_say_who_when_and_why(world):
    body = client_for(world.dsl).get(URL, {"dismissed": "yes"}).json()
    (row,) = body["results"]
    assert row["trigger_points"] == []
    (flag,) = row["dismissed_trigger_points"]
    assert flag["dismissed"]["reason"] == "known_and_supported"
    assert flag["dismissed"]["by"] == world.dsl.display_name
    assert row["tier"]["name"] == "none"
    assert row["tier"]["label"] == "None (every trigger point dismissed)"


@pytest.mark.parametrize(
    "params",
    [
        {"tier": "extreme"},
        {"year_group": "99"},
        {"sen": "X"},
        {"fsm": "maybe"},
        {"dismissed": "perhaps"},
        {"sort": "surname; DROP TABLE"},
        {"school": "99999999999999999999"},
        {"school": "-1"},
        {"raised_since": "yesterday"},
        {"school_roll": "nowhere"},
        {"q": "x" * 101},
        {"trigger_point": "tp99"},
        {"trigger_point": "' OR 1=1 --"},
    ],
    ids=lambda p: next(iter(p)),
)
def test_bad_filter_values_are_400_with_field_errors(world, params):
    response = client_for(world.head).get(URL, params)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == set(params)
    assert not AccessLogEntry.objects.filter(actor=world.head).exclude(kind=Kind.DENIED).exists()


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"q": "a\x00b"}, 400),
        ({"q": "x" * 10_000}, 400),
        ({"page": "99999999999999999999"}, 404),
        ({"page": "-1"}, 404),
        ({"page": "abc"}, 404),
        ({"page_size": "100000"}, 200),
    ],
    ids=["nul", "overlong", "huge page", "negative page", "word page", "huge page size"],
)
def test_hostile_input_is_a_client_error_never_a_server_error(world, params, status):
    client = client_for(world.head)
    client.raise_request_exception = False
    response = client.get(URL, params)
    assert response.status_code == status
    assert response.json()


@pytest.mark.parametrize("role", [Role.HEAD_TEACHER, Role.TASKFORCE])
def test_the_query_count_does_not_grow_with_the_rows(role):
    """School staff's scope is a set of ids; the taskforce's is the caseload, asked of the
    database, so each card must not ask it again."""
    school = SchoolFactory()
    viewer = school_staff(role, school) if role == Role.HEAD_TEACHER else user_with_role(role)

    def flagged_pupils(n: int) -> None:
        for _ in range(n):
            flag = FlagFactory(person=EnrolmentFactory(school=school).person, sensitivity=Sensitivity.PARTNER)
            FlagEvidenceFactory(flag=flag, event=EventFactory(person=flag.person))
            FlagFactory(person=flag.person, sensitivity=Sensitivity.RESTRICTED)

    def queries() -> int:
        client = client_for(viewer)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, {"page_size": 200}).status_code == 200
        return len(captured.captured_queries)

    flagged_pupils(2)
    few = queries()
    flagged_pupils(20)
    assert queries() <= few
