"""Export equals screen, for every role (issue 20): the chronology page, its print view,
its CSV, the API and the young person's recent summary carry exactly the same entries,
each as (date, category, about, text or "redacted"), and the same restricted line. Read
from the raw bytes each one sends, so a template, CSV writer or serializer that showed
more (or less) than the others would fail here."""

import datetime
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from accounts.access import RESTRICTED_NOTICE
from accounts.roles import Role
from accounts.services.person_grants import person_grant
from tests.chronology.timeline_world import build_world
from tests.csv_download import csv_dicts
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db

REDACTED = "redacted"
PARTNER_HINT = "Details held by a partner agency"
RECORD_ROLES = ("head_teacher", "dsl", "taskforce", "intervention_worker")
HIDDEN_RESTRICTED = ("head_teacher", "intervention_worker")
"""The roles that never see restricted entries, told only that restricted information exists."""
NO_CHRONOLOGY = ("ig_officer", "data_officer", "administrator")


@pytest.fixture
def world():
    world = build_world()
    worker = user_with_role(Role.INTERVENTION_WORKER)
    person_grant(by=None, user=worker, person=world.pupil)
    world.users[Role.INTERVENTION_WORKER.value] = worker
    return world


class _ChronologyTable(HTMLParser):
    """The rows of every `portal-chronology` table, each cell as its text chunks."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[list[str]]] = []
        self._depth = 0
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        classes = dict(attrs).get("class") or ""
        if tag == "table":
            self._depth += 1 if "portal-chronology" in classes or self._depth else 0
        elif self._depth and tag == "tr":
            self.rows.append([])
        elif self._depth and tag == "td":
            self._cell = []
            self.rows[-1].append(self._cell)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._depth:
            self._depth -= 1
        elif tag == "td":
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None and data.strip():
            self._cell.append(" ".join(data.split()))


def _from_html(body: bytes) -> set[tuple]:
    table = _ChronologyTable()
    table.feed(body.decode())
    entries = set()
    for cells in table.rows:
        if not cells:
            continue
        day = datetime.datetime.strptime(cells[0][0], "%d %b %Y").date()
        text = cells[3][0]
        entries.add((day, cells[1][0], cells[2][0], REDACTED if text == PARTNER_HINT else text))
    return entries


def _from_csv(response: object) -> tuple[set[tuple], bool]:
    rows = csv_dicts(response)
    notice = bool(rows) and rows[0]["Note"] == RESTRICTED_NOTICE and not rows[0]["Date"]
    rows = rows[1:] if notice else rows
    assert not any(row["Note"] for row in rows), "the notice is said once, before the entries"
    entries = {
        (
            datetime.date.fromisoformat(row["Date"]),
            row["Category"],
            row["About"],
            row["What happened"] if row["Detail shown"] == "Full" else REDACTED,
        )
        for row in rows
    }
    return entries, notice


def _from_api(body: dict) -> set[tuple]:
    assert body["next"] is None, "every entry on one API page"
    return {
        (
            datetime.date.fromisoformat(row["occurred_on"]),
            row["category_label"],
            row["about"],
            REDACTED if row["summary"] is None else row["summary"],
        )
        for row in body["results"]
    }


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _urls(world) -> dict[str, str]:
    pk = world.pupil.pk
    return {
        "page": reverse("chronology:timeline", args=[pk]),
        "print": reverse("chronology:timeline_print", args=[pk]),
        "csv": reverse("chronology:timeline_csv", args=[pk]),
        "api": reverse("api:young-person-chronology", args=[pk]) + "?page_size=200",
        "young person": reverse("young_person_detail", args=[pk]),
    }


@pytest.mark.parametrize("role", RECORD_ROLES)
def test_page_print_csv_api_and_summary_carry_the_same_entries_at_the_same_detail(world, role):
    client = _client(world.users[role])
    urls = _urls(world)
    responses = {name: client.get(url) for name, url in urls.items()}
    assert {name: r.status_code for name, r in responses.items()} == dict.fromkeys(urls, 200)

    page = _from_html(responses["page"].content)
    exported, csv_notice = _from_csv(responses["csv"])
    assert len(page) > 3, "the world gives every role several entries"
    assert _from_html(responses["print"].content) == page
    assert exported == page
    assert _from_api(responses["api"].json()) == page
    assert _from_html(responses["young person"].content) == page

    notice = role in HIDDEN_RESTRICTED
    assert csv_notice == notice
    assert (responses["api"].json()["restricted_notice"] == RESTRICTED_NOTICE) == notice
    for name in ("page", "print", "young person"):
        assert (RESTRICTED_NOTICE.encode() in responses[name].content) == notice, name


@pytest.mark.parametrize("role", NO_CHRONOLOGY)
def test_roles_without_the_chronology_get_it_in_no_form(world, role):
    client = _client(world.users[role])
    for name, url in _urls(world).items():
        response = client.get(url)
        assert response.status_code == 403, name
        for text in world.texts.values():
            assert text.encode() not in response.content, (name, text)
