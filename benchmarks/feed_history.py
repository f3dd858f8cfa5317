"""A year of import runs for the bench city, so the feed health pages are measured over
what a council has after a year: every feed imported at its cadence, each run with
realistic counts (rows, rejects, rows linked with certainty, rows queued for review) and
the review queue those queued rows made, most of it decided within days and some still
waiting. The scale city itself has one run per feed.

Generated inside PostgreSQL in one transaction, once: the runs carry HISTORY_CHECKSUM,
so a reused city is not given a second year. Everything is dated within the year before
the city's day, far inside every feed's retention period, so the retention measure
never removes it."""

from dataclasses import dataclass

from django.db import connection, transaction

from chronology.models import Feed, FeedRun
from portal.demo.scale.build import ScaleCity
from portal.demo.users import DEMO_DOMAIN
from stewardship.services.retention import EVENT_DATES

HISTORY_CHECKSUM = "bench-year-of-runs"
DAYS = 365
MIN_ROWS = 5
SNAPSHOT_SQL = {
    Feed.Code.SCHOOLS: "SELECT count(*) FROM schools_school",
    Feed.Code.SCHOOL_CENSUS: "SELECT count(*) FROM schools_enrolment WHERE leaving_date IS NULL",
    Feed.Code.ATTENDANCE: "SELECT 2 * count(*) FROM schools_enrolment WHERE leaving_date IS NULL",
    Feed.Code.HOUSEHOLDS: "SELECT count(*) FROM schools_familymember",
}
"""Feeds sent as a whole extract (the census roll, a day's register): rows per run."""


@dataclass(frozen=True)
class Shape:
    """Shares of a run's rows: rejected, queued for review, linked by a fuzzy match (the
    rest of the linked rows are certain), and unchanged since the last extract."""

    rejected: float
    queued: float
    fuzzy: float
    unchanged: float


SHAPES = {
    Feed.Code.SCHOOLS: Shape(rejected=0.0, queued=0.0, fuzzy=0.0, unchanged=0.97),
    Feed.Code.SCHOOL_CENSUS: Shape(rejected=0.002, queued=0.003, fuzzy=0.0, unchanged=0.97),
    Feed.Code.ATTENDANCE: Shape(rejected=0.001, queued=0.0005, fuzzy=0.0, unchanged=0.0),
    Feed.Code.HOUSEHOLDS: Shape(rejected=0.005, queued=0.01, fuzzy=0.02, unchanged=0.9),
}
EVENT_SHAPE = Shape(rejected=0.01, queued=0.02, fuzzy=0.08, unchanged=0.0)
REVIEW_FEEDS = frozenset(Feed.Code) - {Feed.Code.SCHOOLS, Feed.Code.ATTENDANCE}
"""Feeds whose queued rows wait in the review queue (an attendance mark for an unknown
UPN waits on the mark itself). A whole extract sends its waiting rows again and again,
unchanged: only its new rows open new reviews."""
REVIEW_DAYS = 30
"""A queued row is decided within this many days, most within a few; those whose
decision would come after the city's day are still waiting."""


def has_history() -> bool:
    return FeedRun.objects.filter(checksum=HISTORY_CHECKSUM).exists()


def _levels(city: ScaleCity) -> dict[int, tuple[str, int, int]]:
    """{feed id: (code, cadence in days, usual rows per run)}: a snapshot feed's size, or
    an event feed's events of the last year spread over its runs."""
    feeds = {f.pk: (f.code, f.cadence_days) for f in Feed.objects.all()}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT feed_id, count(*) FROM chronology_event WHERE occurred_on > %s::date - %s "
            "GROUP BY feed_id",
            [city.as_of, DAYS],
        )
        yearly = dict(cursor.fetchall())
        levels = {}
        for pk, (code, cadence) in feeds.items():
            if code in SNAPSHOT_SQL:
                cursor.execute(SNAPSHOT_SQL[code])
                rows = cursor.fetchone()[0]
            else:
                rows = yearly.get(pk, 0) * cadence // DAYS
            levels[pk] = (code, cadence, max(MIN_ROWS, rows))
    return levels


_RUNS_SQL = """
INSERT INTO chronology_feedrun (feed_id, file, original_filename, checksum, started_by_id,
    command_line_user, status, file_error, header, unknown_columns, unsupplied_columns,
    rows_total, rows_done, rows_read, rows_imported, rows_unchanged, rows_queued, rows_rejected,
    rows_linked_certain, marks_linked, created_at, queued_at, started_at, progress_at,
    finished_at, attempts, times_queued)
SELECT c.feed_id, 'bench/history/' || c.code || '-' || to_char(c.at, 'YYYYMMDD') || '.csv',
       c.code || '-' || to_char(c.at, 'YYYYMMDD') || '.csv', %(checksum)s, %(officer)s, '',
       'completed', '', '[]', '[]', '[]', c.n, c.n, c.n,
       c.n - c.rejected - c.queued - c.unchanged, c.unchanged, c.queued, c.rejected,
       c.n - c.rejected - c.queued - c.fuzzy, 0,
       c.at - c.took - interval '1 minute', c.at - c.took - interval '1 minute', c.at - c.took,
       c.at, c.at, 1, 1
FROM (
    SELECT r.*, floor((r.n - r.rejected - r.queued) * r.unchanged_share)::int AS unchanged,
           floor((r.n - r.rejected - r.queued) * r.fuzzy_share)::int AS fuzzy
    FROM (
        SELECT t.*, least(t.n, round(t.n * t.reject_share * (0.5 + random())))::int AS rejected,
               round(t.n * t.queue_share * (0.5 + random()))::int AS queued
        FROM (
            SELECT f.*, round(f.level * (0.85 + 0.3 * random()))::int AS n,
                   (%(as_of)s::date - 1 - k * f.cadence) + time '05:30' + random() * interval '3 hours' AS at,
                   make_interval(secs => 2 + f.level / 20000.0) AS took
            FROM unnest(%(feed_ids)s::bigint[], %(codes)s::text[], %(cadences)s::int[],
                        %(levels)s::int[], %(rejected)s::float[], %(queued)s::float[],
                        %(fuzzy)s::float[], %(unchanged)s::float[])
                 AS f(feed_id, code, cadence, level, reject_share, queue_share, fuzzy_share, unchanged_share)
            CROSS JOIN LATERAL generate_series(0, %(days)s / f.cadence - 1) AS k
        ) t
    ) r
    WHERE r.n >= r.rejected + r.queued
) c
"""

