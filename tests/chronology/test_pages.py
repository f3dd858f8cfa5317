"""The feed pages, per role."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import AccessLogEntry, ChangeLogEntry
from accounts.roles import Role
from chronology.forms import REGISTER_FIELDS
from chronology.models import Feed, FeedRun, LinkReview, Sensitivity, SourceRecord
from tests.chronology.conftest import UPN1, with_blank_columns
from tests.chronology.register_edit import as_opened
from tests.factories import EnrolmentFactory, EventFactory, PersonFactory, SchoolFactory, UserFactory
from tests.factories.access import school_staff
from tests.factories.chronology import FeedRunFactory
from tests.portal.page_structure import page_structure

CENSUS = with_blank_columns(
    "school_census",
    f"source_record_id,urn,upn,forename,surname,date_of_birth\nC1,100001,{UPN1},Ada,Lovelace,2012-03-04\n"
    "C2,100001,BAD,Alan,Turing,2011-05-14\n",
)


def signed_in(client, password, role):
    user = UserFactory(role=role)
    client.login(email=user.email, password=password)
    return user


@pytest.fixture
def queued(school, run_import):
    ada = PersonFactory(forename="Ada", surname="Lovelace", date_of_birth="2012-03-04", postcode="NB1 2AB")
    run_import(
        "police_incidents",
        "source_record_id,forename,surname,date_of_birth,postcode,occurred_at,role,offence_group,summary\n"
        "P1,Ada,Lovelase,2012-03-04,NB1 2AB,2025-03-14T16:30,arrested,robbery,\n",
    )
    return ada, LinkReview.objects.get()


PAGES = [
    ("chronology:index", {}, {Role.DATA_OFFICER}),
    ("chronology:upload", {"code": "health"}, {Role.DATA_OFFICER}),
    ("chronology:review_queue", {}, {Role.DATA_OFFICER}),
    ("chronology:register", {}, {Role.DATA_OFFICER, Role.ADMINISTRATOR, Role.IG_OFFICER}),
    ("chronology:register_edit", {"code": "health"}, {Role.ADMINISTRATOR}),
]


@pytest.mark.parametrize(("name", "kwargs", "allowed"), PAGES)
@pytest.mark.parametrize("role", list(Role))
def test_pages_are_open_only_to_their_roles(register, client, password, name, kwargs, allowed, role):
    signed_in(client, password, role)
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == (200 if role in allowed else 403)


@pytest.mark.parametrize("role", [r for r in Role if r != Role.DATA_OFFICER])
def test_record_pages_are_for_data_officers_only(queued, client, password, role):
    ada, review = queued
    signed_in(client, password, role)
    assert client.get(reverse("chronology:review", args=[review.pk])).status_code == 403
    assert client.get(reverse("chronology:person_records", args=[ada.pk])).status_code == 403
    run = FeedRun.objects.get()
    assert client.get(reverse("chronology:run", args=[run.pk])).status_code == 403
    assert client.get(reverse("chronology:rejected_csv", args=[run.pk])).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(register, client):
    response = client.get(reverse("chronology:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_navigation_offers_the_feed_pages_by_role(register, client, password):
    signed_in(client, password, Role.DATA_OFFICER)
    html = client.get(reverse("home")).content.decode()
    assert "Data feeds" in html
    assert "Review queue" in html
    assert f'href="{reverse("chronology:register")}">Feed register</a>' in html
    assert client.get(reverse("chronology:register")).status_code == 200
    client.logout()
    signed_in(client, password, Role.IG_OFFICER)
    html = client.get(reverse("home")).content.decode()
    assert "Feed register" in html
    assert "Review queue" not in html


def test_a_data_officer_uploads_a_file_and_reads_its_report(
    school, client, password, django_capture_on_commit_callbacks
):
    officer = signed_in(client, password, Role.DATA_OFFICER)
    upload = SimpleUploadedFile("census.csv", CENSUS.encode())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("chronology:upload", args=["school_census"]), {"file": upload})
    run = FeedRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("chronology:run", args=[run.pk])
    assert (run.status, run.started_by, run.original_filename) == ("completed", officer, "census.csv")
    html = client.get(response["Location"]).content.decode()
    assert "Import complete" in html
    assert "2 = 1 imported + 0 unchanged + 0 queued for review + 1 rejected" in html
    assert "upn: UPN must be 13 characters; this has 3" in html
    assert run.checksum in html


def test_large_row_counts_are_grouped_in_thousands(register, client, password):
    """A day's register is hundreds of thousands of rows: "348116" is hard to read."""
    run = FeedRunFactory(
        feed=Feed.objects.get(code="attendance"), rows_read=348_116, rows_imported=348_115, rows_rejected=1
    )
    signed_in(client, password, Role.DATA_OFFICER)
    assert "348,115" in client.get(reverse("chronology:index")).content.decode()
    report = client.get(reverse("chronology:run", args=[run.pk])).content.decode()
    assert "348,116 = 348,115 imported + 0 unchanged + 0 queued for review + 1 rejected" in report


