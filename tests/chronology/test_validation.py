"""Validation exactly as FEEDS.md says: whole-file rejections, and per-row rejections
with line, column and reason."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from chronology.models import AttendanceMark, Event, FeedRun, SourceRecord
from tests.chronology.conftest import UPN1, UPN2
from tests.csv_download import csv_rows
from tests.factories import PersonFactory, UserFactory

POLICE = (
    "source_record_id,upn,nhs_number,forename,surname,date_of_birth,postcode,"
    "occurred_at,role,offence_group,summary"
)


@pytest.fixture
def ada(school):
    return PersonFactory(upn=UPN1, nhs_number="9434765919", forename="Ada", surname="Lovelace")


def reasons(run: FeedRun) -> list[tuple[int, str, str]]:
    return list(run.rejected_rows.values_list("line_number", "column", "reason"))


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        (
            f"P1,A{UPN1[1:]},,,,,,2025-03-14T16:30,victim,robbery,",
            "upn",
            f"upn: UPN check letter is A but should be {UPN1[0]}",
        ),
        (
            "P1,,9434765918,,,,,2025-03-14T16:30,victim,robbery,",
            "nhs_number",
            "nhs_number: NHS number check digit is wrong",
        ),
        (
            "P1,,943 476 591,,,,,2025-03-14T16:30,victim,robbery,",
            "nhs_number",
            "nhs_number: NHS number must be 10 digits (spaces allowed as 3-3-4)",
        ),
        (
            f"P1,{UPN1},,,,,,2025-03-14T16:30,bystander,robbery,",
            "role",
            "role: 'bystander' is not a valid code; use one of: "
            "arrested, suspect, victim, witness, missing_person, associated",
        ),
        (
            f"P1,{UPN1},,,,,,14/13/2025,victim,robbery,",
            "occurred_at",
            "occurred_at: '14/13/2025' is not a real date (month must be in 1..12)",
        ),
        (
            f"P1,{UPN1},,,,,,March 2025,victim,robbery,",
            "occurred_at",
            "occurred_at: 'March 2025' is not an ISO 8601 date-time (e.g. 2025-03-14T16:30:00)",
        ),
        (
            f"P1,{UPN1},,,,,NOT A CODE,2025-03-14T16:30,victim,robbery,",
            "postcode",
            "postcode: 'NOT A CODE' is not a UK postcode",
        ),
        (f"P1,{UPN1},,,,,,,victim,robbery,", "occurred_at", "occurred_at is required"),
        (",,,,,,,2025-03-14T16:30,victim,robbery,", "source_record_id", "source_record_id is required"),
        (
            "P1,,,Ada,,,,2025-03-14T16:30,victim,robbery,",
            "",
            "the row needs at least one of upn, nhs_number or local_person_id, "
            "or all of forename, surname and date_of_birth",
        ),
        (f"P1,{UPN1},,,,,,2025-03-14T16:30,victim", "", "the row has 9 cells but the header has 11"),
    ],
)
def test_each_kind_of_bad_value_is_rejected_with_line_column_and_reason(ada, run_import, row, column, reason):
    run = run_import("police_incidents", f"{POLICE}\nP0,{UPN1},,,,,,2025-03-01T10:00,victim,theft,\n{row}\n")
    assert run.status == "completed"
    assert (run.rows_imported, run.rows_rejected) == (1, 1)
    assert reasons(run) == [(3, column, reason)]
    assert Event.objects.count() == 1


def test_code_lists_are_checked_with_the_valid_codes_named(ada, run_import):
    run = run_import(
        "suspensions",
        f"""
        source_record_id,urn,upn,category,start_date,sessions,reasons
        S1,100001,{UPN1},SUSP,2025-02-10,2,PP;XX;YY
        S2,100001,{UPN1},SUSP,2025-02-10,2,PP;PA;VP;VA
        S3,999999,{UPN1},SUSP,2025-02-10,2,PP
        """,
    )
    assert reasons(run) == [
        (
            2,
            "reasons",
            "reasons: unknown codes XX, YY; valid codes are: "
            "PP, PA, VP, VA, OW, BU, RA, LG, DS, SM, DA, DM, TH, DB, MT, PH",
        ),
        (3, "reasons", "reasons: at most 3 codes are allowed; this has 4"),
        (4, "urn", "urn: no school has URN 999999; import the schools file first"),
    ]


def test_several_problems_in_one_row_are_reported_together(school, run_import):
    run = run_import(
        "attendance",
        f"source_record_id,urn,upn,date,session,code\nA1,100001,{UPN1},2025-02-30,XM,QQ\n",
    )
    [(line, column, reason)] = reasons(run)
    assert (line, column) == (2, "date, session, code")
    assert "'2025-02-30' is not a real date" in reason
    assert "'XM' is not a valid code" in reason


def test_cp_category_is_only_for_child_protection_plans(ada, run_import):
    run = run_import(
        "social_care",
        f"source_record_id,upn,episode_type,start_date,end_date,cp_category,assessment_factors\n"
        f"SC1,{UPN1},referral,2025-01-01,,NEG,\n",
    )
    assert reasons(run) == [
        (2, "cp_category", "cp_category is given only for child-protection plans (episode_type cp_plan)")
    ]


def test_a_file_missing_a_required_column_is_rejected_whole(ada, run_import):
    run = run_import("attendance", f"source_record_id,urn,upn,date,code\nA1,100001,{UPN1},2025-03-03,/\n")
    assert run.status == FeedRun.Status.REJECTED
    assert run.file_error == "The file is missing required column: session."
    assert not AttendanceMark.objects.exists()
    assert run.rows_read == 0


def test_a_person_feed_without_identity_columns_is_rejected_whole(register, run_import):
    run = run_import("health", "source_record_id,event_date,event_type,reason\nH1,2025-01-01,admission,\n")
    assert run.status == FeedRun.Status.REJECTED
    assert "no identity columns" in run.file_error


def test_a_file_that_is_not_utf8_is_rejected_naming_the_line(ada, run_import):
    good = f"P1,{UPN1},,,,,,2025-03-14T16:30,victim,theft,ok"
    text = f"{POLICE}\n{good}\nP2,{UPN1},,,,,,2025-03-14T16:30,victim,theft,caf\xe9\n"
    run = run_import("police_incidents", raw=text.encode("latin-1"))
    assert run.status == FeedRun.Status.REJECTED
    assert run.file_error.startswith("The file is not valid UTF-8: line 3 cannot be read")
    assert not Event.objects.exists()


def test_utf8_with_a_byte_order_mark_is_accepted(ada, run_import):
    text = f"{POLICE}\nP1,{UPN1},,Zoë,Lovelace,,,2025-03-14,victim,theft,café\n"
    run = run_import("police_incidents", raw=b"\xef\xbb\xbf" + text.encode())
    assert (run.status, run.rows_imported) == ("completed", 1)
    assert Event.objects.get().details["summary"] == "café"


def test_an_empty_file_is_rejected_whole(register, run_import):
    run = run_import("health", raw=b"")
    assert (run.status, run.file_error) == ("rejected", "The file is empty: it has no header row.")


@pytest.mark.parametrize("feed_code", ["police_incidents", "attendance"])
def test_a_cell_too_long_to_read_rejects_the_file_naming_its_line(ada, run_import, feed_code):
    """Python's csv reader stops at a cell of more than 131,072 characters: a file with
    one (a summary pasted a thousand times, a binary blob) is refused, not a failed run,
    in the words of docs/feeds.md rather than Python's "field larger than field limit"."""
    header = POLICE if feed_code == "police_incidents" else "source_record_id,urn,upn,date,session,code"
    text = f"{header}\nP1,{'x' * 200_000}\n"
    run = run_import(feed_code, text)
    assert (run.status, run.file_error) == (
        "rejected",
        "Line 2 is not valid CSV: a cell is longer than 131,072 characters.",
    )


