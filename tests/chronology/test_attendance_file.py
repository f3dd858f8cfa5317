"""The attendance feed's set-based import (PostgreSQL) behaves exactly as every other
feed: the same rejections with line, column and reason, repeats, review queue and
counts, and files COPY cannot read still import row by row, naming the line."""

import pytest

from chronology.importing.codes import ATTENDANCE_CODES
from chronology.models import AttendanceMark, AttendanceWeek, FeedRun, LinkReview
from tests.chronology.conftest import UPN1, UPN2, UPN3
from tests.factories import PersonFactory

HEADER = "source_record_id,urn,upn,date,session,code"


@pytest.fixture
def pupils(school):
    return PersonFactory(upn=UPN1), PersonFactory(upn=UPN2)


def reasons(run: FeedRun) -> list[tuple[int, str, str]]:
    return list(run.rejected_rows.order_by("line_number").values_list("line_number", "column", "reason"))


def test_bad_rows_are_explained_and_good_rows_imported(pupils, run_import):
    run = run_import(
        "attendance",
        f"""
        {HEADER}
        A1,100001,{UPN1},2025-03-03,AM,/
        A2,100001,A{UPN1[1:]},2025-03-03,PM,/
        A3,100001,{UPN1},2025-02-30,PM,/
        A4,100001,{UPN1},2025-03-04,XM,/
        A5,100001,{UPN1},2025-03-04,AM,QQ
        A6,999999,{UPN1},2025-03-04,PM,/
        ,100001,{UPN1},2025-03-05,AM,/
        {"X" * 101},100001,{UPN1},2025-03-05,PM,/
        A9,100001,{UPN2},04/03/2025, pm ,n
        """,
    )
    assert reasons(run) == [
        (3, "upn", f"upn: UPN check letter is A but should be {UPN1[0]}"),
        (4, "date", "date: '2025-02-30' is not a real date (day is out of range for month)"),
        (5, "session", "session: 'XM' is not a valid code; use one of: AM, PM"),
        (6, "code", "code: 'QQ' is not a DfE attendance code; use one of: " + " ".join(ATTENDANCE_CODES)),
        (7, "urn", "urn: no school has URN 999999; import the schools file first"),
        (8, "source_record_id", "source_record_id is required"),
        (9, "source_record_id", "source_record_id: longer than 100 characters (this has 101)"),
    ]
    assert (run.status, run.rows_imported, run.rows_rejected, run.rows_read) == ("completed", 2, 7, 9)
    mark = AttendanceMark.objects.get(source_record_id="A9")
    assert (str(mark.date), mark.session, mark.code, mark.meaning) == (
        "2025-03-04",
        "PM",
        "N",
        "unauthorised",
    )


def test_repeats_within_a_file_and_a_second_import(pupils, run_import):
    text = f"""
        {HEADER}
        A1,100001,{UPN1},2025-03-03,AM,/
        A1,100001,{UPN1},2025-03-03,AM,/
        A1,100001,{UPN1},2025-03-03,AM,N
        A2,100001,{UPN1},2025-03-03,PM,/
        """
    run = run_import("attendance", text)
    assert (run.rows_imported, run.rows_unchanged, run.rows_rejected) == (2, 1, 1)
    assert reasons(run) == [
        (4, "source_record_id", "source_record_id A1 appears earlier in this file with different content")
    ]
    again = run_import("attendance", text)
    assert (again.rows_imported, again.rows_unchanged, again.rows_rejected) == (0, 3, 1)
    assert AttendanceMark.objects.count() == 2


def test_new_and_resent_ids_are_told_apart_wherever_their_range_falls(pupils, attendance_path, run_import):
    """The importer first asks whether any stored mark lies in the range the file's ids
    span, and probes each id only if one does: new ids inside that range, after it, and
    a re-sent id among new ones must each be stored once and counted in their week."""

    def imported(*rows: str) -> tuple[int, int]:
        run = run_import("attendance", "\n".join([HEADER, *rows]) + "\n")
        return run.rows_imported, run.rows_unchanged

    assert imported(f"B1,100001,{UPN1},2025-03-03,AM,/", f"B5,100001,{UPN1},2025-03-03,PM,/") == (2, 0)
    assert imported(f"B2,100001,{UPN1},2025-03-04,AM,/", f"B6,100001,{UPN1},2025-03-04,PM,N") == (2, 0)
    assert imported(f"B7,100001,{UPN1},2025-03-05,AM,/", f"B8,100001,{UPN1},2025-03-05,PM,/") == (2, 0)
    resent = (f"B1,100001,{UPN1},2025-03-03,AM,N", f"B5,100001,{UPN1},2025-03-03,PM,/")
    assert imported(*resent, f"B9,100001,{UPN2},2025-03-03,AM,/") == (2, 1)
    assert AttendanceMark.objects.count() == 7
    assert AttendanceMark.objects.get(source_record_id="B1").code == "N"
    week = AttendanceWeek.objects.get(person__upn=UPN1)
    assert (week.present, week.unauthorised) == (4, 2)
    assert AttendanceWeek.objects.get(person__upn=UPN2).present == 1


