"""Input the database cannot store gets a clear 400 before any view runs (issue 21,
finding 6): a NUL byte in a query value of IG's access-log search used to be a 500."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AccessLogEntry
from accounts.roles import Role
from portal.input_guard import QUERY_VALUE_MAX
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ig_client():
    client = Client()
    client.force_login(UserFactory(role=Role.IG_OFFICER))
    return client


@pytest.mark.parametrize(
    "query",
    ["q=%00", "person=a%00b", "user=%00", "%00=1", "name=x&upn=%00"],
)
@pytest.mark.parametrize("name", ["access_log:entries", "access_log:people"])
def test_a_nul_byte_in_a_query_is_a_clear_400_and_logs_nothing(ig_client, name, query):
    response = ig_client.get(f"{reverse(name)}?{query}")

    assert response.status_code == 400
    assert b"a character the portal cannot accept" in response.content
    assert not AccessLogEntry.objects.exists()


def test_a_nul_byte_in_the_path_is_a_400(ig_client):
    assert ig_client.get("/feeds/%00/upload/").status_code == 400


def test_a_nul_byte_in_a_posted_form_is_a_400(ig_client):
    response = ig_client.post(reverse("access_log:anomaly_review", args=["denied:1"]), {"note": "a\x00b"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "use your browser's Back button to return to it: what you typed is usually still in it" in page
    assert "type the values again" not in page, "retyping the whole form is not needed"


def test_a_lone_surrogate_in_a_json_body_is_a_400_in_json(ig_client):
    body = json.dumps({"q": "\ud800"})

    response = ig_client.post("/api/anything/", body, content_type="application/json")

    assert response.status_code == 400
    assert "cannot accept" in response.json()["detail"]


def test_an_overlong_query_value_is_a_400_but_a_long_one_is_searched(ig_client):
    url = reverse("access_log:entries")

    assert ig_client.get(url, {"person": "x" * (QUERY_VALUE_MAX + 1)}).status_code == 400
    assert ig_client.get(url, {"person": "x" * QUERY_VALUE_MAX}).status_code == 200


def test_malformed_percent_escapes_are_not_refused(ig_client):
    """Broken UTF-8 in a query becomes U+FFFD, which PostgreSQL stores: a search finding
    nobody, not an error."""
    response = ig_client.get(reverse("access_log:entries") + "?person=%ED%A0%80")

    assert response.status_code == 200


def test_a_nul_byte_in_the_session_cookie_is_a_400_not_a_database_error():
    client = Client()
    client.cookies["sessionid"] = "abcdefgh\x00ijk"

    assert client.get(reverse("home")).status_code == 400


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000,  # malformed, but too deep for the decoder to say so
        '{"a": ' * 50_000,
        "[" * 2_000 + "]" * 2_000,  # well-formed
        json.dumps(
            {"attendance": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{"status": "x"}]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}
        ),
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/referrals/", "/sign-in/"])
def test_deeply_nested_json_is_a_clear_400_not_a_recursion_error(path, body):
    """Python's JSON decoder raises RecursionError, not ValueError, at about a thousand
    levels: the guard's own reading of the body was a 500 for anyone, signed in or not."""
    response = Client().post(path, body, content_type="application/json")

    assert response.status_code == 400
    assert "nested more than" in (
        response.json()["detail"] if path.startswith("/api/") else response.content.decode()
    )
    assert not AccessLogEntry.objects.exists()


def test_json_as_deep_as_an_attendance_mark_is_read_by_the_view(ig_client):
    body = json.dumps({"date": "2026-01-05", "attendance": [{"intervention": 1, "status": "attended"}]})

    response = ig_client.post("/api/v1/interventions/1/sessions/", body, content_type="application/json")

    assert response.status_code == 403  # the IG officer's role, not the guard
