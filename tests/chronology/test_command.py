"""`manage.py import_feed FEED FILE`: counts, reasons, who ran it, progress, and a
non-zero exit on rejection."""

import getpass
import itertools

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.roles import Role
from chronology.management.commands import import_feed
from chronology.models import FeedRun
from tests.chronology.conftest import UPN1, with_blank_columns
from tests.factories import PersonFactory, UserFactory

ATTENDANCE = "source_record_id,urn,upn,date,session,code\n" + "".join(
    f"A{n},100001,{UPN1},2025-03-03,{session},/\n" for n, session in enumerate(["AM", "PM"])
)


def test_the_command_prints_counts_and_rejected_rows(school, write_csv, capsys):
    path = write_csv(
        with_blank_columns(
            "school_census",
            f"""
            source_record_id,urn,upn,forename,surname,date_of_birth,shoe_size
            C1,100001,{UPN1},Ada,Lovelace,2012-03-04,5
            C2,100001,{UPN1[:-1]},Alan,Turing,2011-05-14,6
            """,
        )
    )
    call_command("import_feed", "school_census", str(path))
    out, err = capsys.readouterr()
    assert "rows read 2: imported 1, unchanged 0, queued for review 0, rejected 1" in out
    assert "  line 3: column upn\n" in out
    assert "ignored unknown columns: shoe_size" in out
    assert "2 / 2 rows" in err


def test_the_command_names_no_one_and_points_to_the_run_page_for_the_reasons(school, write_csv, capsys):
    """A reason quotes the value refused (here a date of birth, a postcode and a UPN); the
    command's output, which reaches logs the access log does not cover, shows the line and
    column only. The run's page shows the reasons, logged (test_rejected_rows_logged)."""
    PersonFactory(upn=UPN1, forename="Ada", surname="Lovelace", date_of_birth="2012-03-04")
    path = write_csv(
        with_blank_columns(
            "school_census",
            f"""
            source_record_id,urn,upn,forename,surname,date_of_birth,postcode
            C1,100001,{UPN1},Ada,Lovelace,2099-03-04,NB1 3DF
            C2,100001,{UPN1},Ada,Lovelace,2012-03-04,ZZZZ9 9ZZ
            """,
        )
    )
    call_command("import_feed", "school_census", str(path))
    out, _ = capsys.readouterr()
    run = FeedRun.objects.get()
    reasons = " ".join(run.rejected_rows.values_list("reason", flat=True))
    assert "2099-03-04" in reasons
    assert "ZZZZ9 9ZZ" in reasons
    for shown in ("2099", "ZZZZ9", "Lovelace", UPN1, "2012-03-04"):
        assert shown not in out
    assert "  line 2: column date_of_birth\n  line 3: column postcode\n" in out
    page = settings.PORTAL_BASE_URL.rstrip("/") + reverse("chronology:run", args=[run.pk])
    assert f"access log: {page}" in out


def test_the_command_exits_non_zero_when_the_file_is_rejected_whole(school, write_csv):
    path = write_csv("source_record_id,urn\nC1,100001\n")
    with pytest.raises(
        CommandError,
        match="missing required columns: upn, former_upn, forename, surname, date_of_birth, ethnicity",
    ):
        call_command("import_feed", "school_census", str(path))
    assert FeedRun.objects.get().status == FeedRun.Status.REJECTED


def test_the_command_refuses_a_feed_missing_from_the_register(db, write_csv):
    with pytest.raises(CommandError, match="no feed 'health' on the feed register"):
        call_command("import_feed", "health", str(write_csv("source_record_id\n")))


def test_a_run_from_the_command_line_records_the_operating_system_user(school, write_csv, client, password):
    PersonFactory(upn=UPN1)
    call_command("import_feed", "attendance", str(write_csv(ATTENDANCE)))
    run = FeedRun.objects.get()
    assert (run.started_by, run.command_line_user) == (None, getpass.getuser())

    officer = UserFactory(role=Role.DATA_OFFICER)
    client.login(email=officer.email, password=password)
    html = client.get(reverse("chronology:run", args=[run.pk])).content.decode()
    assert f"Command line (OS user {getpass.getuser()})" in html


def test_by_records_the_data_officer_who_answers_for_the_run(school, write_csv, client, password):
    PersonFactory(upn=UPN1)
    officer = UserFactory(role=Role.DATA_OFFICER, display_name="Dana Officer")
    call_command("import_feed", "attendance", str(write_csv(ATTENDANCE)), "--by", officer.email.upper())
    run = FeedRun.objects.get()
    assert run.started_by == officer

    client.login(email=officer.email, password=password)
    html = client.get(reverse("chronology:run", args=[run.pk])).content.decode()
    assert f"Dana Officer, command line (OS user {getpass.getuser()})" in html


@pytest.mark.parametrize("role", [r for r in Role if r != Role.DATA_OFFICER])
def test_by_must_name_a_data_officer(school, write_csv, role):
    user = UserFactory(role=role)
    with pytest.raises(CommandError, match="only data officers import"):
        call_command("import_feed", "attendance", str(write_csv(ATTENDANCE)), "--by", user.email)
    assert not FeedRun.objects.exists()


def test_by_refuses_an_unknown_or_inactive_user(school, write_csv):
    inactive = UserFactory(role=Role.DATA_OFFICER, is_active=False)
    for email in (inactive.email, "nobody@example.org"):
        with pytest.raises(CommandError, match="no active data officer has that email"):
            call_command("import_feed", "attendance", str(write_csv(ATTENDANCE)), "--by", email)
    assert not FeedRun.objects.exists()


def test_progress_in_a_log_is_printed_every_few_seconds_and_at_the_end(
    school, write_csv, capsys, monkeypatch
):
    """Outside a terminal: a line when PROGRESS_EVERY_SECONDS have passed since the last
    one, and always the final count, however few rows the file has."""
    PersonFactory(upn=UPN1)
    path = str(write_csv(ATTENDANCE))
    seconds = itertools.count(step=import_feed.PROGRESS_EVERY_SECONDS)
    monkeypatch.setattr(import_feed, "monotonic", lambda: next(seconds))
    call_command("import_feed", "attendance", path)
    every_step = capsys.readouterr().err.splitlines()

    monkeypatch.setattr(import_feed, "monotonic", lambda: 0.0)
    call_command("import_feed", "attendance", path)
    at_once = capsys.readouterr().err.splitlines()

    assert len(every_step) > 2
    assert every_step[-1] == at_once[-1] == "2 / 2 rows"
    assert at_once == [every_step[0], "2 / 2 rows"]


def test_the_command_says_how_long_the_import_took_as_the_run_page_does(school, write_csv, capsys):
    """It printed "took 1.1s" where the run page says "1.1 seconds"."""
    call_command("import_feed", "attendance", str(write_csv(ATTENDANCE)))
    out, _ = capsys.readouterr()
    took = next(line for line in out.splitlines() if line.startswith("took "))
    number, unit = took.removeprefix("took ").split(" ")
    assert float(number) >= 0
    assert unit == "seconds"