def test_unknown_pupils_wait_in_the_queue_next_to_known_ones(pupils, run_import):
    run = run_import(
        "attendance",
        f"{HEADER}\nA1,100001,{UPN1},2025-03-03,AM,/\nA2,100001,{UPN3},2025-03-03,AM,/\n",
    )
    assert (run.rows_imported, run.rows_queued) == (1, 1)
    assert LinkReview.objects.get().source_record.source_record_id == "A2"
    PersonFactory(upn=UPN3)
    later = run_import(
        "attendance",
        f"{HEADER}\nA1,100001,{UPN1},2025-03-03,AM,/\nA2,100001,{UPN3},2025-03-03,AM,/\n",
    )
    assert (later.rows_imported, later.rows_unchanged, later.rows_queued) == (1, 1, 0)
    assert LinkReview.objects.get().status == LinkReview.Status.LINKED


def test_marks_find_pupils_by_current_then_former_upn_whatever_the_case(school, run_import):
    ada = PersonFactory(upn=UPN1, former_upn=UPN3)
    bea = PersonFactory(upn=UPN3)
    cal = PersonFactory(upn=None, former_upn=UPN2)
    run = run_import(
        "attendance",
        f"{HEADER}\nA1,100001, {UPN1.lower()} ,2025-03-03,AM,/\n"
        f"A2,100001,{UPN3},2025-03-03,AM,/\nA3,100001,{UPN2.lower()},2025-03-03,AM,/\n",
    )
    assert run.rows_imported == 3
    owners = dict(AttendanceMark.objects.values_list("source_record_id", "person_id"))
    assert owners == {"A1": ada.pk, "A2": bea.pk, "A3": cal.pk}
    assert AttendanceMark.objects.get(source_record_id="A1").upn == UPN1


def test_a_quoted_newline_in_an_extra_column_keeps_line_numbers_physical(pupils, run_import):
    run = run_import(
        "attendance",
        f'Notes,{HEADER}\n"two\nlines",A1,100001,{UPN1},2025-03-03,AM,/\nx,A2,100001,{UPN1},2025-03-03,PM,QQ\n',
    )
    assert [line for line, _, _ in reasons(run)] == [4]
    assert run.unknown_columns == ["Notes"]
    assert AttendanceMark.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (f"A1,100001,{UPN1},2025-03-03,AM,/\n\nA2,100001,{UPN1},2025-03-03,PM,/\n", (2, 0)),
        (f"A1,100001,{UPN1},2025-03-03,AM,/\nA2,100001,{UPN1},2025-03-03\n", (1, 1)),
        (f"A1,100001,{UPN1},2025-03-03,AM,/\n\\.\nA2,100001,{UPN1},2025-03-03,PM,/\n", (2, 1)),
    ],
    ids=["blank line", "short row", "copy end marker"],
)
def test_rows_copy_cannot_read_are_imported_row_by_row(pupils, run_import, body, expected):
    run = run_import("attendance", f"{HEADER}\n{body}")
    assert (run.rows_imported, run.rows_rejected) == expected
    assert run.rows_read == run.rows_total


def test_a_file_that_is_not_utf8_is_rejected_naming_the_line(pupils, run_import):
    text = f"{HEADER}\nA1,100001,{UPN1},2025-03-03,AM,/\nA2,100001,{UPN1},2025-03-03,PM,/caf\xe9\n"
    run = run_import("attendance", raw=text.encode("latin-1"))
    assert run.status == FeedRun.Status.REJECTED
    assert run.file_error.startswith("The file is not valid UTF-8: line 3 cannot be read")
    assert not AttendanceMark.objects.exists()


def test_a_nul_byte_in_the_file_rejects_it_naming_the_line(pupils, attendance_path, run_import):
    text = f"{HEADER}\nA1,100001,{UPN1},2025-03-03,AM,/\nA2,100001,{UPN1},2025-03-03,PM,/\x00\n"
    run = run_import("attendance", raw=text.encode())
    assert run.status == FeedRun.Status.REJECTED
    byte = text.splitlines()[2].index("\x00") + 1
    assert run.file_error.startswith(f"Line 3 holds a NUL character (byte {byte} of the line)")
    assert not AttendanceMark.objects.exists()
