"""Each run counts the rows of its file linked with certainty, unchanged ones included,
for the feed-health share linked with certainty."""

from tests.chronology.conftest import UPN2
from tests.chronology.good_rows import GOOD_ROWS, feed_csv

POLICE = GOOD_ROWS["police_incidents"]


def test_a_run_counts_its_rows_linked_with_certainty(city, run_import):
    rows = [
        POLICE | {"source_record_id": "P1"},
        POLICE | {"source_record_id": "P2", "upn": "", "surname": "Lovelcae"},
        POLICE | {"source_record_id": "P3", "occurred_at": "at teatime"},
    ]
    run = run_import("police_incidents", feed_csv("police_incidents", rows))
    assert (run.rows_imported, run.rows_queued, run.rows_rejected, run.rows_linked_certain) == (1, 1, 1, 1)
    again = run_import("police_incidents", feed_csv("police_incidents", rows))
    assert (again.rows_unchanged, again.rows_linked_certain) == (2, 1)


def test_register_marks_of_known_pupils_are_certain_both_ways(city, run_import, attendance_path):
    good = GOOD_ROWS["attendance"]
    rows = [good | {"source_record_id": "A1"}, good | {"source_record_id": "A2", "upn": UPN2}]
    run = run_import("attendance", feed_csv("attendance", rows))
    assert (run.rows_imported, run.rows_queued, run.rows_linked_certain) == (1, 1, 1)
