"""Every checked column of every feed: a bad value rejects its row with the line, the
column and a reason naming what is allowed, and the good row beside it still imports.
test_validation.py covers the shared rules (identifiers, encodings, ragged rows); this
goes through the less common codes of each feed, which a council's extract is most
likely to get wrong."""

import pytest

from chronology.importing import codes
from chronology.importing.specs import SPECS
from chronology.models import FeedRun
from tests.chronology.conftest import UPN1
from tests.chronology.good_rows import GOOD_ROWS, feed_csv


def not_one_of(value: str, allowed: tuple[str, ...]) -> str:
    return f"{value!r} is not a valid code; use one of: {', '.join(allowed)}"


def unknown_codes(values: str, allowed: tuple[str, ...]) -> str:
    plural = "s" if "," in values else ""
    return f"unknown code{plural} {values}; valid codes are: {', '.join(allowed)}"


NOT_A_DATE = "'2025-02-30' is not a real date (day is out of range for month)"
NOT_A_DATE_TIME = "'at teatime' is not an ISO 8601 date-time (e.g. 2025-03-14T16:30:00)"
NOT_Y_OR_N = "'maybe' is not Y or N (true/false and 1/0 are also accepted)"

BAD_VALUES = [
    ("schools", "urn", "10001", "'10001' is not a URN: a URN is 6 digits"),
    (
        "schools",
        "laestab",
        "801-4002",
        "'801-4002' is not a LAESTAB: 3-digit LA code then 4-digit establishment number",
    ),
    ("schools", "phase", "sixth_form", not_one_of("sixth_form", codes.PHASES)),
    ("schools", "status", "shut", not_one_of("shut", codes.SCHOOL_STATUSES)),
    ("school_census", "former_upn", "A" + UPN1[1:], f"UPN check letter is A but should be {UPN1[0]}"),
    ("school_census", "sex", "U", not_one_of("U", codes.SEX)),
    ("school_census", "ethnicity", "BRIT", not_one_of("BRIT", codes.ETHNICITY)),
    ("school_census", "year_group", "15", not_one_of("15", codes.YEAR_GROUPS)),
    ("school_census", "entry_date", "2025-02-30", NOT_A_DATE),
    ("school_census", "leaving_date", "2021-07-20", "leaving_date is before entry_date"),
    ("school_census", "sen_provision", "S", not_one_of("S", codes.SEN_PROVISION)),
    ("school_census", "sen_primary_need", "ADHD", not_one_of("ADHD", codes.SEN_NEEDS)),
    ("school_census", "fsm_end_date", "2023-12-31", "fsm_end_date is before fsm_start_date"),
    ("attendance", "session", "EVE", not_one_of("EVE", codes.SESSIONS)),
    (
        "attendance",
        "code",
        "A",
        f"'A' is not a DfE attendance code; use one of: {' '.join(codes.ATTENDANCE_CODES)}",
    ),
    ("suspensions", "category", "TEMP", not_one_of("TEMP", codes.SUSPENSION_CATEGORIES)),
    ("suspensions", "sessions", "two", "'two' is not a whole number"),
    ("suspensions", "reasons", "ZZ", unknown_codes("ZZ", codes.SUSPENSION_REASONS)),
    ("police_incidents", "occurred_at", "at teatime", NOT_A_DATE_TIME),
    ("police_incidents", "offence_group", "arson", not_one_of("arson", codes.OFFENCE_GROUPS)),
    ("police_intelligence", "recorded_on", "2025-02-30", NOT_A_DATE),
    ("police_intelligence", "markers", "CCE;GANG", unknown_codes("GANG", codes.INTELLIGENCE_MARKERS)),
    ("youth_justice", "outcome", "caution", not_one_of("caution", codes.YOUTH_JUSTICE_OUTCOMES)),
    ("youth_justice", "offence_group", "fraud", not_one_of("fraud", codes.OFFENCE_GROUPS)),
    ("missing_episodes", "reported_at", "at teatime", NOT_A_DATE_TIME),
    ("missing_episodes", "returned_at", "2025-02-01T21:00", "returned_at is before reported_at"),
    ("missing_episodes", "return_interview_offered", "maybe", NOT_Y_OR_N),
    ("missing_episodes", "return_interview_done", "maybe", NOT_Y_OR_N),
    ("social_care", "episode_type", "cp", not_one_of("cp", codes.EPISODE_TYPES)),
    ("social_care", "cp_category", "PHYS", not_one_of("PHYS", codes.CP_CATEGORIES)),
    ("social_care", "assessment_factors", "8A;25A", unknown_codes("8A, 25A", codes.ASSESSMENT_FACTORS)),
    ("social_care", "end_date", "2024-10-31", "end_date is before start_date"),
    ("early_help", "needs", "housing;money", unknown_codes("money", codes.EARLY_HELP_NEEDS)),
    ("early_help", "family_id", "F" * 65, "longer than 64 characters (this has 65)"),
    ("health", "event_type", "gp_visit", not_one_of("gp_visit", codes.HEALTH_EVENTS)),
    ("health", "reason", "other", not_one_of("other", codes.HEALTH_REASONS)),
    ("domestic_abuse", "notified_at", "at teatime", NOT_A_DATE_TIME),
    ("domestic_abuse", "incident_date", "2025-02-30", NOT_A_DATE),
    ("domestic_abuse", "children_present", "maybe", NOT_Y_OR_N),
    ("domestic_abuse", "marac", "maybe", NOT_Y_OR_N),
    ("households", "relationship", "cousin", not_one_of("cousin", codes.RELATIONSHIPS)),
    ("households", "address_postcode", "NB1", "'NB1' is not a UK postcode"),
    ("households", "to_date", "2019-12-31", "to_date is before from_date"),
    ("housing_benefits", "event_type", "eviction", not_one_of("eviction", codes.HOUSING_EVENTS)),
]


def test_every_feed_has_a_good_row_here():
    assert set(GOOD_ROWS) == set(SPECS)


def test_the_good_rows_import(city, run_import):
    for feed, good in GOOD_ROWS.items():
        run = run_import(feed, feed_csv(feed, [good | {"source_record_id": "OK1"}]))
        assert (run.status, run.rows_rejected) == ("completed", 0), (feed, list(run.rejected_rows.values()))


@pytest.mark.parametrize(("feed", "column", "bad", "reason"), BAD_VALUES, ids=lambda v: str(v)[:24])
def test_a_bad_value_rejects_its_row_naming_line_column_and_reason(
    city, run_import, feed, column, bad, reason
):
    good = GOOD_ROWS[feed] | {"source_record_id": "OK1"}
    run = run_import(feed, feed_csv(feed, [good, good | {"source_record_id": "BAD1", column: bad}]))
    assert run.status == FeedRun.Status.COMPLETED
    assert run.rows_read == 2
    assert run.rows_rejected == 1
    cross_column = reason.startswith(column)
    assert list(run.rejected_rows.values_list("line_number", "column", "reason")) == [
        (3, column, reason if cross_column else f"{column}: {reason}")
    ]


def test_the_privately_fostered_children_in_need_factors_are_accepted(city, run_import):
    good = GOOD_ROWS["social_care"] | {"source_record_id": "OK1", "assessment_factors": "8B;8C;8D;8E;8F"}
    run = run_import("social_care", feed_csv("social_care", [good]))
    assert (run.rows_imported, run.rows_rejected) == (1, 0)
