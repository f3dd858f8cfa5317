"""The chronology page, its print view and its CSV, for every role: the raw bytes hold
exactly what DESIGN.md section 5 allows, filters survive pagination and printing, the
export equals the screen, and each response is logged once, naming everyone shown."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.access import RESTRICTED_NOTICE
from accounts.models import AccessLogEntry
from accounts.roles import Role
from chronology.models import Feed, Sensitivity
from chronology.views.timeline import BAD_FILTER
from tests.chronology.timeline_world import VISIBLE_TEXT, build_world, sixty_cautions
from tests.csv_download import csv_dicts, csv_rows, csv_text
from tests.factories import EnrolmentFactory, EventFactory, FeedFactory
from tests.factories.access import school_staff

pytestmark = pytest.mark.django_db
VIEWS = ("chronology:timeline", "chronology:timeline_print", "chronology:timeline_csv")
Kind = AccessLogEntry.Kind


@pytest.fixture
def world():
    return build_world()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _get(world, role, name, params=None):
    return _client(world.users[role]).get(reverse(name, args=[world.pupil.pk]), params or {})


@pytest.mark.parametrize("name", VIEWS)
@pytest.mark.parametrize("role", ["head_teacher", "dsl", "taskforce"])
def test_every_view_holds_exactly_the_text_the_role_may_read(world, role, name):
    body = _get(world, role, name).content
    for label, text in world.texts.items():
        assert (text.encode() in body) == (label in VISIBLE_TEXT[role]), (label, role, name)
    assert (RESTRICTED_NOTICE.encode() in body) == (role == "head_teacher")
    assert (b"REF-walrus" in body) == (role != "head_teacher")
    assert (b"youth_justice-march.csv" in body) == (role == "taskforce")


@pytest.mark.parametrize("name", VIEWS)
def test_each_view_is_logged_once_naming_the_young_person_and_the_relatives_shown(world, name):
    kind = Kind.VIEW if name == "chronology:timeline" else Kind.EXPORT
    _get(world, "dsl", name)
    entry = AccessLogEntry.objects.get(kind=kind, route=name)
    assert set(entry.subjects.values_list("person_id", flat=True)) == {world.pupil.pk, world.brother.pk}
    _get(world, "dsl", name, {"people": "young_person"})
    latest = AccessLogEntry.objects.filter(route=name).order_by("-id").first()
    assert set(latest.subjects.values_list("person_id", flat=True)) == {world.pupil.pk}


def test_the_csv_equals_the_screen(world):
    page = _get(world, "dsl", "chronology:timeline", {"order": "oldest"}).content.decode()
    rows = csv_rows(_get(world, "dsl", "chronology:timeline_csv", {"order": "oldest"}))
    assert rows[0][:3] == ["Date", "Category", "About"]
    assert len(rows) > 5
    positions = []
    for row in rows[1:]:
        assert row[1] in page
        if row[4]:
            assert row[4] in page
            positions.append(page.index(row[4]))
    assert positions == sorted(positions)


def test_filters_survive_pagination_printing_and_the_csv(world):
    sixty_cautions(world.pupil)
    params = {"category": "youth_justice_outcome", "from": "2022-01-01", "to": "2022-12-31"}
    first = _get(world, "taskforce", "chronology:timeline", params).content.decode()
    assert "60 entries" in first
    assert "Caution number 59" in first
    assert "Caution number 09" not in first
    assert "category=youth_justice_outcome&amp;from=2022-01-01&amp;to=2022-12-31&amp;page=2" in first
    assert "print/?category=youth_justice_outcome&amp;from=2022-01-01&amp;to=2022-12-31" in first
    second = _get(world, "taskforce", "chronology:timeline", {**params, "page": "2"}).content.decode()
    assert "Caution number 09" in second
    assert world.texts["own_education"] not in second
    printed = _get(world, "taskforce", "chronology:timeline_print", params).content.decode()
    assert printed.count("Caution number") == 60
    assert "OFFICIAL-SENSITIVE" in printed
    assert world.users["taskforce"].display_name in printed
    assert 'class="govuk-header' not in printed
    exported = csv_text(_get(world, "taskforce", "chronology:timeline_csv", params))
    assert exported.count("Caution number") == 60


@pytest.mark.parametrize("month", ["9", "09", "Sep", "September"])
def test_dates_typed_in_the_day_month_and_year_boxes_filter_as_a_links_iso_date_does(pupil_and_dsl, month):
    """GOV.UK's date input, whose month may be a number or a name; the hint gives an example."""
    pupil, client = pupil_and_dsl
    url = reverse("chronology:timeline", args=[pupil.pk])
    assert "For example, 1 9 2025" in client.get(url).content.decode()
    EventFactory(person=pupil, occurred_on=datetime.date(2025, 8, 31), summary="Last day of August")
    EventFactory(person=pupil, occurred_on=datetime.date(2025, 9, 1), summary="First of September")
    for sent in (
        {"date_from_day": "1", "date_from_month": month, "date_from_year": "2025"},
        {"from": "2025-09-01"},
    ):
        page = client.get(url, sent)
        assert page.status_code == 200
        body = page.content.decode()
        assert "First of September" in body
        assert "Last day of August" not in body


@pytest.fixture
def pupil_and_dsl():
    pupil = EnrolmentFactory().person
    EventFactory(person=pupil, summary="Hidden from a bad filter's page")
    return pupil, _client(school_staff(Role.DSL, pupil.enrolments.get().school))


