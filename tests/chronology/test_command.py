"""`manage.py import_feed FEED FILE`: counts, reasons, and a non-zero exit on rejection."""

import pytest
from django.core.management import CommandError, call_command

from chronology.models import FeedRun
from tests.chronology.conftest import UPN1, with_blank_columns


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
    assert "line 3 column upn: upn: UPN must be 13 characters; this has 12" in out
    assert "ignored unknown columns: shoe_size" in out
    assert "2 / 2 rows" in err


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
