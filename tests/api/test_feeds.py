"""Feeds, import runs and uploads through the API: how a partner agency's nightly
extract arrives without a person."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import AccessLogEntry
from accounts.roles import Role
from accounts.services.api_tokens import service_account_create
from chronology.models import Feed, FeedRun
from tests.api.conftest import client_for
from tests.chronology.conftest import UPN1, with_blank_columns
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db

CENSUS = with_blank_columns(
    "school_census",
    f"source_record_id,urn,upn,forename,surname,date_of_birth\nC1,100001,{UPN1},Ada,Lovelace,2012-03-04\n"
    "C2,100001,BAD,Alan,Turing,2011-05-14\n",
)


@pytest.fixture
def extract_account():
    return service_account_create(
        by=None,
        email="census-extract@northbridge.example",
        display_name="Census extract",
        role=Role.DATA_OFFICER,
    )


def test_an_integration_uploads_a_file_and_polls_its_run_to_the_rejected_rows(
    school, extract_account, django_capture_on_commit_callbacks
):
    client = client_for(extract_account)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/feeds/school_census/runs/", {"file": SimpleUploadedFile("census.csv", CENSUS.encode())}
        )
    assert response.status_code == 201
    run = FeedRun.objects.get()
    assert response["Location"] == f"http://testserver/api/v1/feed-runs/{run.pk}/"
    assert (run.started_by, run.original_filename) == (extract_account, "census.csv")
    body = client.get(response["Location"]).json()
    assert (body["status"], body["is_finished"], body["rows_imported"], body["rows_rejected"]) == (
        "completed",
        True,
        1,
        1,
    )
    [rejected] = body["rejected_rows"]["results"]
    assert rejected["line_number"] == 3
    assert "UPN must be 13 characters" in rejected["reason"]
    listed = client.get("/api/v1/feed-runs/", {"feed": "school_census", "status": "completed"}).json()
    assert [r["id"] for r in listed["results"]] == [run.pk]
    assert client.get("/api/v1/feed-runs/", {"status": "failed"}).json()["count"] == 0
    [entry] = AccessLogEntry.objects.filter(actor=extract_account)
    assert (entry.kind, entry.detail["run"], entry.detail["rejected_rows"]) == (
        AccessLogEntry.Kind.LIST,
        run.pk,
        1,
    )


def test_the_feed_register_lists_what_may_be_imported(school, extract_account):
    Feed.objects.filter(code="health").update(lawful_basis="")
    listed = client_for(extract_account).get("/api/v1/feeds/", {"page_size": 200}).json()
    feeds = {f["code"]: f for f in listed["results"]}
    assert feeds["school_census"]["is_importable"] is True
    assert feeds["health"]["missing_register_entries"] == ["lawful basis"]
    assert feeds["health"]["upload_url"].endswith("/api/v1/feeds/health/runs/")


def test_an_upload_the_register_forbids_or_without_a_file_is_400_and_starts_nothing(school, extract_account):
    Feed.objects.filter(code="health").update(lawful_basis="")
    client = client_for(extract_account)
    upload = SimpleUploadedFile("health.csv", b"source_record_id,upn,event_date,event_type\n")
    refused = client.post("/api/v1/feeds/health/runs/", {"file": upload})
    assert refused.status_code == 400
    assert "lawful basis" in refused.json()["errors"]["file"][0]
    assert client.post("/api/v1/feeds/school_census/runs/", {}).json()["errors"]["file"]
    assert client.post("/api/v1/feeds/nonsense/runs/", {"file": upload}).status_code == 404
    assert client.get("/api/v1/feeds/school_census/runs/").status_code == 405
    assert not FeedRun.objects.exists()


def test_a_file_over_the_upload_limit_is_400_through_the_api_too(school, extract_account, settings):
    """The upload form's limit (FEED_UPLOAD_MAX_MB) holds for the API: an integration is
    no exception to it."""
    settings.FEED_UPLOAD_MAX_MB = 1
    big = SimpleUploadedFile("census.csv", CENSUS.encode() + b"A" * (1024 * 1024))
    response = client_for(extract_account).post("/api/v1/feeds/school_census/runs/", {"file": big})
    assert response.status_code == 400
    assert response.json()["errors"]["file"] == ["The file must be smaller than 1 MB."]
    assert not FeedRun.objects.exists()
    empty = SimpleUploadedFile("census.csv", b"")
    assert (
        client_for(extract_account).post("/api/v1/feeds/school_census/runs/", {"file": empty}).status_code
        == 400
    )


@pytest.mark.parametrize("role", [r for r in Role if r != Role.DATA_OFFICER])
def test_only_data_officers_use_the_feed_endpoints(school, role):
    client = client_for(user_with_role(role))
    for url in ("/api/v1/feeds/", "/api/v1/feed-runs/"):
        assert client.get(url).status_code == 403
    upload = SimpleUploadedFile("census.csv", CENSUS.encode())
    assert client.post("/api/v1/feeds/school_census/runs/", {"file": upload}).status_code == 403
    assert not FeedRun.objects.exists()


def test_a_missing_run_is_404(school, extract_account):
    assert client_for(extract_account).get("/api/v1/feed-runs/999999/").status_code == 404