@pytest.mark.parametrize(
    "params",
    [
        {"q": "a\x00b"},
        {"q": "x" * 500},
        {"from": "2025-13-45"},
        {"date_from_day": "1", "date_from_month": "-9", "date_from_year": "9" * 900},
        {"from": "2025-05-01", "to": "2025-04-01"},
        {"category": "<script>"},
        {"source": "x" * 100},
        {"category": [f"c{n}" for n in range(60)]},
    ],
)
def test_hostile_filters_get_a_clear_400(pupil_and_dsl, params):
    pupil, client = pupil_and_dsl
    for name in VIEWS:
        response = client.get(reverse(name, args=[pupil.pk]), params)
        assert response.status_code == 400, name
        assert b"Hidden from a bad filter" not in response.content


def test_the_print_view_holds_its_content_in_one_main_landmark(world):
    """The print view has no portal header or footer, but its content is still the
    page's main landmark, for a screen reader's "jump to main" (axe: landmark-one-main,
    region)."""
    printed = _get(world, "dsl", "chronology:timeline_print").content.decode()
    assert printed.count("<main") == 1
    body = printed.split("<body", 1)[1]
    assert re.match(r'[^>]*>\s*<main class="govuk-width-container" id="main-content">', body)
    assert re.search(r"</main>\s*</body>", body)


@pytest.mark.parametrize("name", ["chronology:timeline_print", "chronology:timeline_csv"])
def test_the_print_view_and_csv_say_where_to_correct_a_bad_filter(pupil_and_dsl, name):
    pupil, client = pupil_and_dsl
    response = client.get(reverse(name, args=[pupil.pk]), {"from": "2025-13-45"})
    assert response.status_code == 400
    assert response.content.decode() == BAD_FILTER
    assert "correct it on the chronology page" in BAD_FILTER


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2025-13-45"}, "id_date_from_0"),
        ({"people": "everyone"}, "id_people"),
        ({"order": "up"}, "id_order"),
    ],
)
def test_a_bad_filter_is_shown_in_the_form_to_correct_it(pupil_and_dsl, params, field):
    """The GOV.UK pattern: "Error:" in the title, and an error summary whose links lead
    to the field to correct, on the page itself (not only "show the whole chronology")."""
    pupil, client = pupil_and_dsl
    body = client.get(reverse("chronology:timeline", args=[pupil.pk]), params).content.decode()
    assert "<title>Error: Chronology:" in body
    assert f'href="#{field}"' in body
    assert f'id="{field}"' in body
    assert 'action="{}"'.format(reverse("chronology:timeline", args=[pupil.pk])) in body


def test_any_page_number_and_unknown_young_people(pupil_and_dsl):
    pupil, client = pupil_and_dsl
    for page in ["99999999999999999999", "-3", "abc"]:
        assert client.get(reverse("chronology:timeline", args=[pupil.pk]), {"page": page}).status_code == 200
    # A NUL byte is refused for every page by portal/input_guard.py, with a clear 400.
    assert client.get(reverse("chronology:timeline", args=[pupil.pk]), {"page": "\x00"}).status_code == 400
    for pk in [0, 2**31, 10**30]:
        assert client.get(f"/young-people/{pk}/chronology/").status_code == 404


def test_the_young_person_page_links_to_the_chronology(world):
    body = _get(world, "dsl", "young_person_detail").content.decode()
    assert reverse("chronology:timeline", args=[world.pupil.pk]) in body


def test_the_page_costs_the_same_queries_however_long_the_chronology(world):
    feed = FeedFactory(code=Feed.Code.YOUTH_JUSTICE, default_sensitivity=Sensitivity.PARTNER)
    client = _client(world.users["taskforce"])
    url = reverse("chronology:timeline", args=[world.pupil.pk])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = queries()
    for n in range(150):
        EventFactory(
            person=world.pupil, feed=feed, occurred_on=datetime.date(2021, 1, 1) + datetime.timedelta(days=n)
        )
    assert queries() == before


def test_an_episodes_end_is_shown_with_it_to_those_who_read_it_in_full(world):
    feed = FeedFactory(code=Feed.Code.SOCIAL_CARE, default_sensitivity=Sensitivity.PARTNER)
    EventFactory(
        person=world.pupil,
        feed=feed,
        category="social_care_cp_plan",
        occurred_on=datetime.date(2024, 11, 1),
        ended_on=datetime.date(2025, 3, 1),
        summary="Social care: cp plan (NEG)",
    )
    params = {"category": "social_care_cp_plan"}

    assert b"to 1 Mar 2025" in _get(world, "dsl", "chronology:timeline", params).content
    assert b"to 1 Mar 2025" in _get(world, "dsl", "chronology:timeline_print", params).content
    [row] = csv_dicts(_get(world, "dsl", "chronology:timeline_csv", params))
    assert (row["Date"], row["Ended on"]) == ("2024-11-01", "2025-03-01")

    api = reverse("api:young-person-chronology", args=[world.pupil.pk])
    [entry] = _client(world.users["dsl"]).get(api, params).json()["results"]
    assert entry["ended_on"] == "2025-03-01"

    assert b"Mar 2025" not in _get(world, "head_teacher", "chronology:timeline", params).content
    head = csv_text(_get(world, "head_teacher", "chronology:timeline_csv", params))
    assert "2025-03-01" not in head
    [entry] = _client(world.users["head_teacher"]).get(api, params).json()["results"]
    assert entry["ended_on"] is None
