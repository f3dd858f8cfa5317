"""Rows past their feed's retention period never enter the portal: an old file imported
again after the retention job ran brings nothing back, the cut-off day is imported and
the day before is not, the run says how many rows were left out and why, and a legal
hold keeps a row in as it keeps it from the job (chronology.retention_rules)."""

import html
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.services.api_tokens import service_account_create
from chronology.models import AttendanceMark, AttendanceWeek, Event, Feed, FeedRun, LinkReview, SourceRecord
from chronology.retention_rules import cutoff_for
from schools.models import Person
from stewardship.services.holds import legal_hold_set
from stewardship.services.retention import apply_retention
from tests.api.conftest import client_for
from tests.chronology.conftest import UPN1, UPN2, UPN3
from tests.chronology.good_rows import GOOD_ROWS, feed_csv
from tests.factories import PersonFactory
from tests.factories.access import user_with_role

REASON = "older than this feed's retention period of {months} months"


@pytest.fixture
def hold(db):
    ig = user_with_role(Role.IG_OFFICER)

    def set_hold(**covers):
        return legal_hold_set(
            by=ig, reason="Litigation", ends_on=timezone.localdate() + timedelta(days=30), **covers
        )

    return set_hold


def weekday_cutoff(code: str) -> date:
    """Gives the feed the retention period (72 months or a little more) whose cut-off and
    the day before are both weekdays (register marks are for weekdays); returns the cut-off."""
    feed = Feed.objects.get(code=code)
    for months in range(72, 84):
        feed.retention_months = months
        if cutoff_for(feed, timezone.localdate()).weekday() in {1, 2, 3, 4}:
            feed.save(update_fields=["retention_months"])
            return cutoff_for(feed, timezone.localdate())
    raise AssertionError("no retention period gives a weekday cut-off")


def marks_file(*days: tuple[str, str, date]) -> str:
    """Attendance rows (source_record_id, upn, date)."""
    rows = [
        GOOD_ROWS["attendance"] | {"source_record_id": s, "upn": u, "date": d.isoformat()} for s, u, d in days
    ]
    return feed_csv("attendance", rows)


def incidents_file(*rows: tuple[str, date]) -> str:
    good = GOOD_ROWS["police_incidents"]
    return feed_csv(
        "police_incidents", [good | {"source_record_id": s, "occurred_at": f"{d}T10:00"} for s, d in rows]
    )


def test_an_old_register_file_imported_again_after_retention_brings_nothing_back(
    city, run_import, attendance_path
):
    cutoff = weekday_cutoff("attendance")
    months = Feed.objects.get(code="attendance").retention_months
    text = marks_file(("OLD", UPN1, cutoff - timedelta(days=1)), ("KEPT", UPN1, cutoff))
    Feed.objects.filter(code="attendance").update(retention_months=1200)
    first = run_import("attendance", text)
    assert (first.rows_imported, first.rows_past_retention) == (2, 0)
    Feed.objects.filter(code="attendance").update(retention_months=months)
    apply_retention(by=None, dry_run=False)
    assert list(AttendanceMark.objects.values_list("source_record_id", flat=True)) == ["KEPT"]

    again = run_import("attendance", text)

    assert (again.rows_read, again.rows_imported, again.rows_unchanged) == (2, 0, 1)
    assert (again.rows_past_retention, again.rows_rejected, again.rows_queued) == (1, 0, 0)
    assert list(AttendanceMark.objects.values_list("source_record_id", flat=True)) == ["KEPT"]
    assert not AttendanceWeek.objects.filter(week__lt=cutoff - timedelta(days=4)).exists()
    assert REASON.format(months=months) in again.past_retention_reason
    assert f"dated before {cutoff:%-d %B %Y}" in again.past_retention_reason
    assert not again.rejected_rows.exists()


def test_an_old_event_file_imported_again_after_retention_brings_nothing_back(city, run_import):
    cutoff = cutoff_for(Feed.objects.get(code="police_incidents"), timezone.localdate())
    text = incidents_file(("OLD", cutoff - timedelta(days=1)), ("KEPT", cutoff))
    Feed.objects.filter(code="police_incidents").update(retention_months=1200)
    assert run_import("police_incidents", text).rows_imported == 2
    Feed.objects.filter(code="police_incidents").update(retention_months=72)
    apply_retention(by=None, dry_run=False)

    again = run_import("police_incidents", text)

    assert (again.rows_unchanged, again.rows_past_retention, again.rows_imported) == (1, 1, 0)
    assert list(Event.objects.values_list("occurred_on", flat=True)) == [cutoff]
    assert list(SourceRecord.objects.values_list("source_record_id", flat=True)) == ["KEPT"]


