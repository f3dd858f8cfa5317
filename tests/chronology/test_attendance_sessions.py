"""A pupil's session holds one mark: a second mark for it, under another
source_record_id, is rejected naming the first, on the set-based path and row by row
(a blank line makes the importer read the file row by row)."""

import pytest

from chronology.models import AttendanceMark, AttendanceWeek
from tests.chronology.conftest import UPN1, UPN2
from tests.factories import PersonFactory

HEADER = "source_record_id,urn,upn,date,session,code"
FIRST_FILE = f"{HEADER}\nA1,100001,{UPN1},2025-03-03,AM,/\nA2,100001,{UPN1},2025-03-03,PM,/\n"
PATHS = pytest.mark.parametrize("gap", ["", "\n"], ids=["set-based", "row by row"])


@pytest.fixture
def ada(school):
    PersonFactory(upn=UPN2)
    return PersonFactory(upn=UPN1)


def rejections(run) -> list[tuple[int, str, str]]:
    return list(run.rejected_rows.order_by("line_number").values_list("line_number", "column", "reason"))


def marks() -> dict[str, tuple[str, str, str]]:
    return {
        m.source_record_id: (str(m.date), m.session, m.code)
        for m in AttendanceMark.objects.order_by("source_record_id")
    }


@PATHS
def test_a_second_mark_for_a_session_in_one_file_is_rejected(ada, run_import, gap):
    run = run_import(
        "attendance",
        f"{HEADER}\n{gap}A1,100001,{UPN1},2025-03-03,AM,/\nA2,100001,{UPN1},2025-03-03,PM,/\n"
        f"A3,100001,{UPN1},2025-03-03,AM,N\nB1,100001,{UPN2},2025-03-03,AM,/\n",
    )
    line = 4 + len(gap)
    assert rejections(run) == [
        (
            line,
            "session",
            f"UPN {UPN1} already has a mark for the AM session of 3 Mar 2025, from an earlier row of "
            "this file (source_record_id A1): a session holds one mark",
        )
    ]
    assert (run.rows_imported, run.rows_rejected, run.rows_read) == (3, 1, 4)
    assert set(marks()) == {"A1", "A2", "B1"}
    week = AttendanceWeek.objects.get(person=ada)
    assert (week.present, week.unauthorised) == (2, 0)


@PATHS
def test_a_mark_under_a_new_id_for_a_session_already_imported_is_rejected(ada, run_import, gap):
    run_import("attendance", FIRST_FILE)
    run = run_import(
        "attendance",
        f"{HEADER}\n{gap}X1,100001,{UPN1},2025-03-03,AM,N\nA2,100001,{UPN1},2025-03-03,PM,I\n"
        f"A3,100001,{UPN1},2025-03-04,AM,/\n",
    )
    assert rejections(run) == [
        (
            2 + len(gap),
            "session",
            f"UPN {UPN1} already has a mark for the AM session of 3 Mar 2025, from a mark already imported "
            "(source_record_id A1): a session holds one mark",
        )
    ]
    assert (run.rows_imported, run.rows_rejected) == (2, 1)
    assert marks() == {
        "A1": ("2025-03-03", "AM", "/"),
        "A2": ("2025-03-03", "PM", "I"),
        "A3": ("2025-03-04", "AM", "/"),
    }
    week = AttendanceWeek.objects.get(person=ada)
    assert (week.present, week.authorised, week.unauthorised) == (2, 1, 0)


@PATHS
def test_a_mark_moved_onto_a_session_another_mark_holds_is_rejected(ada, run_import, gap):
    run_import("attendance", FIRST_FILE)
    run = run_import("attendance", f"{HEADER}\n{gap}A2,100001,{UPN1},2025-03-03,AM,N\n")
    assert [(column, reason.split(",")[0]) for _, column, reason in rejections(run)] == [
        ("session", f"UPN {UPN1} already has a mark for the AM session of 3 Mar 2025")
    ]
    assert marks() == {"A1": ("2025-03-03", "AM", "/"), "A2": ("2025-03-03", "PM", "/")}


@PATHS
def test_a_session_repeated_late_in_the_week_is_found_and_other_weeks_are_not_repeats(ada, run_import, gap):
    """The set-based path asks first whether any pupil-week has fewer sessions than marks
    (a bit per session of the week): the same weekday and session in two weeks is not a
    repeat, a Friday afternoon given twice is."""
    run = run_import(
        "attendance",
        f"{HEADER}\n{gap}A1,100001,{UPN1},2025-03-03,AM,/\nA2,100001,{UPN1},2025-03-10,AM,/\n"
        f"A3,100001,{UPN1},2025-03-07,PM,/\nA4,100001,{UPN1},2025-03-07,PM,N\n",
    )
    assert [(line, column) for line, column, _ in rejections(run)] == [(5 + len(gap), "session")]
    assert set(marks()) == {"A1", "A2", "A3"}
