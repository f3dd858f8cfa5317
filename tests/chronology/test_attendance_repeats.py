"""A file of new ids is stored without first looking for repeated ids (the marks' unique
index catches one, and the file then goes the careful way): either way the same marks
are stored, counted in their weeks, and the same rows rejected for the same reasons."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chronology.importing import attendance_bulk
from chronology.models import AttendanceMark, AttendanceWeek, FeedRun
from tests.chronology.conftest import UPN1, UPN2
from tests.factories import PersonFactory

HEADER = "source_record_id,urn,upn,date,session,code"
LOOK_FOR_REPEATS = "GROUP BY source_record_id HAVING"


@pytest.fixture
def pupils(school):
    return PersonFactory(upn=UPN1), PersonFactory(upn=UPN2)


@pytest.fixture
def stored_at_once(monkeypatch):
    """Whether each set-based import stored its rows without looking for repeats."""
    outcomes = []
    real = attendance_bulk.stored_unless_repeated

    def spy(store):
        outcomes.append(real(store))
        return outcomes[-1]

    monkeypatch.setattr(attendance_bulk, "stored_unless_repeated", spy)
    return outcomes


def reasons(run: FeedRun) -> list[tuple[int, str, str]]:
    return list(run.rejected_rows.order_by("line_number").values_list("line_number", "column", "reason"))


def weeks() -> list[tuple[str, int, int]]:
    return list(
        AttendanceWeek.objects.order_by("person__upn").values_list("person__upn", "present", "unauthorised")
    )


def test_a_file_of_new_ids_is_stored_without_looking_for_repeats(pupils, run_import, stored_at_once):
    text = "\n".join(
        [
            HEADER,
            f"C1,100001,{UPN1},2025-03-03,AM,/",
            f"C2,100001,{UPN1},2025-03-03,PM,N",
            f"C3,100001,{UPN2},2025-03-03,AM,/",
        ]
    )
    with CaptureQueriesContext(connection) as queries:
        run = run_import("attendance", text + "\n")
    assert stored_at_once == [True]
    assert not [q for q in queries if LOOK_FOR_REPEATS in q["sql"]]
    assert (run.rows_imported, run.rows_unchanged, run.rows_rejected) == (3, 0, 0)
    assert weeks() == [(UPN1, 1, 1), (UPN2, 1, 0)]


def test_a_repeated_id_caught_by_the_index_is_rejected_and_nothing_is_counted_twice(
    pupils, run_import, stored_at_once
):
    """The repeat gives another session, so no session is given twice and only the
    marks' unique index can tell: the store is rolled back and the file settled."""
    text = "\n".join(
        [
            HEADER,
            f"D1,100001,{UPN1},2025-03-03,AM,/",
            f"D2,100001,{UPN1},2025-03-03,PM,/",
            f"D1,100001,{UPN1},2025-03-04,AM,N",
            f"D3,100001,{UPN2},2025-03-04,AM,/",
        ]
    )
    run = run_import("attendance", text + "\n")
    assert stored_at_once == [False]
    assert (run.rows_imported, run.rows_unchanged, run.rows_rejected) == (3, 0, 1)
    assert reasons(run) == [
        (4, "source_record_id", "source_record_id D1 appears earlier in this file with different content")
    ]
    stored = {srid: str(day) for srid, day in AttendanceMark.objects.values_list("source_record_id", "date")}
    assert stored == {"D1": "2025-03-03", "D2": "2025-03-03", "D3": "2025-03-04"}
    assert weeks() == [(UPN1, 2, 0), (UPN2, 1, 0)]

    again = run_import("attendance", text + "\n")
    assert stored_at_once == [False, False], "its ids are stored now: the careful way at once"
    assert (again.rows_imported, again.rows_unchanged, again.rows_rejected) == (0, 3, 1)
    assert weeks() == [(UPN1, 2, 0), (UPN2, 1, 0)]


def test_an_identical_repeat_is_unchanged_not_a_session_given_twice(pupils, run_import, stored_at_once):
    text = "\n".join([HEADER, f"E1,100001,{UPN1},2025-03-03,AM,/", f"E1,100001,{UPN1},2025-03-03,AM,/"])
    run = run_import("attendance", text + "\n")
    assert stored_at_once == [], "a session appearing twice sends the file the careful way"
    assert (run.rows_imported, run.rows_unchanged, run.rows_rejected) == (1, 1, 0)
    assert weeks() == [(UPN1, 1, 0)]