@pytest.mark.parametrize("feed_code", ["police_incidents", "attendance"])
def test_a_file_with_carriage_returns_alone_is_rejected_saying_how_to_save_it(ada, run_import, feed_code):
    header = POLICE if feed_code == "police_incidents" else "source_record_id,urn,upn,date,session,code"
    run = run_import(feed_code, raw=f"{header}\rP1,{UPN1}\r".encode())
    assert (run.status, run.file_error) == (
        "rejected",
        "Line 1 is not valid CSV: a line ends with a carriage return alone (as the old 'CSV (Macintosh)' "
        "format saves them). Save the file as CSV UTF-8 and import it again.",
    )


def test_a_header_only_file_imports_nothing_and_completes(register, run_import):
    run = run_import("health", "source_record_id,nhs_number,event_date,event_type,reason\n")
    assert (run.status, run.rows_read, run.rows_total) == ("completed", 0, 0)


def test_extra_columns_and_any_header_order_and_case(ada, run_import):
    run = run_import(
        "health",
        f"""
        Event_Type,NOTES,upn,Source_Record_ID,event_date,Internal Ref,REASON
        camhs_referral,ignored,{UPN1},H1,2025-01-01,x,
        """,
    )
    assert (run.status, run.rows_imported) == ("completed", 1)
    assert run.unknown_columns == ["NOTES", "Internal Ref"]


