"""An API address without its trailing slash must not lose a write: Django's 301 was
re-sent as a GET by clients, so a POST to `referrals` answered the list and made nothing."""

import pytest

from accounts.roles import Role
from interventions.models import Referral
from tests.api.conftest import client_for
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "get"])
def test_a_missing_slash_under_the_api_is_a_308_to_the_address_with_it(school_world, method):
    _, pupil, dsl, _ = school_world
    client = client_for(dsl)
    body = {"young_person": pupil.pk, "reason": "Seen with older youths"} if method != "get" else None
    answer = getattr(client, method)("/api/v1/referrals?x=1", body, format="json")
    assert answer.status_code == 308, "308 keeps the method and the body"
    assert answer["Location"] == "/api/v1/referrals/?x=1"
    assert answer.json() == {
        "detail": "This address ends with a slash: send the request again to /api/v1/referrals/?x=1"
    }
    assert not Referral.objects.exists()


def test_a_feed_upload_without_the_slash_is_redirected_with_its_method(settings):
    settings.DEBUG = True  # Django refuses to redirect a POST when DEBUG is on
    client = client_for(user_with_role(Role.DATA_OFFICER))
    answer = client.post("/api/v1/feeds/police_incidents/runs", {})
    assert (answer.status_code, answer["Location"]) == (308, "/api/v1/feeds/police_incidents/runs/")


def test_an_unknown_api_address_is_still_a_json_404():
    answer = client_for(user_with_role(Role.DSL)).post("/api/v1/no-such-thing", {}, format="json")
    assert (answer.status_code, answer.json()) == (404, {"detail": "Not found."})


def test_pages_keep_djangos_301(client):
    answer = client.get("/api-tokens")
    assert (answer.status_code, answer["Location"]) == (301, "/api-tokens/")
