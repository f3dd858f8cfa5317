"""Feed health (issue 18) over a year of import runs: the health page, one feed's page with
its charts, and the data officer's home page, which shows the same problems, each as
the demo data officer and next to the raw SQL for the same figures."""

from datetime import timedelta

from django.db import connection
from django.utils import timezone

from benchmarks.feed_history import add_year_of_runs
from benchmarks.pages import _get, _page_measure, client_for
from benchmarks.timing import Measure, raw_sql
from portal.demo.scale.build import ScaleCity
from stewardship.selectors.health import WINDOW_DAYS

HEALTH_GOAL_MS = 200

_RUN_FIELDS = "c.id, c.finished_at, c.rows_read, c.rows_rejected, c.rows_queued, c.rows_linked_certain"

_HEALTH_SQL = f"""
WITH completed AS (
    SELECT * FROM chronology_feedrun WHERE status = 'completed'
), waiting AS (
    SELECT s.feed_id, count(*) AS n, min(r.created_at) AS oldest
    FROM chronology_linkreview r JOIN chronology_sourcerecord s ON s.id = r.source_record_id
    WHERE r.status = 'open' GROUP BY s.feed_id
)
SELECT f.id, f.code, f.name, f.cadence_days,
       (SELECT max(c.finished_at) FROM completed c WHERE c.feed_id = f.id),
       (SELECT json_agg(json_build_array({_RUN_FIELDS}) ORDER BY c.finished_at, c.id) FROM completed c
        WHERE c.feed_id = f.id AND c.finished_at >= %(since)s AND c.finished_at <= %(now)s),
       w.n, w.oldest
FROM chronology_feed f LEFT JOIN waiting w ON w.feed_id = f.id
ORDER BY f.name
"""

_FEED_SQL = f"""
WITH reviews AS (
    SELECT r.created_at, r.decided_at FROM chronology_linkreview r
    JOIN chronology_sourcerecord s ON s.id = r.source_record_id WHERE s.feed_id = %(feed)s
    AND r.created_at <= %(now)s
    AND (r.decided_at IS NULL OR r.decided_at > %(now)s::timestamptz - %(weeks)s * interval '1 week')
)
SELECT (SELECT max(finished_at) FROM chronology_feedrun WHERE feed_id = %(feed)s AND status = 'completed'),
       (SELECT json_agg(json_build_array({_RUN_FIELDS}) ORDER BY c.finished_at, c.id)
        FROM chronology_feedrun c WHERE c.feed_id = %(feed)s AND c.status = 'completed'
        AND c.finished_at >= %(since)s AND c.finished_at <= %(now)s),
       (SELECT json_agg(json_build_array(w.moment, w.n, w.oldest) ORDER BY w.moment) FROM (
            SELECT m.moment, count(r.created_at) AS n, min(r.created_at) AS oldest
            FROM generate_series(%(now)s::timestamptz - %(weeks)s * interval '1 week', %(now)s,
                                 interval '1 week') m(moment)
            LEFT JOIN reviews r
                ON r.created_at <= m.moment AND (r.decided_at IS NULL OR r.decided_at > m.moment)
            GROUP BY m.moment) w)
"""


def _busiest_review_feed() -> tuple[int, str, int]:
    """The feed with the most rows ever queued for review: the longest review-age chart."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT f.id, f.code, count(r.id) FROM chronology_feed f "
            "LEFT JOIN chronology_sourcerecord s ON s.feed_id = f.id "
            "LEFT JOIN chronology_linkreview r ON r.source_record_id = s.id "
            "GROUP BY f.id, f.code ORDER BY count(r.id) DESC, f.code LIMIT 1"
        )
        return cursor.fetchone()


def feed_health_measures(city: ScaleCity, *, reps: int) -> list[Measure]:
    history = add_year_of_runs(city)
    officer = client_for("data.officer")
    now = timezone.now()
    window = {"now": now, "since": now - timedelta(days=WINDOW_DAYS)}
    feed_id, code, reviews = _busiest_review_feed()
    described = f"{history['runs']:,} import runs, {history['reviews_waiting']:,} rows waiting for review"
    measures = [
        _page_measure(
            "feed_health",
            f"Feed health page, data officer ({described})",
            _get(officer, "/feed-health/"),
            raw_sql(_HEALTH_SQL, window),
            reps=reps,
            goal_ms=HEALTH_GOAL_MS,
        ),
        _page_measure(
            "feed_health_feed",
            f"One feed's health page with its 90-day charts ({code}, {reviews:,} reviews in all)",
            _get(officer, f"/feed-health/{code}/"),
            raw_sql(_FEED_SQL, {**window, "feed": feed_id, "weeks": WINDOW_DAYS // 7 - 1}),
            reps=reps,
            goal_ms=HEALTH_GOAL_MS,
        ),
        _page_measure(
            "home_data_officer",
            "Data officer's home page (shows the feeds' problems)",
            _get(officer, "/"),
            raw_sql(_HEALTH_SQL, window),
            reps=reps,
            goal_ms=HEALTH_GOAL_MS,
        ),
    ]
    for measure in measures:
        measure.extra = dict(history)
    return measures
