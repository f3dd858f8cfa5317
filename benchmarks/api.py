"""API timings (issue 15's performance goals), in-process with DRF's test client and a
token of the demo head teacher, each next to the raw SQL that fetches the same rows, as
the page measures do."""

from collections.abc import Callable

from rest_framework.test import APIClient

from accounts.models import User
from accounts.services.api_tokens import token_create
from benchmarks.pages import _LIST_SQL, PAGE_SIZE, _events_about, _page_measure, _pupils_of
from benchmarks.timing import Measure, raw_sql, timed
from portal.demo.scale.build import ScaleCity
from portal.demo.users import DEMO_DOMAIN

LIST_GOAL_MS = 100
CHRONOLOGY_GOAL_MS = 150


def api_client_for(email_local: str) -> APIClient:
    user = User.objects.get(email=f"{email_local}@{DEMO_DOMAIN}")
    _, secret = token_create(by=None, user=user, name="make bench", days=1)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


def _get(client: APIClient, url: str) -> Callable[[], object]:
    def run() -> object:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        return response

    return run


def api_measures(city: ScaleCity, *, reps: int) -> list[Measure]:
    head = api_client_for("head.teacher")
    school = city.largest_school_id
    pupils = _pupils_of(school)
    last_page = max(1, -(-pupils // PAGE_SIZE))
    url = f"/api/v1/young-people/?school={school}&page_size={PAGE_SIZE}"
    first = _page_measure(
        "api_list_first",
        f"API young-people list, largest school ({pupils} pupils), first page",
        _get(head, url),
        raw_sql(_LIST_SQL.format(where=""), [school, 0]),
        reps=reps,
        goal_ms=LIST_GOAL_MS,
    )
    last = _page_measure(
        "api_list_last",
        f"API young-people list, largest school, last page ({last_page})",
        _get(head, f"{url}&page={last_page}"),
        raw_sql(_LIST_SQL.format(where=""), [school, (last_page - 1) * PAGE_SIZE]),
        reps=reps,
        goal_ms=LIST_GOAL_MS,
    )
    _, _, queries_at_200 = timed(_get(head, f"/api/v1/young-people/?school={school}&page_size=200"), reps=1)
    flat = queries_at_200 == first.queries
    for measure in (first, last):
        measure.goal = f"p95 <= {LIST_GOAL_MS} ms, queries the same at page_size 50 and 200"
        measure.met = measure.met and flat
        measure.extra = {"pupils": pupils, "queries_page_size_200": queries_at_200}

    person = city.outliers[0]
    chronology = _page_measure(
        "api_chronology",
        "API chronology, outlier with the most events (own + family), first page",
        _get(head, f"/api/v1/young-people/{person}/chronology/"),
        raw_sql(
            "SELECT * FROM chronology_event WHERE person_id = %s OR family_id IN "
            "(SELECT family_id FROM schools_familymember WHERE person_id = %s) "
            "ORDER BY occurred_on DESC, id DESC LIMIT 50",
            [person, person],
        ),
        reps=reps,
        goal_ms=CHRONOLOGY_GOAL_MS,
    )
    chronology.extra = {"events_own_and_family": _events_about(person)}
    return [first, last, chronology]
