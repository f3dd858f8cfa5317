"""The API's conventions: JSON errors with `detail`, 405, 404 for unknown addresses and
429 with Retry-After under per-user throttling."""

import pytest
from rest_framework.test import APIClient

from accounts.roles import Role
from tests.api.conftest import client_for
from tests.factories import EnrolmentFactory, FeedRunFactory, SchoolFactory
from tests.factories.access import school_staff, user_with_role

pytestmark = pytest.mark.django_db


def test_too_many_requests_answers_429_with_retry_after(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "2/minute", "anonymous": "1/minute"},
    }
    client = client_for(user_with_role(Role.DATA_OFFICER))
    assert [client.get("/api/v1/me/").status_code for _ in range(2)] == [200, 200]
    refused = client.get("/api/v1/me/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "detail" in refused.json()
    other = client_for(user_with_role(Role.DATA_OFFICER))
    assert other.get("/api/v1/me/").status_code == 200


@pytest.mark.parametrize("credentials", [{}, {"HTTP_AUTHORIZATION": "Token safe_0123456789abcdefghij"}])
@pytest.mark.parametrize("path", ["/api/v1/me/", "/api/v1/young-people/1/", "/api/schema/"])
def test_calls_without_good_credentials_are_counted_per_address(settings, credentials, path):
    """DRF checks permissions before throttles, so a 401 used to come before any count and
    the per-address limit never applied to anyone."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "100/minute", "anonymous": "2/minute"},
    }
    client = APIClient(**credentials)
    assert [client.get(path).status_code for _ in range(2)] == [401, 401]
    refused = client.get(path)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert b"detail" in refused.content
    assert APIClient(REMOTE_ADDR="192.0.2.7").get(path).status_code == 401, "another address"


def test_a_forwarded_for_header_is_believed_only_through_trusted_proxies(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "100/minute", "anonymous": "1/minute"},
    }
    settings.TRUSTED_PROXY_COUNT = 0
    client = APIClient()
    assert client.get("/api/v1/me/", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 401
    assert client.get("/api/v1/me/", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429
    settings.TRUSTED_PROXY_COUNT = 1
    assert client.get("/api/v1/me/", HTTP_X_FORWARDED_FOR="198.51.100.3").status_code == 401
    assert client.get("/api/v1/me/", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.3").status_code == 429


def test_errors_are_json_with_a_detail():
    client = client_for(user_with_role(Role.DATA_OFFICER))
    unknown = client.get("/api/v1/no-such-thing/")
    assert (unknown.status_code, unknown.json()) == (404, {"detail": "Not found."})
    wrong_method = client.delete("/api/v1/me/")
    assert wrong_method.status_code == 405
    assert wrong_method.json()["detail"]
    options = client.options("/api/v1/me/")
    assert options.status_code == 405
    assert options["Allow"] == wrong_method["Allow"] == "GET, HEAD", "Allow offers no OPTIONS"
    assert client.get("/api/v1/schools/", {"page": "abc"}).status_code == 404


def test_the_openapi_description_and_its_docs_are_served_by_the_portal():
    client = client_for(user_with_role(Role.DSL))
    description = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "/api/v1/young-people/{id}/chronology/" in description["paths"]
    assert all(path.startswith("/api/v1/") for path in description["paths"])
    docs = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in docs
    assert "cdn" not in docs.lower()
    assert "<style>" not in docs
    assert "<script>" not in docs


@pytest.mark.parametrize(
    ("path", "keys"),
    [
        ("/api/v1/young-people/", {"break_glass_candidates"}),
        ("/api/v1/feed-health/", {"problems", "rules"}),
        ("/api/v1/young-people/{id}/access-log/", {"person"}),
        ("/api/v1/flags/", {"notice", "flags_switched_on"}),
        ("/api/v1/indicators/", {"flags_switched_on"}),
    ],
)
def test_the_description_names_every_key_a_page_adds_to_its_results(path, keys):
    """An integration generated from the description would otherwise never see them."""
    client = client_for(user_with_role(Role.DSL))
    description = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    operation = description["paths"][path]["get"]
    shape = operation["responses"]["200"]["content"]["application/json"]["schema"]
    page = description["components"]["schemas"][shape["$ref"].rsplit("/", 1)[1]]
    assert keys | {"count", "next", "previous", "results"} <= set(page["properties"])
    assert {"page", "page_size"} <= {parameter["name"] for parameter in operation["parameters"]}


@pytest.mark.parametrize("page", ["²", "①", "-1", "0", "1.5", "99999999999999999999"])
def test_a_page_number_that_is_not_ascii_digits_is_404_not_a_server_error(page):
    """`str.isdigit` is true of "²" and "①", which `int` refuses: the chronology's `page`
    (and an import run's rejected rows', through the same PageRequest) was a 500."""
    school = SchoolFactory()
    pupil = EnrolmentFactory(school=school).person
    client = client_for(school_staff(Role.DSL, school))
    response = client.get(f"/api/v1/young-people/{pupil.pk}/chronology/", {"page": page})
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}
    run = FeedRunFactory()
    response = client_for(user_with_role(Role.DATA_OFFICER)).get(
        f"/api/v1/feed-runs/{run.pk}/", {"page": page}
    )
    assert response.status_code == 404
