"""A category or source the portal never writes matched nothing, so the chronology said
"0 entries", which reads as "no such events" (a mistyped or stale link). The flagged list
answers 400 for an unknown filter value; the chronology, its print view, CSV and API do too."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from chronology.views.timeline import BAD_FILTER
from tests.api.conftest import client_for
from tests.factories import EnrolmentFactory, EventFactory
from tests.factories.access import school_staff

pytestmark = pytest.mark.django_db
VIEWS = ("chronology:timeline", "chronology:timeline_print", "chronology:timeline_csv")


@pytest.fixture
def pupil_and_dsl():
    pupil = EnrolmentFactory().person
    EventFactory(person=pupil, category="police_incident", summary="Seen at the station")
    dsl = school_staff(Role.DSL, pupil.enrolments.get().school)
    return pupil, dsl


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("params", "said"),
    [
        ({"category": "knife_crime"}, "There is no category “knife_crime”"),
        ({"category": ["police_incident", "knife_crime"]}, "There is no category “knife_crime”"),
        ({"source": "police"}, "There is no source “police”"),
    ],
)
def test_an_unknown_category_or_source_is_a_400_that_says_what_to_do(pupil_and_dsl, params, said):
    pupil, dsl = pupil_and_dsl
    client = _client(dsl)
    page = client.get(reverse("chronology:timeline", args=[pupil.pk]), params)
    assert page.status_code == 400
    html = page.content.decode()
    assert f"{said}: show the whole chronology and choose from its filters." in html
    assert "Show the whole chronology" in html
    assert "Seen at the station" not in html
    for name in VIEWS[1:]:
        response = client.get(reverse(name, args=[pupil.pk]), params)
        assert response.status_code == 400, name
        assert response.content.decode() == BAD_FILTER


@pytest.mark.parametrize(
    "params",
    [
        {"category": "missing_episode"},
        {"category": "school_end"},
        {"category": "trigger_point_raised"},
        {"category": "intervention_session"},
        {"source": "health"},
        {"source": "trigger_points"},
    ],
)
def test_a_known_category_or_source_without_entries_says_so_in_a_200(pupil_and_dsl, params):
    pupil, dsl = pupil_and_dsl
    for name in VIEWS:
        assert _client(dsl).get(reverse(name, args=[pupil.pk]), params).status_code == 200, name
    page = _client(dsl).get(reverse("chronology:timeline", args=[pupil.pk]), params).content.decode()
    assert "No entries you can see match these filters." in page


@pytest.mark.parametrize(
    ("params", "field", "said"),
    [
        ({"category": "knife_crime"}, "category", "There is no category `knife_crime`"),
        ({"source": "police"}, "source", "There is no source `police`"),
    ],
)
def test_the_api_refuses_an_unknown_category_or_source_as_the_page_does(pupil_and_dsl, params, field, said):
    pupil, dsl = pupil_and_dsl
    response = client_for(dsl).get(f"/api/v1/young-people/{pupil.pk}/chronology/", params)
    assert response.status_code == 400
    [message] = response.json()["errors"][field]
    assert message.startswith(said)
    ok = client_for(dsl).get(
        f"/api/v1/young-people/{pupil.pk}/chronology/",
        {field: "health"} if field == "source" else {field: "missing_episode"},
    )
    assert (ok.status_code, ok.json()["count"]) == (200, 0)


def test_a_malformed_category_says_what_to_do_on_a_page_that_shows_no_list(pupil_and_dsl):
    """The 400 page shows no list of categories, so "choose from the list" named none."""
    pupil, dsl = pupil_and_dsl
    page = _client(dsl).get(reverse("chronology:timeline", args=[pupil.pk]), {"category": "Knife Crime!"})
    assert page.status_code == 400
    html = page.content.decode()
    assert "from the list" not in html
    assert "Choose categories from the chronology&#x27;s filters: show the whole chronology first." in html