def test_quoted_newlines_and_commas_are_one_cell_and_lines_are_counted_physically(ada, run_import):
    run = run_import(
        "police_incidents",
        f'{POLICE}\nP1,{UPN1},,,,,,2025-03-14T16:30,victim,theft,"Said: ""no"",\nthen left"\n'
        f"P2,{UPN1},,,,,,2025-03-14T16:30,victim,stealing,\n",
    )
    assert Event.objects.get().details["summary"] == 'Said: "no",\nthen left'
    assert [r[0] for r in reasons(run)] == [4]


def test_a_repeated_source_record_id_with_different_content_rejects_the_later_row(ada, run_import):
    run = run_import(
        "police_incidents",
        f"{POLICE}\nP1,{UPN1},,,,,,2025-03-14T16:30,victim,theft,\nP1,{UPN1},,,,,,2025-03-14T16:30,victim,theft,\n"
        f"P1,{UPN1},,,,,,2025-03-14T16:30,suspect,theft,\n",
    )
    assert (run.rows_imported, run.rows_unchanged, run.rows_rejected) == (1, 1, 1)
    assert reasons(run) == [
        (4, "source_record_id", "source_record_id P1 appears earlier in this file with different content")
    ]


def test_rejected_rows_download_with_an_error_column_and_formulas_neutralised(
    ada, run_import, client, password
):
    run = run_import(
        "police_incidents",
        f"""
        {POLICE}
        P1,{UPN1},,,,,,2025-03-14T16:30,victim,theft,=HYPERLINK("http://x")
        P2,{UPN2},,,,,,2025-03-14T16:30,bystander,theft,+1
        """,
    )
    officer = UserFactory(role=Role.DATA_OFFICER)
    client.login(email=officer.email, password=password)
    response = client.get(reverse("chronology:rejected_csv", args=[run.pk]))
    rows = csv_rows(response)
    assert rows[0] == [*POLICE.split(","), "error"]
    assert rows[1][-2] == "'+1"
    assert rows[1][-1].startswith("line 3: role: 'bystander' is not a valid code")
    assert Event.objects.get().details["summary"] == '=HYPERLINK("http://x")', "stored as sent"


def test_rows_read_always_adds_up(ada, run_import):
    run = run_import(
        "police_incidents",
        f"""
        {POLICE}
        P1,{UPN1},,,,,,2025-03-14T16:30,victim,theft,
        P2,,,Someone,Unknown,2010-01-01,NB9 9ZZ,2025-03-14T16:30,victim,theft,
        P3,{UPN1},,,,,,2025-03-14T16:30,victim,nothing,
        P1,{UPN1},,,,,,2025-03-14T16:30,victim,theft,
        """,
    )
    assert (run.rows_imported, run.rows_queued, run.rows_rejected, run.rows_unchanged) == (1, 1, 1, 1)
    assert run.rows_read == run.rows_total == 4
    assert SourceRecord.objects.count() == 2


@pytest.mark.parametrize("line", [f"P1,{UPN1},,,,,,2025-03-14T16:30,victim,theft,a\x00b", "P1\x00"])
def test_a_nul_byte_in_the_file_rejects_it_naming_the_line(ada, run_import, line):
    """PostgreSQL stores no NUL character: a cell holding one stopped the import
    'unexpectedly', asking for the same file again, which stopped again."""
    text = f"{POLICE}\nP0,{UPN1},,,,,,2025-03-14T16:30,victim,theft,\n{line}\n"
    run = run_import("police_incidents", raw=text.encode())
    assert run.status == FeedRun.Status.REJECTED
    assert run.file_error.startswith("Line 3 holds a NUL character (byte ")
    assert not Event.objects.exists()
