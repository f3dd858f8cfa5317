"""Date-time cells at the calendar's ends: a value Python cannot carry into London time
is a rejected row with a reason, never an import that fails whole."""

import pytest

from chronology.models import FeedRun
from tests.chronology.good_rows import GOOD_ROWS, feed_csv


@pytest.mark.parametrize(
    "sent",
    ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"],
)
def test_a_date_time_beyond_the_calendar_rejects_its_row(city, run_import, sent):
    good = GOOD_ROWS["police_incidents"] | {"source_record_id": "OK1"}
    run = run_import(
        "police_incidents",
        feed_csv("police_incidents", [good, good | {"source_record_id": "BAD1", "occurred_at": sent}]),
    )
    assert run.status == FeedRun.Status.COMPLETED
    assert run.rows_imported == 1
    assert list(run.rejected_rows.values_list("line_number", "column", "reason")) == [
        (
            3,
            "occurred_at",
            f"occurred_at: '{sent}' is outside the dates the portal can hold (years 1 to 9999)",
        )
    ]
