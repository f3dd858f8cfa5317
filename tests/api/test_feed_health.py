"""GET /api/v1/feed-health/ and /api/v1/feed-health/{code}/: the figures of the feed
health pages, for data officers, IG and the taskforce; no person, no log entry."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import AccessLogEntry
from accounts.roles import Role
from chronology.models import Feed
from stewardship.selectors.health_charts import WEEKS
from tests.api.conftest import client_for
from tests.factories import FeedFactory, FeedRunFactory
from tests.factories.access import user_with_role
from tests.factories.chronology import queued_link_review

pytestmark = pytest.mark.django_db
LIST = "/api/v1/feed-health/"
HEALTH_ROLES = (Role.DATA_OFFICER, Role.IG_OFFICER, Role.TASKFORCE)
OTHERS = (Role.HEAD_TEACHER, Role.DSL, Role.INTERVENTION_WORKER, Role.ADMINISTRATOR)


def imported(feed: Feed, *, days_ago: float, rows: int = 100, rejected: int = 0, queued: int = 0):
    return FeedRunFactory(
        feed=feed,
        finished_at=timezone.now() - timedelta(days=days_ago),
        rows_read=rows,
        rows_rejected=rejected,
        rows_queued=queued,
        rows_imported=rows - rejected - queued,
        rows_linked_certain=rows - rejected - queued,
    )


@pytest.fixture
def feeds():
    police = FeedFactory(code=Feed.Code.POLICE_INCIDENTS, cadence_days=7)
    for days in (20, 13, 6):
        imported(police, days_ago=days, rows=100, rejected=2, queued=10)
    imported(police, days_ago=1, rows=40, rejected=20, queued=4)
    late = FeedFactory(code=Feed.Code.HEALTH, cadence_days=7)
    imported(late, days_ago=30)
    return police, late


def by_code(body: dict) -> dict[str, dict]:
    return {row["code"]: row for row in body["results"]}


@pytest.mark.parametrize("role", HEALTH_ROLES)
def test_the_health_roles_see_each_feed_as_the_page_shows_it(feeds, role):
    user = user_with_role(role)
    body = client_for(user).get(LIST).json()
    police = by_code(body)["police_incidents"]
    latest = police["latest"]
    assert (latest["rows"], latest["rejected"], latest["reject_rate"]) == (40, 20, 0.5)
    assert (latest["queued_share"], latest["linked_share"]) == (0.1, 0.4)
    assert police["is_overdue"] is False
    assert {p["kind"] for p in police["problems"]} == {"reject_rate", "row_drop"}
    late = by_code(body)["health"]
    assert late["is_overdue"] is True
    assert late["problems"][0]["message"].startswith(late["name"])
    assert body["problems"] == 3
    assert body["rules"]["baseline_runs"] == 10
    assert not AccessLogEntry.objects.filter(actor=user).exists()


def test_one_feed_has_its_imports_of_the_last_90_days_and_its_review_queue(feeds):
    police, _ = feeds
    imported(police, days_ago=120, rows=7)
    queued_link_review()
    body = client_for(user_with_role(Role.DATA_OFFICER)).get(f"{LIST}police_incidents/").json()
    rows = [r["rows"] for r in body["runs"]]
    assert rows[:4] == [100, 100, 100, 40], "oldest first"
    assert 7 not in rows, "older than 90 days"
    assert body["open_reviews"] == 1
    weeks = body["review_queue_by_week"]
    assert len(weeks) == WEEKS
    assert weeks[-1]["open_reviews"] == 1
    assert set(weeks[0]) == {"week_ending", "open_reviews", "oldest_days"}


def test_a_feed_about_schools_has_no_linked_or_queued_share():
    schools = FeedFactory(code=Feed.Code.SCHOOLS, cadence_days=365)
    imported(schools, days_ago=1, rows=50, queued=0)
    body = client_for(user_with_role(Role.IG_OFFICER)).get(f"{LIST}schools/").json()
    assert body["person_level"] is False
    assert (body["latest"]["linked_share"], body["latest"]["queued_share"]) == (None, None)
    assert body["review_queue_by_week"] == []


@pytest.mark.parametrize("role", OTHERS)
def test_other_roles_get_403(feeds, role):
    client = client_for(user_with_role(role))
    assert client.get(LIST).status_code == 403
    assert client.get(f"{LIST}police_incidents/").status_code == 403


def test_without_credentials_it_is_401(feeds, api_client):
    assert api_client.get(LIST).status_code == 401


@pytest.mark.parametrize(
    ("path", "status"),
    [("no_such_feed/", 404), ("x" * 60 + "/", 404), ("police%00/", 400), ("%27--/", 404)],
    ids=["unknown", "overlong", "nul", "sql"],
)
def test_a_bad_feed_code_is_a_client_error(feeds, path, status):
    client = client_for(user_with_role(Role.DATA_OFFICER))
    client.raise_request_exception = False
    response = client.get(LIST + path)
    assert response.status_code == status
    assert response.json()["detail"]


def test_the_query_count_does_not_grow_with_feeds_or_runs(feeds):
    officer = user_with_role(Role.DATA_OFFICER)

    def queries() -> int:
        client = client_for(officer)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured.captured_queries)

    few = queries()
    for code in (Feed.Code.EARLY_HELP, Feed.Code.YOUTH_JUSTICE):
        feed = FeedFactory(code=code)
        for days in range(1, 30, 3):
            imported(feed, days_ago=days)
    assert queries() <= few
