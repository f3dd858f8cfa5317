"""`make bench` at a tiny scale, so its machinery cannot rot between real runs. Nothing
here asserts on a timing: goals are checked by the bench itself."""

import json
from datetime import date
from importlib import import_module

import pytest
from django.apps import apps

from benchmarks import (
    api,
    casework,
    chronology,
    flags,
    importing,
    pages,
    report,
    retention,
    stewardship,
    trigger_pages,
)
from chronology.models import AttendanceMark, AttendanceWeek, FeedRun, LinkReview
from portal.demo.scale.build import build_scale_city, existing_scale_city
from stewardship.models import RetentionRun

MEASURES = {
    "flags_full",
    "flags_incremental",
    "flags_one_pupil",
    "list_first",
    "list_deep",
    "list_search",
    "list_search_city",
    "young_person_page",
    "access_log_overhead",
    "who_has_seen",
    "access_log_30_days",
    "home_ig",
    "anomalies_30_days",
    "attendance_import",
    "chronology_first_page",
    "chronology_filtered_page",
    "chronology_csv",
    "tp_dashboard",
    "tp_list_first",
    "tp_list_tier",
    "tp_city_overview",
    "tp_list_city",
    "work_queue",
    "scorecards",
    "home_taskforce",
    "api_list_first",
    "api_list_last",
    "api_chronology",
    "feed_health",
    "feed_health_feed",
    "home_data_officer",
    "retention_run",
}


@pytest.fixture
def default_programmes():
    """The programmes a data migration installs: a transactional test that ran earlier in
    the same worker (tests/chronology/test_killed_import.py) leaves every table empty."""
    import_module("interventions.migrations.0002_default_programmes").add_programmes(apps, None)


@pytest.mark.password_only
@pytest.mark.django_db(transaction=True)
def test_bench_reports_every_measure_on_a_tiny_city(tmp_path, default_programmes):
    """password_only: the bench signs in with both factors itself, as `make bench` does
    outside the test suite's sign-in shortcut (which hid the bench's 302s)."""
    city = build_scale_city(young_people=50, seed=7, as_of=date(2026, 3, 20))
    assert existing_scale_city(young_people=50, seed=7) == city
    assert city.rows["schools_enrolment"] == 50
    assert city.rows["chronology_attendancemark"] > 0
    assert city.rows["accounts_accesslogentry"] == 5000

    alone = flags.incremental_measure(city, work_dir=tmp_path)
    assert alone.extra["indicators"] > 0, "measured alone, the recompute raises flags first"
    unflagged_city_pages = trigger_pages.trigger_page_measures(city, reps=1)
    assert unflagged_city_pages[0].extra["flagged_pupils"] > 0, "measured alone, the pages raise flags first"

    measures = [
        flags.full_measure(city),
        *pages.list_measures(city, reps=1),
        *pages.young_person_measures(city, reps=1, overhead_reps=1),
        *pages.access_log_measures(city, reps=1),
        *chronology.chronology_measures(city, reps=1),
        *trigger_pages.trigger_page_measures(city, reps=1),
        *casework.casework_measures(city, reps=1, referrals=40, interventions=60),
        *api.api_measures(city, reps=1),
        importing.import_measure(city, rows=300, work_dir=tmp_path, runs=2),
        flags.incremental_measure(city, work_dir=tmp_path),
        flags.one_pupil_measure(city, reps=2),
        *stewardship.feed_health_measures(city, reps=1),
    ]
    runs, reviews = FeedRun.objects.count(), LinkReview.objects.count()
    assert stewardship.feed_health_measures(city, reps=1)[0].extra["runs"] == runs, "a year is added once"
    assert LinkReview.objects.count() == reviews > 0
    marks, weeks = AttendanceMark.objects.count(), AttendanceWeek.objects.count()
    measures.append(retention.retention_measure(city, marks=300, reps=1))
    assert (AttendanceMark.objects.count(), AttendanceWeek.objects.count()) == (marks, weeks)
    assert not RetentionRun.objects.exists(), "the city is left as it was"
    data = report.results(city=city, mode="test", reused=False, measures=measures)
    report.write(data, root=tmp_path, notes="## Method\n\nA test run.")

    written = json.loads((tmp_path / "bench-results.json").read_text())
    assert set(written["measures"]) == MEASURES
    assert written["machine"]["python_speed_ms"] > 0, "the host's speed, to read the figures against"
    assert "a fixed Python workload took" in (tmp_path / "docs" / "benchmarks.md").read_text()
    imported = written["measures"]["attendance_import"]
    assert (imported["extra"]["imported"], imported["runs"]) == (300, 2)
    assert len(imported["extra"]["ratio_per_run"]) == 2
    assert imported["baseline"]["rows_per_s"] > 0
    assert imported["ratio"] > 0
    one_pupil = written["measures"]["flags_one_pupil"]
    assert (one_pupil["extra"]["people_in_scope"], one_pupil["runs"]) == (1, 2)
    assert imported["extra"]["share_of_file_copy"] > 0
    assert written["measures"]["young_person_page"]["extra"]["events_own_and_family"] >= 5000
    removed = written["measures"]["retention_run"]["extra"]
    assert removed["marks_added"] == removed["removed"]["register marks deleted"] == 300
    assert removed["reads_during"]["feed_health"]["reads"] >= 1
    doc = (tmp_path / "docs" / "benchmarks.md").read_text()
    for measure in measures:
        assert measure.title in doc