_QUEUED_SQL = """
INSERT INTO chronology_sourcerecord (source_record_id, content_hash, values, link_confidence,
    link_method, created_at, updated_at, family_id, feed_id, last_run_id, person_id, undo)
SELECT 'BENCH-QUEUED-' || r.id || '-' || g, md5(r.id || '-' || g),
       jsonb_build_object(d.key, r.finished_at::date::text), NULL, '', r.finished_at, r.finished_at,
       NULL, r.feed_id, r.id, NULL, '{}'
FROM chronology_feedrun r JOIN chronology_feed f ON f.id = r.feed_id
JOIN unnest(%(codes)s::text[], %(keys)s::text[]) AS d(code, key) ON d.code = f.code
CROSS JOIN LATERAL generate_series(
    1, round(r.rows_queued * r.rows_imported / greatest(1, r.rows_imported + r.rows_unchanged)::float)::int
) AS g
WHERE r.checksum = %(checksum)s
"""

_REVIEWS_SQL = """
INSERT INTO chronology_linkreview (source_record_id, run_id, origin, reason, candidates, status,
    person_id, created_by_id, created_at, decided_by_id, decided_at, note, split_from_id)
SELECT s.id, s.last_run_id, 'import', 'No one matched with certainty', '[]',
       CASE WHEN w.decided_at > %(as_of)s THEN 'open' ELSE 'rejected' END, NULL, NULL, s.created_at,
       CASE WHEN w.decided_at > %(as_of)s THEN NULL ELSE %(officer)s::bigint END,
       CASE WHEN w.decided_at > %(as_of)s THEN NULL ELSE w.decided_at END, '', NULL
FROM chronology_sourcerecord s
CROSS JOIN LATERAL (
    SELECT s.created_at + power(random(), 3) * %(review_days)s * interval '1 day' AS decided_at
) w
WHERE s.source_record_id LIKE 'BENCH-QUEUED-%%' AND s.last_run_id IN (
    SELECT id FROM chronology_feedrun WHERE checksum = %(checksum)s
)
"""


def add_year_of_runs(city: ScaleCity) -> dict[str, int]:
    """Adds the year (unless the city has it) and returns what the city now holds."""
    if not has_history():
        levels = _levels(city)
        shapes = {pk: SHAPES.get(code, EVENT_SHAPE) for pk, (code, _, _) in levels.items()}
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT id FROM accounts_user WHERE email = %s", [f"data.officer@{DEMO_DOMAIN}"])
            officer = cursor.fetchone()[0]
            cursor.execute(
                _RUNS_SQL,
                {
                    "checksum": HISTORY_CHECKSUM,
                    "officer": officer,
                    "as_of": city.as_of,
                    "days": DAYS,
                    "feed_ids": list(levels),
                    "codes": [code for code, _, _ in levels.values()],
                    "cadences": [cadence for _, cadence, _ in levels.values()],
                    "levels": [rows for _, _, rows in levels.values()],
                    "rejected": [shapes[pk].rejected for pk in levels],
                    "queued": [shapes[pk].queued for pk in levels],
                    "fuzzy": [shapes[pk].fuzzy for pk in levels],
                    "unchanged": [shapes[pk].unchanged for pk in levels],
                },
            )
            # Each statement reads what the one before wrote: without fresh statistics the
            # planner takes the year's 2,000 runs for one and scans the source records once
            # per run (an hour on the 100k city, instead of seconds).
            cursor.execute("ANALYZE chronology_feedrun")
            keys = {code: EVENT_DATES.get(code, ("entry_date", None))[0] for code in REVIEW_FEEDS}
            cursor.execute(
                _QUEUED_SQL, {"checksum": HISTORY_CHECKSUM, "codes": list(keys), "keys": list(keys.values())}
            )
            cursor.execute("ANALYZE chronology_sourcerecord")
            cursor.execute(
                _REVIEWS_SQL,
                {
                    "checksum": HISTORY_CHECKSUM,
                    "officer": officer,
                    "as_of": city.as_of,
                    "review_days": REVIEW_DAYS,
                },
            )
        with connection.cursor() as cursor:
            for table in ("chronology_feedrun", "chronology_sourcerecord", "chronology_linkreview"):
                cursor.execute(f"ANALYZE {table}")
    return history_counts()


def history_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FILTER (WHERE checksum = %s), count(*) FROM chronology_feedrun",
            [HISTORY_CHECKSUM],
        )
        history, runs = cursor.fetchone()
        cursor.execute("SELECT count(*), count(*) FILTER (WHERE status = 'open') FROM chronology_linkreview")
        reviews, waiting = cursor.fetchone()
    return {"runs": runs, "history_runs": history, "reviews": reviews, "reviews_waiting": waiting}
