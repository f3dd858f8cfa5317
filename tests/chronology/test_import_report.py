"""What a run reports: the rows it read (counted by the reader, and checked against the
outcomes), and rejected rows that download under their own headers and come back
without the apostrophe the download added."""

import csv
import io

import pytest
from django.urls import reverse

from accounts.roles import Role
from chronology.importing.handlers import RecordsHandler
from chronology.models import AttendanceMark, Event, FeedRun, SourceRecord
from tests.chronology.conftest import UPN1
from tests.csv_download import csv_rows
from tests.factories import PersonFactory, UserFactory

POLICE = "source_record_id,upn,occurred_at,role,offence_group,summary"


@pytest.fixture
def ada(school):
    return PersonFactory(upn=UPN1)


@pytest.fixture
def download(client, password):
    officer = UserFactory(role=Role.DATA_OFFICER)
    client.login(email=officer.email, password=password)

    def fetch(run: FeedRun) -> list[list[str]]:
        response = client.get(reverse("chronology:rejected_csv", args=[run.pk]))
        return csv_rows(response)

    return fetch


def test_ragged_rows_download_with_every_cell_under_its_own_header(ada, run_import, download):
    run = run_import(
        "police_incidents",
        f"""
        {POLICE}
        P1,{UPN1},2025-03-14T16:30,victim
        P2,{UPN1},2025-03-14T16:30,victim,theft,said hello,surplus one,surplus two
        P3,{UPN1},2025-03-14T16:30,bystander,theft,
        """,
    )

    header, short, long, bad = download(run)

    assert header == [*POLICE.split(","), "error", "extra_1", "extra_2"]
    assert short == [
        "P1",
        UPN1,
        "2025-03-14T16:30",
        "victim",
        "",
        "",
        "line 2: the row has 4 cells but the header has 6",
    ]
    assert long == [
        "P2", UPN1, "2025-03-14T16:30", "victim", "theft", "said hello",
        "line 3: the row has 8 cells but the header has 6", "surplus one", "surplus two",
    ]  # fmt: skip
    assert bad[header.index("role")] == "bystander"
    assert bad[header.index("error")].startswith("line 4: role: 'bystander' is not a valid code")


@pytest.mark.parametrize("formula", ["=SUM(A1:A9)", "+44 7700 900123", "-1", "@home"])
def test_a_corrected_download_imports_the_value_without_the_added_apostrophe(
    ada, run_import, download, formula
):
    run = run_import("police_incidents", f"{POLICE}\nP1,{UPN1},2025-03-14T16:30,bystander,theft,{formula}\n")
    header, rejected = download(run)
    assert rejected[header.index("summary")] == f"'{formula}", "neutralised for the spreadsheet"

    rejected[header.index("role")] = "victim"
    corrected = io.StringIO()
    csv.writer(corrected).writerows([header, rejected])
    again = run_import("police_incidents", raw=corrected.getvalue().encode())

    assert (again.rows_imported, again.rows_rejected) == (1, 0)
    assert again.unknown_columns == ["error"]
    assert SourceRecord.objects.get().values["summary"] == formula
    assert Event.objects.get().details["summary"] == formula


def test_a_corrected_attendance_download_keeps_the_source_record_id(
    ada, run_import, download, attendance_path
):
    header = "source_record_id,urn,upn,date,session,code"
    run = run_import("attendance", f"{header}\n-A1,100001,{UPN1},2025-03-03,AM,QQ\n")
    columns, rejected = download(run)
    assert rejected[0] == "'-A1"

    rejected[columns.index("code")] = "/"
    corrected = io.StringIO()
    csv.writer(corrected).writerows([columns, rejected])
    again = run_import("attendance", raw=corrected.getvalue().encode())

    assert (again.rows_imported, again.rows_rejected) == (1, 0)
    assert list(AttendanceMark.objects.values_list("source_record_id", flat=True)) == ["-A1"]


def test_rows_read_is_the_files_data_rows_with_bad_rows_and_quoted_newlines(ada, run_import):
    run = run_import(
        "police_incidents",
        f'{POLICE}\nP1,{UPN1},2025-03-14T16:30,victim,theft,"first line\nsecond line"\n'
        f"P2,{UPN1},2025-03-14T16:30,victim,stealing,\n"
        f"P3,{UPN1},2025-03-14T16:30\n"
        f'P4,{UPN1},2025-03-14T16:30,witness,robbery,"a\n\nb"\n'
        f"P1,{UPN1},2025-03-14T16:30,victim,theft,\n",
    )

    assert run.status == "completed"
    assert (run.rows_read, run.rows_total) == (5, 5)
    assert (run.rows_imported, run.rows_unchanged, run.rows_queued, run.rows_rejected) == (2, 0, 0, 3)


def test_attendance_rows_read_is_the_files_data_rows(ada, run_import, attendance_path):
    run = run_import(
        "attendance",
        f'notes,source_record_id,urn,upn,date,session,code\n"two\nlines",A1,100001,{UPN1},2025-03-03,AM,/\n'
        f",A2,100001,{UPN1},2025-03-03,PM,QQ\n,A1,100001,{UPN1},2025-03-03,AM,/\n",
    )

    assert (run.rows_read, run.rows_imported, run.rows_unchanged, run.rows_rejected) == (3, 1, 1, 1)


def test_a_row_the_importer_loses_fails_the_run_and_keeps_nothing(ada, run_import, monkeypatch):
    process = RecordsHandler.process
    monkeypatch.setattr(RecordsHandler, "process", lambda self, rows: process(self, rows[:-1]))

    run = run_import(
        "police_incidents",
        f"{POLICE}\nP1,{UPN1},2025-03-14T16:30,victim,theft,\nP2,{UPN1},2025-03-15T16:30,victim,theft,\n"
        f"P3,{UPN1},2025-03-15T16:30,nobody,theft,\n",
    )

    assert run.status == FeedRun.Status.FAILED
    assert run.file_error == (
        "rows read do not add up: 3 rows read from the file, but 1 imported + 0 unchanged "
        "+ 0 queued for review + 1 rejected = 2. Nothing from this file was imported."
    )
    assert (run.rows_read, run.rows_imported, run.rows_rejected) == (0, 0, 0)
    assert not Event.objects.exists()
    assert not SourceRecord.objects.exists()
    assert not run.rejected_rows.exists()