def test_a_feed_not_on_the_register_in_full_cannot_be_uploaded(school, client, password):
    Feed.objects.filter(code="health").update(lawful_basis="")
    signed_in(client, password, Role.DATA_OFFICER)
    upload = SimpleUploadedFile("health.csv", b"source_record_id,upn,event_date,event_type\n")
    response = client.post(reverse("chronology:upload", args=["health"]), {"file": upload})
    assert response.status_code == 200
    assert "the feed register has no lawful basis for it" in response.content.decode()
    assert not FeedRun.objects.exists()


def test_a_running_import_shows_its_progress_and_refreshes(school, client, password):
    signed_in(client, password, Role.DATA_OFFICER)
    run = FeedRun.objects.create(
        feed=Feed.objects.get(code="attendance"),
        original_filename="big.csv",
        checksum="0" * 64,
        status=FeedRun.Status.RUNNING,
        rows_done=4000,
        rows_total=10000,
    )
    html = client.get(reverse("chronology:run", args=[run.pk])).content.decode()
    assert "Importing: 4,000 of 10,000 rows done" in html
    assert 'http-equiv="refresh"' in html


def test_an_administrator_edits_the_register_and_the_edit_is_logged(register, client, password):
    admin = signed_in(client, password, Role.ADMINISTRATOR)
    feed = Feed.objects.get(code="health")
    data = {
        "owner_agency": "Northbridge NHS Trust",
        "purpose": "CAMHS and A&E",
        "lawful_basis": "DPA 2018 Sch.1 para 18",
        "dsa_reference": "DSA-9",
        "dpia_reference": "DPIA-9",
        "cadence_days": 7,
        "retention_months": 60,
        "default_sensitivity": "restricted",
    }
    response = client.post(
        reverse("chronology:register_edit", args=["health"]), data | as_opened(client, "health")
    )
    assert response.status_code == 302
    feed.refresh_from_db()
    assert feed.retention_months == 60
    assert ChangeLogEntry.objects.filter(object_pk=str(feed.pk), actor=admin).exists()
    assert "60 months" in client.get(reverse("privacy")).content.decode()


def test_the_privacy_notice_lists_the_default_register(register, client):
    html = client.get(reverse("privacy")).content.decode()
    assert html.count('<tr class="govuk-table__row">') == 15
    assert "Crime and Disorder Act 1998 s.115" in html
    assert "Digital Economy Act 2017 Part 5" in html
    assert "Every night the portal deletes the records past their feed's period" in html


def test_the_review_queue_lists_rows_without_growing_queries(
    queued, client, password, django_assert_max_num_queries, run_import
):
    run_import(
        "police_incidents",
        "source_record_id,forename,surname,date_of_birth,occurred_at,role,offence_group,summary\n"
        + "".join(f"Q{n},Someone,Else{n},2010-01-01,2025-01-01,victim,theft,\n" for n in range(20)),
    )
    signed_in(client, password, Role.DATA_OFFICER)
    # 14 with its access-log entry, however many rows.
    with django_assert_max_num_queries(14):
        html = client.get(reverse("chronology:review_queue")).content.decode()
    assert "21 decisions waiting" in html