def test_the_cut_off_day_is_imported_and_the_day_before_is_not(city, run_import, attendance_path):
    cutoff = weekday_cutoff("attendance")
    run = run_import(
        "attendance", marks_file(("BEFORE", UPN1, cutoff - timedelta(days=1)), ("ON", UPN1, cutoff))
    )
    assert (run.rows_imported, run.rows_past_retention) == (1, 1)
    assert list(AttendanceMark.objects.values_list("date", flat=True)) == [cutoff]

    cutoff = cutoff_for(Feed.objects.get(code="police_incidents"), timezone.localdate())
    run = run_import("police_incidents", incidents_file(("B", cutoff - timedelta(days=1)), ("O", cutoff)))
    assert (run.rows_imported, run.rows_past_retention) == (1, 1)
    assert list(Event.objects.values_list("occurred_on", flat=True)) == [cutoff]


def test_an_unknown_pupils_old_marks_do_not_wait_for_review(city, run_import, attendance_path):
    cutoff = weekday_cutoff("attendance")
    run = run_import(
        "attendance", marks_file(("GONE", UPN3, cutoff - timedelta(days=1)), ("WAITS", UPN3, cutoff))
    )
    assert (run.rows_queued, run.rows_past_retention) == (1, 1)
    assert list(SourceRecord.objects.values_list("source_record_id", flat=True)) == ["WAITS"]
    assert LinkReview.objects.count() == 1


def test_a_bad_value_is_rejected_whatever_the_date(city, run_import, attendance_path):
    cutoff = weekday_cutoff("attendance")
    old = cutoff - timedelta(days=1)
    text = marks_file(("OLD", UPN1, old)) + f"BAD,100001,{UPN1},{old},XX,/\n"
    run = run_import("attendance", text)
    assert (run.rows_read, run.rows_past_retention, run.rows_rejected) == (2, 1, 1)
    assert run.rejected_rows.get().column == "session"


def test_a_held_pupils_old_marks_are_imported_and_no_one_elses(city, run_import, attendance_path, hold):
    cutoff = weekday_cutoff("attendance")
    bea = PersonFactory(upn=UPN2)
    hold(person=Person.objects.get(upn=UPN1))
    old = cutoff - timedelta(days=1)
    run = run_import("attendance", marks_file(("ADA", UPN1, old), ("BEA", UPN2, old), ("CY", UPN3, old)))
    assert (run.rows_imported, run.rows_past_retention, run.rows_queued) == (1, 2, 0)
    assert list(AttendanceMark.objects.values_list("source_record_id", flat=True)) == ["ADA"]
    assert not AttendanceMark.objects.filter(person=bea).exists()


def test_a_held_feed_imports_everything(city, run_import, attendance_path, hold):
    cutoff = weekday_cutoff("attendance")
    hold(feed=Feed.objects.get(code="attendance"))
    run = run_import("attendance", marks_file(("OLD", UPN1, cutoff - timedelta(days=1))))
    assert (run.rows_imported, run.rows_past_retention) == (1, 0)


def test_held_events_are_imported_by_person_and_by_family(city, run_import, hold):
    ada = Person.objects.get(upn=UPN1)
    cutoff = cutoff_for(Feed.objects.get(code="police_incidents"), timezone.localdate())
    old = cutoff - timedelta(days=30)
    assert run_import("police_incidents", incidents_file(("P1", old))).rows_past_retention == 1
    hold(person=ada)
    run = run_import("police_incidents", incidents_file(("P1", old)))
    assert (run.rows_imported, run.rows_past_retention) == (1, 0)
    assert Event.objects.get().person == ada

    # A notification naming no one is the household's: a hold on Ada does not cover it
    # (nor does it stop the job removing it), a hold on her family does.
    notification = GOOD_ROWS["domestic_abuse"] | {"notified_at": f"{old}T08:00", "incident_date": ""}
    text = feed_csv("domestic_abuse", [notification | {"source_record_id": "D1"}])
    assert run_import("domestic_abuse", text).rows_past_retention == 1
    hold(family=ada.memberships.get().family)
    assert run_import("domestic_abuse", text).rows_imported == 1
    assert Event.objects.filter(feed__code="domestic_abuse", person=None).count() == 1


def test_a_notification_counts_from_its_incident_as_its_event_does(city, run_import):
    cutoff = cutoff_for(Feed.objects.get(code="domestic_abuse"), timezone.localdate())
    row = GOOD_ROWS["domestic_abuse"] | {"notified_at": f"{cutoff}T08:00"}
    rows = [row | {"source_record_id": "EARLY", "incident_date": str(cutoff - timedelta(days=1))}]
    rows.append(row | {"source_record_id": "SAME", "incident_date": str(cutoff)})
    run = run_import("domestic_abuse", feed_csv("domestic_abuse", rows))
    assert (run.rows_imported, run.rows_past_retention) == (1, 1)


