"""A data officer's upload page reads as English for every feed: "Upload a Attendance
file" and "Upload a Early help file" did not."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from chronology.models import Feed
from tests.factories import FeedRunFactory
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("code", "name"), [("attendance", "Attendance"), ("early_help", "Early help")])
def test_the_upload_page_and_its_link_name_the_feed_in_a_sentence(register, code, name):
    client = Client()
    client.force_login(user_with_role(Role.DATA_OFFICER))

    page = client.get(reverse("chronology:upload", args=[code])).content.decode()
    index = client.get(reverse("chronology:index")).content.decode()

    heading = f"Upload a file to the {name} feed"
    assert f"<title>{heading}" in page
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in page
    assert f"Upload a {name} file" not in page
    assert f'<span class="govuk-visually-hidden"> a file to the {name} feed</span>' in index


def test_the_upload_page_says_which_columns_the_file_needs(register):
    """The page asked for "the format of FEEDS.md", a specification the data officer does
    not have: a file with the wrong columns was the only way to find them out."""
    client = Client()
    client.force_login(user_with_role(Role.DATA_OFFICER))

    page = client.get(reverse("chronology:upload", args=["police_incidents"])).content.decode()

    assert "FEEDS.md" not in page
    assert (
        "<code>source_record_id</code>, <code>occurred_at</code>, <code>role</code>, "
        "<code>offence_group</code>, <code>summary</code>"
    ) in page
    assert "<code>upn</code>, <code>nhs_number</code>, <code>local_person_id</code>" in page


def test_the_file_fields_hint_points_to_the_columns_where_they_are(register):
    """The hint under "Feed file (CSV)" sent the reader to "the columns below", which
    are listed above the field: below it is only the button."""
    client = Client()
    client.force_login(user_with_role(Role.DATA_OFFICER))

    page = client.get(reverse("chronology:upload", args=["youth_justice"])).content.decode()

    assert "naming the columns above" in page
    assert "columns below" not in page
    assert page.index("<code>source_record_id</code>") < page.index("naming the columns above")


def test_a_rejected_file_leads_back_to_the_upload_with_the_columns(
    register, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(user_with_role(Role.DATA_OFFICER))
    upload = reverse("chronology:upload", args=["police_incidents"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(upload, {"file": SimpleUploadedFile("wrong.csv", b"id,name\n1,Bob\n")})

    page = client.get(response["Location"]).content.decode()
    assert "The file is missing required columns" in page
    assert "wrong.csv is uploaded; its import is reported below." in page
    assert "queued for import" not in page, "a green 'queued' above 'File rejected' read as two answers"
    assert f'href="{upload}">Upload a corrected file to the Police incidents feed</a>' in page


def test_recent_imports_count_the_unchanged_rows(register):
    """A file sent again showed 0 imported, 0 queued, 0 rejected: as if it had been empty."""
    FeedRunFactory(
        feed=Feed.objects.get(code="youth_justice"),
        original_filename="again.csv",
        rows_read=6,
        rows_unchanged=6,
    )
    client = Client()
    client.force_login(user_with_role(Role.DATA_OFFICER))

    html = client.get(reverse("chronology:index")).content.decode()

    assert '<th scope="col" class="govuk-table__header govuk-table__header--numeric">Unchanged</th>' in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">6</td>' in html


def test_uploading_without_a_file_says_to_choose_one(register):
    """The generated wording read "Choose an answer to “Feed file (CSV)”"."""
    client = Client()
    client.force_login(user_with_role(Role.DATA_OFFICER))

    page = client.post(reverse("chronology:upload", args=["attendance"]), {"file": ""}).content.decode()

    assert page.count("Choose the CSV file to upload") == 2, "in the error summary and beside the field"
    assert "an answer to" not in page


def _upload_at_once(name: str, content: bytes) -> str:
    """An upload as the demo makes it: the import runs as soon as the upload is saved
    (no broker, autocommit), so its result is known when the page opens."""
    client = Client()
    client.force_login(user_with_role(Role.DATA_OFFICER))
    upload = reverse("chronology:upload", args=["police_incidents"])
    response = client.post(upload, {"file": SimpleUploadedFile(name, content)})
    return client.get(response["Location"]).content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "content",
    [
        b"id,name\n1,Bob\n",
        b"source_record_id,occurred_at\x00\n",
        "source_record_id,summary\nP1,caf\xe9\n".encode("latin-1"),
        b"source_record_id,summary\rP1,x\r",
        b"source_record_id,summary\nP1," + b"x" * 200_000 + b"\n",
    ],
    ids=["wrong columns", "NUL byte", "Latin-1", "carriage returns alone", "huge cell"],
)
def test_a_file_rejected_at_once_is_not_announced_as_a_success(register, content):
    """A green "Success: X.csv is uploaded" sat above "File rejected": two answers."""
    page = _upload_at_once("bad.csv", content)

    assert "File rejected" in page
    assert "Success" not in page
    assert "govuk-notification-banner--success" not in page
    assert "bad.csv was received, but its import was rejected: nothing from it was imported." in page


@pytest.mark.django_db(transaction=True)
def test_a_file_imported_at_once_is_announced_as_imported(register):
    page = _upload_at_once("good.csv", b"source_record_id,occurred_at,role,offence_group,summary,upn\n")

    assert "Import complete" in page
    assert "Success" in page
    assert "good.csv is imported; its report is below." in page
