"""The API's conventions: JSON errors with `detail`, 405, 404 for unknown addresses and
429 with Retry-After under per-user throttling."""

import pytest

from accounts.roles import Role
from tests.api.conftest import client_for
from tests.factories.access import user_with_role

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


def test_errors_are_json_with_a_detail():
    client = client_for(user_with_role(Role.DATA_OFFICER))
    unknown = client.get("/api/v1/no-such-thing/")
    assert (unknown.status_code, unknown.json()) == (404, {"detail": "Not found."})
    wrong_method = client.delete("/api/v1/me/")
    assert wrong_method.status_code == 405
    assert wrong_method.json()["detail"]
    assert client.options("/api/v1/me/").status_code == 405
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