def test_a_review_page_is_logged_and_takes_a_decision(queued, client, password):
    ada, review = queued
    officer = signed_in(client, password, Role.DATA_OFFICER)
    html = client.get(reverse("chronology:review", args=[review.pk])).content.decode()
    assert "Lovelase" in html
    assert "surname similar" in html
    entry = AccessLogEntry.objects.get(actor=officer)
    assert list(entry.subjects.values_list("person_id", flat=True)) == [ada.pk]

    response = client.post(
        reverse("chronology:review", args=[review.pk]), {"action": "linked", "person": ada.pk, "note": "typo"}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.status, review.decided_by, review.person) == ("linked", officer, ada)


def test_a_link_decision_needs_a_person_and_a_reason(queued, client, password):
    _, review = queued
    signed_in(client, password, Role.DATA_OFFICER)
    html = client.post(reverse("chronology:review", args=[review.pk]), {"action": "linked"}).content.decode()
    assert "Choose the person to link the row to." in html
    assert "govuk-error-summary" in html
    # The summary's link lands on the first person's radio, not on their fieldset, which
    # cannot take focus, so a keyboard user starts choosing where the link leaves them.
    page = page_structure(html)
    assert page.summary_links[0] == "id_person"
    assert not page.error_problems()
    assert LinkReview.objects.get().status == "open"


def test_a_data_officer_finds_a_person_and_splits_a_row_off(queued, client, password, run_import):
    ada, _ = queued
    ada.upn = UPN1
    ada.save()
    run_import(
        "police_incidents",
        f"source_record_id,upn,occurred_at,role,offence_group,summary\nP9,{UPN1},2025-01-01,victim,theft,\n",
    )
    officer = signed_in(client, password, Role.DATA_OFFICER)
    response = client.get(reverse("chronology:find_person"), {"identifier": UPN1.lower()})
    assert response["Location"] == reverse("chronology:person_records", args=[ada.pk])
    assert AccessLogEntry.objects.filter(actor=officer, kind="search").exists()
    record = SourceRecord.objects.get(source_record_id="P9")
    html = client.get(response["Location"]).content.decode()
    assert "P9" in html
    response = client.post(response["Location"], {"records": [record.pk]}, follow=True)
    assert "1 row split off and returned to the review queue." in response.content.decode()
    assert LinkReview.objects.get(source_record=record).origin == "split"


def test_a_rejected_file_says_why_and_that_nothing_was_imported(school, client, password, run_import):
    run = run_import("attendance", raw=b"source_record_id,urn,upn\n\xff\n")
    signed_in(client, password, Role.DATA_OFFICER)
    html = client.get(reverse("chronology:run", args=[run.pk])).content.decode()
    assert "File rejected" in html
    assert "The file is not valid UTF-8: line 2 cannot be read" in html
    assert "Nothing from this file was imported." in html


def test_a_raised_default_sensitivity_reaches_the_feeds_existing_events(register, client, password):
    school = SchoolFactory()
    pupil = EnrolmentFactory(school=school).person
    police = Feed.objects.get(code="police_incidents")
    EventFactory(person=pupil, feed=police, summary="Arrested: robbery")
    EventFactory(person=pupil, feed=police, category="police_witness", summary="Witness to a robbery",
                 sensitivity=Sensitivity.EDUCATION)  # fmt: skip
    EventFactory(person=pupil, feed=Feed.objects.get(code="youth_justice"), category="youth_caution",
                 summary="Youth caution for theft")  # fmt: skip
    signed_in(client, password, Role.ADMINISTRATOR)
    data = {name: getattr(police, name) for name in REGISTER_FIELDS} | {"default_sensitivity": "restricted"}

    data |= as_opened(client, "police_incidents")
    response = client.post(reverse("chronology:register_edit", args=["police_incidents"]), data, follow=True)

    assert "Existing events of this feed moved to restricted: 1." in response.content.decode()
    edit = ChangeLogEntry.objects.filter(object_pk=str(police.pk)).latest("timestamp")
    assert edit.additional_data == {"events_moved_to_new_sensitivity": 1}
    client.force_login(school_staff(Role.DSL, school))
    html = client.get(reverse("young_person_detail", args=[pupil.pk])).content.decode()
    assert "Police incident" in html
    assert "Arrested: robbery" not in html
    assert "Witness to a robbery" in html, "an event given another sensitivity keeps it"
    assert "Youth caution for theft" in html, "another feed's events are left alone"