def test_open_episodes_and_pupils_on_roll_are_never_past_retention(city, run_import):
    long_ago = timezone.localdate() - timedelta(days=365 * 11)  # census keeps 120 months
    care = GOOD_ROWS["social_care"] | {"start_date": str(long_ago)}
    rows = [
        care | {"source_record_id": "OPEN"},
        care | {"source_record_id": "ENDED", "end_date": str(long_ago)},
    ]
    run = run_import("social_care", feed_csv("social_care", rows))
    assert (run.rows_imported, run.rows_past_retention) == (1, 1)
    assert Event.objects.get().ended_on is None

    census = GOOD_ROWS["school_census"] | {"entry_date": str(long_ago), "fsm_start_date": ""}
    left = census | {
        "source_record_id": "LEFT",
        "upn": UPN3,
        "leaving_date": str(long_ago + timedelta(days=30)),
    }
    run = run_import("school_census", feed_csv("school_census", [census | {"source_record_id": "ON"}, left]))
    assert (run.rows_imported, run.rows_past_retention) == (1, 1)
    assert not Person.objects.filter(upn=UPN3).exists()


def test_the_run_page_and_the_api_say_how_many_rows_were_left_out_and_why(city, run_import, officer):
    cutoff = cutoff_for(Feed.objects.get(code="police_incidents"), timezone.localdate())
    run = run_import("police_incidents", incidents_file(("OLD", cutoff - timedelta(days=1)), ("NEW", cutoff)))
    client = Client()
    client.force_login(officer)

    page = html.unescape(client.get(reverse("chronology:run", args=[run.pk])).content.decode())
    body = client.get(f"/api/v1/feed-runs/{run.pk}/").json()

    assert "2 = 1 imported + 0 unchanged + 0 queued for review + 0 rejected + 1 past retention" in page
    assert f"1 row left out: {run.past_retention_reason}" in page
    assert REASON.format(months=72) in page
    assert (body["rows_past_retention"], body["past_retention_reason"]) == (1, run.past_retention_reason)


def test_an_api_upload_and_the_command_leave_out_the_same_rows(
    city, write_csv, capsys, django_capture_on_commit_callbacks
):
    cutoff = cutoff_for(Feed.objects.get(code="police_incidents"), timezone.localdate())
    text = incidents_file(("OLD", cutoff - timedelta(days=1)), ("NEW", cutoff))
    account = service_account_create(
        by=None,
        email="police-extract@northbridge.example",
        display_name="Police extract",
        role=Role.DATA_OFFICER,
    )
    client = client_for(account)
    with django_capture_on_commit_callbacks(execute=True):
        upload = SimpleUploadedFile("incidents.csv", text.encode())
        response = client.post("/api/v1/feeds/police_incidents/runs/", {"file": upload})
    body = client.get(response["Location"]).json()
    assert (body["status"], body["rows_imported"], body["rows_past_retention"]) == ("completed", 1, 1)
    assert REASON.format(months=72) in body["past_retention_reason"]

    call_command("import_feed", "police_incidents", str(write_csv(text)))
    out, _ = capsys.readouterr()
    command_run = FeedRun.objects.latest("pk")
    assert (command_run.rows_unchanged, command_run.rows_past_retention) == (1, 1)
    assert "rejected 0, past retention 1\n" in out
    assert f"left out 1 row: {command_run.past_retention_reason}\n" in out
    assert list(Event.objects.values_list("occurred_on", flat=True)) == [cutoff]


def test_a_run_that_left_nothing_out_gives_no_reason_through_the_api(
    city, django_capture_on_commit_callbacks
):
    """As its page says nothing: a reason ending "not imported" beside 0 rows read as
    something missing, to a monitor that alerts on any reason."""
    cutoff = cutoff_for(Feed.objects.get(code="police_incidents"), timezone.localdate())
    client = client_for(user_with_role(Role.DATA_OFFICER))
    with django_capture_on_commit_callbacks(execute=True):
        upload = SimpleUploadedFile("incidents.csv", incidents_file(("NEW", cutoff)).encode())
        response = client.post("/api/v1/feeds/police_incidents/runs/", {"file": upload})
    body = client.get(response["Location"]).json()
    assert (body["rows_imported"], body["rows_past_retention"], body["past_retention_reason"]) == (1, 0, "")
