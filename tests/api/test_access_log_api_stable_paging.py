"""The API's lists of the access log page through the log as their first page found it.
Each call to "who has seen this child" is itself an entry naming the child, so a client
following `next` got the last row of page 1 again at the top of page 2, and `count`
crept by one a call. The first page fixes the newest entry it counts and its `next` and
`previous` links carry it as `until`, as IG's pages do (docs/access-log.md)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from drf_spectacular.generators import SchemaGenerator

from accounts.models import AccessLogEntry
from accounts.roles import Role
from tests.api.conftest import client_for
from tests.factories import AccessLogEntryFactory, PersonFactory, UserFactory
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db

UNTIL_MAX = 2**63 - 1


@pytest.fixture
def child():
    return PersonFactory()


@pytest.fixture
def dsl():
    return UserFactory(role=Role.DSL)


@pytest.fixture
def ig():
    return client_for(user_with_role(Role.IG_OFFICER))


def _lists(child, dsl) -> dict[str, tuple[str, dict]]:
    return {
        "person": (f"/api/v1/young-people/{child.pk}/access-log/", {}),
        "search": ("/api/v1/access-log/", {"actor": dsl.pk}),
    }


def _ids(body: dict) -> list[int]:
    return [entry["id"] for entry in body["results"]]


@pytest.mark.parametrize("name", ["person", "search"])
def test_next_gives_the_entries_that_followed_page_one_after_more_were_written(ig, child, dsl, name):
    written = [AccessLogEntryFactory(actor=dsl, persons=[child]) for _ in range(5)]
    url, params = _lists(child, dsl)[name]

    first = ig.get(url, {**params, "page_size": 2}).json()
    assert (_ids(first), first["count"]) == ([written[4].pk, written[3].pk], 5)
    # The record is opened meanwhile (and a look at the child's history is itself logged).
    AccessLogEntryFactory(actor=dsl, persons=[child])
    AccessLogEntryFactory(actor=dsl, persons=[child])
    second = ig.get(first["next"]).json()

    assert (_ids(second), second["count"]) == ([written[2].pk, written[1].pk], 5)
    third = ig.get(second["next"]).json()
    assert (_ids(third), third["count"], third["next"]) == ([written[0].pk], 5, None)
    again = ig.get(second["previous"]).json()
    assert (_ids(again), again["count"]) == (_ids(first), 5)


@pytest.mark.parametrize("name", ["person", "search"])
def test_each_call_still_logs_the_young_people_it_shows(ig, child, dsl, name):
    AccessLogEntryFactory(actor=dsl, persons=[child])
    AccessLogEntryFactory(actor=dsl, persons=[child])
    url, params = _lists(child, dsl)[name]
    first = ig.get(url, {**params, "page_size": 1}).json()

    ig.get(first["next"])

    calls = AccessLogEntry.objects.exclude(actor=dsl).order_by("pk")
    assert [list(call.subjects.values_list("person_id", flat=True)) for call in calls] == [[child.pk]] * 2


@pytest.mark.parametrize(
    "value", ["-1", "0", "99999999999999999999", str(UNTIL_MAX + 1), "abc", "1.5", "1.0", "²", " 1", "1\x00"]
)
@pytest.mark.parametrize("name", ["person", "search"])
def test_a_bad_until_is_a_400_naming_it_and_nothing_is_logged(ig, child, dsl, name, value):
    url, params = _lists(child, dsl)[name]
    before = AccessLogEntry.objects.count()

    response = ig.get(url, {**params, "until": value})

    assert response.status_code == 400
    assert response.json()["detail"]
    [message] = response.json()["errors"]["until"]
    if "\x00" not in value:  # the input guard refuses a NUL first, naming `until` in its own words
        assert "the id of an entry in the access log" in message
    assert AccessLogEntry.objects.count() == before


@pytest.mark.parametrize("name", ["person", "search"])
def test_the_largest_until_the_log_can_hold_is_taken(ig, child, dsl, name):
    seen = AccessLogEntryFactory(actor=dsl, persons=[child])
    url, params = _lists(child, dsl)[name]

    body = ig.get(url, {**params, "until": UNTIL_MAX}).json()

    assert _ids(body) == [seen.pk]


@pytest.mark.parametrize("path", ["/api/v1/access-log/", "/api/v1/young-people/{id}/access-log/"])
def test_the_description_lists_until(path):
    schema = SchemaGenerator(patterns=None).get_schema(request=None, public=True)
    [until] = [p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == "until"]
    assert until["in"] == "query"
    assert (until["schema"]["type"], until["schema"]["minimum"], until["schema"]["maximum"]) == (
        "integer",
        1,
        UNTIL_MAX,
    )
    assert "next" in until["description"]


@pytest.mark.parametrize("name", ["person", "search"])
def test_following_next_costs_no_more_queries_than_the_first_page(ig, child, dsl, name):
    for _ in range(30):
        AccessLogEntryFactory(actor=dsl, persons=[child, PersonFactory()])
    url, params = _lists(child, dsl)[name]
    ig.get(url, params)  # the token's first use costs a few more
    with CaptureQueriesContext(connection) as first_page:
        first = ig.get(url, {**params, "page_size": 10}).json()
    with CaptureQueriesContext(connection) as next_page:
        ig.get(first["next"])
    assert len(next_page) <= len(first_page)
